"""Props drawn: the scene primitives of a floor, mat, wall, pole, bar or chair, in body units.

Takes: a ``catalogue.pose.Prop`` and drawing context. Gives: ``shapes(prop, ...)``. The
surfaces themselves (for contacts) are ``catalogue.contacts.distance``. A body point touching
a surface has its joint centre on that surface; the drawing moves edge-on surfaces outward by
``gap`` (half a limb stroke plus half a prop stroke) so that the strokes meet instead of
overlapping.
"""

from __future__ import annotations

from typing import TypeVar

from ..catalogue.contacts import BAR_R, back_x
from ..catalogue.pose import Prop
from .scene import Ground, Panel, Ring, Shape, Stroke

T = TypeVar("T")


def _given(value: T | None) -> T:
    """A field that this kind of prop must have (``Prop`` checked it when it was made)."""
    assert value is not None
    return value


def shapes(prop: Prop, gap: float, figure_x: float, facing: str = "right", view: str = "side") -> list[Shape]:
    """Scene primitives for ``prop``; ``figure_x`` (the main pelvis) tells which side is 'outward'.
    In front view a pole stands in line with the body (held in front or behind it), so it keeps its x."""
    kind = prop.kind
    if kind == "floor":
        return [Ground(-gap, "prop", "prop")]
    xs = _given(prop.x)  # every prop but the floor has x
    if kind == "mat":
        if prop.y is not None and len(prop.y) == 2:
            return [Panel(xs[0], prop.y[0], xs[1], prop.y[1], "prop", "prop", radius=3.0)]
        t = prop.thickness
        return [Panel(xs[0], -gap, xs[1], t - gap, "prop", "prop", radius=min(t, 4.0) / 2)]
    if kind == "wall" and len(xs) == 2:
        x0, x1 = xs
        y0, y1 = _given(prop.y)
        out: list[Shape] = [Panel(x0, y0, x1, y1, "prop", "prop", radius=1.0)]
        for i in range(1, 4):  # a few courses of bricks hint at a wall
            y = y0 + (y1 - y0) * i / 4
            out.append(Stroke(((x0, y), (x1, y)), "prop", "prop", 0.5))
        return out
    if kind in ("wall", "pole"):
        sign = 1.0 if xs[0] >= figure_x else -1.0
        x = xs[0] + (0.0 if kind == "pole" and view == "front" else sign * gap)
        top = _given(prop.top)
        if kind == "pole":
            return [Stroke(((x, -gap), (x, top)), "prop", "prop", 1.6)]
        out = [Stroke(((x, -gap), (x, top)), "prop", "prop", 1.4)]
        step = 7.0
        y = 3.0
        while y + 4.0 <= top:
            out.append(Stroke(((x + sign * 1.0, y), (x + sign * 4.0, y + 4.0)), "prop", "prop", 0.6))
            y += step
        return out
    if kind == "bar":
        y = _given(prop.y)[0]
        if len(xs) == 2:
            x0, x1 = xs
            return [Stroke(((x0, y + 8.0), (x0, y), (x1, y), (x1, y + 8.0)), "prop", "prop", 1.6)]
        return [Ring(xs[0], y, BAR_R, "prop", "prop")]
    # chair
    back = back_x(prop, facing)
    front = xs[1] if back == xs[0] else xs[0]
    seat = _given(prop.seat) - gap
    return [
        Stroke(((back, _given(prop.top)), (back, seat), (front, seat), (front, -gap)), "prop", "prop", 1.4),
        Stroke(((back, seat), (back, -gap)), "prop", "prop", 1.4),
    ]


__all__ = ["shapes"]
