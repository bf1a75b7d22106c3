"""Every printing command works in a fresh process, as users run it: nothing may rely on
fonts or caches that another command of the same process set up first."""

import subprocess
import sys

import pytest

COMMANDS = {
    "calibrate": ["calibrate", "-o", "{out}.pdf"],
    "card": ["card", "walking-knee-hug", "-o", "{out}.pdf"],
    "deck": ["deck", "post-run-stretches", "-o", "{out}.pdf"],
    "poster": ["poster", "post-run-stretches", "-o", "{out}.pdf"],
    "gallery": ["gallery", "-o", "{out}.pdf"],
    "build": ["build", "--minutes", "5", "--phase", "post-run", "--focus", "hips", "-o", "{out}.yaml"],
}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_printing_command_runs_alone_in_a_fresh_process(name, tmp_path):
    args = [a.format(out=tmp_path / name) for a in COMMANDS[name]]
    result = subprocess.run(
        [sys.executable, "-m", "limber", *args], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "internal error" not in result.stderr
    written = next(tmp_path.iterdir())
    head = written.read_bytes()[:5]
    assert (
        head == b"%PDF-" if written.suffix == ".pdf" else written.read_text().startswith("# Built by limber")
    )
