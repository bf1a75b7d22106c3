"""YAML with positions, and pydantic validation that reports file:line:column.

Takes: a YAML file path and a pydantic model class.
Gives: ``read_yaml`` -> (plain data, ``Positions``); ``validate`` -> a model instance,
or a ``DataError`` that lists every problem with its file, line, column and field.
YAML is read by ``yamlsafe`` (one parse, hard limits on size, depth, aliases and numbers).
Catalogues, themes and figure files all load through here.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .. import reads
from ..errors import DataError, Problem
from ..streams import is_dash, read_stdin, shown_input
from ..textsafe import brief
from .datapath import field_name

if TYPE_CHECKING:
    import yaml

Path_ = tuple  # a path into the data: ("exercises", 3, "dose", "reps")
M = TypeVar("M")
# pydantic's error types for a key the data does not know (a model's, a dataclass's)
UNKNOWN_KEY = ("extra_forbidden", "unexpected_keyword_argument")


class Positions:
    """Where each value (and each mapping key) of a YAML document starts.

    The table is made only when a position is asked for (to report a problem), by reading
    the text held here again; a file that loads without problems is parsed once, and its
    positions never take memory. A position is stored packed in one int (``yamlsafe.unpack``).
    """

    def __init__(self, file: str, text: str = ""):
        self.file = file
        self._text = text
        self._values: dict[Path_, int] | None = None if text else {}
        self._keys: dict[Path_, int] = {}

    @property
    def values(self) -> dict[Path_, int]:
        if self._values is None:
            from .yamlsafe import build

            _, self._values, self._keys, _ = build(self._text, self.file)
            self._text = ""
        return self._values

    @property
    def keys(self) -> dict[Path_, int]:
        self.values  # noqa: B018 - makes both tables
        return self._keys

    def at(self, path: Path_, key: bool = False) -> tuple[int | None, int | None]:
        """Line and column (1-based) of ``path``, or of its nearest ancestor that has one."""
        from .yamlsafe import unpack

        path = tuple(path)
        values, keys = self.values, self.keys
        table = keys if key and path in keys else values
        while path and path not in table:
            path = path[:-1]
            table = values
        return unpack(table[path]) if path in table else (None, None)

    def problem(self, path: Path_, field: str, message: str, key: bool = False) -> Problem:
        line, column = self.at(path, key)
        return Problem(self.file, line, column, field, message)


MAX_FILE_BYTES = 50 * 1024 * 1024


def _syntax_problem(file: str, text: str, error: yaml.YAMLError) -> Problem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else None
    problem = getattr(error, "problem", None) or str(error)
    if "\t" in problem or "'\\t'" in problem:
        message = "a tab character is used for indentation; YAML needs spaces"
    elif mark is not None and mark.index >= len(text.rstrip()) and text.strip():
        message = f"the file ends too early (is it truncated?): {problem}"
        lines = text.rstrip().splitlines()
        line, column = len(lines), len(lines[-1]) + 1  # where the text stops, not past it
    else:
        context = getattr(error, "context", None)
        message = f"YAML syntax error: {problem}" + (f" ({context})" if context else "")
    return Problem(file, line, column, "", message)


def read_text(path: Path | str, file: str, limit: int = MAX_FILE_BYTES) -> str:
    """The UTF-8 text of a regular file of at most ``limit`` bytes, or a ``DataError``.

    A folder, FIFO or device is refused before it is read (opening is non-blocking, and
    the type is checked on the open file), so a FIFO never hangs the command. ``-`` is
    standard input (a pipe or a redirected file), shown as ``<stdin>``.
    """
    file = shown_input(file)

    def fail(message: str, line: int | None = None) -> DataError:
        return DataError([Problem(file, line, None, "", message)])

    if is_dash(path):
        raw = read_stdin(limit)
    else:
        raw = _read_file(path, limit, fail)
    if len(raw) > limit:
        raise fail(f"the file is over {limit // 2**20} MB; such files are refused")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise fail(f"not UTF-8 text ({error.reason} at byte {error.start})", line) from None


def _read_file(path: Path | str, limit: int, fail) -> bytes:
    """The bytes of the regular file ``path``, up to ``limit + 1``."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise fail("file not found") from None
    except OSError as error:
        raise fail(f"cannot read: {error.strerror}") from None
    try:
        info = os.fstat(fd)
    except OSError as error:
        os.close(fd)
        raise fail(f"cannot read: {error.strerror}") from None
    if not stat.S_ISREG(info.st_mode):  # checked on the open file, before fdopen
        os.close(fd)
        what = (
            "a folder"
            if stat.S_ISDIR(info.st_mode)
            else "a pipe"
            if stat.S_ISFIFO(info.st_mode)
            else "not a regular file"
        )
        raise fail(
            f"{what}; expected a YAML file"
            + ("; to read a pipe, give - and pipe it into standard input" if what == "a pipe" else "")
            if what != "not a regular file"
            else "not a regular file; expected a YAML file"
        )
    with os.fdopen(fd, "rb") as handle:
        reads.note(path, info)
        if info.st_size > limit:
            raise fail(
                f"the file is {info.st_size / 2**20:.1f} MB; files over {limit // 2**20} MB are refused"
            )
        try:
            return handle.read(limit + 1)
        except OSError as error:
            raise fail(f"cannot read: {error.strerror}") from None


def read_yaml(path: Path | str, display: str | None = None) -> tuple[Any, Positions]:
    """Read one YAML document safely (see ``yamlsafe``), with the position of every value."""
    import yaml  # here, not on import: a run that reads only cached data never loads the parser

    from .yamlsafe import Refused, build

    file = shown_input(display or str(path))
    text = read_text(path, file)
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise DataError([Problem(file, 1, 1, "", "the file is empty")])
    pos = Positions(file, text)
    try:
        data, _, _, problems = build(text, file, where=False)
    except Refused as refused:
        raise DataError(
            [Problem(file, refused.line, refused.column, refused.field, refused.message)]
        ) from None
    except yaml.YAMLError as error:
        if "\t" in text and "tab" not in str(error).lower():
            # PyYAML's message for tabs varies; find the first indenting tab ourselves.
            for number, line in enumerate(text.splitlines(), 1):
                stripped = line.lstrip(" ")
                if stripped.startswith("\t"):
                    raise DataError(
                        [
                            Problem(
                                file,
                                number,
                                len(line) - len(stripped) + 1,
                                "",
                                "a tab character is used for indentation; YAML needs spaces",
                            )
                        ]
                    ) from None
        raise DataError([_syntax_problem(file, text, error)]) from None
    if problems:
        raise DataError(problems)
    return data, pos


def _describe(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    return brief(value)


def _message(error: dict) -> str:
    kind = error["type"]
    value = error.get("input")
    if kind in UNKNOWN_KEY:
        return "unknown key"
    if kind == "missing":
        return "required field is missing"
    if kind in ("dataclass_type", "model_type", "dict_type"):
        return f"expected a mapping, found {_describe(value)}"
    if kind == "enum":
        expected = error.get("ctx", {}).get("expected", "")
        return f"expected one of {expected}, found {_describe(value)}"
    if kind == "string_pattern_mismatch":
        return f"expected a kebab-case id (lower-case words joined by '-'), found {_describe(value)}"
    if kind in ("too_short",) and isinstance(value, (list, dict)):
        return "must not be empty"
    if kind == "string_too_short":
        return "must not be empty"
    text = error["msg"]
    if text.startswith("Value error, "):
        return text[len("Value error, ") :]
    return f"{text}, found {_describe(value)}"


def label_for(data: Any, loc: Path_) -> str:
    """A readable name for the thing at ``loc``: the id of the nearest enclosing item."""
    node = data
    label = ""
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            label = node["id"]
    return label


def errors_of(exc: Any, where: Path_ = ()) -> Iterator[tuple[Path_, bool, str]]:
    """Each error of a pydantic ``ValidationError``: its data path (after ``where``, the path
    of the validated data in its file; validator steps left out), whether it is about a key
    rather than a value, and its message."""
    for error in exc.errors():
        loc = where + tuple(p for p in error["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        yield loc, error["type"] in UNKNOWN_KEY, _message(error)


def validate(model: type[M], data: Any, pos: Positions) -> M:
    """Validate ``data`` into ``model``; map every pydantic error to a positioned Problem."""
    from pydantic import ValidationError

    from .rules import adapter

    try:
        # a class is hashable, but mypy does not see that of an unbounded type[M]
        return adapter(model).validate_python(data)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = []
        for loc, is_key, message in errors_of(exc):
            field = field_name(loc)
            owner = label_for(data, loc)
            if owner:
                field = f"{field} (id {owner})"
            problems.append(pos.problem(loc, field, message, key=is_key))
        problems.sort(key=lambda p: (p.line or 0, p.column or 0))
        raise DataError(problems) from None
