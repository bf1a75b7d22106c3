"""The figure area of a card: the exercise's drawn figure, or a tidy placeholder.

Takes: an exercise (its ``figure`` already attached by the loader), a box (mm) and the theme,
and optionally the nominal height the figure's strokes are set for. Gives: vector boxes inside
that box, in the theme's figure colours. Stroke widths follow the theme's card figure height,
not the box or the pose, so every card of a deck draws with the same pen even where a card
shrinks or grows its figure area; a box more than ``POSTER`` times that height is a poster-size
figure and gets the pen for its own height, and thumbnails pass their own size. Large print
draws heavier.
"""

from __future__ import annotations

from ..boxes import Box
from ..catalogue.model import Exercise
from ..figure import FigureColors, Pen, exercise_figure
from ..theme import Theme

LARGE_PRINT = 1.2  # stroke weight where body text is 12 pt or more
THUMBNAIL = 1.3  # thumbnails are small: heavier strokes so they still read
POSTER = 2.0  # a figure area this many times the card's is drawn for its own size


def figure_pen(theme: Theme, height: float | None = None, thumbnail: bool = False) -> Pen:
    """The pen for figures of ``height`` mm (default: the theme's card figure area)."""
    weight = (THUMBNAIL if thumbnail else 1.0) * (LARGE_PRINT if theme.text.min_body >= 12 else 1.0)
    return Pen.for_height(theme.exercise_front.figure if height is None else height, weight)


def figure_items(
    ex: Exercise,
    x: float,
    y: float,
    w: float,
    h: float,
    theme: Theme,
    thumbnail: bool = False,
    nominal: float | None = None,
) -> list[Box]:
    colors = FigureColors.from_mapping(theme.colors, fills=theme.fills)
    if nominal is None and (thumbnail or h > POSTER * theme.exercise_front.figure):
        nominal = h
    pen = figure_pen(theme, nominal, thumbnail)
    return exercise_figure(ex, x, y, w, h, colors, pen=pen)
