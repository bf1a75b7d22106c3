"""The project's exception hierarchy and exit codes.

Takes: nothing. Gives: ``LimberError`` and its subclasses, each with an ``exit_code``
that the CLI maps to the process status, and a message fit for a person to read;
``EXIT_CODES``, the one table of exit statuses that ``limber --help`` and the README show.

Exit codes, one per class of failure:

- 0 success
- 1 internal error (a bug in limber: please report it)
- 2 usage error (a malformed command line: an unknown option, a missing argument, a number
  out of range; click's convention)
- 3 bad input data, or an unknown name (exercise, routine, theme, size, paper, or a value that
  is none of an option's names, such as ``--area hipz``)
- 4 content that does not fit its card
- 5 output problem (the file could not be written, or writing it would destroy a file)
- 130 interrupted (Ctrl-C), as shells report it
- 143 stopped by SIGTERM (a command that cleans up before it ends, such as ``club``)
"""

from __future__ import annotations

from dataclasses import dataclass

from .words import count

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_USAGE = 2
EXIT_DATA = 3
EXIT_FIT = 4
EXIT_OUTPUT = 5
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143  # 128 + SIGTERM
EXIT_PIPE = 141  # 128 + SIGPIPE, as the shell reports a reader that stopped reading

EXIT_CODES = (
    (EXIT_OK, "success"),
    (EXIT_INTERNAL, "internal error (a bug in limber; please report it)"),
    (EXIT_USAGE, "usage error: a bad option or argument"),
    (EXIT_DATA, "bad input data, or an unknown name"),
    (EXIT_FIT, "content that does not fit its card"),
    (EXIT_OUTPUT, "output problem: the file could not or must not be written"),
    (EXIT_INTERRUPTED, "interrupted (Ctrl-C)"),
    (EXIT_TERMINATED, "stopped by SIGTERM"),
    (EXIT_PIPE, "the reader of the output stopped reading (e.g. | head)"),
)


class LimberError(Exception):
    """Base of every error limber reports to a user."""

    exit_code = EXIT_INTERNAL


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one place of one input file."""

    file: str
    line: int | None
    column: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


class DataError(LimberError):
    """Input data (YAML catalogue, routine, theme) is wrong. Carries every problem found."""

    exit_code = EXIT_DATA

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        head = f"{count(len(self.problems), 'problem')} in the input:"
        super().__init__("\n".join([head, *("  " + str(p) for p in self.problems)]))


class NotFoundError(LimberError):
    """A name given on the command line (exercise, routine, theme, size) does not exist."""

    exit_code = EXIT_DATA


class FitError(LimberError):
    """Content does not fit its box even at the smallest allowed size."""

    exit_code = EXIT_FIT


class FitProblems(DataError):
    """Input rows whose content does not fit its card (a club member's cards): each named by
    file, line and column, with the exit status of content that does not fit."""

    exit_code = EXIT_FIT


class Interrupted(LimberError):
    """SIGINT (Ctrl-C) or SIGTERM stopped a command that cleaned up first; the message says
    what was and was not written."""

    def __init__(self, message: str, terminated: bool = False):
        super().__init__(message)
        self.exit_code = EXIT_TERMINATED if terminated else EXIT_INTERRUPTED


class OutputError(LimberError):
    """The output could not be written, or writing it would destroy a file."""

    exit_code = EXIT_OUTPUT


class UsageError(LimberError):
    """An option's value that the library refuses (a page range outside the document, ...):
    the same class of mistake as a bad option on the command line."""

    exit_code = EXIT_USAGE
