"""Drawing primitives of a figure in world body units, before it is fitted into a box.

Takes: nothing (plain data definitions). Gives: ``Stroke`` (a round-capped polyline),
``Ring`` (a circle), ``Panel`` (a rectangle outline), ``Ground`` (a line across the whole box),
each naming its colour by role ('ink', 'far', 'ghost', 'prop', 'accent'); ``extent`` finds
the bounding box of a scene including stroke widths. Widths are body units too, so strokes
scale with the figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Union

Point = tuple[float, float]

BODY_W = 3.2     # near limbs, torso, far limbs
GHOST_W = 2.4    # ghost frames
PROP_W = 1.3     # props
ARROW_W = 1.5    # motion arrows


@dataclass(frozen=True)
class Stroke:
    points: tuple[Point, ...]
    width: float
    color: str
    closed: bool = False


@dataclass(frozen=True)
class Ring:
    cx: float
    cy: float
    r: float
    width: float
    color: str
    fill: Optional[str] = None


@dataclass(frozen=True)
class Panel:
    x0: float
    y0: float
    x1: float
    y1: float
    width: float
    color: str
    radius: float = 0.0


@dataclass(frozen=True)
class Ground:
    """A horizontal line at height ``y`` drawn across the full width of the figure's box."""

    y: float
    width: float
    color: str


Shape = Union[Stroke, Ring, Panel, Ground]


def extent(shapes: list[Shape]) -> tuple[float, float, float, float]:
    """(x0, y0, x1, y1) of everything drawn, including half stroke widths; Ground adds only y."""
    xs: list[float] = []
    ys: list[float] = []
    for s in shapes:
        h = s.width / 2
        if isinstance(s, Stroke):
            xs += [p[0] - h for p in s.points] + [p[0] + h for p in s.points]
            ys += [p[1] - h for p in s.points] + [p[1] + h for p in s.points]
        elif isinstance(s, Ring):
            xs += [s.cx - s.r - h, s.cx + s.r + h]
            ys += [s.cy - s.r - h, s.cy + s.r + h]
        elif isinstance(s, Panel):
            xs += [s.x0 - h, s.x1 + h]
            ys += [s.y0 - h, s.y1 + h]
        else:
            ys += [s.y - h, s.y + h]
    if not xs:
        xs = [0.0, 1.0]
    return min(xs), min(ys), max(xs), max(ys)
