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
the space between header and footer; a short last row is centred. In a panel: the number
and name in a band, the figure (as tall as the rest leaves, never under the theme's share),
then the dose badge and two or three lines on the left and the exercise's QR code
(1 mm modules) at the bottom right.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Optional

from ..errors import FitError
from ..fonts import BOLD, REGULAR
from ..plan.poster import PanelPlan, PosterPlan
from ..theme import Theme
from ..boxes import Box, Line, Link, Page, Rect, TextBox
from .card import SAFETY
from .figure_area import figure_items
from .legibility import Legibility
from .qr import QUIET, matrix, qr_box, side_for
from .text import Section, Style, fit_sections, measure, width
from .units import mm

MODULE = 1.0          # mm: smallest QR module on a poster
STEPS = 14            # bisection steps for the text scale
MAX_SCALE = 1.5      # beyond 1.5 x the minimum, room goes to the figures instead


class _NoFit(Exception):
    """Internal: this grid does not fit at this scale."""


@dataclass(frozen=True)
class Sizes:
    body: float
    name: float
    title: float


@dataclass(frozen=True)
class Poster:
    page: Page
    rows: int
    cols: int
    scale: float
    sizes: Sizes
    panels: tuple[tuple[float, float, float, float], ...]   # x, y, w, h of each panel, in order
    safe: tuple[float, float, float, float]                 # x0, y0, x1, y1: nothing outside
    legibility: Legibility


@dataclass(frozen=True)
class _Ctx:
    plan: PosterPlan
    theme: Theme
    w: float
    h: float
    legibility: Legibility

    @property
    def margin(self) -> float:
        return max(self.theme.poster.margin, min(self.w, self.h) * 0.025)

    def sizes(self, scale: float) -> Sizes:
        name = self.legibility.heading * scale
        return Sizes(self.legibility.body * scale, name, name * self.theme.poster.title_scale)

    def style(self, size: float, **changes) -> Style:
        t = self.theme
        base = Style(font=REGULAR, size=size, min_size=size, color=t.colors.ink, leading=1.15, gap=0.25)
        return replace(base, **changes)


def _words_fit(texts, font: str, size: float, w: float) -> None:
    """No word may need splitting: a hyphenated name is hard to read from afar."""
    for text in texts:
        for word in text.split():
            if width(word, font, size) > w:
                raise _NoFit


def _block(ctx: _Ctx, sections: list[Section], x: float, top: float, w: float, size: float, field: str,
           **style) -> tuple[TextBox, float]:
    """Sections fitted at exactly ``size`` from ``top`` down; returns the box and its height."""
    st = ctx.style(size, **style)
    for s in sections:
        _words_fit(s.paragraphs, s.font or st.font, size * s.scale, w - (size * 0.9 if s.markers else 0))
    h = measure(sections, w, st) + 0.01
    return fit_sections(sections, x, top - h, w, h, st, field, ctx.plan.key), h


def qr_dark_side(url: str, distance: float, page_w: float, page_h: float) -> float:
    """The routine code's dark side (mm): 1 mm modules at least, and a tenth of the distance,
    capped at a fifth of the page's short side."""
    return max(len(matrix(url)) * MODULE, min(distance * 100.0, min(page_w, page_h) / 5))


def _header(ctx: _Ctx, sz: Sizes) -> tuple[list[Box], float]:
    m = ctx.margin
    inner = ctx.w - 2 * m
    title, th = _block(ctx, [Section((ctx.plan.title,), font=BOLD)], m, ctx.h - m, inner, sz.title, "title",
                       leading=1.05)
    gap = mm(sz.body) * 0.4
    summary, sh = _block(ctx, [Section((ctx.plan.summary,), color=ctx.theme.colors.muted)], m,
                         ctx.h - m - th - gap, inner, sz.body, "summary")
    return [title, summary], th + gap + sh


def _footer(ctx: _Ctx, sz: Sizes) -> tuple[list[Box], float]:
    m, c = ctx.margin, ctx.theme.colors
    url = ctx.plan.url
    dark = qr_dark_side(url, ctx.legibility.distance, ctx.w, ctx.h)
    n = len(matrix(url))
    side = dark * (n + 2 * QUIET) / n
    quiet = side - dark
    gap = mm(sz.body) * 0.8
    text_w = ctx.w - 2 * m - side + quiet / 2 - gap
    facts = f"{ctx.plan.duration.capitalize()}  \u00b7  {ctx.plan.phase}  \u00b7  readable from {ctx.legibility.distance:g} m"
    scan = "Scan for a video of the routine" if ctx.plan.url != ctx.plan.panels[0].url else \
        "Scan for videos of exercise 1"
    sections = [Section((facts,), font=BOLD, gap_after=0.3), Section((SAFETY,), color=c.muted, gap_after=0.3),
                Section((scan,), color=c.muted)]
    st = ctx.style(sz.body)
    text_h = measure(sections, text_w, st) + 0.01
    h = max(dark + quiet / 2, text_h)
    qx, qy = ctx.w - m - side + quiet / 2, m - quiet / 2
    box, _ = _block(ctx, sections, m, m + h, text_w, sz.body, "footer")
    rule = Line(m, m + h + gap / 2, ctx.w - m, m + h + gap / 2, c.rule, 1.0)
    return [rule, box, qr_box(url, qx, qy, side, c.ink), Link(qx, qy, side, side, url)], h + gap


def _badge(ctx: _Ctx, label: str, x: float, top: float, max_w: float, size: float, color: str
           ) -> tuple[list[Box], float]:
    fills = ctx.theme.fills
    pad = mm(size) * 0.45
    text_w = width(label, BOLD, size)
    if text_w + 2 * pad > max_w:
        raise _NoFit
    st = ctx.style(size, font=BOLD, color=ctx.theme.colors.badge_text if fills else ctx.theme.colors.ink,
                   leading=1.0)
    text_h = measure([Section((label,))], text_w + 0.02, st) + 0.01
    h = text_h + pad * 0.9
    rect = Rect(x, top - h, text_w + 2 * pad, h, fill=color if fills else None,
                stroke=None if fills else ctx.theme.colors.ink, width=1.5, radius=h / 2.4)
    box = fit_sections([Section((label,))], x + pad, top - h + pad * 0.45, text_w + 0.02, text_h, st, "dose",
                       panel_owner(ctx))
    return [rect, box], h


def panel_owner(ctx: _Ctx) -> str:
    return ctx.plan.key


@dataclass(frozen=True)
class _Arrangement:
    """Where a panel's parts go: figure box, text column (x, top, w), QR corner (x, y)."""

    figure: tuple[float, float, float, float]
    text: tuple[float, float, float]
    qr: tuple[float, float]

    @property
    def score(self) -> float:
        fx, fy, fw, fh = self.figure
        return min(fw, fh * 1.25)


def _arrangements(x: float, y: float, w: float, h: float, band_h: float, pad: float, q: float,
                  text_h, min_fig: float) -> list[_Arrangement]:
    """Three ways to share a panel below its band, those that fit: (a) figure above, text
    beside the QR code; (b) figure beside the QR code, text below at full width; (c) figure on
    the left, text above the QR code on the right. ``text_h(w)`` is the text's height at width w."""
    quiet = QUIET * MODULE
    out = []
    body_top = y + h - band_h - pad
    # (a) text | QR at the bottom, figure above.
    col_w = w - pad - q - 1.0 + quiet / 2
    if col_w > 0.3 * w:
        bottom_h = max(q + 1.0 - quiet / 2, text_h(col_w) + pad)
        fig = (x + pad, y + bottom_h + pad, w - 2 * pad, body_top - y - bottom_h - pad)
        out.append(_Arrangement(fig, (x + pad, y + bottom_h, col_w), (x + w - 1.0 - q, y + 1.0)))
    # (b) figure | QR in the middle, text at full width below.
    th = text_h(w - 2 * pad) + 1.4 * pad
    mid_h = body_top - y - th
    if mid_h >= q - quiet:
        fig = (x + pad, y + th, w - 2 * pad - q + quiet / 2, mid_h)
        out.append(_Arrangement(fig, (x + pad, y + th - pad * 0.4, w - 2 * pad),
                                (x + w - 1.0 - q, y + th - quiet / 2 + (mid_h - q + quiet) / 2)))
    # (c) figure on the left; text above the QR code on the right.
    col_w = max(q - quiet, (w - 3 * pad) * 0.5)
    right = x + w - pad - col_w
    if col_w < w * 0.7 and text_h(col_w) + q - quiet / 2 + 0.5 <= body_top - y:
        fig = (x + pad, y + pad, right - x - 2 * pad, body_top - y - pad)
        out.append(_Arrangement(fig, (right, body_top, col_w), (x + w - 1.0 - q, y + 1.0)))
    return [a for a in out if a.figure[3] >= min_fig and a.figure[2] >= 0.3 * w]


def _panel(ctx: _Ctx, panel: PanelPlan, x: float, y: float, w: float, h: float, sz: Sizes, draw: bool
           ) -> tuple[list[Box], float]:
    """The panel's boxes (none unless ``draw``) and its figure's size score."""
    theme, c = ctx.theme, ctx.theme.colors
    fills = theme.fills
    color = theme.kind_color(panel.exercise.kind.value)
    pad = max(2.0, mm(sz.body) * 0.4)
    owner = f"{ctx.plan.key}: exercise {panel.number} ({panel.exercise.id})"
    # Band: the number hangs beside the name, both at the name size.
    band_text = c.band_text if fills else c.ink
    name_sec = Section((panel.name,), markers=(str(panel.number),), font=BOLD)
    st = ctx.style(sz.name, font=BOLD, color=band_text, leading=1.05, marker_color=band_text)
    _words_fit([panel.name], BOLD, sz.name, w - 2 * pad - width(f"{panel.number}  ", BOLD, sz.name))
    name_h = measure([name_sec], w - 2 * pad, st) + 0.01
    band_h = name_h + 2 * pad * 0.8
    q = side_for(panel.url, MODULE)
    lines_st = ctx.style(sz.body, marker_color=color if fills else c.ink)
    _, bh = _badge(ctx, panel.dose, 0.0, 0.0, w - 2 * pad, sz.body, color)
    chosen = None
    for count in (len(panel.lines), 2):   # three lines where they fit, else two
        lines_sec = Section(tuple(panel.lines[:count]), markers=("\u2022",) * count)

        def text_h(col_w: float, sec=lines_sec) -> float:
            if any(width(word, REGULAR, sz.body) > col_w - mm(sz.body) for t in sec.paragraphs
                   for word in t.split()) or width(panel.dose, BOLD, sz.body) + mm(sz.body) > col_w:
                return 1e9
            return bh + pad * 0.8 + measure([sec], col_w, lines_st) + 0.01

        options = _arrangements(x, y, w, h, band_h, pad, q, text_h, theme.poster.figure_share * h)
        if options:
            chosen = (max(options, key=lambda a: a.score), lines_sec)
            break
    if chosen is None:
        raise _NoFit
    arr, lines_sec = chosen
    if not draw:
        return [], arr.score
    top = y + h
    frame = Rect(x, y, w, h, fill=None, stroke=color if fills else c.ink, width=2.0, radius=2.5)
    band_y = top - band_h
    items: list[Box] = []
    if fills:  # the band, its lower corners squared off
        items += [Rect(x, band_y, w, band_h, fill=color, radius=2.5),
                  Rect(x, band_y, w, min(band_h / 2, 3.0), fill=color)]
    else:
        items.append(Line(x, band_y, x + w, band_y, c.ink, 2.0))
    items.append(fit_sections([name_sec], x + pad, band_y + pad * 0.8, w - 2 * pad, name_h, st, "name", owner))
    items += figure_items(panel.exercise, *arr.figure, theme)
    tx, ttop, tw = arr.text
    badge, _ = _badge(ctx, panel.dose, tx, ttop, tw, sz.body, color)
    items += badge
    lines_h = measure([lines_sec], tw, lines_st) + 0.01
    lines_top = ttop - bh - pad * 0.8
    items.append(fit_sections([lines_sec], tx, lines_top - lines_h, tw, lines_h, lines_st, "lines", owner))
    qx, qy = arr.qr
    items += [qr_box(panel.url, qx, qy, q, c.ink), Link(qx, qy, q, q, panel.url), frame]
    return items, arr.score


def _grids(n: int) -> list[tuple[int, int]]:
    """(rows, cols) with room for n panels and no empty row or column."""
    out = []
    for cols in range(1, n + 1):
        rows = math.ceil(n / cols)
        if rows * cols - n < min(rows, cols):
            out.append((rows, cols))
    return out


def _build(ctx: _Ctx, rows: int, cols: int, scale: float, draw: bool) -> tuple[Optional[Poster], float]:
    """The poster at ``scale`` on this grid (None unless ``draw``) and the smallest figure score
    of its panels; raises _NoFit when something does not fit."""
    sz = ctx.sizes(scale)
    m, g = ctx.margin, ctx.theme.poster.gap
    head, head_h = _header(ctx, sz)
    foot, foot_h = _footer(ctx, sz)
    area_top = ctx.h - m - head_h - g
    area_bottom = m + foot_h
    pw = (ctx.w - 2 * m - (cols - 1) * g) / cols
    ph = (area_top - area_bottom - (rows - 1) * g) / rows
    if pw <= 0 or ph <= 0:
        raise _NoFit
    n = len(ctx.plan.panels)
    items: list[Box] = [*head]
    rects = []
    score = math.inf
    for index, panel in enumerate(ctx.plan.panels):
        row, col = divmod(index, cols)
        in_row = min(cols, n - row * cols)
        shift = (cols - in_row) * (pw + g) / 2
        x = m + shift + col * (pw + g)
        y = area_top - (row + 1) * ph - row * g
        boxes, panel_score = _panel(ctx, panel, x, y, pw, ph, sz, draw)
        items += boxes
        score = min(score, panel_score)
        rects.append((x, y, pw, ph))
    if not draw:
        return None, score
    items += foot
    page = Page(ctx.w, ctx.h, tuple(items), bookmarks=(ctx.plan.title,), label="poster")
    return Poster(page, rows, cols, scale, sz, tuple(rects), (m, m, ctx.w - m, ctx.h - m), ctx.legibility), score


def _score(ctx: _Ctx, rows: int, cols: int, scale: float) -> Optional[float]:
    """The smallest figure's score if the poster fits at ``scale`` on this grid, else None."""
    try:
        return _build(ctx, rows, cols, scale, draw=False)[1]
    except (_NoFit, FitError):
        return None


def _fits(ctx: _Ctx, rows: int, cols: int, scale: float) -> bool:
    return _score(ctx, rows, cols, scale) is not None


def _best_scale(ctx: _Ctx, rows: int, cols: int) -> Optional[float]:
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


def _choose(plan: PosterPlan, theme: Theme, w: float, h: float, orientation: str, distance: float):
    legibility = Legibility.at(distance)
    best = None
    for rank, (pw, ph) in enumerate(orientations(w, h, orientation)):
        ctx = _Ctx(plan, theme, pw, ph, legibility)
        for rows, cols in _grids(len(plan.panels)):
            scale = _best_scale(ctx, rows, cols)
            if scale is None:
                continue
            figure = round(_score(ctx, rows, cols, scale), 1)
            key = (scale, figure, -(rows * cols - len(plan.panels)), -rank)
            if best is None or key > best[0]:
                best = (key, ctx, rows, cols, scale)
    return best


def fits(plan: PosterPlan, theme: Theme, w: float, h: float, orientation: str, distance: float) -> bool:
    """True if the poster fits this paper at the minimum sizes for ``distance``."""
    legibility = Legibility.at(distance)
    return any(_fits(_Ctx(plan, theme, pw, ph, legibility), rows, cols, 1.0)
               for pw, ph in orientations(w, h, orientation) for rows, cols in _grids(len(plan.panels)))


def poster_layout(plan: PosterPlan, theme: Theme, w: float, h: float, orientation: str = "auto",
                  distance: float = 1.0) -> Poster:
    """The poster with the largest text; ``FitError`` if nothing fits at the minimum sizes."""
    best = _choose(plan, theme, w, h, orientation, distance)
    if best is None:
        lg = Legibility.at(distance)
        raise FitError(f"{plan.key}: {len(plan.panels)} exercises do not fit on a {w:g} x {h:g} mm poster "
                       f"read from {distance:g} m (text at least {lg.body:.1f} pt, names {lg.heading:.1f} pt)")
    _, ctx, rows, cols, scale = best
    return _build(ctx, rows, cols, scale, draw=True)[0]


POSTER_PAPERS = ("a4", "letter", "a3", "tabloid", "a2", "a1", "a0")


def suggestion(plan: PosterPlan, theme: Theme, w: float, h: float, orientation: str, distance: float,
               explicit_distance: bool) -> str:
    """What would fit instead, found by laying the poster out: the next larger paper (at the
    same distance if the user chose one, else at that paper's default), and the longest reading
    distance, in steps of 0.1 m, at which this paper holds it."""
    from .legibility import default_distance
    from .sizes import PAPERS

    options = []
    for name in sorted(POSTER_PAPERS, key=lambda n: PAPERS[n][0] * PAPERS[n][1]):
        pw, ph = PAPERS[name]
        if pw * ph <= w * h + 1e-6:
            continue
        at = distance if explicit_distance else default_distance(pw, ph)
        if fits(plan, theme, pw, ph, orientation, at):
            options.append(f"{name.upper() if name.startswith('a') else name.capitalize()} at {at:g} m")
            break
    lo, hi = 1, math.ceil(distance * 10) - 1        # tenths of a metre
    if hi >= lo and fits(plan, theme, w, h, orientation, lo / 10):
        while lo < hi:
            mid = (lo + hi + 1) // 2
            lo, hi = (mid, hi) if fits(plan, theme, w, h, orientation, mid / 10) else (lo, mid - 1)
        options.append(f"this paper read from {lo / 10:g} m")
    if not options:
        return "it does not fit on A0 either: use fewer exercises, or shorter names and notes"
    return "needs " + ", or ".join(options)
