"""Bounded field types for the catalogue model, so that what loads can always be printed.

Takes: raw values from YAML (through pydantic). Gives: ``text_rule(n)``, the rule of an
``Annotated[str, text_rule(n)]`` field (``check_text`` applies it to a single value), which
folds runs of whitespace (YAML's folded
lines) into single spaces and refuses blank text, text over ``n`` characters and unsafe
characters (control and format characters such as ESC, U+202E or zero-width marks, lone
surrogates); and ``check_url``,
which accepts an http(s) URL only if it holds no whitespace or unsafe character and fits
a card's QR code (``limber.qrcap``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from ..qrcap import MAX_URL_BYTES, oversize
from ..textsafe import brief, unsafe_chars
from .rules import Rule

URL_RE = re.compile(r"https?://[^\s/]+\.\S+")


def describe_char(char: str) -> str:
    """'U+202E (RIGHT-TO-LEFT OVERRIDE)'."""
    name = unicodedata.name(char, "") or {"Cs": "a lone surrogate", "Cc": "a control character"}.get(
        unicodedata.category(char), "unassigned"
    )
    return f"U+{ord(char):04X} ({name})"


def _no_unsafe(value: str) -> None:
    bad = unsafe_chars(value)
    if bad:
        raise ValueError(f"contains the invisible or control character {describe_char(bad[0])}; remove it")


def _text(max_chars: int) -> Callable[[str], str]:
    def check(value: str) -> str:
        _no_unsafe(value)
        folded = (
            value
            if value.isprintable() and "  " not in value and value.strip() == value
            else " ".join(value.split())
        )
        if not folded:
            raise ValueError("must not be blank")
        if len(folded) > max_chars:
            raise ValueError(f"is {len(folded)} characters long; at most {max_chars} fit a card")
        return folded

    return check


def check_text(value: str, max_chars: int) -> str:
    """``value`` as a text field of at most ``max_chars`` characters holds it (whitespace
    folded), or a ValueError saying why not: the rule of ``text_rule``, for text that does not
    come from a file (an option's value)."""
    return _text(max_chars)(value)


def text_rule(max_chars: int) -> Rule:
    """The rule of a one-paragraph text of at most ``max_chars`` characters, declared as
    ``Annotated[str, text_rule(80)]`` (a type checker reads that as ``str``)."""
    return Rule(min_length=1, json_schema_extra={"maxLength": max_chars}, after=_text(max_chars))


def check_url(value: str | None) -> str | None:
    """``value`` if it is a printable http(s) URL that fits a card's QR code."""
    if value is None:
        return value
    _no_unsafe(value)
    if not URL_RE.fullmatch(value):
        raise ValueError(f"expected an http:// or https:// URL, found {brief(value)}")
    check_qr_length(value)
    return value


def check_qr_length(url: str) -> None:
    size = oversize(url)
    if size:
        raise ValueError(f"the URL is {size} bytes long; a card's QR code holds at most {MAX_URL_BYTES}")
