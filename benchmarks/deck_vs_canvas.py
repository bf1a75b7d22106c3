"""Benchmark: the whole-catalogue deck (fronts and backs, A4, long-edge duplex) against a
bare reportlab canvas drawing the same number of cards with the same primitives (text lines,
a filled band, one QR path per card), in the same process.

Prints the ratio (limber / floor), milliseconds per card and bytes per card. Run:
    python benchmarks/deck_vs_canvas.py [--repeat N] [--cards N]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time


def floor_run(urls: list[str]) -> int:
    """A bare reportlab canvas: per card a filled band, a title, 5 wrapped step lines and a QR
    path built from a fresh qrcode matrix (automatic version, fixed mask), 9 cards per A4 page."""
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M
    from reportlab import rl_config
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    from limber.resources import fonts_dir

    rl_config.useA85 = 0
    if "Bench" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("Bench", str(fonts_dir() / "AtkinsonHyperlegible-Regular.ttf")))
    out = io.BytesIO()
    c = Canvas(out, invariant=1, initialFontName="Bench")
    for side in range(2):
        for i, url in enumerate(urls):
            slot = i % 9
            x, y = (7 + (slot % 3) * 66) * mm, (12 + (slot // 3) * 95) * mm
            c.setFillColorRGB(0.1, 0.3, 0.5)
            c.rect(x, y + 75 * mm, 63.5 * mm, 14 * mm, stroke=0, fill=1)
            c.setFillColorRGB(0, 0, 0)
            c.setFont("Bench", 11)
            c.drawString(x + 4 * mm, y + 80 * mm, "Exercise title")
            c.setFont("Bench", 8)
            for line in range(10):
                c.drawString(x + 4 * mm, y + (40 - line * 3.4) * mm, "Lift one knee and wrap your hands just")
            code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0, mask_pattern=0)
            code.add_data(url)
            code.make(fit=True)
            path = c.beginPath()
            unit = 0.45 * mm
            for r, row in enumerate(code.get_matrix()):
                col = 0
                while col < len(row):  # one rectangle per run of dark modules, as limber does
                    if row[col]:
                        start = col
                        while col < len(row) and row[col]:
                            col += 1
                        path.rect(x + 6 * mm + start * unit, y + 6 * mm + r * unit, (col - start) * unit, unit)
                    else:
                        col += 1
            c.drawPath(path, stroke=0, fill=1)
            if slot == 8:
                c.showPage()
        c.showPage()
    c.save()
    return len(out.getvalue())


def limber_run() -> tuple[int, int]:
    from limber.catalogue.load import load_catalogue
    from limber.layout import qr
    from limber.products import DeckOptions, deck_pages
    from limber.render.pdf import render

    qr.matrix.cache_clear()
    cat = load_catalogue()
    pages, meta = deck_pages(cat, [], DeckOptions(), everything=True)
    data = render(pages, meta)
    return len(data), sum(len(p.bookmarks) for p in pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    from limber.catalogue.load import load_catalogue

    cat = load_catalogue()
    urls = [cat.video_url(ex) for ex in cat.exercises.values()]
    limber_run(), floor_run(urls)  # warm up imports and fonts
    ours, floor = [], []
    for _ in range(args.repeat):  # interleaved, so machine noise hits both alike
        t = time.perf_counter()
        size, cards = limber_run()
        ours.append(time.perf_counter() - t)
        t = time.perf_counter()
        floor_size = floor_run(urls)
        floor.append(time.perf_counter() - t)
    ratio = statistics.median(o / f for o, f in zip(ours, floor))
    print(f"cards: {cards}, runs: {args.repeat}")
    print(f"limber deck: {statistics.median(ours) * 1000 / cards:.2f} ms/card, {size / cards:.0f} bytes/card")
    print(f"bare canvas: {statistics.median(floor) * 1000 / cards:.2f} ms/card, {floor_size / cards:.0f} bytes/card")
    print(f"ratio limber/floor (median of paired runs): {ratio:.2f}")
    sys.exit(0 if ratio <= 2.0 else 1)


if __name__ == "__main__":
    main()
