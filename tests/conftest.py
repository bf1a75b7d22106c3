"""Shared fixtures: writing small YAML files and running the CLI through click's runner; and
the name of the package that emitted a warning, in the report of a test that it failed."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import textwrap
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result
from warning_origin import pytest_exception_interact, warning_in  # noqa: F401 - the hook

from limber.cli import LimberGroup, main

# The built-in catalogue's cache goes to a folder of the test run's own, not the user's.
_CACHE = tempfile.mkdtemp(prefix="limber-test-cache-")
os.environ["LIMBER_CACHE_DIR"] = _CACHE


def pytest_collection_modifyitems(config, items):
    """Tests marked ``unix`` use what only POSIX systems have; elsewhere they are skipped, so
    that the rest of the suite runs on any platform."""
    if os.name == "posix":
        return
    skip = pytest.mark.skip(reason="needs a POSIX system")
    for item in items:
        if item.get_closest_marker("unix"):
            item.add_marker(skip)


def pytest_unconfigure(config):
    shutil.rmtree(_CACHE, ignore_errors=True)


def invoke_cli(args) -> Result:
    """``limber ARGS`` through click's runner."""
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def write_yaml(tmp_path: Path):
    """write_yaml('name.yaml', text) -> Path, with the text dedented."""

    def write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write


@pytest.fixture
def run(monkeypatch):
    """run('list', '--json') -> click Result; never lets an exception escape silently.

    ``expect`` is the exit status the command must give (None: the test checks it). A warning
    raised in a command (an error in the tests) is raised again here with its traceback, not
    left as limber's exit 1 "internal error", so that the report names who emitted it."""
    warnings: list[Warning] = []
    invoke_group = LimberGroup.invoke

    def watched(self, ctx):
        try:
            return invoke_group(self, ctx)
        except click.exceptions.Exit as exit:
            warning = warning_in(exit)  # limber exits 1 while handling the warning
            if warning is not None:
                warnings.append(warning)
            raise

    monkeypatch.setattr(LimberGroup, "invoke", watched)

    def invoke(*args: str, expect: int | None = 0):
        warnings.clear()
        result = invoke_cli(args)
        if warnings:
            raise warnings[0]
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        assert expect is None or result.exit_code == expect, (result.exit_code, result.output)
        return result

    return invoke


@pytest.fixture(autouse=True)
def fresh_reads():
    """Each test starts with no file read, as each command does."""
    from limber import reads

    reads.forget()
    yield
    reads.forget()


@pytest.fixture(autouse=True)
def fail_on_logged_warning(caplog):
    """A logged warning fails a test unless the test expects it (by clearing caplog)."""
    yield
    warnings = [r for r in caplog.get_records("call") if r.levelno >= logging.WARNING]
    assert not warnings, [r.getMessage() for r in warnings]


MINIMAL_EXERCISE = """
  - id: {id}
    name: {name}
    kind: stretch
    phases: [post-run]
    areas: [calves]
    benefits: [Eases tight calves]
    steps: [Stand facing a wall, Step one foot back, Lean in]
    cues: {{do: [Keep the heel down]}}
    dose: {{hold_s: 30, per_side: true, side: leg}}
"""


def exercise_yaml(ident: str = "calf-wall-stretch", name: str = "Calf wall stretch") -> str:
    return MINIMAL_EXERCISE.format(id=ident, name=name)


def long_routine_yaml(exercise_ids, routine_id: str = "every-move") -> str:
    """A routine file listing every given exercise: too long for a credit card's two sides."""
    items = "\n".join(f"      - exercise: {ident}" for ident in exercise_ids)
    return (
        f"routines:\n  - id: {routine_id}\n    title: Every move\n    phase: anytime\n"
        f"    summary: Every move of the catalogue, one after another.\n    items:\n{items}\n"
    )
