"""How long exercises and routines take.

Takes: ``Dose`` objects, with the ``Exercise`` they belong to, and ``Routine`` items.
Gives: estimated seconds. Every assumption is one of the constants below, and only here.

A repetition takes ``SECONDS_PER_REP`` unless the exercise is slower or quicker by nature:
``REP_SECONDS`` lists those by exercise id (a slow belly breath, a bridge rolled up and
down one vertebra at a time, a squat-to-stand with its pause, a bend forward *and* back),
and ``KIND_REP_SECONDS`` gives a default per kind for exercises of your own. A per-side
dose counts every side, with a pause to switch.
"""

from __future__ import annotations

from ..catalogue.model import Catalogue, Dose, Exercise, Routine

SECONDS_PER_REP = 3  # one controlled repetition, there and back
REST_BETWEEN_SETS = 10  # a breath or two between sets of the same exercise
SIDE_SWITCH = 5  # changing to the other side or leg
TRANSITION = 10  # moving on to the next exercise of a routine

KIND_REP_SECONDS = {
    "breathing": 8,  # one slow breath: about 4 s in, 4 s out
}

REP_SECONDS = {
    "abdominal-breathing": 8,  # slow belly breath in and out
    "bridge-roll-up": 6,  # roll up one vertebra at a time, then down the same way
    "squat-to-stand": 6,  # down, pause about 2 s at the bottom, stand up
    "forward-backward-bend": 7,  # two parts per rep: a slow forward bend, then a back bend
    "back-arch": 4,  # a slow arch and return
    "hip-spine-rotation": 5,  # a controlled rotation held briefly at the end
    "walking-spiderman": 5,  # a long lunge step with the elbow dropped to the instep
    "overhead-lunge-walk": 4,  # a full lunge step with arms overhead
    "wall-slide": 4,  # slide up and down slowly
    "back-twist": 2,  # an easy swinging turn
    "ankle-bounce": 1,  # quick small bounces
}


def rep_seconds(exercise: Exercise | None) -> float:
    """Seconds one repetition of ``exercise`` takes (``SECONDS_PER_REP`` when unknown)."""
    if exercise is None:
        return SECONDS_PER_REP
    if exercise.id in REP_SECONDS:
        return REP_SECONDS[exercise.id]
    return KIND_REP_SECONDS.get(exercise.kind.value, SECONDS_PER_REP)


def dose_seconds(dose: Dose, exercise: Exercise | None = None) -> int:
    """Seconds one exercise takes at ``dose``: mid-range count, sets, every side, rests."""
    per_unit = rep_seconds(exercise) if dose.measure == "reps" else 1
    one_side = dose.count.mean * per_unit
    sides = 2 if dose.per_side else 1
    work = one_side * sides * dose.sets
    pauses = (dose.sets - 1) * REST_BETWEEN_SETS + (sides - 1) * dose.sets * SIDE_SWITCH
    return round(work + pauses)


def item_dose(catalogue: Catalogue, routine: Routine, index: int) -> Dose:
    """The dose of item ``index`` of ``routine``: its override, else the exercise's own."""
    item = routine.items[index]
    return item.dose or catalogue.exercises[item.exercise].dose


def item_seconds(catalogue: Catalogue, routine: Routine, index: int) -> int:
    """Seconds item ``index`` of ``routine`` takes, at its exercise's own pace."""
    ex = catalogue.exercises[routine.items[index].exercise]
    return dose_seconds(item_dose(catalogue, routine, index), ex)


def items_seconds(seconds: list[int]) -> int:
    """A routine of items taking ``seconds`` each, with the transitions between them."""
    return sum(seconds) + TRANSITION * max(0, len(seconds) - 1)


def routine_seconds(catalogue: Catalogue, routine: Routine) -> int:
    """Estimated duration of a whole routine, transitions between exercises included."""
    return items_seconds([item_seconds(catalogue, routine, i) for i in range(len(routine.items))])


def format_duration(seconds: int) -> str:
    """'about 9 min' or '45 s', for cards and terminals."""
    if seconds < 90:
        return f"{seconds} s"
    return f"about {round(seconds / 60)} min"
