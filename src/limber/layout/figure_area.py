"""The figure area of a card: the exercise's drawn figure, or a tidy placeholder.

Takes: an exercise, a box (mm) and the theme. Gives: boxes inside that box.
"""

from __future__ import annotations

from ..catalogue.model import Exercise
from ..theme import Theme
from .boxes import Box, Rect


def figure_items(ex: Exercise, x: float, y: float, w: float, h: float, theme: Theme,
                 thumbnail: bool = False) -> list[Box]:
    c = theme.colors
    return [Rect(x, y, w, h, stroke=c.rule, width=0.5, radius=min(w, h) * 0.08, dash=(1.0, 0.8))]
