"""The routine files a club roster names, each kept to the members who name it.

Takes: the targets of a roster's ``routines`` cells, the roster's folder (a relative file is
looked for next to the roster first), the ``--catalogue`` files and the catalogue they make.
Gives: for each target that names a file, the id of its routine (or the reason it cannot be
used), and the catalogue with every file's routine and exercises added to it.

A file changes nothing for the members who do not name it. Its routine and exercises are its
own: one whose id is already taken by a different built-in or ``--catalogue`` item, or by
another file's different item, is added under a new id, the old one followed by the file's
name (``post-run-stretches (stretches.yaml)``), and the file's routine refers to its own
exercises by their new ids. So a file holding ``id: post-run-stretches`` prints that routine
for its member while every other member who names ``post-run-stretches`` gets the built-in
one; a file's ``video_template`` makes the links of the file's own items only. The same item
given by two files (the same text) is added once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from ..errors import LimberError
from ..streams import is_dash
from .model import Catalogue, Exercise, Routine

_Item = TypeVar("_Item", Exercise, Routine)


def _free_id(table: dict[str, _Item], item: _Item, label: str) -> str:
    """The id for ``item`` in ``table``: its own when free or holding the same item, else a new
    one made from it and ``label`` (free, or holding the same item)."""
    ident: str = item.id
    candidates = [ident, f"{ident} ({label})", *(f"{ident} ({label}, {n})" for n in range(2, 10_000))]
    for candidate in candidates:
        held = table.get(candidate)
        if held is None or held == (item if candidate == ident else replace(item, id=candidate)):
            return candidate
    raise AssertionError("ten thousand files give different items the same id")  # pragma: no cover


def _own(base: Catalogue, bigger: Catalogue) -> list[Exercise]:
    """The exercises ``bigger`` has that ``base`` has not, or has otherwise (a file's own)."""
    return [ex for ident, ex in bigger.exercises.items() if base.exercises.get(ident) != ex]


def scoped_routine_files(
    targets: Iterable[str], roster_dir: Path, catalogues: Sequence[str], base: Catalogue
) -> tuple[dict[str, str], Catalogue]:
    """Each target of ``targets`` that names a file -> the id of its routine in the catalogue
    returned (or a message saying why it cannot be used); and ``base`` with the files' items."""
    from .load import find_routine, looks_like_file

    exercises, routines = dict(base.exercises), dict(base.routines)
    found: dict[str, str] = {}
    for target in sorted(t for t in set(targets) if looks_like_file(t)):
        if is_dash(target):  # standard input holds the roster itself, or nothing
            found[target] = "standard input cannot be a routine file of a roster"
            continue
        path = Path(target)
        if not path.is_absolute() and (roster_dir / path).is_file():
            path = roster_dir / path
        try:
            bigger, routine = find_routine(None, str(path), catalogues)  # a file: read with the catalogues
        except LimberError as error:
            found[target] = str(error).splitlines()[-1].strip()
            continue
        label = path.name
        own = _own(base, bigger)
        if bigger.video_template != base.video_template:  # the file's template: for its own items
            own = [ex if ex.video else replace(ex, video=bigger.video_url(ex)) for ex in own]
            if not routine.video:
                routine = replace(routine, video=bigger.video_url(routine))
        # New ids are chosen on the items as the file gives them; then the file's references
        # to its own exercises (routine items, pairs_with) follow them.
        names = {ex.id: _free_id(exercises, ex, label) for ex in own}
        for ex in own:
            name = names[ex.id]
            if name not in exercises:
                exercises[name] = replace(ex, id=name, pairs_with=[names.get(p, p) for p in ex.pairs_with])
        items = [replace(i, exercise=names[i.exercise]) if i.exercise in names else i for i in routine.items]
        routine = replace(routine, items=items)
        name = _free_id(routines, routine, label)
        routines.setdefault(name, replace(routine, id=name))
        found[target] = name
    return found, replace(base, exercises=exercises, routines=routines)
