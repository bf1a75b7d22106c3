"""The figure gallery: every exercise's figure with its name, for review.

Takes: the catalogue's exercises, the theme and the paper (A4 unless told). Gives: ``Page``
objects in three sets:

- a contact sheet (``gallery-contact``, the paper turned landscape): every figure side by
  side at one scale, one body unit the same millimetres for all, so that figures that look
  alike, and bodies drawn larger or smaller than the rest, stand out; names at 8 pt;
- card size (``gallery``): a grid of cells, each figure in a box the size of the figure area
  of the theme's reference card (its width less the safe margins, the preferred figure
  height), as a card draws it; names at 9 pt, ids at 8 pt;
- poster size (``gallery-poster``): one figure a page in a box nearly as large as the page,
  names at 16 pt, ids at 12 pt.

A figure is drawn as a card or poster draws it (``figure_area``): scaled as a whole to fill
its box, so that it has the same proportions in every set. Labels take the room their text
needs at its size: a long name wraps instead of shrinking.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..boxes import Box, Page, Rect
from ..catalogue.model import Exercise
from ..fonts import BOLD, REGULAR
from ..sizes import card_size
from ..theme import Theme
from .figure_area import figure_items, figure_items_at, figure_size
from .text import Section, Style, fit_sections, line_h, measure, width
from .units import mm

MARGIN = 12.0  # mm round every page
PAD = 2.5  # mm inside each cell
CELL_GAP = 1.5  # mm between cells
CARD_NAME, POSTER_NAME, CONTACT_NAME, TITLE = 9.0, 16.0, 8.0, 12.0  # pt
ID_SCALE = 8.0 / 9.0  # an id under its name: 8 pt under a 9 pt name, 14.2 pt under 16 pt
CONTACT_MIN_W = 22.0  # mm: the narrowest contact sheet cell, for its name
CONTACT_BODY = 20.0  # mm: the smallest a standing body (100 units) is drawn on the contact sheet
CONTACT_STEP = 0.98  # scales tried for the contact sheet, each this much smaller than the last
BODY = 100.0  # body units: a standing body's height


def _style(theme: Theme, size: float, font: str = REGULAR, color: str | None = None) -> Style:
    return Style(font=font, size=size, min_size=size, color=color or theme.colors.ink, leading=1.15)


def _label(
    ex: Exercise, theme: Theme, size: float, x: float, top: float, w: float, ids: bool = True
) -> tuple[list[Box], float]:
    """The name in bold at ``size`` and, under it, the id in the muted colour, from ``top``
    down in a column ``w`` wide; returns the boxes and the height they take."""
    style = _style(theme, size, BOLD)
    name = [Section((ex.name,))]
    h = measure(name, w, style) + 0.01
    out: list[Box] = [fit_sections(name, x, top - h, w, h, style, "name", ex.id)]
    if ids:
        small = _style(theme, size * ID_SCALE, color=theme.colors.muted)
        ident = [Section((ex.id,))]
        id_h = measure(ident, w, small) + 0.01
        gap = mm(size) * 0.25
        out.append(fit_sections(ident, x, top - h - gap - id_h, w, id_h, small, "id", ex.id))
        h += gap + id_h
    return out, h


def _label_h(exercises: Sequence[Exercise], theme: Theme, size: float, w: float, ids: bool = True) -> float:
    """The height the tallest label takes at ``size`` in a column ``w`` wide."""
    return max(_label(ex, theme, size, 0.0, 0.0, w, ids)[1] for ex in exercises)


def _grid_pages(
    exercises: Sequence[Exercise],
    theme: Theme,
    paper: tuple[float, float],
    figure: tuple[float, float] | None,
    size: float,
    label: str,
) -> list[Page]:
    """Cells holding a figure box of ``figure`` (w, h) mm above its label, as many a page as
    fit; ``figure=None``: one cell a page, its figure box as large as the page allows."""
    pw, ph = paper
    room_w, room_h = pw - 2 * MARGIN, ph - 2 * MARGIN
    if figure is None:
        cols = rows = 1
        fig_w = room_w - 2 * PAD
        label_h = _label_h(exercises, theme, size, fig_w)
        fig_h = room_h - 3 * PAD - label_h
    else:
        fig_w, fig_h = figure
        cols = max(1, int((room_w + CELL_GAP) // (fig_w + 2 * PAD + CELL_GAP)))
        label_h = _label_h(exercises, theme, size, fig_w)
        rows = max(1, int((room_h + CELL_GAP) // (fig_h + label_h + 3 * PAD + CELL_GAP)))
    cell_w = (room_w - (cols - 1) * CELL_GAP) / cols
    cell_h = fig_h + label_h + 3 * PAD
    pages = []
    per_page = cols * rows
    for start in range(0, len(exercises), per_page):
        items: list[Box] = []
        chunk = exercises[start : start + per_page]
        for index, ex in enumerate(chunk):
            row, col = divmod(index, cols)
            x = MARGIN + col * (cell_w + CELL_GAP)
            top = ph - MARGIN - row * (cell_h + CELL_GAP)
            items.append(Rect(x, top - cell_h, cell_w, cell_h, stroke=theme.colors.rule, width=0.4, radius=2))
            fx = x + (cell_w - fig_w) / 2
            items += figure_items(ex, fx, top - PAD - fig_h, fig_w, fig_h, theme)
            items += _label(ex, theme, size, fx, top - 2 * PAD - fig_h, fig_w)[0]
        pages.append(Page(pw, ph, tuple(items), bookmarks=tuple(ex.name for ex in chunk), label=label))
    return pages


Cell = tuple[Exercise, float, float]  # an exercise, its cell's width and its figure's height (mm)


def _contact_rows(
    exercises: Sequence[Exercise], theme: Theme, scale: float, room_w: float
) -> list[list[Cell]]:
    """The exercises in reading order in rows no wider than ``room_w``, each in a cell as wide
    as its figure at ``scale`` or its name's longest word needs."""
    rows: list[list[Cell]] = [[]]
    used = 0.0
    for ex in exercises:
        fw, fh = figure_size(ex, theme)
        words = max(width(word, BOLD, CONTACT_NAME) for word in ex.name.split() or [""])
        cell = max(fw * scale, CONTACT_MIN_W, words) + 2 * PAD
        if rows[-1] and used + CELL_GAP + cell > room_w:
            rows.append([])
            used = 0.0
        used += cell + (CELL_GAP if rows[-1] else 0.0)
        rows[-1].append((ex, cell, fh * scale))
    return rows


def _row_h(row: list[Cell], theme: Theme) -> tuple[float, float]:
    """(figure height, label height) of a contact sheet row."""
    label = max(
        _label(ex, theme, CONTACT_NAME, 0.0, 0.0, cell - 2 * PAD, ids=False)[1] for ex, cell, _ in row
    )
    return max(fh for _, _, fh in row), label


def _rows_h(rows: list[list[Cell]], theme: Theme) -> float:
    return sum(sum(_row_h(row, theme)) + 2.5 * PAD for row in rows) + CELL_GAP * (len(rows) - 1)


def _contact_scale(exercises: Sequence[Exercise], theme: Theme, room_w: float, room_h: float) -> float:
    """The largest scale (mm per body unit) at which every figure fits one page side by side,
    but never one that draws a standing body smaller than ``CONTACT_BODY`` (more pages then)."""
    sizes = [figure_size(ex, theme) for ex in exercises]
    label = _label_h(exercises, theme, CONTACT_NAME, CONTACT_MIN_W, ids=False)
    scale = min(
        (room_h - label - 2.5 * PAD) / max(h for _, h in sizes),
        (room_w - 2 * PAD) / max(w for w, _ in sizes),
    )
    low = min(scale, CONTACT_BODY / BODY)
    while scale > low:
        if _rows_h(_contact_rows(exercises, theme, scale, room_w), theme) <= room_h:
            return scale
        scale *= CONTACT_STEP
    return low


def contact_pages(exercises: Sequence[Exercise], theme: Theme, paper: tuple[float, float]) -> list[Page]:
    """Every figure side by side at one scale, in reading order, on the paper turned landscape."""
    pw, ph = max(paper), min(paper)
    room_w = pw - 2 * MARGIN
    head_h = line_h(BOLD, TITLE) + PAD
    room_h = ph - 2 * MARGIN - head_h
    scale = _contact_scale(exercises, theme, room_w, room_h)
    rows = _contact_rows(exercises, theme, scale, room_w)
    title = [
        Section(
            (
                f"Every figure at one scale: 1 body unit = {scale:.3f} mm "
                f"(a standing body about {BODY * scale:.0f} mm tall)",
            )
        )
    ]
    pages: list[Page] = []
    items: list[Box] = []
    names: list[str] = []
    top = ph - MARGIN - head_h
    for row in rows:
        fig_h, label_h = _row_h(row, theme)
        row_h = fig_h + label_h + 2.5 * PAD
        if items and top - row_h < MARGIN - 1e-6:  # this row goes on the next page
            pages.append(Page(pw, ph, tuple(items), bookmarks=tuple(names), label="gallery-contact"))
            items, names, top = [], [], ph - MARGIN - head_h
        if not items:
            items.append(
                fit_sections(
                    title,
                    MARGIN,
                    ph - MARGIN - head_h + PAD,
                    room_w,
                    head_h - PAD,
                    _style(theme, TITLE, BOLD),
                    "title",
                    "gallery",
                )
            )
        spare = room_w - sum(cell for _, cell, _ in row) - CELL_GAP * (len(row) - 1)
        gap = CELL_GAP + (spare / (len(row) - 1) if len(row) > 1 and row is not rows[-1] else 0.0)
        x = MARGIN
        foot = top - PAD - fig_h
        for ex, cell, _ in row:
            items += figure_items_at(ex, x, foot, cell, scale, theme)
            items += _label(ex, theme, CONTACT_NAME, x + PAD, foot - PAD / 2, cell - 2 * PAD, ids=False)[0]
            x += cell + gap
        names += [ex.name for ex, _, _ in row]
        top -= row_h + CELL_GAP
    pages.append(Page(pw, ph, tuple(items), bookmarks=tuple(names), label="gallery-contact"))
    return pages


def card_figure(theme: Theme) -> tuple[float, float]:
    """The figure area of the theme's reference card: its width less the safe margins, and the
    preferred figure height."""
    w, _ = card_size(theme.text.reference)
    return w - 2 * theme.safe, theme.exercise_front.figure


def gallery_pages(
    exercises: Sequence[Exercise], theme: Theme, paper: tuple[float, float] = (210.0, 297.0)
) -> list[Page]:
    """The contact sheet, then card-size pages, then poster-size pages, of every exercise's figure."""
    if not exercises:
        return []
    contact = contact_pages(exercises, theme, paper)
    cards = _grid_pages(exercises, theme, paper, card_figure(theme), CARD_NAME, "gallery")
    posters = _grid_pages(exercises, theme, paper, None, POSTER_NAME, "gallery-poster")
    return contact + cards + posters
