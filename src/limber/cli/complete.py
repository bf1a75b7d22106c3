"""Shell completion of the values of limber's arguments and options.

Takes: what click's completion hands a ``shell_complete`` callback: the context parsed so
far, the parameter, and the word being completed. Gives: the matching exercise ids
(``exercises``), routine ids (``routines``), both and file names (``targets``), themes
(``themes``), card sizes (``sizes``), papers (``papers``, ``sheets``, ``poster_papers``),
as ``CompletionItem``s with a short description where there is one.

The catalogue is the built-in one, from the cache (``limber.cache``), with the
``--catalogue`` files already on the command line (never standard input). Completion never
fails: any error gives no ids (file names are still offered where a file fits), and
nothing is printed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import click
from click.shell_completion import CompletionItem

Callback = Callable[[click.Context, click.Parameter, str], list[CompletionItem]]


def _catalogue(ctx: click.Context) -> Any:
    """The catalogue the command would read, or the built-in one alone, or None."""
    from .. import api
    from ..streams import is_dash

    files = [f for f in (ctx.params.get("catalogues") or ()) if not is_dash(f)]
    for attempt in (files, []) if files else ([],):
        try:
            return api.load_catalogue(attempt)
        except Exception:  # completion must never fail: a broken file gives the built-in ids
            continue
    return None


def _matching(pairs: Iterable[tuple[str, str | None]], incomplete: str) -> list[CompletionItem]:
    word = incomplete.lower()
    return [CompletionItem(value, help=text) for value, text in pairs if value.lower().startswith(word)]


def _safe(make: Callable[[click.Context, str], list[CompletionItem]], files: bool = False) -> Callback:
    """A ``shell_complete`` callback from ``make``, which never raises; ``files``: file
    names are offered too (the shell completes them)."""

    def complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
        try:
            items = make(ctx, incomplete)
        except Exception:
            items = []
        return [*items, CompletionItem(incomplete, type="file")] if files else items

    return complete


def _exercises(ctx: click.Context, incomplete: str) -> list[CompletionItem]:
    cat = _catalogue(ctx)
    return _matching(((i, ex.name) for i, ex in cat.exercises.items()), incomplete) if cat else []


def _routines(ctx: click.Context, incomplete: str) -> list[CompletionItem]:
    cat = _catalogue(ctx)
    return _matching(((i, r.title) for i, r in cat.routines.items()), incomplete) if cat else []


def _targets(ctx: click.Context, incomplete: str) -> list[CompletionItem]:
    cat = _catalogue(ctx)
    if cat is None:
        return []
    pairs = [
        *((i, r.title) for i, r in cat.routines.items()),
        *((i, ex.name) for i, ex in cat.exercises.items()),
    ]
    return _matching(pairs, incomplete)


def _themes(ctx: click.Context, incomplete: str) -> list[CompletionItem]:
    from ..resources import templates_dir

    return _matching(((p.stem, None) for p in sorted(templates_dir().glob("*.yaml"))), incomplete)


def _sizes(ctx: click.Context, incomplete: str) -> list[CompletionItem]:
    from ..sizes import CARDS

    pairs: list[tuple[str, str | None]] = [(n, f"{w:g} x {h:g} mm") for n, (w, h) in CARDS.items()]
    if any(incomplete.lower().startswith(n + "-") for n in CARDS):  # poker-l...: the turned sizes
        pairs = [(f"{n}-{turn}", None) for n in CARDS for turn in ("landscape", "portrait")]
    return _matching(pairs, incomplete)


def _papers(also: tuple[str, ...] = (), only: tuple[str, ...] = ()) -> Callable[[click.Context, str], list]:
    def make(ctx: click.Context, incomplete: str) -> list[CompletionItem]:
        from ..sizes import PAPERS

        names = [n for n in PAPERS if not only or n in only]
        pairs: list[tuple[str, str | None]] = [(n, f"{PAPERS[n][0]:g} x {PAPERS[n][1]:g} mm") for n in names]
        pairs += [(n, "one card per page, for a print shop" if n == "none" else None) for n in also]
        return _matching(pairs, incomplete)

    return make


exercises = _safe(_exercises)
routines = _safe(_routines, files=True)
targets = _safe(_targets, files=True)
themes = _safe(_themes, files=True)
sizes = _safe(_sizes)
papers = _safe(_papers())
sheets = _safe(_papers(also=("none",)))
poster_papers = _safe(_papers(only=("a4", "a3", "a2", "a1", "a0", "letter", "tabloid")))
