"""A running club's decks: one PDF per member, and one combined print-ready PDF.

Takes: ``MemberPlan`` objects (from ``plan.club``), the catalogue, the club's ``Brand`` and
``ClubOptions``. Gives: the files in the output folder, one per member (named by
``file_names``: safe on any file system and unique), and ``all-members.pdf`` with a
separator sheet naming each member before their cards; and a ``ClubSummary``.

Nothing is written until everything is known to print: ``run_club`` lays out every member's
cards, sheets and separator sheet first (a member whose deck cannot be printed is named by
roster line and left out), every target is checked (never a file the run read, never a
file that is not a PDF without ``force``), the files are made in a private folder inside the
output folder (``staging``) and only then put in place together. A failure, SIGINT or SIGTERM
while they are made removes what was made, stops the worker processes at once (they ignore
SIGINT, and end by themselves if the parent is gone) and is reported as such: nothing written.

Each distinct exercise card is laid out once per process and, in the combined file, drawn
once as a PDF form that every later member reuses; only routine cards, which carry the
member's name, are drawn for each member. With ``jobs`` above 1 the files are made by that
many worker processes, the combined file by one of them alongside the members' files.
"""

from __future__ import annotations

import os
import re
import signal
import threading
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path

from . import reads
from .boxes import Group, Image, Page, TextBox
from .catalogue.club import Brand
from .catalogue.model import Catalogue, Routine
from .contrast import contrast
from .errors import DataError, FitError, FitProblems, Interrupted, LimberError, OutputError, Problem
from .layout.card import Card, routine_card
from .layout.routine_card import PLACES, ClubMark, member_line
from .layout.separator import Separator, separator_pages
from .plan.club import MemberPlan
from .plan.deck import DeckEntry, plan_deck
from .plan.timing import format_duration, routine_seconds
from .products import build_deck, card_context, sheet_pages
from .render.pdf import Meta, render
from .sizes import paper_size
from .staging import Staging, Stopped, stop_on_signals, write_new
from .theme import Theme, load_theme
from .words import count
from .write import check_target

COMBINED = "all-members.pdf"
RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(1, 10)),
    *(f"lpt{i}" for i in range(1, 10)),
}
MAX_STEM = 60


@dataclass(frozen=True)
class ClubOptions:
    sheet: str = "a4"
    duplex: str = "long"
    size: str | None = None
    theme: str = "default"
    crop_marks: bool = True
    offset: tuple[float, float] = (0.0, 0.0)
    jobs: int = 1
    inputs: tuple[str, ...] = ()  # files the run reads: never written over
    force: bool = False  # replace existing files that are not PDFs


@dataclass
class ClubSummary:
    members: int = 0
    cards: int = 0
    pages: int = 0
    files: int = 0
    bytes: int = 0
    seconds: float = 0.0
    combined: Path | None = None

    def line(self) -> str:
        return (
            f"{count(self.members, 'member')}, {count(self.cards, 'card')}, {count(self.pages, 'page')}, "
            f"{count(self.files, 'file')}, {count(f'{self.bytes:,}', 'byte')}, {self.seconds:.1f} s"
        )


def ascii_name(name: str) -> str:
    """``name`` in ASCII letters: transliterated by ``anyascii`` ('Søren Ørsted' -> 'Soren
    Orsted', 'Анна Петрова' -> 'Anna Petrova'), each syllable of a script written without
    spaces between words of its own (Chinese, Korean) starting a new word ('王芳' -> 'Wang Fang')."""
    from anyascii import anyascii

    if name.isascii():
        return name
    out: list[str] = []
    for char in unicodedata.normalize("NFC", name):
        text = anyascii(char)
        if text[:1].isupper() and unicodedata.category(char) == "Lo" and out and out[-1][-1:].isalnum():
            out.append(" ")
        out.append(text)
    return "".join(out)


def file_names(names: Sequence[str]) -> list[str]:
    """A PDF file name per member: ASCII letters, digits and '-' (other scripts transliterated),
    no reserved device names, at most ``MAX_STEM`` characters, unique without regard to case,
    never the combined file's."""
    taken = {Path(COMBINED).stem}
    out = []
    for index, name in enumerate(names, 1):
        stem = re.sub(r"[^a-z0-9]+", "-", ascii_name(name).lower()).strip("-")[:MAX_STEM].strip("-")
        if not stem or stem in RESERVED:
            stem = f"member-{index}" if not stem else f"{stem}-member"
        unique, n = stem, 2
        while unique in taken:
            unique, n = f"{stem}-{n}", n + 1
        taken.add(unique)
        out.append(unique + ".pdf")
    return out


def club_theme(theme: Theme, brand: Brand | None) -> Theme:
    """The theme with the club's band colour on routine cards, where the theme's band text
    stays readable on it."""
    if (
        brand is None
        or not brand.band
        or not theme.fills
        or contrast(brand.band, theme.colors.band_text) < 4.5
    ):
        return theme
    colors = replace(theme.colors, kinds={**theme.colors.kinds, "routine": brand.band})
    return replace(theme, colors=colors)


class _Decks:
    """Lays out members' cards: each distinct list of routines once (its exercise cards are
    the same for every member who has it), each routine card once with only the member's
    line fitted anew."""

    def __init__(self, catalogue: Catalogue, options: ClubOptions, brand: Brand | None):
        self.catalogue, self.options, self.brand = catalogue, options, brand
        self.theme = club_theme(load_theme(options.theme), brand)
        self.ctx = card_context(catalogue, self.theme, options.size or self.theme.sizes["exercise"], None)
        self.paper = paper_size(options.sheet)
        self.decks: dict[tuple[str, ...], tuple[list[DeckEntry], list[Card]]] = {}
        # by routine id and place of the club's mark: the card and its one-line member's line
        self.routines: dict[tuple[str, str], tuple[Card, TextBox] | None] = {}
        self.mark = ClubMark(brand.name, brand.logo, brand.logo_aspect, brand.logo_data) if brand else None

    def cards(self, plan: MemberPlan) -> list[Card]:
        key = tuple(r.id for r in plan.routines)
        if key not in self.decks:
            entries = plan_deck(self.catalogue, order=list(plan.routines))
            self.decks[key] = (entries, build_deck(entries, self.ctx).cards)
        entries, cards = self.decks[key]
        return [
            self._routine(e.item, plan.member.label) if isinstance(e.item, Routine) else card
            for e, card in zip(entries, cards)
        ]

    def _routine(self, routine: Routine, member: str) -> Card:
        """The routine card with ``member``'s line. Its front is one group of everything but
        that line (the club's mark among it: the same object for every member, so render may
        draw it once) and the line. A card is laid out once for each place of the club's mark
        (``PLACES``) and reused for every member whose name keeps to the one line it has
        there; any other name has its card laid out anew."""
        for place in PLACES if self.mark else ("beside",):
            key = (routine.id, place)
            if key not in self.routines:
                try:
                    base = routine_card(self.ctx, routine, "-", self.mark, place)
                except FitError:  # the mark does not fit there (or the card is too full for it)
                    self.routines[key] = None
                    continue
                line = next(b for b in base.front.items if isinstance(b, TextBox) and b.field == "member")
                rest = Group(tuple(b for b in base.front.items if b is not line))
                self.routines[key] = (replace(base, front=replace(base.front, items=(rest, line))), line)
            laid = self.routines[key]
            if laid is None:
                continue
            base, first = laid
            try:
                line = member_line(self.ctx, member, first.y + first.h, routine.id, first.w)
            except FitError:
                continue
            if line.h <= first.h + 1e-6:
                return replace(base, front=replace(base.front, items=(base.front.items[0], line)))
        return routine_card(self.ctx, routine, member, self.mark)

    def pages(self, cards: list[Card]) -> list[Page]:
        o = self.options
        return list(sheet_pages(cards, self.paper, self.ctx.bleed, o.duplex, False, o.crop_marks, o.offset))

    def separator(self, plan: MemberPlan, cards: int, sheets: int) -> list[Page]:
        titles = tuple(
            f"{r.title} ({format_duration(routine_seconds(self.catalogue, r))})" for r in plan.routines
        )
        sep = Separator(
            plan.member.name, plan.member.group, titles, cards, sheets, self.options.duplex != "off"
        )
        return separator_pages(sep, self.paper, self.theme, self.brand)


# --- per-member files, in worker processes ---------------------------------------------

_WORKER: dict = {}
WATCH_SECONDS = 0.2  # how often a worker checks that the process that started it is still there


def _watch_parent(parent: int) -> None:
    """End this worker as soon as the process that started it is gone (killed, even by
    SIGKILL, which leaves it no time to stop its workers)."""
    while True:
        time.sleep(WATCH_SECONDS)
        if os.getppid() != parent:
            os._exit(1)


def _init_worker(
    catalogue: Catalogue, options: ClubOptions, brand: Brand | None, parent: int, read: tuple[str, ...]
) -> None:
    """A worker ignores SIGINT (Ctrl-C reaches the whole process group: the parent decides and
    stops the workers), ends on SIGTERM, ends with its parent, and knows every file the parent
    read, so that no check in it could take one for a file to write."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    for path in read:
        reads.note(path)
    _WORKER["decks"] = _Decks(catalogue, options, brand)


def _member_file(plan: MemberPlan, path: str) -> tuple[int, int, int]:
    """Make one member's PDF at ``path``, a new file in the run's private folder; returns
    (cards, pages, bytes)."""
    decks: _Decks = _WORKER["decks"]
    cards = decks.cards(plan)
    pages = decks.pages(cards)
    data = render(
        pages,
        Meta(title=f"{plan.member.label}: running cards", subject=f"{count(len(cards), 'card')} for runners"),
    )
    return len(cards), len(pages), write_new(path, data)


# --- the combined file -----------------------------------------------------------------


class _Forms:
    """Form names for the faces that recur across members: the exercise cards of a list of
    routines two or more members share, and routine cards but for the member's line. Keyed
    by the id of the face's items (the cached objects), named in order of first use."""

    def __init__(self, plans: Sequence[MemberPlan]):
        self.lists = Counter(tuple(r.id for r in p.routines) for p in plans)
        self.routines = Counter(r.id for p in plans for r in p.routines)
        self.names: dict[int, str] = {}
        self.extras: dict[tuple, str] = {}  # sheet marks and logos, by their boxes
        self.seen: set = set()  # lists of routines named so far
        self.seen_routines: set = set()

    def extra(self, boxes: tuple) -> str:
        """The form name of boxes that recur on many pages (equal boxes, one name)."""
        return self.extras.setdefault(boxes, f"x{len(self.extras)}")

    def update(self, decks: _Decks) -> dict[int, str]:
        for key, (entries, cards) in decks.decks.items():
            if key in self.seen or self.lists[key] < 2:
                continue
            self.seen.add(key)
            for n, (entry, card) in enumerate(zip(entries, cards)):
                if entry.kind == "exercise":
                    tag = f"d{len(self.seen)}-{n}"
                    self.names[id(card.front.items)], self.names[id(card.back.items)] = tag + "-f", tag + "-b"
        for key, laid in decks.routines.items():
            if laid is None or key in self.seen_routines or self.routines[key[0]] < 2:
                continue
            card = laid[0]
            self.seen_routines.add(key)
            rest = card.front.items[0]
            assert isinstance(rest, Group)  # _Decks._routine made the front (rest, line)
            tag = f"r{len(self.seen_routines)}"  # an id from a roster's file may hold spaces
            self.names[id(rest.items)] = f"{tag}-f"
            self.names[id(card.back.items)] = f"{tag}-b"
        return self.names


def _as_forms(pages: list[Page], forms: _Forms) -> list[Page]:
    """Mark the groups that draw a shared face (or a routine front's shared part, one level
    down) so that render draws each once per file; the sheet's marks and scale bar (what
    follows the faces on a page) and the club's logo become forms of their own."""
    names = forms.names

    def mark(box, depth: int):
        if isinstance(box, Image):
            return Group((box,), form=forms.extra((box,)))
        if not isinstance(box, Group):
            return box
        if id(box.items) in names:
            return replace(box, form=names[id(box.items)])
        if depth == 0 and box.clip is not None:
            return replace(box, items=tuple(mark(b, 1) for b in box.items))
        return box

    out = []
    for page in pages:
        faces = [b for b in page.items if isinstance(b, Group) and b.clip is not None]
        rest = tuple(b for b in page.items if not (isinstance(b, Group) and b.clip is not None))
        if page.items[: len(faces)] == tuple(faces) and len(rest) > 1:  # marks come after the faces
            items = (*(mark(b, 0) for b in faces), Group(rest, form=forms.extra(rest)))
        else:
            items = tuple(mark(b, 0) for b in page.items)
        out.append(replace(page, items=items))
    return out


def _combined_pages(decks: _Decks, plans: Sequence[MemberPlan], stats: ClubSummary) -> Iterator[Page]:
    forms = _Forms(plans)
    for plan in plans:
        cards = decks.cards(plan)
        forms.update(decks)
        # the combined file's bookmarks are the members (on their separators), not every card
        pages = [replace(p, bookmarks=()) for p in _as_forms(decks.pages(cards), forms)]
        sheets = sum(1 for p in pages if p.label == "front")
        head = _as_forms(decks.separator(plan, len(cards), sheets), forms)
        stats.cards += len(cards)
        stats.pages += len(pages) + len(head)
        yield from head
        yield from pages


def _combined_file(plans: Sequence[MemberPlan], path: str, title: str) -> tuple[int, int]:
    """Make the combined PDF at ``path``, a new file in the run's private folder; returns
    (pages, bytes)."""
    stats = ClubSummary()
    decks: _Decks = _WORKER["decks"]
    meta = Meta(title=title, subject="Running club decks")
    size = write_new(path, lambda handle: render(_combined_pages(decks, plans, stats), meta, handle))
    return stats.pages, size


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Cancel what has not started and end the workers now, without waiting for their files."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    deadline = time.monotonic() + 2.0
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            process.kill()
            process.join(1.0)


def _make_files(
    plans: Sequence[MemberPlan],
    catalogue: Catalogue,
    staged: list[str],
    combined: str,
    title: str,
    options: ClubOptions,
    brand: Brand | None,
    progress: Callable[[int], None] | None,
    laid_out: _Decks | None,
) -> tuple[list[tuple[int, int, int]], int, int]:
    """Every member's file and the combined file, made at the ``staged`` paths."""
    if options.jobs == 1:
        _WORKER["decks"] = laid_out or _Decks(catalogue, options, brand)
        results = []
        for plan, path in zip(plans, staged):
            results.append(_member_file(plan, path))
            if progress:
                progress(1)
        return (results, *_combined_file(plans, combined, title))
    pool = ProcessPoolExecutor(
        max_workers=options.jobs,
        initializer=_init_worker,
        initargs=(catalogue, options, brand, os.getpid(), reads.noted()),
    )
    try:
        whole = pool.submit(_combined_file, plans, combined, title)
        futures = [pool.submit(_member_file, plan, path) for plan, path in zip(plans, staged)]
        for future in as_completed(futures):
            future.result()
            if progress:
                progress(1)
        pages, size = whole.result()
    except BaseException:
        _stop_workers(pool)
        raise
    pool.shutdown()
    return [f.result() for f in futures], pages, size


def make_club(
    plans: Sequence[MemberPlan],
    catalogue: Catalogue,
    out_dir: Path | str,
    options: ClubOptions,
    brand: Brand | None = None,
    progress: Callable[[int], None] | None = None,
    laid_out: _Decks | None = None,
    start: float | None = None,
) -> ClubSummary:
    """Every member's PDF and the combined PDF in ``out_dir``; ``progress(n)`` after each member.
    ``laid_out``: the members' cards laid out already (by the check before writing), reused
    when the files are made in this process; ``start``: the ``time.perf_counter()`` the run
    began at, for the summary's seconds.

    Every target is checked before anything is made; the files are made in a private folder in
    ``out_dir`` and put in place only when all of them are made, so that a failure, SIGINT or
    SIGTERM while they are made writes none of them (and stops the worker processes at once)."""
    start = time.perf_counter() if start is None else start
    folder = Path(out_dir)
    names = file_names([p.member.name for p in plans])
    targets: list[tuple[str, Path | str]] = [(n, folder / n) for n in [*names, COMBINED]]
    title = f"{brand.name if brand else 'Running club'}: cards for {count(len(plans), 'member')}"
    staging = Staging(folder)
    try:
        for _, target in targets:  # refused before anything is made (and again by place())
            check_target(target, options.inputs, "pdf", options.force)
        with stop_on_signals():
            try:
                results, pages, size = _make_files(
                    plans,
                    catalogue,
                    [str(staging.file(n)) for n in names],
                    str(staging.file(COMBINED)),
                    title,
                    options,
                    brand,
                    progress,
                    laid_out,
                )
            except BrokenProcessPool:
                raise OutputError(
                    "a worker process ended before its files were made (out of memory?); nothing was written"
                ) from None
            except OSError as error:
                raise OutputError(
                    f"cannot make the files in {folder}: {error.strerror}; nothing was written"
                ) from None
        placed, came = staging.place(targets, options.inputs, options.force)
    except (Stopped, KeyboardInterrupt) as stop:
        staging.discard()
        signum = stop.signum if isinstance(stop, Stopped) else signal.SIGINT
        what = "interrupted" if signum == signal.SIGINT else "stopped by SIGTERM"
        raise Interrupted(
            f"{what}; nothing was written (the files made so far were removed)",
            terminated=signum == signal.SIGTERM,
        ) from None
    except BaseException:
        staging.discard()
        raise
    staging.close()
    summary = ClubSummary(
        members=len(plans),
        cards=sum(r[0] for r in results),
        pages=sum(r[1] for r in results) + pages,
        files=len(placed),
        bytes=sum(r[2] for r in results) + size,
        seconds=time.perf_counter() - start,
        combined=folder / COMBINED,
    )
    if came is not None:  # the signal came as the files were put in place: they all were
        what = "interrupted" if came == signal.SIGINT else "stopped by SIGTERM"
        raise Interrupted(
            f"{what} as the files were put in place; every one was written: {folder / COMBINED} and "
            f"{count(len(placed) - 1, 'member file')}: {summary.line()}",
            terminated=came == signal.SIGTERM,
        )
    return summary


def _preflight(
    decks: _Decks, plans: Sequence[MemberPlan], roster
) -> tuple[list[MemberPlan], list[Problem], list[Problem]]:
    """Lay out every member's cards, sheets and separator sheet once (cheap: shared cards are
    cached) so that a member whose deck cannot be printed is reported and left out before any
    file is made. Returns the good plans, and the problems: of data (a character no font
    has), and of content that does not fit."""
    data: list[Problem] = []
    unfit: list[Problem] = []
    good = []
    for plan in plans:
        try:
            cards = decks.cards(plan)
            sheets = sum(1 for p in decks.pages(cards) if p.label == "front")
            decks.separator(plan, len(cards), sheets)
        except LimberError as error:
            text = str(error)
            column = (
                "name"
                if "'member'" in text or "'name'" in text
                else "group"
                if "'group'" in text
                else "routines"
            )
            if column == "group" and column not in roster.columns:
                column = "name"
            problem = Problem(
                roster.file,
                plan.member.line,
                roster.columns.get(column),
                column,
                f"cannot print this member's cards: {text}",
            )
            (unfit if isinstance(error, FitError) else data).append(problem)
            continue
        good.append(plan)
    return good, data, unfit


def run_club(
    roster_path: Path | str,
    out_dir: Path | str,
    options: ClubOptions,
    club_file: str | None = None,
    catalogues: Sequence[str] = (),
    strict: bool = False,
    warn: Callable[[str], None] | None = None,
    progress_factory: Callable[[int], Callable[[int], None] | None] | None = None,
):
    """Read the roster, plan every member, check that every good member's deck can be printed,
    and only then make the files. Returns the ``ClubSummary`` (None when no member can be
    printed) and the problems of the rows that were left out: a ``FitProblems`` when every one
    of them is content that does not fit, else a ``DataError``; None when there are none."""
    from .catalogue.club import load_club
    from .catalogue.load import load_catalogue
    from .catalogue.roster import read_roster
    from .catalogue.roster_files import scoped_routine_files
    from .plan.club import plan_members

    start = time.perf_counter()
    roster = read_roster(roster_path)
    targets = [t for m in roster.members for t in m.routines]
    file_routines, catalogue = scoped_routine_files(
        targets, Path(roster_path).parent, catalogues, load_catalogue(catalogues)
    )
    brand = None
    if club_file:
        brand, catalogue = load_club(club_file, catalogue)
        if brand.logo:
            reads.note(brand.logo)  # drawn on every page that shows it: never to be written over
    plans, problems = plan_members(roster, catalogue, file_routines, strict, warn)
    decks = _Decks(catalogue, options, brand)
    plans, bad, unfit = _preflight(decks, plans, roster)
    problems = roster.problems + problems + bad
    every = sorted(problems + unfit, key=lambda p: p.line or 0)
    error = None if not every else DataError(every) if problems else FitProblems(every)
    if not plans:
        return None, error
    progress = progress_factory(len(plans)) if progress_factory else None
    summary = make_club(plans, catalogue, out_dir, options, brand, progress, decks, start)
    return summary, error
