"""One exit status per class of failure, for every command, as ``limber --help`` and the README say."""

from __future__ import annotations

import pytest
from hostile_helpers import exercise

from limber.errors import EXIT_CODES

COMMANDS = [
    "list",
    "show",
    "routines",
    "routine",
    "validate",
    "schema",
    "card",
    "deck",
    "preview",
    "calibrate",
    "gallery",
]


def ok_args(command: str, tmp_path) -> list:
    out = tmp_path / "out.pdf"
    return {
        "list": [],
        "show": ["ankle-bounce"],
        "routines": [],
        "routine": ["low-back-release"],
        "validate": [],
        "schema": [],
        "card": ["ankle-bounce", "-o", out],
        "deck": ["ankle-bounce", "-o", out],
        "calibrate": ["-o", out],
        "gallery": ["-o", out],
    }[command]


def test_help_lists_every_exit_status(run):
    text = run("--help").output
    assert "Exit status:" in text
    for code, meaning in EXIT_CODES:
        assert f"{code:>3}  {meaning}\n" in text


def test_the_readme_lists_the_same_statuses():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    for code, _ in EXIT_CODES:
        assert f"| {code} |" in readme


@pytest.mark.parametrize("command", [c for c in COMMANDS if c != "preview"])
def test_success_is_0(run, tmp_path, command):
    run(command, *ok_args(command, tmp_path), expect=0)


def test_preview_success_is_0(run, tmp_path):
    run("card", "ankle-bounce", "-o", tmp_path / "c.pdf")
    run("preview", tmp_path / "c.pdf", "-o", tmp_path / "png", "--dpi", "20", expect=0)


@pytest.mark.parametrize("command", COMMANDS)
def test_an_unknown_option_is_a_usage_error_2(run, command):
    assert "--nope" in run(command, "--nope", expect=2).output  # click words it; it names the option


# Usage errors found by click are worded by click: the test asks for what limber gives it
# (the option, argument or bound) and for limber's own messages, never for click's words,
# in the message (the last line; the usage summary above it names the arguments anyway).
@pytest.mark.parametrize(
    "args, parts",
    [
        (["card", "ankle-bounce"], ["--output"]),
        (["deck", "-o", "x.pdf"], ["give exercise or routine ids (or routine files), or --all"]),
        (
            ["deck", "ankle-bounce", "-o", "x.pdf", "--offset", "garbage"],
            ["--offset", "expected X,Y in millimetres"],
        ),
        (["preview", "x.pdf", "--dpi", "0"], ["--dpi", "1200"]),
        (["card", "ankle-bounce", "-o", "."], ["--output"]),
        (["list", "--catalogue", "."], ["--catalogue"]),
        (["show"], ["ID"]),
    ],
)
def test_usage_errors_are_2(run, tmp_path, monkeypatch, args, parts):
    monkeypatch.chdir(tmp_path)
    output = run(*args, expect=2).output
    message = output.rstrip("\n").splitlines()[-1]
    assert all(part in message for part in parts), output
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize(
    "command", ["list", "show", "routines", "routine", "validate", "card", "deck", "gallery"]
)
def test_bad_data_is_3(run, tmp_path, command):
    bad = exercise(tmp_path, "bad.yaml", replace={"kind: stretch": "kind: yoga"})
    result = run(command, *ok_args(command, tmp_path), "--catalogue", bad, expect=3)
    assert f"{bad}:4:11: exercises[0].kind (id calf-x): expected one of" in result.output
    assert not (tmp_path / "out.pdf").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["show", "nope"],
        ["routine", "nope"],
        ["card", "nope", "-o", "x.pdf"],
        ["deck", "nope", "-o", "x.pdf"],
        ["calibrate", "-o", "x.pdf", "--sheet", "huge"],
        ["card", "ankle-bounce", "-o", "x.pdf", "--theme", "nope"],
        ["preview", "missing.pdf"],
    ],
)
def test_an_unknown_name_or_missing_input_is_3(run, tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    run(*args, expect=3)


@pytest.mark.parametrize("command", ["card", "deck"])
def test_content_that_does_not_fit_is_4(run, tmp_path, write_yaml, command):
    from conftest import long_routine_yaml

    from limber.catalogue.load import load_catalogue

    # Every built-in routine fits a credit card; thirty exercises do not.
    path = write_yaml("long.yaml", long_routine_yaml(list(load_catalogue().exercises)[:30]))
    result = run(
        command, "every-move", "--catalogue", path, "--size", "credit", "-o", tmp_path / "x.pdf", expect=4
    )
    assert "does not fit" in result.output and not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize("command", ["card", "deck", "calibrate", "gallery"])
def test_an_output_problem_is_5(run, tmp_path, command):
    args = ok_args(command, tmp_path)
    args[args.index("-o") + 1] = tmp_path / "missing" / "out.pdf"
    result = run(command, *args, expect=5)
    assert (
        result.output == f"limber: cannot write {tmp_path / 'missing' / 'out.pdf'}: the folder "
        f"{tmp_path / 'missing'} does not exist\n"
    )


def test_preview_output_problem_is_5(run, tmp_path):
    run("card", "ankle-bounce", "-o", tmp_path / "c.pdf")
    (tmp_path / "file").write_text("x")
    result = run("preview", tmp_path / "c.pdf", "-o", tmp_path / "file" / "png", expect=5)
    assert result.output.startswith(f"limber: cannot make the folder {tmp_path / 'file' / 'png'}: ")


@pytest.mark.parametrize("command", ["list", "show", "card"])
def test_a_bug_is_an_internal_error_1_without_traceback(run, tmp_path, monkeypatch, command):
    import limber.api

    def broken(*args, **kwargs):
        raise RuntimeError("something broke")

    monkeypatch.setattr(limber.api, "load_catalogue", broken)
    result = run(command, *ok_args(command, tmp_path), expect=1)
    first, hint = result.output.splitlines()
    assert first == "limber: internal error, please report it: RuntimeError: something broke"
    assert "--debug" in hint and "LIMBER_DEBUG=1" in hint and "Traceback" not in result.output


def test_ctrl_c_is_130_without_traceback(run, tmp_path, monkeypatch):
    import limber.products

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(limber.products, "render", interrupted)
    result = run("card", "ankle-bounce", "-o", tmp_path / "c.pdf", expect=130)
    assert result.output == "limber: interrupted; no file was written or changed\n"
    assert list(tmp_path.iterdir()) == []


def test_a_reader_that_stops_reading_is_141_without_a_message():
    """``limber list | head -1``: the pipe closes under limber, which stops quietly."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    child = subprocess.Popen(
        [sys.executable, "-m", "limber", "list"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )
    child.stdout.close()  # the reader goes away before limber writes
    status, errors = child.wait(timeout=60), child.stderr.read()
    child.stderr.close()
    assert (status, errors) == (141, b"")
