"""Turn pages of boxes into PDF bytes.

Takes: ``Page`` objects (mm) and document metadata.
Gives: deterministic PDF bytes (reportlab ``invariant=1``; the same input gives the same
bytes), with the bundled fonts embedded as subsets, TrimBox/BleedBox where a page has them,
one bookmark per card, each page compressed as soon as it is drawn (so memory grows with
the file, not with the drawing), and the file written out object by object as it is saved
(not assembled whole in memory first). Opening and replacing the file is ``limber.write``'s
job.
"""

from __future__ import annotations

import io
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from typing import BinaryIO, Iterable, Optional

from ..boxes import Page
from ..layout.units import pt


@dataclass(frozen=True)
class Meta:
    title: str
    subject: str
    keywords: tuple[str, ...] = ("running", "warm-up", "stretching", "mobility", "limber")
    author: str = "limber"


def render(pages: Iterable[Page], meta: Meta, out: Optional[BinaryIO] = None) -> bytes:
    """PDF bytes for ``pages``, drawn one at a time as the iterable yields them (so a lazy
    iterable is laid out, drawn and released page by page); written to ``out`` instead when
    given (and then b"" is returned)."""
    from reportlab import rl_config
    from reportlab.pdfgen.canvas import Canvas

    from ..fonts import REGULAR, ensure
    from .canvas import draw_items

    ensure()
    rl_config.useA85 = 0
    buffer = io.BytesIO() if out is None else out
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
            outline = True
        c.showPage()
        compress_finished_page(c)
    if outline:
        c.showOutline()
    with _streamed(buffer):
        c.save()
    return buffer.getvalue() if out is None else b""


@contextmanager
def _streamed(out: BinaryIO):
    """While a document is saved, reportlab's output collector writes each object to ``out``
    as soon as it is formatted, instead of keeping every formatted object and then joining
    them into one more copy of the whole file (together about 2.5 times the file's size at
    the moment of saving). The offsets and so the bytes are the same."""
    from reportlab.pdfbase import pdfdoc

    collector = pdfdoc.PDFFile

    class Streamed(collector):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)  # the header, counted in the offsets
            out.write(b"".join(self.strings))
            self.strings, self.write = [], out.write

        def format(self, document) -> bytes:
            return b""  # all written already

    pdfdoc.PDFFile = Streamed
    try:
        yield
    finally:
        pdfdoc.PDFFile = collector


def compress_finished_page(c) -> None:
    """Compress the page just finished now rather than when the document is saved, so that a
    long document holds each page as the compressed stream it will be written as, not as
    text: memory then grows with the file, not with the drawing. The bytes written are the
    same as reportlab's own (its page stream: one Flate filter, no ASCII85)."""
    from reportlab.pdfbase.pdfdoc import PDFArray, PDFName, PDFStream

    pages = getattr(getattr(c._doc, "Pages", None), "pages", None)  # reportlab's own page list
    page = pages[-1] if pages else None
    done = page is None or getattr(page, "Contents", None) or not getattr(page, "stream", None)
    if done or not page.compression:  # nothing to do, or left to reportlab
        return
    stream = PDFStream(content=zlib.compress(page.stream.encode("utf8")))
    stream.dictionary["Filter"] = PDFArray([PDFName("FlateDecode")])
    stream.__Comment__ = "page stream"
    page.Contents, page.stream = stream, None

