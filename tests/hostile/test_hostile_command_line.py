"""Odd command-line values get a clear message and the right exit status, never a traceback."""

from __future__ import annotations

import os

import pytest


@pytest.mark.parametrize("value", ["nan,0", "0,inf", "-inf,1", "1,2,3", ""])
def test_offset_must_be_two_finite_numbers(run, tmp_path, value):
    for command in (["deck", "ankle-bounce"], ["calibrate"]):
        result = run(*command, "-o", tmp_path / "x.pdf", "--offset", value, expect=2)
        assert "--offset" in result.output
        assert f"expected X,Y in millimetres such as 1.5,-0.5, found '{value}'" in result.output
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize("value", ["nan", "inf"])
def test_bleed_must_be_a_finite_number(run, tmp_path, value):
    result = run("deck", "ankle-bounce", "-o", tmp_path / "x.pdf", "--bleed", value, expect=2)
    # click's range check (worded by click) or limber's own refuses it; either names both
    message = result.output.rstrip("\n").splitlines()[-1]
    assert "--bleed" in message and value in message, result.output


@pytest.mark.parametrize("command", [["show"], ["routine"], ["card", "-o", "x.pdf"], ["deck", "-o", "x.pdf"]])
def test_an_id_longer_than_a_file_name_can_be(run, tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    ident = "a" * 300
    result = run(command[0], ident, *command[1:], expect=3)
    assert f"'{'a' * 60}... (300 characters)'" in result.output
    assert "File name too long" not in result.output and len(result.output) < 200


def test_an_id_with_a_nul_character(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("card", "ankle\x00bounce", "-o", "x.pdf", expect=3)
    assert result.output.startswith("limber: 'ankle\\x00bounce' is neither an exercise nor a routine")


def test_control_characters_in_arguments_are_escaped_in_messages(run):
    result = run("show", "\x1b]0;owned\x07\x1b[31mred", expect=3)
    assert result.output == "limber: no exercise has the id '\\x1b]0;owned\\x07\\x1b[31mred'\n"
    assert "\x1b" not in result.output and "\x07" not in result.output


def test_preview_of_a_huge_page_is_refused_before_rendering(run, tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    pdf = tmp_path / "poster.pdf"
    canvas = Canvas(str(pdf), pagesize=(14400, 14400))  # 5 m x 5 m, the largest PDF page
    canvas.showPage()
    canvas.save()
    result = run("preview", pdf, "-o", tmp_path / "png", "--dpi", "1200", expect=5)
    assert result.output == (
        f"limber: page 1 of {pdf} is 5080 x 5080 mm: at 1200 dpi that is 57600 million "
        "pixels, over the limit of 150 million; use --dpi 61 or less\n"
    )
    assert not (tmp_path / "png").exists()


def test_preview_into_a_path_that_cannot_be_a_folder(run, tmp_path):
    pdf = tmp_path / "c.pdf"
    run("card", "ankle-bounce", "-o", pdf)
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder")
    result = run("preview", pdf, "-o", blocker / "png", expect=5)
    assert result.output == f"limber: cannot make the folder {blocker / 'png'}: Not a directory\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into any folder")
def test_preview_into_a_read_only_folder(run, tmp_path):
    pdf = tmp_path / "c.pdf"
    run("card", "ankle-bounce", "-o", pdf)
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o555)
    result = run("preview", pdf, "-o", folder, expect=5)
    assert result.output.startswith(f"limber: cannot write {folder / 'c-001.png'}: Permission denied")
