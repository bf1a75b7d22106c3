"""Figures on the built-in cards: text sizes, empty area per face and cards per sheet.

Takes: the built-in catalogue, a theme and card sizes. Gives, printed as a table:
- the smallest and largest step and cue sizes (pt) over every exercise card, from the layout boxes;
- the mean empty area of each kind of face: the share of the face (trim only) more than
  1.5 mm from any ink, with each face rendered on its own by pypdfium2 at 150 dpi;
- the cards per sheet for every named size on A4 and Letter.

Run: ``PYTHONPATH=src python benchmarks/card_figures.py [--theme T] [--sizes poker,a6]``
"""

from __future__ import annotations

import argparse
import statistics

import numpy as np

DPI = 150
CLEAR_MM = 1.5


def _disk(radius: int) -> list[tuple[int, int]]:
    return [
        (dy, dx)
        for dy in range(-radius, radius + 1)
        for dx in range(-radius, radius + 1)
        if dx * dx + dy * dy <= radius * radius
    ]


def empty_share(ink: np.ndarray, radius_px: int) -> float:
    """Share of pixels farther than ``radius_px`` from any True pixel of ``ink``."""
    h, w = ink.shape
    padded = np.zeros((h + 2 * radius_px, w + 2 * radius_px), dtype=bool)
    padded[radius_px : radius_px + h, radius_px : radius_px + w] = ink
    near = np.zeros_like(ink)
    for dy, dx in _disk(radius_px):
        near |= padded[radius_px + dy : radius_px + dy + h, radius_px + dx : radius_px + dx + w]
    return float((~near).mean())


def face_empty(face, bleed: float = 3.0) -> float:
    """Empty share of one face, rendered alone at its trim size plus bleed, trim kept."""
    import pypdfium2

    from limber.boxes import Page
    from limber.layout.sheet import place
    from limber.render.pdf import Meta, render

    w, h = face.w + 2 * bleed, face.h + 2 * bleed
    page = Page(w, h, (place(face.items, bleed, bleed, (-bleed, -bleed, w, h)),))
    pdf = pypdfium2.PdfDocument(render([page], Meta("m", "m")))
    image = np.asarray(pdf[0].render(scale=DPI / 72).to_pil().convert("L"), dtype=np.int16)
    pdf.close()
    px = DPI / 25.4
    b = round(bleed * px)
    trim = image[b : image.shape[0] - b, b : image.shape[1] - b]
    ink = trim < 245
    return empty_share(ink, round(CLEAR_MM * px))


def text_sizes(cards) -> dict[str, tuple[float, float]]:
    from limber.boxes import TextBox, walk

    found: dict[str, list[float]] = {}
    for card in cards:
        for face in (card.front, card.back):
            for box, _, _ in walk(face.items):
                if isinstance(box, TextBox):
                    key = (
                        "steps" if box.field == "steps" else "cues" if box.field.startswith("cues") else None
                    )
                    if key:
                        found.setdefault(key, []).extend(r.size for r in box.runs)
    return {k: (min(v), max(v)) for k, v in found.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--theme", default="default")
    parser.add_argument("--sizes", default="credit,poker,a6,a5")
    parser.add_argument("--empty", action="store_true", help="also measure empty area (slower)")
    args = parser.parse_args()

    from limber.catalogue.load import load_catalogue
    from limber.layout.sheet import impose
    from limber.plan.deck import plan_deck
    from limber.products import build_deck, card_context
    from limber.sizes import CARDS, PAPERS
    from limber.theme import load_theme

    catalogue = load_catalogue()
    theme = load_theme(args.theme)
    for size in args.sizes.split(","):
        ctx = card_context(catalogue, theme, size, None)
        entries = plan_deck(catalogue, everything=True)
        try:
            cards = build_deck(entries, ctx).cards
        except Exception as error:  # a size that some card does not fit
            print(f"{size}: {type(error).__name__}: {error}")
            continue
        sizes = text_sizes(cards)
        line = f"{size:<8} " + "  ".join(f"{k} {lo:.2f}-{hi:.2f} pt" for k, (lo, hi) in sorted(sizes.items()))
        if args.empty:
            fronts = [face_empty(c.front, ctx.bleed) for c in cards]
            backs = [face_empty(c.back, ctx.bleed) for c in cards]
            line += f"  empty: front {statistics.mean(fronts):.0%}  back {statistics.mean(backs):.0%}"
        print(line)
    if args.empty:
        routine_size = theme.sizes["routine"]
        ctx = card_context(catalogue, theme, routine_size, None)
        from limber.layout.card import routine_card

        fronts, backs = [], []
        for routine in catalogue.routines.values():
            try:
                card = routine_card(ctx, routine)
            except Exception:
                continue
            fronts.append(face_empty(card.front, ctx.bleed))
            backs.append(face_empty(card.back, ctx.bleed))
        print(
            f"routine cards ({routine_size}): empty front {statistics.mean(fronts):.0%} "
            f"(range {min(fronts):.0%}-{max(fronts):.0%}), back {statistics.mean(backs):.0%}"
        )
    print("cards per sheet (cols x rows):")
    for name, (w, h) in CARDS.items():
        cells = []
        for paper in ("a4", "letter"):
            pw, ph = PAPERS[paper]
            grid = impose(w, h, pw, ph, theme.bleed)
            gutters = f"gutters {grid.gap_x:.1f}/{grid.gap_y:.1f} mm"
            cells.append(f"{paper} {grid.per_sheet} ({grid.cols}x{grid.rows}, {gutters})")
        print(f"  {name:<10} " + "   ".join(cells))


if __name__ == "__main__":
    main()
