"""Whole products, from catalogue to PDF file: single cards, decks and the calibration sheet.

Takes: a catalogue, targets and options (``DeckOptions``). Gives: pages of boxes
(``card_pages``, ``deck_pages``, ``calibration``, ``gallery``; ``build_deck_pages`` lays a deck out
one sheet at a time, so that a deck of thousands of cards is rendered and released sheet by
sheet), and PDF files written through ``limber.write`` (``write_pdf``). This is the one place
where plan, layout and render meet: load -> plan -> layout -> render -> write.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import chain, islice
from pathlib import Path

from . import words
from .boxes import Box, Group, Line, Page
from .catalogue.model import Catalogue, Exercise, Routine
from .errors import FitError, NotFoundError
from .layout.card import Card, CardContext, exercise_card, exercise_sizes, routine_card
from .layout.sheet import (
    BAR_LEN,
    BAR_STRIP,
    PRINTABLE,
    Grid,
    back_clip,
    back_origin,
    crop_marks,
    face_clip,
    impose,
    place,
    scale_bar,
)
from .plan.deck import DeckEntry, plan_deck
from .render.pdf import Meta, render
from .sizes import card_size, paper_label, paper_size
from .theme import Theme, load_theme

Target = Routine | Exercise
ROUTINE_FALLBACK = ("a7", "index-3x5", "a6", "a5")  # growing area


@dataclass(frozen=True)
class DeckOptions:
    size: str | None = None
    sheet: str = "a4"  # a4 | letter | none | WxH
    duplex: str = "long"  # long | short | off
    fold: bool = False
    bleed: float | None = None  # mm; the theme's when None
    crop_marks: bool = True
    offset: tuple[float, float] = (0.0, 0.0)
    theme: str = "default"
    copies: int = 1  # the whole deck this many times


def card_context(catalogue: Catalogue, theme: Theme, size: str, bleed: float | None) -> CardContext:
    """What card layout needs for cards of ``size`` (a name or WxH) in ``theme``."""
    w, h = card_size(size)
    return CardContext(catalogue, theme, w, h, theme.bleed if bleed is None else bleed)


@dataclass(frozen=True)
class DeckSizes:
    """The body sizes a deck shares, the cards that could not take them, and the exercise
    cards (by entry index) whose own sizes are no larger than the shared ones: those are laid
    out at their own sizes, the others capped at the shared ones."""

    steps: float  # pt, the steps of every front that can take it (0: no exercise cards)
    cues: float  # pt, the cues of every back that can take it
    smaller: tuple[str, ...]  # ids of cards set smaller than that
    own: frozenset[int] = field(default=frozenset(), compare=False, repr=False)


@dataclass(frozen=True)
class DeckCards:
    """A deck's cards, all laid out, with the sizes they share (for inspection and tests)."""

    cards: list[Card]
    steps: float
    cues: float
    smaller: tuple[str, ...]


def _card_args(entry: DeckEntry) -> tuple:
    """What an exercise card of ``entry`` is laid out from, after its context."""
    return (entry.item, entry.number, entry.dose, entry.note, entry.routine.title if entry.routine else None)


def _shared_size(sizes: list[float]) -> float:
    """The size one deck uses: reached by at least nine cards in ten (the rest cannot fit it)."""
    ordered = sorted(sizes)
    return ordered[len(ordered) // 10]


def deck_sizes(entries: Sequence[DeckEntry], ctx: CardContext) -> DeckSizes:
    """The sizes each exercise card's steps and cues take on their own (measured without
    laying the card out: see ``exercise_sizes``), and the sizes the deck shares: the size nine
    in ten of them reach."""
    natural = [
        (index, entry.item.id, exercise_sizes(ctx, *_card_args(entry)))
        for index, entry in enumerate(entries)
        if entry.kind != "routine"
    ]
    if not natural:
        return DeckSizes(0.0, 0.0, ())
    steps = _shared_size([size[0] for _, _, size in natural])
    cues = _shared_size([size[1] for _, _, size in natural])
    smaller = [ident for _, ident, size in natural if size[0] < steps - 1e-9 or size[1] < cues - 1e-9]
    own = frozenset(index for index, _, size in natural if size[0] <= steps + 1e-9 and size[1] <= cues + 1e-9)
    return DeckSizes(steps, cues, tuple(dict.fromkeys(smaller)), own)


def deck_cards(entries: Sequence[DeckEntry], ctx: CardContext, sizes: DeckSizes) -> Iterator[Card]:
    """The deck's cards, each laid out once, as they are asked for: an exercise card whose own
    sizes exceed the shared ones is capped at those (one that cannot reach them keeps its own,
    smaller ones); the rest keep their own sizes, so a card sets exactly the sizes measured."""
    shared = (
        replace(ctx, caps=(*ctx.caps, ("steps", sizes.steps), ("cues", sizes.cues))) if sizes.steps else ctx
    )
    for index, entry in enumerate(entries):
        if isinstance(entry.item, Routine):
            yield routine_card(ctx, entry.item)
        else:
            yield exercise_card(ctx if index in sizes.own else shared, *_card_args(entry))


def build_deck(entries: Sequence[DeckEntry], ctx: CardContext) -> DeckCards:
    """Every card of the deck at once, with one steps size and one cues size throughout."""
    sizes = deck_sizes(entries, ctx)
    return DeckCards(list(deck_cards(entries, ctx, sizes)), sizes.steps, sizes.cues, sizes.smaller)


def repeated(cards: Iterable[Card], copies: int) -> Iterator[Card]:
    """The cards, then ``copies - 1`` more times: each card is laid out once and drawn once
    per copy (only a deck printed more than once keeps its cards for the later copies)."""
    if copies == 1:
        yield from cards
        return
    kept = []
    for card in cards:
        kept.append(card)
        yield card
    for _ in range(copies - 1):
        yield from kept


def single_pages(cards: Iterable[Card], bleed: float, backs: bool = True) -> Iterator[Page]:
    """One face per page at its exact trim size plus bleed, with TrimBox and BleedBox."""
    for card in cards:
        for face, mark in ((card.front, card.title), (card.back, None)):
            if face is card.back and not backs:
                continue
            w, h = face.w + 2 * bleed, face.h + 2 * bleed
            group = place(face.items, bleed, bleed, (-bleed, -bleed, w, h))
            yield Page(
                w,
                h,
                (group,),
                trim=(bleed, bleed, bleed + face.w, bleed + face.h),
                bleed=(0.0, 0.0, w, h),
                bookmarks=(mark,) if mark else (),
                label="front" if mark else "back",
            )


def _mirror(item: Box, grid: Grid, duplex: str, offset: tuple[float, float], bbox) -> Group:
    x, y, w, h = bbox
    nx, ny = back_origin(grid, x, y, w, h, duplex, offset)
    return Group((item,), dx=nx - x, dy=ny - y)


def _sheet_extras(grid: Grid, marks: bool) -> list[tuple[Box, tuple[float, float, float, float]]]:
    """Crop marks and scale bar, each with its bounding box (for mirroring onto backs)."""
    out: list[tuple[Box, tuple]] = []
    if marks:
        for line in crop_marks(grid):
            out.append(
                (
                    line,
                    (
                        min(line.x1, line.x2),
                        min(line.y1, line.y2),
                        abs(line.x2 - line.x1),
                        abs(line.y2 - line.y1),
                    ),
                )
            )
    if grid.bar:
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
        lines.append(
            Line(
                x,
                grid.y0 - grid.bleed,
                x,
                max(PRINTABLE, grid.y0 - grid.bleed - 5),
                "#000000",
                0.4,
                dash=(1.0, 0.8),
            )
        )
        lines.append(
            Line(
                x,
                top + grid.bleed,
                x,
                min(grid.paper_h - PRINTABLE, top + grid.bleed + 5),
                "#000000",
                0.4,
                dash=(1.0, 0.8),
            )
        )
    return lines


def sheet_grid(w: float, h: float, paper: tuple[float, float], bleed: float, fold: bool = False) -> Grid:
    """The grid cards of w x h mm take on ``paper`` (fold-overs: front and back side by side)."""
    return impose(2 * w if fold else w, h, paper[0], paper[1], bleed, face_w=w)


def sheet_pages(
    cards: Iterable[Card],
    paper: tuple[float, float],
    bleed: float,
    duplex: str = "long",
    fold: bool = False,
    marks: bool = True,
    offset: tuple[float, float] = (0.0, 0.0),
) -> Iterator[Page]:
    """Cards imposed N-up; each front sheet is followed by its back sheet (unless duplex is off
    or the cards are fold-overs, whose backs sit beside their fronts). Cards are taken one
    sheet at a time, so only one sheet's cards are held at once."""
    cards = iter(cards)
    first = next(cards, None)
    if first is None:
        return
    w, h = first.front.w, first.front.h
    grid = sheet_grid(w, h, paper, bleed, fold)
    extras = _sheet_extras(grid, marks)
    cards = chain((first,), cards)
    while chunk := list(islice(cards, grid.per_sheet)):
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
        yield Page(*size, tuple(front + sheet_extra), bookmarks=titles, label="front", extra={"grid": grid})
        if duplex != "off" and not fold:
            mirrored = [_mirror(item, grid, duplex, offset, bbox) for item, bbox in extras]
            yield Page(*size, (*back, *mirrored), label="back", extra={"grid": grid})


def resolve_targets(
    catalogue: Catalogue, targets: Sequence[str], user_files: Sequence[str]
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
            raise NotFoundError(
                f"'{short_name(target)}' is neither an exercise nor a routine"
                f"{suggest(target[:MAX_NAME_CHARS], choices)}"
            )
    return catalogue, out


@dataclass(frozen=True)
class Deck:
    """A planned deck: its cards and pages are laid out lazily, one sheet at a time, as they
    are rendered. Bad targets and options fail when it is made, before any page is laid out."""

    entries: tuple[DeckEntry, ...]
    ctx: CardContext
    options: DeckOptions
    sizes: DeckSizes
    meta: Meta
    count: int  # cards, all copies
    per_sheet: int  # cards on each sheet (1 for --sheet none)

    def cards(self) -> Iterator[Card]:
        """Every card of every copy, laid out as asked for."""
        return repeated(deck_cards(self.entries, self.ctx, self.sizes), self.options.copies)

    def pages(self) -> Iterator[Page]:
        options = self.options
        if options.sheet == "none":
            return single_pages(self.cards(), self.ctx.bleed, backs=options.duplex != "off")
        return sheet_pages(
            self.cards(),
            paper_size(options.sheet),
            self.ctx.bleed,
            options.duplex,
            options.fold,
            options.crop_marks,
            options.offset,
        )


def build_deck_pages(
    catalogue: Catalogue, targets: Sequence[Target], options: DeckOptions, everything: bool = False
) -> Deck:
    """Plan a deck and choose its shared sizes; its pages are laid out as they are drawn."""
    theme = load_theme(options.theme)
    entries = plan_deck(catalogue, order=list(targets), everything=everything)
    if not entries or options.copies < 1:
        raise NotFoundError("nothing to print: give exercise or routine ids, or --all")
    ctx = card_context(catalogue, theme, options.size or theme.sizes["exercise"], options.bleed)
    per_sheet = 1
    if options.sheet != "none":
        paper = paper_size(options.sheet, also=("none",))
        per_sheet = sheet_grid(ctx.w, ctx.h, paper, ctx.bleed, options.fold).per_sheet
    sizes = deck_sizes(entries, ctx)
    count = len(entries) * options.copies
    names = [t.title if isinstance(t, Routine) else t.name for t in targets] or ["the whole catalogue"]
    meta = Meta(
        title=f"limber deck: {', '.join(names)}",
        subject=f"{words.count(count, 'exercise card')} for runners, {options.sheet} sheets",
    )
    return Deck(tuple(entries), ctx, options, sizes, meta, count, per_sheet)


def deck_pages(
    catalogue: Catalogue, targets: Sequence[Target], options: DeckOptions, everything: bool = False
) -> tuple[list[Page], Meta]:
    """Every page of the deck at once (for inspection; ``build_deck_pages`` to print)."""
    deck = build_deck_pages(catalogue, targets, options, everything)
    return list(deck.pages()), deck.meta


def deck_summary(deck: Deck, pages: int) -> str:
    """'9 cards on 4 pages, 8 per A4 sheet; steps 8 pt, cues 9 pt (smaller on lumbar-rub)'."""
    sheet = deck.options.sheet
    where = "one per page" if sheet == "none" else f"{deck.per_sheet} per {paper_label(sheet)} sheet"
    line = f"{words.count(deck.count, 'card')} on {words.count(pages, 'page')}, {where}"
    if deck.sizes.steps:
        line += f"; steps {deck.sizes.steps:g} pt, cues {deck.sizes.cues:g} pt"
        if deck.sizes.smaller:
            line += f" (smaller on {', '.join(deck.sizes.smaller)}: too much text for that size)"
    return line


def card_pages(
    catalogue: Catalogue,
    target: Target,
    theme_name: str = "default",
    size: str | None = None,
    bleed: float | None = None,
) -> tuple[list[Page], Meta]:
    theme = load_theme(theme_name)
    if isinstance(target, Routine):
        # A long routine that does not fit the default size moves up to larger cards;
        # a size the user asked for is kept, and a FitError says why it fails.
        sizes = [size] if size else [theme.sizes["routine"], *ROUTINE_FALLBACK]
        for attempt, name in enumerate(sizes):
            ctx = card_context(catalogue, theme, name, bleed)
            try:
                card = routine_card(ctx, target)
                break
            except FitError:
                if attempt == len(sizes) - 1:
                    raise
        subject = f"Routine card: {target.title}"
    else:
        ctx = card_context(catalogue, theme, size or theme.sizes["exercise"], bleed)
        card = exercise_card(ctx, target)
        subject = f"Exercise card: {target.name}"
    return list(single_pages([card], ctx.bleed)), Meta(title=f"limber: {card.title}", subject=subject)


def write_pdf(
    path: str | Path,
    pages: Iterable[Page],
    meta: Meta,
    inputs: Sequence[str | Path] = (),
    force: bool = False,
) -> int:
    """Render (page by page, as ``pages`` yields them) and write atomically (see ``limber.write``);
    returns the number of pages. Nothing is written when laying out or drawing any page fails.

    ``inputs`` are the files the command read: they are never written over.
    """
    from .write import write_file

    counted = _Counter(pages)
    write_file(path, lambda handle: render(counted, meta, handle), inputs, "pdf", force)
    return counted.count


class _Counter:
    """Passes pages through, counting them."""

    def __init__(self, pages: Iterable[Page]):
        self.pages, self.count = pages, 0

    def __iter__(self) -> Iterator[Page]:
        for page in self.pages:
            self.count += 1
            yield page


def calibration(
    sheet: str = "a4", duplex: str = "long", offset: tuple[float, float] = (0.0, 0.0)
) -> tuple[list[Page], Meta]:
    from .layout.calibrate import calibration_pages

    w, h = paper_size(sheet)
    return calibration_pages(w, h, duplex, offset), Meta(
        title="limber duplex calibration sheet", subject="Check double-sided registration"
    )


def gallery(catalogue: Catalogue, theme_name: str = "default") -> tuple[list[Page], Meta]:
    """Every exercise's figure with its name, on A4 pages."""
    from .layout.gallery import gallery_pages

    pages = gallery_pages(list(catalogue.exercises.values()), load_theme(theme_name))
    return pages, Meta(
        title="limber figure gallery",
        subject=f"Figures of {words.count(len(catalogue.exercises), 'exercise')}",
    )
