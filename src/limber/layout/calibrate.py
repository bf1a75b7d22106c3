"""The two-page duplex calibration sheet.

Takes: paper size, flip (long or short) and the back offset in mm.
Gives: two ``Page`` objects. The front carries crosses at five known points; the back carries,
at the points where those crosses land after the flip, millimetre rulers. Printed double-sided
and held against the light, each front cross shows on the back rulers how far the printer
shifts the back: that reading, with its sign, is the ``--offset X,Y`` to pass to ``deck``.
"""

from __future__ import annotations

from ..fonts import BOLD, REGULAR
from ..boxes import Box, Circle, Group, Line, Page
from .sheet import BAR_LEN, BAR_STRIP, scale_bar
from .text import Section, Style, fit_sections

INSET = 30.0   # mm from the paper edges to the corner targets
RULER = 6      # mm each way on the back rulers


def target_points(paper_w: float, paper_h: float) -> list[tuple[float, float]]:
    return [(INSET, INSET), (paper_w - INSET, INSET), (paper_w / 2, paper_h / 2),
            (INSET, paper_h - INSET), (paper_w - INSET, paper_h - INSET)]


def _cross(x: float, y: float) -> list[Box]:
    return [Line(x - 6, y, x + 6, y, "#000000", 0.5), Line(x, y - 6, x, y + 6, "#000000", 0.5),
            Circle(x, y, 2.5, "#000000", 0.35)]


def _ruler(x: float, y: float) -> list[Box]:
    out: list[Box] = []
    for mm_ in range(-RULER, RULER + 1):
        long = 2.4 if mm_ % 5 == 0 else 1.2
        out.append(Line(x + mm_, y - 8, x + mm_, y - 8 + long, "#c2410c", 0.3))   # x scale below
        out.append(Line(x - 8, y + mm_, x - 8 + long, y + mm_, "#c2410c", 0.3))   # y scale left
    out.append(Line(x - RULER, y - 8, x + RULER, y - 8, "#c2410c", 0.3))
    out.append(Line(x - 8, y - RULER, x - 8, y + RULER, "#c2410c", 0.3))
    return out


def _text(lines: list[str], x: float, y: float, w: float, h: float, size: float = 9) -> Box:
    """A bold heading (the first line) over the instructions."""
    style = Style(font=REGULAR, size=size, min_size=7, color="#000000", leading=1.25, marker_font=BOLD)
    sections = [Section((lines[0],), font=BOLD, scale=1.3), Section(tuple(lines[1:]))]
    return fit_sections(sections, x, y, w, h, style, "instructions", "calibration")


def calibration_pages(paper_w: float, paper_h: float, duplex: str = "long",
                      offset: tuple[float, float] = (0.0, 0.0)) -> list[Page]:
    points = target_points(paper_w, paper_h)
    front: list[Box] = []
    for x, y in points:
        front += _cross(x, y)
    front.append(_text([
        "limber duplex calibration: FRONT",
        f"1. Print both pages double-sided, flip on the {duplex} edge, at actual size (100%).",
        "2. Check the scale bar measures 50 mm.",
        "3. Hold the sheet against a window. Each cross on this side shows through on the "
        "orange rulers of the back.",
        "4. Read where the centre of a cross falls: right/up is positive. Pass that as "
        "--offset X,Y to limber deck, for example --offset -1.5,0.5.",
    ], 45, paper_h / 2 + 15, paper_w - 90, 60))
    front.append(scale_bar((paper_w - BAR_LEN) / 2, 8.0, 0.0))
    back: list[Box] = []
    for x, y in points:
        bx = paper_w - x if duplex == "long" else x
        by = paper_h - y if duplex == "short" else y
        back += _ruler(bx, by)
    back.append(_text(["limber duplex calibration: BACK",
                       "The rulers are in millimetres; each long tick is 5 mm."],
                      45, paper_h / 2 - 55, paper_w - 90, 20))
    back.append(scale_bar((paper_w - BAR_LEN) / 2, paper_h - 8.0 - BAR_STRIP, 0.0))
    back_group = Group(tuple(back), dx=offset[0], dy=offset[1])
    return [Page(paper_w, paper_h, tuple(front), bookmarks=("Calibration front",), label="front"),
            Page(paper_w, paper_h, (back_group,), bookmarks=("Calibration back",), label="back")]
