"""The balance principle: a stretch of one side of the body is followed by its counterpart.

Takes: a ``Catalogue`` and a ``Routine``.
Gives: human-readable notes for exercises whose ``pairs_with`` counterpart the routine lacks.
These are advice, not errors: a routine may leave a pair out on purpose.
"""

from __future__ import annotations

from ..catalogue.model import Catalogue, Routine


def balance_notes(catalogue: Catalogue, routine: Routine) -> list[str]:
    present = {item.exercise for item in routine.items}
    notes = []
    for ident in dict.fromkeys(item.exercise for item in routine.items):
        partner = catalogue.exercises[ident].pairs_with
        if partner and partner not in present:
            notes.append(f"{ident} is usually balanced by {partner}, which this routine leaves out")
    return notes
