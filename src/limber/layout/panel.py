"""One poster panel, and the shared context of poster layout.

Takes: a ``PosterCtx`` (plan, theme, page size, legibility), a ``PanelPlan``, the panel's
rectangle (mm) and the text ``Sizes`` (pt). Gives: the panel's boxes: the number and name in
a band, the figure, the dose badge, two or three lines and the exercise's QR code (1 mm
modules), arranged in whichever of three ways (``arrangements``) draws the figure largest
for its shape (its painted size, from ``figure_area.figure_size``: a lying figure is drawn
largest in a wide box, a standing one in a tall box); or ``NoFit`` when none fits at these
sizes. ``words_fit`` and ``block`` fit text at exactly
one size (no word may be split: a hyphenated word is hard to read from afar).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property

from ..boxes import Box, Line, Link, Rect, TextBox
from ..fonts import BOLD, REGULAR
from ..plan.poster import PanelPlan, PosterPlan
from ..theme import Theme
from .figure_area import figure_items, figure_size
from .legibility import Legibility
from .qr import QUIET, qr_box, side_for
from .text import Section, Style, fit_sections, measure, width
from .units import mm

MODULE = 1.0  # mm: smallest QR module on a poster
KINDS = "abc"  # the panel arrangements
BODY = 100.0  # body units: a standing body's height, the measure of a figure's size


class NoFit(Exception):
    """Internal to poster layout: this grid does not fit at this scale."""


@dataclass(frozen=True)
class Sizes:
    body: float
    name: float
    title: float


@dataclass(frozen=True)
class PosterCtx:
    plan: PosterPlan
    theme: Theme
    w: float
    h: float
    legibility: Legibility

    @cached_property
    def figures(self) -> dict[int, tuple[float, float]]:
        """Each panel's figure's painted width and height in body units, by panel number."""
        return {p.number: figure_size(p.exercise, self.theme) for p in self.plan.panels}

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


def words_fit(texts, font: str, size: float, w: float) -> None:
    """No word may need splitting: a hyphenated name is hard to read from afar."""
    for text in texts:
        for word in text.split():
            if width(word, font, size) > w:
                raise NoFit


def block(
    ctx: PosterCtx, sections: list[Section], x: float, top: float, w: float, size: float, field: str, **style
) -> tuple[TextBox, float]:
    """Sections fitted at exactly ``size`` from ``top`` down; returns the box and its height."""
    st = ctx.style(size, **style)
    for s in sections:
        words_fit(s.paragraphs, s.font or st.font, size * s.scale, w - (size * 0.9 if s.markers else 0))
    h = measure(sections, w, st) + 0.01
    return fit_sections(sections, x, top - h, w, h, st, field, ctx.plan.key), h


def dose_badge(
    ctx: PosterCtx, label: str, x: float, top: float, max_w: float, size: float, color: str
) -> tuple[list[Box], float]:
    paint = ctx.theme.paint(color, ctx.theme.colors.badge_text)
    pad = mm(size) * 0.45
    text_w = width(label, BOLD, size)
    if text_w + 2 * pad > max_w:
        raise NoFit
    st = ctx.style(size, font=BOLD, color=paint.text, leading=1.0)
    text_h = measure([Section((label,))], text_w + 0.02, st) + 0.01
    h = text_h + pad * 0.9
    rect = Rect(
        x, top - h, text_w + 2 * pad, h, fill=paint.fill, stroke=paint.stroke, width=1.5, radius=h / 2.4
    )
    box = fit_sections(
        [Section((label,))], x + pad, top - h + pad * 0.45, text_w + 0.02, text_h, st, "dose", ctx.plan.key
    )
    return [rect, box], h


@dataclass(frozen=True)
class Arrangement:
    """Where a panel's parts go: figure box, text column (x, top, w), QR corner (x, y)."""

    kind: str
    figure: tuple[float, float, float, float]
    text: tuple[float, float, float]
    qr: tuple[float, float]
    text_block: float = 0.0  # height of the text block at the panel's bottom (a and b)

    def score(self, figure: tuple[float, float]) -> float:
        """How large a figure painted ``figure`` (width, height) body units is drawn in this
        figure box: the height in mm of a standing body (100 units) at its scale. A lying
        figure scores best in a wide box, a standing one in a tall box, and the scores of two
        figures compare the sizes their bodies are drawn at."""
        fx, fy, fw, fh = self.figure
        return BODY * min(fw / figure[0], fh / figure[1])


def arrangements(
    x: float,
    y: float,
    w: float,
    h: float,
    band_h: float,
    pad: float,
    q: float,
    text_h,
    min_fig: float,
    floor: float = 0.0,
) -> list[Arrangement]:
    """Three ways to share a panel below its band, those that fit: (a) figure above, text
    beside the QR code; (b) figure beside the QR code, text below at full width; (c) figure on
    the left, text above the QR code on the right. ``text_h(w)`` is the text's height at width w;
    the text block at the bottom (a, b) is at least ``floor`` mm high, to line panels up."""
    quiet = QUIET * MODULE
    out = []
    body_top = y + h - band_h - pad
    # (a) text | QR at the bottom, figure above.
    col_w = w - pad - q - 1.0 + quiet / 2
    if col_w > 0.3 * w:
        bottom_h = max(q + 1.0 - quiet / 2, text_h(col_w) + pad, floor)
        fig = (x + pad, y + bottom_h + pad, w - 2 * pad, body_top - y - bottom_h - pad)
        out.append(
            Arrangement("a", fig, (x + pad, y + bottom_h, col_w), (x + w - 1.0 - q, y + 1.0), bottom_h)
        )
    # (b) figure | QR in the middle, text at full width below.
    th = max(text_h(w - 2 * pad) + 1.4 * pad, floor)
    mid_h = body_top - y - th
    if mid_h >= q - quiet:
        fig = (x + pad, y + th, w - 2 * pad - q + quiet / 2, mid_h)
        out.append(
            Arrangement(
                "b",
                fig,
                (x + pad, y + th - pad * 0.4, w - 2 * pad),
                (x + w - 1.0 - q, body_top - q + quiet / 2),
                th,
            )
        )
    # (c) figure on the left; text above the QR code on the right.
    col_w = max(q - quiet, (w - 3 * pad) * 0.5)
    right = x + w - pad - col_w
    if col_w < w * 0.7 and text_h(col_w) + q - quiet / 2 + 0.5 <= body_top - y:
        fig = (x + pad, y + pad, right - x - 2 * pad, body_top - y - pad)
        out.append(Arrangement("c", fig, (right, body_top, col_w), (x + w - 1.0 - q, y + 1.0)))
    return [a for a in out if a.figure[3] >= min_fig and a.figure[2] >= 0.3 * w]


def _name_style(ctx: PosterCtx, sz: Sizes) -> Style:
    band_text = ctx.theme.tint(ctx.theme.colors.band_text)
    return ctx.style(sz.name, font=BOLD, color=band_text, leading=1.05, marker_color=band_text)


def _name_section(panel: PanelPlan) -> Section:
    """The name with the panel's number hanging beside it, both at the name size."""
    return Section((panel.name,), markers=(str(panel.number),), font=BOLD)


def _name_height(ctx: PosterCtx, panel: PanelPlan, w: float, sz: Sizes) -> float:
    pad = max(2.0, mm(sz.body) * 0.4)
    words_fit([panel.name], BOLD, sz.name, w - 2 * pad - width(f"{panel.number}  ", BOLD, sz.name))
    return measure([_name_section(panel)], w - 2 * pad, _name_style(ctx, sz)) + 0.01


def band_height(ctx: PosterCtx, w: float, sz: Sizes) -> float:
    """The band height that holds every panel's number and name at width ``w``."""
    pad = max(2.0, mm(sz.body) * 0.4)
    return max(_name_height(ctx, p, w, sz) for p in ctx.plan.panels) + 2 * pad * 0.8


def panel_boxes(
    ctx: PosterCtx,
    panel: PanelPlan,
    x: float,
    y: float,
    w: float,
    h: float,
    sz: Sizes,
    draw: bool,
    kinds: str = KINDS,
    band: float = 0.0,
    floor: float = 0.0,
) -> tuple[list[Box], float, float]:
    """The panel's boxes (none unless ``draw``) and its figure's size score, using the best of
    the arrangements ``kinds`` (a, b, c: see ``arrangements``). The band is at least ``band``
    mm high, so that the bands of a poster's panels line up (see ``band_height``), and its text
    block at least ``floor`` mm; the third value returned is the text block's height."""
    theme, c = ctx.theme, ctx.theme.colors
    fills = theme.fills
    color = theme.kind_color(panel.exercise.kind.value)
    pad = max(2.0, mm(sz.body) * 0.4)
    owner = f"{ctx.plan.key}: exercise {panel.number} ({panel.exercise.id})"
    name_sec, st = _name_section(panel), _name_style(ctx, sz)
    name_h = _name_height(ctx, panel, w, sz)
    band_h = max(band, name_h + 2 * pad * 0.8)
    q = side_for(panel.url, MODULE)
    lines_st = ctx.style(sz.body, marker_color=theme.tint(color))
    _, bh = dose_badge(ctx, panel.dose, 0.0, 0.0, w - 2 * pad, sz.body, color)
    figure = ctx.figures[panel.number]
    chosen = None
    for count in (len(panel.lines), 2):  # three lines where they fit, else two
        lines_sec = Section(tuple(panel.lines[:count]), markers=("\u2022",) * count)

        def text_h(col_w: float, sec=lines_sec) -> float:
            if (
                any(
                    width(word, REGULAR, sz.body) > col_w - mm(sz.body)
                    for t in sec.paragraphs
                    for word in t.split()
                )
                or width(panel.dose, BOLD, sz.body) + mm(sz.body) > col_w
            ):
                return 1e9
            return bh + pad * 0.8 + measure([sec], col_w, lines_st) + 0.01

        options = [
            a
            for a in arrangements(x, y, w, h, band_h, pad, q, text_h, theme.poster.figure_share * h, floor)
            if a.kind in kinds
        ]
        if options:
            chosen = (max(options, key=lambda a: a.score(figure)), lines_sec)
            break
    if chosen is None:
        raise NoFit
    arr, lines_sec = chosen
    if not draw:
        return [], arr.score(figure), arr.text_block
    top = y + h
    frame = Rect(x, y, w, h, fill=None, stroke=theme.tint(color), width=2.0, radius=2.5)
    band_y = top - band_h
    items: list[Box] = []
    if fills:  # the band, its lower corners squared off
        items += [
            Rect(x, band_y, w, band_h, fill=color, radius=2.5),
            Rect(x, band_y, w, min(band_h / 2, 3.0), fill=color),
        ]
    else:
        items.append(Line(x, band_y, x + w, band_y, c.ink, 2.0))
    items.append(
        fit_sections([name_sec], x + pad, top - pad * 0.8 - name_h, w - 2 * pad, name_h, st, "name", owner)
    )
    items += figure_items(panel.exercise, *arr.figure, theme)
    tx, ttop, tw = arr.text
    badge, _ = dose_badge(ctx, panel.dose, tx, ttop, tw, sz.body, color)
    items += badge
    lines_h = measure([lines_sec], tw, lines_st) + 0.01
    lines_top = ttop - bh - pad * 0.8
    items.append(fit_sections([lines_sec], tx, lines_top - lines_h, tw, lines_h, lines_st, "lines", owner))
    qx, qy = arr.qr
    items += [qr_box(panel.url, qx, qy, q, c.ink), Link(qx, qy, q, q, panel.url), frame]
    return items, arr.score(figure), arr.text_block
