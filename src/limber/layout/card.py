"""Lay out the faces of exercise cards and routine cards.

Takes: a ``CardContext`` (catalogue, theme, card size) and an exercise or a routine.
Gives: ``Card`` objects: a front and a back ``Face``, each a tuple of boxes in card
coordinates (mm, origin at the bottom-left corner of the trim, y up). Backgrounds and bands
run ``bleed`` mm past the trim; all text stays inside the safe zone. Text is fitted here and
a ``FitError`` names the exercise or routine, the field and the overflow.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Optional

from ..catalogue.model import Catalogue, Exercise, Routine
from ..errors import FitError
from ..fonts import BOLD, REGULAR
from ..plan.timing import format_duration, item_dose, routine_seconds
from ..theme import Theme
from ..boxes import Box, Link, Rect, TextBox
from .figure_area import figure_items
from .qr import qr_box, side_for
from .text import Section, Style, fit, fit_sections, line_h, line_height, text_height, width, wrap

MIN_MODULE = 0.4          # mm, smallest QR module on a card
ROW_GAP = 0.6             # mm between the rows of a routine card
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

    @property
    def safe(self) -> float:
        return self.theme.safe

    def style(self, **changes) -> Style:
        t = self.theme.text
        base = Style(font=REGULAR, size=t.body, min_size=t.min_body, color=self.theme.colors.ink,
                     leading=t.leading)
        return replace(base, **changes)


def _background(ctx: CardContext) -> Rect:
    b = ctx.bleed
    return Rect(-b, -b, ctx.w + 2 * b, ctx.h + 2 * b, fill=ctx.theme.colors.paper)


def _band(ctx: CardContext, height: float, color: str) -> list[Box]:
    """The colour band at the top of a face, running into the bleed on three sides."""
    b = ctx.bleed
    if ctx.theme.fills:
        return [Rect(-b, ctx.h - height, ctx.w + 2 * b, height + b, fill=color)]
    y = ctx.h - height
    return [Rect(ctx.safe - 1, y + 0.6, ctx.w - 2 * ctx.safe + 2, 0.0, stroke=color, width=1.2)]


def _band_text(ctx: CardContext, height: float, title: str, subtitle: Optional[str], owner: str) -> list[Box]:
    """Title (and an optional subtitle line below it) inside the band and the safe zone."""
    t, c = ctx.theme.text, ctx.theme.colors
    s = ctx.safe
    inner_w = ctx.w - 2 * s
    band_text = c.band_text if ctx.theme.fills else c.ink
    bottom = ctx.h - height + min(1.4, height * 0.1)
    out: list[Box] = []
    if subtitle:
        sub_style = ctx.style(size=t.subtitle, min_size=min(t.subtitle, t.min_body), color=band_text)
        sub_h = line_h(REGULAR, t.subtitle)
        out.append(fit([subtitle], s, bottom, inner_w, sub_h, sub_style, "kind", owner))
        bottom += sub_h + 0.2
    title_style = ctx.style(font=BOLD, size=t.title, min_size=min(t.title, max(t.min_body, t.title * 0.7)),
                            color=band_text, leading=1.08)
    out.insert(0, fit([title], s, bottom, inner_w, ctx.h - s - bottom, title_style, "name", owner))
    return out


def _back_band(ctx: CardContext, title: str, color: str, field: str, owner: str) -> tuple[list[Box], float]:
    """The thin band at the top of a back face, with the card's title in it; returns its height."""
    t, c = ctx.theme.text, ctx.theme.colors
    lh = line_h(BOLD, t.subtitle)
    band_h = ctx.safe + lh + 1.2
    style = ctx.style(font=BOLD, size=t.subtitle, min_size=min(t.subtitle, t.min_body),
                      color=c.band_text if ctx.theme.fills else c.ink, leading=1.0)
    head = fit([title], ctx.safe, ctx.h - ctx.safe - lh, ctx.w - 2 * ctx.safe, lh, style, field, owner)
    return [*_band(ctx, band_h, color), head], band_h


def _tags(ctx: CardContext, labels: list[str], top: float, owner: str,
          right: Optional[float] = None) -> tuple[list[Box], float]:
    """Body-area tags as small rounded pills from ``top`` down; returns boxes and the bottom y."""
    c, t = ctx.theme.colors, ctx.theme.text
    size = t.small
    pad = 1.0
    h = line_h(REGULAR, size) + 0.9
    x, y = ctx.safe, top - h
    limit = ctx.w - ctx.safe if right is None else right
    out: list[Box] = []
    for label in labels:
        wd = width(label, REGULAR, size) + 2 * pad
        if x + wd > limit and x > ctx.safe:
            x, y = ctx.safe, y - h - 0.8
        if x + wd > limit:
            wd = limit - x
        fill = c.tag if ctx.theme.fills else None
        stroke = None if ctx.theme.fills else c.tag_text
        out.append(Rect(x, y, wd, h, fill=fill, stroke=stroke, width=0.4, radius=h / 2))
        style = ctx.style(size=size, min_size=min(size, t.min_body), color=c.tag_text, leading=1.0)
        out.append(fit([label], x + pad, y + 0.45, wd - 2 * pad + 0.01, h - 0.9, style, "areas", owner))
        x += wd + 1.0
    return out, y


def _badge(ctx: CardContext, label: str, x: float, y: float, h: float, max_w: float, owner: str,
           color: Optional[str] = None) -> list[Box]:
    c, t = ctx.theme.colors, ctx.theme.text
    fill = (color or c.badge) if ctx.theme.fills else None
    text_color = c.badge_text if ctx.theme.fills else c.ink
    size = t.badge
    style = ctx.style(font=BOLD, size=size, min_size=min(size, t.min_body), color=text_color, leading=1.0,
                      align="center")
    wd = min(max_w, width(label, BOLD, size) + 2 * 2.2)
    rect = Rect(x, y, wd, h, fill=fill, stroke=None if ctx.theme.fills else c.ink, width=0.8, radius=h / 2.4)
    text_h = line_h(BOLD, size)
    box = fit([label], x + 1.5, y + (h - text_h) / 2, wd - 3, text_h, style, "dose", owner)
    return [rect, box]


def exercise_front(ctx: CardContext, ex: Exercise, figure_h: Optional[float] = None) -> Face:
    """Name, kind and level, area tags, figure, dose badge and numbered steps."""
    theme, c = ctx.theme, ctx.theme.colors
    region = theme.exercise_front
    s = ctx.safe
    color = theme.kind_color(ex.kind.value)
    items: list[Box] = [_background(ctx), *_band(ctx, region.band, color)]
    subtitle = f"{ex.kind.value.capitalize()}  |  {ex.level.value.capitalize()}"
    if ex.equipment:
        subtitle += "  |  " + ", ".join(e.value.replace("-", " ") for e in ex.equipment)
    items += _band_text(ctx, region.band, ex.name, subtitle, ex.id)
    # Portrait cards stack tags, figure, badge and steps; landscape cards put the steps on the right.
    landscape = ctx.w > ctx.h * 1.15
    col_w = (ctx.w - 2 * s) * (0.42 if landscape else 1.0)
    tags, y = _tags(ctx, [a.value.replace("-", " ") for a in ex.areas], ctx.h - region.band - 1.6, ex.id,
                    right=s + col_w)
    items += tags
    fig_h = region.figure if figure_h is None else figure_h
    y -= 1.0
    items += figure_items(ex, s, y - fig_h, col_w, fig_h, theme)
    y -= fig_h + 1.0
    items += _badge(ctx, ex.dose_label(), s, y - region.badge, region.badge, col_w, ex.id, color)
    y -= region.badge + 1.6
    step_x = s + col_w + 2.5 if landscape else s
    step_top = ctx.h - region.band - 1.6 if landscape else y
    if landscape and y < s - 1e-6:
        raise FitError(f"{ex.id}: field 'figure' does not fit its box: the figure and dose need "
                       f"{s - y:.1f} mm more height on a {ctx.w:g} x {ctx.h:g} mm card")
    steps = fit(list(ex.steps), step_x, s, ctx.w - s - step_x, step_top - s,
                ctx.style(marker_color=color if theme.fills else c.ink), "steps", ex.id,
                markers=[f"{n}." for n in range(1, len(ex.steps) + 1)])
    items.append(steps)
    return Face(ctx.w, ctx.h, tuple(items))


def fitted_exercise_front(ctx: CardContext, ex: Exercise) -> Face:
    """The front with the tallest figure (down to the theme's minimum) that lets the steps fit."""
    region = ctx.theme.exercise_front
    fig_h = region.figure
    while True:
        try:
            face = exercise_front(ctx, ex, fig_h)
            break
        except FitError:
            if fig_h <= region.min_figure:
                raise
            fig_h = max(region.min_figure, fig_h - 2.0)
    # Give the figure whatever height the steps leave unused at the bottom of a portrait card.
    steps = next(b for b in face.items if isinstance(b, TextBox) and b.field == "steps")
    spare = steps.h - text_height(steps)
    if spare > 1.5 and ctx.w <= ctx.h * 1.15:
        grown = min(fig_h + spare - 0.5, ctx.h * 0.45)
        if grown > fig_h:
            face = exercise_front(ctx, ex, grown)
    return face


def exercise_back(ctx: CardContext, ex: Exercise, number: Optional[tuple[int, int]] = None) -> Face:
    """Cues, benefits, equipment, QR code to the demo video, card number and safety note."""
    theme, c, t = ctx.theme, ctx.theme.colors, ctx.theme.text
    s = ctx.safe
    color = theme.kind_color(ex.kind.value)
    band, band_h = _back_band(ctx, ex.name, color, "name", ex.id)
    items: list[Box] = [_background(ctx), *band]
    small = ctx.style(size=t.small, min_size=min(t.small, t.min_body), color=c.muted, leading=1.12)
    safety = fit([SAFETY], s, s, ctx.w - 2 * s, 2 * line_h(REGULAR, t.small) * 1.12, small, "safety note", ex.id)
    safety_top = s + max((r.y for r in safety.runs), default=s) - s + line_h(REGULAR, t.small)
    items.append(safety)
    url = ctx.catalogue.video_url(ex)
    side = max(side_for(url, MIN_MODULE), theme.routine_card.qr)
    quiet = side / (len(qr_box(url, 0, 0, side).modules) + 8) * 4
    caption = [Section(("Scan for a demo video",), font=BOLD, color=c.ink)]
    if number:
        caption.append(Section((f"Card {number[0]} of {number[1]}",)))
    # The quiet zone may lie in the safe margin: it is blank paper; the dark modules stay inside.
    landscape = ctx.w > ctx.h * 1.15
    if landscape:
        # QR code at the bottom right with its caption above; the text column takes the left.
        qx, qy = ctx.w - s - side + quiet, safety_top + 1.0 - quiet
        dark = side - 2 * quiet
        cap_h = ctx.h - band_h - 1.8 - (qy + side - quiet) - 1.0
        items.append(fit_sections(caption, qx + quiet, qy + side - quiet + 1.0, dark, cap_h, small,
                                  "qr caption", ex.id))
        text_right, bottom = qx + quiet - 2.5, safety_top + 1.0
    else:
        qx, qy = s - quiet, safety_top + 1.0 - quiet
        col_x = qx + side - quiet + 1.5
        items.append(fit_sections(caption, col_x, qy + quiet, ctx.w - s - col_x, side - 2 * quiet, small,
                                  "qr caption", ex.id))
        text_right, bottom = ctx.w - s, qy + side - quiet + 1.0
    items += [qr_box(url, qx, qy, side), Link(qx, qy, side, side, url)]
    def labelled(label: str, lines, color: str) -> Section:
        # The label hangs beside the first line only: "Do  Keep your heel down".
        return Section(tuple(lines), markers=(label,) + ("",) * (len(lines) - 1), marker_color=color,
                       gap_after=0.5, min_indent=indent)

    indent = width("Avoid ", BOLD, t.body) + 0.6

    sections = []
    if ex.cues.do:
        sections.append(labelled("Do", ex.cues.do, c.do if theme.fills else c.ink))
    if ex.cues.avoid:
        sections.append(labelled("Avoid", ex.cues.avoid, c.avoid if theme.fills else c.ink))
    sections.append(labelled("Why", ex.benefits, c.ink))
    equipment = ", ".join(e.value.replace("-", " ") for e in ex.equipment) or "none"
    sections.append(Section((f"Equipment: {equipment}",), color=c.muted))
    top = ctx.h - band_h - 1.8
    items.append(fit_sections(sections, s, bottom, text_right - s, top - bottom, ctx.style(gap=0.15),
                              "cues and benefits", ex.id))
    return Face(ctx.w, ctx.h, tuple(items))


def exercise_card(ctx: CardContext, ex: Exercise, number: Optional[tuple[int, int]] = None) -> Card:
    return Card(fitted_exercise_front(ctx, ex), exercise_back(ctx, ex, number), ex.name, ex.id)


@dataclass(frozen=True)
class _Row:
    name: str
    dose: str
    cue: str
    exercise: Exercise


def _routine_rows(ctx: CardContext, routine: Routine) -> list[_Row]:
    rows = []
    for index, item in enumerate(routine.items):
        ex = ctx.catalogue.exercises[item.exercise]
        cue = item.note or (ex.cues.do[0] if ex.cues.do else ex.cues.avoid[0])
        rows.append(_Row(ex.name, ex.dose_label(item_dose(ctx.catalogue, routine, index)), cue, ex))
    return rows


def _row_boxes(ctx: CardContext, row: _Row, n: int, top: float, owner: str) -> tuple[list[Box], float]:
    """One routine row: thumbnail, number and name, dose on the right, key cue below.
    A name or cue too long for one line takes two, and the row grows."""
    c, t = ctx.theme.colors, ctx.theme.text
    s = ctx.safe
    name_size = max(t.min_body, t.body - 1.0)
    cue_size = max(t.min_body, t.small)
    name_style = ctx.style(font=BOLD, size=name_size, min_size=t.min_body, leading=1.1)
    cue_style = ctx.style(size=cue_size, min_size=t.min_body, color=c.muted, leading=1.1)
    thumb = line_h(BOLD, name_size) + line_h(REGULAR, cue_size) + 0.2
    x = s + thumb + 1.2
    dose_w = width(row.dose, BOLD, name_size) + 0.2
    label = f"{n}. {row.name}"
    name_w = ctx.w - s - x - dose_w - 1.5
    cue_w = ctx.w - s - x

    def height(text: str, style: Style, w: float) -> float:
        lines = min(2, len(wrap(text, style.font, style.size, w)))
        return line_h(style.font, style.size) + (lines - 1) * line_height(style, style.size)

    line1, line2 = height(label, name_style, name_w), height(row.cue, cue_style, cue_w)
    h = line1 + line2 + 0.2
    out: list[Box] = list(figure_items(row.exercise, s, top - thumb, thumb, thumb, ctx.theme, thumbnail=True))
    out.append(fit([label], x, top - line1, name_w, line1, name_style, f"items[{n - 1}] name", owner))
    out.append(fit([row.dose], ctx.w - s - dose_w - 0.1, top - line_h(BOLD, name_size), dose_w + 0.1,
                   line_h(BOLD, name_size), replace(name_style, align="right"), f"items[{n - 1}] dose", owner))
    out.append(fit([row.cue], x, top - h, cue_w, line2, cue_style, f"items[{n - 1}] cue", owner))
    return out, max(h, thumb)


def member_line(ctx: CardContext, member: str, top: float, owner: str) -> TextBox:
    """The member's name (and group) on a routine card, its top at ``top``: one line, or
    two for a name too long for one."""
    t = ctx.theme.text
    h = line_h(BOLD, t.small)
    style = ctx.style(font=BOLD, size=t.small, min_size=min(t.small, t.min_body), leading=1.1)
    try:
        return fit([member], ctx.safe, top - h, ctx.w - 2 * ctx.safe, h, style, "member", owner)
    except FitError:
        h += line_height(style, style.min_size)
        return fit([member], ctx.safe, top - h, ctx.w - 2 * ctx.safe, h, style, "member", owner)


def routine_card(ctx: CardContext, routine: Routine, member: Optional[str] = None) -> Card:
    """Title, total time, the exercises in order (with dose, key cue and thumbnail) and a QR code.

    Rows that do not fit the front continue on the back, above the summary and the QR code.
    ``member`` (a name, maybe with a group) gets a line of its own under the band.
    """
    theme, c, t = ctx.theme, ctx.theme.colors, ctx.theme.text
    s = ctx.safe
    region = theme.routine_card
    color = theme.kind_color("routine")
    seconds = routine_seconds(ctx.catalogue, routine)
    subtitle = f"{routine.phase.value.capitalize()}  |  {len(routine.items)} exercises  |  {format_duration(seconds)}"
    front: list[Box] = [_background(ctx), *_band(ctx, region.band, color),
                        *_band_text(ctx, region.band, routine.title, None, routine.id)]
    info_style = ctx.style(font=BOLD, size=t.small, min_size=min(t.small, t.min_body), color=c.muted, leading=1.1)
    info_h = line_h(BOLD, t.small)
    y = ctx.h - region.band - 1.2
    front.append(fit([subtitle], s, y - info_h, ctx.w - 2 * s, info_h, info_style, "duration", routine.id))
    rows = _routine_rows(ctx, routine)
    y -= info_h + 1.0
    if member:
        line = member_line(ctx, member, y, routine.id)
        front.append(line)
        y -= line.h + 1.0
    n = 0
    while n < len(rows):
        boxes, h = _row_boxes(ctx, rows[n], n + 1, y, routine.id)
        if y - h < s - 1e-6:
            break
        front += boxes
        y -= h + ROW_GAP
        n += 1
    band, band_h = _back_band(ctx, routine.title + (" (continued)" if n < len(rows) else ""), color,
                              "title", routine.id)
    back: list[Box] = [_background(ctx), *band]
    y = ctx.h - band_h - 1.5
    for index in range(n, len(rows)):
        boxes, h = _row_boxes(ctx, rows[index], index + 1, y, routine.id)
        back += boxes
        y -= h + ROW_GAP
    url = ctx.catalogue.video_url(routine)
    side = max(side_for(url, MIN_MODULE), region.qr)
    quiet = side / (len(qr_box(url, 0, 0, side).modules) + 8) * 4
    qx, qy = ctx.w - s - side + quiet, s - quiet
    back += [qr_box(url, qx, qy, side), Link(qx, qy, side, side, url)]
    text_w = qx - s - 1.0 + quiet
    small = ctx.style(size=t.small, min_size=min(t.small, t.min_body), color=c.muted, leading=1.12)
    info = [Section((routine.summary,), color=c.ink),
            Section(("Scan the code for a demo video of this routine.",), font=BOLD, color=c.ink),
            Section((SAFETY,))]
    if y - s < 4:
        raise FitError(f"{routine.id}: field 'items' does not fit on the two sides of a "
                       f"{ctx.w:g} x {ctx.h:g} mm card ({s + 4 - y:.1f} mm too much); choose a larger --size")
    back.append(fit_sections(info, s, s, text_w, y - s, replace(small, gap=0.2), "summary", routine.id))
    return Card(Face(ctx.w, ctx.h, tuple(front)), Face(ctx.w, ctx.h, tuple(back)), routine.title, routine.id)
