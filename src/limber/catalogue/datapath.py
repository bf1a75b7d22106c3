"""Names of places in loaded data, as messages show them.

Takes: a path into the data, a tuple of keys and list indexes such as
``("exercises", 3, "dose", "reps")``. Gives: ``field_name(path)``, its name in messages:
``exercises[3].dose.reps``. Kept apart so that the YAML reader and the validators share it
without importing each other.
"""

from __future__ import annotations


def field_name(path: tuple) -> str:
    """('exercises', 3, 'dose', 'reps') -> 'exercises[3].dose.reps'."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out
