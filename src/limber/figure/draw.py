"""A figure spec -> positioned boxes: the posed frames, props and arrows fitted into a box.

Takes: a ``FigureSpec`` (or the same data as a dict), a box (x, y, w, h) in mm and
``FigureColors``. Gives: ``figure_boxes`` -> ``Polyline``, ``Circle``, ``Line`` and ``Rect``
boxes (mm, origin bottom-left) that stay inside the box; ``placeholder`` -> a tidy frame with
a neutral standing figure for an exercise without a figure; ``fit`` and ``scene`` for checks.

Drawing order: props, ghost frames (light), far limbs (lighter tone), torso and head, near
limbs, arrows. Stroke widths are in body units, so they scale with the figure; ``weight``
thickens them (large print).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Mapping, Optional, Union

from ..catalogue.pose import FigureSpec, Role
from ..boxes import Box, Circle, Line, Polyline, Rect
from . import props as propshapes
from .arrows import arrow_strokes
from .scene import BODY_W, GHOST_W, PROP_W, Ground, Panel, Ring, Shape, Stroke, extent
from .skeleton import HEAD_R, NECK, Body, pose

MM_TO_PT = 72.0 / 25.4
MARGIN = 0.04  # of the box's smaller side, kept free on every side
TORSO = 1.3    # the torso is drawn this much thicker than the limbs


@dataclass(frozen=True)
class FigureColors:
    """The figure's colours as '#rrggbb': near limbs and torso (ink), far limbs (lighter), ghost
    frames, props and motion arrows (accent); ``head`` fills the head (None: outline only)."""

    ink: str = "#1b2230"
    far: str = "#8a93a3"
    ghost: str = "#c9ced8"
    prop: str = "#6b7383"
    accent: str = "#c2410c"
    head: Optional[str] = None

    @classmethod
    def from_mapping(cls, data: Union[Mapping[str, Any], Any], fills: bool = False) -> "FigureColors":
        """From a mapping or object with ink/far/ghost/prop/accent, or with theme names
        figure_ink, figure_far, ... ; ``fills`` fills the head with the ink colour."""
        def get(name: str) -> str:
            for key in (name, f"figure_{name}"):
                value = data.get(key) if isinstance(data, Mapping) else getattr(data, key, None)
                if value is not None:
                    return value
            raise KeyError(f"figure colour '{name}' is missing")
        ink = get("ink")
        return cls(ink, get("far"), get("ghost"), get("prop"), get("accent"), ink if fills else None)

    def of(self, role: str) -> str:
        return getattr(self, role)


DEFAULT_COLORS = FigureColors()


def as_spec(spec: Union[FigureSpec, Mapping[str, Any]]) -> FigureSpec:
    return spec if isinstance(spec, FigureSpec) else FigureSpec.model_validate(spec)


def bodies(spec: FigureSpec) -> list[Body]:
    """Every frame of ``spec`` posed in world body units."""
    return [pose(frame, spec.view.value, spec.facing) for frame in spec.frames]


def _body_shapes(body: Body, ghost: bool, weight: float) -> list[Shape]:
    width = (GHOST_W if ghost else BODY_W) * weight
    order = {"far": 0, "right": 1, "left": 1, "torso": 2, "neck": 2, "near": 3}
    out: list[Shape] = []
    for group, chain in sorted(body.chains, key=lambda c: order[c[0]]):
        role = "ghost" if ghost else ("far" if group == "far" else "ink")
        pts = [body[name] for name in chain]
        if group == "neck":
            (nx, ny), (hx, hy) = pts
            f = NECK / (NECK + HEAD_R)
            pts = [(nx, ny), (nx + (hx - nx) * f, ny + (hy - ny) * f)]
        out.append(Stroke(tuple(pts), width * (TORSO if group == "torso" else 1.0), role))
        if group == "neck":
            hx, hy = body["head"]
            out.append(Ring(hx, hy, HEAD_R - width * 0.35, width * 0.75, role,
                            fill="head" if not ghost else None))
    return out


def scene(spec: FigureSpec, weight: float = 1.0) -> list[Shape]:
    """Everything the figure draws, in world body units and drawing order."""
    posed = bodies(spec)
    main = spec.main
    gap = (BODY_W * weight + PROP_W) / 2
    figure_x = posed[main]["pelvis"][0]
    out: list[Shape] = []
    for prop in spec.props:
        out += propshapes.shapes(prop, gap, figure_x, spec.facing)
    for i, body in enumerate(posed):
        if spec.frames[i].role == Role.ghost:
            out += _body_shapes(body, True, weight)
    out += _body_shapes(posed[main], False, weight)
    for arrow in spec.arrows:
        out += arrow_strokes(arrow, posed, main, weight)
    return out


@dataclass(frozen=True)
class Fit:
    """World body units -> mm: x_mm = ox + scale * x, y_mm = oy + scale * y."""

    scale: float
    ox: float
    oy: float

    def at(self, p: tuple[float, float]) -> tuple[float, float]:
        return self.ox + self.scale * p[0], self.oy + self.scale * p[1]


def fit(shapes: list[Shape], x: float, y: float, w: float, h: float) -> Fit:
    """The largest scale that keeps every shape (with its stroke) inside the box, centred."""
    x0, y0, x1, y1 = extent(shapes)
    margin = MARGIN * min(w, h)
    scale = min((w - 2 * margin) / max(x1 - x0, 1e-6), (h - 2 * margin) / max(y1 - y0, 1e-6))
    ox = x + w / 2 - scale * (x0 + x1) / 2
    oy = y + h / 2 - scale * (y0 + y1) / 2
    return Fit(scale, ox, oy)


def to_boxes(shapes: list[Shape], f: Fit, x: float, w: float, colors: FigureColors) -> list[Box]:
    """Scene primitives -> layout boxes (mm; widths in points)."""
    out: list[Box] = []
    pt = f.scale * MM_TO_PT
    for s in shapes:
        color = colors.of(s.color)
        if isinstance(s, Stroke):
            out.append(Polyline(tuple(f.at(p) for p in s.points), color, s.width * pt, s.closed))
        elif isinstance(s, Ring):
            cx, cy = f.at((s.cx, s.cy))
            fill = colors.of(s.color) if (s.fill and colors.head) else None
            out.append(Circle(cx, cy, s.r * f.scale, color, s.width * pt, fill))
        elif isinstance(s, Panel):
            x0, y0 = f.at((s.x0, s.y0))
            x1, y1 = f.at((s.x1, s.y1))
            out.append(Rect(x0, y0, x1 - x0, y1 - y0, stroke=color, width=s.width * pt,
                            radius=s.radius * f.scale))
        elif isinstance(s, Ground):
            _, gy = f.at((0.0, s.y))
            inset = w * 0.02
            out.append(Line(x + inset, gy, x + w - inset, gy, color, s.width * pt))
    return out


def figure_boxes(spec: Union[FigureSpec, Mapping[str, Any]], x: float, y: float, w: float, h: float,
                 colors: FigureColors = DEFAULT_COLORS, weight: float = 1.0) -> list[Box]:
    """The exercise figure drawn inside the box (x, y, w, h) in mm, as vector boxes."""
    spec = as_spec(spec)
    shapes = scene(spec, weight)
    return to_boxes(shapes, fit(shapes, x, y, w, h), x, w, colors)


@lru_cache(maxsize=None)
def _standing() -> FigureSpec:
    """The placeholder's neutral standing pose (validated when first drawn, not on import)."""
    return FigureSpec.model_validate({
        "view": "front", "props": [{"kind": "floor"}],
        "frames": [{"anchor": "left_ankle", "left": {"shoulder": 18, "elbow": 8},
                    "right": {"shoulder": 18, "elbow": 8}}]})


def placeholder(x: float, y: float, w: float, h: float,
                colors: FigureColors = DEFAULT_COLORS) -> list[Box]:
    """A light rounded frame with a neutral standing figure in the ghost tone: no figure yet."""
    half = 0.6 / MM_TO_PT / 2  # keep the frame's stroke inside the box
    frame = Rect(x + half, y + half, w - 2 * half, h - 2 * half, stroke=colors.ghost, width=0.6,
                 radius=min(w, h) * 0.1, dash=(1.2, 0.9))
    inset = min(w, h) * 0.14
    ghostly = FigureColors(colors.ghost, colors.ghost, colors.ghost, colors.ghost, colors.ghost, None)
    return [frame, *figure_boxes(_standing(), x + inset, y + inset, w - 2 * inset, h - 2 * inset, ghostly, 0.9)]


def exercise_figure(exercise, x: float, y: float, w: float, h: float,
                    colors: FigureColors = DEFAULT_COLORS, figures: Optional[Mapping[str, FigureSpec]] = None,
                    weight: float = 1.0) -> list[Box]:
    """The figure of ``exercise``: its inline ``figure:`` mapping, else its entry in ``figures``
    (e.g. ``builtin_figures()``), else the tidy placeholder."""
    spec = exercise.figure if exercise.figure is not None else (figures or {}).get(exercise.id)
    if spec is None:
        return placeholder(x, y, w, h, colors)
    return figure_boxes(spec, x, y, w, h, colors, weight)
