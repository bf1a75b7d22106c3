"""Motion arrows: a swing between two frames, a circle, a twist, or a straight push.

Takes: a ``catalogue.pose.Arrow``, the posed bodies of every frame and the main frame's index.
Gives: scene ``Stroke``s in the accent colour: the shaft as a sampled curve and an open
chevron head (two for a back-and-forth movement), all in body units.
"""

from __future__ import annotations

import math

from ..catalogue.kinematics import Body, direction
from ..catalogue.pose import Arrow
from .scene import Point, Stroke

HEAD = 4.0  # arrowhead side length, body units
TRIM = 3.5  # a move arrow stops short of the joints it links


def _head(tip: Point, before: Point, size: float = 4.0) -> Stroke:
    dx, dy = tip[0] - before[0], tip[1] - before[1]
    angle = math.degrees(math.atan2(dx, dy))  # clockwise from up, like skeleton.direction
    left = direction(angle + 180 - 32)
    right = direction(angle + 180 + 32)
    return Stroke(
        (
            (tip[0] + size * left[0], tip[1] + size * left[1]),
            tip,
            (tip[0] + size * right[0], tip[1] + size * right[1]),
        ),
        "arrow",
        "accent",
    )


def _trim(points: list[Point], length: float) -> list[Point]:
    """Drop ``length`` of path from the start of ``points``."""
    out = list(points)
    while len(out) > 2 and math.dist(out[0], out[1]) <= length:
        length -= math.dist(out[0], out[1])
        out.pop(0)
    (x0, y0), (x1, y1) = out[0], out[1]
    seg = math.dist(out[0], out[1])
    if seg > length > 0:
        f = length / seg
        out[0] = (x0 + (x1 - x0) * f, y0 + (y1 - y0) * f)
    return out


def _arc(p0: Point, p1: Point, bend: float, n: int = 24) -> list[Point]:
    """A curve from p0 to p1 turning by about ``bend`` degrees (+ bulges right of travel)."""
    chord = math.dist(p0, p1)
    if abs(bend) < 1e-6 or chord == 0:
        return [p0, ((p0[0] + p1[0]) / 2, (p0[1] + p1[1]) / 2), p1]
    ux, uy = (p1[0] - p0[0]) / chord, (p1[1] - p0[1]) / chord
    nx, ny = uy, -ux  # right-hand normal of the direction of travel
    sag = chord / 2 * math.tan(math.radians(bend) / 4)  # sagitta of a circular arc
    cx = (p0[0] + p1[0]) / 2 + 2 * sag * nx
    cy = (p0[1] + p1[1]) / 2 + 2 * sag * ny
    out = []
    for i in range(n + 1):
        t = i / n
        a, b, c = (1 - t) ** 2, 2 * t * (1 - t), t * t
        out.append((a * p0[0] + b * cx + c * p1[0], a * p0[1] + b * cy + c * p1[1]))
    return out


def _ring(centre: Point, rx: float, ry: float, start: float, sweep: float, n: int = 36) -> list[Point]:
    """Points on an ellipse, angles in degrees clockwise from up."""
    out = []
    for i in range(n + 1):
        a = math.radians(start + sweep * i / n)
        out.append((centre[0] + rx * math.sin(a), centre[1] + ry * math.cos(a)))
    return out


def arrow_strokes(arrow: Arrow, bodies: list[Body], main: int, head: float = HEAD) -> list[Stroke]:
    """The strokes that draw ``arrow``; ``head`` is the arrowhead's side in body units."""
    ox, oy = arrow.offset
    frame = main if arrow.frame is None else arrow.frame
    if arrow.kind == "move":
        assert arrow.start is not None and arrow.end is not None  # a move has both (Arrow checks it)
        a = bodies[arrow.start][arrow.point]
        b = bodies[arrow.end][arrow.point]
        pts = _arc((a[0] + ox, a[1] + oy), (b[0] + ox, b[1] + oy), arrow.bend)
        pts = _trim(pts, TRIM)
        pts = list(reversed(_trim(list(reversed(pts)), TRIM)))
    elif arrow.kind == "line":
        assert arrow.vector is not None  # a line has one (Arrow checks it)
        p = bodies[frame][arrow.point]
        origin = (p[0] + ox, p[1] + oy)
        vx, vy = arrow.vector
        pts = [origin, (origin[0] + vx / 2, origin[1] + vy / 2), (origin[0] + vx, origin[1] + vy)]
    else:
        p = bodies[frame][arrow.point]
        centre = (p[0] + ox, p[1] + oy)
        r = arrow.radius
        if arrow.kind == "circle":  # a gap at the top, the head just before it
            start, sweep, ry = 30.0, 290.0, r
        else:  # turn: from one side round the front (below) to the back (above)
            start, sweep, ry = 110.0, 250.0, r * 0.32
        if not arrow.clockwise:
            start, sweep = -start, -sweep
        pts = _ring(centre, r, ry, start, sweep)
        if arrow.kind == "turn" and arrow.axis == "across":  # the same ellipse stood upright
            pts = [(centre[0] + (y - centre[1]), centre[1] + (x - centre[0])) for x, y in pts]
    out = [Stroke(tuple(pts), "arrow", "accent"), _head(pts[-1], pts[-2], head)]
    if arrow.both:
        out.append(_head(pts[0], pts[1], head))
    return out
