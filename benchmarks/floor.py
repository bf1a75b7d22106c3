"""The floor: a bare reportlab canvas program that prints the same deck as ``limber deck``.

Takes: a JSON description of the deck's distinct cards (``benchmarks/speed.py`` writes it
from limber's laid-out cards: every face's rectangles, lines, figure strokes, text lines at
their final positions and sizes, QR codes as their URL, links), the sheet's slot geometry and
marks, and ``--copies N``. Gives: a PDF with the same sheets, fronts and backs, the same card
count, bookmarks and metadata, drawn with plain canvas calls.

It does no loading, validation or text fitting (the text comes already wrapped and placed),
and builds each QR matrix with the qrcode package at error correction M with a fixed mask,
once per distinct URL (as limber does), drawing it on every card as one path of one
rectangle per run of dark modules. It imports nothing from limber. So it is the cost of
drawing the deck and nothing more: a floor, not a straw man.

    python benchmarks/floor.py DECK.json OUT.pdf [--copies N]
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from functools import cache

from qrcode.main import QRCode
from reportlab import rl_config
from reportlab.lib.colors import HexColor
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

PT = 72 / 25.4  # points per millimetre


@cache
def color(value: str) -> HexColor:
    return HexColor(value)


@cache
def qr_matrix(url: str) -> list[list[bool]]:
    code = QRCode(error_correction=0, border=0, mask_pattern=0)  # 0 is level M in qrcode
    code.add_data(url)
    code.make(fit=True)
    return code.get_matrix()


def draw(c: Canvas, items: list) -> None:
    for kind, *a in items:
        if kind == "text":
            for x, y, text, font, size, fill in a[0]:
                c.setFillColor(color(fill))
                c.setFont(font, size)
                c.drawString(x * PT, y * PT, text)
        elif kind == "rect":
            x, y, w, h, fill, stroke, width, radius, dash = a
            if fill is None and stroke is None:
                continue
            if fill:
                c.setFillColor(color(fill))
            if stroke:
                c.setStrokeColor(color(stroke))
                c.setLineWidth(width)
                c.setDash([d * PT for d in dash] if dash else [])
            if radius:
                c.roundRect(
                    x * PT,
                    y * PT,
                    w * PT,
                    h * PT,
                    radius * PT,
                    stroke=int(stroke is not None),
                    fill=int(fill is not None),
                )
            else:
                c.rect(
                    x * PT, y * PT, w * PT, h * PT, stroke=int(stroke is not None), fill=int(fill is not None)
                )
            if dash:
                c.setDash([])
        elif kind == "line":
            x1, y1, x2, y2, stroke, width, dash = a
            c.setStrokeColor(color(stroke))
            c.setLineWidth(width)
            c.setLineCap(0)
            c.setDash([d * PT for d in dash] if dash else [])
            c.line(x1 * PT, y1 * PT, x2 * PT, y2 * PT)
            if dash:
                c.setDash([])
        elif kind == "poly":
            points, stroke, width, closed, fill = a
            path = c.beginPath()
            path.moveTo(points[0][0] * PT, points[0][1] * PT)
            for x, y in points[1:]:
                path.lineTo(x * PT, y * PT)
            if closed:
                path.close()
            c.setStrokeColor(color(stroke))
            c.setLineWidth(width)
            c.setLineCap(1)
            c.setLineJoin(1)
            if fill:
                c.setFillColor(color(fill))
            c.drawPath(path, stroke=1, fill=int(fill is not None))
        elif kind == "circle":
            cx, cy, r, stroke, width, fill = a
            if stroke:
                c.setStrokeColor(color(stroke))
                c.setLineWidth(width)
            if fill:
                c.setFillColor(color(fill))
            c.circle(cx * PT, cy * PT, r * PT, stroke=int(stroke is not None), fill=int(fill is not None))
        elif kind == "qr":
            x, y, size, url, quiet, fill = a
            rows = qr_matrix(url)
            unit = size / (len(rows) + 2 * quiet)
            path = c.beginPath()
            for r, row in enumerate(rows):
                top = y + (quiet + len(rows) - r - 1) * unit
                col = 0
                while col < len(row):
                    if row[col]:
                        start = col
                        while col < len(row) and row[col]:
                            col += 1
                        left = (x + (quiet + start) * unit) * PT
                        path.rect(left, top * PT, (col - start) * unit * PT, unit * PT)
                    else:
                        col += 1
            c.setFillColor(color(fill))
            c.drawPath(path, stroke=0, fill=1)
        elif kind == "link":
            x, y, w, h, url = a
            c.linkURL(url, (x * PT, y * PT, (x + w) * PT, (y + h) * PT), relative=1, thickness=0)
        elif kind == "group":
            place(c, *a)


def place(c: Canvas, items: list, clip, dx: float, dy: float, rotate: float = 0.0) -> None:
    c.saveState()
    if dx or dy:
        c.translate(dx * PT, dy * PT)
    if rotate:
        c.rotate(rotate)
    if clip:
        path = c.beginPath()
        path.rect(*(v * PT for v in clip))
        c.clipPath(path, stroke=0, fill=0)
    draw(c, items)
    c.restoreState()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("deck")
    parser.add_argument("output")
    parser.add_argument("--copies", type=int, default=1)
    args = parser.parse_args()
    with open(args.deck, encoding="utf-8") as handle:
        deck = json.load(handle)
    for name, path in deck["fonts"].items():
        pdfmetrics.registerFont(TTFont(name, path))
    rl_config.useA85 = 0
    width, height = deck["paper"]
    fronts, backs = deck["front_slots"], deck["back_slots"]
    per_sheet = len(fronts)
    cards = deck["cards"] * args.copies
    out = tempfile.NamedTemporaryFile(dir=os.path.dirname(os.path.abspath(args.output)), delete=False)
    c = Canvas(out, invariant=1, initialFontName=deck["initial_font"], pageCompression=1)
    for key, value in deck["meta"].items():
        getattr(c, f"set{key.capitalize()}")(value)
    for start in range(0, len(cards), per_sheet):
        chunk = cards[start : start + per_sheet]
        c.setPageSize((width * PT, height * PT))
        for card, slot in zip(chunk, fronts):
            place(c, card["front"], *slot)
        draw(c, deck["front_marks"])
        for index, card in enumerate(chunk):
            key = f"p{start}.{index}"
            c.bookmarkPage(key)
            c.addOutlineEntry(card["title"], key, level=0)
        c.showPage()
        c.setPageSize((width * PT, height * PT))
        for card, slot in zip(chunk, backs):
            place(c, card["back"], *slot)
        draw(c, deck["back_marks"])
        c.showPage()
    c.showOutline()
    c.save()
    out.close()
    os.replace(out.name, args.output)


if __name__ == "__main__":
    main()
