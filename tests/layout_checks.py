"""Geometry assertions on laid-out boxes, shared by the layout tests."""

from reportlab.pdfbase.pdfmetrics import getAscentDescent

from limber.boxes import TextBox
from limber.layout.text import width
from limber.layout.units import mm

TOL = 0.01  # mm


def run_extent(run):
    ascent, descent = getAscentDescent(run.font, run.size)
    return run.x, run.y + mm(descent), run.x + width(run.text, run.font, run.size), run.y + mm(ascent)


def assert_runs_inside(box: TextBox, x0, y0, x1, y1):
    """Every run of ``box`` lies inside its own box and inside (x0, y0, x1, y1)."""
    for run in box.runs:
        rx0, ry0, rx1, ry1 = run_extent(run)
        for lo, hi in ((rx0, rx1), (ry0, ry1)):
            assert lo <= hi
        assert rx0 >= max(x0, box.x) - TOL and rx1 <= min(x1, box.x + box.w) + TOL, (box.field, run.text)
        assert ry0 >= max(y0, box.y) - TOL and ry1 <= min(y1, box.y + box.h) + TOL, (box.field, run.text)


def text_boxes(items):
    from limber.boxes import walk

    return [(box, dx, dy) for box, dx, dy in walk(items) if isinstance(box, TextBox)]
