"""What the ``limber`` commands share beyond their options: printing, and reading the catalogue.

Takes: text and data to print; the ``--catalogue`` files, targets (ids or files) and theme a
command was given. Gives: ``echo`` and ``print_json``, which escape control and format
characters of data (``textsafe.escape``); ``wrote``, the summary of a file written (on
standard error when the file went to standard output); ``read_catalogue``;
``check_routines``, which prints the balance and phase warnings of routines (or, with
``--strict``, raises them as a ``DataError``); and the lists of files a command reads
(``files_of``, ``input_files``), which warnings name and which must never be written over,
and in which standard input (``-``) may appear only once (``stdin_once``). The library is
imported inside the functions, so importing this module stays cheap.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import click

from ..textsafe import escape


def echo(text: str = "", err: bool = False) -> None:
    """Print text that may hold data, with control and format characters escaped."""
    click.echo(escape(text), err=err)


def wrote(output: str, what: str) -> None:
    """Say what was written to ``output``: on standard error when that was standard output, a
    pipe or a device, so that the line never lands in the output itself."""
    from ..streams import shown_output
    from ..write import is_stream

    echo(f"wrote {shown_output(output)}: {what}", err=is_stream(output))


def print_json(data: Any) -> None:
    import json

    echo(json.dumps(data, indent=2, ensure_ascii=False))


def stdin_once(files: Iterable[str]) -> None:
    """Refuse (usage error) a command line that names standard input (``-``) more than once:
    it can be read only once, as one file."""
    from ..streams import is_dash

    if sum(1 for f in files if is_dash(f)) > 1:
        raise click.UsageError("standard input (-) can be given only once: it is read as one file")


def read_catalogue(catalogues: tuple[str, ...]):
    """The built-in catalogue with the ``--catalogue`` files laid over it."""
    from ..api import load_catalogue

    stdin_once(catalogues)
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

    files = (*catalogues, *(t for t in targets if looks_like_file(t)))
    stdin_once(files)
    return files


def input_files(catalogues: tuple[str, ...], targets: tuple[str, ...] = (), theme: str = "") -> list[str]:
    """The files a printing command reads: they must never be written over."""
    from ..catalogue.load import looks_like_file

    return [*files_of(catalogues, targets), *([theme] if looks_like_file(theme) else [])]
