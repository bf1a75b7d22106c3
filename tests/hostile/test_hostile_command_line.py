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


@pytest.mark.unix
@pytest.mark.skipif(getattr(os, "geteuid", lambda: -1)() == 0, reason="root can write into any folder")
def test_preview_into_a_read_only_folder(run, tmp_path):
    pdf = tmp_path / "c.pdf"
    run("card", "ankle-bounce", "-o", pdf)
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o555)
    result = run("preview", pdf, "-o", folder, expect=5)
    assert result.output.startswith(f"limber: cannot write {folder / 'c-001.png'}: Permission denied")


@pytest.mark.parametrize("command", ["card", "deck", "routine", "poster"])
@pytest.mark.parametrize("folder", ["./", "sub", "sub/"])
def test_a_folder_given_as_a_routine_file_is_refused(run, tmp_path, monkeypatch, command, folder):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    args = [command, folder] + ([] if command == "routine" else ["-o", tmp_path / "out.pdf"])
    result = run(*args, expect=3)
    assert result.output == f"limber: 1 problem in the input:\n  {folder}: a folder; expected a YAML file\n"
    assert not (tmp_path / "out.pdf").exists()


def _pdf(objects: list[str]) -> bytes:
    """A PDF of these objects (1 is the catalogue), with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    start = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{start}\n%%EOF\n".encode()
    return bytes(out)


def _page_tree_dag(levels: int) -> bytes:
    """Each level's page-tree node names the next one twice: 2**levels pages from one page."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>"]
    for level in range(levels):
        kid = 3 + level
        objects.append(f"<< /Type /Pages /Kids [{kid} 0 R {kid} 0 R] /Count {2 ** (levels - level)} >>")
    objects.append(f"<< /Type /Page /Parent {1 + levels} 0 R /MediaBox [0 0 200 200] >>")
    return _pdf(objects)


def test_a_tiny_pdf_claiming_65536_pages_is_not_rendered_whole(run, tmp_path):
    pdf = tmp_path / "dag.pdf"
    pdf.write_bytes(_page_tree_dag(16))
    assert pdf.stat().st_size < 2000
    result = run("preview", pdf, "-o", tmp_path / "png", expect=2)
    assert result.output == (
        f"limber: {pdf} has 65536 pages; preview renders at most 200 unless asked: "
        "choose them with --pages (e.g. --pages 1-200), or use --pages all\n"
    )
    assert not (tmp_path / "png").exists()
    result = run("preview", pdf, "-o", tmp_path / "png", "--pages", "2-3,1,2")
    assert result.output == f"wrote 3 images to {tmp_path / 'png'}\n"
    assert sorted(p.name for p in (tmp_path / "png").iterdir()) == [
        "dag-001.png",
        "dag-002.png",
        "dag-003.png",
    ]


@pytest.mark.parametrize(
    "pages, message",
    [
        ("0-2", "--pages: 0-2 is outside pages 1 to 4 of {pdf}"),
        ("3-9", "--pages: 3-9 is outside pages 1 to 4 of {pdf}"),
        ("2-1", "--pages: 2-1 is outside pages 1 to 4 of {pdf}"),
        ("x", "--pages: 'x' is not a page or a range such as 2-5"),
        ("1,,2", "--pages: '' is not a page or a range such as 2-5"),
    ],
)
def test_a_page_list_outside_the_document_is_a_usage_error(run, tmp_path, pages, message):
    pdf = tmp_path / "four.pdf"
    pdf.write_bytes(_page_tree_dag(2))
    result = run("preview", pdf, "-o", tmp_path / "png", "--pages", pages, expect=2)
    assert result.output == "limber: " + message.format(pdf=pdf) + "\n"


def test_a_pdf_whose_page_tree_loops_is_refused(run, tmp_path):
    pdf = tmp_path / "loop.pdf"
    pdf.write_bytes(
        _pdf(
            [
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
            ]
        )
    )
    result = run("preview", pdf, "-o", tmp_path / "png", expect=3)
    assert result.output.startswith(f"limber: 1 problem in the input:\n  {pdf}: page ")
    assert result.output.endswith(" cannot be read (the PDF's page tree is broken)\n")
    assert not list(tmp_path.glob("png/*.png"))  # checked before anything was rendered
