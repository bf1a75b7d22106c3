"""Legibility rules for posters: minimum text sizes from viewing distance, and contrast.

Takes: a reading distance in metres, a font name, colours ('#rrggbb').
Gives: ``min_size(distance, font, factor)``: the point size whose capital letters subtend
the visual angle a reader needs (cap height at least ``CAP_PER_METRE`` mm per metre of
distance, times ``factor``: 1 for body text, ``HEADING_FACTOR`` for exercise names and
panel numbers), computed from the font's real cap height; ``Legibility`` (the minimums for
one distance); ``default_distance(w, h)`` by paper size; ``contrast(a, b)`` (WCAG ratio).
This is the one place these rules live; layout and tests import them from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..contrast import contrast
from ..fonts import BOLD, REGULAR, face
from .units import mm

CAP_PER_METRE = 3.0  # mm of cap height per metre of distance: a visual angle of 0.003 rad
HEADING_FACTOR = 2.0  # exercise names and panel numbers: twice the body minimum
MIN_CONTRAST = 4.5  # text against its background (WCAG AA)
# Default reading distance (m) by paper area: up to A4/Letter, A3/Tabloid, A2, then larger.
_DISTANCES = ((63_000, 1.0), (125_000, 1.5), (250_000, 2.0))
_LARGE = 3.0


@cache
def cap_ratio(font: str) -> float:
    """Cap height of ``font`` as a fraction of its size, from the font file."""
    return face(font).capHeight / 1000.0


def cap_height(font: str, size: float) -> float:
    """Height in mm of a capital letter of ``font`` at ``size`` points."""
    return mm(size) * cap_ratio(font)


def min_size(distance: float, font: str = REGULAR, factor: float = 1.0) -> float:
    """The smallest size (pt) whose cap height is ``factor`` x CAP_PER_METRE mm per metre."""
    from .units import pt

    return pt(CAP_PER_METRE * distance * factor / cap_ratio(font))


@dataclass(frozen=True)
class Legibility:
    """Minimum sizes (pt) for a poster read from ``distance`` metres."""

    distance: float
    body: float
    heading: float

    @classmethod
    def at(cls, distance: float) -> Legibility:
        return cls(distance, min_size(distance, REGULAR), min_size(distance, BOLD, HEADING_FACTOR))


def default_distance(w: float, h: float) -> float:
    """Reading distance (m) for a paper of w x h mm: 1 m for A4/Letter, 1.5 m for A3/Tabloid,
    2 m for A2, 3 m for A1 and larger."""
    area = w * h
    return next((d for limit, d in _DISTANCES if area <= limit), _LARGE)


def contrast_problems(colors, fills: bool) -> list[tuple[str, str]]:
    """(field, message) for every pair of a theme's colours that poster text uses together
    below ``MIN_CONTRAST``: ink and muted text on paper; band and badge text on each kind's
    colour (where the theme fills bands)."""
    pairs = [("ink", colors.ink, "paper", colors.paper), ("muted", colors.muted, "paper", colors.paper)]
    if fills:
        for kind, fill in colors.kinds.items():
            pairs.append(("band_text", colors.band_text, f"kinds.{kind}", fill))
            pairs.append(("badge_text", colors.badge_text, f"kinds.{kind}", fill))
    out = []
    for field, text, back_field, back in pairs:
        ratio = contrast(text, back)
        if ratio < MIN_CONTRAST - 1e-9:
            out.append(
                (
                    f"colors.{field}",
                    f"{text} on {back_field} {back} has a contrast of {ratio:.1f}:1; "
                    f"poster text needs {MIN_CONTRAST:g}:1",
                )
            )
    return out
