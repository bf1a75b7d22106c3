"""Turn pages of boxes into PDF bytes.

Takes: ``Page`` objects (mm) and document metadata.
Gives: deterministic PDF bytes (reportlab ``invariant=1``; the same input gives the same
bytes), with the bundled fonts embedded as subsets, TrimBox/BleedBox where a page has them,
one bookmark per card. Writing the bytes to a file is ``limber.write``'s job.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Iterable

from ..boxes import Page
from ..layout.units import pt


@dataclass(frozen=True)
class Meta:
    title: str
    subject: str
    keywords: tuple[str, ...] = ("running", "warm-up", "stretching", "mobility", "limber")
    author: str = "limber"


def render(pages: Iterable[Page], meta: Meta) -> bytes:
    """PDF bytes for ``pages`` (any iterable: a generator keeps only one page in memory)."""
    from reportlab import rl_config
    from reportlab.pdfgen.canvas import Canvas

    from ..fonts import REGULAR, ensure
    from .canvas import draw_items

    ensure()
    rl_config.useA85 = 0
    buffer = io.BytesIO()
    c = Canvas(buffer, invariant=1, initialFontName=REGULAR, pageCompression=1)
    c.setTitle(meta.title)
    c.setAuthor(meta.author)
    c.setSubject(meta.subject)
    c.setKeywords(", ".join(meta.keywords))
    c.setCreator("limber")
    outline = False
    for number, page in enumerate(pages):
        c.setPageSize((pt(page.width), pt(page.height)))
        if page.trim:
            c.setTrimBox(tuple(pt(v) for v in page.trim))
        if page.bleed:
            c.setBleedBox(tuple(pt(v) for v in page.bleed))
        draw_items(c, page.items)
        for index, title in enumerate(page.bookmarks):
            key = f"p{number}.{index}"
            c.bookmarkPage(key)
            c.addOutlineEntry(title, key, level=0)
        outline = outline or bool(page.bookmarks)
        c.showPage()
    if outline:
        c.showOutline()
    c.save()
    return buffer.getvalue()


def write_atomic(path, data) -> None:
    """The old name of ``limber.write.write_atomic``, where writing files now lives."""
    from ..write import write_atomic as write

    write(path, data)
