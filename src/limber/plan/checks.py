"""Routine checks: the balance principle and the phase rules.

Takes: a ``Catalogue`` and a ``Routine`` (and, to say where, an optional ``Origin``).
Gives: ``Finding`` objects (file, line, routine, item, message), advice rather than errors:
a routine may break a rule on purpose. ``limber validate`` and every printing command show
them; ``--strict`` turns them into errors (``as_problems``).

- Balance: an exercise with ``pairs_with`` counterparts (back of leg then front of leg, a
  bend then its opposite) needs at least one of them in the same routine. Pairs count both
  ways, even where a file names only one direction. A per-side exercise counts both sides,
  so an item that drops ``per_side`` from an exercise done on each side is flagged too.
- Phase: an exercise meant only for another phase is flagged, and a warm-up holding one
  muscle group still for more than ``WARM_UP_HOLD_LIMIT`` seconds in all is flagged: short
  static stretches before a run are harmless, long holds can reduce performance.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from ..catalogue.model import Catalogue, Dose, Exercise, Phase, Routine
from ..errors import Problem
from .timing import item_dose

WARM_UP_HOLD_LIMIT = 60  # seconds of static holding per muscle group before a run


@dataclass(frozen=True)
class Finding:
    check: str  # "balance" or "phase"
    routine: str
    item: int | None  # 0-based index of the item the finding is about
    exercise: str | None
    message: str
    file: str = ""
    line: int | None = None

    @property
    def where(self) -> str:
        place = self.file + (f":{self.line}" if self.line else "")
        item = f", item {self.item + 1} ({self.exercise})" if self.item is not None else ""
        return f"{place + ': ' if place else ''}routine {self.routine}{item}"

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"

    def problem(self) -> Problem:
        field = (
            f"items[{self.item}] (routine {self.routine})"
            if self.item is not None
            else f"routine {self.routine}"
        )
        return Problem(self.file or "(routine)", self.line, None, field, self.message)


def partners(catalogue: Catalogue) -> dict[str, tuple[str, ...]]:
    """Each exercise's counterparts, both ways: A pairs with B if either names the other."""
    out: dict[str, dict[str, None]] = {
        ident: dict.fromkeys(ex.pairs_with) for ident, ex in catalogue.exercises.items()
    }
    for ident, ex in catalogue.exercises.items():
        for other in ex.pairs_with:
            out.setdefault(other, {})[ident] = None
    return {ident: tuple(found) for ident, found in out.items()}


def _or(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def balance_findings(catalogue: Catalogue, routine: Routine) -> list[Finding]:
    present = {item.exercise for item in routine.items}
    pairs = partners(catalogue)
    out = []
    reported: set[str] = set()
    for index, item in enumerate(routine.items):
        ident = item.exercise
        counterparts = list(pairs.get(ident, ()))
        if counterparts and not present.intersection(counterparts) and ident not in reported:
            reported.add(ident)
            names = [catalogue.exercises[c].name for c in counterparts]
            which = "which this routine leaves out" if len(names) == 1 else "none of which this routine has"
            out.append(
                Finding(
                    "balance",
                    routine.id,
                    index,
                    ident,
                    f"{catalogue.exercises[ident].name} is usually balanced by {_or(names)}, {which}",
                )
            )
        own = catalogue.exercises[ident].dose
        if own.per_side and not item_dose(catalogue, routine, index).per_side:
            out.append(
                Finding(
                    "balance",
                    routine.id,
                    index,
                    ident,
                    f"{catalogue.exercises[ident].name} is done on each {own.side}, but this item "
                    f"leaves out per_side: true, so only one side gets worked",
                )
            )
    return out


def static_seconds(dose: Dose) -> float:
    """Seconds one muscle group is held still by ``dose`` (each side is its own group)."""
    return dose.count.mean * dose.sets if dose.measure == "hold_s" else 0.0


def hold_totals(items: Sequence[tuple[Exercise, Dose]]) -> Iterator[tuple[int, str, float]]:
    """(item index, area, seconds that area has been held still so far) after each item that
    holds its areas still: the one running sum the phase check and the builder both use."""
    held: dict[str, float] = {}
    for index, (ex, dose) in enumerate(items):
        seconds = static_seconds(dose)
        if seconds:
            for area in ex.areas:
                held[area.value] = held.get(area.value, 0.0) + seconds
                yield index, area.value, held[area.value]


def phase_findings(catalogue: Catalogue, routine: Routine) -> list[Finding]:
    out = []
    if routine.phase is not Phase.anytime:
        for index, item in enumerate(routine.items):
            ex = catalogue.exercises[item.exercise]
            if routine.phase not in ex.phases and Phase.anytime not in ex.phases:
                meant = " and ".join(p.value for p in ex.phases)
                out.append(
                    Finding(
                        "phase",
                        routine.id,
                        index,
                        ex.id,
                        f"{ex.name} is meant for {meant}, not for a {routine.phase.value} routine",
                    )
                )
    if routine.phase is Phase.warm_up:
        pairs = [
            (catalogue.exercises[item.exercise], item_dose(catalogue, routine, index))
            for index, item in enumerate(routine.items)
        ]
        flagged: set[str] = set()
        for index, area, held in hold_totals(pairs):
            if held > WARM_UP_HOLD_LIMIT and area not in flagged:
                flagged.add(area)
                out.append(
                    Finding(
                        "phase",
                        routine.id,
                        index,
                        routine.items[index].exercise,
                        f"this warm-up holds the {area.replace('-', ' ')} still for {held:g} s "
                        f"in all, more than {WARM_UP_HOLD_LIMIT} s: short static stretches before a run are "
                        f"harmless, but long holds can reduce performance; keep them short or move them "
                        f"after the run",
                    )
                )
    return out


def check_routine(catalogue: Catalogue, routine: Routine, origin=None) -> list[Finding]:
    """Every balance and phase finding of ``routine``, placed at its file and line when
    ``origin`` (a ``catalogue.sources.Origin``) is given, in item order."""
    found = sorted(
        balance_findings(catalogue, routine) + phase_findings(catalogue, routine),
        key=lambda f: -1 if f.item is None else f.item,
    )
    return found if origin is None else placed(found, origin)


def placed(findings: list[Finding], origin) -> list[Finding]:
    """``findings`` of one routine at its file and line (``origin``: a ``catalogue.sources.Origin``)."""
    return [
        replace(
            f, file=origin.file, line=origin.line("items", f.item) if f.item is not None else origin.line()
        )
        for f in findings
    ]


def as_problems(findings: list[Finding]) -> list[Problem]:
    return [f.problem() for f in findings]


def balance_notes(catalogue: Catalogue, routine: Routine) -> list[str]:
    """The balance findings as plain sentences (for routine views)."""
    return [f.message for f in balance_findings(catalogue, routine)]
