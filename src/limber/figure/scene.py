"""Drawing primitives of a figure in world body units, before it is fitted into a box.

Takes: nothing (plain data definitions). Gives: ``Stroke`` (a round-capped polyline),
``Ring`` (a circle, optionally a solid disc), ``Panel`` (a rectangle outline), ``Ground`` (a
line across the whole box), each naming its colour by role ('ink', 'far', 'ghost', 'prop',
'accent') and its stroke by pen part ('torso', 'limb', 'ghost', 'prop', 'arrow') times a
factor; the ``style.Pen`` turns parts into mm. ``extent`` finds the bounding box of the
geometry (stroke widths are added in mm when the scene is fitted).
"""

from __future__ import annotations

from dataclasses import dataclass

Point = tuple[float, float]


@dataclass(frozen=True)
class Stroke:
    points: tuple[Point, ...]
    part: str
    color: str
    factor: float = 1.0
    closed: bool = False


@dataclass(frozen=True)
class Ring:
    cx: float
    cy: float
    r: float
    part: str
    color: str
    factor: float = 1.0
    fill: bool = False  # a solid disc where the theme has fills


@dataclass(frozen=True)
class Panel:
    x0: float
    y0: float
    x1: float
    y1: float
    part: str
    color: str
    radius: float = 0.0
    factor: float = 1.0


@dataclass(frozen=True)
class Ground:
    """A horizontal line at height ``y`` drawn across the full width of the figure's box."""

    y: float
    part: str
    color: str
    factor: float = 1.0


Shape = Stroke | Ring | Panel | Ground


def extent(shapes: list[Shape]) -> tuple[float, float, float, float]:
    """(x0, y0, x1, y1) of the geometry drawn, without stroke widths; Ground adds only y."""
    xs: list[float] = []
    ys: list[float] = []
    for s in shapes:
        if isinstance(s, Stroke):
            xs += [p[0] for p in s.points]
            ys += [p[1] for p in s.points]
        elif isinstance(s, Ring):
            xs += [s.cx - s.r, s.cx + s.r]
            ys += [s.cy - s.r, s.cy + s.r]
        elif isinstance(s, Panel):
            xs += [s.x0, s.x1]
            ys += [s.y0, s.y1]
        else:
            ys.append(s.y)
    if not xs:
        xs = [0.0, 1.0]
    return min(xs), min(ys), max(xs), max(ys)


def shifted(shapes: list[Shape], dx: float) -> list[Shape]:
    """The same shapes moved ``dx`` body units to the right (Ground lines stay)."""
    out: list[Shape] = []
    for s in shapes:
        if isinstance(s, Stroke):
            out.append(Stroke(tuple((x + dx, y) for x, y in s.points), s.part, s.color, s.factor, s.closed))
        elif isinstance(s, Ring):
            out.append(Ring(s.cx + dx, s.cy, s.r, s.part, s.color, s.factor, s.fill))
        elif isinstance(s, Panel):
            out.append(Panel(s.x0 + dx, s.y0, s.x1 + dx, s.y1, s.part, s.color, s.radius, s.factor))
        else:
            out.append(s)
    return out


__all__ = ["Point", "Stroke", "Ring", "Panel", "Ground", "Shape", "extent", "shifted"]
