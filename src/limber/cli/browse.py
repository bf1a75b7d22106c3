"""The read-only commands: ``list``, ``show``, ``routines``, ``routine``, ``validate``, ``schema``.

Takes: ids, filters and catalogue files from the command line. Gives: the catalogue's
exercises and routines as text (names in bold on a terminal) or JSON on standard output,
warnings on standard error, and the JSON Schema of a catalogue file. They write no file and
load neither reportlab nor qrcode.
"""

from __future__ import annotations

import click

from ..textsafe import escape
from ..words import count
from . import complete
from .common import check_routines, echo, print_json, read_catalogue, stdin_once
from .options import AREAS, KINDS, LEVELS, PHASES, Names, catalogue_option, json_option, strict_option


@click.command("list")
@click.option("--phase", type=Names(PHASES, "phase"), help="Only exercises for this phase.")
@click.option(
    "--area",
    type=Names(AREAS, "area"),
    metavar="AREA",
    help="Only exercises that work this body area (e.g. hips).",
)
@click.option("--kind", type=Names(KINDS, "kind"), help="Only exercises of this kind.")
@click.option("--level", type=Names(LEVELS, "level"), help="Only exercises of this level.")
@json_option
@catalogue_option
def list_cmd(phase, area, kind, level, as_json, catalogues) -> None:
    """List the exercises of the catalogue.

    \b
    Examples:
      limber list
      limber list --phase warm-up --area hips
      limber list --kind stretch --json
    """
    from ..api import exercise_view, filter_exercises

    cat = read_catalogue(catalogues)
    found = filter_exercises(cat, phase=phase, area=area, kind=kind, level=level)
    if as_json:
        print_json([exercise_view(cat, ex) for ex in found])
        return
    width = max((len(ex.id) for ex in found), default=10)
    for ex in found:
        echo(f"{ex.id:<{width}}  {ex.name:<28}  {ex.kind.value:<9}  {ex.level.value:<8}  {ex.dose_label()}")
    echo(count(len(found), "exercise"), err=True)


@click.command()
@click.argument("ident", metavar="ID", shell_complete=complete.exercises)
@json_option
@catalogue_option
def show(ident, as_json, catalogues) -> None:
    """Show one exercise in full.

    \b
    Examples:
      limber show walking-knee-hug
      limber show bridge-roll-up --json
    """
    from ..api import exercise_view, find_exercise, has_figure
    from ..catalogue.model import OWN_STEPS

    cat = read_catalogue(catalogues)
    ex = find_exercise(cat, ident)
    if as_json:
        print_json(exercise_view(cat, ex))
        return
    lines = [
        f"{ex.name}  ({ex.id})",
        f"{ex.kind.value}, {ex.level.value}; for {', '.join(p.value for p in ex.phases)}",
        f"Works: {', '.join(a.value for a in ex.areas)}",
        f"Equipment: {', '.join(e.value for e in ex.equipment) or 'none'}",
        f"Dose: {ex.dose_label()}" + (f"  ({ex.dose_note})" if ex.dose_note else ""),
        "",
        "Benefits:",
        *(f"  - {b}" for b in ex.benefits),
        "",
        "Steps:",
        *(f"  {n}. {s}" for n, s in enumerate(ex.steps, 1)),
        "",
        "Cues:",
        *(f"  do:    {c}" for c in ex.cues.do),
        *(f"  avoid: {c}" for c in ex.cues.avoid),
        "",
    ]
    if ex.pairs_with:
        lines.append(f"Balance with: {', '.join(ex.pairs_with)}")
    lines.append(f"Video: {cat.video_url(ex)}")
    lines.append(f"Figure: {'yes' if has_figure(ex) else 'none (a placeholder is drawn)'}")
    if ex.source:
        lines.append(f"Source: {ex.source}")
    if ex.own_steps:
        lines.append(OWN_STEPS)
    _echo_titled("\n".join(lines), ex.name)


def _echo_titled(text: str, title: str) -> None:
    """Print ``text`` escaped, its leading ``title`` in bold on a terminal."""
    safe, head = escape(text), escape(title)
    click.echo(click.style(head, bold=True) + safe[len(head) :] if safe.startswith(head) else safe)


def _routine_text(view: dict) -> str:
    from ..plan.timing import format_duration

    lines = [
        f"{view['title']}  ({view['id']})",
        f"{view['phase']}, {count(len(view['items']), 'exercise')}, "
        f"{format_duration(view['duration_s'])} ({view['duration_s']} s)",
        view["summary"],
        "",
    ]
    for n, item in enumerate(view["items"], 1):
        note = f"  - {item['note']}" if item.get("note") else ""
        lines.append(f"  {n:>2}. {item['name']:<28} {item['dose_label']:<24} {item['duration_s']:>4} s{note}")
    for note in view["warnings"]:
        lines.append(f"  warning: {note}")
    return "\n".join(lines)


@click.command()
@json_option
@catalogue_option
def routines(as_json, catalogues) -> None:
    """List the routines with their items, doses and estimated durations.

    \b
    Examples:
      limber routines
      limber routines --json
    """
    from ..api import routine_view

    cat = read_catalogue(catalogues)
    views = [routine_view(cat, r) for r in cat.routines.values()]
    if as_json:
        print_json(views)
        return
    for n, v in enumerate(views):
        if n:
            echo()
        _echo_titled(_routine_text(v), v["title"])


@click.command()
@click.argument("target", metavar="ID|FILE", shell_complete=complete.routines)
@json_option
@catalogue_option
def routine(target, as_json, catalogues) -> None:
    """Show one routine: its items, doses and estimated duration.

    TARGET is a routine id or a YAML file holding one routine.

    \b
    Examples:
      limber routine post-run-mobility
      limber routine my-routine.yaml --json
    """
    from ..api import find_routine, routine_view

    stdin_once((*catalogues, target))
    cat, found = find_routine(read_catalogue(catalogues), target, catalogues)
    view = routine_view(cat, found)
    if as_json:
        print_json(view)
    else:
        _echo_titled(_routine_text(view), view["title"])


@click.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, allow_dash=True))
@strict_option
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print one JSON document, for scripts and editors: every problem and warning (file, "
    "line, column, field, message, severity) and a summary. The exit status is the same.",
)
@catalogue_option
def validate(files, strict, as_json, catalogues) -> None:
    """Check the built-in catalogue and the given files.

    Checks everything printing needs: every field, the references between exercises and
    routines, that every character is in the bundled font and every link fits a QR code.
    Prints a one-line summary when all is well (and warnings about text that looks wrong);
    otherwise every problem with its file, line, column and field, and exits with status 3.
    Every routine is also checked for balance (each stretch with its counterpart) and phase
    (no long static holds in a warm-up); those warnings name the file, routine and item, and
    fail only with --strict.

    \b
    Examples:
      limber validate
      limber validate my-exercises.yaml my-routine.yaml
      limber validate --strict my-routine.yaml
      limber validate --json my-exercises.yaml
    """
    from ..catalogue.load import load_with_warnings
    from ..errors import EXIT_DATA

    stdin_once((*catalogues, *files))
    if as_json:
        from ..api import validation_report

        report = validation_report((*catalogues, *files), strict)
        print_json(report)
        if not report["ok"]:
            click.get_current_context().exit(EXIT_DATA)
        return
    cat, warnings = load_with_warnings((*catalogues, *files))
    for warning in warnings:
        echo(f"limber: warning: {warning}", err=True)
    warned = check_routines(cat, cat.routines.values(), (*catalogues, *files), strict)
    extra = len(files) + len(catalogues)
    echo(
        f"ok: {count(len(cat.exercises), 'exercise')} and {count(len(cat.routines), 'routine')}"
        + (f" (with {count(extra, 'file')} of yours)" if extra else "")
        + (f", {count(warned, 'warning')}" if warned else ", no problems found")
    )


@click.command()
def schema() -> None:
    """Print the JSON Schema of a catalogue file, for editors to check and complete YAML.

    \b
    Examples:
      limber schema > limber-catalogue.schema.json
    """
    from ..api import catalogue_schema

    print_json(catalogue_schema())
