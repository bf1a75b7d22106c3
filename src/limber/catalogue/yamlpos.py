"""YAML with positions, and pydantic validation that reports file:line:column.

Takes: a YAML file path and a pydantic model class.
Gives: ``read_yaml`` -> (plain data, ``Positions``); ``validate`` -> a model instance,
or a ``DataError`` that lists every problem with its file, line, column and field.
Only PyYAML's safe loader is used. Themes and catalogues both load through here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from ..errors import DataError, Problem

Path_ = tuple  # a path into the data: ("exercises", 3, "dose", "reps")
M = TypeVar("M", bound=BaseModel)


class Positions:
    """Where each value (and each mapping key) of a YAML document starts."""

    def __init__(self, file: str):
        self.file = file
        self.values: dict[Path_, tuple[int, int]] = {}
        self.keys: dict[Path_, tuple[int, int]] = {}

    def at(self, path: Path_, key: bool = False) -> tuple[Optional[int], Optional[int]]:
        """Line and column (1-based) of ``path``, or of its nearest ancestor that has one."""
        table = self.keys if key and path in self.keys else self.values
        path = tuple(path)
        while path and path not in table:
            path = path[:-1]
            table = self.values
        return table.get(path, (None, None))

    def problem(self, path: Path_, field: str, message: str, key: bool = False) -> Problem:
        line, column = self.at(path, key)
        return Problem(self.file, line, column, field, message)


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _walk(node: yaml.Node, path: Path_, pos: Positions, problems: list[Problem]) -> None:
    pos.values[path] = _mark(node)
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                line, col = _mark(key_node)
                problems.append(Problem(pos.file, line, col, field_name(path + (key,)),
                                        f"duplicate key '{key}' in the same mapping"))
            seen.add(key)
            pos.keys[path + (key,)] = _mark(key_node)
            _walk(value_node, path + (key,), pos, problems)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, path + (index,), pos, problems)


def _syntax_problem(file: str, text: str, error: yaml.YAMLError) -> Problem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else None
    problem = getattr(error, "problem", None) or str(error)
    if "\t" in problem or "'\\t'" in problem:
        message = "a tab character is used for indentation; YAML needs spaces"
    elif mark is not None and mark.index >= len(text.rstrip()) and text.strip():
        message = f"the file ends too early (is it truncated?): {problem}"
    else:
        context = getattr(error, "context", None)
        message = f"YAML syntax error: {problem}" + (f" ({context})" if context else "")
    return Problem(file, line, column, "", message)


def read_text(path: Path | str, file: str, encoding: str = "utf-8") -> str:
    """The text of an input file, or a ``DataError`` saying why it cannot be read."""
    try:
        return Path(path).read_text(encoding=encoding)
    except FileNotFoundError:
        raise DataError([Problem(file, None, None, "", "file not found")]) from None
    except UnicodeDecodeError as error:
        raise DataError([Problem(file, None, None, "", f"not UTF-8 text ({error.reason})")]) from None
    except OSError as error:
        raise DataError([Problem(file, None, None, "", f"cannot read: {error.strerror}")]) from None


def read_yaml(path: Path | str, display: Optional[str] = None) -> tuple[Any, Positions]:
    """Read one YAML document safely, with the position of every value."""
    file = display or str(path)
    text = read_text(path, file)
    pos = Positions(file)
    problems: list[Problem] = []
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        if node is None:
            raise DataError([Problem(file, 1, 1, "", "the file is empty")])
        _walk(node, (), pos, problems)
        data = yaml.SafeLoader(text).get_single_data()
    except yaml.YAMLError as error:
        if "\t" in text and "tab" not in str(error).lower():
            # PyYAML's message for tabs varies; find the first indenting tab ourselves.
            for number, line in enumerate(text.splitlines(), 1):
                stripped = line.lstrip(" ")
                if stripped.startswith("\t"):
                    raise DataError([Problem(file, number, len(line) - len(stripped) + 1, "",
                                             "a tab character is used for indentation; "
                                             "YAML needs spaces")]) from None
        raise DataError([_syntax_problem(file, text, error)]) from None
    if problems:
        raise DataError(problems)
    return data, pos


def field_name(path: Path_) -> str:
    """('exercises', 3, 'dose', 'reps') -> 'exercises[3].dose.reps'."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _describe(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    return repr(value)


def _message(error: dict) -> str:
    kind = error["type"]
    value = error.get("input")
    if kind == "extra_forbidden":
        return "unknown key"
    if kind == "missing":
        return "required field is missing"
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
        return text[len("Value error, "):]
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


def validate(model: type[M], data: Any, pos: Positions) -> M:
    """Validate ``data`` into ``model``; map every pydantic error to a positioned Problem."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and p.startswith("function-")))
            is_key = error["type"] == "extra_forbidden"
            field = field_name(loc)
            owner = label_for(data, loc)
            if owner:
                field = f"{field} (id {owner})"
            problems.append(pos.problem(loc, field, _message(error), key=is_key))
        problems.sort(key=lambda p: (p.line or 0, p.column or 0))
        raise DataError(problems) from None
