"""The pictogram style: stroke widths per body part in body units, and the figure's colours.

Takes: a weight (1, or heavier for large print); or theme colours. Gives: ``Pen``, the stroke
width of every part (torso, limb, ghost, prop, arrow) in the figure's own body units (a head's
radius is 6.5 of them), so that strokes scale with the body as it is drawn and a figure has
one shape on a credit card, a poker card and an A0 poster panel; and ``FigureColors`` (ink
for the torso, head and near limbs, a mid-tone for far limbs, the start pose's tone, props
and arrows).

The torso is drawn thicker than the limbs, as in public-information pictograms; a solid head
disc (a heavy ring where the theme has no fills) floats clear of the torso. The widest stroke,
the torso's, is 0.56 of the head's diameter at every size.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# Stroke widths in body units (the head's radius is 6.5): on a poker card's 26 mm figure of a
# standing body a limb is about 1.1 mm and the torso 2.3 mm, as in the pictograms it follows.
TORSO = 7.3
LIMB = 3.65
GHOST = 2.65
PROP = 1.5
ARROW = 2.0


@dataclass(frozen=True)
class Pen:
    """Stroke widths in body units by part; ``width(part, factor)`` is what a shape of that
    part gets. A drawing at ``scale`` mm per unit strokes ``width * scale`` mm."""

    torso: float = TORSO
    limb: float = LIMB
    ghost: float = GHOST
    prop: float = PROP
    arrow: float = ARROW

    @classmethod
    def weighted(cls, weight: float = 1.0) -> Pen:
        """The pen, ``weight`` times heavier (large print draws heavier)."""
        return cls(TORSO * weight, LIMB * weight, GHOST * weight, PROP * weight, ARROW * weight)

    def width(self, part: str, factor: float = 1.0) -> float:
        """The stroke width in body units of ``part`` (torso, limb, ghost, prop, arrow) times ``factor``."""
        return float(getattr(self, part)) * factor

    @property
    def widest(self) -> float:
        return max(self.torso, self.limb, self.ghost, self.prop * 1.6, self.arrow)


@dataclass(frozen=True)
class FigureColors:
    """The figure's colours as '#rrggbb': torso, head and near limbs (ink), far limbs (a mid-tone),
    the start pose drawn behind (ghost), props and motion arrows (accent); ``head`` fills the
    head disc (None: a heavy ring, for themes without fills)."""

    ink: str = "#1b2230"
    far: str = "#7f8898"
    ghost: str = "#5b8cb8"
    prop: str = "#6b7383"
    accent: str = "#c2410c"
    head: str | None = "#1b2230"

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any] | Any, fills: bool = False) -> FigureColors:
        """From a mapping or object with ink/far/ghost/prop/accent, or with theme names
        figure_ink, figure_far, ... ; ``fills`` fills the head with the ink colour."""

        def get(name: str) -> str:
            for key in (name, f"figure_{name}"):
                value = data.get(key) if isinstance(data, Mapping) else getattr(data, key, None)
                if value is not None:
                    return value
            raise KeyError(f"figure colour '{name}' is missing")

        ink = get("ink")
        return cls(ink, get("far"), get("ghost"), get("prop"), get("accent"), ink if fills else None)

    def of(self, role: str) -> str:
        return getattr(self, role)


DEFAULT_COLORS = FigureColors()
