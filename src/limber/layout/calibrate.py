"""The two-page duplex calibration sheet.

Takes: paper size, flip (long or short) and the back offset in mm.
Gives: two ``Page`` objects. The front carries crosses at five known points; the back carries,
exactly where those crosses land after the flip, a pair of millimetre scales numbered from
-RANGE to +RANGE with a marked zero (x across, y up). Printed double-sided and held against
the light, each front cross shows through on the back's scales: the numbers under its centre,
with their signs, are the ``--offset X,Y`` to pass to ``deck``.
"""

from __future__ import annotations

from ..boxes import Box, Circle, Group, Line, Page
from ..fonts import BOLD, REGULAR
from .sheet import BAR_LEN, BAR_STRIP, scale_bar
from .text import Section, Style, fit, fit_sections, line_h, width

INSET = 30.0  # mm from the paper edges to the corner targets
RANGE = 10  # mm each way on the back scales
ARM = RANGE + 4.0  # mm: a cross's arms reach the scales even when the back is RANGE mm off
GAP = 1.2  # mm between a landing point and its scales
INK = "#000000"
SCALE = "#c2410c"
HOW = (
    "Hold the sheet against a window with this side facing you. Under the centre of each cross "
    "read the orange scales: across (X) and up (Y), in mm, with their signs. Pass the two numbers "
    "to limber deck as --offset X,Y, for example --offset 1.5,-0.5."
)


def target_points(paper_w: float, paper_h: float) -> list[tuple[float, float]]:
    return [
        (INSET, INSET),
        (paper_w - INSET, INSET),
        (paper_w / 2, paper_h / 2),
        (INSET, paper_h - INSET),
        (paper_w - INSET, paper_h - INSET),
    ]


def _cross(x: float, y: float) -> list[Box]:
    return [
        Line(x - ARM, y, x + ARM, y, INK, 0.5),
        Line(x, y - ARM, x, y + ARM, INK, 0.5),
        Circle(x, y, 2.5, INK, 0.35),
    ]


def _label(
    text: str, x: float, y: float, size: float = 5.5, bold: bool = False, align: str = "center"
) -> Box:
    """One short label whose baseline box starts at (x, y); ``align`` places it about x."""
    font = BOLD if bold else REGULAR
    w = width(text, font, size) + 0.2
    left = x - w / 2 if align == "center" else (x - w if align == "right" else x)
    style = Style(font=font, size=size, min_size=size, color=SCALE, leading=1.0, align="left")
    return fit([text], left, y, w, line_h(font, size), style, "ruler", "calibration")


def scales(x: float, y: float) -> list[Box]:
    """Numbered X and Y scales about the point (x, y), zero in line with it: the X scale just
    below the point with its numbers between it and the point (the bold 0 where the cross's
    centre should land), the Y scale just left of the point with its numbers on its left."""
    out: list[Box] = []
    base_y, base_x = y - GAP, x - GAP
    out.append(Line(x - RANGE, base_y, x + RANGE, base_y, SCALE, 0.3))
    out.append(Line(base_x, y - RANGE, base_x, y + RANGE, SCALE, 0.3))
    for mm_ in range(-RANGE, RANGE + 1):
        tall = 1.8 if mm_ == 0 else (1.1 if mm_ % 5 == 0 else 0.6)
        weight = 0.7 if mm_ == 0 else 0.3
        out.append(Line(x + mm_, base_y, x + mm_, base_y - tall, SCALE, weight))
        out.append(Line(base_x, y + mm_, base_x - tall, y + mm_, SCALE, weight))
        if mm_ % 5 == 0 and mm_:
            out.append(_label(f"{mm_:+d}", x + mm_, base_y + 0.35))
            out.append(_label(f"{mm_:+d}", base_x - 2.0, y + mm_ - 0.8, align="right"))
    out.append(_label("0", x, base_y + 0.35, size=6.5, bold=True))
    out.append(_label("X + right", x + RANGE + 2.5, base_y - 1.0, bold=True, align="left"))
    out.append(_label("- left", x - RANGE - 2.5, base_y - 1.0, align="right"))
    out.append(_label("Y + up", base_x, y + RANGE + 1.0, bold=True))
    out.append(_label("- down", base_x, y - RANGE - 3.0))
    return out


def _text(lines: list[str], x: float, y: float, w: float, h: float, size: float = 9) -> Box:
    """A bold heading (the first line) over the instructions."""
    style = Style(font=REGULAR, size=size, min_size=7, color=INK, leading=1.25, marker_font=BOLD)
    sections = [Section((lines[0],), font=BOLD, scale=1.3), Section(tuple(lines[1:]))]
    return fit_sections(sections, x, y, w, h, style, "instructions", "calibration")


def calibration_pages(
    paper_w: float, paper_h: float, duplex: str = "long", offset: tuple[float, float] = (0.0, 0.0)
) -> list[Page]:
    points = target_points(paper_w, paper_h)
    front: list[Box] = []
    for x, y in points:
        front += _cross(x, y)
    front.append(
        _text(
            [
                "limber duplex calibration: FRONT",
                f"1. Print both pages double-sided, flip on the {duplex} edge, at actual size (100%).",
                "2. Check that the scale bar measures 50 mm.",
                "3. Hold the sheet against a window with the back (the orange scales) facing you. Under the centre "
                "of each cross read the two scales, in mm, with their signs, and pass them to limber deck as "
                "--offset X,Y.",
            ],
            45,
            paper_h / 2 + 17,
            paper_w - 90,
            62,
        )
    )
    front.append(scale_bar((paper_w - BAR_LEN) / 2, 8.0, 0.0))
    back: list[Box] = []
    for x, y in points:
        bx = paper_w - x if duplex == "long" else x
        by = paper_h - y if duplex == "short" else y
        back += scales(bx, by)
    back.append(
        _text(
            [
                "limber duplex calibration: BACK",
                HOW,
                "If every cross sits on both zeros, your printer needs no offset.",
            ],
            45,
            paper_h / 2 - 68,
            paper_w - 90,
            48,
        )
    )
    back.append(scale_bar((paper_w - BAR_LEN) / 2, paper_h - 8.0 - BAR_STRIP, 0.0))
    back_group = Group(tuple(back), dx=offset[0], dy=offset[1])
    return [
        Page(paper_w, paper_h, tuple(front), bookmarks=("Calibration front",), label="front"),
        Page(paper_w, paper_h, (back_group,), bookmarks=("Calibration back",), label="back"),
    ]
