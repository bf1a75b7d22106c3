"""The type checker: mypy, at the version the lint extra pins, finds nothing in src/.

Skipped where that mypy is not installed (``pip install -e '.[lint]'``): another release may
judge the same code differently, so only the pinned one is asked."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _pinned() -> str:
    lint = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]["lint"]
    return next(re.fullmatch(r"mypy==(\S+)", spec).group(1) for spec in lint if spec.startswith("mypy=="))


def test_mypy_finds_nothing_in_src():
    mypy = pytest.importorskip("mypy.version")
    if mypy.__version__ != _pinned():
        pytest.skip(f"mypy {mypy.__version__} is installed; the lint extra pins {_pinned()}")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-error-summary"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
