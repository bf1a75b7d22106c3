"""The options that several ``limber`` commands share, and the checks of option values.

Takes: nothing at import (only click). Gives: decorators that add one option each to a click
command (``catalogue_option``, ``json_option``, ``strict_option``, ``force_option``,
``theme_option``, ``size_option``, ``output_option``); ``Names``, the type of an option that
takes one of a set of names, and those sets (``PHASES``, ``KINDS``, ``LEVELS``, ``AREAS``,
``EQUIPMENT``, the same as the catalogue model's, kept here so that ``--help`` does not load
the model); and value checks that turn what was typed into values or raise
``click.BadParameter`` (usage error, exit 2): ``offset_mm``, and ``Number``, the type of every
option that takes a number (never nan or inf).

An option value that is not one of its names is an unknown name, like an unknown exercise,
routine, theme or size: ``NotFoundError`` (exit 3) with the closest names. Status 2 is kept
for a command line that is malformed: an unknown option, a missing argument, a number that
is not one or is out of range.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import Any

import click

from ..textsafe import escape
from . import complete

PHASES = ["warm-up", "post-run", "anytime"]
KINDS = ["stretch", "mobility", "dynamic", "massage", "breathing", "strength"]
LEVELS = ["basic", "advanced"]
AREAS = [
    "back",
    "lower-back",
    "hips",
    "hip-flexors",
    "glutes",
    "hamstrings",
    "quads",
    "inner-thighs",
    "outer-thighs",
    "calves",
    "knees",
    "ankles",
    "feet",
    "core",
    "spine",
    "shoulders",
    "upper-back",
    "chest",
    "neck",
    "breathing",
]
EQUIPMENT = ["none", "wall", "mat", "chin-up-bar", "pole", "chair"]


class Names(click.Choice):
    """One of a set of names, ``what`` they are called in messages ("area", "phase"), in any
    case. Any other value is an unknown name: a ``NotFoundError`` (exit 3) naming the closest
    ones and every one, raised while the command line is read, before anything is loaded."""

    def __init__(self, choices: Iterable[str], what: str):
        super().__init__(list(choices), case_sensitive=False)
        self.what = what

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            raise unknown_name(self.what, str(value), [str(c) for c in self.choices]) from None


def unknown_name(what: str, value: str, choices: list[str]):
    """The error for ``value``, which is none of ``choices``: 'unknown area 'hipz' (did you
    mean hips?): use one of ...'."""
    from ..catalogue.load import short_name
    from ..errors import NotFoundError
    from ..words import suggest

    return NotFoundError(
        f"unknown {what} '{short_name(value)}'{suggest(value.lower(), choices)}: use one of {', '.join(choices)}"
    )


def catalogue_option(func: Callable) -> Callable:
    return click.option(
        "--catalogue",
        "catalogues",
        multiple=True,
        metavar="FILE",
        type=click.Path(dir_okay=False, allow_dash=True),
        help="A YAML file of your own exercises and/or routines (- reads standard input); repeatable. "
        "An id that exists already replaces the built-in one.",
    )(func)


def json_option(func: Callable) -> Callable:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")(func)


def strict_option(func: Callable) -> Callable:
    return click.option(
        "--strict",
        is_flag=True,
        help="Treat routine warnings (balance, phase) as errors: exit 3, write nothing.",
    )(func)


def force_option(func: Callable) -> Callable:
    return click.option(
        "--force",
        is_flag=True,
        help="Replace an existing output file even if it is not a PDF "
        "(an input file of the command is never replaced).",
    )(func)


def theme_option(func: Callable) -> Callable:
    return click.option(
        "--theme",
        default="default",
        show_default=True,
        metavar="NAME|FILE",
        shell_complete=complete.themes,
        help="default, ink-saver, large-print, or a theme YAML file.",
    )(func)


def size_option(func: Callable) -> Callable:
    return click.option(
        "--size",
        metavar="SIZE",
        shell_complete=complete.sizes,
        help="credit, poker, bridge, a6, a7, index-3x5, a5 (add -landscape or -portrait), "
        "or WxH in mm. Default: the theme's (poker for exercises, credit for routines).",
    )(func)


def output_option(func: Callable) -> Callable:
    return click.option(
        "-o",
        "--output",
        required=True,
        type=click.Path(dir_okay=False, allow_dash=True),
        help="The PDF file to write (written only if everything succeeds); - for standard output.",
    )(func)


def offset_mm(value: str) -> tuple[float, float]:
    """The X,Y shift of ``--offset`` in millimetres, at most 20 mm either way."""
    try:
        x, y = (float(v) for v in value.split(","))
        if not (math.isfinite(x) and math.isfinite(y)):
            raise ValueError(value)
    except ValueError:
        raise click.BadParameter(
            f"expected X,Y in millimetres such as 1.5,-0.5, found '{escape(value)}'", param_hint="--offset"
        ) from None
    if abs(x) > 20 or abs(y) > 20:
        raise click.BadParameter(
            "an offset of more than 20 mm is not a printer misregistration", param_hint="--offset"
        )
    return x, y


class Number(click.FloatRange):
    """A number from ``lo`` to ``hi``: click's ``FloatRange``, which lets ``nan`` through
    (nan is neither below nor above a bound), made to refuse it, and ``inf`` too. Every
    option that takes a number uses it."""

    name = "number"

    def __init__(self, lo: float | None = None, hi: float | None = None) -> None:
        super().__init__(lo, hi)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            number = float(value)
        except (TypeError, ValueError):
            number = math.nan
        low = self.min is not None and number < self.min
        high = self.max is not None and number > self.max
        if not math.isfinite(number) or low or high:
            self.fail(f"expected a number{self.bounds()}, found {escape(str(value))}", param, ctx)
        return number

    def bounds(self) -> str:
        if self.min is not None and self.max is not None:
            return f" from {self.min:g} to {self.max:g}"
        if self.min is not None:
            return f" of {self.min:g} or more"
        if self.max is not None:
            return f" of {self.max:g} or less"
        return ""
