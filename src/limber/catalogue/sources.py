"""Where each routine was defined: file and line, for messages about a loaded routine.

Takes: the user's catalogue files (the built-in ones are found by ``load.builtin_files``),
in the order they were loaded. Gives: ``routine_origins`` -> routine id -> ``Origin``
(display file name, YAML positions, path of the routine in the file). A later file wins,
as in ``load_catalogue``. Files that cannot be read are skipped: loading reports those.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataError
from ..resources import display_path
from ..streams import shown_input
from .yamlpos import Positions, read_yaml


@dataclass(frozen=True)
class Origin:
    file: str
    pos: Positions
    path: tuple

    def line(self, *more) -> int | None:
        """Line of the routine, or of a part of it such as ``("items", 3)``."""
        return self.pos.at(self.path + tuple(more))[0]


def routine_origins(user_files: Sequence[Path | str] = ()) -> dict[str, Origin]:
    from .load import builtin_files

    layers = [(path, display_path(path)) for path in builtin_files() if path.parent.name == "routines"]
    layers += [(Path(raw), shown_input(raw)) for raw in user_files]
    origins: dict[str, Origin] = {}
    for path, display in layers:
        try:
            data, pos = read_yaml(path, display)
        except DataError:
            continue
        routines = data.get("routines") if isinstance(data, dict) else None
        for index, routine in enumerate(routines if isinstance(routines, list) else []):
            if isinstance(routine, dict) and isinstance(routine.get("id"), str):
                origins[routine["id"]] = Origin(display, pos, ("routines", index))
    return origins
