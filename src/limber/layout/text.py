"""Fit text into boxes: wrap, then shrink in small steps down to a floor, or fail.

Takes: paragraphs of text, a box (x, y, w, h in mm), fonts, a start size and a floor (pt).
Gives: a ``TextBox`` whose ``Run`` lines all lie inside the box, or a ``FitError`` naming
the owner (exercise or routine id), the field and how many millimetres are too much.
Font metrics come from ``reportlab.pdfbase.pdfmetrics``, the only reportlab import here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth

from ..boxes import Run, TextBox
from ..errors import EXIT_DATA, FitError, LimberError
from ..fonts import BOLD, REGULAR, ensure, missing_chars
from .units import mm

SHRINK_STEP = 0.25  # pt


class GlyphError(LimberError):
    """Text holds a character that no bundled font can draw."""

    exit_code = EXIT_DATA


@dataclass(frozen=True)
class Style:
    font: str = REGULAR
    size: float = 8.0
    min_size: float = 6.5
    color: str = "#000000"
    leading: float = 1.2
    align: str = "left"  # left | center | right
    marker_font: str = BOLD  # numbers or bullets before paragraphs
    marker_color: str | None = None
    gap: float = 0.35  # extra space between paragraphs, as a fraction of the size


def width(text: str, font: str, size: float) -> float:
    """Width of ``text`` in mm."""
    return _width_at_1pt(text, font) * size


@lru_cache(maxsize=1 << 16)
def _width_at_1pt(text: str, font: str) -> float:
    """Width in mm of ``text`` at 1 pt; widths scale linearly with the size, so one entry per word
    serves every size the fitting tries."""
    ensure()
    return mm(stringWidth(text, font, 1.0))


def check_glyphs(text: str, field: str, owner: str, font: str = REGULAR) -> None:
    missing = missing_chars(text, font)
    if missing:
        shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in missing)
        raise GlyphError(
            f"{owner}: field '{field}' has {'a character' if len(missing) == 1 else 'characters'} "
            f"that no bundled font can draw: {shown}"
        )


def _split_word(word: str, font: str, size: float, limit: float) -> list[str]:
    """Break a word wider than ``limit`` into pieces that fit, hyphenated."""
    pieces, current = [], ""
    for char in word:
        if current and width(current + char + "-", font, size) > limit:
            pieces.append(current + "-")
            current = char
        else:
            current += char
    pieces.append(current)
    return pieces


def wrap(text: str, font: str, size: float, limit: float) -> list[str]:
    """Greedy word wrap to ``limit`` mm; words too long for a line are split. A last line of
    one word takes the word before it too, where both fit and the line above keeps two: no
    "Hold 20-30 s each / leg", and never a line more."""
    return list(_wrap(text, font, size, round(limit, 6)))


@lru_cache(maxsize=1 << 14)
def _wrap(text: str, font: str, size: float, limit: float) -> tuple[str, ...]:
    """``wrap``, remembered: fitting tries the same paragraph at the same sizes many times."""
    lines: list[str] = []
    current = ""
    at_1pt = _width_at_1pt  # ``width``, without a call per word
    for word in text.split():
        pieces = [word] if at_1pt(word, font) * size <= limit else _split_word(word, font, size, limit)
        for piece in pieces:
            trial = f"{current} {piece}" if current else piece
            if at_1pt(trial, font) * size <= limit:
                current = trial
            else:
                if current:
                    lines.append(current)
                current = piece
    if current or not lines:
        lines.append(current)
    if len(lines) >= 2 and " " not in lines[-1]:
        above = lines[-2].split(" ")
        if len(above) >= 3 and not above[-1].endswith("-"):
            last = f"{above[-1]} {lines[-1]}"
            if at_1pt(last, font) * size <= limit:
                lines[-2:] = [" ".join(above[:-1]), last]
    return tuple(lines)


def line_height(style: Style, size: float) -> float:
    return mm(size * style.leading)


@dataclass(frozen=True)
class Section:
    """Paragraphs that share a font and colour, each with an optional hanging marker."""

    paragraphs: tuple[str, ...]
    markers: tuple[str, ...] = ()
    font: str | None = None  # defaults to the style's font
    color: str | None = None  # defaults to the style's colour
    scale: float = 1.0  # size relative to the block's size (headings > 1)
    gap_after: float | None = None  # space after the section, as a fraction of the size
    marker_color: str | None = None  # defaults to the style's marker colour
    min_indent: float = 0.0  # mm; lines up the text of sections with different markers
    bullet: str = ""  # drawn before every paragraph, after the marker column


@lru_cache(maxsize=256)
def _ascent_descent(font: str, size: float) -> tuple[float, float]:
    """The font's ascent and descent (below zero) at ``size``, in mm."""
    ascent, descent = getAscentDescent(font, size)
    return mm(ascent), mm(descent)


def _layout(
    sections: Sequence[Section], style: Style, size: float, x: float, top: float, w: float
) -> tuple[list[Run], float]:
    """Runs for every section at ``size`` from ``top`` down; returns runs and height used."""
    ensure()  # the fonts' metrics, before the first measurement (widths may all be remembered)
    runs: list[Run] = []
    y = top
    bottom = top
    for s_index, section in enumerate(sections):
        font = section.font or style.font
        color = section.color or style.color
        sz = size * section.scale
        ascent, descent = _ascent_descent(font, sz)
        step = line_height(style, sz)
        indent = max((width(m, style.marker_font, sz) for m in section.markers), default=0.0)
        indent = max(indent + width(" ", font, sz) * 1.2, section.min_indent) if section.markers else 0.0
        hang = width(section.bullet + " ", font, sz) if section.bullet else 0.0
        y -= ascent
        for index, text in enumerate(section.paragraphs):
            if section.markers and section.markers[index]:
                runs.append(
                    Run(
                        x,
                        y,
                        section.markers[index],
                        style.marker_font,
                        sz,
                        section.marker_color or style.marker_color or color,
                    )
                )
            if section.bullet:
                runs.append(
                    Run(
                        x + indent,
                        y,
                        section.bullet,
                        font,
                        sz,
                        section.marker_color or style.marker_color or color,
                    )
                )
            for line in _wrap(text, font, sz, round(w - indent - hang, 6)):
                lx = x + indent + hang
                if style.align != "left":
                    spare = w - indent - hang - width(line, font, sz)
                    lx += spare / 2 if style.align == "center" else spare
                runs.append(Run(lx, y, line, font, sz, color))
                bottom = y + descent
                y -= step
            if index < len(section.paragraphs) - 1:
                y -= mm(sz * style.gap)
        y += step - ascent  # back to the top of the line after the section
        after = style.gap * 2 if section.gap_after is None else section.gap_after
        y -= mm(sz * (style.leading - 1)) + (mm(sz * after) if s_index < len(sections) - 1 else 0)
        y = min(y, bottom)
    return runs, (top - bottom) if runs else 0.0


def fit_sections(
    sections: Sequence[Section], x: float, y: float, w: float, h: float, style: Style, field: str, owner: str
) -> TextBox:
    """Fit several sections into one box at one common size: the largest size from
    ``style.size`` down to ``style.min_size`` (in SHRINK_STEP steps) at which they fit, or fail."""
    for section in sections:
        for text in [*section.paragraphs, *section.markers]:
            check_glyphs(text, field, owner, section.font or style.font)
    top = y + h
    runs, used = _layout(sections, style, style.size, x, top, w)
    if used <= h + 1e-6:
        return TextBox(x, y, w, h, tuple(runs), field)
    steps = int((style.size - style.min_size) / SHRINK_STEP + 1e-9)
    sizes = [style.size - SHRINK_STEP * i for i in range(1, steps + 1)]
    if not sizes or sizes[-1] > style.min_size + 1e-9:
        sizes.append(style.min_size)
    # Binary search for the first (largest) size that fits; text height grows with the size.
    lo, hi, best = 0, len(sizes) - 1, None
    while lo <= hi:
        mid = (lo + hi) // 2
        trial = _layout(sections, style, sizes[mid], x, top, w)
        if trial[1] <= h + 1e-6:
            best, hi = trial, mid - 1
        else:
            lo = mid + 1
    if best is None:
        used = _layout(sections, style, sizes[-1], x, top, w)[1]
        raise FitError(
            f"{owner}: field '{field}' does not fit its box even at {style.min_size:g} pt: "
            f"it needs {used:.1f} mm of height, the box has {h:.1f} mm "
            f"({used - h:.1f} mm too much)"
        )
    return TextBox(x, y, w, h, tuple(best[0]), field)


def fit(
    paragraphs: Sequence[str],
    x: float,
    y: float,
    w: float,
    h: float,
    style: Style,
    field: str,
    owner: str,
    markers: Sequence[str] = (),
) -> TextBox:
    """Fit ``paragraphs`` into the box, shrinking from ``style.size`` to ``style.min_size``.

    ``markers`` (numbers such as '1.') hang to the left of each paragraph.
    """
    return fit_sections([Section(tuple(paragraphs), tuple(markers))], x, y, w, h, style, field, owner)


def measure(sections: Sequence[Section], w: float, style: Style) -> float:
    """Height in mm that ``sections`` take at ``style.size`` in a column ``w`` wide."""
    ensure()
    return _layout(sections, style, style.size, 0.0, 0.0, w)[1]


def line_h(font: str, size: float) -> float:
    """Height in mm that one line of ``font`` at ``size`` needs: ascender to descender."""
    ensure()
    ascent, descent = getAscentDescent(font, size)
    return mm(ascent - descent) + 0.05


def text_height(box: TextBox) -> float:
    """How much of ``box``'s height its runs use, from the top down to the lowest descender."""
    if not box.runs:
        return 0.0
    low = min(run.y + _ascent_descent(run.font, run.size)[1] for run in box.runs)
    return box.y + box.h - low


def tight(box: TextBox) -> TextBox:
    """``box`` with its bottom raised to its lowest descender: the height its text uses."""
    used = text_height(box)
    return TextBox(box.x, box.y + box.h - used, box.w, used, box.runs, box.field)


def run_size(box: TextBox) -> float:
    """The size a fitted box was set at: its first run's (later sections may be scaled)."""
    return box.runs[0].size if box.runs else 0.0
