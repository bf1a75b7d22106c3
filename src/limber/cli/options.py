"""The options that several ``limber`` commands share, and the checks of option values.

Takes: nothing at import (only click). Gives: decorators that add one option each to a click
command (``catalogue_option``, ``json_option``, ``strict_option``, ``force_option``,
``theme_option``, ``size_option``, ``output_option``), the choices of the filtering options
(``PHASES``, ``KINDS``, ``LEVELS``), and value checks that turn what was typed into values or
raise ``click.BadParameter`` (usage error, exit 2): ``offset_mm``, ``finite_mm``, ``area_names``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import Any

import click

from ..textsafe import escape

PHASES = ["warm-up", "post-run", "anytime"]
KINDS = ["stretch", "mobility", "dynamic", "massage", "breathing", "strength"]
LEVELS = ["basic", "advanced"]


def catalogue_option(func: Callable) -> Callable:
    return click.option(
        "--catalogue",
        "catalogues",
        multiple=True,
        metavar="FILE",
        type=click.Path(dir_okay=False),
        help="A YAML file of your own exercises and/or routines; repeatable. "
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
        help="default, ink-saver, large-print, or a theme YAML file.",
    )(func)


def size_option(func: Callable) -> Callable:
    return click.option(
        "--size",
        metavar="SIZE",
        help="credit, poker, bridge, a6, a7, index-3x5 (add -landscape or -portrait), "
        "or WxH in mm. Default: the theme's (poker for exercises, credit for routines).",
    )(func)


def output_option(func: Callable) -> Callable:
    return click.option(
        "-o",
        "--output",
        required=True,
        type=click.Path(dir_okay=False),
        help="The PDF file to write (written only if everything succeeds).",
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


def finite_mm(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """A click callback that refuses infinite and not-a-number lengths."""
    if value is not None and not math.isfinite(value):
        raise click.BadParameter(f"expected a number of millimetres, found {value}")
    return value


def area_names(values: Iterable[str], hint: str) -> tuple[str, ...]:
    """The body areas given to option ``hint``, each once, in the order given; any unknown one
    is a usage error naming the known ones."""
    from ..catalogue.model import Area

    known = [a.value for a in Area]
    for value in values:
        if value not in known:
            raise click.BadParameter(
                f"unknown area '{value}'; choose from {', '.join(known)}", param_hint=hint
            )
    return tuple(dict.fromkeys(values))
