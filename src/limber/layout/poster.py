"""Lay out a one-page gym-wall poster: header, a grid of numbered exercise panels, footer.

Takes: a ``PosterPlan`` (plan.poster), the theme, the page size (mm), the orientation
(portrait | landscape | auto) and the reading distance (m).
Gives: a ``Poster``: the ``Page`` of boxes plus the chosen grid, text sizes and the panels'
rectangles, so tests can check the geometry without a PDF. Raises ``FitError`` when even the
minimum sizes (``layout.legibility``) leave no room.

How: every text size is the distance's minimum times one common scale. For each grid
(rows x columns that leave no empty row or column) and orientation, a bisection finds the
largest scale (up to ``MAX_SCALE``) at which the title, summary, every panel and the footer
fit; the grid with the largest scale wins (ties: the larger smallest figure, fewer empty
cells, then portrait). Panels are all one size and fill
the space between header and footer; a short last row is centred. Each panel is laid out by
``layout.panel``; the routine's QR code sits at the right of the footer.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..boxes import Box, Line, Link, Page
from ..errors import FitError
from ..fonts import BOLD
from ..plan.poster import PosterPlan
from ..theme import Theme
from ..words import count
from .face import SAFETY
from .legibility import Legibility
from .panel import KINDS, MODULE, NoFit, PosterCtx, Sizes, band_height, block, panel_boxes
from .qr import QUIET, matrix, qr_box
from .text import Section, measure
from .units import mm

STEPS = 14  # bisection steps for the text scale
MAX_SCALE = 1.25  # beyond 1.25 x the minimum, room goes to the figures instead


@dataclass(frozen=True)
class Poster:
    page: Page
    rows: int
    cols: int
    scale: float
    sizes: Sizes
    panels: tuple[tuple[float, float, float, float], ...]  # x, y, w, h of each panel, in order
    safe: tuple[float, float, float, float]  # x0, y0, x1, y1: nothing outside
    legibility: Legibility


def qr_dark_side(url: str, distance: float, page_w: float, page_h: float) -> float:
    """The routine code's dark side (mm): 1 mm modules at least, and a tenth of the distance,
    capped at a fifth of the page's short side."""
    return max(len(matrix(url)) * MODULE, min(distance * 100.0, min(page_w, page_h) / 5))


def _header(ctx: PosterCtx, sz: Sizes) -> tuple[list[Box], float]:
    m = ctx.margin
    inner = ctx.w - 2 * m
    title, th = block(
        ctx, [Section((ctx.plan.title,), font=BOLD)], m, ctx.h - m, inner, sz.title, "title", leading=1.05
    )
    gap = mm(sz.body) * 0.4
    summary, sh = block(
        ctx,
        [Section((ctx.plan.summary,), color=ctx.theme.colors.muted)],
        m,
        ctx.h - m - th - gap,
        inner,
        sz.body,
        "summary",
    )
    return [title, summary], th + gap + sh


def _footer(ctx: PosterCtx, sz: Sizes) -> tuple[list[Box], float]:
    m, c = ctx.margin, ctx.theme.colors
    url = ctx.plan.url
    dark = qr_dark_side(url, ctx.legibility.distance, ctx.w, ctx.h)
    n = len(matrix(url))
    side = dark * (n + 2 * QUIET) / n
    quiet = side - dark
    gap = mm(sz.body) * 0.8
    text_w = ctx.w - 2 * m - side + quiet / 2 - gap
    facts = f"{ctx.plan.duration.capitalize()}  \u00b7  {ctx.plan.phase}  \u00b7  readable from {ctx.legibility.distance:g} m"
    scan = (
        "Scan for a video of the routine"
        if ctx.plan.url != ctx.plan.panels[0].url
        else "Scan for videos of exercise 1"
    )
    # The facts and the safety note from the top; the code's caption beside it, at the bottom.
    sections = [Section((facts,), font=BOLD, gap_after=0.3), Section((SAFETY,), color=c.muted)]
    st = ctx.style(sz.body)
    top_h = measure(sections, text_w, st) + 0.01
    caption_h = measure([Section((scan,))], text_w, st) + 0.01
    h = max(dark + quiet / 2, top_h + gap + caption_h)
    qx, qy = ctx.w - m - side + quiet / 2, m - quiet / 2
    box, _ = block(ctx, sections, m, m + h, text_w, sz.body, "footer")
    caption, _ = block(
        ctx, [Section((scan,), font=BOLD)], m, m + caption_h, text_w, sz.body, "footer", align="right"
    )
    rule = Line(m, m + h + gap / 2, ctx.w - m, m + h + gap / 2, c.rule, 1.0)
    return [rule, box, caption, qr_box(url, qx, qy, side, c.ink), Link(qx, qy, side, side, url)], h + gap


def _grids(n: int) -> list[tuple[int, int]]:
    """(rows, cols) with room for n panels and no empty row or column."""
    out = []
    for cols in range(1, n + 1):
        rows = math.ceil(n / cols)
        if rows * cols - n < min(rows, cols):
            out.append((rows, cols))
    return out


def _build(ctx: PosterCtx, rows: int, cols: int, scale: float, draw: bool) -> tuple[Poster | None, float]:
    """The poster at ``scale`` on this grid (None unless ``draw``) and the smallest figure score
    of its panels; raises NoFit when something does not fit."""
    sz = ctx.sizes(scale)
    m, g = ctx.margin, ctx.theme.poster.gap
    head, head_h = _header(ctx, sz)
    foot, foot_h = _footer(ctx, sz)
    area_top = ctx.h - m - head_h - g
    area_bottom = m + foot_h
    pw = (ctx.w - 2 * m - (cols - 1) * g) / cols
    ph = (area_top - area_bottom - (rows - 1) * g) / rows
    if pw <= 0 or ph <= 0:
        raise NoFit
    n = len(ctx.plan.panels)
    places = []
    for index in range(n):
        row, col = divmod(index, cols)
        shift = (cols - min(cols, n - row * cols)) * (pw + g) / 2  # a short last row is centred
        places.append((m + shift + col * (pw + g), area_top - (row + 1) * ph - row * g, pw, ph))

    band = band_height(ctx, pw, sz)

    def panels(kinds: str, draw_now: bool, floor: float = 0.0) -> tuple[list[Box], float, float]:
        """Boxes, smallest figure score and tallest text block of all panels."""
        boxes, low, block_h = [], math.inf, 0.0
        for plan, (x, y, w, h) in zip(ctx.plan.panels, places):
            items, figure, text_block = panel_boxes(ctx, plan, x, y, w, h, sz, draw_now, kinds, band, floor)
            boxes += items
            low, block_h = min(low, figure), max(block_h, text_block)
        return boxes, low, block_h

    # One arrangement for every panel where one serves them all (the one with the largest
    # smallest figure), with text blocks of one height where that still fits; else each panel
    # takes its own best.
    choice = (KINDS, 0.0)
    score = None
    for kind in KINDS:
        try:
            _, low, block_h = panels(kind, False)
        except NoFit:
            continue
        try:
            low, floor = panels(kind, False, block_h)[1], block_h
        except NoFit:
            floor = 0.0
        if score is None or low > score + 1e-9:
            choice, score = (kind, floor), low
    boxes, score, _ = panels(choice[0], draw, choice[1])
    items: list[Box] = [*head, *boxes]
    rects = places
    if not draw:
        return None, score
    items += foot
    page = Page(ctx.w, ctx.h, tuple(items), bookmarks=(ctx.plan.title,), label="poster")
    return Poster(
        page, rows, cols, scale, sz, tuple(rects), (m, m, ctx.w - m, ctx.h - m), ctx.legibility
    ), score


def _score(ctx: PosterCtx, rows: int, cols: int, scale: float) -> float | None:
    """The smallest figure's score if the poster fits at ``scale`` on this grid, else None."""
    try:
        return _build(ctx, rows, cols, scale, draw=False)[1]
    except (NoFit, FitError):
        return None


def _fits(ctx: PosterCtx, rows: int, cols: int, scale: float) -> bool:
    return _score(ctx, rows, cols, scale) is not None


def _best_scale(ctx: PosterCtx, rows: int, cols: int) -> float | None:
    if not _fits(ctx, rows, cols, 1.0):
        return None
    if _fits(ctx, rows, cols, MAX_SCALE):
        return MAX_SCALE
    lo, hi = 1.0, MAX_SCALE
    for _ in range(STEPS):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if _fits(ctx, rows, cols, mid) else (lo, mid)
    return math.floor(lo * 100) / 100


def orientations(w: float, h: float, orientation: str) -> list[tuple[float, float]]:
    portrait = (min(w, h), max(w, h))
    landscape = (portrait[1], portrait[0])
    return {"portrait": [portrait], "landscape": [landscape], "auto": [portrait, landscape]}[orientation]


def candidates(
    plan: PosterPlan, theme: Theme, w: float, h: float, orientation: str, distance: float
) -> list[tuple[tuple[float, float], int, int, float, float]]:
    """Every layout that fits: (page size, rows, cols, text scale, smallest figure score)."""
    legibility = Legibility.at(distance)
    out = []
    for pw, ph in orientations(w, h, orientation):
        ctx = PosterCtx(plan, theme, pw, ph, legibility)
        for rows, cols in _grids(len(plan.panels)):
            scale = _best_scale(ctx, rows, cols)
            # scored at the scale rounded down from one that fits: passed over should it not fit there
            score = None if scale is None else _score(ctx, rows, cols, scale)
            if scale is not None and score is not None:
                out.append(((pw, ph), rows, cols, scale, round(score, 1)))
    return out


def _choose(plan: PosterPlan, theme: Theme, w: float, h: float, orientation: str, distance: float):
    """The largest text; then the largest smallest figure, fewer empty cells, portrait."""
    n = len(plan.panels)
    options = candidates(plan, theme, w, h, orientation, distance)
    if not options:
        return None
    size, rows, cols, scale, _ = max(
        options, key=lambda o: (o[3], o[4], -(o[1] * o[2] - n), o[0][0] < o[0][1])
    )
    return PosterCtx(plan, theme, *size, Legibility.at(distance)), rows, cols, scale


def fits(plan: PosterPlan, theme: Theme, w: float, h: float, orientation: str, distance: float) -> bool:
    """True if the poster fits this paper at the minimum sizes for ``distance``."""
    legibility = Legibility.at(distance)
    return any(
        _fits(PosterCtx(plan, theme, pw, ph, legibility), rows, cols, 1.0)
        for pw, ph in orientations(w, h, orientation)
        for rows, cols in _grids(len(plan.panels))
    )


def poster_layout(
    plan: PosterPlan, theme: Theme, w: float, h: float, orientation: str = "auto", distance: float = 1.0
) -> Poster:
    """The poster with the largest text; ``FitError`` if nothing fits at the minimum sizes."""
    best = _choose(plan, theme, w, h, orientation, distance)
    if best is None:
        lg = Legibility.at(distance)
        verb = "does" if len(plan.panels) == 1 else "do"
        raise FitError(
            f"{plan.key}: {count(len(plan.panels), 'exercise')} {verb} not fit on a {w:g} x {h:g} mm poster "
            f"read from {distance:g} m (text at least {lg.body:.1f} pt, names {lg.heading:.1f} pt)"
        )
    ctx, rows, cols, scale = best
    poster, _ = _build(ctx, rows, cols, scale, draw=True)
    assert poster is not None  # drawn, as asked
    return poster


POSTER_PAPERS = ("a4", "letter", "a3", "tabloid", "a2", "a1", "a0")


def suggestion(
    plan: PosterPlan,
    theme: Theme,
    w: float,
    h: float,
    orientation: str,
    distance: float,
    explicit_distance: bool,
) -> str:
    """What would fit instead, found by laying the poster out: the next larger paper (at the
        same distance if the user chose one, else at that paper's default), and the longest reading
        distance, in steps of 0.1 m, at which this paper holds it (never one below the shortest a
    poster may be made for)."""
    from ..bounds import POSTER_DISTANCES
    from ..sizes import PAPERS
    from .legibility import default_distance

    options = []
    for name in sorted(POSTER_PAPERS, key=lambda n: PAPERS[n][0] * PAPERS[n][1]):
        pw, ph = PAPERS[name]
        if pw * ph <= w * h + 1e-6:
            continue
        at = distance if explicit_distance else default_distance(pw, ph)
        if fits(plan, theme, pw, ph, orientation, at):
            options.append(f"{name.upper() if name.startswith('a') else name.capitalize()} at {at:g} m")
            break
    lo, hi = math.ceil(POSTER_DISTANCES[0] * 10), math.ceil(distance * 10) - 1  # tenths of a metre
    if hi >= lo and fits(plan, theme, w, h, orientation, lo / 10):
        while lo < hi:
            mid = (lo + hi + 1) // 2
            lo, hi = (mid, hi) if fits(plan, theme, w, h, orientation, mid / 10) else (lo, mid - 1)
        options.append(f"this paper read from {lo / 10:g} m")
    if not options:
        return "it does not fit on A0 either: use fewer exercises, or shorter names and notes"
    return "needs " + ", or ".join(options)
