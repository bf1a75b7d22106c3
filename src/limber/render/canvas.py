"""Draw positioned boxes on a reportlab canvas: one drawing routine per box kind.

Takes: a reportlab ``Canvas`` and boxes from ``limber.layout.boxes`` (mm, origin bottom-left).
Gives: nothing; the canvas holds the drawing. Every product (card, sheet, poster, gallery)
draws through ``draw_items``. QR codes become one vector path each, figures round-capped
strokes, links clickable areas.
"""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas

from ..boxes import Circle, Group, Image, Line, Link, Polyline, Qr, Rect, TextBox
from ..layout.units import pt


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
    path = c.beginPath()
    (x0, y0), *rest = box.points
    path.moveTo(pt(x0), pt(y0))
    for x, y in rest:
        path.lineTo(pt(x), pt(y))
    if box.closed:
        path.close()
    c.setStrokeColor(_color(box.color))
    c.setLineWidth(box.width)
    c.setLineCap(1)
    c.setLineJoin(1)
    if box.fill:
        c.setFillColor(_color(box.fill))
    c.drawPath(path, stroke=1, fill=int(box.fill is not None))


def _circle(c: Canvas, box: Circle) -> None:
    if box.stroke:
        c.setStrokeColor(_color(box.stroke))
        c.setLineWidth(box.width)
    if box.fill:
        c.setFillColor(_color(box.fill))
    c.circle(pt(box.cx), pt(box.cy), pt(box.r), stroke=int(box.stroke is not None),
             fill=int(box.fill is not None))


def _qr(c: Canvas, box: Qr) -> None:
    """All dark modules as one path; each horizontal run of modules is one rectangle."""
    unit = box.module
    rows = len(box.modules)
    path = c.beginPath()
    for r, row in enumerate(box.modules):
        y = box.y + (box.quiet + rows - r - 1) * unit
        col = 0
        while col < len(row):
            if row[col]:
                start = col
                while col < len(row) and row[col]:
                    col += 1
                path.rect(pt(box.x + (box.quiet + start) * unit), pt(y), pt((col - start) * unit), pt(unit))
            else:
                col += 1
    c.setFillColor(_color(box.color))
    c.drawPath(path, stroke=0, fill=1)


def _text(c: Canvas, box: TextBox) -> None:
    for run in box.runs:
        c.setFillColor(_color(run.color))
        c.setFont(run.font, run.size)
        c.drawString(pt(run.x), pt(run.y), run.text)


def _link(c: Canvas, box: Link) -> None:
    c.linkURL(box.url, (pt(box.x), pt(box.y), pt(box.x + box.w), pt(box.y + box.h)), relative=1, thickness=0)


def _image(c: Canvas, box: Image) -> None:
    if box.path.lower().endswith(".svg"):
        from reportlab.graphics import renderPDF
        from svglib.svglib import svg2rlg

        drawing = svg2rlg(box.path)
        scale = min(pt(box.w) / drawing.width, pt(box.h) / drawing.height)
        c.saveState()
        c.translate(pt(box.x), pt(box.y))
        c.scale(scale, scale)
        renderPDF.draw(drawing, c, 0, 0)
        c.restoreState()
    else:
        c.drawImage(box.path, pt(box.x), pt(box.y), pt(box.w), pt(box.h), preserveAspectRatio=True,
                    anchor="c", mask="auto")


def _form(c: Canvas, box: Group) -> None:
    """Draw the group's items once as a PDF form named ``box.form``, then reuse it. Links are
    page annotations, not form content, so they are drawn on the page each time."""
    name = f"limber-{box.form}"
    if not c.hasForm(name):
        c.beginForm(name, -10000, -10000, 10000, 10000)
        draw_items(c, [item for item in box.items if not isinstance(item, Link)])
        c.endForm()
    c.doForm(name)
    draw_items(c, [item for item in box.items if isinstance(item, Link)])


def _group(c: Canvas, box: Group) -> None:
    c.saveState()
    if box.dx or box.dy:
        c.translate(pt(box.dx), pt(box.dy))
    if box.rotate:
        c.rotate(box.rotate)
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


_DRAW = {Rect: _rect, Line: _line, Polyline: _polyline, Circle: _circle, Qr: _qr, TextBox: _text,
         Link: _link, Image: _image, Group: _group}


def draw_items(c: Canvas, items) -> None:
    for item in items:
        _DRAW[type(item)](c, item)
