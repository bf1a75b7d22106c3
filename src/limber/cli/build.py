"""The commands that make routines to order: ``build`` for one runner, ``club`` for a roster.

Takes: minutes, phase, focus areas, level and equipment (``build``), or a roster CSV and a
club file (``club``), from the command line. Gives: ``build`` a routine YAML file (or the
routine as text or JSON) that card, deck and poster accept; ``club`` one deck PDF per member
and a combined file, with a progress bar on a terminal. A request that cannot be met, or a
bad roster row, exits with status 3 naming why (a member whose cards do not fit, 4).
"""

from __future__ import annotations

import sys

import click

from ..bounds import MINUTES
from ..words import count
from . import complete
from .common import echo, input_files, print_json, read_catalogue, wrote
from .options import (
    AREAS,
    EQUIPMENT,
    LEVELS,
    PHASES,
    Names,
    Number,
    catalogue_option,
    force_option,
    json_option,
    size_option,
    strict_option,
    theme_option,
)


def build_request(minutes, phase, focus, level, equipment, exclude=(), title=None):
    """A builder ``Request`` from the values of ``build``'s options."""
    from ..catalogue.model import Level, Phase
    from ..plan.builder import Request, equipment_kit

    return Request(
        minutes=minutes,
        phase=Phase(phase),
        focus=tuple(focus),
        level=Level(level),
        equipment=equipment_kit(equipment),
        exclude=tuple(exclude),
        title=title,
    )


@click.command()
@click.option("--minutes", required=True, type=Number(*MINUTES), help="How long, in minutes.")
@click.option(
    "--phase", required=True, type=Names(PHASES, "phase"), help="Before the run, after it, or any time."
)
@click.option(
    "--focus",
    multiple=True,
    type=Names(AREAS, "area"),
    metavar="AREA",
    help="A body area to cover first (e.g. hips); repeatable.",
)
@click.option(
    "--level",
    type=Names(LEVELS, "level"),
    default="basic",
    show_default=True,
    help="basic: basic exercises only; advanced: all.",
)
@click.option(
    "--equipment",
    multiple=True,
    type=Names(EQUIPMENT, "equipment"),
    default=("none",),
    show_default=True,
    help="What you have at hand; repeatable. Exercises needing anything else are left out.",
)
@click.option(
    "--exclude",
    multiple=True,
    metavar="ID",
    shell_complete=complete.exercises,
    help="An exercise to leave out; repeatable.",
)
@click.option("--title", help="The routine's title (default: made from the request).")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Write the routine YAML here; - for standard output (default: print it).",
)
@json_option
@force_option
@catalogue_option
def build(
    minutes, phase, focus, level, equipment, exclude, title, output, as_json, force, catalogues
) -> None:
    """Build a routine that fits your minutes, phase, focus areas and equipment.

    The estimate lands within 10 % of the minutes asked; focus areas come first, both halves
    of every pair are in, standing and floor work are grouped, and breathing comes last
    after a run. The result is a routine file that card, deck and poster accept. The same
    request always gives the same routine. A request that cannot be met says why (exit 3).

    \b
    Examples:
      limber build --minutes 5 --phase post-run --focus hips -o hips.yaml
      limber build --minutes 10 --phase warm-up --equipment wall --level advanced
      limber card hips.yaml -o hips-card.pdf
    """
    import json

    from ..api import routine_view
    from ..catalogue.load import find_exercise
    from ..plan.builder import build as build_routine
    from ..plan.builder import routine_yaml
    from ..streams import is_dash
    from ..write import check_target, write_file

    if as_json and is_dash(output):
        raise click.UsageError(
            "--json prints to standard output, and so does -o -; give -o FILE or leave out --json"
        )
    if output:
        check_target(output, input_files(catalogues), "routine", force)
    cat = read_catalogue(catalogues)
    for ident in exclude:
        find_exercise(cat, ident)
    request = build_request(minutes, phase, tuple(dict.fromkeys(focus)), level, equipment, exclude, title)
    built = build_routine(cat, request)
    command = " ".join(
        [
            "limber build",
            f"--minutes {minutes:g}",
            f"--phase {phase}",
            *(f"--focus {a}" for a in request.focus),
            f"--level {level}",
            *(f"--equipment {e}" for e in equipment),
            *(f"--exclude {i}" for i in exclude),
            *([f"--title {json.dumps(title)}"] if title else []),
            *(f"--catalogue {c}" for c in catalogues),
        ]
    )
    text = routine_yaml(built, command)
    if output:
        write_file(output, text.encode("utf-8"), input_files(catalogues), "routine", force)
    if as_json:
        print_json(routine_view(cat, built.routine))
    elif output:
        wrote(
            output,
            f"{built.routine.title}, {count(len(built.routine.items), 'exercise')}, "
            f"{built.seconds // 60} min {built.seconds % 60:02d} s",
        )
    else:
        echo(text.rstrip("\n"))


@click.command()
@click.argument("roster", type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "-o",
    "--output",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False),
    help="Folder for the members' PDFs and all-members.pdf (created if missing).",
)
@click.option(
    "--club",
    "club_file",
    type=click.Path(dir_okay=False),
    help="The club's YAML file: name, colours, logo, video links.",
)
@click.option(
    "--sheet",
    type=Names(["a4", "letter"], "sheet"),
    default="a4",
    show_default=True,
    help="Paper to impose the cards on.",
)
@click.option(
    "--duplex",
    type=Names(["long", "short", "off"], "duplex mode"),
    default="long",
    show_default=True,
    help="How the printer flips the sheet for the backs; off prints fronts only.",
)
@size_option
@theme_option
@click.option(
    "--jobs",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Processes rendering the members' files at once (use the number of cores).",
)
@strict_option
@force_option
@catalogue_option
def club(roster, out_dir, club_file, sheet, duplex, size, theme, jobs, strict, force, catalogues) -> None:
    """Print a personal deck for every member of a running club, and one combined file.

    ROSTER is a CSV file with a header: name (required), group, routines (ids or files,
    separated by ';'), and minutes, focus, level, phase, equipment to build a routine for
    the member. Every member gets OUTDIR/<name>.pdf with their name (and the club's) on
    their routine cards; OUTDIR/all-members.pdf holds everyone in roster order, each after a
    separator sheet. A bad row is reported with its line and left out, the others are still
    printed, and the exit status is 3 (4 when the only problems are cards that do not fit).
    Everything is checked before anything is written, and the files are put in place
    together: a failure or Ctrl-C writes none of them.

    \b
    Examples:
      limber club examples/club-roster.csv -o decks --club examples/club.yaml
      limber club roster.csv -o decks --sheet letter --duplex short --jobs 2
    """
    from ..clubs import ClubOptions, run_club
    from ..streams import is_dash

    if is_dash(out_dir):
        raise click.UsageError(
            "club writes a folder of files (one per member); -o - (standard output) cannot hold them"
        )

    inputs = tuple(input_files(catalogues, (roster, *([club_file] if club_file else [])), theme))
    options = ClubOptions(
        sheet=sheet, duplex=duplex, size=size, theme=theme, jobs=jobs, inputs=inputs, force=force
    )
    bars = []

    def progress_factory(total: int):
        if not sys.stderr.isatty():
            return None
        bar = click.progressbar(length=total, label="members", file=sys.stderr)
        bar.__enter__()
        bars.append(bar)
        return bar.update

    def warn(text: str) -> None:
        echo(f"warning: {text}", err=True)

    try:
        summary, problems = run_club(
            roster, out_dir, options, club_file, catalogues, strict, warn, progress_factory
        )
    finally:
        for bar in bars:
            bar.__exit__(None, None, None)
    if summary is not None:
        echo(f"wrote {summary.combined} and {count(summary.files - 1, 'member file')}: {summary.line()}")
    if problems is not None:
        raise problems
