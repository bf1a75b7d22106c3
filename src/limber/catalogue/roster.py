"""Read a running club's roster: a CSV file with one row per member.

Takes: the path of a UTF-8 CSV file with a header row. Columns: ``name`` (required), and
optional ``group`` (e.g. a pace group), ``routines`` (routine ids or files, separated by
``;``), ``minutes``, ``focus`` (body areas separated by ``;``), ``level``, ``phase`` and
``equipment`` (separated by ``;``), for a routine built for the member. Column names are read
in any case and order; each may appear once.
Gives: ``Roster``: the good ``Member`` rows, in roster order, and a ``Problem`` for each bad
row naming the file, line and column. A file that cannot be read at all, or a header without
``name``, with an unknown, unnamed or repeated column, is a ``DataError``.

Lines are the CSV reader's own: the text is split only at ``\n``, ``\r\n`` and ``\r`` (a
quoted cell may hold them), never at the other characters Python counts as line breaks
(U+2028, U+0085, form feed), and a row's line is the one it starts on. A cell holding a
control or invisible character (U+2028 among them) is refused at its line and column.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DataError, Problem
from ..streams import shown_input
from ..textsafe import unsafe_chars
from ..words import count, suggest
from .fields import describe_char
from .model import Area, Equipment, Level, Phase
from .yamlpos import read_text

COLUMNS = ("name", "group", "routines", "minutes", "focus", "level", "phase", "equipment")
DEFAULT_PHASE = Phase.post_run


@dataclass(frozen=True)
class Member:
    line: int
    name: str
    group: str = ""
    routines: tuple[str, ...] = ()
    minutes: float | None = None
    focus: tuple[str, ...] = ()
    level: Level = Level.basic
    phase: Phase = DEFAULT_PHASE
    equipment: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """'Ana Lopez' or 'Ana Lopez, Group B', for the routine cards and separators."""
        return f"{self.name}, {self.group}" if self.group else self.name


@dataclass
class Roster:
    file: str
    columns: dict[str, int] = field(default_factory=dict)  # column name -> 1-based position
    members: list[Member] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _split(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(";") if part.strip())


class _Row:
    """The cells of one row, with a way to report a problem at a column."""

    def __init__(self, file: str, line: int, header: list[str], cells: list[str]):
        self.file, self.line = file, line
        self.columns = {name: index for index, name in enumerate(header)}
        self.cells = cells
        self.problems: list[Problem] = []

    def get(self, name: str) -> str:
        index = self.columns.get(name)
        return self.cells[index].strip() if index is not None and index < len(self.cells) else ""

    def bad(self, name: str, message: str) -> None:
        column = self.columns.get(name)
        self.problems.append(
            Problem(self.file, self.line, None if column is None else column + 1, name, message)
        )

    def choice(self, name: str, enum, default):
        value = self.get(name)
        if not value:
            return default
        try:
            return enum(value.lower())
        except ValueError:
            self.bad(name, f"expected one of {', '.join(e.value for e in enum)}, found '{value}'")
            return default


def _member(row: _Row) -> Member | None:
    for column, index in row.columns.items():
        bad = unsafe_chars(row.cells[index]) if index < len(row.cells) else []
        if bad:
            row.bad(column, f"contains the invisible or control character {describe_char(bad[0])}; remove it")
    if row.problems:
        return None
    name = " ".join(row.get("name").split())  # a line break or tab in a quoted name is a space
    if not name:
        row.bad("name", "the name is empty")
    minutes: float | None = None
    if row.get("minutes"):
        try:
            minutes = float(row.get("minutes"))
        except ValueError:
            minutes = None
        if minutes is None or not (0 < minutes <= 120) or minutes != minutes:
            row.bad(
                "minutes",
                f"expected a positive number of minutes (at most 120), found '{row.get('minutes')}'",
            )
    areas = {a.value for a in Area}
    focus = tuple(a.lower() for a in _split(row.get("focus")))
    for area in focus:
        if area not in areas:
            row.bad("focus", f"unknown focus area '{area}'; choose from {', '.join(sorted(areas))}")
    kit = tuple(e.lower() for e in _split(row.get("equipment")))
    for item in kit:
        if item != "none" and item not in {e.value for e in Equipment}:
            row.bad(
                "equipment",
                f"unknown equipment '{item}'; choose from none, {', '.join(e.value for e in Equipment)}",
            )
    level = row.choice("level", Level, Level.basic)
    phase = row.choice("phase", Phase, DEFAULT_PHASE)
    routines = _split(row.get("routines"))
    if not routines and minutes is None and not any(p.field == "minutes" for p in row.problems):
        row.bad("routines", "give routines (ids or files, separated by ';'), or minutes to build one")
    if row.problems:
        return None
    group = " ".join(row.get("group").split())
    return Member(row.line, name, group, routines, minutes, focus, level, phase, kit)


def _malformed(file: str, line: int, error: csv.Error) -> DataError:
    return DataError(
        [Problem(file, line, None, "", f"malformed CSV from this line on ({error}); check its quotes")]
    )


def _header_problems(file: str, header: list[str]) -> list[Problem]:
    """What is wrong with the header row: an unnamed, unknown or repeated column, no ``name``."""
    problems = []
    allowed = f"the columns are {', '.join(COLUMNS)} (only name is required; each at most once)"
    first: dict[str, int] = {}
    for index, column in enumerate(header, 1):
        if not column:
            message = f"column {index} has no name; name it or remove it"
        elif column not in COLUMNS:
            message = f"unknown column '{column}'{suggest(column, COLUMNS)}; {allowed}"
        elif column in first:
            message = f"the column '{column}' is repeated (first at column {first[column]}); give it once"
        else:
            first[column] = index
            continue
        problems.append(Problem(file, 1, index, "header", message))
    if "name" not in header:
        problems.append(Problem(file, 1, None, "header", f"no 'name' column; {allowed}"))
    return problems


def read_roster(path: Path | str) -> Roster:
    """Every member of the roster at ``path``, and a problem for each bad row."""
    file = shown_input(path)
    text = read_text(path, file).removeprefix("\ufeff")  # a spreadsheet's export may start with a BOM
    # newline="": the csv module's own line handling (U+2028 in a cell is not a line break)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise DataError(
            [
                Problem(
                    file,
                    1,
                    None,
                    "",
                    "the roster is empty; its first line names the columns, e.g. name,group,routines",
                )
            ]
        ) from None
    except csv.Error as error:
        raise _malformed(file, 1, error) from None
    problems = _header_problems(file, header)
    if problems:
        raise DataError(problems)
    roster = Roster(file, {name: index + 1 for index, name in enumerate(header)})
    line = reader.line_num
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:  # the rows before it are kept; nothing after it can be trusted
            roster.problems.append(_malformed(file, line + 1, error).problems[0])
            break
        first, line = line + 1, reader.line_num
        if not any(c.strip() for c in cells):
            continue
        row = _Row(file, first, header, cells)
        if len(cells) > len(header):
            row.bad("", f"{count(len(cells), 'cell')} but the header names {count(len(header), 'column')}")
            roster.problems.extend(row.problems)
            continue
        member = _member(row)
        roster.problems.extend(row.problems)
        if member is not None:
            roster.members.append(member)
    if not roster.members and not roster.problems:
        raise DataError([Problem(file, 2, None, "", "the roster has a header but no members")])
    return roster
