"""Check a figure at a drawn size: contacts that do not touch, joints beyond human limits.

Takes: a ``FigureSpec`` and the size (w, h) in mm of the box it will be drawn in (and the
``Pen``, by default the standard one). Gives: ``check_figure`` -> a list of readable
problems (empty when all is well), and ``contact_gaps`` -> every declared contact with its gap
in mm at that size. A contact holds when the body point is within ``TOLERANCE_MM`` of its
prop's surface (or of the other body point) at the scale the figure is drawn at.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..catalogue import contacts
from ..catalogue.contacts import TOLERANCE_MM
from ..catalogue.kinematics import joint_angle_problems
from ..catalogue.pose import FigureSpec
from .draw import as_spec, placed
from .style import Pen


def contact_gaps(
    spec: FigureSpec | Mapping[str, Any], w: float, h: float, pen: Pen | None = None
) -> list[tuple[int, str, str, float]]:
    """(frame index, body point, target, gap in mm) for every declared contact at size w x h."""
    spec = as_spec(spec)
    scale = placed(spec, pen or Pen(), 0.0, 0.0, w, h)[1].scale
    return [(i, point, target, gap * scale) for i, point, target, gap in contacts.contact_gaps(spec)]


def check_figure(
    spec: FigureSpec | Mapping[str, Any], w: float, h: float, pen: Pen | None = None
) -> list[str]:
    """Problems of ``spec`` drawn in a w x h mm box: loose contacts and impossible joints."""
    spec = as_spec(spec)
    problems = []
    for i, frame in enumerate(spec.frames):
        problems += [f"frame {i}: {m}" for m in joint_angle_problems(frame, frame.seen(spec.view.value))]
    for i, point, target, gap in contact_gaps(spec, w, h, pen):
        if gap > TOLERANCE_MM:
            problems.append(
                f"frame {i}: {point} should touch {target} but is {gap:.2f} mm away at {w:g} x {h:g} mm"
            )
    return problems
