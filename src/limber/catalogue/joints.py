"""Joints and body points of a figure: names per view and plausible human limits.

Takes: nothing (plain data and two small functions). Gives: ``LIMITS`` (degrees per view and
joint), ``SIDES`` (the limb sides of each view), the joint and point names, ``point_names(view)``
and ``limit_problem(view, joint, value)``. Shared by the pose model and the kinematics.
"""

from __future__ import annotations

# Plausible human limits (degrees) per view and joint. Front-view limits are for the angle seen
# in the picture plane, which mixes in rotation, so they are wider where rotation allows it.
LIMITS: dict[str, dict[str, tuple[float, float]]] = {
    "side": {
        "hip": (-45, 150),
        "knee": (0, 160),
        "ankle": (-50, 35),
        "shoulder": (-70, 185),
        "elbow": (0, 155),
        "wrist": (-80, 80),
        "spine": (-35, 60),
        "neck": (-60, 70),
    },
    "front": {
        "hip": (-90, 120),
        "knee": (-150, 150),
        "ankle": (-45, 45),
        "shoulder": (-60, 185),
        "elbow": (-155, 155),
        "wrist": (-80, 80),
        "spine": (-40, 40),
        "neck": (-45, 45),
    },
}

SIDES = {"side": ("near", "far"), "front": ("left", "right")}
LIMB_JOINTS = ("hip", "knee", "ankle", "shoulder", "elbow", "wrist")
LIMB_POINTS = ("hip", "knee", "ankle", "toe", "shoulder", "elbow", "wrist", "hand")
BODY_POINTS = ("head", "head_top", "neck", "chest", "waist", "belly", "lower_back", "pelvis")


def point_names(view: str) -> tuple[str, ...]:
    """Every body point a contact, anchor or arrow may name in this view."""
    return BODY_POINTS + tuple(f"{s}_{p}" for s in SIDES[view] for p in LIMB_POINTS)


def limit_problem(view: str, joint: str, value: float) -> str | None:
    """A message if ``value`` is outside the human limit of ``joint`` in ``view``, else None."""
    low, high = LIMITS[view][joint]
    if low <= value <= high:
        return None
    return f"{joint} angle {value:g} deg is beyond the human limit of {low:g}..{high:g} ({view} view)"
