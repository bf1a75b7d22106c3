"""Colour contrast, as the accessibility guidelines (WCAG 2) define it.

Takes: colours as '#rrggbb' strings. Gives: ``contrast(a, b)``, the contrast ratio of two
colours, from 1 (the same) to 21 (black on white). Themes, club colours, posters and figure
tones are all checked with it.
"""

from __future__ import annotations


def _luminance(color: str) -> float:
    """Relative luminance of a '#rrggbb' colour, 0 (black) to 1 (white)."""

    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    """Contrast ratio of two '#rrggbb' colours, from 1 to 21."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
