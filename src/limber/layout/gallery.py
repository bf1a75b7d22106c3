"""The figure gallery: every exercise's figure with its name, on A4 pages, for review.

Takes: the catalogue's exercises and the theme. Gives: ``Page`` objects, a grid of cells of
about pocket-card figure size, each with a figure and its name and id below it.
"""

from __future__ import annotations

from typing import Sequence

from ..catalogue.model import Exercise
from ..fonts import BOLD, REGULAR
from ..theme import Theme
from ..boxes import Box, Page, Rect
from .figure_area import figure_items
from .text import Section, Style, fit_sections

COLS, ROWS = 3, 5
MARGIN = 12.0


def gallery_pages(exercises: Sequence[Exercise], theme: Theme, paper: tuple[float, float] = (210.0, 297.0)
                  ) -> list[Page]:
    w, h = paper
    cell_w = (w - 2 * MARGIN) / COLS
    cell_h = (h - 2 * MARGIN) / ROWS
    style = Style(font=REGULAR, size=8, min_size=6.5, color=theme.colors.ink, leading=1.15)
    pages = []
    per_page = COLS * ROWS
    for start in range(0, len(exercises), per_page):
        items: list[Box] = []
        chunk = exercises[start:start + per_page]
        for index, ex in enumerate(chunk):
            row, col = divmod(index, COLS)
            x = MARGIN + col * cell_w
            y = h - MARGIN - (row + 1) * cell_h
            items.append(Rect(x + 1, y + 1, cell_w - 2, cell_h - 2, stroke=theme.colors.rule, width=0.4, radius=2))
            items += figure_items(ex, x + 4, y + 12, cell_w - 8, cell_h - 16, theme)
            label = [Section((ex.name,), font=BOLD), Section((ex.id,), color=theme.colors.muted, scale=0.85)]
            items.append(fit_sections(label, x + 4, y + 2, cell_w - 8, 9.5, style, "name", ex.id))
        pages.append(Page(w, h, tuple(items), bookmarks=tuple(ex.name for ex in chunk), label="gallery"))
    return pages
