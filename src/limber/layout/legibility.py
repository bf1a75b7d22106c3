"""Legibility rules for posters: minimum text sizes from viewing distance.

Takes: a reading distance in metres, a font name.
Gives: ``min_size(distance, font, factor)``: the point size whose capital letters subtend
the visual angle a reader needs (cap height at least ``CAP_PER_METRE`` mm per metre of
distance, times ``factor``: 1 for body text, ``HEADING_FACTOR`` for exercise names and
panel numbers), computed from the font's real cap height; ``Legibility`` (the minimums for
one distance); ``default_distance(w, h)`` by paper size. This is the one place these rules
live; layout and tests import them from here. Contrast is ``limber.contrast``'s, checked when a
theme is loaded, for cards and posters alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..fonts import BOLD, REGULAR, face
from .units import mm

CAP_PER_METRE = 3.0  # mm of cap height per metre of distance: a visual angle of 0.003 rad
HEADING_FACTOR = 2.0  # exercise names and panel numbers: twice the body minimum
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
