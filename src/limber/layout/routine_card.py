"""Lay out a routine card: a checklist of its exercises, then its summary and QR code.

Takes: a ``CardContext`` and a routine.
Gives: a ``Card``. The front's band holds the title and the total time; below it one row per
exercise: a tick box, the number (as on the exercise cards), the name, and the dose in its own
right-hand column (on its own line when the doses are too wide for a column), with the
routine's note under it. Rows share one size, the largest from the theme's steps role that
fits; thumbnails of the figures appear only when they can be at least ``THUMB`` mm tall.
Rows that do not fit the front even at the smallest size continue on the back, and a line at
the foot of the front says which ("10-13 continue on the back"). The back uses
its full width for the summary, above the QR code and its caption.

A club member's card has a line under the band with the member's name (and group) and, at
its right, the club's mark: its logo (small, one line high) and its name, in the small
role's size and the muted colour. The mark takes at most ``MARK_SHARE`` of the width; when
the name, or the member's, needs more, the mark takes a line of its own under the member's.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .. import words
from ..boxes import Box, Image, Line, Rect, TextBox
from ..catalogue.model import Exercise, Routine
from ..errors import FitError
from ..fonts import BOLD, REGULAR
from ..plan.timing import format_duration, item_dose, routine_seconds
from .face import (
    MIN_MODULE,
    SAFETY,
    Card,
    CardContext,
    Face,
    back_head,
    background,
    body_and_qr,
    lines_fit,
    qr_block,
    title_band,
    trim_outline,
)
from .figure_area import figure_items
from .qr import side_for
from .text import SHRINK_STEP, Section, fit, fit_sections, line_h, line_height, measure, width

THUMB = 10.0  # mm: the smallest thumbnail worth printing
ROW_GAP = 0.7  # mm between a row's text and the rule under it, and from the rule to the next row
MARK_SHARE = (
    0.45  # of the card's width inside the safe margins: the most the club's mark takes beside the name
)
MARK_GAP = 2.0  # mm between the member's name and the club's mark
LOGO_GAP = 1.0  # mm between the club's logo and its name
LOGO_MAX_W = 12.0  # mm: a wide logo is scaled down to this width (at a playing card's scale)


@dataclass(frozen=True)
class ClubMark:
    """The club on its members' routine cards: its name, and its logo (a PNG or SVG file)."""

    name: str
    logo: str | None = None
    logo_aspect: float = 1.0  # width / height
    logo_data: bytes = field(default=b"", repr=False)  # the logo's bytes as checked at load


@dataclass(frozen=True)
class _Row:
    name: str
    dose: str
    note: str | None
    exercise: Exercise


def _rows(ctx: CardContext, routine: Routine) -> list[_Row]:
    rows = []
    for index, item in enumerate(routine.items):
        ex = ctx.catalogue.exercises[item.exercise]
        rows.append(_Row(ex.name, ex.dose_label(item_dose(ctx.catalogue, routine, index)), item.note, ex))
    return rows


@dataclass(frozen=True)
class _Look:
    """How rows are set: text size, thumbnail side (0: none), notes shown, gap and right edge."""

    size: float
    thumb: float = 0.0
    notes: bool = True
    gap: float = ROW_GAP
    right: float | None = None


def _row(
    ctx: CardContext, row: _Row, n: int, top: float, look: _Look, dose_w: float | None, owner: str
) -> tuple[list[Box], float]:
    """One checklist row from ``top`` down; returns its boxes and height."""
    c, s, size = ctx.theme.colors, ctx.safe, look.size
    right = ctx.w - s if look.right is None else look.right
    x = s
    out: list[Box] = []
    if look.thumb:
        out += figure_items(row.exercise, x, top - look.thumb, look.thumb, look.thumb, ctx.theme)
        x += look.thumb + 1.5
    tick = size * 0.26  # mm: about the height of a capital
    first_base = top - line_h(BOLD, size) + size * 0.08
    out.append(Rect(x, first_base - 0.2, tick, tick, stroke=c.ink, width=0.6, radius=0.3))
    x += tick + 1.4
    fixed = ctx.style("steps", font=BOLD, size=size, min_size=size, leading=1.1)
    number_w = width(f"{n}.", BOLD, size) + width(" ", BOLD, size) * 1.2
    if dose_w is not None and x + number_w + width(row.name, BOLD, size) > right - dose_w - 2.0:
        dose_w = None  # a name too long to share its line with the dose column: the dose goes below
    name_right = right - (dose_w + 2.0 if dose_w is not None else 0.0)
    name = lines_fit(
        [row.name], x, top, name_right - x, fixed, f"items[{n - 1}] name", owner, markers=[f"{n}."]
    )
    out.append(name)
    y = name.y
    dose_style = replace(fixed, font=REGULAR)
    one = line_h(REGULAR, size)
    if dose_w is not None:
        out.append(
            fit(
                [row.dose],
                right - dose_w,
                top - one,
                dose_w,
                one,
                replace(dose_style, align="right"),
                f"items[{n - 1}] dose",
                owner,
            )
        )
    else:
        dose = lines_fit(
            [row.dose], x + number_w, y - 0.4, right - x - number_w, dose_style, f"items[{n - 1}] dose", owner
        )
        out.append(dose)
        y = dose.y
    if row.note and look.notes:
        note_size = min(size, ctx.role("small")[0])
        note_style = ctx.style("small", size=note_size, min_size=note_size, color=c.muted, leading=1.1)
        note = lines_fit(
            [row.note], x + number_w, y - 0.4, right - x - number_w, note_style, f"items[{n - 1}] note", owner
        )
        out.append(note)
        y = note.y
    return out, max(top - y, look.thumb)


def _dose_column(ctx: CardContext, rows: list[_Row], look: _Look) -> float | None:
    """The width of the doses' right-hand column, or None when it would take more than half of
    the row (then every dose takes its own line under its name)."""
    s = ctx.safe
    right = ctx.w - s if look.right is None else look.right
    dose_w = max(width(r.dose, REGULAR, look.size) for r in rows) + 0.2
    return dose_w if dose_w <= (right - s) * 0.5 else None


def _rows_from(
    ctx: CardContext, rows: list[_Row], first: int, top: float, bottom: float, look: _Look, owner: str
) -> tuple[list[Box], int, float]:
    """As many rows as fit between ``top`` and ``bottom``, from row ``first``, with hairlines
    between them; returns boxes, the index of the first row left over, and the y below the last."""
    s = ctx.safe
    right = ctx.w - s if look.right is None else look.right
    dose_w = _dose_column(ctx, rows, look)
    out: list[Box] = []
    y = top
    n = first
    while n < len(rows):
        boxes, h = _row(ctx, rows[n], n + 1, y, look, dose_w, owner)
        if y - h < bottom - 1e-6:
            break
        if n > first:
            out.append(Line(s, y + look.gap, right, y + look.gap, ctx.theme.colors.rule, 0.5))
        out += boxes
        y -= h + 2 * look.gap
        n += 1
    return out, n, y + 2 * look.gap


def member_line(ctx: CardContext, member: str, top: float, owner: str, width: float | None = None) -> TextBox:
    """The member's name (and group) on a routine card, its top at ``top`` and ``width`` wide
    (the width inside the safe margins unless given): one line, or two for a name too long
    for one."""
    style = ctx.style("subtitle", font=BOLD, leading=1.1)
    h = line_h(BOLD, style.size)
    w = ctx.w - 2 * ctx.safe if width is None else width
    try:
        return fit([member], ctx.safe, top - h, w, h, style, "member", owner)
    except FitError:
        h += line_height(style, style.min_size)
        return fit([member], ctx.safe, top - h, w, h, style, "member", owner)


def _mark_boxes(
    ctx: CardContext, club: ClubMark, top: float, h: float, width: float, owner: str, left: bool = False
) -> list[Box]:
    """The club's logo and name in a row ``h`` tall from ``top`` and ``width`` wide at most:
    ending at the right safe margin, or with ``left`` starting at the left one. Where the logo
    and the name do not both fit, the name alone."""
    if club.logo:
        try:
            return _mark_items(ctx, club, top, h, width, owner, left)
        except FitError:
            pass
    return _mark_items(ctx, replace(club, logo=None), top, h, width, owner, left)


def _logo_w(ctx: CardContext, club: ClubMark, h: float, text_h: float) -> float:
    """The width of the logo in a row ``h`` tall beside text ``text_h`` tall (0.0: no logo)."""
    return min(min(h, text_h * 1.3) * club.logo_aspect, LOGO_MAX_W * ctx.grow) if club.logo else 0.0


def _mark_items(
    ctx: CardContext,
    club: ClubMark,
    top: float,
    h: float,
    width: float,
    owner: str,
    left: bool,
    lines: int = 1,
) -> list[Box]:
    """The logo (if ``club`` has one) and the name, in ``lines`` lines at most."""
    s = ctx.safe
    style = ctx.style("small", color=ctx.theme.colors.muted, align="left" if left else "right", leading=1.0)
    text_h = line_h(REGULAR, style.size) * lines
    logo_w = _logo_w(ctx, club, h / lines, text_h / lines)
    room = logo_w + LOGO_GAP if club.logo else 0.0
    text_w = width - room
    x = s + room if left else ctx.w - s - text_w
    name = fit([club.name], x, top - (h + text_h) / 2, text_w, text_h, style, "club", owner)
    boxes: list[Box] = [name]
    if club.logo:
        logo_h = logo_w / club.logo_aspect
        start = s if left else min((r.x for r in name.runs), default=x) - room  # before the name
        boxes.append(Image(start, top - (h + logo_h) / 2, logo_w, logo_h, club.logo, club.logo_data))
    return boxes


def _mark_width(ctx: CardContext, club: ClubMark, h: float) -> float:
    """The width the club's mark needs beside the member's name at the small role's size
    (at its smallest if it must), or 0.0 when it needs more than ``MARK_SHARE`` of the card."""
    limit = (ctx.w - 2 * ctx.safe) * MARK_SHARE
    pref, low = ctx.role("small")
    logo = _logo_w(ctx, club, h, line_h(REGULAR, pref)) + LOGO_GAP if club.logo else 0.0
    for size in (pref, low):
        need = logo + width(club.name, REGULAR, size) + 0.2
        if need <= limit:
            return need
    return 0.0


# Where the club's mark goes: beside the member's line, under it, or at the left of the line at
# the foot that says the list continues on the back (only on a card whose list does).
PLACES = ("beside", "below", "foot")


def member_head(
    ctx: CardContext, member: str, club: ClubMark | None, top: float, owner: str, place: str = "beside"
) -> tuple[list[Box], float]:
    """The member's line under the band, with the club's mark ``place``d beside it (at its
    right) or below it (on a line of its own, right-aligned); returns the boxes and the height
    they take. A ``FitError`` when the mark does not fit there."""
    if club is None or place == "foot":
        line = member_line(ctx, member, top, owner)
        return [line], line.h
    if place == "beside":
        row = line_h(BOLD, ctx.style("subtitle").size)
        mark_w = _mark_width(ctx, club, row)
        if not mark_w:
            raise FitError(f"{owner}: field 'club' does not fit beside the member's name")
        line = member_line(ctx, member, top, owner, ctx.w - 2 * ctx.safe - mark_w - MARK_GAP)
        return [line, *_mark_boxes(ctx, club, top, row, mark_w, owner)], line.h
    line = member_line(ctx, member, top, owner)
    below = top - line.h - 0.6
    row = line_h(REGULAR, ctx.role("small")[0])
    try:
        boxes = _mark_boxes(ctx, club, below, row, ctx.w - 2 * ctx.safe, owner)
    except FitError:  # a long name of a club: two lines
        row = 2 * row
        boxes = _mark_items(ctx, club, below, row, ctx.w - 2 * ctx.safe, owner, False, lines=2)
    return [line, *boxes], line.h + 1.0 + row


def _one_line(ctx: CardContext, member: str, width: float | None) -> bool:
    """Whether ``member`` takes one line at ``width`` (the full width inside the margins if None)."""
    style = ctx.style("subtitle", font=BOLD)
    try:
        line = member_line(ctx, member, ctx.h, "", width)
    except FitError:
        return False
    return line.h <= line_h(BOLD, style.size) + 1e-6


def mark_places(ctx: CardContext, member: str, club: ClubMark | None) -> list[str | None]:
    """Where to try the club's mark on a member's card, best first: beside a name that keeps to
    one line there, under a name that keeps to one line at the full width, beside or under a
    name of two lines, at the foot of a card whose list continues on the back; and last nowhere
    (None: a card too full to take the mark still prints, and the member's separator sheet
    carries the club's name and logo)."""
    if club is None:
        return [None]
    row = line_h(BOLD, ctx.style("subtitle").size)
    mark_w = _mark_width(ctx, club, row)
    beside = mark_w and _one_line(ctx, member, ctx.w - 2 * ctx.safe - mark_w - MARK_GAP)
    first = ["beside"] if beside else ["below"] if _one_line(ctx, member, None) else []
    return [*first, *(p for p in PLACES if p not in first), None]


def routine_card(
    ctx: CardContext,
    routine: Routine,
    member: str | None = None,
    club: ClubMark | None = None,
    place: str | None = None,
) -> Card:
    """The checklist front and the summary back of ``routine``; ``member`` (a name, maybe with
    a group) gets a line of its own under the band, with ``club``'s mark at the first of
    ``mark_places`` where the card still fits (or at ``place`` only, when given)."""
    if member and club and place is None:
        places = mark_places(ctx, member, club)
        for n, where in enumerate(places):
            try:
                return _routine_card(ctx, routine, member, club if where else None, where or "beside")
            except FitError:
                if n == len(places) - 1:
                    raise
    return _routine_card(ctx, routine, member, club, place or "beside")


def _routine_card(
    ctx: CardContext, routine: Routine, member: str | None, club: ClubMark | None, place: str
) -> Card:
    theme, c, s = ctx.theme, ctx.theme.colors, ctx.safe
    color = theme.kind_color("routine")
    seconds = routine_seconds(ctx.catalogue, routine)
    parts = (
        format_duration(seconds).capitalize(),
        words.count(len(routine.items), "exercise"),
        routine.phase.value.capitalize(),
    )
    subtitle = " | ".join(parts)
    head, band_h = title_band(ctx, routine.title, subtitle, color, routine.id, field="title")
    rows = _rows(ctx, routine)
    top = ctx.h - band_h - 1.8
    if member:
        boxes, used = member_head(ctx, member, club, top, routine.id, place)
        head = [*head, *boxes]
        top -= used + 1.0
    pref, low = ctx.role("steps")
    placed = None
    for size in [pref - SHRINK_STEP * i for i in range(int((pref - low) / SHRINK_STEP + 1e-9) + 1)]:
        try:
            trial = _rows_from(ctx, rows, 0, top, s, _Look(size), routine.id)
        except FitError:  # a name that needs more than two lines at this size
            continue
        if trial[1] == len(rows):
            placed = trial
            thumb = THUMB * ctx.grow
            try:
                thumbs = _rows_from(ctx, rows, 0, top, s, _Look(size, thumb), routine.id)
                if thumbs[1] == len(rows):
                    placed = thumbs
                    # Thumbnails grow into the height the rows leave, up to twice their size.
                    bigger = min(2 * thumb, thumb + (thumbs[2] - s) / len(rows))
                    grown = _rows_from(ctx, rows, 0, top, s, _Look(size, bigger), routine.id)
                    placed = grown if grown[1] == len(rows) else thumbs
            except FitError:
                pass
            break

    url = ctx.catalogue.video_url(routine)
    side = max(side_for(url, MIN_MODULE), theme.routine_card.qr * ctx.grow)
    caption = [Section(("Scan for a demo video of this routine",), font=BOLD, color=c.ink)]
    summary_style = ctx.style("cues", leading=1.15, min_size=min(ctx.role("small")[1], ctx.role("cues")[1]))
    summary = [Section((routine.summary,), color=c.ink)]
    back_top, y = back_head(ctx, routine.title, color, "title", routine.id)
    if placed is not None and club is not None and place == "foot":
        raise FitError(f"{routine.id}: field 'club' has no line at the foot of a list that fits the front")
    if placed is not None:  # the whole checklist on the front
        qr, text = body_and_qr(
            ctx, url, side, caption, summary, y, summary_style, "summary", routine.id, False
        )
        front: list[Box] = [background(ctx), *head, *placed[0], *trim_outline(ctx)]
        back: list[Box] = [background(ctx), *back_top, *qr, text]
        return Card(
            Face(ctx.w, ctx.h, tuple(front)), Face(ctx.w, ctx.h, tuple(back)), routine.title, routine.id
        )
    # Rows that do not fit the front at the smallest size continue on the back (beside the QR
    # code on a landscape card). If they still do not fit, the rows close up and drop the
    # routine's notes (each exercise card prints its own), then the back drops the summary.
    landscape = ctx.landscape
    qr, (bottom, _, right) = qr_block(ctx, url, side, caption, SAFETY, routine.id, landscape)
    summary_h = (
        measure([Section((routine.summary,))], right - s, replace(summary_style, size=summary_style.min_size))
        + 1.5
    )
    more_style = ctx.style("small", font=BOLD, color=c.ink, leading=1.0)
    more_h = line_h(BOLD, more_style.size) + 1.0  # the line that says the list goes on overleaf
    for look, show_summary in (
        (_Look(low), True),
        (_Look(low, notes=False, gap=0.45), True),
        (_Look(low, notes=False, gap=0.45), False),
    ):
        front_rows, n, _ = _rows_from(ctx, rows, 0, top, s + more_h, look, routine.id)
        back_rows, left, below = _rows_from(
            ctx,
            rows,
            n,
            y,
            bottom + (summary_h if show_summary else 0.0),
            replace(look, right=right),
            routine.id,
        )
        if left == len(rows):
            break
    else:
        raise FitError(
            f"{routine.id}: field 'items' does not fit on the two sides of a "
            f"{ctx.w:g} x {ctx.h:g} mm card ({len(rows) - left} of {len(rows)} rows left over); "
            f"choose a larger --size"
        )
    rest = f"{n + 1}" if n + 1 == len(rows) else f"{n + 1}-{len(rows)}"
    more = fit(
        [f"{rest} continue on the back \u203a"],
        s,
        s,
        ctx.w - 2 * s,
        more_h - 1.0,
        replace(more_style, align="right"),
        "continued",
        routine.id,
    )
    mark: list[Box] = []
    if club is not None and place == "foot":  # the club's mark at the left of that line
        room = min((r.x for r in more.runs), default=ctx.w - s) - s - MARK_GAP
        mark = _mark_boxes(ctx, club, s + more_h - 1.0, more_h - 1.0, room, routine.id, left=True)
    front = [background(ctx), *head, *front_rows, more, *mark, *trim_outline(ctx)]
    back = [background(ctx), *back_top, *back_rows]
    if show_summary and not landscape:  # the summary, and the QR code grown into what it leaves
        qr, text = body_and_qr(
            ctx, url, side, caption, summary, below - 1.5, summary_style, "summary", routine.id, False
        )
        back.append(text)
    elif show_summary:
        back.append(
            fit_sections(
                summary, s, bottom, right - s, below - 1.5 - bottom, summary_style, "summary", routine.id
            )
        )
    back += qr
    return Card(Face(ctx.w, ctx.h, tuple(front)), Face(ctx.w, ctx.h, tuple(back)), routine.title, routine.id)
