"""An internal error is one line and a hint; with --debug or LIMBER_DEBUG=1 it is its traceback too."""

from __future__ import annotations

import pytest

from limber.errors import EXIT_INTERNAL


@pytest.fixture
def broken(monkeypatch):
    import limber.api

    def load_catalogue(*args, **kwargs):
        raise RuntimeError("something broke")

    monkeypatch.setattr(limber.api, "load_catalogue", load_catalogue)
    monkeypatch.delenv("LIMBER_DEBUG", raising=False)


def test_without_debug_one_line_and_a_hint(run, broken):
    result = run("list", expect=EXIT_INTERNAL)
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert lines[0] == "limber: internal error, please report it: RuntimeError: something broke"
    assert "--debug" in lines[1] and "LIMBER_DEBUG=1" in lines[1]
    assert len(lines) == 2 and result.stdout == ""


def check_traceback(result):
    lines = result.stderr.splitlines()
    assert len(lines) > 3
    assert 'raise RuntimeError("something broke")' in result.stderr  # the line that raised, in this file
    assert "test_cli_debug.py" in result.stderr and "in load_catalogue" in result.stderr
    assert (
        result.stderr.splitlines()[-1]
        == "limber: internal error, please report it: RuntimeError: something broke"
    )
    assert "--debug" not in result.stderr


def test_the_debug_flag_prints_the_traceback(run, broken):
    check_traceback(run("--debug", "show", "ankle-bounce", expect=EXIT_INTERNAL))


@pytest.mark.parametrize("value", ["1", "yes", "true"])
def test_limber_debug_prints_the_traceback(run, broken, monkeypatch, value):
    monkeypatch.setenv("LIMBER_DEBUG", value)
    check_traceback(run("list", expect=EXIT_INTERNAL))


@pytest.mark.parametrize("value", ["0", "", "off"])
def test_limber_debug_off(run, broken, monkeypatch, value):
    monkeypatch.setenv("LIMBER_DEBUG", value)
    assert "Traceback" not in run("list", expect=EXIT_INTERNAL).output


def test_debug_changes_nothing_else(run, monkeypatch):
    monkeypatch.delenv("LIMBER_DEBUG", raising=False)
    assert run("--debug", "list").stdout == run("list").stdout
    result = run("--debug", "show", "ankle-bonce", expect=3)  # an error of the user's: no traceback
    assert "Traceback" not in result.output
