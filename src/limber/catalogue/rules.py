"""Field rules for the typed data, declared without loading pydantic.

Takes: what a field must be (constraints such as ``min_length``, ``max_length``, ``ge``, ``le``,
``gt`` or ``pattern``, a ``description``, JSON Schema extras) and the functions that check or
convert it (``before``, ``after``, ``wrap`` validators and a ``serialize`` function), attached
to a type as ``Annotated[T, Rule(...)]``.

Gives:
- ``Rule``, which pydantic reads when it validates (through its ``__get_pydantic_core_schema__``
  hook) and which costs nothing otherwise; ``about(description, ...)`` is a Rule with a
  description. So the catalogue, figure and theme classes are plain frozen dataclasses:
  validated by pydantic when a file is read, yet unpickled from the cache, copied and drawn
  without importing pydantic at all (it takes about 60 ms to import).
- ``frozen``, the decorator that makes such a class (an immutable dataclass with keyword
  fields), and ``STRICT``, the configuration each one carries (``__pydantic_config__``): unknown
  keys and non-finite numbers are refused.
- ``adapter(cls)``: the pydantic validator of a class or annotated type, built once per process;
  ``dump(obj)``: an object as plain JSON-ready data, as pydantic's JSON mode gives it (enums as
  their values, tuples as lists, a class's own ``__json__`` form), without loading pydantic;
  ``replace``: a copy with some fields changed (``dataclasses.replace``, named here so callers
  need one import).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import MISSING, dataclass, fields, is_dataclass, replace
from enum import Enum
from functools import cache
from typing import Annotated, Any, TypeVar, dataclass_transform

__all__ = ["Rule", "STRICT", "about", "adapter", "dump", "frozen", "replace"]

STRICT = {"extra": "forbid", "allow_inf_nan": False}
_T = TypeVar("_T")


@dataclass_transform(frozen_default=True, kw_only_default=True)
def frozen(cls: type[_T]) -> type[_T]:
    """``cls`` as an immutable dataclass whose fields are given by keyword."""
    return dataclass(frozen=True, kw_only=True)(cls)


class Rule:
    """Constraints and validators of one field, applied by pydantic when it validates."""

    __slots__ = ("field", "before", "after", "wrap", "serialize", "schema")

    def __init__(
        self,
        *,
        before: Callable | None = None,
        after: Callable | None = None,
        wrap: Callable | None = None,
        serialize: Callable | None = None,
        schema: dict | None = None,
        **field: Any,
    ) -> None:
        self.field, self.schema = field, schema
        self.before, self.after, self.wrap, self.serialize = before, after, wrap, serialize

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic import (
            AfterValidator,
            BeforeValidator,
            Field,
            PlainSerializer,
            WithJsonSchema,
            WrapValidator,
        )

        meta: list = [Field(**self.field)] if self.field else []
        meta += [
            kind(fn)
            for kind, fn in (
                (AfterValidator, self.after),
                (BeforeValidator, self.before),
                (WrapValidator, self.wrap),
                (PlainSerializer, self.serialize),
            )
            if fn
        ]
        if self.schema is not None:
            meta.append(WithJsonSchema(self.schema))
        return handler(Annotated[(source, *meta)])


def about(description: str, **rules: Any) -> Rule:
    """A field's description for the JSON Schema, with any further rules."""
    return Rule(description=description, **rules)


@cache
def adapter(kind: Any) -> Any:
    """pydantic's validator (and serializer, and JSON Schema maker) for ``kind``."""
    from pydantic import TypeAdapter

    return TypeAdapter(kind)


def dump(
    obj: Any,
    exclude: frozenset[str] | set[str] = frozenset(),
    exclude_none: bool = False,
    exclude_defaults: bool = False,
) -> Any:
    """``obj`` as JSON-ready data. ``exclude`` leaves out top-level fields; ``exclude_none`` and
    ``exclude_defaults`` leave out fields, at every level, that are None or at their default."""
    if hasattr(obj, "__json__"):
        return obj.__json__()
    if is_dataclass(obj):
        out = {}
        for spec in fields(obj):
            value = getattr(obj, spec.name)
            if (
                spec.name in exclude
                or (exclude_none and value is None)
                or (
                    exclude_defaults
                    and value == (spec.default if spec.default_factory is MISSING else spec.default_factory())
                )
            ):
                continue
            out[spec.name] = dump(value, exclude_none=exclude_none, exclude_defaults=exclude_defaults)
        return out
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, dict):
        return {
            key: dump(value, exclude_none=exclude_none, exclude_defaults=exclude_defaults)
            for key, value in obj.items()
        }
    if isinstance(obj, (list, tuple)):
        return [dump(value, exclude_none=exclude_none, exclude_defaults=exclude_defaults) for value in obj]
    return obj
