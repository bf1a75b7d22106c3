"""Exercise figures: a stick body posed by joint angles, with props, contacts and arrows.

Takes: figure specs (``catalogue.pose.FigureSpec``, from ``data/figures/*.yaml`` or an
exercise's inline ``figure:``). Gives: positioned vector boxes for layout and checks:

- ``figure_boxes(spec, x, y, w, h, colors, weight=1.0)`` -> boxes inside (x, y, w, h), mm
- ``check_figure(spec, w, h)`` -> problems (loose contacts, impossible joints) at that size
- ``placeholder(x, y, w, h, colors)`` -> a tidy frame for an exercise without a figure
- ``exercise_figure(exercise, x, y, w, h, colors, figures)`` -> inline figure, bundled one, or placeholder
- figure files are read by ``catalogue.figures`` (the load stage)
- ``FigureColors`` (ink, far, ghost, prop, accent, head) and ``DEFAULT_COLORS``

Modules: ``skeleton`` (forward kinematics), ``props`` (surfaces and shapes), ``arrows``,
``scene`` (primitives in body units), ``draw`` (fit and boxes), ``check``.
"""

from ..catalogue.pose import FigureSpec, figure_from_data
from .check import check_figure, contact_gaps
from .draw import DEFAULT_COLORS, FigureColors, exercise_figure, figure_boxes, placeholder

__all__ = ["FigureSpec", "FigureColors", "DEFAULT_COLORS", "figure_boxes", "check_figure",
           "contact_gaps", "placeholder", "exercise_figure", "figure_from_data"]
