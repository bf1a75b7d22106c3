"""Props: their surfaces (for contact checks) and their shapes (for drawing), in body units.

Takes: a ``catalogue.pose.Prop`` and a point, or a prop and drawing context. Gives:
``distance(prop, p)``: how far the point is from the prop's surface (0 on or inside it);
``shapes(prop, ...)``: the scene primitives that draw it. A body point touching a surface
has its joint centre on that surface; the drawing moves edge-on surfaces outward by ``gap``
(half a body stroke plus half a prop stroke) so that the strokes meet instead of overlapping.
"""

from __future__ import annotations

import math

from ..catalogue.pose import Prop
from .scene import PROP_W, Panel, Point, Ring, Shape, Stroke, Ground

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


def _back_x(prop: Prop, facing: str) -> float:
    """The x of a chair's backrest: behind a figure that faces right, else in front of x."""
    return prop.x[0] if facing == "right" else prop.x[1]


def distance(prop: Prop, p: Point, facing: str = "right") -> float:
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
    back = _back_x(prop, facing)
    return min(_to_segment(p, (prop.x[0], prop.seat), (prop.x[1], prop.seat)),
               _to_segment(p, (back, prop.seat), (back, prop.top)))


def shapes(prop: Prop, gap: float, figure_x: float, facing: str = "right") -> list[Shape]:
    """Scene primitives for ``prop``; ``figure_x`` (the main pelvis) tells which side is 'outward'."""
    kind, w = prop.kind, PROP_W
    if kind == "floor":
        return [Ground(-gap, w, "prop")]
    if kind == "mat":
        if prop.y is not None and len(prop.y) == 2:
            return [Panel(prop.x[0], prop.y[0], prop.x[1], prop.y[1], w, "prop", radius=3.0)]
        t = prop.thickness
        return [Panel(prop.x[0], -gap, prop.x[1], t - gap, w, "prop", radius=min(t, 4.0) / 2)]
    if kind == "wall" and len(prop.x) == 2:
        x0, x1 = prop.x
        y0, y1 = prop.y
        out: list[Shape] = [Panel(x0, y0, x1, y1, w, "prop", radius=1.0)]
        for i in range(1, 4):  # a few courses of bricks hint at a wall
            y = y0 + (y1 - y0) * i / 4
            out.append(Stroke(((x0, y), (x1, y)), w * 0.5, "prop"))
        return out
    if kind in ("wall", "pole"):
        sign = 1.0 if prop.x[0] >= figure_x else -1.0
        x = prop.x[0] + sign * gap
        if kind == "pole":
            return [Stroke(((x, -gap), (x, prop.top)), w * 1.6, "prop")]
        out = [Stroke(((x, -gap), (x, prop.top)), w * 1.4, "prop")]
        step = 7.0
        y = 3.0
        while y + 4.0 <= prop.top:
            out.append(Stroke(((x + sign * w * 0.7, y), (x + sign * 4.0, y + 4.0)), w * 0.6, "prop"))
            y += step
        return out
    if kind == "bar":
        y = prop.y[0]
        if len(prop.x) == 2:
            x0, x1 = prop.x
            return [Stroke(((x0, y + 8.0), (x0, y), (x1, y), (x1, y + 8.0)), w * 1.6, "prop")]
        return [Ring(prop.x[0], y, BAR_R, w, "prop")]
    # chair
    back = _back_x(prop, facing)
    front = prop.x[1] if back == prop.x[0] else prop.x[0]
    seat = prop.seat - gap
    return [Stroke(((back, prop.top), (back, seat), (front, seat), (front, -gap)), w * 1.4, "prop"),
            Stroke(((back, seat), (back, -gap)), w * 1.4, "prop")]


__all__ = ["distance", "shapes", "Ground"]
