"""The ``limber`` command line: a thin click layer over ``limber.api`` and ``limber.products``.

Takes: command-line arguments. Gives: text, JSON or PDF files, and an exit status, one per
class of failure (``errors.EXIT_CODES``): 0 success, 1 internal error, 2 usage error,
3 bad input data or unknown name, 4 content that does not fit, 5 output problem,
130 interrupted. Everything printed from data goes through ``textsafe.escape``.

This module holds ``main``, the command group (the entry point ``limber.cli:main``), which
turns every failure into its message and exit status, never a traceback, unless asked for
one with ``--debug`` or ``LIMBER_DEBUG=1``: then an internal error also prints its traceback,
for a bug report. The commands live
beside it: ``browse`` (list, show, routines, routine, validate, schema), ``printing`` (card,
deck, poster, preview, calibrate, gallery) and ``build`` (build, club) and ``serve`` (the web page); ``options`` and
``common`` hold what they share, and ``complete`` the shell completion of their values. Heavy modules (reportlab, qrcode, pydantic models, yaml,
json) are imported inside the commands so that ``limber --help`` stays fast.
"""

from __future__ import annotations

from typing import Any

import click

from .. import __version__
from ..errors import EXIT_CODES, EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_PIPE
from ..textsafe import escape
from . import browse, build, printing, serve
from .common import echo

DEBUG_ENV = "LIMBER_DEBUG"
HINT = f"limber: for a bug report, run it again with --debug (or {DEBUG_ENV}=1) to see the traceback"


def debugging(ctx: click.Context) -> bool:
    """True under ``limber --debug`` or with ``LIMBER_DEBUG`` set to anything but 0, no, off or false."""
    import os

    flag = os.environ.get(DEBUG_ENV, "").strip().lower()
    return bool(ctx.find_root().params.get("debug")) or flag not in ("", "0", "no", "off", "false")


class LimberGroup(click.Group):
    """Maps every ``LimberError`` to its message and exit code, and any other exception to
    a one-line internal error (exit 1) and a hint: never a traceback, unless ``debugging``."""

    def invoke(self, ctx: click.Context) -> Any:
        from ..errors import LimberError

        try:
            return super().invoke(ctx)
        except LimberError as error:
            echo(f"limber: {error}", err=True)
            ctx.exit(error.exit_code)
        except click.exceptions.ClickException as error:  # usage errors quote the arguments given
            # click marks message Final, yet shows the error from it: escaping it in place is deliberate
            error.message = escape(error.message)  # type: ignore[misc]
            raise
        except (click.exceptions.Exit, click.exceptions.Abort):
            raise
        except BrokenPipeError:  # e.g. ``limber list | head``: stop quietly, as other tools do
            _quiet_stdout()
            ctx.exit(EXIT_PIPE)
        except KeyboardInterrupt:
            echo("limber: interrupted; no file was written or changed", err=True)
            ctx.exit(EXIT_INTERRUPTED)
        except MemoryError:
            echo("limber: out of memory", err=True)
            ctx.exit(EXIT_INTERNAL)
        except Exception as error:  # a bug: say so plainly, with its traceback only if asked for
            if debugging(ctx):
                import traceback

                echo(traceback.format_exc().rstrip("\n"), err=True)
            echo(f"limber: internal error, please report it: {type(error).__name__}: {error}", err=True)
            if not debugging(ctx):
                echo(HINT, err=True)
            ctx.exit(EXIT_INTERNAL)


def _quiet_stdout() -> None:
    """Point standard output at the null device, so that the interpreter's last flush of the
    closed pipe does not fail again on the way out."""
    import os
    import sys

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


EXIT_HELP = "\b\nExit status:\n" + "\n".join(f"  {code:>3}  {text}" for code, text in EXIT_CODES)


@click.group(cls=LimberGroup, context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_HELP)
@click.version_option(__version__, prog_name="limber")
@click.option(
    "--debug",
    is_flag=True,
    help=f"On an internal error (a bug), print its traceback too, for a bug report (or set {DEBUG_ENV}=1).",
)
def main(debug: bool) -> None:
    """Print runners' warm-up, stretching and mobility routines as pocket cards,
    card decks and posters.

    \b
    Examples:
      limber list --phase post-run
      limber routine post-run-mobility
      limber validate my-exercises.yaml
      limber poster post-run-stretches -o wall.pdf
    """


for command in (
    browse.list_cmd,
    browse.show,
    browse.routines,
    browse.routine,
    browse.validate,
    printing.card,
    printing.deck,
    printing.poster,
    printing.preview,
    printing.calibrate,
    printing.gallery,
    build.build,
    build.club,
    browse.schema,
    serve.serve,
):
    main.add_command(command)  # ``limber --help`` lists them by name
del command
