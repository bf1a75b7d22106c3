"""Draw positioned boxes on a reportlab canvas: one drawing routine per box kind.

Takes: a reportlab ``Canvas`` and boxes from ``limber.layout.boxes`` (mm, origin bottom-left).
Gives: nothing; the canvas holds the drawing. Every product (card, sheet, poster, gallery)
draws through ``draw_items``. A QR code becomes one vector path of integer module
rectangles under one scale-and-move, figures round-capped strokes, links clickable areas.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from functools import cache, lru_cache
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfgen.canvas import Canvas

from ..boxes import Box, Circle, Group, Image, Line, Link, Polyline, Qr, Rect, TextBox
from ..layout.units import pt


@cache
def _color(value: str):
    return HexColor(value)


def _rect(c: Canvas, box: Rect) -> None:
    if box.fill is None and box.stroke is None:
        return
    if box.fill:
        c.setFillColor(_color(box.fill))
    if box.stroke:
        c.setStrokeColor(_color(box.stroke))
        c.setLineWidth(box.width)
        c.setDash([pt(d) for d in box.dash] if box.dash else [])
    args = (pt(box.x), pt(box.y), pt(box.w), pt(box.h))
    fill, stroke = int(box.fill is not None), int(box.stroke is not None)
    if box.radius:
        c.roundRect(*args, pt(box.radius), stroke=stroke, fill=fill)
    else:
        c.rect(*args, stroke=stroke, fill=fill)
    if box.dash:
        c.setDash([])


def _line(c: Canvas, box: Line) -> None:
    c.setStrokeColor(_color(box.color))
    c.setLineWidth(box.width)
    c.setLineCap(0)
    c.setDash([pt(d) for d in box.dash] if box.dash else [])
    c.line(pt(box.x1), pt(box.y1), pt(box.x2), pt(box.y2))
    if box.dash:
        c.setDash([])


def _polyline(c: Canvas, box: Polyline) -> None:
    """One path, written as reportlab's path object writes it, without building one."""
    (x0, y0), *rest = box.points
    path = [f"n {fp_str(pt(x0), pt(y0))} m", *[f"{fp_str(pt(x), pt(y))} l" for x, y in rest]]
    if box.closed:
        path.append("h")
    c.setStrokeColor(_color(box.color))
    c.setLineWidth(box.width)
    c.setLineCap(1)
    c.setLineJoin(1)
    if box.fill:
        c.setFillColor(_color(box.fill))
    c.addLiteral(" ".join(path))
    c.addLiteral("S" if box.fill is None else "B*")  # stroke, or stroke and fill (even-odd)


def _circle(c: Canvas, box: Circle) -> None:
    if box.stroke:
        c.setStrokeColor(_color(box.stroke))
        c.setLineWidth(box.width)
    if box.fill:
        c.setFillColor(_color(box.fill))
    c.circle(
        pt(box.cx), pt(box.cy), pt(box.r), stroke=int(box.stroke is not None), fill=int(box.fill is not None)
    )


def _qr(c: Canvas, box: Qr) -> None:
    """The code as one filled path in module units, placed by one scale-and-move."""
    unit = box.module
    c.saveState()
    c.transform(pt(unit), 0, 0, pt(unit), pt(box.x + box.quiet * unit), pt(box.y + box.quiet * unit))
    c.setFillColor(_color(box.color))
    c.addLiteral(qr_path(box.modules))
    c.restoreState()


@lru_cache(maxsize=256)
def qr_path(modules: tuple[bytes, ...]) -> str:
    """PDF operators that fill the dark modules, in integer module coordinates (origin at the
    bottom-left module): one rectangle per horizontal run of dark modules, and a run repeated
    on the rows below it is one taller rectangle."""
    n = len(modules)
    ops = []
    open_runs: dict[tuple[int, int], int] = {}  # (start, end) column -> first row
    for r, row in enumerate((*modules, b"")):
        runs = {m.span() for m in _DARK.finditer(row)}
        for run in [run for run in open_runs if run not in runs]:
            top = open_runs.pop(run)
            ops.append(f"{run[0]} {n - r} {run[1] - run[0]} {r - top} re")
        for run in sorted(runs.difference(open_runs)):
            open_runs[run] = r
    ops.append("f")
    return "\n".join(ops)


_DARK = re.compile(b"\x01+")


def _text(c: Canvas, box: TextBox) -> None:
    """All lines of a text box in one text object; font and colour set only when they change."""
    text = c.beginText()
    font = color = None
    for run in box.runs:
        if run.color != color:
            color = run.color
            text.setFillColor(_color(color))
        if (run.font, run.size) != font:
            font = (run.font, run.size)
            text.setFont(run.font, run.size)
        text.setTextOrigin(pt(run.x), pt(run.y))
        text.textOut(run.text)
    c.drawText(text)


def _link(c: Canvas, box: Link) -> None:
    c.linkURL(box.url, (pt(box.x), pt(box.y), pt(box.x + box.w), pt(box.y + box.h)), relative=1, thickness=0)


def _image(c: Canvas, box: Image) -> None:
    """The logo, centred in the box: drawn once per document as a form of its own, from
    the bytes the load stage checked (parsed once per process). Each separator sheet of the
    combined file is a form of its own, one per member; without the logo's form each would
    hold the whole drawing again."""
    from ..catalogue.logo import drawing, raster

    name = _logo_form_name(box.data)
    if box.path.lower().endswith(".svg"):
        svg = drawing(box.data)
        width, height = svg.width, svg.height
        if not c.hasForm(name):
            from reportlab.graphics import renderPDF

            c.beginForm(name, 0, 0, width, height)
            renderPDF.draw(svg, c, 0, 0)
            _end_form(c)
    else:
        png = raster(box.data)
        width, height = png.getSize()
        if not c.hasForm(name):
            c.beginForm(name, 0, 0, width, height)
            c.drawImage(png, 0, 0, width, height, mask="auto")
            _end_form(c)
    scale = min(pt(box.w) / width, pt(box.h) / height)
    c.saveState()
    c.translate(pt(box.x) + (pt(box.w) - width * scale) / 2, pt(box.y) + (pt(box.h) - height * scale) / 2)
    c.scale(scale, scale)
    c.doForm(name)
    c.restoreState()


@lru_cache(maxsize=8)
def _logo_form_name(data: bytes) -> str:
    return "limber-logo-" + hashlib.sha256(data).hexdigest()[:24]


def _form(c: Canvas, box: Group) -> None:
    """Draw the group's items once as a PDF form named ``box.form``, then reuse it. Links are
    page annotations, not form content, so they are drawn on the page each time."""
    name = f"limber-{box.form}"
    if not c.hasForm(name):
        c.beginForm(name, -10000, -10000, 10000, 10000)
        draw_items(c, [item for item in box.items if not isinstance(item, Link)])
        _end_form(c)
    c.doForm(name)
    draw_items(c, [item for item in box.items if isinstance(item, Link)])


def _end_form(c: Canvas) -> None:
    resources = _form_resources(c)
    if resources is None:
        c.endForm()
    else:
        c.endForm(Resources=resources)


def _form_resources(c: Canvas) -> Any:
    """The resources of the form being drawn when it uses gradients, colour spaces or
    graphics states (transparency), as reportlab gives a page; None when it uses none of
    them. reportlab's forms list only fonts and XObjects, so a logo's gradient drawn in a
    form would print black and its transparency would be lost."""
    shading, colors = c._shadingUsed, c._colorsUsed  # type: ignore[attr-defined]
    states = any(isinstance(op, str) and op.endswith(" gs") for op in c._code)  # type: ignore[attr-defined]
    if not (shading or colors or states):
        return None
    from reportlab.pdfbase.pdfdoc import PDFResourceDictionary

    resources = PDFResourceDictionary()
    resources.basicFonts()
    resources.allProcs()
    if c._formsinuse:  # type: ignore[attr-defined]
        resources.XObject = c._doc.xobjDict(c._formsinuse)  # type: ignore[attr-defined]
    if states:
        resources.ExtGState = c._extgstate.getState()  # type: ignore[attr-defined]
    resources.setShading(shading)
    resources.setColorSpace(colors)
    return resources


def _group(c: Canvas, box: Group) -> None:
    c.saveState()
    if box.dx or box.dy:
        c.translate(pt(box.dx), pt(box.dy))
    if box.rotate:
        c.rotate(box.rotate)
    if box.scale != 1.0:
        c.scale(box.scale, box.scale)
    if box.clip:
        x, y, w, h = box.clip
        path = c.beginPath()
        path.rect(pt(x), pt(y), pt(w), pt(h))
        c.clipPath(path, stroke=0, fill=0)
    if box.form:
        _form(c, box)
    else:
        draw_items(c, box.items)
    c.restoreState()


_DRAW: dict[type, Callable[[Canvas, Any], None]] = {  # each box kind to its own drawer
    Rect: _rect,
    Line: _line,
    Polyline: _polyline,
    Circle: _circle,
    Qr: _qr,
    TextBox: _text,
    Link: _link,
    Image: _image,
    Group: _group,
}


def draw_items(c: Canvas, items: Iterable[Box]) -> None:
    for item in items:
        _DRAW[type(item)](c, item)
