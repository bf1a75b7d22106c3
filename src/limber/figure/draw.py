"""A figure spec -> positioned boxes: the posed frames, props and arrows fitted into a box.

Takes: a ``FigureSpec`` (or the same data as a dict), a box (x, y, w, h) in mm, ``FigureColors``
and a ``Pen`` (stroke widths in body units). Gives: ``figure_boxes`` -> ``Polyline``,
``Circle``, ``Line`` and ``Rect`` boxes (mm, origin bottom-left) that stay inside the box
(``figure_boxes_at``: drawn at a given scale instead, for figures compared side by side);
``placeholder`` -> a tidy frame with a neutral standing figure for an exercise without a figure;
``placed`` (the scene and its fit) for checks; and ``size`` / ``aspect`` -> the painted width
and height of a figure in body units / their ratio, props included, so that a layout can
shape the box it gives a figure.

A figure is one drawing in body units, strokes included, scaled as a whole to the largest size
its box allows (less a margin), whatever its posture: a lying figure spans a wide box, a
standing one fills a tall one, and its proportions are the same at every size.

The pictogram: a torso thicker than the limbs, a head disc clear of the torso with a nose on
its face side (side view), near limbs in ink and far limbs in a mid-tone. A movement shows
its stages as the spec's ``sequence`` says: ``overlay`` draws the other frames behind the main
one in the start tone with thinner strokes and a hollow head; ``panels`` draws every frame in
its own panel, left to right, with an arrow between them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..boxes import Box, Circle, Line, Polyline, Rect
from ..catalogue.contacts import bodies
from ..catalogue.kinematics import HEAD_R, Body, direction
from ..catalogue.pose import Figure, FigureSpec, Frame, Limb, Prop, Role, Sequence, View
from . import props as propshapes
from .arrows import HEAD, arrow_strokes
from .scene import Ground, Panel, Ring, Shape, Stroke, extent, shifted
from .style import DEFAULT_COLORS, FigureColors, Pen

MM_TO_PT = 72.0 / 25.4
MARGIN = 0.04  # of the box's smaller side, kept free on every side
PANEL_GAP = 20.0  # body units between panels, holding the arrow between them
HEAD_RING = 0.8  # a hollow head's ring, as a fraction of its pen width
NOSE_FROM = 0.55  # the nose stroke starts this far from the head's centre toward its tip


def as_spec(spec: FigureSpec | Mapping[str, Any]) -> FigureSpec:
    """``spec`` itself, or the FigureSpec its data validates into."""
    if isinstance(spec, FigureSpec):
        return spec
    from ..catalogue.rules import adapter

    return adapter(Figure).validate_python(spec)


def _torso_and_head(body: Body, ghost: bool, pen: Pen) -> list[Shape]:
    """The torso, its round cap stopped at the neck base so that the head floats clear of it;
    the head (a disc, hollow for a start pose) and, in side view, the nose on its face side."""
    part = "ghost" if ghost else "torso"
    limb, ink = ("ghost", "ghost") if ghost else ("limb", "ink")
    pts = [body[name] for name in ("pelvis", "waist", "neck")]
    (wx, wy), (nx, ny) = pts[1], pts[2]
    length = math.hypot(nx - wx, ny - wy)
    cut = min(pen.width(part) / 2, length * 0.4) / length
    pts[2] = (nx - (nx - wx) * cut, ny - (ny - wy) * cut)
    hx, hy = body["head"]
    out: list[Shape] = [
        Stroke(tuple(pts), part, ink),
        Ring(hx, hy, HEAD_R, limb, ink, HEAD_RING, fill=not ghost),
    ]
    if "nose" in body.points:
        ox, oy = body["nose"]
        out.append(
            Stroke(((hx + (ox - hx) * NOSE_FROM, hy + (oy - hy) * NOSE_FROM), (ox, oy)), limb, ink, 0.9)
        )
    return out


def _body_shapes(body: Body, ghost: bool, pen: Pen) -> list[Shape]:
    """Far limbs, torso and head, near limbs of one posed body, back to front; a start pose
    (``ghost``) all in its own tone and pen."""
    limb, ink = ("ghost", "ghost") if ghost else ("limb", "ink")
    limbs = {
        group: [
            Stroke(tuple(body[n] for n in chain), limb, "far" if group == "far" and not ghost else ink)
            for g, chain in body.chains
            if g == group
        ]
        for group in ("far", "left", "right", "near")
    }
    return limbs["far"] + limbs["left"] + limbs["right"] + _torso_and_head(body, ghost, pen) + limbs["near"]


def _panel_arrow(x0: float, x1: float, y: float) -> list[Shape]:
    """A short arrow from x0 to x1 at height y: this stage leads to the next."""
    head = (x1 - x0) * 0.4
    up, down = direction(180 - 40 + 90), direction(180 + 40 + 90)
    return [
        Stroke(((x0, y), (x1, y)), "arrow", "accent", 1.3),
        Stroke(
            ((x1 + head * up[0], y + head * up[1]), (x1, y), (x1 + head * down[0], y + head * down[1])),
            "arrow",
            "accent",
            1.3,
        ),
    ]


def _overlay(spec: FigureSpec, posed: list[Body], props: list[Shape], pen: Pen, head: float) -> list[Shape]:
    """Props, the other stages behind in the start tone, the main pose, the motion arrows."""
    out = list(props)
    for frame, body in zip(spec.frames, posed):
        if frame.role == Role.ghost:
            out += _body_shapes(body, True, pen)
    out += _body_shapes(posed[spec.main], False, pen)
    for arrow in spec.arrows:
        out += arrow_strokes(arrow, posed, spec.main, head)
    return out


def _panels(spec: FigureSpec, posed: list[Body], props: list[Shape], pen: Pen, head: float) -> list[Shape]:
    """Each stage in its own panel with its props, left to right, an arrow between panels
    (standing for the frames' move arrows); one ground line under them all."""
    standing = [s for s in props if not isinstance(s, Ground)]
    panels = []
    for i, body in enumerate(posed):
        own = standing + _body_shapes(body, False, pen)
        for arrow in spec.arrows:
            if arrow.kind != "move" and (spec.main if arrow.frame is None else arrow.frame) == i:
                own += arrow_strokes(arrow, posed, spec.main, head)
        panels.append(own)
    out: list[Shape] = [s for s in props if isinstance(s, Ground)]
    tops = [extent(p)[3] for p in panels]
    floor = min(extent(p)[1] for p in panels)
    right = None
    for i, shapes in enumerate(panels):
        x0, _, x1, _ = extent(shapes)
        dx = 0.0 if right is None else right + PANEL_GAP - x0
        if right is not None:
            y = floor + 0.5 * (min(tops[i - 1], tops[i]) - floor)
            out += _panel_arrow(right + PANEL_GAP * 0.25, right + PANEL_GAP * 0.75, y)
        out += shifted(shapes, dx)
        right = x1 + dx
    return out


def scene(spec: FigureSpec, pen: Pen, posed: list[Body] | None = None) -> list[Shape]:
    """Everything the figure draws, in world body units and drawing order (strokes in body
    units too, so the scene does not depend on the size it is drawn at); ``posed`` is
    ``bodies(spec)`` when the caller has it already."""
    posed = bodies(spec) if posed is None else posed
    gap = (pen.limb + pen.prop) / 2
    head = max(HEAD, 1.5 * pen.arrow)
    figure_x = posed[spec.main]["pelvis"][0]
    props = [
        s for prop in spec.props for s in propshapes.shapes(prop, gap, figure_x, spec.facing, spec.view.value)
    ]
    if spec.sequence == Sequence.panels and len(posed) > 1:
        return _panels(spec, posed, props, pen, head)
    return _overlay(spec, posed, props, pen, head)


@dataclass(frozen=True)
class Fit:
    """World body units -> mm: x_mm = ox + scale * x, y_mm = oy + scale * y."""

    scale: float
    ox: float
    oy: float

    def at(self, p: tuple[float, float]) -> tuple[float, float]:
        return self.ox + self.scale * p[0], self.oy + self.scale * p[1]


def painted(shapes: list[Shape], pen: Pen) -> tuple[float, float, float, float]:
    """(x0, y0, x1, y1) in body units of what the shapes paint, strokes included; Ground lines
    span whatever box they are drawn in, so they add only their height."""
    xs: list[float] = []
    ys: list[float] = []
    for s in shapes:
        x0, y0, x1, y1 = extent([s])
        half = 0.0 if isinstance(s, Ring) else pen.width(s.part, s.factor) / 2
        if not isinstance(s, Ground):
            xs += [x0 - half, x1 + half]
        ys += [y0 - half, y1 + half]
    if not xs:
        xs = [0.0, 1.0]
    return min(xs), min(ys), max(xs), max(ys)


def fit(shapes: list[Shape], pen: Pen, x: float, y: float, w: float, h: float) -> Fit:
    """The largest scale that keeps the painted figure inside the box less its margin, centred
    across and standing on the margin's foot."""
    x0, y0, x1, y1 = painted(shapes, pen)
    margin = MARGIN * min(w, h)
    room_w, room_h = max(w - 2 * margin, 1e-6), max(h - 2 * margin, 1e-6)
    scale = min(room_w / max(x1 - x0, 1e-6), room_h / max(y1 - y0, 1e-6))
    ox = x + w / 2 - scale * (x0 + x1) / 2
    oy = y + margin - scale * y0  # on the ground: a figure narrower than its box sits at its foot
    return Fit(scale, ox, oy)


def at_scale(shapes: list[Shape], pen: Pen, x: float, y: float, w: float, scale: float) -> Fit:
    """The figure drawn at ``scale`` mm per body unit, centred across x..x+w and standing with
    its painted foot on y (figures side by side at one scale stand on one line)."""
    x0, y0, x1, _ = painted(shapes, pen)
    return Fit(scale, x + w / 2 - scale * (x0 + x1) / 2, y - scale * y0)


def placed(spec: FigureSpec, pen: Pen, x: float, y: float, w: float, h: float) -> tuple[list[Shape], Fit]:
    """The scene and its fit in the box."""
    shapes = scene(spec, pen)
    return shapes, fit(shapes, pen, x, y, w, h)


def size(spec: FigureSpec | Mapping[str, Any], pen: Pen | None = None) -> tuple[float, float]:
    """The painted width and height of the figure in body units, props and strokes included
    (a standing body is about 100 units tall): a box w x h mm draws it at
    ``min(w / width, h / height)`` mm per unit, less the margin."""
    pen = pen or Pen()
    x0, y0, x1, y1 = painted(scene(as_spec(spec), pen), pen)
    return x1 - x0, max(y1 - y0, 1e-6)


def aspect(spec: FigureSpec | Mapping[str, Any], pen: Pen | None = None) -> float:
    """The painted width / height of the figure, props and strokes included: what a layout
    needs to shape the box it gives the figure (a lying figure is wide, a standing one tall)."""
    w, h = size(spec, pen)
    return w / h


def to_boxes(shapes: list[Shape], f: Fit, pen: Pen, x: float, w: float, colors: FigureColors) -> list[Box]:
    """Scene primitives -> layout boxes (mm; widths in points)."""
    out: list[Box] = []
    for s in shapes:
        color = colors.of(s.color)
        width = pen.width(s.part, s.factor) * f.scale
        if isinstance(s, Stroke):
            out.append(Polyline(tuple(f.at(p) for p in s.points), color, width * MM_TO_PT, s.closed))
        elif isinstance(s, Ring):
            cx, cy = f.at((s.cx, s.cy))
            r = s.r * f.scale
            if s.fill and colors.head:
                out.append(Circle(cx, cy, r, None, 0.0, color))
            else:  # a ring whose outer edge is where the disc's would be
                ring = min(width, r)
                out.append(Circle(cx, cy, r - ring / 2, color, ring * MM_TO_PT))
        elif isinstance(s, Panel):
            x0, y0 = f.at((s.x0, s.y0))
            x1, y1 = f.at((s.x1, s.y1))
            out.append(
                Rect(
                    x0, y0, x1 - x0, y1 - y0, stroke=color, width=width * MM_TO_PT, radius=s.radius * f.scale
                )
            )
        elif isinstance(s, Ground):
            _, gy = f.at((0.0, s.y))
            inset = w * 0.02
            out.append(Line(x + inset, gy, x + w - inset, gy, color, width * MM_TO_PT))
    return out


def figure_boxes(
    spec: FigureSpec | Mapping[str, Any],
    x: float,
    y: float,
    w: float,
    h: float,
    colors: FigureColors = DEFAULT_COLORS,
    pen: Pen | None = None,
) -> list[Box]:
    """The exercise figure drawn inside the box (x, y, w, h) in mm, as vector boxes."""
    spec = as_spec(spec)
    pen = pen or Pen()
    shapes, f = placed(spec, pen, x, y, w, h)
    return to_boxes(shapes, f, pen, x, w, colors)


def figure_boxes_at(
    spec: FigureSpec | Mapping[str, Any],
    x: float,
    y: float,
    w: float,
    scale: float,
    colors: FigureColors = DEFAULT_COLORS,
    pen: Pen | None = None,
) -> list[Box]:
    """The exercise figure at ``scale`` mm per body unit, centred across x..x+w with its foot
    on y: it takes ``size(spec, pen)`` times ``scale`` mm (a floor spans the width w)."""
    spec = as_spec(spec)
    pen = pen or Pen()
    shapes = scene(spec, pen)
    return to_boxes(shapes, at_scale(shapes, pen, x, y, w, scale), pen, x, w, colors)


@cache
def _standing() -> FigureSpec:
    """The placeholder's neutral standing pose (made when first drawn, not on import; built
    directly, as its values are fixed and valid, so drawing it needs no validation)."""
    arm = Limb(shoulder=18, elbow=8)
    return FigureSpec(
        view=View.front, props=[Prop(kind="floor")], frames=[Frame(anchor="left_ankle", left=arm, right=arm)]
    )


def placeholder(
    x: float, y: float, w: float, h: float, colors: FigureColors = DEFAULT_COLORS, pen: Pen | None = None
) -> list[Box]:
    """A light rounded frame with a neutral standing figure in the start tone: no figure yet."""
    half = 0.6 / MM_TO_PT / 2  # keep the frame's stroke inside the box
    frame = Rect(
        x + half,
        y + half,
        w - 2 * half,
        h - 2 * half,
        stroke=colors.ghost,
        width=0.6,
        radius=min(w, h) * 0.1,
        dash=(1.2, 0.9),
    )
    inset = min(w, h) * 0.14
    ghostly = FigureColors(colors.ghost, colors.ghost, colors.ghost, colors.ghost, colors.ghost, None)
    return [
        frame,
        *figure_boxes(
            _standing(),
            x + inset,
            y + inset,
            w - 2 * inset,
            h - 2 * inset,
            ghostly,
            pen or Pen(),
        ),
    ]


def exercise_figure(
    exercise,
    x: float,
    y: float,
    w: float,
    h: float,
    colors: FigureColors = DEFAULT_COLORS,
    figures: Mapping[str, FigureSpec] | None = None,
    pen: Pen | None = None,
) -> list[Box]:
    """The figure of ``exercise``: its inline ``figure:`` mapping, else its entry in ``figures``
    (e.g. ``builtin_figures()``), else the tidy placeholder."""
    spec = exercise.figure if exercise.figure is not None else (figures or {}).get(exercise.id)
    if spec is None:
        return placeholder(x, y, w, h, colors, pen)
    return figure_boxes(spec, x, y, w, h, colors, pen)
