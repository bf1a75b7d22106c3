"""A figure spec -> positioned boxes: the posed frames, props and arrows fitted into a box.

Takes: a ``FigureSpec`` (or the same data as a dict), a box (x, y, w, h) in mm, ``FigureColors``
and a ``Pen`` (stroke widths in mm; by default the pen of a figure area ``h`` tall). Gives:
``figure_boxes`` -> ``Polyline``, ``Circle``, ``Line`` and ``Rect`` boxes (mm, origin
bottom-left) that stay inside the box; ``placeholder`` -> a tidy frame with a neutral standing
figure for an exercise without a figure; ``placed`` (the scene and its fit) for checks.

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


def _torso_and_head(body: Body, ghost: bool, pen: Pen, scale: float) -> list[Shape]:
    """The torso, its round cap stopped at the neck base so that the head floats clear of it;
    the head (a disc, hollow for a start pose) and, in side view, the nose on its face side."""
    part = "ghost" if ghost else "torso"
    limb, ink = ("ghost", "ghost") if ghost else ("limb", "ink")
    pts = [body[name] for name in ("pelvis", "waist", "neck")]
    (wx, wy), (nx, ny) = pts[1], pts[2]
    length = math.hypot(nx - wx, ny - wy)
    cut = min(pen.width(part) / 2 / scale, length * 0.4) / length
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


def _body_shapes(body: Body, ghost: bool, pen: Pen, scale: float) -> list[Shape]:
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
    return (
        limbs["far"]
        + limbs["left"]
        + limbs["right"]
        + _torso_and_head(body, ghost, pen, scale)
        + limbs["near"]
    )


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


def _overlay(
    spec: FigureSpec, posed: list[Body], props: list[Shape], pen: Pen, scale: float, head: float
) -> list[Shape]:
    """Props, the other stages behind in the start tone, the main pose, the motion arrows."""
    out = list(props)
    for frame, body in zip(spec.frames, posed):
        if frame.role == Role.ghost:
            out += _body_shapes(body, True, pen, scale)
    out += _body_shapes(posed[spec.main], False, pen, scale)
    for arrow in spec.arrows:
        out += arrow_strokes(arrow, posed, spec.main, head)
    return out


def _panels(
    spec: FigureSpec, posed: list[Body], props: list[Shape], pen: Pen, scale: float, head: float
) -> list[Shape]:
    """Each stage in its own panel with its props, left to right, an arrow between panels
    (standing for the frames' move arrows); one ground line under them all."""
    standing = [s for s in props if not isinstance(s, Ground)]
    panels = []
    for i, body in enumerate(posed):
        own = standing + _body_shapes(body, False, pen, scale)
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


def scene(
    spec: FigureSpec, pen: Pen, scale: float | None = None, posed: list[Body] | None = None
) -> list[Shape]:
    """Everything the figure draws, in world body units and drawing order, for a drawing at
    ``scale`` mm per unit (None: a first guess, before the figure is fitted); ``posed`` is
    ``bodies(spec)`` when the caller has it already (it does not depend on the scale)."""
    scale = scale or 1.0
    posed = bodies(spec) if posed is None else posed
    gap = (pen.limb + pen.prop) / 2 / scale
    head = max(HEAD, 1.5 * pen.arrow / scale)
    figure_x = posed[spec.main]["pelvis"][0]
    props = [
        s for prop in spec.props for s in propshapes.shapes(prop, gap, figure_x, spec.facing, spec.view.value)
    ]
    if spec.sequence == Sequence.panels and len(posed) > 1:
        return _panels(spec, posed, props, pen, scale, head)
    return _overlay(spec, posed, props, pen, scale, head)


@dataclass(frozen=True)
class Fit:
    """World body units -> mm: x_mm = ox + scale * x, y_mm = oy + scale * y."""

    scale: float
    ox: float
    oy: float

    def at(self, p: tuple[float, float]) -> tuple[float, float]:
        return self.ox + self.scale * p[0], self.oy + self.scale * p[1]


Reach = tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]


def _reach(shapes: list[Shape], pen: Pen) -> Reach:
    """Each shape's geometry across (x0, x1, its half stroke width in mm; Ground lines span the
    box, so they have none) and up (y0, y1, half stroke): what ``_painted`` needs, worked out
    once per fit rather than at every scale tried."""
    across: list[tuple[float, float, float]] = []
    up: list[tuple[float, float, float]] = []
    for s in shapes:
        x0, y0, x1, y1 = extent([s])
        half = 0.0 if isinstance(s, Ring) else pen.width(s.part, s.factor) / 2
        if not isinstance(s, Ground):
            across.append((x0, x1, half))
        up.append((y0, y1, half))
    return across, up


def _painted(reach: Reach, scale: float) -> tuple[float, float, float, float]:
    """(x0, y0, x1, y1) in mm of what the shapes paint at ``scale``, strokes included, about
    the world origin; Ground lines add only their height."""
    across, up = reach
    x0, x1 = 0.0, 1.0
    if across:
        x0 = min([a * scale - half for a, _, half in across])
        x1 = max([b * scale + half for _, b, half in across])
    return x0, min([a * scale - half for a, _, half in up]), x1, max([b * scale + half for _, b, half in up])


def fit(shapes: list[Shape], pen: Pen, x: float, y: float, w: float, h: float) -> Fit:
    """The largest scale that keeps every shape, with its mm-wide stroke, inside the box, centred."""
    reach = across, up = _reach(shapes, pen)
    # the geometry's extent, as ``extent(shapes)`` gives it
    gx0, gx1 = (min(a for a, _, _ in across), max(b for _, b, _ in across)) if across else (0.0, 1.0)
    gy0, gy1 = min(a for a, _, _ in up), max(b for _, b, _ in up)
    margin = MARGIN * min(w, h)
    room_w, room_h = w - 2 * margin, h - 2 * margin
    scale = max(
        1e-6, min((room_w - pen.widest) / max(gx1 - gx0, 1e-6), (room_h - pen.widest) / max(gy1 - gy0, 1e-6))
    )
    for _ in range(6):  # the strokes' share is fixed in mm: solve scale * geometry + strokes = room
        x0, y0, x1, y1 = _painted(reach, scale)
        scale = max(
            1e-6,
            min(
                scale + (room_w - (x1 - x0)) / max(gx1 - gx0, 1e-6),
                scale + (room_h - (y1 - y0)) / max(gy1 - gy0, 1e-6),
            ),
        )
    scale = min(scale, pen.unit)
    while True:  # never overflow: the extremes may pass to other shapes as the scale moves
        x0, y0, x1, y1 = _painted(reach, scale)
        if (x1 - x0 <= room_w + 1e-9 and y1 - y0 <= room_h + 1e-9) or scale <= 1e-6:
            break
        scale *= 0.995
    ox = x + w / 2 - (x0 + x1) / 2
    oy = y + margin - y0  # on the ground: a figure drawn smaller than its box sits at its foot
    return Fit(scale, ox, oy)


def placed(spec: FigureSpec, pen: Pen, x: float, y: float, w: float, h: float) -> tuple[list[Shape], Fit]:
    """The scene for the box and its fit: gaps and cut-offs that depend on the scale settle in
    two rounds (each changes the extent by a fraction of a stroke)."""
    posed = bodies(spec)
    f = fit(scene(spec, pen, None, posed), pen, x, y, w, h)
    f = fit(scene(spec, pen, f.scale, posed), pen, x, y, w, h)
    shapes = scene(spec, pen, f.scale, posed)
    return shapes, fit(shapes, pen, x, y, w, h)


def to_boxes(shapes: list[Shape], f: Fit, pen: Pen, x: float, w: float, colors: FigureColors) -> list[Box]:
    """Scene primitives -> layout boxes (mm; widths in points)."""
    out: list[Box] = []
    for s in shapes:
        color = colors.of(s.color)
        width = pen.width(s.part, s.factor)
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
    """The exercise figure drawn inside the box (x, y, w, h) in mm, as vector boxes; ``pen``
    defaults to the pen of a figure area ``h`` mm tall."""
    spec = as_spec(spec)
    pen = pen or Pen.for_height(h)
    shapes, f = placed(spec, pen, x, y, w, h)
    return to_boxes(shapes, f, pen, x, w, colors)


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
            pen or Pen.for_height(h * 0.8),
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
