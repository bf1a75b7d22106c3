"""Which cards go in a deck, in what order.

Takes: a catalogue, targets (routine ids, routine files already resolved, exercise ids) or
"all". Gives: ``DeckEntry`` items: each routine's routine card followed by its exercises in
order; an exercise already in the deck is not repeated.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional, Union

from ..catalogue.model import Catalogue, Exercise, Routine


@dataclass(frozen=True)
class DeckEntry:
    kind: str                     # "routine" or "exercise"
    item: Union[Routine, Exercise]


def plan_deck(catalogue: Catalogue, routines: Iterable[Routine] = (), exercises: Iterable[Exercise] = (),
              everything: bool = False, order: Optional[list[Union[Routine, Exercise]]] = None) -> list[DeckEntry]:
    """Routine cards and exercise cards in the order given (``order``), or the whole catalogue."""
    entries: list[DeckEntry] = []
    seen: set[str] = set()

    def add_exercise(ex: Exercise) -> None:
        if ex.id not in seen:
            seen.add(ex.id)
            entries.append(DeckEntry("exercise", ex))

    targets = order if order is not None else [*routines, *exercises]
    if everything:
        targets = [*targets, *catalogue.exercises.values()]
    for target in targets:
        if isinstance(target, Routine):
            entries.append(DeckEntry("routine", target))
            for item in target.items:
                add_exercise(catalogue.exercises[item.exercise])
        else:
            add_exercise(target)
    return entries
