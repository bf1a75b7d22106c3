"""Forward kinematics: a posed frame -> joint coordinates of a stick body, in body units.

Takes: a ``catalogue.pose.Frame`` and the view ('side' or 'front'), plus ``facing``.
Gives: ``Body``: named points (x, y) in world body units (floor y = 0, the frame's anchor at
its ``at``), and the segments to draw as chains of point names with the group each belongs to
(torso, near, far, left, right). ``lengths`` gives the fixed segment lengths: a standing body
is about 94 units tall, and every segment keeps its length in every pose. In side view the
body also has a ``nose`` point, on the face side of the head (the facing cue).

It sits in the load stage because contacts are checked when a figure is loaded; the figure
package draws the same bodies.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from .joints import LIMB_JOINTS, SIDES, limit_problem

FrameLike = Any  # a catalogue.pose.Frame (pose sits above this module)

HEAD_R = 6.5  # head radius
NECK = 4.0  # neck base to the bottom of the head
TORSO_LOW = 13.0  # pelvis to waist
TORSO_UP = 15.0  # waist to neck base
UPPER_ARM = 17.0
FOREARM = 15.0
HAND = 6.0
THIGH = 25.0
SHIN = 24.0
FOOT = 9.0  # ankle to toe, side view
FOOT_FRONT = 4.5  # a foot seen from the front: its width, pointing outward
SHOULDER_HALF = 8.0  # front view: neck base to each shoulder
HIP_HALF = 5.0  # front view: pelvis to each hip joint
NOSE = 3.4  # side view: how far the nose sticks out of the head
BELLY = 2.5  # belly / lower back: in front of / behind the middle of the lower torso

# Segment lengths by (from, to) point suffix; limb segments are prefixed with the side name.
LIMB_SEGMENTS = (
    ("hip", "knee", THIGH),
    ("knee", "ankle", SHIN),
    ("ankle", "toe", FOOT),
    ("shoulder", "elbow", UPPER_ARM),
    ("elbow", "wrist", FOREARM),
    ("wrist", "hand", HAND),
)


def lengths(view: str) -> dict[tuple[str, str], float]:
    """Every fixed segment of the view: (point, point) -> length in body units."""
    out = {("pelvis", "waist"): TORSO_LOW, ("waist", "neck"): TORSO_UP, ("neck", "head"): NECK + HEAD_R}
    for side in SIDES[view]:
        for a, b, length in LIMB_SEGMENTS:
            if (a, b) == ("ankle", "toe") and view == "front":
                length = FOOT_FRONT
            out[(f"{side}_{a}", f"{side}_{b}")] = length
        if view == "front":
            out[("pelvis", f"{side}_hip")] = HIP_HALF
            out[("neck", f"{side}_shoulder")] = SHOULDER_HALF
    return out


def direction(theta: float) -> tuple[float, float]:
    """Unit vector for an angle in degrees measured clockwise from straight up."""
    rad = math.radians(theta)
    return math.sin(rad), math.cos(rad)


def _step(p: tuple[float, float], length: float, theta: float) -> tuple[float, float]:
    dx, dy = direction(theta)
    return p[0] + length * dx, p[1] + length * dy


@dataclass(frozen=True)
class Body:
    """A posed body: points by name (world body units) and chains of points to stroke."""

    points: dict[str, tuple[float, float]]
    chains: tuple[tuple[str, tuple[str, ...]], ...]  # (group, point names in stroke order)
    view: str

    def __getitem__(self, name: str) -> tuple[float, float]:
        return self.points[name]


def pose(frame: FrameLike, view: str, facing: str = "right") -> Body:
    """Place every joint of ``frame``: pelvis first, then mirror (facing left) and anchor."""
    pts: dict[str, tuple[float, float]] = {"pelvis": (0.0, 0.0)}
    lower = frame.trunk + (180.0 if frame.fold else 0.0)
    upper = lower + frame.spine
    # Limbs hang from an upright frame of reference when the torso is folded down (front view).
    pelvis_ref = lower - (180.0 if frame.fold else 0.0)
    arm_ref = upper - (180.0 if frame.fold else 0.0)
    head_dir = upper + frame.neck
    pts["waist"] = _step(pts["pelvis"], TORSO_LOW, lower)
    pts["neck"] = _step(pts["waist"], TORSO_UP, upper)
    pts["chest"] = _step(pts["waist"], TORSO_UP * 0.5, upper)
    pts["head"] = _step(pts["neck"], NECK + HEAD_R, head_dir)
    pts["head_top"] = _step(pts["neck"], NECK + 2 * HEAD_R, head_dir)
    if view == "side":  # the face looks along the head's forward normal (right before mirroring)
        pts["nose"] = _step(pts["head"], HEAD_R + NOSE, head_dir + 90)
    mid_low = _step(pts["pelvis"], TORSO_LOW * 0.55, lower)
    pts["belly"] = _step(mid_low, BELLY, pelvis_ref + 90)
    pts["lower_back"] = _step(mid_low, BELLY, pelvis_ref - 90)
    chains: list[tuple[str, tuple[str, ...]]] = []
    for side in SIDES[view]:
        s = -1.0 if side == "right" else 1.0
        limb = frame.limb(side)
        if view == "front":
            hip = _step(pts["pelvis"], HIP_HALF, pelvis_ref + 90 * s)
            shoulder = _step(pts["neck"], SHOULDER_HALF, arm_ref + 90 * s)
            foot_len = FOOT_FRONT
        else:
            hip, shoulder, foot_len = pts["pelvis"], pts["neck"], FOOT
        thigh = pelvis_ref + 180 - s * limb.hip
        shin = thigh + s * limb.knee
        foot = shin - s * (90 + limb.ankle)
        upper_arm = arm_ref + 180 - s * limb.shoulder
        forearm = upper_arm - s * limb.elbow
        hand = forearm - s * limb.wrist
        pts[f"{side}_hip"] = hip
        pts[f"{side}_knee"] = _step(hip, THIGH, thigh)
        pts[f"{side}_ankle"] = _step(pts[f"{side}_knee"], SHIN, shin)
        pts[f"{side}_toe"] = _step(pts[f"{side}_ankle"], foot_len, foot)
        pts[f"{side}_shoulder"] = shoulder
        pts[f"{side}_elbow"] = _step(shoulder, UPPER_ARM, upper_arm)
        pts[f"{side}_wrist"] = _step(pts[f"{side}_elbow"], FOREARM, forearm)
        pts[f"{side}_hand"] = _step(pts[f"{side}_wrist"], HAND, hand)
        leg: tuple[str, ...] = (f"{side}_hip", f"{side}_knee", f"{side}_ankle", f"{side}_toe")
        arm: tuple[str, ...] = (f"{side}_shoulder", f"{side}_elbow", f"{side}_wrist", f"{side}_hand")
        if view == "front":
            leg = ("pelvis",) + leg
            arm = ("neck",) + arm
        chains += [(side, leg), (side, arm)]
    chains.append(("torso", ("pelvis", "waist", "neck")))
    chains.append(("neck", ("neck", "head")))
    sign = -1.0 if (facing == "left" and view == "side") else 1.0
    ax, ay = pts[frame.anchor]
    tx, ty = frame.at
    placed = {name: (tx + sign * (x - ax), ty + (y - ay)) for name, (x, y) in pts.items()}
    return Body(placed, tuple(chains), view)


def joint_angle_problems(frame: FrameLike, view: str) -> list[str]:
    """Joint angles of ``frame`` beyond the human limits (for specs built without validation)."""
    out = []
    for joint in ("spine", "neck"):
        message = limit_problem(view, joint, getattr(frame, joint))
        if message:
            out.append(message)
    for side in SIDES[view]:
        limb = frame.limb(side)
        for joint in LIMB_JOINTS:
            message = limit_problem(view, joint, getattr(limb, joint))
            if message:
                out.append(f"{side} {message}")
    return out
