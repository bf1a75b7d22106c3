"""The routine builder: a routine that fits the runner's minutes, phase, focus and kit.

Takes: a ``Catalogue`` and a ``Request`` (minutes, phase, focus areas, level, equipment at
hand, excluded ids, title). Gives: a ``Built`` (a ``Routine`` that passes every check of
``plan.checks``, its estimated seconds and how it was asked for), or a ``BuildError`` that
says why the request cannot be met and what would work.

How: exercises that suit the phase, level and equipment are grouped into units (an
exercise with counterparts always comes with one of them). Units covering the focus areas
are chosen first, then other units fill the time (the phase's preferred kinds first), then
extra sets stretch the routine until its estimate lands within ``WINDOW`` of the minutes
asked. A warm-up never holds one muscle group still for more than the checks allow. The
same request always gives the same routine.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from ..catalogue.model import (
    Catalogue,
    Dose,
    Equipment,
    Exercise,
    Level,
    Phase,
    Routine,
    RoutineItem,
    parse_count,
)
from ..catalogue.rules import adapter, dump, replace
from ..errors import NotFoundError
from ..words import count
from .checks import WARM_UP_HOLD_LIMIT, check_routine, hold_totals, partners
from .order import order_key
from .timing import dose_seconds, items_seconds

WINDOW = 0.10  # the estimate lands within 10 % of the minutes asked
BREATHE_FROM = 5  # minutes: a post-run routine this long ends with slow breathing
MAX_SETS = 3  # the builder adds sets up to this many to fill the time

# Kinds the builder reaches for first when filling time after the focus areas.
FILL_ORDER = {
    Phase.warm_up: ("dynamic", "mobility", "massage", "breathing", "stretch", "strength"),
    Phase.post_run: ("stretch", "mobility", "dynamic", "massage", "breathing", "strength"),
    Phase.anytime: ("mobility", "stretch", "massage", "breathing", "dynamic", "strength"),
}


class BuildError(NotFoundError):
    """The request cannot be met; the message says why and what would work."""


def equipment_kit(names) -> frozenset[Equipment]:
    """The equipment a runner has, from names as given ("none" means nothing)."""
    return frozenset(Equipment(name) for name in names if name != "none")


TITLE_CHARS = 80  # as a routine's title in a catalogue file


@dataclass(frozen=True)
class Request:
    minutes: float
    phase: Phase
    focus: tuple[str, ...] = ()
    level: Level = Level.basic
    equipment: frozenset[Equipment] = frozenset()
    exclude: tuple[str, ...] = ()
    title: str | None = None

    def __post_init__(self) -> None:
        """A request a caller made from its own options: the minutes and the title are checked
        here, as a catalogue file's fields are when it loads."""
        from ..bounds import MINUTES
        from ..catalogue.fields import check_text
        from ..errors import UsageError

        low, high = MINUTES
        if not low <= self.minutes <= high:  # nan is neither, and refused too
            raise UsageError(f"the minutes must be a number from {low} to {high}, found {self.minutes}")
        if self.title is not None:
            try:
                object.__setattr__(self, "title", check_text(self.title, TITLE_CHARS))
            except ValueError as error:
                raise UsageError(f"the title {error}") from None

    def describe(self) -> str:
        kit = ", ".join(sorted(e.value for e in self.equipment)) or "none"
        focus = ", ".join(self.focus) or "any"
        return (
            f"{self.minutes:g} min, {self.phase.value}, focus {focus}, level {self.level.value}, "
            f"equipment {kit}" + (f", excluding {', '.join(self.exclude)}" if self.exclude else "")
        )


@dataclass(frozen=True)
class Built:
    routine: Routine
    seconds: int
    request: Request


@dataclass
class _Plan:
    """Chosen exercises in the order chosen, with their doses."""

    catalogue: Catalogue
    phase: Phase
    items: list[tuple[Exercise, Dose]] = field(default_factory=list)

    def seconds(self, extra: tuple[tuple[Exercise, Dose], ...] = ()) -> int:
        return items_seconds([dose_seconds(d, ex) for ex, d in [*self.items, *extra]])

    def holds_ok(self, extra: tuple[tuple[Exercise, Dose], ...] = ()) -> bool:
        if self.phase is not Phase.warm_up:
            return True
        return all(held <= WARM_UP_HOLD_LIMIT for _, _, held in hold_totals([*self.items, *extra]))


def _suits(ex: Exercise, request: Request) -> bool:
    return (
        (request.phase in ex.phases or Phase.anytime in ex.phases)
        and (request.level is Level.advanced or ex.level is Level.basic)
        and set(ex.equipment) <= request.equipment
        and ex.id not in request.exclude
    )


def _units(catalogue: Catalogue, request: Request) -> list[tuple[Exercise, ...]]:
    """Single exercises without counterparts, and each exercise with each usable counterpart."""
    pairs = partners(catalogue)
    usable = {i: ex for i, ex in catalogue.exercises.items() if _suits(ex, request)}
    units: list[tuple[Exercise, ...]] = []
    seen: set[frozenset] = set()
    for ident, ex in usable.items():
        others = pairs.get(ident, ())
        group = [(ex,)] if not others else [(ex, usable[o]) for o in others if o in usable]
        for unit in group:
            key = frozenset(e.id for e in unit)
            if key not in seen:
                seen.add(key)
                units.append(unit)
    return units


def _with(unit: tuple[Exercise, ...]) -> tuple[tuple[Exercise, Dose], ...]:
    return tuple((ex, ex.dose) for ex in unit)


def _areas(unit: tuple[Exercise, ...]) -> set[str]:
    return {a.value for ex in unit for a in ex.areas}


def _add(plan: _Plan, unit: tuple[Exercise, ...]) -> None:
    have = {ex.id for ex, _ in plan.items}
    plan.items += [(ex, ex.dose) for ex in unit if ex.id not in have]


def _new(plan: _Plan, unit: tuple[Exercise, ...]) -> tuple[tuple[Exercise, Dose], ...]:
    have = {ex.id for ex, _ in plan.items}
    return tuple((ex, ex.dose) for ex in unit if ex.id not in have)


def _cover_focus(plan: _Plan, units, focus: tuple[str, ...]) -> list[tuple[str, int]]:
    """Choose units for the focus areas; returns (area, seconds once covered) in order covered."""
    covered: list[tuple[str, int]] = []
    missing = [a for a in focus]
    while missing:
        best = None
        for index, unit in enumerate(units):
            gain = [a for a in missing if a in _areas(unit)]
            extra = _new(plan, unit)
            if not gain or not plan.holds_ok(extra):
                continue
            key = (-len(gain), plan.seconds(extra), index)
            if best is None or key < best[0]:
                best = (key, unit, gain)
        if best is None:
            break
        _add(plan, best[1])
        seconds = plan.seconds()
        for area in best[2]:
            missing.remove(area)
            covered.append((area, seconds))
    return covered


def _too_short(request: Request, covered: list[tuple[str, int]], limit: float) -> BuildError:
    fits = [area for area, s in covered if s <= limit]
    rest = [area for area, s in covered if s > limit]
    need = math.ceil(covered[-1][1] / 60 / (1 + WINDOW))
    if fits:
        more = need - request.minutes
        return BuildError(
            f"{count(request.minutes, 'minute')} covers {' and '.join(fits)} only; add "
            f"{count(more, 'minute')} for {' and '.join(rest)} too (--minutes {need})"
        )
    return BuildError(
        f"{count(request.minutes, 'minute')} is too short for {' and '.join(rest)}; "
        f"ask for at least --minutes {need}"
    )


def _no_exercise(catalogue: Catalogue, request: Request, area: str) -> BuildError:
    hints = []
    everything = Request(
        request.minutes, request.phase, (area,), Level.advanced, frozenset(Equipment), request.exclude
    )
    candidates = [
        ex
        for ex in catalogue.exercises.values()
        if _suits(ex, everything) and area in {a.value for a in ex.areas}
    ]
    kit = sorted({e.value for ex in candidates for e in ex.equipment} - {e.value for e in request.equipment})
    if kit:
        hints.append("--equipment " + " or --equipment ".join(kit))
    if request.level is Level.basic and any(ex.level is Level.advanced for ex in candidates):
        hints.append("--level advanced")
    how = f"; try {' or '.join(hints)}" if hints else "; try another --phase or --focus"
    return BuildError(f"no exercise for {area} fits this request ({request.describe()}){how}")


def _fill(plan: _Plan, units, focus: tuple[str, ...], target: float, limit: float) -> None:
    kinds = FILL_ORDER[plan.phase]
    ranked = sorted(
        range(len(units)),
        key=lambda i: (
            not (_areas(units[i]) & set(focus)),
            min(kinds.index(ex.kind.value) for ex in units[i]),
            i,
        ),
    )
    for index in ranked:
        now = plan.seconds()
        if now >= target:
            break
        extra = _new(plan, units[index])
        if not extra or not plan.holds_ok(extra):
            continue
        after = plan.seconds(extra)
        # take the unit if it fits and brings the estimate nearer the minutes asked
        if after <= limit and (now < target * (1 - WINDOW) or abs(after - target) < abs(now - target)):
            _add(plan, units[index])


def _add_breathing(plan: _Plan, units, limit: float) -> None:
    """A post-run routine winds down with slow breathing, when it has the time."""
    for unit in units:
        extra = _new(plan, unit)
        if extra and all(ex.kind.value == "breathing" for ex, _ in extra) and plan.seconds(extra) <= limit:
            _add(plan, unit)
            return


def _stretch_sets(plan: _Plan, focus: tuple[str, ...], low: float, limit: float) -> None:
    """Add sets, focus exercises first, until the estimate reaches the window."""
    changed = True
    while plan.seconds() < low and changed:
        changed = False
        order = sorted(
            range(len(plan.items)),
            key=lambda i: (not ({a.value for a in plan.items[i][0].areas} & set(focus)), i),
        )
        for index in order:
            ex, dose = plan.items[index]
            if dose.sets >= MAX_SETS:
                continue
            bigger = replace(dose, sets=dose.sets + 1)
            trial = list(plan.items)
            trial[index] = (ex, bigger)
            candidate = _Plan(plan.catalogue, plan.phase, trial)
            if candidate.seconds() <= limit and candidate.holds_ok():
                plan.items = trial
                changed = True
                if plan.seconds() >= low:
                    return


def _trim(plan: _Plan, focus: tuple[str, ...], target: float) -> None:
    """Past the minutes asked, take the low end of ranged doses (others before the focus
    exercises) while that brings the estimate nearer the target."""
    order = sorted(
        range(len(plan.items)),
        key=lambda i: ({a.value for a in plan.items[i][0].areas} & set(focus) != set(), -i),
    )
    for index in order:
        now = plan.seconds()
        if now <= target:
            return
        ex, dose = plan.items[index]
        if dose.count.low == dose.count.high:
            continue
        trial = list(plan.items)
        low_end: dict[str, Any] = {dose.measure: parse_count(dose.count.low)}  # reps, hold_s or time_s
        trial[index] = (ex, replace(dose, **low_end))
        candidate = _Plan(plan.catalogue, plan.phase, trial)
        if abs(candidate.seconds() - target) < abs(now - target):
            plan.items = trial


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "routine"


TITLE_MAX = 30  # characters: a title that stays on one line of a card band, "(continued)" included


def _title(request: Request) -> str:
    if request.title:
        return request.title
    head = f"{request.minutes:g}-min {request.phase.value}"
    full = f"{head}: {', '.join(a.replace('-', ' ') for a in request.focus)}"
    return full if request.focus and len(full) <= TITLE_MAX else head


WHEN = {Phase.warm_up: "before a run", Phase.post_run: "after a run", Phase.anytime: "any time"}


def _summary(catalogue: Catalogue, request: Request, seconds: int, chosen: list[Exercise]) -> str:
    focus = f", for the {' and '.join(a.replace('-', ' ') for a in request.focus)}" if request.focus else ""
    kit = sorted({e.value.replace("-", " ") for ex in chosen for e in ex.equipment})
    needs = f"You need {' and '.join('a ' + k for k in kit)}." if kit else "No equipment needed."
    return f"About {count(round(seconds / 60), 'minute')} {WHEN[request.phase]}{focus}. {needs}"


def build(catalogue: Catalogue, request: Request) -> Built:
    """The routine for ``request``; raises ``BuildError`` when it cannot be met."""
    target = request.minutes * 60
    low, limit = target * (1 - WINDOW), target * (1 + WINDOW)
    units = _units(catalogue, request)
    if not units:
        raise BuildError(
            f"no exercise fits this request ({request.describe()}); try more --equipment, "
            f"--level advanced or fewer --exclude"
        )
    plan = _Plan(catalogue, request.phase)
    covered = _cover_focus(plan, units, request.focus)
    missing = [a for a in request.focus if a not in {c for c, _ in covered}]
    if missing:
        raise _no_exercise(catalogue, request, missing[0])
    if covered and plan.seconds() > limit:
        raise _too_short(request, covered, limit)
    if request.phase is Phase.post_run and request.minutes >= BREATHE_FROM:
        _add_breathing(plan, units, limit)
    _fill(plan, units, request.focus, target, limit)
    _stretch_sets(plan, request.focus, low, limit)
    _trim(plan, request.focus, target)
    seconds = plan.seconds()
    if not plan.items or seconds > limit:
        shortest = min(_Plan(catalogue, request.phase, list(_with(u))).seconds() for u in units)
        raise BuildError(
            f"{count(request.minutes, 'minute')} is too short for any routine of this kind; "
            f"the shortest takes {shortest} s: ask for --minutes {math.ceil(shortest / 60 / (1 + WINDOW))}"
        )
    if seconds < low:
        raise BuildError(
            f"only {seconds // 60} min {seconds % 60} s of exercises fit this request "
            f"({request.describe()}); ask for --minutes {max(1, math.floor(seconds / 60 / (1 - WINDOW)))} "
            f"or allow more --equipment, --level advanced or more --focus areas"
        )
    ranked = sorted(enumerate(plan.items), key=lambda p: order_key(p[1][0], request.phase, p[0]))
    items = [RoutineItem(exercise=ex.id, dose=dose) for _, (ex, dose) in ranked]
    title = _title(request)
    summary = _summary(catalogue, request, seconds, [ex for ex, _ in plan.items])
    routine = adapter(Routine).validate_python(
        {"id": slug(title), "title": title, "phase": request.phase, "summary": summary, "items": items}
    )
    findings = check_routine(catalogue, routine)
    if findings:  # the builder keeps its own rules; this would be a bug
        raise RuntimeError(f"built routine fails its checks: {'; '.join(map(str, findings))}")
    return Built(routine, seconds, request)


def routine_yaml(built: Built, command: str) -> str:
    """The built routine as a catalogue file, with a comment header saying how it was built."""
    import yaml

    routine = dump(built.routine, exclude_none=True)
    routine["items"] = [
        {"exercise": item.exercise, "dose": dump(item.dose, exclude_none=True, exclude_defaults=True)}
        for item in built.routine.items
    ]
    minutes, seconds = divmod(built.seconds, 60)
    header = [
        f"# Built by limber: {command}",
        f"# Asked for: {built.request.describe()}",
        f"# Estimated duration: {minutes} min {seconds:02d} s (within {WINDOW:.0%} of "
        f"{built.request.minutes:g} min)",
        "# Print it: limber card THIS-FILE -o card.pdf   or   limber deck THIS-FILE -o deck.pdf",
        "",
    ]
    body = yaml.safe_dump({"routines": [routine]}, sort_keys=False, allow_unicode=True, width=100)
    return "\n".join(header) + body
