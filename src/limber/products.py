"""Whole products, from catalogue to PDF file: single cards, decks and the calibration sheet.

Takes: a catalogue, targets and options (``DeckOptions``). Gives: pages of boxes
(``card_pages``, ``deck_pages``, ``calibration``, ``gallery``), and PDF files written
through ``limber.write`` (``write_pdf``). This is the one place where plan, layout and render
meet: load -> plan -> layout -> render -> write.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence, Union

from .catalogue.model import Catalogue, Exercise, Routine
from .errors import FitError, NotFoundError
from .boxes import Box, Group, Line, Page
from .layout.card import Card, CardContext, exercise_card, routine_card
from .layout.sheet import Grid, back_clip, back_origin, crop_marks, face_clip, impose, place, scale_bar
from .layout.sizes import card_size, paper_size
from .plan.deck import DeckEntry, plan_deck
from .render.pdf import Meta, render
from .theme import Theme, load_theme

Target = Union[Routine, Exercise]
ROUTINE_FALLBACK = ("a7", "index-3x5", "a6", "a5")  # growing area


@dataclass(frozen=True)
class DeckOptions:
    size: Optional[str] = None
    sheet: str = "a4"                 # a4 | letter | none | WxH
    duplex: str = "long"              # long | short | off
    fold: bool = False
    bleed: Optional[float] = None     # mm; the theme's when None
    crop_marks: bool = True
    offset: tuple[float, float] = (0.0, 0.0)
    theme: str = "default"


def _context(catalogue: Catalogue, theme: Theme, size: str, bleed: Optional[float]) -> CardContext:
    w, h = card_size(size)
    return CardContext(catalogue, theme, w, h, theme.bleed if bleed is None else bleed)


def build_cards(catalogue: Catalogue, entries: Sequence[DeckEntry], ctx: CardContext) -> list[Card]:
    total = len(entries)
    cards = []
    for number, entry in enumerate(entries, 1):
        if entry.kind == "routine":
            cards.append(routine_card(ctx, entry.item))
        else:
            cards.append(exercise_card(ctx, entry.item, (number, total)))
    return cards


def single_pages(cards: Sequence[Card], bleed: float, backs: bool = True) -> list[Page]:
    """One face per page at its exact trim size plus bleed, with TrimBox and BleedBox."""
    pages = []
    for card in cards:
        for face, mark in ((card.front, card.title), (card.back, None)):
            if face is card.back and not backs:
                continue
            w, h = face.w + 2 * bleed, face.h + 2 * bleed
            group = place(face.items, bleed, bleed, (-bleed, -bleed, w, h))
            pages.append(Page(w, h, (group,), trim=(bleed, bleed, bleed + face.w, bleed + face.h),
                              bleed=(0.0, 0.0, w, h), bookmarks=(mark,) if mark else (),
                              label="front" if mark else "back"))
    return pages


def _mirror(item: Box, grid: Grid, duplex: str, offset: tuple[float, float], bbox) -> Group:
    x, y, w, h = bbox
    nx, ny = back_origin(grid, x, y, w, h, duplex, offset)
    return Group((item,), dx=nx - x, dy=ny - y)


def _sheet_extras(grid: Grid, marks: bool) -> list[tuple[Box, tuple[float, float, float, float]]]:
    """Crop marks and scale bar, each with its bounding box (for mirroring onto backs)."""
    out: list[tuple[Box, tuple]] = []
    if marks:
        for line in crop_marks(grid):
            out.append((line, (min(line.x1, line.x2), min(line.y1, line.y2), abs(line.x2 - line.x1),
                               abs(line.y2 - line.y1))))
    if grid.bar:
        from .layout.sheet import BAR_LEN, BAR_STRIP

        bx, by, rot = grid.bar
        bbox = (bx, by, BAR_LEN, BAR_STRIP) if not rot else (bx - BAR_STRIP, by, BAR_STRIP, BAR_LEN)
        out.append((scale_bar(bx, by, rot), bbox))
    return out


def fold_marks(grid: Grid, card_w: float) -> list[Line]:
    """Dashed fold lines outside the grid, on the line between each front and its back."""
    lines = []
    top = grid.y0 + grid.grid_h
    for col in range(grid.cols):
        x = grid.x0 + col * (grid.unit_w + grid.gap_x) + card_w
        lines.append(Line(x, grid.y0 - grid.bleed, x, max(1.5, grid.y0 - grid.bleed - 5), "#000000", 0.4,
                          dash=(1.0, 0.8)))
        lines.append(Line(x, top + grid.bleed, x, min(grid.paper_h - 1.5, top + grid.bleed + 5), "#000000", 0.4,
                          dash=(1.0, 0.8)))
    return lines


def sheet_pages(cards: Sequence[Card], paper: tuple[float, float], bleed: float, duplex: str = "long",
                fold: bool = False, marks: bool = True, offset: tuple[float, float] = (0.0, 0.0)) -> list[Page]:
    """Cards imposed N-up; each front sheet is followed by its back sheet (unless duplex is off
    or the cards are fold-overs, whose backs sit beside their fronts)."""
    if not cards:
        return []
    w, h = cards[0].front.w, cards[0].front.h
    grid = impose(2 * w if fold else w, h, paper[0], paper[1], bleed, face_w=w)
    pages = []
    extras = _sheet_extras(grid, marks)
    for start in range(0, len(cards), grid.per_sheet):
        chunk = cards[start:start + grid.per_sheet]
        front: list[Box] = []
        back: list[Box] = []
        for index, card in enumerate(chunk):
            x, y = grid.slot(index)
            cx, cy, cw, ch = face_clip(grid, grid.unit_w, h, index)
            if fold:
                front.append(place(card.front.items, x, y, (cx, cy, w - cx, ch)))
                front.append(place(card.back.items, x + w, y, (0.0, cy, cw - w + cx, ch)))
                continue
            front.append(place(card.front.items, x, y, (cx, cy, cw, ch)))
            if duplex != "off":
                bx, by = back_origin(grid, x, y, w, h, duplex, offset)
                back.append(place(card.back.items, bx, by, back_clip(grid, w, h, index, duplex)))
        sheet_extra = [item for item, _ in extras] + (fold_marks(grid, w) if fold else [])
        titles = tuple(card.title for card in chunk)
        size = (grid.paper_w, grid.paper_h)
        pages.append(Page(*size, tuple(front + sheet_extra), bookmarks=titles, label="front", extra={"grid": grid}))
        if duplex != "off" and not fold:
            mirrored = [_mirror(item, grid, duplex, offset, bbox) for item, bbox in extras]
            pages.append(Page(*size, tuple(back + mirrored), label="back", extra={"grid": grid}))
    return pages


def resolve_targets(catalogue: Catalogue, targets: Sequence[str], user_files: Sequence[str]
                    ) -> tuple[Catalogue, list[Target]]:
    """Exercise ids, routine ids and routine files, in the order given."""
    from .catalogue.load import MAX_NAME_CHARS, find_routine, looks_like_file, short_name, suggest

    out: list[Target] = []
    for target in targets:
        if target in catalogue.exercises:
            out.append(catalogue.exercises[target])
        elif target in catalogue.routines or looks_like_file(target):
            catalogue, routine = find_routine(catalogue, target, user_files)
            out.append(routine)
        else:
            choices = [*catalogue.exercises, *catalogue.routines]
            raise NotFoundError(f"'{short_name(target)}' is neither an exercise nor a routine"
                                f"{suggest(target[:MAX_NAME_CHARS], choices)}")
    return catalogue, out


def deck_pages(catalogue: Catalogue, targets: Sequence[Target], options: DeckOptions,
               everything: bool = False) -> tuple[list[Page], Meta]:
    theme = load_theme(options.theme)
    entries = plan_deck(catalogue, order=list(targets), everything=everything)
    if not entries:
        raise NotFoundError("nothing to print: give exercise or routine ids, or --all")
    ctx = _context(catalogue, theme, options.size or theme.sizes["exercise"], options.bleed)
    cards = build_cards(catalogue, entries, ctx)
    if options.sheet == "none":
        pages = single_pages(cards, ctx.bleed, backs=options.duplex != "off")
    else:
        pages = sheet_pages(cards, paper_size(options.sheet), ctx.bleed, options.duplex, options.fold,
                            options.crop_marks, options.offset)
    names = [t.title if isinstance(t, Routine) else t.name for t in targets] or ["the whole catalogue"]
    meta = Meta(title=f"limber deck: {', '.join(names)}",
                subject=f"{len(cards)} exercise cards for runners, {options.sheet} sheets")
    return pages, meta


def card_pages(catalogue: Catalogue, target: Target, theme_name: str = "default",
               size: Optional[str] = None, bleed: Optional[float] = None) -> tuple[list[Page], Meta]:
    theme = load_theme(theme_name)
    if isinstance(target, Routine):
        # A long routine that does not fit the default size moves up to larger cards;
        # a size the user asked for is kept, and a FitError says why it fails.
        sizes = [size] if size else [theme.sizes["routine"], *ROUTINE_FALLBACK]
        for attempt, name in enumerate(sizes):
            ctx = _context(catalogue, theme, name, bleed)
            try:
                card = routine_card(ctx, target)
                break
            except FitError:
                if attempt == len(sizes) - 1:
                    raise
        subject = f"Routine card: {target.title}"
    else:
        ctx = _context(catalogue, theme, size or theme.sizes["exercise"], bleed)
        card = exercise_card(ctx, target)
        subject = f"Exercise card: {target.name}"
    return single_pages([card], ctx.bleed), Meta(title=f"limber: {card.title}", subject=subject)


def write_pdf(path: Union[str, Path], pages: Sequence[Page], meta: Meta,
              inputs: Sequence[Union[str, Path]] = (), force: bool = False) -> int:
    """Render and write atomically (see ``limber.write``); returns the number of pages.

    ``inputs`` are the files the command read: they are never written over.
    """
    from .write import check_target, write_file

    check_target(path, inputs, "pdf", force)
    write_file(path, render(pages, meta), inputs, "pdf", force)
    return len(pages)


def calibration(sheet: str = "a4", duplex: str = "long", offset: tuple[float, float] = (0.0, 0.0)
                ) -> tuple[list[Page], Meta]:
    from .layout.calibrate import calibration_pages

    w, h = paper_size(sheet)
    return calibration_pages(w, h, duplex, offset), Meta(title="limber duplex calibration sheet",
                                                         subject="Check double-sided registration")


def gallery(catalogue: Catalogue, theme_name: str = "default") -> tuple[list[Page], Meta]:
    """Every exercise's figure with its name, on A4 pages."""
    from .layout.gallery import gallery_pages

    pages = gallery_pages(list(catalogue.exercises.values()), load_theme(theme_name))
    return pages, Meta(title="limber figure gallery", subject=f"Figures of {len(catalogue.exercises)} exercises")
