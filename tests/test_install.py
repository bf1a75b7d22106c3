"""A plain (non-editable) install works from another directory, bundled data included."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "--target",
            str(target),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    return target


def run_installed(installed: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(installed)}
    return subprocess.run(
        [sys.executable, "-m", "limber", *args], cwd=cwd, env=env, capture_output=True, text=True
    )


def test_the_wheel_carries_data_fonts_and_templates(installed):
    bundled = installed / "limber" / "_bundled"
    assert len(list((bundled / "data" / "exercises").glob("*.yaml"))) == 5
    assert len(list((bundled / "data" / "routines").glob("*.yaml"))) == 6
    assert (bundled / "fonts" / "OFL.txt").is_file()
    assert list((bundled / "fonts").glob("*.ttf"))
    assert (bundled / "templates").is_dir()


def test_commands_work_from_another_directory(installed, tmp_path):
    probe = run_installed(installed, tmp_path, "--version")
    assert probe.returncode == 0, probe.stderr
    where = subprocess.run(
        [sys.executable, "-c", "import limber.resources as r; print(r.data_dir())"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(installed)},
        capture_output=True,
        text=True,
    )
    assert where.stdout.strip().startswith(str(installed)), where.stdout
    result = run_installed(installed, tmp_path, "validate")
    assert result.stdout == "ok: 33 exercises and 6 routines, no problems found\n", result.stderr
    routines = json.loads(run_installed(installed, tmp_path, "routines", "--json").stdout)
    assert len(routines) == 6
