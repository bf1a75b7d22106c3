"""Card and paper sizes by name.

Takes: a name (``poker``, ``credit``, ``a6``, ``a4`` ...) or ``WxH`` in millimetres, with an
optional ``-landscape``/``-portrait`` suffix for cards.
Gives: ``(width, height)`` in mm, or a ``NotFoundError`` that lists the names; and
``paper_label``, a paper's name as messages show it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .errors import NotFoundError
from .words import suggest

CARDS = {
    "credit": (85.60, 53.98),  # ISO/IEC 7810 ID-1, landscape
    "poker": (63.5, 88.9),
    "bridge": (57.15, 88.9),
    "a6": (105.0, 148.0),
    "a7": (74.0, 105.0),
    "index-3x5": (76.2, 127.0),
    "a5": (148.0, 210.0),
}
PAPERS = {
    "a4": (210.0, 297.0),
    "letter": (215.9, 279.4),
    "a3": (297.0, 420.0),
    "a5": (148.0, 210.0),
    "a2": (420.0, 594.0),
    "a1": (594.0, 841.0),
    "a0": (841.0, 1189.0),
    "tabloid": (279.4, 431.8),
}
_WXH = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[xX]\s*(\d+(?:\.\d+)?)\s*(?:mm)?\s*$")


def _custom(text: str, what: str) -> tuple[float, float] | None:
    """The size written as WxH in mm, or None if ``text`` is not written so."""
    match = _WXH.match(text)
    if not match:
        return None
    w, h = float(match.group(1)), float(match.group(2))
    if not (20 <= w <= 1200 and 20 <= h <= 1200):
        raise NotFoundError(f"{what} size '{text}': each side must be between 20 and 1200 mm")
    return w, h


def card_size(name: str) -> tuple[float, float]:
    """A card's trim size in mm (width, height)."""
    key = name.strip().lower()
    orient = None
    for suffix in ("-landscape", "-portrait"):
        if key.endswith(suffix):
            key, orient = key[: -len(suffix)], suffix[1:]
    if key in CARDS:
        w, h = CARDS[key]
    else:
        custom = _custom(key, "card")
        if custom is None:
            names = ", ".join(CARDS)
            raise NotFoundError(
                f"unknown card size '{name}'{suggest(key, CARDS)}: use one of {names} (optionally with "
                f"-landscape or -portrait), or WxH in mm such as 70x100"
            )
        w, h = custom
    if orient == "landscape" and w < h or orient == "portrait" and w > h:
        w, h = h, w
    return w, h


def paper_size(name: str, also: Sequence[str] = ()) -> tuple[float, float]:
    """A sheet's size in mm (width, height), portrait. ``also``: other names the caller
    accepts (such as ``none``), for the message about an unknown one."""
    key = name.strip().lower()
    if key in PAPERS:
        return PAPERS[key]
    custom = _custom(key, "paper")
    if custom is None:
        names = ", ".join([*PAPERS, *also])
        raise NotFoundError(
            f"unknown sheet '{name}'{suggest(key, [*PAPERS, *also])}: use one of {names}, or WxH in mm"
        )
    return custom


def paper_label(name: str) -> str:
    """How messages name a paper: 'A4', 'Letter', 'Tabloid', or '200 x 300 mm'."""
    key = name.strip().lower()
    if key in PAPERS:
        return key.upper() if key.startswith("a") else key.capitalize()
    w, h = paper_size(key)
    return f"{w:g} x {h:g} mm"
