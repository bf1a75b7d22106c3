"""Positioned boxes: what layout produces and render draws.

Takes: nothing (plain data definitions). Gives: frozen dataclasses for every box kind:
``TextBox`` (with its fitted, positioned ``Run`` lines), ``Rect``, ``Line``, ``Polyline``,
``Circle``, ``Qr``, ``Link``, ``Image`` (a PNG or SVG file), ``Group`` (a clip region, maybe
a reusable form), and ``Page`` (a page of boxes).

All coordinates are millimetres with the origin at the bottom-left of the page and y
pointing up, as in PDF. Colours are '#rrggbb' strings or None. ``layout.units`` is the one
place that converts to points.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union


@dataclass(frozen=True, slots=True)
class Run:
    """One line of text: its baseline start (x, y), font name, size in points and colour
    (slotted: decks make tens of thousands of them)."""

    x: float
    y: float
    text: str
    font: str
    size: float
    color: str


@dataclass(frozen=True)
class TextBox:
    """A text block fitted into the box (x, y, w, h); ``field`` names what it shows."""

    x: float
    y: float
    w: float
    h: float
    runs: tuple[Run, ...]
    field: str = ""


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str | None = None
    stroke: str | None = None
    width: float = 0.25  # stroke width in points
    radius: float = 0.0  # corner radius in mm
    dash: tuple[float, ...] = ()


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    color: str = "#000000"
    width: float = 0.25  # points
    dash: tuple[float, ...] = ()


@dataclass(frozen=True)
class Polyline:
    """Connected segments through ``points``; round caps and joins."""

    points: tuple[tuple[float, float], ...]
    color: str
    width: float  # points
    closed: bool = False
    fill: str | None = None


@dataclass(frozen=True)
class Circle:
    cx: float
    cy: float
    r: float
    stroke: str | None
    width: float = 0.5  # points
    fill: str | None = None


@dataclass(frozen=True)
class Qr:
    """A QR code: ``modules`` rows top to bottom, one byte per module (1 = dark), drawn in the
    square (x, y, size), which includes the quiet zone of ``quiet`` modules on every side."""

    x: float
    y: float
    size: float
    modules: tuple[bytes, ...]
    url: str
    quiet: int = 4
    color: str = "#000000"

    @property
    def module(self) -> float:
        return self.size / (len(self.modules) + 2 * self.quiet)


@dataclass(frozen=True)
class Link:
    x: float
    y: float
    w: float
    h: float
    url: str


@dataclass(frozen=True)
class Image:
    """A PNG or SVG logo drawn into the box (x, y, w, h); SVG stays vector. ``data`` is the
    file's bytes as the load stage checked them (``catalogue.logo``): what is drawn."""

    x: float
    y: float
    w: float
    h: float
    path: str
    data: bytes = field(repr=False)


Box = Union[TextBox, Rect, Line, Polyline, Circle, Qr, Link, Image, "Group"]


@dataclass(frozen=True)
class Group:
    """Boxes moved by (dx, dy), turned ``rotate`` degrees anticlockwise about that point and
    scaled by ``scale``, with an optional clip rectangle (x, y, w, h) in the group's own
    coordinates. A group with a ``form`` name is drawn once per document and reused wherever
    that name recurs (the caller promises that equal names mean equal items)."""

    items: tuple[Box, ...]
    clip: tuple[float, float, float, float] | None = None
    dx: float = 0.0
    dy: float = 0.0
    rotate: float = 0.0
    scale: float = 1.0
    form: str = ""


@dataclass(frozen=True)
class Page:
    """One PDF page: size in mm, its boxes, optional trim/bleed boxes, and one bookmark per card."""

    width: float
    height: float
    items: tuple[Box, ...]
    trim: tuple[float, float, float, float] | None = None  # x0, y0, x1, y1
    bleed: tuple[float, float, float, float] | None = None
    bookmarks: tuple[str, ...] = ()
    label: str = ""
    extra: dict = field(default_factory=dict, compare=False)


def walk(items, dx: float = 0.0, dy: float = 0.0):
    """Every leaf box with the accumulated offset of the (unrotated) groups around it:
    (box, dx, dy). Boxes inside rotated or scaled groups are yielded as (box, None, None)."""
    for item in items:
        if isinstance(item, Group):
            if item.rotate or item.scale != 1.0:
                for leaf, _, _ in walk(item.items):
                    yield leaf, None, None
            else:
                yield from walk(item.items, dx + item.dx, dy + item.dy)
        else:
            yield item, dx, dy
