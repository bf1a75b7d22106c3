"""Lay out the faces of exercise cards (routine cards: ``layout.routine_card``).

Takes: a ``CardContext`` and an exercise, with the dose, note and number a deck gives it.
Gives: a ``Card``: the front (name, number, kind and level, area chips, figure, dose badge and
numbered steps) and the back (name, Do / Avoid / Why as bulleted lists, QR code beside its
caption). Each face takes the largest text the theme allows that fits, then gives the room
left over to the figure (front) or the QR code (back). A ``FitError`` names the exercise, the
field and the overflow. ``exercise_sizes`` gives the sizes a card's steps and cues take
without laying the whole card out (no figure, no grown QR code), for a deck to choose the
sizes its cards share before it lays each card out once.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..boxes import Box, Rect, TextBox
from ..catalogue.model import OWN_STEPS, Dose, Exercise
from ..errors import FitError
from ..fonts import BOLD, REGULAR
from .face import (
    MIN_MODULE,
    SAFETY,
    Card,
    CardContext,
    Face,
    back_head,
    background,
    body_and_qr,
    field_box,
    lines_fit,
    rest_on,
    title_band,
    trim_outline,
)
from .figure_area import figure_items
from .qr import side_for
from .text import Section, Style, fit, line_h, run_size, text_height, width


def chips(
    ctx: CardContext, labels: list[str], top: float, owner: str, right: float | None = None
) -> tuple[list[Box], float]:
    """Body-area tags as rounded pills from ``top`` down; returns boxes and the bottom y."""
    c = ctx.theme.colors
    size, _ = ctx.role("chips")
    pad = size * 0.16
    h = line_h(REGULAR, size) + size * 0.12
    x, y = ctx.safe, top - h
    limit = ctx.w - ctx.safe if right is None else right
    out: list[Box] = []
    for label in labels:
        wd = width(label, REGULAR, size) + 2 * pad
        if x + wd > limit and x > ctx.safe:
            x, y = ctx.safe, y - h - 0.8
        wd = min(wd, limit - x)
        paint = ctx.theme.paint(c.tag, c.tag_text, outline=c.tag_text)
        out.append(Rect(x, y, wd, h, fill=paint.fill, stroke=paint.stroke, width=0.4, radius=h / 2))
        style = ctx.style("chips", color=c.tag_text, leading=1.0)
        out.append(
            fit(
                [label], x + pad, y + size * 0.06, wd - 2 * pad + 0.01, h - size * 0.12, style, "areas", owner
            )
        )
        x += wd + 1.0
    return out, y


def badge(
    ctx: CardContext,
    label: str,
    x: float,
    top: float,
    h: float,
    max_w: float,
    owner: str,
    color: str | None = None,
) -> tuple[list[Box], float, float]:
    """The dose as a rounded badge hanging from ``top``, ``h`` tall, or taller when the label
    needs two lines in ``max_w``; returns its boxes, width and height."""
    c = ctx.theme.colors
    paint = ctx.theme.paint(color or c.badge, c.badge_text)
    style = ctx.style("badge", font=BOLD, color=paint.text, leading=1.0, align="center")
    pad = h * 0.35
    wd = min(max_w, width(label, BOLD, style.size) + 2 * pad)
    text_h = min(h - 0.6, line_h(BOLD, style.size))
    try:
        box = fit(
            [label], x + pad * 0.7, top - h + (h - text_h) / 2, wd - 1.4 * pad, text_h, style, "dose", owner
        )
    except FitError:  # too long for one line in the column: two lines, and a taller badge
        box = lines_fit([label], x + pad * 0.7, top - (h - text_h) / 2, wd - 1.4 * pad, style, "dose", owner)
        h = box.h + (h - text_h)
    rect = Rect(
        x,
        top - h,
        wd,
        h,
        fill=paint.fill,
        stroke=paint.stroke,
        width=0.8,
        radius=min(h, ctx.theme.exercise_front.badge * ctx.grow) / 2.4,
    )
    return [rect, box], wd, h


@dataclass(frozen=True)
class _Top:
    """What a front sets above its figure, whatever the figure's height: the background, band
    and area tags (``items``), the y below them, the dose label and its badge's height, and
    the column the figure, badge and note take."""

    items: tuple[Box, ...]
    band_h: float
    y: float
    label: str
    badge_h: float
    col_w: float
    landscape: bool
    note_below: TextBox | None  # landscape cards: the routine's note, under the badge


def _front_top(
    ctx: CardContext,
    ex: Exercise,
    dose: Dose | None,
    note: str | None,
    number: tuple[int, int] | None,
    tags: bool,
    column: float,
) -> _Top:
    """The band (name over number, kind, level and kit), the area tags (``tags``) in the figure's
    column, and the dose badge measured: laid out once for a draft and its final front."""
    theme, s = ctx.theme, ctx.safe
    parts = [f"{number[0]} of {number[1]}"] if number else []
    parts += [ex.kind.value.capitalize(), ex.level.value.capitalize()]
    if ex.equipment:
        parts.append(", ".join(e.value.replace("-", " ") for e in ex.equipment))
    head, band_h = title_band(ctx, ex.name, " | ".join(parts), theme.kind_color(ex.kind.value), ex.id)
    items: list[Box] = [background(ctx), *head]
    landscape = ctx.landscape and column < 1.0
    col_w = (ctx.w - 2 * s) * (column if landscape else 1.0)
    y = ctx.h - band_h - 0.6
    if tags:
        pills, y = chips(
            ctx, [a.value.replace("-", " ") for a in ex.areas], ctx.h - band_h - 1.6, ex.id, right=s + col_w
        )
        items += pills
    label = ex.dose_label(dose)
    badge_h = badge(ctx, label, s, 0.0, theme.exercise_front.badge * ctx.grow, col_w, ex.id)[2]
    note_below = None
    if landscape and note:
        note_below = lines_fit([note], s, 0.0, col_w, _note_style(ctx), "note", ex.id, lines=3)
    return _Top(tuple(items), band_h, y, label, badge_h, col_w, landscape, note_below)


def _note_style(ctx: CardContext) -> Style:
    return ctx.style("small", color=ctx.theme.colors.muted, leading=1.1)


def exercise_front(
    ctx: CardContext,
    ex: Exercise,
    figure_h: float,
    dose: Dose | None = None,
    note: str | None = None,
    number: tuple[int, int] | None = None,
    steps_size: float | None = None,
    tags: bool = True,
    column: float = 0.42,
    draft: bool = False,
    top: _Top | None = None,
) -> Face:
    """Name, number, kind and level; area tags, figure, dose badge (with the routine's note) and
    numbered steps. ``steps_size`` fixes the steps' size (else they fit from the role's range);
    ``tags=False`` leaves out the area tags to make room; on landscape cards the figure takes
    ``column`` of the width and the steps the rest (``column=1`` stacks them as on portrait
    cards). ``top`` is what an earlier call with the same tags and column set above the figure."""
    theme, s = ctx.theme, ctx.safe
    color = theme.kind_color(ex.kind.value)
    top = top or _front_top(ctx, ex, dose, note, number, tags, column)
    items: list[Box] = list(top.items)
    band_h, y, label, badge_h, col_w, landscape = (
        top.band_h,
        top.y,
        top.label,
        top.badge_h,
        top.col_w,
        top.landscape,
    )
    note_style = _note_style(ctx)
    note_below = top.note_below
    if landscape:  # the figure takes what the left column leaves, under it the badge and the note
        figure_h = y - 2.0 - badge_h - s - (note_below.h + 0.8 if note_below else 0.0)
    y -= 1.0
    if not draft:  # a draft only measures the text: the figure is drawn once, on the final face
        items += figure_items(ex, s, y - figure_h, col_w, figure_h, theme)
    y -= figure_h + 1.0
    pill, pill_w, badge_h = badge(ctx, label, s, y, badge_h, col_w, ex.id, color)
    items += pill
    y -= badge_h
    if note_below is not None:
        note_below = rest_on(note_below, y - 0.8 - note_below.h)
        items.append(note_below)
        y = note_below.y
    elif note:  # the routine's note beside the badge, or under it when it needs more room
        note_x = s + pill_w + 1.5
        try:
            items.append(
                fit([note], note_x, y - 0.6, s + col_w - note_x, badge_h + 0.6, note_style, "note", ex.id)
            )
        except FitError:
            below = lines_fit([note], s, y - 0.8, col_w, note_style, "note", ex.id, lines=3)
            items.append(below)
            y = below.y
    y -= 1.6
    step_x = s + col_w + 2.5 if landscape else s
    step_top = ctx.h - band_h - 1.6 if landscape else y
    short = s - (y + 1.6) if landscape else s + 4 - step_top
    if short > 1e-6 or figure_h < 0:
        raise FitError(
            f"{ex.id}: field 'figure' does not fit its box: the figure and dose need "
            f"{max(short, -figure_h):.1f} mm more height on a {ctx.w:g} x {ctx.h:g} mm card"
        )
    style = ctx.style("steps", marker_color=theme.tint(color), gap=0.22)
    if steps_size is not None:
        style = replace(style, size=steps_size, min_size=steps_size)
    steps = fit(
        list(ex.steps),
        step_x,
        s,
        ctx.w - s - step_x,
        step_top - s,
        style,
        "steps",
        ex.id,
        markers=[f"{n}." for n in range(1, len(ex.steps) + 1)],
    )
    items.append(steps)
    items += trim_outline(ctx)
    return Face(ctx.w, ctx.h, tuple(items))


# Long steps: the area tags give way, then (landscape) the figure's column narrows or widens,
# then the figure gets less than its usual minimum, before the steps shrink below their floor.
# Each attempt: (area tags shown, figure column on landscape cards, share of the minimum figure).
FRONT_ATTEMPTS = (
    (True, 0.42, 1.0),
    (False, 0.42, 1.0),
    (False, 0.34, 1.0),
    (False, 0.5, 1.0),
    (False, 0.42, 0.6),
    (False, 1.0, 0.6),
)


def _front_draft(
    ctx: CardContext,
    ex: Exercise,
    dose: Dose | None = None,
    note: str | None = None,
    number: tuple[int, int] | None = None,
) -> tuple[Face, tuple[bool, float, float], _Top]:
    """The front without its figure, beside the smallest figure, at the first of
    ``FRONT_ATTEMPTS`` that fits, that attempt and what it set above the figure: its steps
    have their final size."""
    low = ctx.theme.exercise_front.min_figure * ctx.grow

    def draft(attempt: tuple[bool, float, float]) -> tuple[Face, tuple[bool, float, float], _Top]:
        tags, column, part = attempt
        top = _front_top(ctx, ex, dose, note, number, tags, column)
        return (
            exercise_front(
                ctx, ex, low * part, dose, note, number, tags=tags, column=column, draft=True, top=top
            ),
            attempt,
            top,
        )

    for attempt in FRONT_ATTEMPTS[:-1]:
        try:
            return draft(attempt)
        except FitError:
            pass
    return draft(FRONT_ATTEMPTS[-1])


def fitted_exercise_front(
    ctx: CardContext,
    ex: Exercise,
    dose: Dose | None = None,
    note: str | None = None,
    number: tuple[int, int] | None = None,
) -> Face:
    """The front with the largest steps that fit beside the smallest figure, then the figure
    grown into the room the steps leave."""
    draft, (tags, column, part), top = _front_draft(ctx, ex, dose, note, number)
    low = ctx.theme.exercise_front.min_figure * ctx.grow * part
    steps = field_box(draft, "steps")
    spare = steps.h - text_height(steps)
    landscape = ctx.landscape and column < 1.0
    steps_size = run_size(steps)

    def front(figure_h: float) -> Face:  # as drafted, but for the figure's height
        return exercise_front(
            ctx, ex, figure_h, dose, note, number, steps_size=steps_size, tags=tags, column=column, top=top
        )

    if spare > 1.0 and not landscape:
        try:
            return front(min(low + spare - 0.4, ctx.h * 0.5))
        except FitError:
            pass
    return front(low)


def _cue_sections(ctx: CardContext, ex: Exercise) -> list[Section]:
    """Do / Avoid / Why as bulleted lists, each label hanging beside its first item; the labels'
    column is as wide as the widest label, so that every list lines up."""
    theme, c = ctx.theme, ctx.theme.colors
    size, _ = ctx.role("cues")
    indent = width("Avoid", BOLD, size) + width(" ", BOLD, size) * 1.2
    out: list[Section] = []
    for label, lines, color in (
        ("Do", ex.cues.do, c.do),
        ("Avoid", ex.cues.avoid, c.avoid),
        ("Why", ex.benefits, theme.kind_color(ex.kind.value)),
    ):
        if lines:
            out.append(
                Section(
                    tuple(lines),
                    markers=(label,) + ("",) * (len(lines) - 1),
                    marker_color=theme.tint(color),
                    bullet="\u2022",
                    min_indent=indent,
                    gap_after=0.45,
                )
            )
    return out


def _back_parts(
    ctx: CardContext, ex: Exercise, number: tuple[int, int] | None, routine_title: str | None, grow: bool
) -> tuple[list[Box], list[Box], TextBox]:
    """The back's heading, QR block and cues (``grow=False``: the QR code at its smallest)."""
    theme, c = ctx.theme, ctx.theme.colors
    color = theme.kind_color(ex.kind.value)
    head, top = back_head(ctx, ex.name, color, "name", ex.id)
    url = ctx.catalogue.video_url(ex)
    caption = [Section(("Scan for a demo video",), font=BOLD, color=c.ink)]
    if number:
        where = f" of {routine_title}" if routine_title else ""
        caption.append(Section((f"Card {number[0]} of {number[1]}{where}",), color=c.ink))
    sections = _cue_sections(ctx, ex)
    footer = f"{SAFETY} {OWN_STEPS}." if ex.own_steps else SAFETY  # the source gives no steps
    side = max(side_for(url, MIN_MODULE), theme.routine_card.qr)
    style = ctx.style("cues", gap=0.3)
    # Landscape cards put the QR code in a column on the right; if the cues need more height
    # than that leaves them, the code goes under them as on portrait cards.
    for landscape in [True, False] if ctx.landscape else [False]:
        try:
            qr, cues = body_and_qr(
                ctx,
                url,
                side,
                caption,
                sections,
                top,
                style,
                "cues and benefits",
                ex.id,
                landscape,
                grow,
                footer,
            )
            break
        except FitError:
            if not landscape:
                raise
    return head, qr, cues


def exercise_back(
    ctx: CardContext, ex: Exercise, number: tuple[int, int] | None = None, routine_title: str | None = None
) -> Face:
    """The name, the cues as bulleted lists, and the QR code to the demo video beside its caption
    (card number and safety note); the QR code grows into the room the cues leave."""
    head, qr, cues = _back_parts(ctx, ex, number, routine_title, grow=True)
    return Face(ctx.w, ctx.h, (background(ctx), *head, cues, *qr))


def exercise_card(
    ctx: CardContext,
    ex: Exercise,
    number: tuple[int, int] | None = None,
    dose: Dose | None = None,
    note: str | None = None,
    routine_title: str | None = None,
) -> Card:
    """Both faces; ``dose`` and ``note`` are a routine item's (else the exercise's own dose)."""
    return Card(
        fitted_exercise_front(ctx, ex, dose, note, number),
        exercise_back(ctx, ex, number, routine_title),
        ex.name,
        ex.id,
    )


def exercise_sizes(
    ctx: CardContext,
    ex: Exercise,
    number: tuple[int, int] | None = None,
    dose: Dose | None = None,
    note: str | None = None,
    routine_title: str | None = None,
) -> tuple[float, float]:
    """The sizes (pt) ``exercise_card`` sets the steps and the cues at, found without drawing
    the figure or growing the QR code (neither changes them); raises the same ``FitError``."""
    draft = _front_draft(ctx, ex, dose, note, number)[0]
    return run_size(field_box(draft, "steps")), run_size(
        _back_parts(ctx, ex, number, routine_title, grow=False)[2]
    )


from .routine_card import routine_card  # noqa: E402  (re-exported: one import for both kinds of card)

__all__ = ["Card", "CardContext", "Face", "exercise_card", "exercise_sizes", "routine_card"]
