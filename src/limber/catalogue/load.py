"""Load the catalogue: built-in YAML files, then the user's files laid over them.

Takes: the bundled ``data/`` folder and any number of user catalogue files.
Gives: a validated ``Catalogue``; or a ``DataError`` listing every problem found with its
file, line, column and field. Cross-references (``pairs_with``, routine items) are checked
after merging, with "did you mean" hints for unknown ids.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional, Sequence

from ..errors import DataError, NotFoundError, Problem
from ..resources import data_dir, display_path
from .model import DEFAULT_VIDEO_TEMPLATE, Catalogue, CatalogueFile, Exercise, Routine
from .yamlpos import Positions, read_yaml, validate


@dataclass
class _Origin:
    pos: Positions
    path: tuple
    layer: str


@dataclass
class _Merge:
    """Items by id; a later layer (user file) replaces, a repeat within one layer is an error."""

    exercises: dict[str, Exercise] = field(default_factory=dict)
    routines: dict[str, Routine] = field(default_factory=dict)
    origins: dict[tuple[str, str], _Origin] = field(default_factory=dict)
    template: str = DEFAULT_VIDEO_TEMPLATE
    problems: list[Problem] = field(default_factory=list)

    def add(self, content: CatalogueFile, pos: Positions, layer: str) -> None:
        if content.video_template:
            self.template = content.video_template
        for kind, items, table in (("exercises", content.exercises, self.exercises),
                                   ("routines", content.routines, self.routines)):
            for index, item in enumerate(items or []):
                key = (kind, item.id)
                first = self.origins.get(key)
                if first is not None and first.layer == layer:
                    line, _ = first.pos.at(first.path)
                    self.problems.append(pos.problem(
                        (kind, index, "id"), f"{kind}[{index}].id",
                        f"duplicate id '{item.id}' (first defined at {first.pos.file}:{line})"))
                    continue
                table[item.id] = item
                self.origins[key] = _Origin(pos, (kind, index), layer)


def _read(path: Path, display: str) -> tuple[Optional[CatalogueFile], Optional[Positions], list[Problem]]:
    try:
        data, pos = read_yaml(path, display)
        if not isinstance(data, dict):
            return None, None, [pos.problem((), "", "expected a mapping with 'exercises:' and/or "
                                                    "'routines:' at the top level")]
        return validate(CatalogueFile, data, pos), pos, []
    except DataError as error:
        return None, None, error.problems


def builtin_files() -> list[Path]:
    root = data_dir()
    return sorted(root.glob("exercises/*.yaml")) + sorted(root.glob("routines/*.yaml"))


def suggest(name: str, choices: Iterable[str]) -> str:
    """' (did you mean a, b?)' with the closest ids, or ''."""
    close = difflib.get_close_matches(name, list(choices), n=3, cutoff=0.5)
    return f" (did you mean {', '.join(close)}?)" if close else ""


def _check_references(merge: _Merge) -> None:
    for ex in merge.exercises.values():
        origin = merge.origins[("exercises", ex.id)]
        for index, partner in enumerate(ex.pairs_with):
            where = origin.path + ("pairs_with", index)  # a single id falls back to the field's line
            if partner == ex.id:
                merge.problems.append(origin.pos.problem(where, f"pairs_with (id {ex.id})",
                                                         "an exercise cannot pair with itself"))
            elif partner not in merge.exercises:
                merge.problems.append(origin.pos.problem(
                    where, f"pairs_with (id {ex.id})",
                    f"no exercise has the id '{partner}'{suggest(partner, merge.exercises)}"))
    for routine in merge.routines.values():
        origin = merge.origins[("routines", routine.id)]
        for index, item in enumerate(routine.items):
            if item.exercise not in merge.exercises:
                where = origin.path + ("items", index, "exercise")
                merge.problems.append(origin.pos.problem(
                    where, f"items[{index}].exercise (routine {routine.id})",
                    f"unknown exercise id '{item.exercise}'{suggest(item.exercise, merge.exercises)}"))


def load_catalogue(user_files: Sequence[Path | str] = ()) -> Catalogue:
    """The built-in catalogue with ``user_files`` laid over it, in order."""
    merge = _Merge()
    layers = [(path, display_path(path), "built-in") for path in builtin_files()]
    layers += [(Path(raw), str(raw), f"user:{n}") for n, raw in enumerate(user_files)]
    for path, display, layer in layers:
        content, pos, problems = _read(path, display)
        merge.problems.extend(problems)
        if content is not None:
            merge.add(content, pos, layer)
    if not merge.problems:
        _check_references(merge)
    if merge.problems:
        raise DataError(merge.problems)
    return Catalogue(exercises=_with_figures(merge.exercises), routines=merge.routines,
                     video_template=merge.template)


def _with_figures(exercises: dict[str, Exercise]) -> dict[str, Exercise]:
    """Give each exercise without an inline ``figure:`` its bundled figure, by id."""
    from .figures import builtin_figures

    figures = builtin_figures()
    return {ident: ex if ex.figure is not None or ident not in figures
            else ex.model_copy(update={"figure": figures[ident]}) for ident, ex in exercises.items()}


def looks_like_file(target: str) -> bool:
    return target.endswith((".yaml", ".yml")) or "/" in target or Path(target).is_file()


def find_exercise(catalogue: Catalogue, ident: str) -> Exercise:
    try:
        return catalogue.exercises[ident]
    except KeyError:
        raise NotFoundError(f"no exercise has the id '{ident}'"
                            f"{suggest(ident, catalogue.exercises)}") from None


def find_routine(catalogue: Catalogue, target: str, user_files: Sequence[Path | str] = ()
                 ) -> tuple[Catalogue, Routine]:
    """A routine by id, or from a YAML file holding exactly one routine (and maybe exercises).

    Returns the catalogue to use with it, which includes the file's own exercises.
    """
    if looks_like_file(target):
        bigger = load_catalogue([*user_files, target])
        data, pos = read_yaml(target)
        routines = data.get("routines") if isinstance(data, dict) else None
        if not routines:
            raise DataError([pos.problem((), "routines", "the file holds no routine")])
        if len(routines) != 1:
            raise DataError([pos.problem(("routines",), "routines",
                                         f"the file holds {len(routines)} routines; give one of "
                                         f"their ids instead of the file")])
        return bigger, bigger.routines[routines[0]["id"]]
    try:
        return catalogue, catalogue.routines[target]
    except KeyError:
        raise NotFoundError(f"no routine has the id '{target}'{suggest(target, catalogue.routines)}") from None
