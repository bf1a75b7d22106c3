"""Counts read right for one and for many, in every summary limber prints."""

from __future__ import annotations

import pytest
from conftest import exercise_yaml

from limber.errors import DataError, Problem
from limber.words import count


@pytest.mark.parametrize(
    "number, text",
    [
        (0, "0 cards"),
        (1, "1 card"),
        (2, "2 cards"),
        (1.0, "1 card"),
        (1.5, "1.5 cards"),
        ("1", "1 card"),
        ("1,234", "1,234 cards"),
    ],
)
def test_count_follows_the_number_as_shown(number, text):
    assert count(number, "card") == text


def test_count_takes_an_irregular_plural():
    assert count(1, "copy", "copies") == "1 copy"
    assert count(3, "copy", "copies") == "3 copies"


def test_a_dose_of_one_rep_or_breath_is_singular():
    from limber.catalogue.model import Dose
    from limber.catalogue.rules import adapter

    def label(reps, unit="rep"):
        return adapter(Dose).validate_python({"reps": reps}).label(unit)

    assert label(1) == "1 rep"
    assert label(2) == "2 reps"
    assert label("1-3", "breath") == "1-3 breaths"


def test_problems_in_the_input_for_one_and_two():
    one = Problem("a.yaml", 1, 1, "id", "bad")
    assert str(DataError([one])).startswith("1 problem in the input:")
    assert str(DataError([one, one])).startswith("2 problems in the input:")


def test_list_counts_one_and_many(run):
    assert run("list", "--kind", "breathing").stderr == "1 exercise\n"
    assert run("list", "--kind", "massage").stderr.endswith(" exercises\n")


def test_validate_counts_files_of_yours(run, write_yaml):
    one = write_yaml("one.yaml", "exercises:" + exercise_yaml("calf-one", "Calf one"))
    two = write_yaml("two.yaml", "exercises:" + exercise_yaml("calf-two", "Calf two"))
    assert "(with 1 file of yours)" in run("validate", one).output
    assert "(with 2 files of yours)" in run("validate", one, two).output


def test_deck_card_and_preview_summaries_for_one_and_two(run, tmp_path):
    one = tmp_path / "one.pdf"
    out = run("deck", "ankle-bounce", "--sheet", "none", "--duplex", "off", "-o", one).output
    assert "1 card on 1 page, one per page" in out
    two = run(
        "deck", "ankle-bounce", "walking-knee-hug", "--sheet", "none", "-o", tmp_path / "two.pdf"
    ).output
    assert "2 cards on 4 pages" in two
    assert "wrote 1 image to" in run("preview", one, "-o", tmp_path / "png").output
    assert (
        "wrote 4 images to"
        in run("preview", tmp_path / "two.pdf", "-o", tmp_path / "png2", "--dpi", 30).output
    )


def test_a_routine_of_one_exercise_says_so(run, write_yaml):
    path = write_yaml(
        "solo.yaml",
        """
        routines:
          - id: solo
            title: Solo
            phase: anytime
            summary: Just one.
            items:
              - exercise: ankle-bounce
        """,
    )
    assert "anytime, 1 exercise," in run("routine", path).output


def test_club_summary_for_one_member(run, tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("name,routines\nAna,post-run-mobility\n", encoding="utf-8")
    out = run("club", roster, "-o", tmp_path / "out").output
    assert "and 1 member file: 1 member," in out
    assert " 2 files," in out
