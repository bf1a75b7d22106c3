"""The printing commands through click's runner: card, deck, preview, calibrate."""

import os

import pypdfium2
import pytest

from limber.layout.units import mm


def pages(path):
    return len(pypdfium2.PdfDocument(str(path)))


def test_card_for_an_exercise_and_a_routine(run, tmp_path):
    out = tmp_path / "knee.pdf"
    assert run("card", "walking-knee-hug", "-o", out).output == (
        f"wrote {out}: 2 pages, card 63.50 x 88.90 mm\n"
    )
    out2 = tmp_path / "routine.pdf"
    assert "card 85.60 x 53.98 mm" in run("card", "post-run-mobility", "-o", out2).output
    assert pages(out) == pages(out2) == 2


def test_card_from_a_routine_file(run, tmp_path, write_yaml):
    path = write_yaml(
        "mine.yaml",
        """
        routines:
          - id: two-minute
            title: Two-minute reset
            phase: post-run
            summary: Two drills.
            items:
              - exercise: walking-knee-hug
              - exercise: ankle-bounce
        """,
    )
    out = tmp_path / "mine.pdf"
    run("card", path, "-o", out)
    assert pages(out) == 2


def test_deck_defaults_to_a4_duplex(run, tmp_path):
    out = tmp_path / "deck.pdf"
    assert run("deck", "post-run-mobility", "-o", out).output == (
        f"wrote {out}: 7 cards on 2 pages, 8 per A4 sheet; steps 9.5 pt, cues 9 pt\n"
    )
    w, h = pypdfium2.PdfDocument(str(out))[0].get_size()
    assert (round(mm(w), 1), round(mm(h), 1)) == (297.0, 210.0)  # four poker cards across, two down


@pytest.mark.parametrize(
    "args, count",
    [
        (["--sheet", "letter", "--duplex", "short"], 4),
        (["--duplex", "off"], 1),
        (["--fold"], 2),
        (["--sheet", "none"], 14),
        (["--no-crop-marks", "--bleed", "2", "--offset", "1,-0.5"], 2),
        (["--theme", "ink-saver"], 2),
        (["--size", "bridge"], 2),
    ],
)
def test_deck_options(run, tmp_path, args, count):
    out = tmp_path / "deck.pdf"
    run("deck", "post-run-mobility", "-o", out, *args)
    assert pages(out) == count


def test_deck_all(run, tmp_path):
    out = tmp_path / "all.pdf"
    output = run("deck", "--all", "-o", out).output
    assert output.startswith(f"wrote {out}: 33 cards on 10 pages, 8 per A4 sheet; steps 8 pt, cues ")
    smaller = output.split("(smaller on ")[1].split(":")[0].split(", ") if "smaller on" in output else []
    assert len(smaller) <= 33 // 10, "one body size for nine cards in ten"


def test_deck_needs_targets(run, tmp_path):
    result = run("deck", "-o", tmp_path / "x.pdf", expect=2)
    assert "give exercise or routine ids (or routine files), or --all" in result.output


def test_unknown_target_theme_size_and_bad_offset_fail_cleanly(run, tmp_path):
    out = tmp_path / "x.pdf"
    assert (
        "'walking-nee-hug' is neither an exercise nor a routine (did you mean walking-knee-hug"
        in run("deck", "walking-nee-hug", "-o", out, expect=3).output
    )
    assert (
        "unknown theme 'dark'" in run("deck", "ankle-bounce", "-o", out, "--theme", "dark", expect=3).output
    )
    assert (
        "unknown card size 'huge'"
        in run("deck", "ankle-bounce", "-o", out, "--size", "huge", expect=3).output
    )
    assert (
        "expected X,Y in millimetres"
        in run("deck", "ankle-bounce", "-o", out, "--offset", "1", expect=2).output
    )
    assert not out.exists()


def test_content_that_does_not_fit_exits_with_the_fit_status_and_keeps_the_old_file(
    run, tmp_path, write_yaml
):
    from conftest import long_routine_yaml

    from limber.catalogue.load import load_catalogue
    from limber.errors import FitError

    path = write_yaml("long.yaml", long_routine_yaml(list(load_catalogue().exercises)[:30]))
    out = tmp_path / "card.pdf"
    out.write_bytes(b"%PDF-old")
    result = run(
        "card", "every-move", "--catalogue", path, "--size", "credit", "-o", out, expect=FitError.exit_code
    )
    assert result.output.startswith("limber: every-move: field 'items' does not fit")
    assert out.read_bytes() == b"%PDF-old" and sorted(os.listdir(tmp_path)) == ["card.pdf", "long.yaml"]


def test_theme_from_a_file_with_extends(run, tmp_path, write_yaml):
    theme = write_yaml(
        "club.yaml",
        """
        name: club
        extends: default
        colors:
          kinds: {dynamic: "#004488"}
        """,
    )
    out = tmp_path / "deck.pdf"
    run("deck", "walking-knee-hug", "-o", out, "--theme", theme)
    assert pages(out) == 2


def test_theme_cycle_is_an_error(run, tmp_path, write_yaml):
    write_yaml("a.yaml", "name: a\nextends: b.yaml\n")
    b = write_yaml("b.yaml", "name: b\nextends: a.yaml\n")
    result = run("deck", "walking-knee-hug", "-o", tmp_path / "x.pdf", "--theme", b, expect=3)
    assert "themes extend each other in a cycle" in result.output


def test_bad_theme_value_names_file_line_and_field(run, tmp_path, write_yaml):
    from limber.errors import DataError

    theme = write_yaml("bad.yaml", "name: bad\nextends: default\ntext:\n  steps:\n    size: -3\n")
    result = run(
        "deck", "walking-knee-hug", "-o", tmp_path / "x.pdf", "--theme", theme, expect=DataError.exit_code
    )
    assert f"{theme}:5:11: text.steps.size:" in result.output


def test_preview_writes_one_png_per_page(run, tmp_path):
    out = tmp_path / "deck.pdf"
    run("deck", "low-back-release", "-o", out)
    result = run("preview", out, "-o", tmp_path / "png", "--dpi", "40")
    assert result.output == f"wrote 2 images to {tmp_path / 'png'}\n"
    assert sorted(os.listdir(tmp_path / "png")) == ["deck-001.png", "deck-002.png"]


def test_preview_of_a_missing_pdf_fails_cleanly(run, tmp_path):
    result = run("preview", tmp_path / "nope.pdf", expect=3)
    assert result.output == f"limber: 1 problem in the input:\n  {tmp_path / 'nope.pdf'}: file not found\n"


def test_calibrate_writes_two_pages_with_the_offset_applied(run, tmp_path):
    out = tmp_path / "cal.pdf"
    run("calibrate", "-o", out, "--offset", "1.5,-1")
    assert pages(out) == 2
