"""The project's exception hierarchy.

Takes: nothing. Gives: ``LimberError`` and its subclasses, each with an ``exit_code``
that the CLI maps to the process status, and a message fit for a person to read.

Exit codes: 1 usage or output problems, 2 bad input data, 3 content that does not fit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


class LimberError(Exception):
    """Base of every error limber reports to a user."""

    exit_code = 1


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one place of one input file."""

    file: str
    line: Optional[int]
    column: Optional[int]
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

    exit_code = 2

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the input:"
        super().__init__("\n".join([head, *("  " + str(p) for p in self.problems)]))


class NotFoundError(LimberError):
    """A name given on the command line (exercise, routine, theme, size) does not exist."""

    exit_code = 2


class FitError(LimberError):
    """Content does not fit its box even at the smallest allowed size."""

    exit_code = 3


class OutputError(LimberError):
    """The output could not be written."""

    exit_code = 1
