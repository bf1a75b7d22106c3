"""The figure area of a card: the exercise's drawn figure, or a tidy placeholder.

Takes: an exercise (its ``figure`` already attached by the loader), a box (mm) and the theme.
Gives: vector boxes inside that box, in the theme's figure colours; strokes are heavier in
large print and in thumbnails so that they still read.
"""

from __future__ import annotations

from ..catalogue.model import Exercise
from ..figure import FigureColors, exercise_figure
from ..theme import Theme
from ..boxes import Box


def figure_items(ex: Exercise, x: float, y: float, w: float, h: float, theme: Theme,
                 thumbnail: bool = False) -> list[Box]:
    colors = FigureColors.from_mapping(theme.colors, fills=theme.fills)
    weight = (1.3 if thumbnail else 1.0) * (1.25 if theme.text.min_body >= 12 else 1.0)
    return exercise_figure(ex, x, y, w, h, colors, weight=weight)
