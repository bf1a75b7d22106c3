"""Checks of the merged catalogue that need more than one field: printability and style.

Takes: a ``Catalogue`` and ``where(kind, id, field_path) -> Problem`` (a positioned problem
with an empty message, from ``catalogue.load``). Gives: ``check_catalogue`` -> the
problems that would stop printing (a character no bundled font has, with its code point
and a font that has it; a demo-video link made from a name that is too long for a QR code),
and ``lint_catalogue`` -> warnings (a cue or step that looks like one line split in two by
YAML's flow-list comma).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace

from ..errors import Problem
from ..qrcap import MAX_URL_BYTES, oversize
from .fields import describe_char
from .model import Catalogue, Exercise, Routine

Where = Callable[[str, str, tuple], Problem]
BUNDLED_FONT = "Atkinson Hyperlegible"
# (first, last code point, a free font that covers the range)
FONTS_FOR = (
    (0x0370, 0x03FF, "Noto Sans Greek or DejaVu Sans"),
    (0x1F00, 0x1FFF, "Noto Sans Greek or DejaVu Sans"),
    (0x0400, 0x052F, "Noto Sans or DejaVu Sans (Cyrillic)"),
    (0x0590, 0x05FF, "Noto Sans Hebrew"),
    (0x0600, 0x06FF, "Noto Sans Arabic"),
    (0x0900, 0x097F, "Noto Sans Devanagari"),
    (0x0E00, 0x0E7F, "Noto Sans Thai"),
    (0x1100, 0x11FF, "Noto Sans CJK"),
    (0x2E80, 0x9FFF, "Noto Sans CJK"),
    (0xAC00, 0xD7AF, "Noto Sans CJK"),
    (0xF900, 0xFAFF, "Noto Sans CJK"),
    (0xFF00, 0xFFEF, "Noto Sans CJK"),
    (0x2600, 0x27BF, "Noto Emoji"),
    (0x1F000, 0x1FAFF, "Noto Emoji"),
    (0x20000, 0x3FFFF, "Noto Sans CJK"),
)
FRAGMENT_END = re.compile(r"[.!?;:,)\]\"'…]$")


def font_for(char: str) -> str:
    code = ord(char)
    for first, last, font in FONTS_FOR:
        if first <= code <= last:
            return font
    return "DejaVu Sans"


def texts(item: Exercise | Routine) -> Iterator[tuple[tuple, str]]:
    """(field path, text) of every text of an exercise or routine that may be printed."""
    if isinstance(item, Exercise):
        yield ("name",), item.name
        for name in ("benefits", "steps"):
            for index, text in enumerate(getattr(item, name)):
                yield (name, index), text
        for name in ("do", "avoid"):
            for index, text in enumerate(getattr(item.cues, name)):
                yield ("cues", name, index), text
        yield ("dose", "side"), item.dose.side
    else:
        yield ("title",), item.title
        yield ("summary",), item.summary
        for index, entry in enumerate(item.items):
            if entry.note:
                yield ("items", index, "note"), entry.note
    for name in ("dose_note", "source"):
        value = getattr(item, name, None)
        if value:
            yield (name,), value


def _missing(text: str) -> list[str]:
    """Characters of ``text`` that the regular or the bold font lacks, in order of appearance."""
    from ..fonts import BOLD, REGULAR, missing_chars

    return sorted({*missing_chars(text, REGULAR), *missing_chars(text, BOLD)}, key=text.index)


def made_link_oversize(catalogue: Catalogue, item: Exercise | Routine) -> int:
    """The size in bytes of the demo-video link the catalogue's template makes for ``item``
    when a card's QR code cannot hold it; 0 when it fits, or the item has its own link."""
    return 0 if item.video is not None else oversize(catalogue.video_url(item))


def check_catalogue(catalogue: Catalogue, where: Where) -> list[Problem]:
    """Problems that would make a card fail to print."""
    problems = []
    for kind, table in (("exercises", catalogue.exercises), ("routines", catalogue.routines)):
        for ident, item in table.items():
            fields = list(texts(item))
            if _missing("".join(text for _, text in fields)):  # one look per item; then find where
                for path, text in fields:
                    missing = _missing(text)
                    if missing:
                        char = missing[0]
                        more = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
                        problems.append(
                            replace(
                                where(kind, ident, path),
                                message=(
                                    f"the character '{char}' {describe_char(char)}{more} is not in the bundled font "
                                    f"{BUNDLED_FONT}; a font such as {font_for(char)} would have it"
                                ),
                            )
                        )
            size = made_link_oversize(catalogue, item)
            if size:
                field = ("name",) if kind == "exercises" else ("title",)
                problems.append(
                    replace(
                        where(kind, ident, field),
                        message=(
                            f"the demo-video link made from it is {size} bytes; a card's QR code holds at most "
                            f"{MAX_URL_BYTES}: shorten it, or give a shorter video: link"
                        ),
                    )
                )
    return problems


def lint_catalogue(catalogue: Catalogue, where: Where) -> list[Problem]:
    """Warnings: a line starting in lower case right after one ending without punctuation."""
    warnings = []
    for ident, ex in catalogue.exercises.items():
        for path, lines in (
            (("steps",), ex.steps),
            (("benefits",), ex.benefits),
            (("cues", "do"), ex.cues.do),
            (("cues", "avoid"), ex.cues.avoid),
        ):
            for index in range(1, len(lines)):
                before, text = lines[index - 1], lines[index]
                if text[:1].islower() and not FRAGMENT_END.search(before):
                    warnings.append(
                        replace(
                            where("exercises", ident, path + (index,)),
                            message=(
                                f"'{text}' starts in lower case right after '{before}': is one line split in two "
                                f'by a comma? Quote it: "{before}, {text}"'
                            ),
                        )
                    )
    return warnings
