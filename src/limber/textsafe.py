"""Characters that must not reach a terminal, a PDF or a QR code as they are.

Takes: text. Gives: ``unsafe_chars(text)``, the control, format (bidi overrides, zero-width
marks), surrogate, private-use and line/paragraph-separator characters in it, and
``escape(text)``, the text with each of them shown as a Python-style escape (``\\x1b``,
``\\u202e``) so that data printed by the CLI can never move the cursor, change colours,
set the window title or reorder what a person reads. Newlines and tabs are kept.
"""

from __future__ import annotations

import unicodedata

UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
KEPT = frozenset("\n\t")


def is_unsafe(char: str) -> bool:
    return char not in KEPT and unicodedata.category(char) in UNSAFE_CATEGORIES


def unsafe_chars(text: str) -> list[str]:
    """The unsafe characters of ``text``, each once, in order of first appearance."""
    if text.isprintable():  # fast: no character of the unsafe categories (nor \n, \t)
        return []
    return list(dict.fromkeys(c for c in text if is_unsafe(c)))


def _escaped(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def escape(text: str) -> str:
    """``text`` with every unsafe character replaced by its escape."""
    if text.isprintable():
        return text
    return "".join(_escaped(c) if is_unsafe(c) else c for c in text)


def brief(value: object, limit: int = 60) -> str:
    """``repr(value)``, cut to about ``limit`` characters for a message."""
    text = repr(value)
    if len(text) <= limit:
        return text
    size = f"{len(value)} characters" if isinstance(value, str) else f"{len(text)} characters shown"
    return f"{text[:limit]}... ({size})"
