"""Where the bundled data, fonts and templates live.

Takes: nothing. Gives: ``data_dir()``, ``fonts_dir()``, ``templates_dir()``.
In an installed wheel they sit in ``limber/_bundled/``; in a source checkout (or an
editable install) they are the repository's top-level folders.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def _root() -> Path:
    bundled = _PACKAGE / "_bundled"
    if (bundled / "data").is_dir():
        return bundled
    checkout = _PACKAGE.parents[1]
    if (checkout / "data").is_dir():
        return checkout
    raise RuntimeError("limber's bundled data is missing; reinstall the package")


def data_dir() -> Path:
    return _root() / "data"


def fonts_dir() -> Path:
    return _root() / "fonts"


def templates_dir() -> Path:
    return _root() / "templates"


def display_path(path: Path) -> str:
    """A short name for a bundled file in messages: 'data/exercises/x.yaml'."""
    try:
        return str(path.resolve().relative_to(_root()))
    except ValueError:
        return str(path)
