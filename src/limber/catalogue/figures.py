"""Load the figure files: ``data/figures/<exercise-id>.yaml``, each a top-level ``figure:``.

Takes: a directory. Gives: ``load_figures`` -> {exercise id: FigureSpec}, or a ``DataError``
listing every problem of every file with file:line:column and field (through
``catalogue.yamlpos``). ``builtin_figures`` loads the bundled ones; ``figure_files`` lists them.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from ..errors import DataError, Problem
from ..resources import data_dir, display_path
from .model import ID_PATTERN
from .pose import FigureFile, FigureSpec
from .yamlpos import read_yaml, validate


def load_figure_file(path: Path) -> FigureSpec:
    """One figure file -> its FigureSpec (DataError with positions when it is wrong)."""
    shown = display_path(path)
    data, pos = read_yaml(path, shown)
    if not isinstance(data, dict):
        raise DataError([Problem(shown, 1, 1, "", "expected a mapping with a top-level 'figure:' key")])
    return validate(FigureFile, data, pos).figure


def load_figures(directory: Path | str) -> dict[str, FigureSpec]:
    """Every ``*.yaml`` in ``directory`` by exercise id (the file name without .yaml)."""
    folder = Path(directory)
    if not folder.is_dir():
        raise DataError([Problem(str(folder), None, None, "", "figure folder not found")])
    out: dict[str, FigureSpec] = {}
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.yaml")):
        if not re.match(ID_PATTERN, path.stem):
            problems.append(
                Problem(
                    display_path(path),
                    None,
                    None,
                    "",
                    "a figure file is named after its exercise id (kebab-case).yaml",
                )
            )
            continue
        try:
            out[path.stem] = load_figure_file(path)
        except DataError as error:
            problems += error.problems
    if problems:
        raise DataError(problems)
    return out


def figure_dir() -> Path:
    """The folder of the bundled figure files."""
    return data_dir() / "figures"


def figure_files() -> list[Path]:
    """The bundled figure files."""
    return sorted(figure_dir().glob("*.yaml"))


@cache
def builtin_figures() -> dict[str, FigureSpec]:
    """The bundled figures of ``data/figures``."""
    return load_figures(figure_dir())
