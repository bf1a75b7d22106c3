"""Turn pages of boxes into PDF bytes.

Takes: ``Page`` objects (mm) and document metadata.
Gives: deterministic PDF bytes (reportlab ``invariant=1``; the same input gives the same
bytes), with the bundled fonts embedded as subsets, TrimBox/BleedBox where a page has them,
one bookmark per card, each page compressed as soon as it is drawn and, where the file can
be seeked, written to it at once with its content stream and links (so memory does not grow
with the pages drawn, only with reportlab's small bookkeeping per object and bookmark); the
rest is written object by object as the document is saved (not assembled whole in memory
first). Opening and replacing the file is ``limber.write``'s job.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO

from ..boxes import Page
from ..layout.units import pt

if TYPE_CHECKING:
    from reportlab.pdfbase.pdfdoc import PDFFile


@dataclass(frozen=True)
class Meta:
    title: str
    subject: str
    keywords: tuple[str, ...] = ("running", "warm-up", "stretching", "mobility", "limber")
    author: str = "limber"


def render(pages: Iterable[Page], meta: Meta, out: BinaryIO | None = None) -> bytes:
    """PDF bytes for ``pages``, drawn one at a time as the iterable yields them (so a lazy
    iterable is laid out, drawn and released page by page); written to ``out`` instead when
    given (and then b"" is returned)."""
    from reportlab import rl_config
    from reportlab.pdfgen.canvas import Canvas

    from ..fonts import REGULAR, ensure
    from .canvas import draw_items

    ensure()
    rl_config.useA85 = 0
    memory = io.BytesIO()
    buffer = memory if out is None else out
    # a font's name, though the stubs take initialFontName for a number
    c = Canvas(buffer, invariant=1, initialFontName=REGULAR, pageCompression=1)  # type: ignore[arg-type]
    c.setTitle(meta.title)
    c.setAuthor(meta.author)
    c.setSubject(meta.subject)
    c.setKeywords(", ".join(meta.keywords))
    c.setCreator("limber")
    output = _output(buffer, c._doc)  # type: ignore[attr-defined]  # reportlab's document, not in the stubs
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
        output.take_page()
    if outline:
        c.showOutline()
    with output.saving():
        c.save()
    return memory.getvalue() if out is None else b""


class _Output:
    """reportlab's output collector (``pdfdoc.PDFFile``) made to write each object to the file
    as it is added instead of keeping every formatted object and then joining them into one
    more copy of the whole file; and, when ``early`` (the file can be seeked, so that the
    header can still be corrected if a later page raises the PDF version), to take finished
    pages before the document is saved.

    A page taken early is formatted and written at once with the objects only it refers to
    (its content stream and link annotations): their object numbers are the ones reportlab
    gives them at that moment, their offsets are kept for the cross-reference table, and in
    reportlab's registry each is replaced by one shared stand-in, so that the page, its
    stream and its annotations are released. When the document is saved, reportlab formats
    its objects in number order as always; a stand-in formats to nothing and the collector
    answers with the offset where the object was written, so the table is exact. Everything
    else (fonts, subset at save; forms and images; the outline; the page tree; the catalogue)
    is written by reportlab at save as before."""

    def __init__(self, out: BinaryIO, doc, early: bool) -> None:
        from reportlab.pdfbase import pdfdoc

        self.out, self.doc, self.pdfdoc, self.early = out, doc, pdfdoc, early
        self.base = pdfdoc.PDFFile  # reportlab's collector
        self.placed: dict[int, int] = {}  # number -> offset of each object written early
        self.pending = False
        self.stand_in = self._stand_in() if early else None
        self.file: PDFFile | None = None  # the collector, made with the first object written
        self.start = 0  # where its header went
        self.version: tuple[int, int] | None = None  # and which PDF version it gave

    def _stand_in(self):
        from reportlab.pdfbase.pdfdoc import PDFObject

        output = self

        class StandIn(PDFObject):
            def format(self, document) -> bytes:  # formatted by reportlab at save
                output.pending = True  # its indirect object is added next
                return b""

        return StandIn()

    def _collector(self, version):
        """The collector, its header written now (as ``version``) where ``out`` stands."""
        output, base = self, self.base

        # reportlab's PDFFile, taken in __init__: a class held in a variable, which mypy cannot subclass
        class Collector(base):  # type: ignore[misc, valid-type]
            def __init__(self) -> None:
                super().__init__(version)  # the header, counted in the offsets
                output.out.write(b"".join(self.strings))
                self.strings: list[bytes] = []
                self.write = output.out.write

            def add(self, s) -> int:
                if not output.pending:
                    return super().add(s)
                output.pending = False  # the indirect object around a stand-in: already written
                return output.placed[int(s.split(None, 1)[0])]

            def format(self, document) -> bytes:
                return b""  # all written already

        self.start, self.version = self.out.tell() if self.early else 0, version
        self.file = Collector()
        return self.file

    def take_page(self) -> None:
        """Write the page just finished, with its content stream and annotations, unless one
        of them refers to something not defined yet (a form drawn before it is defined, a
        link to a bookmark further on): that page is left to be written at save."""
        pdfdoc, doc = self.pdfdoc, self.doc
        pages = doc.Pages.pages
        page = pages[-1] if pages and self.early else None
        if not isinstance(page, pdfdoc.PDFPage):
            return
        name = doc.Reference(page).name
        try:
            objects = [(name, pdfdoc.PDFIndirectObject(name, page).format(doc))]  # numbers its stream
            annots = page.Annots.sequence if isinstance(page.Annots, pdfdoc.PDFArray) else []
            for part in [doc.Reference(page.Contents)] + annots:
                obj = doc.idToObject[part.name]
                if obj is not self.stand_in:  # not written with an earlier page
                    objects.append((part.name, pdfdoc.PDFIndirectObject(part.name, obj).format(doc)))
        except (AttributeError, KeyError, ValueError):
            return
        for part, body in objects:
            self._place(part, body)
        pages[-1] = pdfdoc.PDFObjectReference(name)

    def _place(self, name: str, body: bytes) -> None:
        number = self.doc.idToObjectNumberAndVersion[name][0]
        self.placed[number] = (self.file or self._collector(self.doc._pdfVersion)).add(body)
        self.doc.idToObject[name] = self.stand_in

    @contextmanager
    def saving(self):
        """While the document is saved, reportlab's collector is this one (the header
        corrected if the document's PDF version rose after it was written)."""
        pdfdoc, collector = self.pdfdoc, self.base

        def made(version):
            if self.file is None:
                return self._collector(version)  # nothing went out early
            assert self.version is not None  # given with the file
            if version != self.version:  # raised by a later page (transparency): the header too
                header, old = collector(version).strings[0], collector(self.version).strings[0]
                if len(header) != len(old):
                    raise RuntimeError(f"PDF header {old!r} cannot become {header!r} in place")
                end = self.out.tell()
                self.out.seek(self.start)
                self.out.write(header)
                self.out.seek(end)
            return self.file

        # self.pdfdoc is typed as a plain module, whose attributes mypy does not let be assigned
        pdfdoc.PDFFile = made  # type: ignore[attr-defined]
        try:
            yield
        finally:
            pdfdoc.PDFFile = collector  # type: ignore[attr-defined]


def _output(out: BinaryIO, doc) -> _Output:
    """The output for ``doc``, taking pages early only where reportlab is as expected: no
    encryption or signatures, no object comments (between an object and its formatting),
    the registry and page list in their usual places, a header that can be rewritten in
    place."""
    from reportlab import rl_config
    from reportlab.pdfbase import pdfdoc

    seekable = getattr(out, "seekable", lambda: False)()
    names = ("PDFObject", "PDFIndirectObject", "PDFObjectReference", "PDFPage", "PDFArray", "NoEncryption")
    known = all(hasattr(pdfdoc, n) for n in names)
    registry = all(
        isinstance(getattr(doc, n, None), dict) for n in ("idToObject", "idToObjectNumberAndVersion")
    )
    encrypt, signed = getattr(doc, "encrypt", None), getattr(doc, "_digiSigs", None)
    plain = known and type(encrypt) is pdfdoc.NoEncryption and not signed
    comments = getattr(rl_config, "pdfComments", 0) and not getattr(rl_config, "invariant", 0)
    pages = isinstance(getattr(getattr(doc, "Pages", None), "pages", None), list)
    version = isinstance(getattr(doc, "_pdfVersion", None), tuple)
    return _Output(out, doc, seekable and known and registry and plain and pages and version and not comments)


def compress_finished_page(c) -> None:
    """Compress the page just finished now rather than when the document is saved, so that a
    long document holds each page as the compressed stream it will be written as, not as
    text: memory then grows with the file, not with the drawing. The bytes written are the
    same as reportlab's own (its page stream: one Flate filter, no ASCII85)."""
    from reportlab.pdfbase.pdfdoc import PDFArray, PDFName, PDFStream

    pages = getattr(getattr(c._doc, "Pages", None), "pages", None)  # reportlab's own page list
    page = pages[-1] if pages else None
    if page is None or getattr(page, "Contents", None) or not getattr(page, "stream", None):
        return  # nothing to do
    if not page.compression:  # left to reportlab
        return
    stream = PDFStream(content=zlib.compress(page.stream.encode("utf8")))
    stream.dictionary["Filter"] = PDFArray([PDFName("FlateDecode")])
    stream.__Comment__ = "page stream"  # type: ignore[attr-defined]  # read by reportlab; not in the stubs
    page.Contents, page.stream = stream, None
