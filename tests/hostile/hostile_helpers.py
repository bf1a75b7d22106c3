"""Helpers for the hostile-input tests: the CLI in a child process (with a time and memory
limit, to catch hangs and blow-ups), and small catalogue files to break on purpose."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import limber

SRC = Path(limber.__file__).resolve().parents[1]
MEMORY_LIMIT = 2 * 1024**3

EXERCISE = """\
exercises:
  - id: calf-x
    name: Calf x
    kind: stretch
    phases: [post-run]
    areas: [calves]
    benefits: [Eases tight calves]
    steps: [Stand facing a wall, Step one foot back, Lean in]
    cues: {do: [Keep the heel down]}
    dose: {hold_s: 30, per_side: true, side: leg}
"""

ROUTINE = """\
routines:
  - id: mine
    title: Mine
    phase: post-run
    summary: Short.
    items:
      - exercise: calf-x
"""


def _limits() -> None:
    import resource  # POSIX only; elsewhere the child runs without the memory limit

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def cli(*args: object, timeout: float = 10, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """``limber ARGS`` in a child process; a hang fails the test after ``timeout`` seconds."""
    env = dict(os.environ, PYTHONPATH=str(SRC))
    return subprocess.run(
        [sys.executable, "-m", "limber", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        cwd=cwd,
        preexec_fn=_limits if os.name == "posix" else None,
    )


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def exercise(
    folder: Path, name: str = "mine.yaml", extra: str = "", replace: dict[str, str] | None = None
) -> Path:
    """The one-exercise catalogue above, with ``replace`` applied and ``extra`` lines appended."""
    text = EXERCISE
    for old, new in (replace or {}).items():
        assert old in text, old
        text = text.replace(old, new)
    return write(folder, name, text + extra)
