"""Check a figure at a drawn size: contacts that do not touch, joints beyond human limits.

Takes: a ``FigureSpec`` and the size (w, h) in mm of the box it will be drawn in.
Gives: ``check_figure`` -> a list of readable problems (empty when all is well), and
``contact_gaps`` -> every declared contact with its gap in mm at that size. A contact holds
when the body point is within ``TOLERANCE_MM`` of its prop's surface (or of the other body
point) at the scale the figure is drawn at.
"""

from __future__ import annotations

import math
from typing import Any, Mapping, Union

from ..catalogue.pose import FigureSpec
from . import props as propshapes
from .draw import as_spec, bodies, fit, scene
from .skeleton import joint_angle_problems

TOLERANCE_MM = 1.0


def contact_gaps(spec: Union[FigureSpec, Mapping[str, Any]], w: float, h: float) -> list[tuple[int, str, str, float]]:
    """(frame index, body point, target, gap in mm) for every declared contact at size w x h."""
    spec = as_spec(spec)
    scale = fit(scene(spec), 0.0, 0.0, w, h).scale
    named = {p.label: p for p in spec.props}
    posed = bodies(spec)
    out = []
    for i, frame in enumerate(spec.frames):
        body = posed[i]
        for point, target in frame.touch.items():
            p = body[point]
            if target in named:
                gap = propshapes.distance(named[target], p, spec.facing)
            else:
                gap = math.dist(p, body[target])
            out.append((i, point, target, gap * scale))
    return out


def check_figure(spec: Union[FigureSpec, Mapping[str, Any]], w: float, h: float) -> list[str]:
    """Problems of ``spec`` drawn in a w x h mm box: loose contacts and impossible joints."""
    spec = as_spec(spec)
    problems = []
    for i, frame in enumerate(spec.frames):
        problems += [f"frame {i}: {m}" for m in joint_angle_problems(frame, spec.view.value)]
    for i, point, target, gap in contact_gaps(spec, w, h):
        if gap > TOLERANCE_MM:
            problems.append(f"frame {i}: {point} should touch {target} but is {gap:.2f} mm away "
                            f"at {w:g} x {h:g} mm")
    return problems
