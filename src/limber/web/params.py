"""The values of a web request, read and checked as the command line checks its options.

Takes: the fields of a form (a multi-dict) or of a JSON object (``fields_of_json`` turns one
into the other). Gives: plain option values for the jobs (``card_params``, ``deck_params``,
``poster_params``, ``build_params``, ``club_params``, ``filters``), or the same errors as the
command line: a number that is not one or is out of range is a ``UsageError`` (HTTP 400, exit
2), a name that is none of its choices a ``NotFoundError`` with the closest ones (HTTP 422,
exit 3). Numbers keep the command line's bounds (``limber.bounds`` and the options' ranges).

Nothing here names a file: themes are the bundled ones by name, and targets are ids, checked
against the catalogue in the worker.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import Any

from ..bounds import MINUTES, POSTER_DISTANCES
from ..errors import NotFoundError, UsageError
from ..words import suggest

Fields = Mapping[str, Sequence[str]]

PHASES = ("warm-up", "post-run", "anytime")
KINDS = ("stretch", "mobility", "dynamic", "massage", "breathing", "strength")
LEVELS = ("basic", "advanced")
EQUIPMENT = ("none", "wall", "mat", "chin-up-bar", "pole", "chair")
DUPLEX = ("long", "short", "off")
ORIENTATIONS = ("auto", "portrait", "landscape")
TILES = ("a4", "letter")
CARD_SIZES = ("poker", "credit", "bridge", "a7", "index-3x5", "a6", "a5")
SHEETS = ("a4", "letter", "a5", "a3", "a2", "a1", "a0", "tabloid", "none")
POSTER_PAPERS = ("a3", "a4", "a2", "a1", "a0", "letter", "tabloid")
CLUB_SHEETS = ("a4", "letter")
MAX_TARGETS = 100
MAX_TEXT = 200  # characters of a free-text value (a size, a paper, a title before its own check)


@cache
def areas() -> tuple[str, ...]:
    from ..catalogue.model import Area

    return tuple(a.value for a in Area)


@cache
def themes() -> tuple[str, ...]:
    """The bundled themes, by name: the only themes the web page offers."""
    from ..resources import templates_dir

    names = sorted(p.stem for p in templates_dir().glob("*.yaml"))
    return tuple(["default", *(n for n in names if n != "default")])


def fields_of_json(data: Any) -> dict[str, list[str]]:
    """A JSON object's members as form fields: lists stay lists, numbers and booleans become text."""
    if not isinstance(data, dict):
        raise UsageError("the request body must be a JSON object")

    def text(value: Any) -> str:
        if isinstance(value, bool):
            return "true" if value else ""
        if value is None:
            return ""
        if isinstance(value, int | float | str):
            return str(value)
        raise UsageError(f"expected text, a number or true/false, found {type(value).__name__}")

    out: dict[str, list[str]] = {}
    for key, value in data.items():
        out[str(key)] = [text(v) for v in value] if isinstance(value, list) else [text(value)]
    return out


def one(fields: Fields, name: str, default: str | None = None) -> str | None:
    """The field's value, stripped (the last one given); ``default`` when missing or blank."""
    values = [v.strip() for v in fields.get(name, ()) if v and v.strip()]
    if not values:
        return default
    if len(values[-1]) > MAX_TEXT:
        raise UsageError(f"{name}: at most {MAX_TEXT} characters")
    return values[-1]


def many(fields: Fields, name: str, limit: int = MAX_TARGETS) -> list[str]:
    """Every value given for the field, blank ones left out, in order, each once."""
    values = list(dict.fromkeys(v.strip() for v in fields.get(name, ()) if v and v.strip()))
    if len(values) > limit:
        raise UsageError(f"{name}: at most {limit} values")
    for value in values:
        if len(value) > MAX_TEXT:
            raise UsageError(f"{name}: at most {MAX_TEXT} characters each")
    return values


def flag(fields: Fields, name: str) -> bool:
    value = one(fields, name)
    return value is not None and value.lower() in ("1", "true", "on", "yes")


def number(
    fields: Fields, name: str, lo: float, hi: float, default: float | None = None, integer: bool = False
) -> float | None:
    """A number from ``lo`` to ``hi`` (never nan or infinite), or ``default`` when not given."""
    value = one(fields, name)
    if value is None:
        return default
    try:
        found = float(value)
    except ValueError:
        found = math.nan
    if integer and math.isfinite(found) and found != int(found):
        found = math.nan
    if not math.isfinite(found) or not lo <= found <= hi:
        kind = "a whole number" if integer else "a number"
        raise UsageError(f"{name}: expected {kind} from {lo:g} to {hi:g}, found {value[:40]}")
    return int(found) if integer else found


def named(
    fields: Fields, name: str, choices: Iterable[str], what: str, default: str | None = None
) -> str | None:
    """One of ``choices`` (in any case), or a ``NotFoundError`` naming the closest."""
    value = one(fields, name, default)
    return value if value is None else check_name(value, choices, what)


def check_name(value: str, choices: Iterable[str], what: str) -> str:
    options = list(choices)
    key = value.strip().lower()
    if key in options:
        return key
    shown = value if len(value) <= 60 else value[:60] + "..."
    raise NotFoundError(f"unknown {what} '{shown}'{suggest(key, options)}: use one of {', '.join(options)}")


def offset(fields: Fields) -> tuple[float, float]:
    value = one(fields, "offset", "0,0")
    assert value is not None
    try:
        x, y = (float(v) for v in value.split(","))
        if not (math.isfinite(x) and math.isfinite(y)):
            raise ValueError(value)
    except ValueError:
        raise UsageError(
            f"offset: expected X,Y in millimetres such as 1.5,-0.5, found {value[:40]}"
        ) from None
    if abs(x) > 20 or abs(y) > 20:
        raise UsageError("offset: an offset of more than 20 mm is not a printer misregistration")
    return x, y


def targets(fields: Fields) -> list[str]:
    found = many(fields, "target")
    if not found:
        raise UsageError("target: choose a routine or one or more exercises")
    return found


def theme(fields: Fields) -> str:
    value = named(fields, "theme", themes(), "theme", "default")
    assert value is not None
    return value


def card_params(fields: Fields) -> dict[str, Any]:
    return {"size": one(fields, "size"), "theme": theme(fields)}


def deck_params(fields: Fields) -> dict[str, Any]:
    fold = flag(fields, "fold")
    duplex = named(fields, "duplex", DUPLEX, "duplex mode", "long")
    return {
        "size": one(fields, "size"),
        "sheet": (one(fields, "sheet", "a4") or "a4").lower(),
        "duplex": "off" if fold else duplex,
        "fold": fold,
        "bleed": number(fields, "bleed", 0, 10),
        "crop_marks": not flag(fields, "no_crop_marks"),
        "offset": offset(fields),
        "theme": theme(fields),
        "copies": number(fields, "copies", 1, 1000, 1, integer=True),
    }


def poster_params(fields: Fields) -> dict[str, Any]:
    tile = one(fields, "tile")
    return {
        "paper": (one(fields, "paper", "a3") or "a3").lower(),
        "orientation": named(fields, "orientation", ORIENTATIONS, "orientation", "auto"),
        "distance": number(fields, "distance", *POSTER_DISTANCES),
        "theme": theme(fields),
        "title": one(fields, "title"),
        "tile": None if tile is None or tile.lower() == "none" else check_name(tile, TILES, "tile paper"),
        "overlap": number(fields, "overlap", 3, 30, 10.0),
    }


def build_params(fields: Fields) -> dict[str, Any]:
    minutes = number(fields, "minutes", *MINUTES)
    if minutes is None:
        raise UsageError(f"minutes: give how long the routine takes, {MINUTES[0]} to {MINUTES[1]} minutes")
    phase = named(fields, "phase", PHASES, "phase")
    if phase is None:
        raise UsageError("phase: choose warm-up, post-run or anytime")
    return {
        "minutes": minutes,
        "phase": phase,
        "focus": [check_name(a, areas(), "area") for a in many(fields, "focus")],
        "level": named(fields, "level", LEVELS, "level", "basic"),
        "equipment": [check_name(e, EQUIPMENT, "equipment") for e in many(fields, "equipment")] or ["none"],
        "exclude": many(fields, "exclude"),
        "title": one(fields, "title"),
    }


def club_params(fields: Fields) -> dict[str, Any]:
    return {
        "sheet": named(fields, "sheet", CLUB_SHEETS, "sheet", "a4"),
        "duplex": named(fields, "duplex", DUPLEX, "duplex mode", "long"),
        "size": one(fields, "size"),
        "theme": theme(fields),
    }


def filters(fields: Fields) -> dict[str, Any]:
    """The exercise list's filters: phase, area, kind, level and the equipment at hand."""
    return {
        "phase": named(fields, "phase", PHASES, "phase"),
        "area": named(fields, "area", areas(), "area"),
        "kind": named(fields, "kind", KINDS, "kind"),
        "level": named(fields, "level", LEVELS, "level"),
        "equipment": [check_name(e, EQUIPMENT, "equipment") for e in many(fields, "equipment")] or None,
    }
