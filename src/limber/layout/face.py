"""The parts every card face is built from: sizes per role of text, background, bands, the
title blocks, and the QR code with its caption.

Takes: a ``CardContext`` (catalogue, theme, card size, optional deck-wide ceilings on text
sizes). Gives: ``Face`` and ``Card`` (frozen tuples of boxes in card coordinates: mm, origin at
the bottom-left of the trim, y up) and the functions that place each shared part.

Text is fitted upward as well as down: each role of text (title, steps, cues, chips, small
print) starts at the theme's preferred size, scaled with the card's area against the theme's
reference card, and shrinks only as far as the face needs, never below the role's minimum.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import cached_property

from ..boxes import Box, Link, Rect, TextBox
from ..catalogue.model import Catalogue
from ..errors import FitError
from ..fonts import BOLD, REGULAR
from ..qrcap import CARD_MODULE
from ..sizes import card_size
from ..theme import Theme
from .qr import QUIET, matrix, qr_box
from .text import (
    SHRINK_STEP,
    Section,
    Style,
    fit,
    fit_sections,
    line_h,
    line_height,
    measure,
    run_size,
    text_height,
    tight,
)

MIN_MODULE = CARD_MODULE  # 0.5 mm: every code decodes from a page rendered at 80 dpi
PLAYING_CARD = 0.93  # scale of the smallest card (bridge: 0.95) that keeps every role's floor
SAFETY = "Stop if anything hurts. New to exercise? Check with a health professional first."


@dataclass(frozen=True)
class Face:
    w: float
    h: float
    items: tuple[Box, ...]


@dataclass(frozen=True)
class Card:
    """Both faces of one card, with the title used for bookmarks."""

    front: Face
    back: Face
    title: str
    key: str


@dataclass(frozen=True)
class CardContext:
    catalogue: Catalogue
    theme: Theme
    w: float
    h: float
    bleed: float
    caps: tuple[tuple[str, float], ...] = ()  # deck-wide ceilings per role, pt

    @property
    def safe(self) -> float:
        return self.theme.safe

    @cached_property
    def scale(self) -> float:
        """The card's size relative to the theme's reference card (square root of the areas),
        worked out once per context: every size of text a card fits starts from it."""
        rw, rh = card_size(self.theme.text.reference)
        return math.sqrt(self.w * self.h / (rw * rh))

    @property
    def landscape(self) -> bool:
        """Wide enough for a side-by-side layout (text beside the figure or the QR code)."""
        return self.w > self.h * 1.15

    @property
    def grow(self) -> float:
        """Factor for lengths from the theme (figure, badge): the scale, never below 0.85."""
        return max(0.85, self.scale)

    def role(self, name: str) -> tuple[float, float]:
        """(preferred, minimum) size in pt of a role of text on this card."""
        r, k = getattr(self.theme.text, name), self.scale
        if k >= PLAYING_CARD:  # playing-card sizes and larger keep the role's floor
            low, pref = r.min, max(r.size * k, r.min)
        else:
            low = min(r.min, self.theme.text.floor)
            pref = max(low, r.size * k)
        low = math.ceil(low / SHRINK_STEP - 1e-9) * SHRINK_STEP
        pref = max(low, math.floor(pref / SHRINK_STEP + 1e-9) * SHRINK_STEP)
        cap = dict(self.caps).get(name)
        if cap is not None:
            pref = max(low, min(pref, cap))
        return pref, low

    def style(self, role: str, **changes) -> Style:
        pref, low = self.role(role)
        return Style(
            **{
                "font": REGULAR,
                "size": pref,
                "min_size": low,
                "color": self.theme.colors.ink,
                "leading": self.theme.text.leading,
                **changes,
            }
        )


def field_box(face: Face, name: str) -> TextBox:
    """The text box of ``face`` that shows field ``name``."""
    return next(b for b in face.items if isinstance(b, TextBox) and b.field == name)


def background(ctx: CardContext) -> Rect:
    b = ctx.bleed
    return Rect(-b, -b, ctx.w + 2 * b, ctx.h + 2 * b, fill=ctx.theme.colors.paper)


def trim_outline(ctx: CardContext) -> list[Box]:
    """A hairline on the trim of ink-saver fronts: without a filled band to cut by, it is the
    cutting guide when the crop marks are lost to the printer's margin."""
    if ctx.theme.fills:
        return []
    return [Rect(0.0, 0.0, ctx.w, ctx.h, stroke=ctx.theme.colors.rule, width=0.25)]


def band(ctx: CardContext, height: float, color: str) -> list[Box]:
    """The colour band at the top of a face, running into the bleed on three sides (a rule in ink saver)."""
    b = ctx.bleed
    if ctx.theme.fills:
        return [Rect(-b, ctx.h - height, ctx.w + 2 * b, height + b, fill=color)]
    return [Rect(ctx.safe - 1, ctx.h - height + 0.6, ctx.w - 2 * ctx.safe + 2, 0.0, stroke=color, width=1.2)]


def lines_fit(
    paragraphs: list[str],
    x: float,
    top: float,
    w: float,
    style: Style,
    field: str,
    owner: str,
    lines: int = 2,
    markers: tuple[str, ...] | list[str] = (),
) -> TextBox:
    """Text from ``top`` down that wraps to up to ``lines`` lines before it shrinks; the box is
    as tall as the text."""
    size = style.size
    h = line_h(style.font, size) + (lines - 1) * line_height(style, size)
    return tight(fit(paragraphs, x, top - h, w, h, style, field, owner, markers=markers))


def title_band(
    ctx: CardContext, title: str, subtitle: str, color: str, owner: str, field: str = "name"
) -> tuple[list[Box], float]:
    """The front band: the title (two lines before it shrinks) over a subtitle line; returns the
    boxes and the band's height, which follows its text."""
    c, s = ctx.theme.colors, ctx.safe
    ink = ctx.theme.tint(c.band_text)
    title_box = lines_fit(
        [title],
        s,
        ctx.h - s,
        ctx.w - 2 * s,
        ctx.style("title", font=BOLD, color=ink, leading=1.08),
        field,
        owner,
    )
    sub_box = lines_fit(
        [subtitle],
        s,
        title_box.y - 0.8,
        ctx.w - 2 * s,
        ctx.style("subtitle", color=ink),
        "kind" if field == "name" else "duration",
        owner,
    )
    height = ctx.h - sub_box.y + 1.8
    return [*band(ctx, height, color), title_box, sub_box], height


def back_head(ctx: CardContext, title: str, color: str, field: str, owner: str) -> tuple[list[Box], float]:
    """A slim colour band (none in ink saver: a rule that near the edge would show any duplex
    misregistration) and, below it, the card's title as the largest text on the back; returns
    the boxes and the y where the body may start."""
    s = ctx.safe
    strip = ctx.theme.back_band
    top = min(ctx.h - s, ctx.h - strip - 1.2)
    style = ctx.style("title", font=BOLD, color=ctx.theme.tint(color), leading=1.08)
    head = lines_fit([title], s, top, ctx.w - 2 * s, style, field, owner)
    strip_boxes = band(ctx, strip, color) if ctx.theme.fills else []  # ink saver: no rule near the edge
    return [*strip_boxes, head], head.y - 1.6


def rest_on(box: TextBox, y: float) -> TextBox:
    """``box`` and its text moved up or down so that its bottom is at ``y``."""
    shift = y - box.y
    return replace(box, y=y, runs=tuple(replace(r, y=r.y + shift) for r in box.runs))


def qr_block(
    ctx: CardContext, url: str, side: float, caption: list[Section], footer: str, owner: str, landscape: bool
) -> tuple[list[Box], tuple[float, float, float]]:
    """The QR code at the bottom (left, or right on landscape cards) with its caption beside it
    (above it on landscape cards, where ``footer`` goes under the body instead of into the
    caption). Returns the boxes and the room left for the body: (bottom, top, right). The quiet
    zone may lie in the safe margin: it is blank paper."""
    c, s = ctx.theme.colors, ctx.safe
    quiet = side / (len(matrix(url)) + 2 * QUIET) * QUIET
    dark = side - 2 * quiet
    small = ctx.style("small", color=c.muted, leading=1.12, gap=0.25)
    out: list[Box] = []
    if landscape:
        qx, qy = ctx.w - s - dark - quiet, s - quiet
        base = s + dark + 1.2
        cap_h = measure(caption, dark, replace(small, size=small.min_size))
        out.append(
            rest_on(
                tight(fit_sections(caption, qx + quiet, base, dark, cap_h, small, "qr caption", owner)), base
            )
        )
        right = qx + quiet - 2.5
        foot = rest_on(tight(fit([footer], s, s, right - s, ctx.h * 0.25, small, "safety note", owner)), s)
        out.append(foot)
        room = (s + foot.h + 1.5, ctx.h - s, right)
    else:
        qx, qy = s - quiet, s - quiet
        col_x = s + dark + 2.0
        sections = [*caption, Section((footer,))]
        cap_h = max(dark, measure(sections, ctx.w - s - col_x, replace(small, size=small.min_size)))
        out.append(fit_sections(sections, col_x, s, ctx.w - s - col_x, cap_h, small, "qr caption", owner))
        room = (s + cap_h + 1.8, ctx.h - s, ctx.w - s)
    return [qr_box(url, qx, qy, side), Link(qx, qy, side, side, url), *out], room


def body_and_qr(
    ctx: CardContext,
    url: str,
    side: float,
    caption: list[Section],
    sections: list[Section],
    top: float,
    style: Style,
    field: str,
    owner: str,
    landscape: bool,
    grow: bool = True,
    footer: str = SAFETY,
) -> tuple[list[Box], TextBox]:
    """A back's body text from ``top`` down and the QR block under (or beside) it: the text
    takes the largest size it can, then the QR code grows into the height the text leaves
    unused, up to half the card's smaller inner side (``grow=False``: it stays at ``side``,
    which is all a caller that wants only the text's size needs). ``footer`` is the small
    print with the QR block: the safety note, and whatever else the card must say."""
    s = ctx.safe

    def layout(side: float, size: float | None) -> tuple[list[Box], TextBox]:
        qr, (bottom, _, right) = qr_block(ctx, url, side, caption, footer, owner, landscape)
        fixed = style if size is None else replace(style, size=size, min_size=size)
        return qr, fit_sections(sections, s, bottom, right - s, top - bottom, fixed, field, owner)

    qr, body = layout(side, None)
    caption_top = max(b.y + b.h for b in qr if isinstance(b, TextBox) and b.field == "qr caption")
    if caption_top > top + 1e-6:
        raise FitError(
            f"{owner}: field 'qr caption' does not fit its box: it needs {caption_top - top:.1f} mm "
            f"more height on a {ctx.w:g} x {ctx.h:g} mm card"
        )
    if not grow:
        return qr, body
    spare = body.h - text_height(body)
    modules = len(matrix(url))
    limit = min(ctx.w - 2 * s, ctx.h - 2 * s) * 0.5 * (modules + 2 * QUIET) / modules
    if spare > 1.0 and not landscape and side < limit:
        try:
            qr, body = layout(min(limit, side + spare - 0.4), run_size(body))
        except FitError:
            pass
    return qr, body
