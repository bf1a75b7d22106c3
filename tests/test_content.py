"""The built-in content against its sources: what the cards say they owe to them."""

import json
import re

import pytest
from layout_checks import text_boxes

from limber.catalogue.load import load_catalogue
from limber.catalogue.model import OWN_STEPS
from limber.layout.card import CardContext, exercise_card
from limber.plan.timing import format_duration, item_dose, routine_seconds
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


# Every exercise's dose as its article gives it, read from the five articles:
# (id, article, measure, the article's count, how it gives it, each side).
# "none": no dose at all; "exact": that count; "at least": that count or more.
SOURCE_DOSES = [
    ("back-twist", "000", None, None, "none", None),
    ("back-arch", "000", None, None, "none", None),
    ("forward-backward-bend", "000", None, None, "none", None),
    ("lumbar-rub", "000", None, None, "none", None),
    ("hip-swivel", "000", None, None, "none", None),
    ("hamstring-calf-stretch", "000", None, None, "none", None),
    ("front-outer-thigh-stretch", "000", None, None, "none", None),
    ("inner-thigh-stretch", "000", None, None, "none", None),
    ("knee-circles", "000", None, None, "none", None),
    ("ankle-stretch-roll", "000", None, None, "none", None),
    ("foot-massage", "000", None, None, "none", None),
    ("abdominal-breathing", "000", None, None, "none", None),
    ("bridge-roll-up", "001", "reps", "15-20", "exact", False),
    ("lying-knee-twist", "001", None, None, "none", None),  # reps, or hold until the back lets go
    ("standing-quad-stretch", "002", None, None, "none", None),
    ("wide-stance-adductor-stretch", "002", None, None, "none", None),
    ("seated-hamstring-stretch", "002", None, None, "none", None),
    ("seated-side-pull", "002", None, None, "none", None),
    ("knee-to-wall-ankle", "003", None, None, "none", None),  # until the knee only just reaches
    ("walking-butt-kick", "003", "reps", "5", "at least", True),
    ("overhead-lunge-walk", "003", "reps", "5", "at least", True),  # cycles of a lunge a leg
    ("squat-to-stand", "003", "reps", "10", "at least", False),
    ("hip-spine-rotation", "003", "reps", "8", "exact", True),
    ("walking-spiderman", "003", "reps", "5", "exact", True),
    ("hanging-twist", "003", "reps", "10-12", "exact", True),
    ("wall-slide", "003", "reps", "6", "exact", False),  # both arms at once
    ("ankle-bounce", "003", "reps", "12-16", "exact", True),
    ("walking-knee-hug", "004", "time_s", "20", "exact", False),  # legs alternate as you walk
    ("walking-quad-pull", "004", "time_s", "20", "exact", False),
    ("walking-figure-4", "004", "time_s", "20", "exact", False),
    ("walking-straight-leg-kick", "004", "time_s", "20", "exact", False),
    ("sideways-hip-swing", "004", "time_s", "20", "exact", False),  # names one leg, no switch
    ("forward-hip-swing", "004", "time_s", "20", "exact", True),  # switch legs after 20 s
]
# Routines whose article sets the dose of every item, whatever the exercise's own article.
ROUTINE_DOSES = {
    "later-in-the-day-stretches": ("hold_s", "30-60"),  # the mobility article's later stretches
    "post-run-mobility": ("time_s", "20"),
}


def _matches(dose, measure, count, how, per_side):
    """Whether ``dose`` is what the article asks: the same count, or at least its least number."""
    if dose.measure != measure or dose.per_side != per_side:
        return False
    if how == "at least":
        return dose.count.low * dose.sets >= int(count)
    return dose.sets == 1 and str(dose.count) == count


def test_the_table_covers_every_built_in_exercise():
    assert sorted(row[0] for row in SOURCE_DOSES) == sorted(CAT.exercises)
    for ident, article, *_ in SOURCE_DOSES:
        assert CAT.exercises[ident].source.split(".")[0] == article, ident


@pytest.mark.parametrize(("ident", "article", "measure", "count", "how", "per_side"), SOURCE_DOSES)
def test_every_dose_that_is_not_its_articles_says_why(ident, article, measure, count, how, per_side):
    ex = CAT.exercises[ident]
    if how == "none":
        assert ex.dose_note, f"{ident}: the article gives no dose, so the dose needs a dose_note"
    elif how == "at least":
        # a card cannot print "at least": it gives the least number and the note says so
        assert _matches(ex.dose, measure, count, how, per_side), ident
        assert ex.dose_note and f"at least {count}" in ex.dose_note, ident
    elif not _matches(ex.dose, measure, count, how, per_side):
        assert ex.dose_note, f"{ident}: {ex.dose_label()} differs from the article's {count}"


def test_routine_doses_keep_to_the_articles():
    """A routine item has no dose_note, so its dose must be what the article asks."""
    table = {row[0]: row[2:] for row in SOURCE_DOSES}
    checked = 0
    for routine in CAT.routines.values():
        for item in routine.items:
            ex = CAT.exercises[item.exercise]
            dose = item.dose or ex.dose
            if routine.id in ROUTINE_DOSES:
                measure, count = ROUTINE_DOSES[routine.id]
                assert _matches(dose, measure, count, "exact", ex.dose.per_side), (routine.id, ex.id)
            elif item.dose is not None and table[ex.id][2] != "none":
                assert _matches(dose, *table[ex.id]), (routine.id, ex.id, ex.dose_label(dose))
            else:
                assert item.dose is None or item.dose == ex.dose, (routine.id, ex.id)
            checked += 1
    assert checked == sum(len(r.items) for r in CAT.routines.values())


def test_the_spiderman_does_the_articles_five_lunges_a_leg_in_the_advanced_routine():
    routine = CAT.routines["advanced-leg-mobility"]
    [index] = [i for i, item in enumerate(routine.items) if item.exercise == "walking-spiderman"]
    dose = item_dose(CAT, routine, index)
    assert (str(dose.reps), dose.sets, dose.per_side) == ("5", 1, True)


NUMBER_WORDS = dict(
    (word, n)
    for n, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
)
MINUTES = re.compile(r"\b(\d+|" + "|".join(NUMBER_WORDS) + r")[- ]minutes?\b", re.IGNORECASE)


def test_minutes_a_routine_states_are_the_minutes_limber_estimates():
    """Rounding rule: a number of minutes in a routine's title or summary is its estimate rounded
    to the nearest whole minute, which is what `limber routines` prints ("about 11 min")."""
    stated = {}
    for routine in CAT.routines.values():
        seconds = routine_seconds(CAT, routine)
        for text in (routine.title, routine.summary):
            for match in MINUTES.finditer(text):
                word = match.group(1).lower()
                minutes = int(word) if word.isdigit() else NUMBER_WORDS[word]
                assert format_duration(seconds) == f"about {minutes} min", (routine.id, seconds)
                stated[routine.id] = minutes
    assert stated == {"advanced-leg-mobility": 11}


def _items(routine_id):
    routine = CAT.routines[routine_id]
    return [
        (CAT.exercises[item.exercise], item_dose(CAT, routine, i)) for i, item in enumerate(routine.items)
    ]


# What each summary says of its routine, and how to see that it holds.
SUMMARY_CLAIMS = [
    (
        "advanced-leg-mobility",
        "for experienced runners",
        lambda items: sum(ex.level.value == "advanced" for ex, _ in items) >= 6,
    ),
    (
        "full-warm-up-and-stretch",
        "Start and finish with slow belly breathing",
        lambda items: items[0][0].id == items[-1][0].id == "abdominal-breathing",
    ),
    (
        "later-in-the-day-stretches",
        "Hold each stretch 30 to 60 seconds",
        lambda items: all(str(d.hold_s) == "30-60" for _, d in items),
    ),
    (
        "low-back-release",
        "Two floor moves",
        lambda items: len(items) == 2 and all("mat" in [e.value for e in ex.equipment] for ex, _ in items),
    ),
    ("post-run-mobility", "Six quick walking and swinging drills", lambda items: len(items) == 6),
    (
        "post-run-mobility",
        "20 seconds each (each leg for the swings)",
        lambda items: all(
            str(d.time_s) == "20" and d.per_side == ex.id.endswith("hip-swing") for ex, d in items
        ),
    ),
    (
        "post-run-stretches",
        "Four simple stretches",
        lambda items: len(items) == 4 and all(ex.kind.value == "stretch" for ex, _ in items),
    ),
    (
        "post-run-stretches",
        "the outer hips",
        lambda items: any({"hips", "glutes"} <= {a.value for a in ex.areas} for ex, _ in items),
    ),
]


@pytest.mark.parametrize(("routine_id", "claim", "holds"), SUMMARY_CLAIMS)
def test_what_a_summary_says_of_its_routine_is_true(routine_id, claim, holds):
    assert claim in CAT.routines[routine_id].summary
    assert holds(_items(routine_id))
