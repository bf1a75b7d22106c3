"""Colour contrast, as the accessibility guidelines (WCAG 2) define it.

Takes: colours as '#rrggbb' strings. Gives: ``contrast(a, b)``, the contrast ratio of two
colours, from 1 (the same) to 21 (black on white); ``MIN_CONTRAST``, what text needs against
what it stands on (WCAG AA); and ``faint_text(colors, fills)``, every pair of a theme's colours
that cards and posters set text in below it. Themes, club colours and figure tones are all
checked with it.
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


MIN_CONTRAST = 4.5  # text against what it stands on (WCAG AA)


def faint_text(colors, fills: bool) -> list[tuple[str, str]]:
    """(field, message) for every pair of a theme's ``colors`` that cards and posters set text
    in below ``MIN_CONTRAST``: ink, muted text and the Do and Avoid headings on the paper; and
    where the theme fills (``fills``), band and badge text on each kind's colour, badge text on
    the badge and tag text on the tag."""
    pairs = [("ink", colors.ink, "paper", colors.paper), ("muted", colors.muted, "paper", colors.paper)]
    pairs += [("do", colors.do, "paper", colors.paper), ("avoid", colors.avoid, "paper", colors.paper)]
    if fills:
        pairs.append(("badge_text", colors.badge_text, "badge", colors.badge))
        pairs.append(("tag_text", colors.tag_text, "tag", colors.tag))
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
                    f"text needs at least {MIN_CONTRAST:g}:1",
                )
            )
    return out
