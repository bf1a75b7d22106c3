"""The bundled fonts: registration with reportlab's metrics and glyph coverage checks.

Takes: the TTF files in ``fonts/``. Gives: ``ensure()`` (registers them once, under the names
``REGULAR`` and ``BOLD``), and ``missing_chars(text)``: characters no bundled font can draw.
Layout measures text with these fonts; render embeds them (subset) in every PDF.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import TYPE_CHECKING

from .resources import fonts_dir

if TYPE_CHECKING:
    from reportlab.pdfbase.ttfonts import TTFontFace

REGULAR = "Limber-Regular"
BOLD = "Limber-Bold"
FILES = {REGULAR: "AtkinsonHyperlegible-Regular.ttf", BOLD: "AtkinsonHyperlegible-Bold.ttf"}


@cache
def ensure() -> tuple[str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, filename in FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(fonts_dir() / filename)))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)
    return REGULAR, BOLD


@cache
def _covered(font: str) -> frozenset[int]:
    """Code points ``font`` has a glyph for; kept in ``limber.cache`` while the font file is
    unchanged, so that checking a catalogue's text does not load reportlab."""
    from .cache import cached

    return cached(f"glyphs-{font}", [fonts_dir() / FILES[font]], lambda: _read_glyphs(font))


def face(font: str) -> TTFontFace:
    """The parsed font file of the bundled font ``font`` (registered first)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    ensure()
    found = pdfmetrics.getFont(font)
    assert isinstance(found, TTFont)  # the bundled fonts are TrueType
    return found.face


def _read_glyphs(font: str) -> frozenset[int]:
    return frozenset(face(font).charToGlyph)


@cache
def covered(font: str) -> frozenset[str]:
    """The characters ``font`` has a glyph for."""
    return frozenset(map(chr, _covered(font)))


def missing_chars(text: str, font: str = REGULAR) -> list[str]:
    """Characters of ``text`` the font has no glyph for (spaces and newlines are fine)."""
    return list(_missing(text, font))


@lru_cache(maxsize=1 << 12)
def _missing(text: str, font: str) -> tuple[str, ...]:
    """Remembered: layout checks the same texts at every size it tries."""
    have = covered(font)
    return tuple(sorted({c for c in text if c not in have and c not in "\n\r\t"}))
