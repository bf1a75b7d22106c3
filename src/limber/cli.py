"""The ``limber`` command line: a thin click layer over ``limber.api`` and ``limber.products``.

Takes: command-line arguments. Gives: text, JSON or PDF files, and an exit status, one per
class of failure (``errors.EXIT_CODES``): 0 success, 1 internal error, 2 usage error,
3 bad input data or unknown name, 4 content that does not fit, 5 output problem,
130 interrupted. Everything printed from data goes through ``textsafe.escape``. Heavy
modules (reportlab, pydantic models) are imported inside commands so that ``limber --help``
stays fast.
"""

from __future__ import annotations

import math
import sys
from typing import Any, Callable

import click

from . import __version__
from .errors import EXIT_CODES, EXIT_INTERNAL, EXIT_INTERRUPTED
from .textsafe import escape

PHASES = ["warm-up", "post-run", "anytime"]
KINDS = ["stretch", "mobility", "dynamic", "massage", "breathing", "strength"]
LEVELS = ["basic", "advanced"]


def echo(text: str = "", err: bool = False) -> None:
    """Print text that may hold data, with control and format characters escaped."""
    click.echo(escape(text), err=err)


class LimberGroup(click.Group):
    """Maps every ``LimberError`` to its message and exit code, and any other exception to
    a one-line internal error (exit 1): never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        from .errors import LimberError

        try:
            return super().invoke(ctx)
        except LimberError as error:
            echo(f"limber: {error}", err=True)
            ctx.exit(error.exit_code)
        except click.exceptions.ClickException as error:  # usage errors quote the arguments given
            error.message = escape(error.message)
            raise
        except (click.exceptions.Exit, click.exceptions.Abort):
            raise
        except KeyboardInterrupt:
            echo("limber: interrupted; no file was written or changed", err=True)
            ctx.exit(EXIT_INTERRUPTED)
        except MemoryError:
            echo("limber: out of memory", err=True)
            ctx.exit(EXIT_INTERNAL)
        except Exception as error:  # a bug: say so plainly, without a traceback
            echo(f"limber: internal error, please report it: {type(error).__name__}: {error}", err=True)
            ctx.exit(EXIT_INTERNAL)


EXIT_HELP = "\b\nExit status:\n" + "\n".join(f"  {code:>3}  {text}" for code, text in EXIT_CODES)


def catalogue_option(func: Callable) -> Callable:
    return click.option("--catalogue", "catalogues", multiple=True, metavar="FILE",
                        type=click.Path(dir_okay=False),
                        help="A YAML file of your own exercises and/or routines; repeatable. "
                             "An id that exists already replaces the built-in one.")(func)


def json_option(func: Callable) -> Callable:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")(func)


def strict_option(func: Callable) -> Callable:
    return click.option("--strict", is_flag=True,
                        help="Treat routine warnings (balance, phase) as errors: exit 3, write nothing.")(func)


def _check_routines(cat, routines, files, strict: bool) -> int:
    """Print the balance and phase warnings of ``routines``; with ``strict``, stop on any."""
    from .api import routine_findings
    from .errors import DataError
    from .plan.checks import as_problems

    findings = routine_findings(cat, list(routines), files)
    if strict and findings:
        raise DataError(as_problems(findings))
    for finding in findings:
        echo(f"warning: {finding}", err=True)
    return len(findings)


def _routines_of(targets) -> list:
    from .catalogue.model import Routine

    return [t for t in targets if isinstance(t, Routine)]


def _files_of(catalogues, targets) -> tuple:
    from .catalogue.load import looks_like_file

    return (*catalogues, *(t for t in targets if looks_like_file(t)))


def _catalogue(catalogues: tuple[str, ...]):
    from .api import load_catalogue

    return load_catalogue(catalogues)


def _print_json(data: Any) -> None:
    import json

    echo(json.dumps(data, indent=2, ensure_ascii=False))


@click.group(cls=LimberGroup, context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_HELP)
@click.version_option(__version__, prog_name="limber")
def main() -> None:
    """Print runners' warm-up, stretching and mobility routines as pocket cards,
    card decks and posters.

    \b
    Examples:
      limber list --phase post-run
      limber routine post-run-mobility
      limber validate my-exercises.yaml
      limber poster post-run-stretches -o wall.pdf
    """


@main.command("list")
@click.option("--phase", type=click.Choice(PHASES), help="Only exercises for this phase.")
@click.option("--area", metavar="AREA", help="Only exercises that work this body area (e.g. hips).")
@click.option("--kind", type=click.Choice(KINDS), help="Only exercises of this kind.")
@click.option("--level", type=click.Choice(LEVELS), help="Only exercises of this level.")
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
    from .api import exercise_view, filter_exercises
    from .catalogue.model import Area

    if area and area not in {a.value for a in Area}:
        raise click.BadParameter(f"unknown area '{area}'; choose from {', '.join(a.value for a in Area)}",
                                 param_hint="--area")
    cat = _catalogue(catalogues)
    found = filter_exercises(cat, phase=phase, area=area, kind=kind, level=level)
    if as_json:
        _print_json([exercise_view(cat, ex) for ex in found])
        return
    width = max((len(ex.id) for ex in found), default=10)
    for ex in found:
        echo(f"{ex.id:<{width}}  {ex.name:<28}  {ex.kind.value:<9}  {ex.level.value:<8}  "
             f"{ex.dose_label()}")
    echo(f"{len(found)} exercise{'s' if len(found) != 1 else ''}", err=True)


@main.command()
@click.argument("ident", metavar="ID")
@json_option
@catalogue_option
def show(ident, as_json, catalogues) -> None:
    """Show one exercise in full.

    \b
    Examples:
      limber show walking-knee-hug
      limber show bridge-roll-up --json
    """
    from .api import exercise_view, find_exercise, has_figure

    cat = _catalogue(catalogues)
    ex = find_exercise(cat, ident)
    if as_json:
        _print_json(exercise_view(cat, ex))
        return
    lines = [f"{ex.name}  ({ex.id})",
             f"{ex.kind.value}, {ex.level.value}; for {', '.join(p.value for p in ex.phases)}",
             f"Works: {', '.join(a.value for a in ex.areas)}",
             f"Equipment: {', '.join(e.value for e in ex.equipment) or 'none'}",
             f"Dose: {ex.dose_label()}" + (f"  ({ex.dose_note})" if ex.dose_note else ""),
             "", "Benefits:", *(f"  - {b}" for b in ex.benefits),
             "", "Steps:", *(f"  {n}. {s}" for n, s in enumerate(ex.steps, 1)),
             "", "Cues:", *(f"  do:    {c}" for c in ex.cues.do), *(f"  avoid: {c}" for c in ex.cues.avoid),
             ""]
    if ex.pairs_with:
        lines.append(f"Balance with: {', '.join(ex.pairs_with)}")
    lines.append(f"Video: {cat.video_url(ex)}")
    lines.append(f"Figure: {'yes' if has_figure(ex) else 'none (a placeholder is drawn)'}")
    if ex.source:
        lines.append(f"Source: {ex.source}")
    _echo_titled("\n".join(lines), ex.name)


def _echo_titled(text: str, title: str) -> None:
    """Print ``text`` escaped, its leading ``title`` in bold on a terminal."""
    safe, head = escape(text), escape(title)
    click.echo(click.style(head, bold=True) + safe[len(head):] if safe.startswith(head) else safe)


def _routine_text(view: dict) -> str:
    from .plan.timing import format_duration

    lines = [f"{view['title']}  ({view['id']})",
             f"{view['phase']}, {len(view['items'])} exercises, "
             f"{format_duration(view['duration_s'])} ({view['duration_s']} s)",
             view["summary"], ""]
    for n, item in enumerate(view["items"], 1):
        note = f"  - {item['note']}" if item.get("note") else ""
        lines.append(f"  {n:>2}. {item['name']:<28} {item['dose_label']:<24} {item['duration_s']:>4} s{note}")
    for note in view["warnings"]:
        lines.append(f"  warning: {note}")
    return "\n".join(lines)


@main.command()
@json_option
@catalogue_option
def routines(as_json, catalogues) -> None:
    """List the routines with their items, doses and estimated durations.

    \b
    Examples:
      limber routines
      limber routines --json
    """
    from .api import routine_view

    cat = _catalogue(catalogues)
    views = [routine_view(cat, r) for r in cat.routines.values()]
    if as_json:
        _print_json(views)
        return
    for n, v in enumerate(views):
        if n:
            echo()
        _echo_titled(_routine_text(v), v["title"])


@main.command()
@click.argument("target", metavar="ID|FILE")
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
    from .api import find_routine, routine_view

    cat, found = find_routine(_catalogue(catalogues), target, catalogues)
    view = routine_view(cat, found)
    if as_json:
        _print_json(view)
    else:
        _echo_titled(_routine_text(view), view["title"])


@main.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@strict_option
@catalogue_option
def validate(files, strict, catalogues) -> None:
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
    """
    from .catalogue.load import load_with_warnings

    cat, warnings = load_with_warnings((*catalogues, *files))
    for warning in warnings:
        echo(f"limber: warning: {warning}", err=True)
    warned = _check_routines(cat, cat.routines.values(), (*catalogues, *files), strict)
    extra = len(files) + len(catalogues)
    echo(f"ok: {len(cat.exercises)} exercises and {len(cat.routines)} routines"
               + (f" (with {extra} file{'s' if extra != 1 else ''} of yours)" if extra else "")
               + (f", {warned} warning{'s' if warned != 1 else ''}" if warned else ", no problems found"))


def _offset(value: str) -> tuple[float, float]:
    try:
        x, y = (float(v) for v in value.split(","))
        if not (math.isfinite(x) and math.isfinite(y)):
            raise ValueError(value)
    except ValueError:
        raise click.BadParameter(f"expected X,Y in millimetres such as 1.5,-0.5, found '{escape(value)}'",
                                 param_hint="--offset") from None
    if abs(x) > 20 or abs(y) > 20:
        raise click.BadParameter("an offset of more than 20 mm is not a printer misregistration",
                                 param_hint="--offset")
    return x, y


def _finite(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    if value is not None and not math.isfinite(value):
        raise click.BadParameter(f"expected a number of millimetres, found {value}")
    return value


def force_option(func: Callable) -> Callable:
    return click.option("--force", is_flag=True,
                        help="Replace an existing output file even if it is not a PDF "
                             "(an input file of the command is never replaced).")(func)


def _inputs(catalogues: tuple[str, ...], targets: tuple[str, ...] = (), theme: str = "") -> list[str]:
    """The files a printing command reads: they must never be written over."""
    from .catalogue.load import looks_like_file

    return [*catalogues, *(t for t in targets if looks_like_file(t)), *([theme] if looks_like_file(theme) else [])]


def theme_option(func: Callable) -> Callable:
    return click.option("--theme", default="default", show_default=True, metavar="NAME|FILE",
                        help="default, ink-saver, large-print, or a theme YAML file.")(func)


def size_option(func: Callable) -> Callable:
    return click.option("--size", metavar="SIZE",
                        help="credit, poker, bridge, a6, a7, index-3x5 (add -landscape or -portrait), "
                             "or WxH in mm. Default: the theme's (poker for exercises, credit for routines).")(func)


def output_option(func: Callable) -> Callable:
    return click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
                        help="The PDF file to write (written only if everything succeeds).")(func)


@main.command()
@click.argument("target", metavar="ID|FILE")
@output_option
@size_option
@theme_option
@strict_option
@force_option
@catalogue_option
def card(target, output, size, theme, strict, force, catalogues) -> None:
    """Print one card, front and back, at its trim size with bleed.

    TARGET is an exercise id, a routine id or a routine YAML file; a routine gives its
    routine card.

    \b
    Examples:
      limber card post-run-mobility -o post-run.pdf
      limber card walking-knee-hug -o knee-hug.pdf --size a6 --theme large-print
    """
    from .products import card_pages, resolve_targets, write_pdf
    from .write import check_target

    inputs = _inputs(catalogues, (target,), theme)
    check_target(output, inputs, "pdf", force)
    cat, [found] = resolve_targets(_catalogue(catalogues), [target], catalogues)
    _check_routines(cat, _routines_of([found]), _files_of(catalogues, [target]), strict)
    pages, meta = card_pages(cat, found, theme, size)
    write_pdf(output, pages, meta, inputs, force)
    page = pages[0]
    echo(f"wrote {output}: {len(pages)} pages, card {page.trim[2] - page.trim[0]:.2f} x "
               f"{page.trim[3] - page.trim[1]:.2f} mm")


@main.command()
@click.argument("targets", nargs=-1, metavar="[ID|FILE]...")
@click.option("--all", "everything", is_flag=True, help="Every exercise of the catalogue.")
@output_option
@size_option
@click.option("--sheet", default="a4", show_default=True, metavar="a4|letter|none",
              help="Paper to impose the cards on; none gives one card per page for a print shop.")
@click.option("--duplex", type=click.Choice(["long", "short", "off"]), default="long", show_default=True,
              help="How the printer flips the sheet for the backs; off prints fronts only.")
@click.option("--fold", is_flag=True, help="Fold-over cards: front and back side by side, for printers "
                                           "without duplex.")
@click.option("--bleed", type=click.FloatRange(0, 10), metavar="MM", callback=_finite,
              help="Bleed in mm (default 3).")
@click.option("--no-crop-marks", is_flag=True, help="Leave out the crop marks.")
@click.option("--offset", default="0,0", metavar="X,Y", show_default=True,
              help="Shift the back pages by X,Y mm (see limber calibrate).")
@click.option("--copies", default=1, show_default=True, type=click.IntRange(1, 1000), metavar="N",
              help="Print the whole deck N times, e.g. one set per runner of a group.")
@theme_option
@strict_option
@force_option
@catalogue_option
def deck(targets, everything, output, size, sheet, duplex, fold, bleed, no_crop_marks, offset, copies, theme,
         strict, force, catalogues) -> None:
    """Print a deck of cards imposed on sheets for double-sided home printing.

    A routine gives its routine card followed by its exercises' cards in order.

    \b
    Examples:
      limber deck post-run-mobility -o post-run-deck.pdf
      limber deck --all -o catalogue.pdf --sheet letter --duplex short
      limber deck walking-knee-hug ankle-bounce -o two.pdf --fold
      limber deck post-run-stretches -o shop.pdf --sheet none
    """
    from .products import DeckOptions, build_deck_pages, deck_summary, resolve_targets, write_pdf
    from .write import check_target

    if not targets and not everything:
        raise click.UsageError("give exercise or routine ids (or routine files), or --all")
    options = DeckOptions(size=size, sheet=sheet.lower(), duplex="off" if fold else duplex, fold=fold,
                          bleed=bleed, crop_marks=not no_crop_marks, offset=_offset(offset), theme=theme,
                          copies=copies)
    inputs = _inputs(catalogues, targets, theme)
    check_target(output, inputs, "pdf", force)
    cat, found = resolve_targets(_catalogue(catalogues), targets, catalogues)
    _check_routines(cat, _routines_of(found), _files_of(catalogues, targets), strict)
    made = build_deck_pages(cat, found, options, everything=everything)
    pages = write_pdf(output, made.pages(), made.meta, inputs, force)
    echo(f"wrote {output}: {deck_summary(made, pages)}")


@main.command()
@click.argument("targets", nargs=-1, required=True, metavar="ID|FILE [ID]...")
@output_option
@click.option("--paper", default="a3", show_default=True, metavar="a4|a3|a2|a1|a0|letter|tabloid|WxH",
              help="The poster's paper size (WxH in mm).")
@click.option("--orientation", type=click.Choice(["portrait", "landscape", "auto"]), default="auto",
              show_default=True, help="auto picks the one that gives the largest text.")
@click.option("--distance", type=click.FloatRange(0.3, 10), metavar="METRES",
              help="Reading distance; sets the minimum text sizes. Default: 1 m for A4/Letter, "
                   "1.5 m for A3/Tabloid, 2 m for A2, 3 m for A1 and larger.")
@click.option("--title", metavar="TEXT", help="The poster's title (for a poster of exercises).")
@click.option("--tile", type=click.Choice(["a4", "letter"], case_sensitive=False),
              help="Print the poster at full size over sheets of this paper, with an assembly map first.")
@click.option("--overlap", type=click.FloatRange(3, 30), default=10.0, show_default=True, metavar="MM",
              help="How much neighbouring tiles overlap, for glueing.")
@theme_option
@strict_option
@force_option
@catalogue_option
def poster(targets, output, paper, orientation, distance, title, tile, overlap, theme, strict, force,
           catalogues) -> None:
    """Print a routine (or some exercises) as a one-page gym-wall poster.

    TARGETS is a routine id, a routine YAML file, or one or more exercise ids (name the
    poster with --title). Text is never smaller than the reading distance allows; a routine
    that cannot fit writes nothing and stops with the "does not fit" status, naming the paper
    or the distance that would fit.

    \b
    Examples:
      limber poster post-run-stretches -o wall.pdf
      limber poster post-run-mobility -o wall.pdf --paper a2 --distance 2
      limber poster walking-knee-hug ankle-bounce squat-to-stand -o three.pdf --paper a4 --title "Warm-up"
      limber poster post-run-stretches -o big.pdf --paper a1 --tile a4
    """
    from .posters import PosterOptions, poster_pages
    from .products import resolve_targets, write_pdf
    from .write import check_target

    inputs = _inputs(catalogues, targets, theme)
    check_target(output, inputs, "pdf", force)
    options = PosterOptions(paper=paper.lower(), orientation=orientation, distance=distance, theme=theme,
                            title=title, tile=tile.lower() if tile else None, overlap=overlap)
    cat, found = resolve_targets(_catalogue(catalogues), targets, catalogues)
    _check_routines(cat, _routines_of(found), _files_of(catalogues, targets), strict)
    pages, meta, laid = poster_pages(cat, found, options)
    write_pdf(output, pages, meta, inputs, force)
    page = laid.page
    what = f"{len(laid.panels)} exercises in {laid.rows} x {laid.cols}, text {laid.sizes.body:.0f} pt, " \
           f"names {laid.sizes.name:.0f} pt, readable from {laid.legibility.distance:g} m"
    sheets = f", on {len(pages) - 1} {tile.upper() if tile.lower() == 'a4' else 'Letter'} sheets after an " \
             f"assembly map" if tile else ""
    click.echo(f"wrote {output}: poster {page.width:g} x {page.height:g} mm{sheets}; {what}")


@main.command()
@click.argument("pdf", type=click.Path(dir_okay=False))
@click.option("-o", "--output", "out_dir", default=".", show_default=True, type=click.Path(file_okay=False),
              help="Folder for the PNG images.")
@click.option("--dpi", default=150, show_default=True, type=click.IntRange(20, 1200))
@click.option("--force", is_flag=True, help="Replace existing files of the same names even if they are not PNGs.")
def preview(pdf, out_dir, dpi, force) -> None:
    """Render the pages of a PDF to PNG images, to look before printing.

    \b
    Examples:
      limber preview post-run-deck.pdf -o previews
      limber preview card.pdf --dpi 300
    """
    from .preview import preview as render_preview

    written = render_preview(pdf, out_dir, dpi, force)
    echo(f"wrote {len(written)} images to {out_dir}")


@main.command()
@output_option
@click.option("--sheet", default="a4", show_default=True, metavar="a4|letter")
@click.option("--duplex", type=click.Choice(["long", "short"]), default="long", show_default=True)
@click.option("--offset", default="0,0", metavar="X,Y", show_default=True, help="Shift the back page.")
@force_option
def calibrate(output, sheet, duplex, offset, force) -> None:
    """Print a two-page sheet that measures how your printer's duplex shifts the backs.

    \b
    Examples:
      limber calibrate -o calibrate.pdf
      limber calibrate -o check.pdf --offset -1.5,0.5
    """
    from .products import calibration, write_pdf

    pages, meta = calibration(sheet.lower(), duplex, _offset(offset))
    write_pdf(output, pages, meta, force=force)
    echo(f"wrote {output}: print it double-sided, {duplex}-edge flip, at actual size")


@main.command()
@output_option
@theme_option
@force_option
@catalogue_option
def gallery(output, theme, force, catalogues) -> None:
    """Print every exercise's figure with its name on A4 pages, for review.

    \b
    Examples:
      limber gallery -o figures.pdf
      limber gallery -o figures.pdf --theme ink-saver --catalogue mine.yaml
    """
    from .products import gallery as gallery_pages, write_pdf

    inputs = _inputs(catalogues, (), theme)
    cat = _catalogue(catalogues)
    pages, meta = gallery_pages(cat, theme)
    write_pdf(output, pages, meta, inputs, force)
    drawn = sum(1 for ex in cat.exercises.values() if ex.figure is not None)
    echo(f"wrote {output}: {len(cat.exercises)} exercises ({drawn} with a figure) on {len(pages)} pages")


EQUIPMENT = ["none", "wall", "mat", "chin-up-bar", "pole", "chair"]


def _areas(values, hint: str) -> tuple[str, ...]:
    from .catalogue.model import Area

    known = [a.value for a in Area]
    for value in values:
        if value not in known:
            raise click.BadParameter(f"unknown area '{value}'; choose from {', '.join(known)}", param_hint=hint)
    return tuple(dict.fromkeys(values))


def build_request(minutes, phase, focus, level, equipment, exclude=(), title=None):
    """A builder ``Request`` from command-line values (shared by ``build`` and ``club``)."""
    from .catalogue.model import Equipment, Level, Phase
    from .plan.builder import Request

    kit = frozenset(Equipment(e) for e in equipment if e != "none")
    return Request(minutes=minutes, phase=Phase(phase), focus=tuple(focus), level=Level(level), equipment=kit,
                   exclude=tuple(exclude), title=title)


@main.command()
@click.option("--minutes", required=True, type=click.FloatRange(min=1, max=120), help="How long, in minutes.")
@click.option("--phase", required=True, type=click.Choice(PHASES), help="Before the run, after it, or any time.")
@click.option("--focus", multiple=True, metavar="AREA", help="A body area to cover first (e.g. hips); repeatable.")
@click.option("--level", type=click.Choice(LEVELS), default="basic", show_default=True,
              help="basic: basic exercises only; advanced: all.")
@click.option("--equipment", multiple=True, type=click.Choice(EQUIPMENT), default=("none",), show_default=True,
              help="What you have at hand; repeatable. Exercises needing anything else are left out.")
@click.option("--exclude", multiple=True, metavar="ID", help="An exercise to leave out; repeatable.")
@click.option("--title", help="The routine's title (default: made from the request).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the routine YAML here "
                                                                      "(default: print it).")
@json_option
@force_option
@catalogue_option
def build(minutes, phase, focus, level, equipment, exclude, title, output, as_json, force, catalogues) -> None:
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
    from pathlib import Path

    from .api import routine_view
    from .catalogue.load import find_exercise
    from .errors import OutputError
    from .plan.builder import build as build_routine, routine_yaml
    from .write import check_target, write_file

    if output:
        check_target(output, _inputs(catalogues), None)
        if not force and Path(output).is_file() and not Path(output).read_bytes().startswith(b"# Built by limber"):
            raise OutputError(f"refusing to replace {output}: it exists and is not a routine limber built "
                              f"(use --force to replace it)")
    cat = _catalogue(catalogues)
    for ident in exclude:
        find_exercise(cat, ident)
    request = build_request(minutes, phase, _areas(focus, "--focus"), level, equipment, exclude, title)
    built = build_routine(cat, request)
    command = " ".join(["limber build", f"--minutes {minutes:g}", f"--phase {phase}",
                        *(f"--focus {a}" for a in request.focus), f"--level {level}",
                        *(f"--equipment {e}" for e in equipment), *(f"--exclude {i}" for i in exclude),
                        *([f"--title {json.dumps(title)}"] if title else []),
                        *(f"--catalogue {c}" for c in catalogues)])
    text = routine_yaml(built, command)
    if output:
        write_file(output, text.encode("utf-8"), _inputs(catalogues), None)
    if as_json:
        _print_json(routine_view(cat, built.routine))
    elif output:
        echo(f"wrote {output}: {built.routine.title}, {len(built.routine.items)} exercises, "
             f"{built.seconds // 60} min {built.seconds % 60:02d} s")
    else:
        echo(text.rstrip("\n"))


@main.command()
@click.argument("roster", type=click.Path(dir_okay=False))
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Folder for the members' PDFs and all-members.pdf (created if missing).")
@click.option("--club", "club_file", type=click.Path(dir_okay=False),
              help="The club's YAML file: name, colours, logo, video links.")
@click.option("--sheet", type=click.Choice(["a4", "letter"]), default="a4", show_default=True)
@click.option("--duplex", type=click.Choice(["long", "short", "off"]), default="long", show_default=True,
              help="How the printer flips the sheet for the backs; off prints fronts only.")
@size_option
@theme_option
@click.option("--jobs", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Processes rendering the members' files at once (use the number of cores).")
@strict_option
@force_option
@catalogue_option
def club(roster, out_dir, club_file, sheet, duplex, size, theme, jobs, strict, force, catalogues) -> None:
    """Print a personal deck for every member of a running club, and one combined file.

    ROSTER is a CSV file with a header: name (required), group, routines (ids or files,
    separated by ';'), and minutes, focus, level, phase, equipment to build a routine for
    the member. Every member gets OUTDIR/<name>.pdf with their name on their routine cards;
    OUTDIR/all-members.pdf holds everyone in roster order, each after a separator sheet.
    A bad row is reported with its line and left out, the others are still printed, and
    the exit status is 3.

    \b
    Examples:
      limber club examples/club-roster.csv -o decks --club examples/club.yaml
      limber club roster.csv -o decks --sheet letter --duplex short --jobs 2
    """
    from .clubs import ClubOptions, run_club
    from .errors import DataError

    inputs = tuple(_inputs(catalogues, (roster, *([club_file] if club_file else [])), theme))
    options = ClubOptions(sheet=sheet, duplex=duplex, size=size, theme=theme, jobs=jobs, inputs=inputs, force=force)
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
        summary, problems = run_club(roster, out_dir, options, club_file, catalogues, strict, warn, progress_factory)
    finally:
        for bar in bars:
            bar.__exit__(None, None, None)
    if summary is not None:
        echo(f"wrote {summary.combined} and {summary.files - 1} member files: {summary.line()}")
    if problems:
        raise DataError(problems)


@main.command()
def schema() -> None:
    """Print the JSON Schema of a catalogue file, for editors to check and complete YAML.

    \b
    Examples:
      limber schema > limber-catalogue.schema.json
    """
    from .api import catalogue_schema

    _print_json(catalogue_schema())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
