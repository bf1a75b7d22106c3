"""The built-in content against its sources: what the cards say they owe to them."""

import json

import pytest
from layout_checks import text_boxes

from limber.catalogue.load import load_catalogue
from limber.catalogue.model import OWN_STEPS
from limber.layout.card import CardContext, exercise_card
from limber.sizes import card_size
from limber.theme import load_theme

CAT = load_catalogue()

# The first article names these exercises and their benefits, and gives no steps or cues.
NAMES_AND_BENEFITS_ONLY = [
    "back-twist",
    "back-arch",
    "forward-backward-bend",
    "lumbar-rub",
    "hip-swivel",
    "hamstring-calf-stretch",
    "front-outer-thigh-stretch",
    "inner-thigh-stretch",
    "knee-circles",
    "ankle-stretch-roll",
    "foot-massage",
    "abdominal-breathing",
]


def back_text(ident, size=None, theme="default", number=None):
    theme = load_theme(theme)
    w, h = card_size(size or theme.sizes["exercise"])
    card = exercise_card(CardContext(CAT, theme, w, h, theme.bleed), CAT.exercises[ident], number)
    return " ".join(r.text for b, _, _ in text_boxes(card.back.items) for r in b.runs)


def test_exactly_the_first_articles_exercises_have_steps_of_limbers_own():
    assert sorted(i for i, ex in CAT.exercises.items() if ex.own_steps) == sorted(NAMES_AND_BENEFITS_ONLY)
    assert all(CAT.exercises[i].source == "000" for i in NAMES_AND_BENEFITS_ONLY)


@pytest.mark.parametrize("ident", NAMES_AND_BENEFITS_ONLY)
def test_show_says_the_steps_and_cues_are_limbers_own(run, ident):
    lines = run("show", ident).output.splitlines()
    assert lines[-2:] == ["Source: 000", "Steps and cues: limber's own"]
    assert json.loads(run("show", ident, "--json").output)["own_steps"] is True


def test_show_says_nothing_of_the_kind_where_the_source_gives_the_steps(run):
    out = run("show", "walking-knee-hug").output
    assert "Source: 004" in out and OWN_STEPS not in out
    assert json.loads(run("show", "walking-knee-hug", "--json").output)["own_steps"] is False


@pytest.mark.parametrize("ident", NAMES_AND_BENEFITS_ONLY)
def test_the_card_back_says_so_in_its_small_print(ident):
    text = back_text(ident)
    assert f"{OWN_STEPS}." in text, text
    assert text.index("Stop if anything hurts") < text.index(OWN_STEPS)


@pytest.mark.parametrize(
    ("size", "theme"), [("credit", "default"), ("bridge", "ink-saver"), ("a6", "large-print")]
)
def test_the_note_fits_small_and_large_cards_with_a_deck_number(size, theme):
    text = back_text("forward-backward-bend", size, theme, (4, 13))
    assert "Card 4 of 13" in text and f"{OWN_STEPS}." in text


def test_cards_from_other_sources_carry_the_safety_note_alone():
    text = back_text("walking-knee-hug")
    assert "health professional first." in text and OWN_STEPS not in text
