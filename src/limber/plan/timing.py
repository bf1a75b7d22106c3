"""How long exercises and routines take.

Takes: ``Dose`` objects and ``Routine`` items with their exercises.
Gives: estimated seconds. Every assumption is one of the constants below, and only here.
"""

from __future__ import annotations

from ..catalogue.model import Catalogue, Dose, Routine

SECONDS_PER_REP = 3      # one controlled repetition, there and back
REST_BETWEEN_SETS = 10   # a breath or two between sets of the same exercise
SIDE_SWITCH = 5          # changing to the other side or leg
TRANSITION = 10          # moving on to the next exercise of a routine


def dose_seconds(dose: Dose) -> int:
    """Seconds one exercise takes at ``dose``: mid-range count, sets, per-side doubling, rests."""
    per_unit = SECONDS_PER_REP if dose.measure == "reps" else 1
    one_side = dose.count.mean * per_unit
    sides = 2 if dose.per_side else 1
    work = one_side * sides * dose.sets
    pauses = (dose.sets - 1) * REST_BETWEEN_SETS + (sides - 1) * dose.sets * SIDE_SWITCH
    return round(work + pauses)


def item_dose(catalogue: Catalogue, routine: Routine, index: int) -> Dose:
    """The dose of item ``index`` of ``routine``: its override, else the exercise's own."""
    item = routine.items[index]
    return item.dose or catalogue.exercises[item.exercise].dose


def routine_seconds(catalogue: Catalogue, routine: Routine) -> int:
    """Estimated duration of a whole routine, transitions between exercises included."""
    total = sum(dose_seconds(item_dose(catalogue, routine, i)) for i in range(len(routine.items)))
    return total + TRANSITION * (len(routine.items) - 1)


def format_duration(seconds: int) -> str:
    """'about 9 min' or '45 s', for cards and terminals."""
    if seconds < 90:
        return f"{seconds} s"
    return f"about {round(seconds / 60)} min"
