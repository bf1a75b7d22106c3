"""The figure gallery: every exercise's figure with its name, on A4 pages, for review.

Takes: the catalogue's exercises and the theme. Gives: ``Page`` objects in two sets: card
size (a grid of cells whose figures are drawn with the theme's card pen, as on an exercise
card) and poster size (one figure a page, in a figure area about ten times a card's, 257 mm
tall on A4, drawn with the pen for that height), each figure with its name and id below it.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..boxes import Box, Page, Rect
from ..catalogue.model import Exercise
from ..fonts import BOLD, REGULAR
from ..theme import Theme
from .figure_area import figure_items
from .text import Section, Style, fit_sections

COLS, ROWS = 3, 5
MARGIN = 12.0
POSTER_ROWS = 1
LABEL = 9.5  # mm under each figure for its name and id


def _cells(paper: tuple[float, float], cols: int, rows: int):
    w, h = paper
    cell_w, cell_h = (w - 2 * MARGIN) / cols, (h - 2 * MARGIN) / rows
    for index in range(cols * rows):
        row, col = divmod(index, cols)
        yield MARGIN + col * cell_w, h - MARGIN - (row + 1) * cell_h, cell_w, cell_h


def _pages(
    exercises: Sequence[Exercise],
    theme: Theme,
    paper: tuple[float, float],
    cols: int,
    rows: int,
    label: str,
    size: float,
) -> list[Page]:
    style = Style(font=REGULAR, size=size, min_size=6.5, color=theme.colors.ink, leading=1.15)
    pages = []
    per_page = cols * rows
    for start in range(0, len(exercises), per_page):
        items: list[Box] = []
        chunk = exercises[start : start + per_page]
        for ex, (x, y, cell_w, cell_h) in zip(chunk, _cells(paper, cols, rows)):
            items.append(
                Rect(x + 1, y + 1, cell_w - 2, cell_h - 2, stroke=theme.colors.rule, width=0.4, radius=2)
            )
            fig_h = cell_h - LABEL - 6
            items += figure_items(ex, x + 4, y + LABEL + 3, cell_w - 8, fig_h, theme)
            name = [Section((ex.name,), font=BOLD), Section((ex.id,), color=theme.colors.muted, scale=0.85)]
            items.append(fit_sections(name, x + 4, y + 2, cell_w - 8, LABEL * size / 8, style, "name", ex.id))
        pages.append(
            Page(paper[0], paper[1], tuple(items), bookmarks=tuple(ex.name for ex in chunk), label=label)
        )
    return pages


def gallery_pages(
    exercises: Sequence[Exercise], theme: Theme, paper: tuple[float, float] = (210.0, 297.0)
) -> list[Page]:
    """Card-size pages, then poster-size pages, of every exercise's figure."""
    cards = _pages(exercises, theme, paper, COLS, ROWS, "gallery", 8)
    posters = _pages(exercises, theme, paper, 1, POSTER_ROWS, "gallery-poster", 8)
    return cards + posters
