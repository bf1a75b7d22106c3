"""Tile a poster over home-printer sheets at full size, with an assembly map first.

Takes: the poster's ``Page`` (mm), the sheet size (A4 or Letter), the overlap (mm) and the
sheet's name. Gives: ``tile_grid`` (the pure geometry: sheet orientation, rows, columns and
each tile's window on the poster) and ``tile_pages``: the assembly map, then one page per
sheet, row by row from the top left.

Rules: the poster is split, not redrawn: every tile draws the same poster boxes in a group
that is clipped to the tile's window and moved onto the sheet, at scale 1, as vectors.
Nothing prints within ``EDGE`` mm of the paper's edge. Windows have whole-millimetre sizes
and sit a whole number of millimetres from the sheet's top-left corner. Neighbours overlap by
``overlap`` mm: each tile with a neighbour to its left or below carries a dashed cut line on
that edge and goes over the neighbour's overlap strip, which is marked as a light glue area
in the neighbour's margin. The sheet orientation is the one that needs fewer sheets.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from string import ascii_uppercase

from ..boxes import Box, Group, Line, Link, Page, Rect
from ..fonts import BOLD, REGULAR
from ..words import count
from .sheet import BAR_LEN, scale_bar
from .text import Section, Style, fit, fit_sections

EDGE = 5.0  # mm: home printers cannot print closer to the edge
BAND = 7.0  # mm: the margin band for cut lines and glue marks, inside EDGE
FOOT = 12.0  # mm: the bottom band for the label and the scale bar, inside EDGE
GLUE = "#d9d9d9"
INK = "#000000"
CUT_DASH = (2.0, 1.2)


@dataclass(frozen=True)
class TileGrid:
    sheet_w: float
    sheet_h: float
    poster_w: float
    poster_h: float
    overlap: float
    cols: int
    rows: int
    win_w: float  # the window of poster each sheet shows, mm
    win_h: float

    @property
    def count(self) -> int:
        return self.cols * self.rows

    @property
    def win_x(self) -> float:
        return EDGE + BAND

    @property
    def win_y(self) -> float:
        return self.sheet_h - EDGE - BAND - self.win_h

    def window(self, row: int, col: int) -> tuple[float, float, float, float]:
        """The poster region (x, y, w, h) on sheet (row, col); row 0 is the top."""
        x = col * (self.win_w - self.overlap)
        top = self.poster_h - row * (self.win_h - self.overlap)
        return x, top - self.win_h, self.win_w, self.win_h

    @staticmethod
    def name(row: int, col: int) -> str:
        return f"{ascii_uppercase[row]}{col + 1}"


def fit_grid(poster_w: float, poster_h: float, sheet_w: float, sheet_h: float, overlap: float) -> TileGrid:
    """The fewest sheets held this way up (w x h) that cover the poster with the overlap."""
    win_w = math.floor(sheet_w - 2 * (EDGE + BAND))
    win_h = math.floor(sheet_h - 2 * EDGE - BAND - FOOT)
    cols = max(1, math.ceil((poster_w - overlap) / (win_w - overlap) - 1e-9))
    rows = max(1, math.ceil((poster_h - overlap) / (win_h - overlap) - 1e-9))
    return TileGrid(sheet_w, sheet_h, poster_w, poster_h, overlap, cols, rows, win_w, win_h)


def tile_grid(poster_w: float, poster_h: float, sheet: tuple[float, float], overlap: float) -> TileGrid:
    """The tiling with fewer sheets, portrait sheets first when both need as many."""
    short, long_ = sorted(sheet)
    upright = fit_grid(poster_w, poster_h, short, long_, overlap)
    turned = fit_grid(poster_w, poster_h, long_, short, overlap)
    grid = turned if turned.count < upright.count else upright
    if grid.rows > len(ascii_uppercase):
        from ..errors import LimberError

        raise LimberError(f"a {poster_w:g} x {poster_h:g} mm poster needs more than 26 rows of sheets")
    return grid


def _label_style(size: float, align: str = "left") -> Style:
    return Style(font=BOLD, size=size, min_size=size * 0.8, color=INK, leading=1.0, align=align)


def _marks(grid: TileGrid, row: int, col: int) -> list[Box]:
    """Cut lines on the left and bottom edges that meet a neighbour; glue areas in the margin
    beside the strips a neighbour covers (right and top)."""
    x0, y0 = grid.win_x, grid.win_y
    x1, y1 = x0 + grid.win_w, y0 + grid.win_h
    ov = grid.overlap
    out: list[Box] = []
    style = _label_style(5.5, "center")
    if col > 0:
        out.append(Line(x0 - 0.3, max(EDGE, y0 - BAND), x0 - 0.3, y1 + BAND - 0.5, INK, 0.6, CUT_DASH))
        out.append(fit(["cut"], EDGE, y1 + 1.0, BAND - 0.6, 2.4, style, "cut", "tiles"))
    if row < grid.rows - 1:
        out.append(Line(x0 - BAND + 0.5, y0 - 0.3, x1 + BAND - 0.5, y0 - 0.3, INK, 0.6, CUT_DASH))
    if col < grid.cols - 1:  # the right neighbour goes over this sheet's right strip
        out.append(Rect(x1 - ov, y1 + 0.6, ov, BAND - 1.2, fill=GLUE))
        out.append(Rect(x1 - ov, y0 - BAND + 0.6, ov, BAND - 1.2, fill=GLUE))
        out.append(fit(["glue"], x1 - ov, y1 + 1.2, ov, 2.4, style, "glue", "tiles"))
    if row > 0:  # the sheet above goes over this sheet's top strip
        out.append(Rect(x1 + 0.6, y1 - ov, BAND - 1.2, ov, fill=GLUE))
        out.append(Rect(EDGE + 0.3, y1 - ov, BAND - 1.6, ov, fill=GLUE))
    return out


def _tile(grid: TileGrid, items: tuple[Box, ...], row: int, col: int, sheet_name: str) -> Page:
    px, py, w, h = grid.window(row, col)
    content = Group(items, clip=(px, py, w, h), dx=grid.win_x - px, dy=grid.win_y - py)
    name = grid.name(row, col)
    label = f"{name} (row {ascii_uppercase[row]}, column {col + 1} of {grid.cols} x {grid.rows})"
    bar_x = grid.win_x + grid.win_w - grid.overlap - BAR_LEN - 4.0  # clear of the glue mark
    text = fit(
        [label], grid.win_x, EDGE + 0.6, bar_x - grid.win_x - 4.0, 4.0, _label_style(8.0), "label", "tiles"
    )
    boxes = [content, *_marks(grid, row, col), text, scale_bar(bar_x, EDGE + 0.2, 0.0)]
    return Page(grid.sheet_w, grid.sheet_h, tuple(boxes), bookmarks=(f"Sheet {name}",), label=f"tile {name}")


def _map(grid: TileGrid, items: tuple[Box, ...], sheet_name: str, title: str) -> Page:
    """The poster in miniature with the sheet grid and names over it, the count and how to join."""
    m = EDGE + BAND
    head_h = 30.0
    avail_w, avail_h = grid.sheet_w - 2 * m, grid.sheet_h - 2 * m - head_h
    cover_w = grid.cols * (grid.win_w - grid.overlap) + grid.overlap
    cover_h = grid.rows * (grid.win_h - grid.overlap) + grid.overlap
    k = min(avail_w / cover_w, avail_h / cover_h)
    ox = (grid.sheet_w - cover_w * k) / 2
    top = grid.sheet_h - m - head_h
    oy = top - grid.poster_h * k  # the poster's top-left at the top of the area
    out: list[Box] = [
        Group(items, dx=ox, dy=oy, scale=k),
        Rect(ox, oy, grid.poster_w * k, grid.poster_h * k, stroke=INK, width=0.6),
    ]
    name_style = _label_style(9.0, "center")
    for row in range(grid.rows):
        for col in range(grid.cols):
            px, py, w, h = grid.window(row, col)
            x, y = ox + px * k, oy + py * k
            out.append(Rect(x, y, w * k, h * k, stroke="#c2410c", width=0.8, dash=(1.5, 1.0)))
            out.append(
                Rect(
                    x + w * k / 2 - 5,
                    y + h * k / 2 - 3,
                    10,
                    6,
                    fill="#ffffff",
                    stroke="#c2410c",
                    width=0.6,
                    radius=1.0,
                )
            )
            out.append(
                fit(
                    [grid.name(row, col)],
                    x + w * k / 2 - 5,
                    y + h * k / 2 - 2.2,
                    10,
                    4.4,
                    name_style,
                    "map",
                    "tiles",
                )
            )
    orient = "portrait" if grid.sheet_w <= grid.sheet_h else "landscape"
    sections = [
        Section((f"Assembly map: {title}",), font=BOLD, scale=1.4),
        Section(
            (
                f"{count(grid.count, 'sheet')} of {sheet_name} ({orient}), {grid.cols} across x {grid.rows} down, "
                f"for a {grid.poster_w:g} x {grid.poster_h:g} mm poster. Print at actual size.",
            )
        ),
        Section(
            (
                "Trim each sheet on its dashed cut lines, lay it over the grey glue strip of the "
                "sheet to its left and the one below so that the picture lines up, and glue; "
                "start at the bottom left and work right, then up.",
            )
        ),
    ]
    style = Style(font=REGULAR, size=9.0, min_size=6.5, color=INK, leading=1.2, gap=0.3)
    out.append(
        fit_sections(
            sections,
            m,
            grid.sheet_h - m - head_h + 2.0,
            grid.sheet_w - 2 * m,
            head_h - 2.0,
            style,
            "map",
            "tiles",
        )
    )
    return Page(grid.sheet_w, grid.sheet_h, tuple(out), bookmarks=("Assembly map",), label="map")


def tile_pages(poster: Page, sheet: tuple[float, float], overlap: float, sheet_name: str) -> list[Page]:
    """The assembly map, then the sheets row by row from the top left."""
    grid = tile_grid(poster.width, poster.height, sheet, overlap)
    items = tuple(b for b in poster.items if not isinstance(b, Link))  # paper is not clickable
    title = poster.bookmarks[0] if poster.bookmarks else "poster"
    pages = [_map(grid, items, sheet_name, title)]
    pages += [_tile(grid, items, r, c, sheet_name) for r in range(grid.rows) for c in range(grid.cols)]
    for page in pages:
        page.extra["tiles"] = grid
    return pages
