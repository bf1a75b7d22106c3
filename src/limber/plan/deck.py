"""Which cards go in a deck, in what order, with what dose and number.

Takes: a catalogue, targets (routine ids, routine files already resolved, exercise ids) or
"all". Gives: ``DeckEntry`` items: each routine's routine card followed by one card per item
of the routine, in order, numbered "n of N" as on the routine card's list and carrying that
item's dose and note; then the loose exercises (an exercise already printed loose is not
repeated), numbered among themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..catalogue.model import Catalogue, Dose, Exercise, Routine
from .timing import item_dose


@dataclass(frozen=True)
class DeckEntry:
    kind: str  # "routine" or "exercise"
    item: Routine | Exercise
    number: tuple[int, int] | None = None  # (n, N) among the exercises of its routine or of the loose cards
    routine: Routine | None = None  # the routine an exercise card is printed for
    dose: Dose | None = None  # the dose to print: the routine item's, else the exercise's
    note: str | None = None  # the routine item's note


def plan_deck(
    catalogue: Catalogue,
    routines: Iterable[Routine] = (),
    exercises: Iterable[Exercise] = (),
    everything: bool = False,
    order: list[Routine | Exercise] | None = None,
) -> list[DeckEntry]:
    """Routine cards and exercise cards in the order given (``order``), or the whole catalogue."""
    targets: list[Routine | Exercise] = order if order is not None else [*routines, *exercises]
    if everything:
        targets = [*targets, *catalogue.exercises.values()]
    loose = list(dict.fromkeys(t.id for t in targets if not isinstance(t, Routine)))
    entries: list[DeckEntry] = []
    placed: set[str] = set()
    for target in targets:
        if isinstance(target, Routine):
            entries.append(DeckEntry("routine", target))
            total = len(target.items)
            for index, item in enumerate(target.items):
                entries.append(
                    DeckEntry(
                        "exercise",
                        catalogue.exercises[item.exercise],
                        (index + 1, total),
                        target,
                        item_dose(catalogue, target, index),
                        item.note,
                    )
                )
        elif target.id not in placed:
            placed.add(target.id)
            entries.append(
                DeckEntry("exercise", target, (loose.index(target.id) + 1, len(loose)), dose=target.dose)
            )
    return entries
