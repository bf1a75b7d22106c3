"""Impose cards on sheets for home printing: grid, crop marks, scale bar, duplex and fold.

Takes: card faces (``layout.card.Face``), the card and paper sizes, bleed, and options.
Gives: ``Page`` objects of boxes. All slot geometry is computed by pure functions
(``impose``, ``back_origin``) before anything is drawn, so tests can check it directly.

Rules: card trims stay at least ``MARGIN`` mm inside the paper; gutters between cards are
twice the bleed where the count still fits, narrower otherwise (down to butted cards); each
card's bleed is clipped at the middle of its gutter. Crop marks are 0.25 pt hairlines outside
the grid, start at least the bleed away from the trim and stop short of the paper's edge.
A long-edge flip of a portrait sheet mirrors x (columns), a short-edge flip mirrors y (rows);
on a landscape sheet (used when it holds more cards) the two swap.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional, Sequence

from ..errors import FitError
from ..fonts import BOLD
from ..boxes import Box, Group, Line, Page, Rect, TextBox
from .text import Style, fit

MARGIN = 5.0          # mm: trims stay this far inside the paper edge
PRINTABLE = 4.5       # mm: nothing that must print sits closer to the edge than this
MARK_LEN = 5.0        # mm
MARK_EDGE = 1.0       # mm: a mark stops at least this far from the paper's edge
MARK_WIDTH = 0.25     # pt
BAR_LEN = 50.0        # mm
BAR_TEXT = "this bar measures 50 mm: print at actual size"
BAR_STRIP = 4.6       # mm: bar, ticks and its text


class SheetError(FitError):
    """A card does not fit the paper it is to be imposed on."""


@dataclass(frozen=True)
class Grid:
    """Where the cards' trims sit on the front of a sheet."""

    paper_w: float
    paper_h: float
    unit_w: float          # a slot's trim width (a fold-over pair is two cards wide)
    unit_h: float
    cols: int
    rows: int
    gap_x: float
    gap_y: float
    x0: float              # left edge of the grid's trims
    y0: float              # bottom edge of the grid's trims
    bleed: float
    bar: Optional[tuple[float, float, float]] = None   # x, y, rotation of the scale bar

    @property
    def per_sheet(self) -> int:
        return self.cols * self.rows

    @property
    def grid_w(self) -> float:
        return self.cols * self.unit_w + (self.cols - 1) * self.gap_x

    @property
    def grid_h(self) -> float:
        return self.rows * self.unit_h + (self.rows - 1) * self.gap_y

    def slot(self, index: int) -> tuple[float, float]:
        """Bottom-left of slot ``index``'s trim; slots fill rows left to right, top row first."""
        row, col = divmod(index, self.cols)
        x = self.x0 + col * (self.unit_w + self.gap_x)
        y = self.y0 + (self.rows - 1 - row) * (self.unit_h + self.gap_y)
        return x, y

    def cell(self, index: int) -> tuple[int, int]:
        return divmod(index, self.cols)


def _count(space: float, unit: float) -> int:
    return max(0, int(math.floor((space + 1e-9) / unit)))


def _gap(space: float, unit: float, n: int, wanted: float) -> float:
    return 0.0 if n < 2 else max(0.0, min(wanted, (space - n * unit) / (n - 1)))


def impose(unit_w: float, unit_h: float, paper_w: float, paper_h: float, bleed: float,
           face_w: Optional[float] = None) -> Grid:
    """The grid with the most slots, on the sheet upright or turned (landscape) when that holds
    more; then the widest gutters (up to twice the bleed) that still leave a strip for the
    50 mm scale bar below the grid or beside it. ``face_w`` is a face's width within a slot
    (half of it for fold-overs): the bar sits under one face, clear of the fold marks."""
    face_w = unit_w if face_w is None else face_w
    upright = _count(paper_w - 2 * MARGIN, unit_w) * _count(paper_h - 2 * MARGIN, unit_h)
    turned = _count(paper_h - 2 * MARGIN, unit_w) * _count(paper_w - 2 * MARGIN, unit_h)
    if turned > upright:
        paper_w, paper_h = paper_h, paper_w
    space_w, space_h = paper_w - 2 * MARGIN, paper_h - 2 * MARGIN
    cols, rows = _count(space_w, unit_w), _count(space_h, unit_h)
    if cols == 0 or rows == 0:
        raise SheetError(f"a {unit_w:g} x {unit_h:g} mm card does not fit on a {paper_w:g} x {paper_h:g} mm "
                         f"sheet with {MARGIN:g} mm margins; use --sheet none or a larger sheet")
    # Gutters shrink before the outer strips do, so that crop marks keep a usable length.
    mark_room = max(MARGIN, bleed + 3.0 + MARK_EDGE)
    full_x = _gap(paper_w - 2 * mark_room, unit_w, cols, 2 * bleed)
    full_y = _gap(paper_h - 2 * mark_room, unit_h, rows, 2 * bleed)
    need = bleed + 0.6 + BAR_STRIP + PRINTABLE
    first = None
    for gap_x, gap_y in ((full_x, full_y), (full_x, 0.0), (0.0, full_y), (0.0, 0.0)):
        grid_w = cols * unit_w + (cols - 1) * gap_x
        grid_h = rows * unit_h + (rows - 1) * gap_y
        x0 = (paper_w - grid_w) / 2
        centred = Grid(paper_w, paper_h, unit_w, unit_h, cols, rows, gap_x, gap_y, x0,
                       (paper_h - grid_h) / 2, bleed)
        first = first or centred
        # Below the grid: push the grid up to the top margin if that makes room.
        y0 = max(paper_h - MARGIN - grid_h, (paper_h - grid_h) / 2)
        y0 = min(y0, max((paper_h - grid_h) / 2, need))
        if y0 >= need - 1e-9 and face_w >= BAR_LEN + 3 and paper_h - y0 - grid_h >= MARGIN - 1e-9:
            bx = x0 + (face_w - BAR_LEN) / 2 + (cols // 2) * (unit_w + gap_x)
            return Grid(paper_w, paper_h, unit_w, unit_h, cols, rows, gap_x, gap_y, x0, y0, bleed,
                        (bx, y0 - bleed - 0.6 - BAR_STRIP, 0.0))
        # Beside the grid, on the left, turned to read upwards.
        x0 = max(need, (paper_w - grid_w) / 2)
        if x0 + grid_w <= paper_w - MARGIN + 1e-9 and x0 >= need - 1e-9 and unit_h >= BAR_LEN + 3:
            y0 = (paper_h - grid_h) / 2
            by = y0 + (unit_h - BAR_LEN) / 2 + (rows // 2) * (unit_h + gap_y)
            return Grid(paper_w, paper_h, unit_w, unit_h, cols, rows, gap_x, gap_y, x0, y0, bleed,
                        (x0 - bleed - 0.6, by, 90.0))
    return first  # no room for the bar: the caller says so


def back_origin(grid: Grid, x: float, y: float, w: float, h: float, duplex: str,
                offset: tuple[float, float] = (0.0, 0.0)) -> tuple[float, float]:
    """Where a box at (x, y, w, h) on a front sheet lands on the back sheet after the flip.
    A flip turns the sheet about the axis parallel to the edge it names: on a portrait sheet
    a long-edge flip mirrors x, on a landscape sheet it mirrors y."""
    if duplex in ("long", "short"):
        if flips_across(grid, duplex):
            x = grid.paper_w - x - w
        else:
            y = grid.paper_h - y - h
    return x + offset[0], y + offset[1]


def flips_across(grid: Grid, duplex: str) -> bool:
    """True if the flip mirrors x (left and right swap), False if it mirrors y."""
    return (duplex == "long") == (grid.paper_w <= grid.paper_h)


def back_clip(grid: Grid, w: float, h: float, index: int, duplex: str) -> tuple[float, float, float, float]:
    """The clip of the back face behind slot ``index``: the front's clip with the flipped sides swapped."""
    cx, cy, cw, ch = face_clip(grid, w, h, index)
    left, right, bottom, top = -cx, cw - w + cx, -cy, ch - h + cy
    if flips_across(grid, duplex):
        left, right = right, left
    else:
        bottom, top = top, bottom
    return (-left, -bottom, w + left + right, h + bottom + top)


def crop_marks(grid: Grid, color: str = "#000000") -> list[Line]:
    """Hairlines extending every trim line outside the grid, short of the paper's edge."""
    b = grid.bleed
    xs = sorted({round(grid.x0 + c * (grid.unit_w + grid.gap_x) + d, 4) for c in range(grid.cols)
                 for d in (0.0, grid.unit_w)})
    ys = sorted({round(grid.y0 + r * (grid.unit_h + grid.gap_y) + d, 4) for r in range(grid.rows)
                 for d in (0.0, grid.unit_h)})
    bottom, top = grid.y0, grid.y0 + grid.grid_h
    left, right = grid.x0, grid.x0 + grid.grid_w
    marks: list[Line] = []

    def span(edge_distance: float) -> float:
        return min(MARK_LEN, edge_distance - b - MARK_EDGE)

    for x in xs:
        length = span(bottom)
        if length > 0.5:
            marks.append(Line(x, bottom - b, x, bottom - b - length, color, MARK_WIDTH))
        length = span(grid.paper_h - top)
        if length > 0.5:
            marks.append(Line(x, top + b, x, top + b + length, color, MARK_WIDTH))
    for y in ys:
        length = span(left)
        if length > 0.5:
            marks.append(Line(left - b, y, left - b - length, y, color, MARK_WIDTH))
        length = span(grid.paper_w - right)
        if length > 0.5:
            marks.append(Line(right + b, y, right + b + length, y, color, MARK_WIDTH))
    return marks


def scale_bar(x: float, y: float, rotate: float, color: str = "#000000") -> Group:
    """A 50 mm bar with end and centimetre ticks and its caption, in a strip BAR_STRIP high."""
    items: list[Box] = [Rect(0, 2.9, BAR_LEN, 0.5, fill=color)]
    for cm in range(6):
        tall = 1.5 if cm in (0, 5) else 0.9
        items.append(Line(cm * 10, 3.4, cm * 10, 3.4 + tall * 0.8, color, 0.5))
    style = Style(font=BOLD, size=5.5, min_size=5.0, color=color, leading=1.0, align="center")
    items.append(fit([BAR_TEXT], -1.5, 0.0, BAR_LEN + 3.0, 2.6, style, "scale bar", "sheet"))
    return Group(tuple(items), dx=x, dy=y, rotate=rotate)


def place(items: Sequence[Box], x: float, y: float, clip: tuple[float, float, float, float]) -> Group:
    """A card face moved to (x, y), clipped to its trim plus the bleed it may show."""
    return Group(tuple(items), clip=clip, dx=x, dy=y)


def face_clip(grid: Grid, w: float, h: float, index: int) -> tuple[float, float, float, float]:
    """The clip for a face in slot ``index`` (card coordinates): full bleed on the grid's outside,
    half the gutter between cards."""
    row, col = grid.cell(index)
    b = grid.bleed
    left = b if col == 0 else min(b, grid.gap_x / 2)
    right = b if col == grid.cols - 1 else min(b, grid.gap_x / 2)
    top = b if row == 0 else min(b, grid.gap_y / 2)
    bottom = b if row == grid.rows - 1 else min(b, grid.gap_y / 2)
    return (-left, -bottom, w + left + right, h + bottom + top)
