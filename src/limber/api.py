"""The library face of limber: what the CLI calls, usable without it.

Takes: catalogue file paths, ids and options. Gives: the loaded catalogue, plain JSON-ready
views of exercises and routines, the report of ``validate --json`` (``validation_report``),
and (in ``limber.products``) finished PDF files.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

from .catalogue.load import find_exercise, find_routine, load_catalogue
from .catalogue.model import Catalogue, CatalogueFile, Exercise, Routine
from .catalogue.rules import adapter, dump
from .errors import Problem
from .plan.checks import Finding, balance_notes, check_routine, placed
from .plan.timing import dose_seconds, item_dose, item_seconds, routine_seconds
from .streams import shown_input

__all__ = [
    "load_catalogue",
    "find_exercise",
    "find_routine",
    "exercise_view",
    "routine_view",
    "filter_exercises",
    "filter_routines",
    "catalogue_schema",
    "routine_findings",
    "build_routine",
    "build_command",
    "validation_report",
]


def exercise_view(catalogue: Catalogue, ex: Exercise) -> dict[str, Any]:
    """Every field of an exercise as JSON-ready data, with its effective video link."""
    data = dump(ex, exclude={"figure"})
    data["video"] = catalogue.video_url(ex)
    data["video_is_own"] = ex.video is not None
    data["dose_label"] = ex.dose_label()
    data["duration_s"] = dose_seconds(ex.dose, ex)
    data["has_figure"] = has_figure(ex)
    return data


def has_figure(ex: Exercise) -> bool:
    return ex.figure is not None


def routine_view(catalogue: Catalogue, routine: Routine) -> dict[str, Any]:
    """A routine with each item's exercise name, effective dose and the estimated duration."""
    data = dump(routine)
    data["video"] = catalogue.video_url(routine)
    for index, item in enumerate(data["items"]):
        dose = item_dose(catalogue, routine, index)
        item["name"] = catalogue.exercises[item["exercise"]].name
        item["dose"] = dump(dose)
        item["dose_label"] = catalogue.exercises[item["exercise"]].dose_label(dose)
        item["duration_s"] = item_seconds(catalogue, routine, index)
    data["duration_s"] = routine_seconds(catalogue, routine)
    data["balance_notes"] = balance_notes(catalogue, routine)
    data["warnings"] = [str(f) for f in check_routine(catalogue, routine)]
    return data


def filter_exercises(
    catalogue: Catalogue,
    phase: str | None = None,
    area: str | None = None,
    kind: str | None = None,
    level: str | None = None,
    equipment: Collection[str] | None = None,
) -> list[Exercise]:
    """Exercises matching every given filter, in catalogue order. ``equipment`` is what the
    runner has at hand (``none``: nothing), as ``limber build --equipment`` takes it: an
    exercise that needs anything else is left out."""
    kit = None if equipment is None else {e for e in equipment if e != "none"}
    out = []
    for ex in catalogue.exercises.values():
        if phase and phase not in [p.value for p in ex.phases]:
            continue
        if area and area not in [a.value for a in ex.areas]:
            continue
        if kind and ex.kind.value != kind:
            continue
        if level and ex.level.value != level:
            continue
        if kit is not None and not {e.value for e in ex.equipment} <= kit:
            continue
        out.append(ex)
    return out


def filter_routines(catalogue: Catalogue, phase: str | None = None) -> list[Routine]:
    """Routines for ``phase`` (every routine when None), in catalogue order."""
    return [r for r in catalogue.routines.values() if not phase or r.phase.value == phase]


def build_routine(
    catalogue: Catalogue,
    minutes: float,
    phase: str,
    focus: Sequence[str] = (),
    level: str = "basic",
    equipment: Sequence[str] = ("none",),
    exclude: Sequence[str] = (),
    title: str | None = None,
):
    """What ``limber build`` makes of its options: a ``plan.builder.Built`` routine, or a
    ``NotFoundError`` for an excluded id that is no exercise, or a ``BuildError`` saying why
    the request cannot be met. Names are given as the command line takes them."""
    from .catalogue.model import Level, Phase
    from .plan.builder import Request, build, equipment_kit

    for ident in exclude:
        find_exercise(catalogue, ident)
    request = Request(
        minutes=minutes,
        phase=Phase(phase),
        focus=tuple(dict.fromkeys(focus)),
        level=Level(level),
        equipment=equipment_kit(equipment),
        exclude=tuple(exclude),
        title=title,
    )
    return build(catalogue, request)


def build_command(
    minutes: float,
    phase: str,
    focus: Sequence[str] = (),
    level: str = "basic",
    equipment: Sequence[str] = ("none",),
    exclude: Sequence[str] = (),
    title: str | None = None,
    catalogues: Sequence[str] = (),
) -> str:
    """The ``limber build`` command line that makes the same routine (for the file's header)."""
    import json

    return " ".join(
        [
            "limber build",
            f"--minutes {minutes:g}",
            f"--phase {phase}",
            *(f"--focus {a}" for a in dict.fromkeys(focus)),
            f"--level {level}",
            *(f"--equipment {e}" for e in equipment),
            *(f"--exclude {i}" for i in exclude),
            *([f"--title {json.dumps(title)}"] if title else []),
            *(f"--catalogue {c}" for c in catalogues),
        ]
    )


def catalogue_schema() -> dict[str, Any]:
    """JSON Schema of one catalogue file."""
    schema = adapter(CatalogueFile).json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "limber catalogue file"
    return schema


def routine_findings(
    catalogue: Catalogue, routines: Sequence[Routine], user_files: Sequence[Path | str] = ()
) -> list[Finding]:
    """Balance and phase findings of ``routines``, each placed at its file and line. The files
    are read again for those lines only when there is something to place."""
    from .catalogue.sources import routine_origins

    found = [(r, check_routine(catalogue, r)) for r in routines]
    if not any(findings for _, findings in found):
        return []
    origins = routine_origins(user_files)
    return [
        f for r, findings in found for f in (placed(findings, origins[r.id]) if r.id in origins else findings)
    ]


def _entry(problem: Problem, severity: str, check: str) -> dict[str, Any]:
    return {
        "file": problem.file,
        "line": problem.line,
        "column": problem.column,
        "field": problem.field,
        "message": problem.message,
        "severity": severity,
        "check": check,
    }


def validation_report(user_files: Sequence[Path | str] = (), strict: bool = False) -> dict[str, Any]:
    """What ``limber validate`` finds in the built-in catalogue and ``user_files``, as
    JSON-ready data: ``ok``, a ``summary`` (counts of errors and warnings, of exercises and
    routines, the files checked) and ``problems``, each with its file, line, column (None
    where unknown), field, message, severity (``error`` or ``warning``) and check (``data``
    for a wrong value, ``text`` for text that looks wrong, ``balance`` and ``phase`` for
    routines; with ``strict`` those two are errors). Routines are checked only when the
    data is valid."""
    from .catalogue.load import load_with_warnings
    from .errors import DataError

    entries: list[dict[str, Any]] = []
    catalogue = None
    try:
        catalogue, lint = load_with_warnings(user_files)
    except DataError as error:
        entries += [_entry(p, "error", "data") for p in error.problems]
    else:
        entries += [_entry(p, "warning", "text") for p in lint]
        for finding in routine_findings(catalogue, list(catalogue.routines.values()), user_files):
            entries.append(_entry(finding.problem(), "error" if strict else "warning", finding.check))
    errors = sum(1 for e in entries if e["severity"] == "error")
    return {
        "ok": not errors,
        "summary": {
            "errors": errors,
            "warnings": len(entries) - errors,
            "exercises": len(catalogue.exercises) if catalogue else None,
            "routines": len(catalogue.routines) if catalogue else None,
            "files": [shown_input(f) for f in user_files],
        },
        "problems": entries,
    }
