"""What the web server asks its worker processes to do: each a thin call of the library.

Takes: the checked values of a request (``limber.web.params``) and the names of the files sent
with it, which sit in the job's working folder (see ``limber.web.workers``). Gives: plain data
(JSON-ready views, PDF, PNG and YAML bytes) for the server to send, or raises the library's
own errors, which ``error_body`` turns into the JSON body of an HTTP error with file, line,
column and field, as ``limber validate --json`` reports them.

A target is an exercise or routine id of the catalogue (the built-in one with the files sent
laid over it), never a path: a file's routines are named by their ids.
"""

from __future__ import annotations

import os
import re
import sys
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..errors import (
    DataError,
    FitError,
    FitProblems,
    LimberError,
    NotFoundError,
    OutputError,
    Problem,
    UsageError,
)

Progress = Callable[[int, int], None]
OUTPUT = "out.pdf"
PREVIEW_PAGES = 4  # pages shown in a preview; the PDF has them all
CARD_SIDE = 760  # pixels of the longer side of a card's preview
SHEET_SIDE = 1100  # of a sheet's or a poster's
CLUB_FOLDER = "club"
CLUB_ZIP = "club.zip"

MAX_PDF_BYTES = 200 * 2**20  # a PDF larger than this is not sent back (it would sit in the server's memory)


class LimitError(LimberError):
    """A request asks for more than this server makes for one request."""


ERROR_CLASSES: tuple[tuple[type[LimberError], str], ...] = (
    (LimitError, "limit"),
    (UsageError, "usage"),
    (FitProblems, "fit"),  # rows whose cards do not fit: a DataError with the exit status of a fit
    (DataError, "data"),
    (NotFoundError, "unknown"),
    (FitError, "fit"),
    (OutputError, "output"),
)


def _strip(text: str, folder: str | None) -> str:
    """``text`` with the job's folder taken out of every path in it."""
    if not folder:
        return text
    for prefix in {folder, os.path.realpath(folder)}:
        text = text.replace(prefix + os.sep, "").replace(prefix, ".")
    return text


def error_body(error: BaseException, folder: str | None = None) -> dict[str, Any]:
    """The JSON error body of a failed job: ``error`` (its class), ``message``, ``problems``."""
    if isinstance(error, LimberError):
        kind = next((name for cls, name in ERROR_CLASSES if isinstance(error, cls)), "internal")
        problems = [
            {
                "file": _strip(p.file, folder),
                "line": p.line,
                "column": p.column,
                "field": _strip(p.field, folder),
                "message": _strip(p.message, folder),
            }
            for p in getattr(error, "problems", [])
        ]
        return {"error": kind, "message": _strip(str(error), folder), "problems": problems}
    import traceback

    traceback.print_exception(error, file=sys.stderr)
    return {
        "error": "internal",
        "message": f"internal error, please report it: {type(error).__name__}: {_strip(str(error), folder)}",
        "problems": [],
    }


def limit_body(kind: str, seconds: float = 0.0) -> dict[str, Any]:
    """The error body of a job stopped at a limit of this server (``time`` or ``memory``), or
    whose worker died (``died``)."""
    if kind == "time":
        message = (
            f"this took longer than {seconds:g} s, the limit of this server, and was stopped: "
            "ask for less (a smaller paper, fewer copies or targets)"
        )
    elif kind == "memory":
        message = (
            "this needed more memory than this server allows for one request, and was stopped: "
            "ask for less (a smaller paper, fewer copies or targets)"
        )
    else:
        message = (
            "the process rendering this stopped (it ran out of memory, or crashed): ask for less, "
            "and if it happens again, please report it"
        )
    return {"error": "limit", "message": message, "problems": []}


def warm() -> None:
    """Load what every job uses, once per worker: the catalogue, the themes, the fonts."""
    from ..api import load_catalogue
    from ..images import page_pngs
    from ..posters import PosterOptions, poster_pages
    from ..products import card_pages
    from ..render.pdf import render
    from ..theme import load_theme
    from .params import themes

    catalogue = load_catalogue()
    for name in themes():
        load_theme(name)
    routine = next(iter(catalogue.routines.values()))
    pages, meta = card_pages(catalogue, routine)
    page_pngs(render(pages, meta), [0], long_side=100)
    try:
        poster_pages(catalogue, [routine], PosterOptions(paper="a2"))
    except LimberError:
        pass


# --- browsing ---------------------------------------------------------------------------


def catalogue_views(
    files: Sequence[str] = (),
    filters: dict[str, Any] | None = None,
    phase: str | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """The exercises that pass ``filters`` (``api.filter_exercises``'s: phase, area, kind,
    level, equipment) and the routines of ``phase``, as ``limber list --json`` and ``limber
    routines --json`` show them."""
    from ..api import exercise_view, filter_exercises, filter_routines, load_catalogue, routine_view

    catalogue = load_catalogue(list(files))
    return {
        "exercises": [exercise_view(catalogue, ex) for ex in filter_exercises(catalogue, **(filters or {}))],
        "routines": [routine_view(catalogue, r) for r in filter_routines(catalogue, phase)],
    }


def figures(
    ids: Sequence[str] | None = None, files: Sequence[str] = (), progress: Progress | None = None
) -> dict[str, bytes]:
    """PNG images of the figures of ``ids`` (every exercise when None)."""
    from ..api import load_catalogue
    from ..images import figure_png
    from ..theme import load_theme

    catalogue = load_catalogue(list(files))
    theme = load_theme("default")
    chosen = list(catalogue.exercises) if ids is None else [i for i in ids if i in catalogue.exercises]
    return {ident: figure_png(catalogue.exercises[ident], theme) for ident in chosen}


def validate(files: Sequence[str], strict: bool = False, progress: Progress | None = None) -> dict[str, Any]:
    """What ``limber validate --json FILE...`` reports."""
    from ..api import validation_report

    return validation_report(list(files), strict)


# --- building ---------------------------------------------------------------------------


def build(
    params: dict[str, Any], files: Sequence[str] = (), progress: Progress | None = None
) -> dict[str, Any]:
    """What ``limber build`` makes: the routine's view, its YAML file and its duration."""
    from ..api import build_command, build_routine, load_catalogue, routine_view
    from ..plan.builder import routine_yaml

    catalogue = load_catalogue(list(files))
    built = build_routine(catalogue, **params)
    command = build_command(**params, catalogues=list(files))
    return {
        "routine": routine_view(catalogue, built.routine),
        "yaml": routine_yaml(built, command),
        "seconds": built.seconds,
        "asked": built.request.describe(),
    }


# --- printing ---------------------------------------------------------------------------


def _targets(catalogue, targets: Sequence[str], files: Sequence[str]):
    """The exercises and routines ``targets`` name, by id only."""
    from ..catalogue.load import short_name
    from ..products import resolve_targets
    from ..words import suggest

    for target in targets:
        if target not in catalogue.exercises and target not in catalogue.routines:
            choices = [*catalogue.exercises, *catalogue.routines]
            raise NotFoundError(
                f"'{short_name(target)}' is neither an exercise nor a routine{suggest(target[:80], choices)}"
            )
    return resolve_targets(catalogue, list(targets), list(files))


def _findings(catalogue, found, files: Sequence[str], strict: bool) -> list[dict[str, Any]]:
    """The balance and phase warnings of the routines among ``found``; with ``strict``, an error."""
    from ..api import routine_findings
    from ..catalogue.model import Routine
    from ..plan.checks import as_problems

    findings = routine_findings(catalogue, [t for t in found if isinstance(t, Routine)], list(files))
    if strict and findings:
        raise DataError(as_problems(findings))
    return [
        {
            "file": f.file or None,
            "line": f.line,
            "routine": f.routine,
            "item": None if f.item is None else f.item + 1,
            "exercise": f.exercise,
            "check": f.check,
            "message": f.message,
            "text": str(f),
        }
        for f in findings
    ]


def _file_name(product: str, targets: Sequence[str]) -> str:
    stem = "-".join(targets[:3]) + ("-and-more" if len(targets) > 3 else "")
    stem = re.sub(r"[^a-z0-9-]+", "-", stem.lower()).strip("-")[:80] or "limber"
    return f"{stem}-{product}.pdf"


def render(
    product: str,
    targets: Sequence[str],
    options: dict[str, Any],
    files: Sequence[str] = (),
    strict: bool = False,
    preview: bool = True,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """A card, deck or poster as a PDF, with PNG previews of its first pages, a summary line
    as the command prints it, and the routine checks' warnings."""
    from ..api import load_catalogue
    from ..images import page_pngs
    from ..products import write_pdf
    from ..words import count

    catalogue = load_catalogue(list(files))
    catalogue, found = _targets(catalogue, targets, files)
    warnings = _findings(catalogue, found, files, strict)
    side = SHEET_SIDE
    if product == "card":
        from ..products import card_pages

        if len(found) != 1:
            raise UsageError("target: a card shows one exercise or one routine")
        pages, meta = card_pages(catalogue, found[0], options["theme"], options["size"])
        total = write_pdf(OUTPUT, pages, meta, files)
        trim = pages[0].trim or (0.0, 0.0, pages[0].width, pages[0].height)
        summary = f"{count(total, 'page')}, card {trim[2] - trim[0]:.2f} x {trim[3] - trim[1]:.2f} mm"
        side = CARD_SIDE
    elif product == "deck":
        from ..products import DeckOptions, build_deck_pages, deck_summary

        deck = build_deck_pages(catalogue, found, DeckOptions(**options))
        total = write_pdf(OUTPUT, deck.pages(), deck.meta, files)
        summary = deck_summary(deck, total)
        if options["sheet"] == "none":
            side = CARD_SIDE
    elif product == "poster":
        from ..posters import PosterOptions, poster_pages
        from ..sizes import paper_label

        pages, meta, laid = poster_pages(catalogue, found, PosterOptions(**options))
        total = write_pdf(OUTPUT, pages, meta, files)
        page = laid.page
        tiles = options["tile"]
        summary = (
            f"poster {page.width:g} x {page.height:g} mm"
            + (
                f", on {count(total - 1, paper_label(tiles) + ' sheet')} after an assembly map"
                if tiles
                else ""
            )
            + f"; {count(len(laid.panels), 'exercise')} in {laid.rows} x {laid.cols}, text "
            f"{laid.sizes.body:.0f} pt, names {laid.sizes.name:.0f} pt, readable from "
            f"{laid.legibility.distance:g} m"
        )
    else:
        raise UsageError(f"unknown product '{product}': use card, deck or poster")
    size = Path(OUTPUT).stat().st_size
    if size > MAX_PDF_BYTES:
        raise LimitError(
            f"the PDF is {size / 2**20:.0f} MB, more than the {MAX_PDF_BYTES // 2**20} MB this server sends: "
            "ask for fewer copies or targets"
        )
    pdf = Path(OUTPUT).read_bytes()
    shown = list(range(min(total, PREVIEW_PAGES))) if preview else []
    return {
        "pdf": pdf,
        "name": _file_name(product, targets),
        "pages": total,
        "images": page_pngs(pdf, shown, long_side=side),
        "summary": summary,
        "warnings": warnings,
        "titles": [getattr(t, "title", None) or getattr(t, "name", "") for t in found],
    }


# --- club decks -------------------------------------------------------------------------

_SVG_REFERENCE = re.compile(rb"""(?:xlink:)?href\s*=\s*["']\s*(?!#|data:image/)([^"']*)["']""", re.I)


def _bare(name: str) -> bool:
    return bool(name) and name not in (".", "..") and "/" not in name and "\\" not in name and ":" not in name


def _check_club_file(club_file: str, logo: str | None) -> str | None:
    """Refuse a club file whose logo is not the logo sent with it (a path would reach a file of
    the server); the logo sent takes the name the club file gives it. Returns the logo's name."""
    from ..catalogue.yamlpos import read_yaml

    try:
        data, pos = read_yaml(club_file)
    except DataError:
        return logo  # the library reports it, as on the command line
    named = data.get("logo") if isinstance(data, dict) else None
    if not isinstance(named, str):
        return logo
    if not _bare(named.strip()):
        raise DataError(
            [
                pos.problem(
                    ("logo",),
                    "logo",
                    f"the logo must be the file sent with the club file, named by its file name alone "
                    f"(such as logo.svg), not '{named[:80]}'",
                )
            ]
        )
    named = named.strip()
    if logo is None:
        raise DataError([pos.problem(("logo",), "logo", f"send the logo file {named} with the club file")])
    if Path(logo).suffix.lower() != Path(named).suffix.lower():
        raise DataError(
            [
                pos.problem(
                    ("logo",),
                    "logo",
                    f"the club file names a {Path(named).suffix or 'plain'} logo, {named}, "
                    f"and the logo sent is a {Path(logo).suffix} file",
                )
            ]
        )
    if logo != named:
        os.replace(logo, named)
    data_bytes = Path(named).read_bytes()
    if named.lower().endswith(".svg"):
        outside = _SVG_REFERENCE.search(data_bytes)
        if outside or b"<!ENTITY" in data_bytes.upper():
            what = (
                f"another file ({outside.group(1)[:60].decode('utf-8', 'replace')})"
                if outside
                else "an entity"
            )
            raise DataError(
                [
                    pos.problem(
                        ("logo",),
                        "logo",
                        f"the SVG logo {named} refers to {what}; send a logo that holds everything it draws",
                    )
                ]
            )
    return named


def _check_roster(roster: str) -> None:
    """Refuse a roster that names routine files by a path: only files sent with it are read."""
    from ..catalogue.roster import read_roster

    try:
        found = read_roster(roster)
    except DataError:
        return  # the library reports it
    problems = []
    for member in found.members:
        for target in member.routines:
            if (target.endswith((".yaml", ".yml")) or "/" in target or "\\" in target) and not _bare(target):
                problems.append(
                    Problem(
                        found.file,
                        member.line,
                        found.columns.get("routines"),
                        "routines",
                        f"'{target[:80]}' is a path; name a routine file sent with the roster by its "
                        "file name alone",
                    )
                )
    if problems:
        raise DataError(problems)


def club(
    roster: str,
    options: dict[str, Any],
    club_file: str | None = None,
    logo: str | None = None,
    files: Sequence[str] = (),
    strict: bool = False,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """``limber club``: every member's deck and the combined file, zipped, with the rows left out."""
    from ..clubs import ClubOptions, run_club

    _check_roster(roster)
    if club_file is not None:
        _check_club_file(club_file, logo)
    warnings: list[str] = []
    done = [0]

    def progress_factory(total: int):
        if progress is None:
            return None
        progress(0, total)

        def update(n: int) -> None:
            done[0] += n
            progress(done[0], total)

        return update

    summary, error = run_club(
        roster,
        CLUB_FOLDER,
        ClubOptions(**options, jobs=1),
        club_file,
        list(files),
        strict,
        warnings.append,
        progress_factory,
    )
    problems = error.problems if error is not None else []
    refused = [
        {"file": p.file, "line": p.line, "column": p.column, "field": p.field, "message": p.message}
        for p in problems
    ]
    if summary is None:
        raise (
            error if error is not None else DataError([Problem(roster, None, None, "", "no member to print")])
        )
    names = sorted(p.name for p in Path(CLUB_FOLDER).iterdir() if p.suffix == ".pdf")
    with zipfile.ZipFile(CLUB_ZIP, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name in names:
            archive.write(Path(CLUB_FOLDER) / name, f"{CLUB_FOLDER}/{name}")
        if refused:
            import json

            archive.writestr(f"{CLUB_FOLDER}/refused.json", json.dumps(refused, indent=2, ensure_ascii=False))
    return {
        "members": summary.members,
        "cards": summary.cards,
        "pages": summary.pages,
        "files": names,
        "bytes": summary.bytes,
        "seconds": round(summary.seconds, 2),
        "line": summary.line(),
        "refused": refused,
        "warnings": warnings,
        "zip": CLUB_ZIP,
    }
