"""What the ``limber`` commands share beyond their options: printing, and reading the catalogue.

Takes: text and data to print; the ``--catalogue`` files, targets (ids or files) and theme a
command was given. Gives: ``echo`` and ``print_json``, which escape control and format
characters of data (``textsafe.escape``); ``read_catalogue``; ``check_routines``, which prints
the balance and phase warnings of routines (or, with ``--strict``, raises them as a
``DataError``); and the lists of files a command reads (``files_of``, ``input_files``), which
warnings name and which must never be written over. The library is imported inside the
functions, so importing this module stays cheap.
"""

from __future__ import annotations

from typing import Any

import click

from ..textsafe import escape


def echo(text: str = "", err: bool = False) -> None:
    """Print text that may hold data, with control and format characters escaped."""
    click.echo(escape(text), err=err)


def print_json(data: Any) -> None:
    import json

    echo(json.dumps(data, indent=2, ensure_ascii=False))


def read_catalogue(catalogues: tuple[str, ...]):
    """The built-in catalogue with the ``--catalogue`` files laid over it."""
    from ..api import load_catalogue

    return load_catalogue(catalogues)


def check_routines(cat, routines, files, strict: bool) -> int:
    """Print the balance and phase warnings of ``routines``; with ``strict``, stop on any."""
    from ..api import routine_findings
    from ..errors import DataError
    from ..plan.checks import as_problems

    findings = routine_findings(cat, list(routines), files)
    if strict and findings:
        raise DataError(as_problems(findings))
    for finding in findings:
        echo(f"warning: {finding}", err=True)
    return len(findings)


def routines_of(targets) -> list:
    """The routines among resolved targets (exercises and routines)."""
    from ..catalogue.model import Routine

    return [t for t in targets if isinstance(t, Routine)]


def files_of(catalogues, targets) -> tuple:
    """The catalogue files and the targets that are files, as given."""
    from ..catalogue.load import looks_like_file

    return (*catalogues, *(t for t in targets if looks_like_file(t)))


def input_files(catalogues: tuple[str, ...], targets: tuple[str, ...] = (), theme: str = "") -> list[str]:
    """The files a printing command reads: they must never be written over."""
    from ..catalogue.load import looks_like_file

    return [*files_of(catalogues, targets), *([theme] if looks_like_file(theme) else [])]
