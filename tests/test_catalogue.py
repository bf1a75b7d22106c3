"""The built-in catalogue: all 33 exercises and 6 routines, in limits a card can carry."""

import re

import pytest

from limber.api import routine_view
from limber.catalogue.load import load_catalogue
from limber.catalogue.model import Dose
from limber.catalogue.rules import adapter
from limber.plan.checks import balance_notes
from limber.plan.timing import TRANSITION, dose_seconds, routine_seconds

EXPECTED = {
    "000": [
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
    ],
    "001": ["bridge-roll-up", "lying-knee-twist"],
    "002": [
        "standing-quad-stretch",
        "wide-stance-adductor-stretch",
        "seated-hamstring-stretch",
        "seated-side-pull",
    ],
    "003": [
        "knee-to-wall-ankle",
        "walking-butt-kick",
        "overhead-lunge-walk",
        "squat-to-stand",
        "hip-spine-rotation",
        "walking-spiderman",
        "hanging-twist",
        "wall-slide",
        "ankle-bounce",
    ],
    "004": [
        "walking-knee-hug",
        "walking-quad-pull",
        "walking-figure-4",
        "walking-straight-leg-kick",
        "sideways-hip-swing",
        "forward-hip-swing",
    ],
}
ROUTINES = [
    "full-warm-up-and-stretch",
    "low-back-release",
    "post-run-stretches",
    "advanced-leg-mobility",
    "post-run-mobility",
    "later-in-the-day-stretches",
]


@pytest.fixture(scope="module")
def cat():
    return load_catalogue()


def test_every_seed_exercise_is_there_with_its_source(cat):
    assert len(cat.exercises) == 33
    for source, ids in EXPECTED.items():
        for ident in ids:
            assert cat.exercises[ident].source.split(".")[0] == source


def test_six_routines(cat):
    assert sorted(cat.routines) == sorted(ROUTINES)


def test_texts_are_short_enough_for_a_tired_runner(cat):
    for ex in cat.exercises.values():
        assert 3 <= len(ex.steps) <= 6, ex.id
        assert all(len(s) <= 90 for s in ex.steps), ex.id
        assert all(len(c) <= 60 for c in ex.cues.all()), ex.id
        assert all(not re.match(r"^\d+[.)]", s) for s in ex.steps), ex.id  # cards number the steps


def test_seed_mistakes_are_fixed(cat):
    text = " ".join(" ".join([*e.steps, *e.benefits, *e.cues.all()]) for e in cat.exercises.values()).lower()
    assert "chip-up" not in text and "a fall" not in text
    side_pull = cat.exercises["seated-side-pull"]
    assert "calf" not in " ".join(side_pull.benefits).lower()
    assert "calves" not in {a.value for a in side_pull.areas}
    assert {"glutes", "outer-thighs"} & {a.value for a in side_pull.areas}
    # the source's target is replaced, and the exercise says so where it names its source
    assert side_pull.source.startswith("002. The source names the calves")
    assert [e.value for e in cat.exercises["hanging-twist"].equipment] == ["chin-up-bar"]


def test_seed_doses_are_carried_over(cat):
    ex = cat.exercises
    assert (str(ex["walking-butt-kick"].dose.count), ex["walking-butt-kick"].dose.per_side) == ("5", True)
    assert (str(ex["hip-spine-rotation"].dose.count), ex["hip-spine-rotation"].dose.per_side) == ("8", True)
    assert str(ex["ankle-bounce"].dose.count) == "12-16"
    assert str(ex["bridge-roll-up"].dose.reps) == "15-20"
    assert str(ex["hanging-twist"].dose.reps) == "10-12"
    assert str(ex["squat-to-stand"].dose.reps) == "10"
    for item in cat.routines["post-run-mobility"].items:
        assert str((item.dose or ex[item.exercise].dose).time_s) == "20"
    for item in cat.routines["later-in-the-day-stretches"].items:
        assert str(item.dose.hold_s) == "30-60"


def test_doses_without_a_source_say_so(cat):
    for ident in EXPECTED["000"]:
        assert cat.exercises[ident].dose_note, ident


def test_balance_pairs_exist_and_are_symmetric(cat):
    pairs = {e.id: e.pairs_with for e in cat.exercises.values() if e.pairs_with}
    assert pairs["hamstring-calf-stretch"] == ["front-outer-thigh-stretch", "inner-thigh-stretch"]
    assert pairs["seated-hamstring-stretch"] == ["standing-quad-stretch"]
    assert pairs["front-outer-thigh-stretch"] == ["hamstring-calf-stretch"]
    assert pairs["inner-thigh-stretch"] == ["hamstring-calf-stretch"]
    one_way = [(a, b) for a, partners in pairs.items() for b in partners if a not in pairs.get(b, [])]
    assert one_way == []
    assert len(pairs) == 18


def test_a_routine_that_keeps_its_pairs_has_no_balance_notes(cat):
    assert balance_notes(cat, cat.routines["post-run-mobility"]) == []


def test_dose_seconds_follow_the_documented_constants():
    dose = adapter(Dose).validate_python
    assert dose_seconds(dose({"hold_s": 30, "sets": 2, "per_side": True})) == 30 * 4 + 10 * 1 + 5 * 2
    assert dose_seconds(dose({"reps": "12-16", "per_side": True})) == 14 * 3 * 2 + 5
    assert dose_seconds(dose({"time_s": 20})) == 20


def test_routine_durations(cat):
    r = cat.routines["post-run-mobility"]
    assert routine_seconds(cat, r) == 4 * 20 + 2 * (20 * 2 + 5) + 5 * TRANSITION
    assert 630 <= routine_seconds(cat, cat.routines["advanced-leg-mobility"]) < 690  # "An 11-minute ..."
    view = routine_view(cat, r)
    assert view["duration_s"] == routine_seconds(cat, r)
    assert sum(i["duration_s"] for i in view["items"]) + 5 * TRANSITION == view["duration_s"]


def test_slow_and_two_part_repetitions_take_their_own_time(cat):
    from limber.plan.timing import REP_SECONDS, SECONDS_PER_REP, SIDE_SWITCH

    breath = cat.exercises["abdominal-breathing"]
    assert dose_seconds(breath.dose, breath) == round(7.5 * REP_SECONDS["abdominal-breathing"])
    bend = cat.exercises["forward-backward-bend"]
    assert dose_seconds(bend.dose, bend) == round(6.5 * REP_SECONDS["forward-backward-bend"])
    squat = cat.exercises["squat-to-stand"]
    assert dose_seconds(squat.dose, squat) == 10 * 6
    # an exercise without its own pace keeps the default, every side counted
    knees = cat.exercises["knee-circles"]
    assert dose_seconds(knees.dose, knees) == 9 * SECONDS_PER_REP * 2 + SIDE_SWITCH
    view = routine_view(cat, cat.routines["full-warm-up-and-stretch"])
    assert view["items"][0]["duration_s"] == round(7.5 * 8)
    assert sum(i["duration_s"] for i in view["items"]) + TRANSITION * 12 == view["duration_s"]


def test_the_quad_and_outer_thigh_stretch_counts_both_of_its_holds(cat):
    """Its steps hold twice on each leg (the quad, then the crossed-leg outer thigh), so the
    dose and the estimate count two holds a leg: about two minutes, not one."""
    from limber.plan.timing import REST_BETWEEN_SETS, SIDE_SWITCH

    ex = cat.exercises["front-outer-thigh-stretch"]
    assert sum("Hold" in step for step in ex.steps) == 2
    assert (ex.dose.sets, ex.dose.per_side, str(ex.dose.hold_s)) == (2, True, "20-30")
    assert ex.dose_label() == "Hold 20-30 s x 2 each leg"
    assert dose_seconds(ex.dose, ex) == 25 * 2 * 2 + REST_BETWEEN_SETS + 2 * SIDE_SWITCH == 120
    view = routine_view(cat, cat.routines["full-warm-up-and-stretch"])
    [item] = [i for i in view["items"] if i["exercise"] == ex.id]
    assert item["duration_s"] == 120
