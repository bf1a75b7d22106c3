"""The order of a routine's exercises: posture groups, phase-wise intensity, breathing last.

Takes: exercises (with their figure data) and a phase. Gives: ``posture`` (standing, seated
or floor, read from where the figure's pelvis or neck rests) and ``order_key`` for sorting a
routine's items so that standing work comes together and floor work together (nobody gets
up and down twice), a warm-up builds from gentle to brisk and ends on its feet, and after a
run the floor work comes last with breathing at the very end.
"""

from __future__ import annotations

from ..catalogue.model import Equipment, Exercise, Phase

POSTURES = ("standing", "seated", "floor")

# Within a posture group: which kinds of work come first.
KIND_ORDER = {
    Phase.warm_up: ("breathing", "massage", "mobility", "stretch", "strength", "dynamic"),
    Phase.post_run: ("dynamic", "mobility", "stretch", "strength", "massage", "breathing"),
    Phase.anytime: ("mobility", "dynamic", "stretch", "strength", "massage", "breathing"),
}

# Which posture group comes first: a warm-up gets up off the floor once and finishes
# standing, ready to run; after a run (or any time) the runner stands first, then sits or lies.
POSTURE_ORDER = {
    Phase.warm_up: ("floor", "seated", "standing"),
    Phase.post_run: ("standing", "seated", "floor"),
    Phase.anytime: ("standing", "seated", "floor"),
}


LYING_ON = ("pelvis", "neck")  # body points that rest on the ground when sitting or lying


def posture(ex: Exercise) -> str:
    """'floor' when, in any frame of the figure, the pelvis or neck rests on the floor or a
    mat; 'seated' when the pelvis rests on a chair; else 'standing'. Without a figure,
    'floor' for mat work."""
    if ex.figure is not None:
        rests = {frame.touch.get(point) for frame in ex.figure.frames for point in LYING_ON}
        if rests & {"floor", "mat"}:
            return "floor"
        return "seated" if "chair" in rests else "standing"
    return "floor" if Equipment.mat in ex.equipment else "standing"


def order_key(ex: Exercise, phase: Phase, rank: int) -> tuple:
    """Sort key for an exercise chosen ``rank``-th (pairs are chosen together, so they stay
    side by side within their group)."""
    last = phase is not Phase.warm_up and ex.kind.value == "breathing"
    return (last, POSTURE_ORDER[phase].index(posture(ex)), KIND_ORDER[phase].index(ex.kind.value), rank)
