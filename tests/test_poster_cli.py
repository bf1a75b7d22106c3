"""The ``limber poster`` command: output, refusal with nothing written, preview of a poster."""

from __future__ import annotations

import pypdfium2
import pytest
from pdf_read import page_text

from limber.errors import DataError, FitError, NotFoundError


def test_poster_command_writes_one_page_of_the_paper(run, tmp_path):
    out = tmp_path / "wall.pdf"
    result = run("poster", "post-run-stretches", "-o", out)
    assert "wrote" in result.output and "readable from 1.5 m" in result.output
    doc = pypdfium2.PdfDocument(str(out))
    assert len(doc) == 1
    w, h = doc[0].get_size()
    assert sorted((round(w * 25.4 / 72, 1), round(h * 25.4 / 72, 1))) == [297.0, 420.0]


def test_exercise_ids_with_a_title_make_a_poster(run, tmp_path):
    out = tmp_path / "three.pdf"
    run(
        "poster",
        "walking-knee-hug",
        "ankle-bounce",
        "squat-to-stand",
        "-o",
        out,
        "--paper",
        "a4",
        "--title",
        "Quick warm-up",
    )
    text = page_text(pypdfium2.PdfDocument(str(out))[0])
    assert "Quick warm-up" in text and text.index("Walking knee") < text.index("Ankle bounce") < text.index(
        "Squat to stand"
    )


def test_a_routine_that_does_not_fit_fails_with_a_suggestion_and_writes_nothing(run, tmp_path):
    out = tmp_path / "wall.pdf"
    result = run("poster", "post-run-mobility", "-o", out, "--paper", "a3", expect=FitError.exit_code)
    assert result.output.strip().endswith("needs A2 at 2 m, or A3 read from 1.3 m")
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_an_existing_file_is_left_alone_when_the_poster_does_not_fit(run, tmp_path):
    out = tmp_path / "wall.pdf"
    out.write_bytes(b"%PDF-1.4 old")
    run("poster", "post-run-mobility", "-o", out, "--paper", "a3", expect=FitError.exit_code)
    assert out.read_bytes() == b"%PDF-1.4 old"


def test_a_poster_never_overwrites_its_input_or_a_file_that_is_not_a_pdf(run, write_yaml, tmp_path):
    from limber.errors import OutputError

    theme = write_yaml("mine.yaml", "name: mine\nextends: default\n")
    before = theme.read_bytes()
    result = run("poster", "post-run-stretches", "-o", theme, "--theme", theme, expect=OutputError.exit_code)
    assert "it is an input of this command" in result.output and theme.read_bytes() == before
    notes = tmp_path / "notes.pdf"
    notes.write_text("my notes")
    run("poster", "post-run-stretches", "-o", notes, expect=OutputError.exit_code)
    assert notes.read_text() == "my notes"


def test_a_routine_and_exercises_together_are_refused(run, tmp_path):
    result = run(
        "poster",
        "post-run-stretches",
        "ankle-bounce",
        "-o",
        tmp_path / "x.pdf",
        expect=NotFoundError.exit_code,
    )
    assert "give a routine alone" in result.output


def test_unknown_paper_is_named(run, tmp_path):
    for paper in ("b7", "none", "10x10"):
        result = run(
            "poster",
            "post-run-stretches",
            "-o",
            tmp_path / "x.pdf",
            "--paper",
            paper,
            expect=NotFoundError.exit_code,
        )
        assert (
            f"unknown poster paper '{paper}': use one of a4, a3, a2, a1, a0, letter, tabloid" in result.output
        )
    assert list(tmp_path.iterdir()) == []


def test_preview_works_on_posters(run, tmp_path):
    out = tmp_path / "wall.pdf"
    run("poster", "low-back-release", "-o", out, "--paper", "a4")
    run("preview", out, "-o", tmp_path / "png", "--dpi", "30")
    (png,) = (tmp_path / "png").iterdir()
    from PIL import Image

    with Image.open(png) as image:
        w, h = image.size
    short, long_ = sorted((w, h))  # the layout may turn the page to landscape
    assert abs(short - 210 / 25.4 * 30) <= 1 and abs(long_ - 297 / 25.4 * 30) <= 1


def test_a_routine_file_with_its_own_exercise_makes_a_poster(run, write_yaml, tmp_path):
    from conftest import exercise_yaml

    path = write_yaml(
        "mine.yaml",
        "exercises:"
        + exercise_yaml()
        + """
routines:
  - id: my-cooldown
    title: My cool-down
    phase: post-run
    summary: Two stretches after every easy run.
    items:
      - exercise: calf-wall-stretch
      - exercise: seated-hamstring-stretch
""",
    )
    out = tmp_path / "mine.pdf"
    run("poster", path, "-o", out, "--paper", "a4")
    text = page_text(pypdfium2.PdfDocument(str(out))[0])
    assert "My cool-down" in text and text.index("Calf wall") < text.index("Seated")


def test_a_theme_too_faint_for_a_poster_is_refused_naming_the_colour(run, write_yaml, tmp_path):
    theme = write_yaml(
        "pale.yaml",
        """
        name: pale
        extends: default
        colors:
          muted: "#aaaaaa"
    """,
    )
    out = tmp_path / "wall.pdf"
    result = run("poster", "post-run-stretches", "-o", out, "--theme", theme, expect=DataError.exit_code)
    assert (
        f"{theme}:4:10: colors.muted: #aaaaaa on paper #ffffff has a contrast of 2.3:1; "
        "text needs at least 4.5:1" in result.output
    )
    assert not out.exists()


@pytest.mark.parametrize("command", ["card", "deck"])
def test_a_card_theme_with_faint_text_is_refused_too(run, tmp_path, write_yaml, command):
    theme = write_yaml("white.yaml", 'name: white\nextends: default\ncolors:\n  ink: "#ffffff"\n')
    out = tmp_path / "c.pdf"
    result = run(command, "ankle-bounce", "-o", out, "--theme", theme, expect=DataError.exit_code)
    assert f"{theme}:4:8: colors.ink: #ffffff on paper #ffffff has a contrast of 1.0:1" in result.output
    assert not out.exists()
    assert not out.exists()
