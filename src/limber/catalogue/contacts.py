"""Contacts of a figure: how far each declared contact is from its prop or body point.

Takes: a ``FigureSpec`` (duck-typed: this module sits below ``pose``, which calls it to refuse
loose contacts while it validates). Gives: ``distance(prop, p)`` (body units from a point to a
prop's surface, 0 on or inside it); ``contact_gaps(spec)`` -> (frame, point, target, gap in
body units); ``reference_scale(spec, w, h)``, an upper bound of the mm per body unit at which
the figure is drawn in a w x h mm box; and ``contact_problems(spec)``, the contacts farther
than ``TOLERANCE_MM`` at the card-size reference box, so the load stage refuses them.
"""

from __future__ import annotations

import math
from typing import Any

from .kinematics import Body, pose

Point = tuple[float, float]
PropLike = Any  # a catalogue.pose.Prop (pose imports this module, not the other way round)
SpecLike = Any  # a catalogue.pose.FigureSpec
TOLERANCE_MM = 1.0
REFERENCE_BOX = (55.0, 26.0)  # mm: the figure area of a poker card, the default exercise card


BAR_R = 1.6  # radius of a chin-up bar seen end-on


def _to_segment(p: Point, a: Point, b: Point) -> float:
    ax, ay = a
    bx, by = b
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((p[0] - ax) * dx + (p[1] - ay) * dy) / length2))
    return math.hypot(p[0] - (ax + t * dx), p[1] - (ay + t * dy))


def _to_rect(p: Point, x0: float, y0: float, x1: float, y1: float) -> float:
    dx = max(x0 - p[0], 0.0, p[0] - x1)
    dy = max(y0 - p[1], 0.0, p[1] - y1)
    return math.hypot(dx, dy)


def back_x(prop: PropLike, facing: str) -> float:
    """The x of a chair's backrest: behind a figure that faces right, else in front of x."""
    return prop.x[0] if facing == "right" else prop.x[1]


def distance(prop: PropLike, p: Point, facing: str = "right") -> float:
    """Distance (body units) from point ``p`` to the surface of ``prop``; 0 means touching."""
    kind = prop.kind
    if kind == "floor":
        return abs(p[1])
    if kind == "mat":
        if prop.y is not None and len(prop.y) == 2:
            return _to_rect(p, prop.x[0], prop.y[0], prop.x[1], prop.y[1])
        return _to_segment(p, (prop.x[0], prop.thickness), (prop.x[1], prop.thickness))
    if kind == "wall":
        if len(prop.x) == 2:
            return _to_rect(p, prop.x[0], prop.y[0], prop.x[1], prop.y[1])
        return _to_segment(p, (prop.x[0], 0.0), (prop.x[0], prop.top))
    if kind == "pole":
        return _to_segment(p, (prop.x[0], 0.0), (prop.x[0], prop.top))
    if kind == "bar":
        if len(prop.x) == 2:
            return _to_segment(p, (prop.x[0], prop.y[0]), (prop.x[1], prop.y[0]))
        return max(0.0, math.hypot(p[0] - prop.x[0], p[1] - prop.y[0]) - BAR_R)
    # chair: the seat or the backrest
    back = back_x(prop, facing)
    return min(
        _to_segment(p, (prop.x[0], prop.seat), (prop.x[1], prop.seat)),
        _to_segment(p, (back, prop.seat), (back, prop.top)),
    )


def bodies(spec: SpecLike) -> list[Body]:
    """Every frame of ``spec`` posed in world body units."""
    return [pose(frame, frame.seen(spec.view.value), spec.facing) for frame in spec.frames]


def contact_gaps(spec: SpecLike, posed: list[Body] | None = None) -> list[tuple[int, str, str, float]]:
    """(frame index, body point, target, gap in body units) for every declared contact;
    ``posed`` is ``bodies(spec)`` when the caller has it already."""
    named = {p.label: p for p in spec.props}
    out = []
    for i, (frame, body) in enumerate(zip(spec.frames, posed or bodies(spec))):
        for point, target in frame.touch.items():
            p = body[point]
            gap = distance(named[target], p, spec.facing) if target in named else math.dist(p, body[target])
            out.append((i, point, target, gap))
    return out


def reference_scale(spec: SpecLike, w: float, h: float, posed: list[Body] | None = None) -> float:
    """mm per body unit if the bodies alone filled a w x h box: the drawn scale is never larger,
    since props, arrows and strokes only widen what must fit."""
    points = [p for body in posed or bodies(spec) for p in body.points.values()]
    xs = [x for x, _ in points]
    ys = [y for _, y in points]
    return min(w / max(max(xs) - min(xs), 1e-6), h / max(max(ys) - min(ys), 1e-6))


def contact_problems(spec: SpecLike) -> list[tuple[int, str, str]]:
    """(frame index, body point, message) for contacts farther than 1 mm at the reference box."""
    posed = bodies(spec)
    scale = reference_scale(spec, *REFERENCE_BOX, posed)
    out = []
    for i, point, target, gap in contact_gaps(spec, posed):
        if gap * scale > TOLERANCE_MM:
            out.append(
                (
                    i,
                    point,
                    f"{point} should touch {target} but is {gap * scale:.2f} mm away "
                    f"in a {REFERENCE_BOX[0]:g} x {REFERENCE_BOX[1]:g} mm figure",
                )
            )
    return out
