"""The figure area of a card or poster panel: the exercise's drawn figure, or a tidy placeholder.

Takes: an exercise (its ``figure`` already attached by the loader), a box (mm) and the theme.
Gives: vector boxes inside that box, in the theme's figure colours, the figure scaled as a
whole to fill the box (strokes included, so it has one shape at every size); and
``figure_aspect``, its painted width / height, for a layout that shapes the box to the
figure. Large print draws with a heavier pen, at every size alike.
"""

from __future__ import annotations

from ..boxes import Box
from ..catalogue.model import Exercise
from ..figure import FigureColors, Pen, aspect, exercise_figure
from ..theme import Theme

LARGE_PRINT = 1.2  # stroke weight where body text is 12 pt or more
STANDING = 0.55  # the aspect of an exercise without a figure: its placeholder stands


def figure_pen(theme: Theme) -> Pen:
    """The pen of the theme's figures."""
    return Pen.weighted(LARGE_PRINT if theme.text.min_body >= 12 else 1.0)


def figure_aspect(ex: Exercise, theme: Theme) -> float:
    """Width / height of ``ex``'s figure as painted, props included."""
    from ..catalogue.figures import builtin_figures

    spec = ex.figure if ex.figure is not None else builtin_figures().get(ex.id)
    return STANDING if spec is None else aspect(spec, figure_pen(theme))


def figure_items(ex: Exercise, x: float, y: float, w: float, h: float, theme: Theme) -> list[Box]:
    colors = FigureColors.from_mapping(theme.colors, fills=theme.fills)
    return exercise_figure(ex, x, y, w, h, colors, pen=figure_pen(theme))
