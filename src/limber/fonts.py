"""The bundled fonts: registration with reportlab's metrics and glyph coverage checks.

Takes: the TTF files in ``fonts/``. Gives: ``ensure()`` (registers them once, under the names
``REGULAR`` and ``BOLD``), and ``missing_chars(text)``: characters no bundled font can draw.
Layout measures text with these fonts; render embeds them (subset) in every PDF.
"""

from __future__ import annotations

from functools import lru_cache

from .resources import fonts_dir

REGULAR = "Limber-Regular"
BOLD = "Limber-Bold"
FILES = {REGULAR: "AtkinsonHyperlegible-Regular.ttf", BOLD: "AtkinsonHyperlegible-Bold.ttf"}


@lru_cache(maxsize=None)
def ensure() -> tuple[str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, filename in FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(fonts_dir() / filename)))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)
    return REGULAR, BOLD


@lru_cache(maxsize=None)
def _covered(font: str) -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    ensure()
    return frozenset(pdfmetrics.getFont(font).face.charToGlyph)


@lru_cache(maxsize=None)
def covered(font: str) -> frozenset[str]:
    """The characters ``font`` has a glyph for."""
    return frozenset(map(chr, _covered(font)))


def missing_chars(text: str, font: str = REGULAR) -> list[str]:
    """Characters of ``text`` the font has no glyph for (spaces and newlines are fine)."""
    have = covered(font)
    return sorted({c for c in text if c not in have and c not in "\n\r\t"})
