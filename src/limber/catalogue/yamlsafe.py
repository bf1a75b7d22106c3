"""A YAML reader that is safe by construction: one parse, hard limits, positions kept.

Takes: YAML text and the file name to show in messages.
Gives: ``build(text, file)`` -> (plain data, values, keys, problems) where ``values`` and
``keys`` map a path into the data (("exercises", 3, "dose")) to its 1-based line and
column, packed in one int (``unpack`` gives them back).

The text is parsed once, by PyYAML's event parser (libyaml's ``CParser`` where present:
fast, not recursive, and it keeps line numbers), and the data is built here from the
events with an explicit stack, so that:

- nesting deeper than ``MAX_DEPTH`` is refused (no RecursionError);
- aliases are counted as they are expanded, and bounded by their share of the document
  (as go-yaml v3 does): past ``MIN_ALIAS_VALUES`` values added through aliases, a small
  document may take up to 99 % of its values from aliases, a shrinking share of a large one
  (10 % from four million values on). So a file that a script wrote with shared parts
  (``yaml.safe_dump`` writes a repeated mapping once and aliases it) loads, while a "billion
  laughs" file is refused at once, after a few thousand values. An alias that refers to the
  node it sits in, or to an anchor not defined before it, is refused too;
- a list or mapping used as a mapping key is refused, and so is a repeated key;
- an integer of more than ``MAX_NUMBER_CHARS`` characters is refused before it is converted;
- only the safe tags (str, int, float, bool, null, timestamp, binary, merge ``<<``) exist.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.resolver import Resolver

from .datapath import field_name

try:  # libyaml's parser is many times faster than the pure-Python one
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml.parser import Parser as _Base
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, _Base):  # type: ignore[no-redef]
        def __init__(self, stream: str):
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            _Base.__init__(self)


MAX_DEPTH = 40
MIN_ALIAS_VALUES = 10_000
ALIAS_SHARE_SMALL, ALIAS_SHARE_LARGE = 0.99, 0.10
ALIAS_SMALL_VALUES, ALIAS_LARGE_VALUES = 400_000, 4_000_000


def allowed_alias_share(total: int) -> float:
    """The share of a document's ``total`` values (its own and those aliases add) that may
    come from aliases: 99 % up to 400,000 values, falling evenly to 10 % at four million."""
    if total <= ALIAS_SMALL_VALUES:
        return ALIAS_SHARE_SMALL
    if total >= ALIAS_LARGE_VALUES:
        return ALIAS_SHARE_LARGE
    span = (total - ALIAS_SMALL_VALUES) / (ALIAS_LARGE_VALUES - ALIAS_SMALL_VALUES)
    return ALIAS_SHARE_SMALL - (ALIAS_SHARE_SMALL - ALIAS_SHARE_LARGE) * span


MAX_NUMBER_CHARS = 20

_TAG = "tag:yaml.org,2002:"
_STR, _INT, _MERGE = _TAG + "str", _TAG + "int", _TAG + "merge"
_QUOTED = ("'", '"', "|", ">")
_RESOLVER = Resolver()
_CONSTRUCTOR = SafeConstructor()
_RESOLVED_FIRST = frozenset(key for key in Resolver.yaml_implicit_resolvers if key)
_SCALAR_TAGS = {_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp", "binary")}


class Refused(Exception):
    """The document breaks one of the hard limits; carries the message and the mark."""

    def __init__(self, message: str, mark: Any):
        super().__init__(message)
        self.message = message
        self.line = mark.line + 1 if mark is not None else None
        self.column = mark.column + 1 if mark is not None else None
        self.field = ""


def _kind(value: Any) -> str:
    return "a mapping" if isinstance(value, dict) else "a list"


def _check_text(event: Any) -> None:
    """Refuse a lone surrogate (a "\\ud800" escape): no file, terminal or PDF can hold it."""
    if not event.value.isascii():
        try:
            event.value.encode("utf-8")
        except UnicodeEncodeError as error:
            char = event.value[error.start]
            raise Refused(
                f"the text holds a lone surrogate U+{ord(char):04X}, which is not a character",
                event.start_mark,
            ) from None


def _scalar(event: Any) -> Any:
    _check_text(event)
    tag = event.tag
    if tag is None or tag == "!":
        value = event.value
        if event.style in _QUOTED or tag == "!" or (value and value[0] not in _RESOLVED_FIRST):
            return value  # text: no implicit type starts with this character
        tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)
    if tag == _STR:
        return event.value
    if tag == _MERGE:
        return _MergeKey
    if tag not in _SCALAR_TAGS:
        raise Refused(f"the tag {tag} is not allowed here; only plain YAML values are", event.start_mark)
    if tag == _INT and len(event.value) > MAX_NUMBER_CHARS:
        raise Refused(
            f"a number of {len(event.value)} characters is too long (at most {MAX_NUMBER_CHARS})",
            event.start_mark,
        )
    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
    try:
        return _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, node)
    except (ConstructorError, ValueError, OverflowError) as error:
        raise Refused(
            f"cannot read {event.value[:40]!r} as {tag[len(_TAG) :]}: {error}", event.start_mark
        ) from None


class _MergeKey:
    """The ``<<`` key of a YAML merge."""


class _Frame:
    __slots__ = ("value", "path", "anchor", "key", "key_mark", "size", "merges")

    def __init__(self, value: Any, path: tuple, anchor: str | None):
        self.value = value
        self.path = path
        self.anchor = anchor
        self.key: Any = _NoKey
        self.key_mark: Any = None
        self.size = 1
        self.merges: list[tuple[Any, Any]] = []


class _NoKey:
    pass


COLUMN_BITS = 20


def _mark(event: Any) -> int:
    mark = event.start_mark
    return (mark.line + 1) << COLUMN_BITS | min(mark.column + 1, (1 << COLUMN_BITS) - 1)


def unpack(packed: int) -> tuple[int, int]:
    """(line, column) of a position packed by ``_mark``."""
    return packed >> COLUMN_BITS, packed & ((1 << COLUMN_BITS) - 1)


def build(text: str, file: str, where: bool = True) -> tuple[Any, dict, dict, list]:
    """Plain data, value positions, key positions and problems (duplicate keys) of ``text``.

    With ``where`` false the position tables stay empty: about a third faster, and much
    smaller for a large file (``yamlpos.Positions`` asks for them only to report a problem).
    Raises ``Refused`` for a broken limit and ``yaml.YAMLError`` for a syntax error.
    """
    from ..errors import Problem

    values: dict[tuple, int] = {}
    keys: dict[tuple, int] = {}
    problems: list[Problem] = []
    anchors: dict[str, tuple[Any, int]] = {}
    open_anchors: set[str] = set()
    stack: list[_Frame] = []
    result: list[Any] = []
    documents = 0
    alias_values = 0
    own_values = 0

    def record(event: Any) -> None:
        """Remember where a value (not a key) starts."""
        if not where:
            return
        if not stack:
            values[()] = _mark(event)
        elif isinstance(stack[-1].value, list) or stack[-1].key is not _NoKey:
            values[child_path()] = _mark(event)

    def child_path() -> tuple:
        top = stack[-1]
        if isinstance(top.value, list):
            return top.path + (len(top.value),)
        return top.path + (top.key,)

    def add(value: Any, size: int, event: Any, anchor: str | None) -> None:
        if anchor is not None:
            anchors[anchor] = (value, size)
        if not stack:
            result.append(value)
            return
        top = stack[-1]
        top.size += size
        if isinstance(top.value, list):
            top.value.append(value)
            return
        if top.key is _NoKey:
            if isinstance(value, (dict, list)):
                raise Refused(f"a mapping key must be a single value, found {_kind(value)}", event.start_mark)
            top.key, top.key_mark = value, event.start_mark
            if where and value is not _MergeKey:
                keys[top.path + (value,)] = _mark(event)
            return
        key = top.key
        top.key = _NoKey
        if key is _MergeKey:
            top.merges.append((value, top.key_mark))
            return
        if key in top.value:
            path = top.path + (key,)
            problems.append(
                Problem(
                    file,
                    top.key_mark.line + 1,
                    top.key_mark.column + 1,
                    field_name(path),
                    f"duplicate key '{key}' in the same mapping",
                )
            )
            return
        top.value[key] = value

    parser = _Parser(text)
    try:
        while True:
            event = parser.get_event()
            if event is None or isinstance(event, yaml.StreamEndEvent):
                break
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise Refused(
                        "the file holds more than one YAML document (a second '---')", event.start_mark
                    )
            elif isinstance(event, yaml.ScalarEvent):
                own_values += 1
                record(event)
                add(_scalar(event), 1, event, event.anchor)
            elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                is_map = isinstance(event, yaml.MappingStartEvent)
                if event.tag not in (None, "!", _TAG + ("map" if is_map else "seq")):
                    raise Refused(
                        f"the tag {event.tag} is not allowed here; only plain YAML values are",
                        event.start_mark,
                    )
                if len(stack) >= MAX_DEPTH:
                    raise Refused(f"the data is nested more than {MAX_DEPTH} levels deep", event.start_mark)
                if stack and isinstance(stack[-1].value, dict) and stack[-1].key is _NoKey:
                    raise Refused(
                        f"a mapping key must be a single value, found {'a mapping' if is_map else 'a list'}",
                        event.start_mark,
                    )
                own_values += 1
                record(event)
                path = child_path() if stack else ()
                if event.anchor is not None:
                    open_anchors.add(event.anchor)
                stack.append(_Frame({} if is_map else [], path, event.anchor))
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                frame = stack.pop()
                for merged, mark in frame.merges:
                    for part in merged if isinstance(merged, list) else [merged]:
                        if not isinstance(part, dict):
                            raise Refused("a merge ('<<') takes a mapping or a list of mappings", mark)
                        for key, value in part.items():
                            frame.value.setdefault(key, value)
                if frame.anchor is not None:
                    open_anchors.discard(frame.anchor)
                add(frame.value, frame.size, event, frame.anchor)
            elif isinstance(event, yaml.AliasEvent):
                name = event.anchor
                if name in open_anchors:
                    raise Refused(f"the alias *{name} refers to the value that contains it", event.start_mark)
                if name not in anchors:
                    raise Refused(f"the alias *{name} has no anchor &{name} before it", event.start_mark)
                value, size = anchors[name]
                alias_values += size
                total = own_values + alias_values
                if alias_values > MIN_ALIAS_VALUES and alias_values > allowed_alias_share(total) * total:
                    raise Refused(
                        f"aliases expand to {alias_values} values, from a document of {own_values} of its "
                        f"own: more than {allowed_alias_share(total):.0%} of its values would come from "
                        "aliases; limber refuses such files",
                        event.start_mark,
                    )
                record(event)
                add(value, size, event, None)
    except Refused as refused:
        if stack:  # name the field where it happened
            top = stack[-1]
            in_value = isinstance(top.value, list) or top.key is not _NoKey
            refused.field = field_name(child_path() if in_value else top.path)
        raise
    finally:
        dispose = getattr(parser, "dispose", None)
        if dispose:
            dispose()
    data = result[0] if result else None
    return data, values, keys, problems
