"""The figure area of a card or poster panel: the exercise's drawn figure, or a tidy placeholder.

Takes: an exercise (its ``figure`` already attached by the loader), a box (mm) and the theme.
Gives: vector boxes inside that box, in the theme's figure colours, the figure scaled as a
whole to fill the box (strokes included, so it has one shape at every size); and
``figure_size`` / ``figure_aspect``, its painted width and height in body units / their
ratio, for a layout that shapes the box to the figure or compares how large figures are
drawn; ``figure_items_at`` draws a figure at a given scale instead (figures side by side at
one scale). Large print draws with a heavier pen, at every size alike.
"""

from __future__ import annotations

from ..boxes import Box
from ..catalogue.model import Exercise
from ..figure import FigureColors, Pen, exercise_figure, figure_boxes_at, placeholder, size
from ..theme import Theme

LARGE_PRINT = 1.2  # stroke weight where body text is 12 pt or more
STANDING = 0.55  # the aspect of an exercise without a figure: its placeholder stands


def figure_pen(theme: Theme) -> Pen:
    """The pen of the theme's figures."""
    return Pen.weighted(LARGE_PRINT if theme.text.min_body >= 12 else 1.0)


def figure_size(ex: Exercise, theme: Theme) -> tuple[float, float]:
    """Width and height of ``ex``'s figure as painted, props included, in body units (a
    standing body is about 100 units tall; the placeholder stands that tall)."""
    from ..catalogue.figures import builtin_figures

    spec = ex.figure if ex.figure is not None else builtin_figures().get(ex.id)
    return (STANDING * 100.0, 100.0) if spec is None else size(spec, figure_pen(theme))


def figure_aspect(ex: Exercise, theme: Theme) -> float:
    """Width / height of ``ex``'s figure as painted, props included."""
    w, h = figure_size(ex, theme)
    return w / h


def figure_items(ex: Exercise, x: float, y: float, w: float, h: float, theme: Theme) -> list[Box]:
    colors = FigureColors.from_mapping(theme.colors, fills=theme.fills)
    return exercise_figure(ex, x, y, w, h, colors, pen=figure_pen(theme))


def figure_items_at(ex: Exercise, x: float, y: float, w: float, scale: float, theme: Theme) -> list[Box]:
    """``ex``'s figure at ``scale`` mm per body unit, centred across x..x+w with its foot on y,
    so that figures side by side show their bodies at one size (``figure_size`` times
    ``scale`` is the room each takes); the placeholder stands as tall as a standing body."""
    from ..catalogue.figures import builtin_figures

    colors = FigureColors.from_mapping(theme.colors, fills=theme.fills)
    spec = ex.figure if ex.figure is not None else builtin_figures().get(ex.id)
    if spec is None:
        fw, fh = figure_size(ex, theme)
        return placeholder(x + (w - fw * scale) / 2, y, fw * scale, fh * scale, colors, figure_pen(theme))
    return figure_boxes_at(spec, x, y, w, scale, colors, figure_pen(theme))
