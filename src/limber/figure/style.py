"""The pictogram style: stroke widths per body part fixed in mm, and the figure's colours.

Takes: the nominal height (mm) of the figure area a figure is drawn for (a card's figure
area, a routine thumbnail, a poster panel) and a weight; or theme colours. Gives: ``Pen``,
the stroke width in mm of every part (torso, limb, ghost, prop, arrow), the same for every
figure drawn for that size whatever the pose's scale, so that a deck looks like one set, and
the largest scale a body is drawn at for that size; and ``FigureColors`` (ink for the torso,
head and near limbs, a mid-tone for far limbs, the start pose's tone, props and arrows).

The torso is drawn thicker than the limbs, as in public-information pictograms; a solid head
disc (a heavy ring where the theme has no fills) floats clear of the torso.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# Stroke widths as fractions of the nominal figure height: at the 26 mm figure of a poker card
# a limb is 1.1 mm and the torso 2.3 mm.
LIMB = 0.044
TORSO = 0.088
GHOST = 0.032
PROP = 0.018
ARROW = 0.024
# A body unit is drawn at most this fraction of the nominal height in mm: a standing body (about
# 94 units plus its head) fills the height, and a lying or crouching one is drawn no larger than
# 1.3 times that, so heads and limbs keep one size across a deck.
UNIT = 0.012


@dataclass(frozen=True)
class Pen:
    """Stroke widths in mm by part; ``width(part, factor)`` is what a shape of that part gets."""

    torso: float
    limb: float
    ghost: float
    prop: float
    arrow: float
    unit: float = 1e9  # the largest scale, mm per body unit

    @classmethod
    def for_height(cls, height: float, weight: float = 1.0) -> Pen:
        """The pen of a figure area ``height`` mm tall; ``weight`` thickens it (large print)."""
        k = height * weight
        return cls(TORSO * k, LIMB * k, GHOST * k, PROP * k, ARROW * k, UNIT * height)

    def width(self, part: str, factor: float = 1.0) -> float:
        """The stroke width in mm of ``part`` (torso, limb, ghost, prop, arrow) times ``factor``."""
        return getattr(self, part) * factor

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
