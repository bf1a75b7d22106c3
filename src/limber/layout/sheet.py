"""Impose cards on sheets for home printing: grid, crop marks, scale bar, duplex and fold.

Takes: card faces (``layout.card.Face``), the card and paper sizes, bleed, and options.
Gives: ``Page`` objects of boxes. All slot geometry is computed by pure functions
(``impose``, ``back_origin``) before anything is drawn, so tests can check it directly.

Rules, for printers that cannot print the outer few millimetres of a sheet: every crop mark,
the scale bar and its words lie at least ``PRINTABLE`` mm inside the paper's edge, and every
edge of the grid gets crop marks at least ``MARK_MIN`` mm long, so trims sit at least
PRINTABLE + MARK_MIN + bleed inside the edge. Gutters are twice the bleed where the count still
fits, never less than twice ``MIN_BLEED``: no card's bleed is cut short below MIN_BLEED by its
neighbour (each card's bleed is clipped at the middle of its gutter). The grid is centred; the
sheet is turned (landscape) when that holds more cards, and the scale bar goes below or beside
the grid when that costs no card. Crop marks are 0.25 pt hairlines starting the bleed away
from the trim. A long-edge flip of a portrait sheet mirrors x (columns), a short-edge flip
mirrors y (rows); on a landscape sheet the two swap.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ..boxes import Box, Group, Line, Rect
from ..errors import FitError
from ..fonts import BOLD
from .text import Style, fit

PRINTABLE = 5.0  # mm: nothing that must print sits closer to the paper's edge than this
MIN_BLEED = 2.0  # mm: the least bleed a neighbour may leave a card
MARK_LEN = 5.0  # mm
MARK_MIN = 2.5  # mm: the shortest crop mark worth cutting by
MARK_WIDTH = 0.25  # pt
BAR_LEN = 50.0  # mm
BAR_TEXT = "this bar measures 50 mm: print at actual size"
BAR_STRIP = 4.6  # mm: bar, ticks and its text
BAR_GAP = 0.6  # mm between the bleed and the bar's strip


class SheetError(FitError):
    """A card does not fit the paper it is to be imposed on."""


@dataclass(frozen=True)
class Grid:
    """Where the cards' trims sit on the front of a sheet."""

    paper_w: float
    paper_h: float
    unit_w: float  # a slot's trim width (a fold-over pair is two cards wide)
    unit_h: float
    cols: int
    rows: int
    gap_x: float
    gap_y: float
    x0: float  # left edge of the grid's trims
    y0: float  # bottom edge of the grid's trims
    bleed: float
    bar: tuple[float, float, float] | None = None  # x, y, rotation of the scale bar

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


def margin(bleed: float) -> float:
    """How far inside the paper's edge the outermost trims must sit: room for the bleed, a crop
    mark and the printer's unprintable border."""
    return PRINTABLE + MARK_MIN + bleed


def _fit(space: float, unit: float, min_gap: float) -> int:
    """How many units, at least ``min_gap`` apart, fit in ``space``."""
    return max(0, int(math.floor((space + min_gap + 1e-9) / (unit + min_gap))))


def _gap(space: float, unit: float, n: int, wanted: float) -> float:
    return 0.0 if n < 2 else max(0.0, min(wanted, (space - n * unit) / (n - 1)))


def impose(
    unit_w: float, unit_h: float, paper_w: float, paper_h: float, bleed: float, face_w: float | None = None
) -> Grid:
    """The centred grid with the most slots, on the sheet upright or turned (landscape) when that
    holds more; with a strip for the 50 mm scale bar below or beside it when that costs no slot;
    then the widest gutters, up to twice the bleed. ``face_w`` is a face's width within a slot
    (half of it for fold-overs): the bar sits under one face, clear of the fold marks."""
    face_w = unit_w if face_w is None else face_w
    edge = margin(bleed)
    min_gap = 2 * min(bleed, MIN_BLEED)
    bar_edge = PRINTABLE + BAR_STRIP + BAR_GAP + bleed
    candidates = []
    for turned in (False, True):
        pw, ph = (paper_h, paper_w) if turned else (paper_w, paper_h)
        options: list[tuple[float, float, str | None]] = [(edge, edge, None)]
        if face_w >= BAR_LEN + 3:
            options.append((edge, max(edge, bar_edge), "below"))
        if unit_h >= BAR_LEN + 3:
            options.append((max(edge, bar_edge), edge, "beside"))
        for mx, my, bar in options:
            cols, rows = _fit(pw - 2 * mx, unit_w, min_gap), _fit(ph - 2 * my, unit_h, min_gap)
            # Most slots first, then a scale bar, then the upright sheet.
            candidates.append(((cols * rows, bar is not None, not turned), pw, ph, mx, my, cols, rows, bar))
    score, paper_w, paper_h, mx, my, cols, rows, bar = max(candidates, key=lambda c: c[0])
    if cols == 0 or rows == 0:
        raise SheetError(
            f"a {unit_w:g} x {unit_h:g} mm card does not fit on a {paper_w:g} x {paper_h:g} mm "
            f"sheet with {edge:g} mm margins for crop marks; use --sheet none or a larger sheet"
        )
    gap_x = _gap(paper_w - 2 * mx, unit_w, cols, 2 * bleed)
    gap_y = _gap(paper_h - 2 * my, unit_h, rows, 2 * bleed)
    grid_w, grid_h = cols * unit_w + (cols - 1) * gap_x, rows * unit_h + (rows - 1) * gap_y
    x0, y0 = (paper_w - grid_w) / 2, (paper_h - grid_h) / 2
    place_bar = None
    if bar == "below":
        bx = x0 + (face_w - BAR_LEN) / 2 + (cols // 2) * (unit_w + gap_x)
        place_bar = (bx, y0 - bleed - BAR_GAP - BAR_STRIP, 0.0)
    elif bar == "beside":
        by = y0 + (unit_h - BAR_LEN) / 2 + (rows // 2) * (unit_h + gap_y)
        place_bar = (x0 - bleed - BAR_GAP, by, 90.0)
    return Grid(paper_w, paper_h, unit_w, unit_h, cols, rows, gap_x, gap_y, x0, y0, bleed, place_bar)


def back_origin(
    grid: Grid, x: float, y: float, w: float, h: float, duplex: str, offset: tuple[float, float] = (0.0, 0.0)
) -> tuple[float, float]:
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
    """Hairlines extending every trim line outside the grid, ending PRINTABLE mm from the paper's edge."""
    b = grid.bleed
    xs = sorted(
        {
            round(grid.x0 + c * (grid.unit_w + grid.gap_x) + d, 4)
            for c in range(grid.cols)
            for d in (0.0, grid.unit_w)
        }
    )
    ys = sorted(
        {
            round(grid.y0 + r * (grid.unit_h + grid.gap_y) + d, 4)
            for r in range(grid.rows)
            for d in (0.0, grid.unit_h)
        }
    )
    bottom, top = grid.y0, grid.y0 + grid.grid_h
    left, right = grid.x0, grid.x0 + grid.grid_w
    marks: list[Line] = []

    def span(edge_distance: float) -> float:
        return min(MARK_LEN, edge_distance - b - PRINTABLE)

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
