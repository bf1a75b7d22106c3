"""Load the catalogue: built-in YAML files, then the user's files laid over them.

Takes: the bundled ``data/`` folder and any number of user catalogue files.
Gives: a validated ``Catalogue``; or a ``DataError`` listing every problem found with its
file, line, column and field. Cross-references (``pairs_with``, routine items) are checked
after merging, with "did you mean" hints for unknown ids, also in a file that has model
errors too, so that one run reports everything. Each file is read (and parsed) once, and the
validated built-in layer and figures come from ``limber.cache`` while their files are
unchanged.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from ..errors import DataError, NotFoundError, Problem
from ..resources import data_dir, display_path
from ..streams import is_dash, shown_input
from ..words import suggest
from .model import DEFAULT_VIDEO_TEMPLATE, Catalogue, CatalogueFile, Exercise, Routine
from .yamlpos import Positions, field_name, read_yaml, validate

MAX_NAME_CHARS = 200  # an id or file name given on the command line
_Item = TypeVar("_Item", Exercise, Routine)


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
    broken: list[_Broken] = field(default_factory=list)
    positions: dict[str, Positions] = field(default_factory=dict)  # by layer

    def add(self, content: CatalogueFile, pos: Positions, layer: str) -> None:
        if content.video_template:
            self.template = content.video_template
        self._add_items("exercises", content.exercises, self.exercises, pos, layer)
        self._add_items("routines", content.routines, self.routines, pos, layer)

    def _add_items(
        self, kind: str, items: list[_Item] | None, table: dict[str, _Item], pos: Positions, layer: str
    ) -> None:
        for index, item in enumerate(items or []):
            key = (kind, item.id)
            first = self.origins.get(key)
            if first is not None and first.layer == layer:
                line, _ = first.pos.at(first.path)
                self.problems.append(
                    pos.problem(
                        (kind, index, "id"),
                        f"{kind}[{index}].id",
                        f"duplicate id '{item.id}' (first defined at {first.pos.file}:{line})",
                    )
                )
                continue
            table[item.id] = item
            self.origins[key] = _Origin(pos, (kind, index), layer)


@dataclass
class _Broken:
    """What is still known of a file whose content failed validation: its raw data."""

    data: dict
    pos: Positions
    layer: str


def _read(
    path: Path, display: str
) -> tuple[CatalogueFile | None, Positions | None, list[Problem], dict | None]:
    """One file's validated content, or its problems (and its raw data, to check references)."""
    try:
        data, pos = read_yaml(path, display)
    except DataError as error:
        return None, None, error.problems, None
    if not isinstance(data, dict):
        return (
            None,
            None,
            [pos.problem((), "", "expected a mapping with 'exercises:' and/or 'routines:' at the top level")],
            None,
        )
    try:
        return validate(CatalogueFile, data, pos), pos, [], data
    except DataError as error:
        return None, pos, error.problems, data


def _salvage(merge: _Merge, data: dict, pos: Positions, layer: str) -> None:
    """Add the valid items of a file that failed, so that other references to them resolve."""
    from pydantic import ValidationError

    from .rules import adapter

    merge.broken.append(_Broken(data, pos, layer))
    for kind, model in (("exercises", Exercise), ("routines", Routine)):
        items = data.get(kind)
        for index, item in enumerate(items if isinstance(items, list) else []):
            try:
                valid = adapter(model).validate_python(item)
            except (ValidationError, ValueError, TypeError):
                continue
            table = merge.exercises if kind == "exercises" else merge.routines
            if (kind, valid.id) not in merge.origins or merge.origins[(kind, valid.id)].layer != layer:
                table[valid.id] = valid
                merge.origins[(kind, valid.id)] = _Origin(pos, (kind, index), layer)


def builtin_files() -> list[Path]:
    root = data_dir()
    return sorted(root.glob("exercises/*.yaml")) + sorted(root.glob("routines/*.yaml"))


def _raw_ids(merge: _Merge, kind: str) -> set[str]:
    """Ids of the (invalid) items of the files that failed validation."""
    out = set()
    for broken in merge.broken:
        items = broken.data.get(kind)
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                out.add(item["id"])
    return out


def _check_broken_routines(merge: _Merge) -> None:
    """Unknown exercises in the routines of files that failed validation."""
    known = set(merge.exercises) | _raw_ids(merge, "exercises")
    for broken in merge.broken:
        routines = broken.data.get("routines")
        for r_index, raw in enumerate(routines if isinstance(routines, list) else []):
            if not isinstance(raw, dict) or not isinstance(raw.get("items"), list):
                continue
            ident = raw.get("id")
            origin = merge.origins.get(("routines", ident)) if isinstance(ident, str) else None
            if origin is not None and origin.pos is broken.pos and origin.path == ("routines", r_index):
                continue  # valid on its own: checked with the merged routines
            for index, item in enumerate(raw["items"]):
                name = item.get("exercise") if isinstance(item, dict) else None
                if isinstance(name, str) and name not in known:
                    merge.problems.append(
                        broken.pos.problem(
                            ("routines", r_index, "items", index, "exercise"),
                            f"items[{index}].exercise (routine {ident})",
                            f"unknown exercise id '{name}'{suggest(name, merge.exercises)}",
                        )
                    )


def _check_references(merge: _Merge) -> None:
    for ex in merge.exercises.values():
        origin = merge.origins[("exercises", ex.id)]
        for index, partner in enumerate(ex.pairs_with):
            where = origin.path + ("pairs_with", index)  # a single id falls back to the field's line
            if partner == ex.id:
                merge.problems.append(
                    origin.pos.problem(
                        where, f"pairs_with (id {ex.id})", "an exercise cannot pair with itself"
                    )
                )
            elif partner not in merge.exercises:
                merge.problems.append(
                    origin.pos.problem(
                        where,
                        f"pairs_with (id {ex.id})",
                        f"no exercise has the id '{partner}'{suggest(partner, merge.exercises)}",
                    )
                )
    for routine in merge.routines.values():
        origin = merge.origins[("routines", routine.id)]
        for index, item in enumerate(routine.items):
            if item.exercise not in merge.exercises:
                where = origin.path + ("items", index, "exercise")
                merge.problems.append(
                    origin.pos.problem(
                        where,
                        f"items[{index}].exercise (routine {routine.id})",
                        f"unknown exercise id '{item.exercise}'{suggest(item.exercise, merge.exercises)}",
                    )
                )


def load_catalogue(user_files: Sequence[Path | str] = ()) -> Catalogue:
    """The built-in catalogue with ``user_files`` laid over it, in order."""
    return _load(user_files)[0]


def load_with_warnings(user_files: Sequence[Path | str] = ()) -> tuple[Catalogue, list[Problem]]:
    """The catalogue, and warnings about text that is valid but looks wrong (``checks.lint_catalogue``)."""
    from .checks import lint_catalogue

    catalogue, merge = _load(user_files)
    return catalogue, lint_catalogue(catalogue, lambda kind, ident, fld: _where(merge, kind, ident, fld))


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cycle collector while loading: the loaded data holds no cycles, and a large
    file makes millions of objects that would otherwise be traversed again and again."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _load(user_files: Sequence[Path | str]) -> tuple[Catalogue, _Merge]:
    with _no_gc():
        return _load_all(user_files)


def _add_file(merge: _Merge, path: Path, display: str, layer: str) -> None:
    """Read one file into the merge: its valid items, or what can be salvaged of a file with errors."""
    content, pos, problems, data = _read(path, display)
    merge.problems.extend(problems)
    if pos is None:  # not read at all: there is nothing but its problems
        return
    merge.positions[layer] = pos
    if content is not None:
        merge.add(content, pos, layer)
    elif data is not None:
        _salvage(merge, data, pos, layer)


def _builtin_layer() -> tuple[_Merge, dict]:
    """The built-in files merged (with any problems they have), and the bundled figures."""
    from .figures import figure_dir, load_figures

    merge = _Merge()
    for path in builtin_files():
        _add_file(merge, path, display_path(path), "built-in")
    return merge, {} if merge.problems else load_figures(figure_dir())


def _load_all(user_files: Sequence[Path | str]) -> tuple[Catalogue, _Merge]:
    from ..cache import cached
    from .checks import check_catalogue
    from .figures import figure_files

    merge, figures = cached(
        "builtin", builtin_files() + figure_files(), _builtin_layer, keep=lambda value: not value[0].problems
    )
    for n, raw in enumerate(user_files):
        _add_file(merge, Path(raw), str(raw), f"user:{n}")
    _check_references(merge)
    _check_broken_routines(merge)
    # Every part is validated already: assemble without building the model's validator.
    # Printability is checked on what is valid so far, so that one run reports everything.
    catalogue = Catalogue(exercises=merge.exercises, routines=merge.routines, video_template=merge.template)
    merge.problems += check_catalogue(catalogue, lambda kind, ident, fld: _where(merge, kind, ident, fld))
    if merge.problems:
        raise DataError(_unique(merge.problems))
    return replace(catalogue, exercises=_with_figures(merge.exercises, figures)), merge


def _where(merge: _Merge, kind: str, ident: str, fld: tuple) -> Problem:
    """A problem template positioned at field ``fld`` of item ``ident`` (message left empty)."""
    origin = merge.origins[(kind, ident)]
    path = origin.path + tuple(fld)
    return origin.pos.problem(path, f"{field_name(path)} (id {ident})", "")


def _unique(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))


def _with_figures(exercises: dict[str, Exercise], figures: dict) -> dict[str, Exercise]:
    """Give each exercise without an inline ``figure:`` its bundled figure, by id."""
    return {
        ident: ex if ex.figure is not None or ident not in figures else replace(ex, figure=figures[ident])
        for ident, ex in exercises.items()
    }


def looks_like_file(target: str) -> bool:
    """Whether a target names a file (or a folder, refused when it is read; or ``-``, standard
    input) rather than an id."""
    if is_dash(target) or target.endswith((".yaml", ".yml")) or "/" in target or os.sep in target:
        return True
    try:
        return Path(target).exists()
    except (OSError, ValueError):  # a name too long for the system, or with a NUL in it
        return False


def short_name(ident: str) -> str:
    """An id from the command line as shown in a message: shortened when very long."""
    return ident if len(ident) <= MAX_NAME_CHARS else ident[:60] + f"... ({len(ident)} characters)"


def find_exercise(catalogue: Catalogue, ident: str) -> Exercise:
    try:
        return catalogue.exercises[ident]
    except KeyError:
        raise NotFoundError(
            f"no exercise has the id '{short_name(ident)}'"
            f"{suggest(ident[:MAX_NAME_CHARS], catalogue.exercises)}"
        ) from None


def find_routine(
    catalogue: Catalogue | None, target: str, user_files: Sequence[Path | str] = ()
) -> tuple[Catalogue, Routine]:
    """A routine by id in ``catalogue``, or from a YAML file holding exactly one routine (and
    maybe exercises), read with ``user_files`` (``catalogue`` is not needed for a file).

    Returns the catalogue to use with it, which includes the file's own exercises.
    """
    if looks_like_file(target):
        bigger, merge = _load([*user_files, target])
        layer = f"user:{len(user_files)}"
        own = [
            (origin, ident)
            for (kind, ident), origin in merge.origins.items()
            if kind == "routines" and origin.layer == layer
        ]
        if len(own) != 1:
            pos = merge.positions.get(layer) or Positions(shown_input(target))
            if not own:
                raise DataError([pos.problem((), "routines", "the file holds no routine")])
            raise DataError(
                [
                    pos.problem(
                        ("routines",),
                        "routines",
                        f"the file holds {len(own)} routines; give one of their ids instead of the file",
                    )
                ]
            )
        return bigger, bigger.routines[own[0][1]]
    assert catalogue is not None, "a routine id is looked up in a catalogue"
    try:
        return catalogue, catalogue.routines[target]
    except KeyError:
        raise NotFoundError(
            f"no routine has the id '{short_name(target)}'"
            f"{suggest(target[:MAX_NAME_CHARS], catalogue.routines)}"
        ) from None
