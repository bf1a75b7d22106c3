"""Exercise figures: pictograms posed by joint angles, with props, contacts and arrows.

Takes: figure specs (``catalogue.pose.FigureSpec``, from ``data/figures/*.yaml`` or an
exercise's inline ``figure:``). Gives: positioned vector boxes for layout and checks:

- ``figure_boxes(spec, x, y, w, h, colors, pen)`` -> boxes inside (x, y, w, h), mm
- ``figure_boxes_at(spec, x, y, w, scale, colors, pen)`` -> the same at ``scale`` mm per body
  unit, its foot on y, for figures compared side by side
- ``check_figure(spec, w, h)`` -> problems (loose contacts, impossible joints) at that size
- ``placeholder(x, y, w, h, colors)`` -> a tidy frame for an exercise without a figure
- ``exercise_figure(exercise, x, y, w, h, colors, figures, pen)`` -> inline figure, bundled one,
  or placeholder
- ``size(spec, pen)`` / ``aspect(spec, pen)`` -> the figure's painted width and height in body
  units / their ratio, to shape a box to it
- ``Pen`` (stroke widths in body units), ``FigureColors``, ``DEFAULT_COLORS``
- figure files are read, and poses turned into joint positions, by the load stage
  (``catalogue.figures``, ``catalogue.kinematics``, ``catalogue.contacts``)

Modules: ``style`` (pen and colours), ``props`` (prop shapes), ``arrows``, ``scene``
(primitives in body units), ``draw`` (stages, fit and boxes), ``check``.
"""

from ..catalogue.pose import FigureSpec, figure_from_data
from .check import check_figure, contact_gaps
from .draw import aspect, exercise_figure, figure_boxes, figure_boxes_at, placeholder, size
from .style import DEFAULT_COLORS, FigureColors, Pen

__all__ = [
    "FigureSpec",
    "FigureColors",
    "DEFAULT_COLORS",
    "Pen",
    "figure_boxes",
    "figure_boxes_at",
    "check_figure",
    "contact_gaps",
    "placeholder",
    "exercise_figure",
    "aspect",
    "size",
    "figure_from_data",
]
