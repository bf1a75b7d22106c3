"""What to print for each member of a running club.

Takes: a roster (``catalogue.roster.Roster``), the catalogue (with any routine
files the roster names already loaded) and, for routine files, the ids they hold.
Gives: one ``MemberPlan`` per good member (their routines, in roster order: the ones named,
then one built for them from minutes and focus) and a ``Problem`` with the roster's file,
line and column for each member whose routines cannot be found or built. The same request
is built once and shared by every member who makes it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..catalogue.load import suggest
from ..catalogue.model import Catalogue, Routine
from ..catalogue.roster import Member, Roster
from ..errors import Problem
from .builder import BuildError, Request, build, equipment_kit
from .checks import check_routine


@dataclass(frozen=True)
class MemberPlan:
    member: Member
    routines: tuple[Routine, ...]


def member_request(member: Member) -> Request:
    """What to build for a member who gave minutes."""
    assert member.minutes is not None, "only a member who gave minutes has a routine built"
    return Request(
        minutes=member.minutes,
        phase=member.phase,
        focus=member.focus,
        level=member.level,
        equipment=equipment_kit(member.equipment),
    )


def plan_members(
    roster: Roster,
    catalogue: Catalogue,
    file_routines: dict[str, str],
    strict: bool = False,
    warn: Callable[[str], None] | None = None,
) -> tuple[list[MemberPlan], list[Problem]]:
    """``file_routines`` maps a routine file named in the roster to the id of its routine
    (or to a message saying why it cannot be used)."""
    plans: list[MemberPlan] = []
    problems: list[Problem] = []
    built: dict[Request, Routine | BuildError] = {}
    warned: dict[str, list] = {}

    def bad(member: Member, column: str, message: str) -> None:
        problems.append(Problem(roster.file, member.line, roster.columns.get(column), column, message))

    for member in roster.members:
        routines: list[Routine] = []
        failed = False
        for target in member.routines:
            if target in file_routines:
                ident = file_routines[target]
                if ident not in catalogue.routines:
                    bad(member, "routines", f"routine file {target}: {ident}")
                    failed = True
                    continue
            else:
                ident = target
            if ident not in catalogue.routines:
                bad(member, "routines", f"unknown routine '{ident}'{suggest(ident, catalogue.routines)}")
                failed = True
                continue
            routines.append(catalogue.routines[ident])
        if member.minutes is not None:
            request = member_request(member)
            if request not in built:
                try:
                    built[request] = build(catalogue, request).routine
                except BuildError as error:
                    built[request] = error
            result = built[request]
            if isinstance(result, BuildError):
                bad(member, "minutes", f"cannot build a routine: {result}")
                failed = True
            else:
                routines.append(result)
        for routine in routines:
            if routine.id not in warned:
                warned[routine.id] = check_routine(catalogue, routine)
                for finding in warned[routine.id]:
                    if warn and not strict:
                        warn(str(finding))
            if strict and warned[routine.id]:
                bad(
                    member,
                    "routines",
                    f"routine {routine.id} has warnings (--strict): {warned[routine.id][0].message}",
                )
                failed = True
        if not failed:
            plans.append(MemberPlan(member, tuple(routines)))
    return plans, problems
