"""Pages written to the file as soon as they are finished: each page in the file before the
next is laid out, a cross-reference table that points at every object, memory that does not
grow with the pages' drawing, the same document where the file cannot be seeked (written at
save instead), and a header whose PDF version a later page raises."""

import io
import re
import tracemalloc

import pdf_read
import pypdfium2
import pypdfium2.raw as pdfium_c

from limber.boxes import Link, Page, Rect
from limber.catalogue.load import load_catalogue
from limber.products import DeckOptions, build_deck_pages
from limber.render.pdf import Meta, render

CAT = load_catalogue()


def objects_where_the_xref_says(data: bytes) -> int:
    """The number of objects, after checking that each xref entry points at its object."""
    start = int(re.search(rb"startxref\n(\d+)\n%%EOF\n$", data).group(1))
    lines = data[start:].split(b"\n")
    assert lines[0] == b"xref"
    first, count = map(int, lines[1].split())
    assert first == 0
    for number in range(1, count):
        offset = int(lines[2 + number][:10])
        assert data[offset : offset + 20].startswith(b"%d 0 obj\n" % number), number
    return count - 1


def outline_and_links(data: bytes) -> tuple[list, list]:
    doc = pypdfium2.PdfDocument(data)
    bookmarks = pdf_read.outline(doc)
    links = []
    for index in range(len(doc)):
        page, position, link = doc[index], pdfium_c.c_int(0), pdfium_c.FPDF_LINK()
        while pdfium_c.FPDFLink_Enumerate(page, position, link):
            action = pdfium_c.FPDFLink_GetAction(link)
            size = pdfium_c.FPDFAction_GetURIPath(doc, action, None, 0)
            url = pdfium_c.ctypes.create_string_buffer(size)
            pdfium_c.FPDFAction_GetURIPath(doc, action, url, size)
            links.append((index, url.value.decode()))
    return bookmarks, links


def watched(pages, out):
    """``pages`` as they are asked for, noting how much of the file is written at each."""
    seen = []

    def gen():
        for page in pages:
            seen.append(len(out.getvalue()))
            yield page

    return gen(), seen


class Pipe(io.RawIOBase):
    """A file that can only be written forward (a pipe): no seek, no tell."""

    def __init__(self) -> None:
        self.data = bytearray()

    def getvalue(self) -> bytes:
        return bytes(self.data)

    def writable(self) -> bool:
        return True

    def write(self, b) -> int:
        self.data += b
        return len(b)


def test_each_page_is_in_the_file_before_the_next_is_laid_out():
    deck = build_deck_pages(CAT, [], DeckOptions(copies=2), everything=True)
    out = io.BytesIO()
    pages, seen = watched(deck.pages(), out)
    render(pages, deck.meta, out)
    data = out.getvalue()
    assert len(seen) == 18 and seen[0] == 0  # nine sheets, front and back; nothing before
    assert all(a < b for a, b in zip(seen[1:], seen[2:]))  # a page more each time
    assert seen[-1] > 0.6 * len(data) and data.startswith(b"%PDF-1.4\n")  # most out before save
    assert objects_where_the_xref_says(data) > 20 * 3  # each page, its stream, its links, ...
    outline, links = outline_and_links(data)
    assert [title for title, _ in outline] == [t for page in deck.pages() for t in page.bookmarks]
    assert len(outline) == len(links) == 66 and {index for _, index in outline} == set(range(0, 18, 2))
    assert {url for _, url in links} == {CAT.video_url(ex) for ex in CAT.exercises.values()}


def test_a_file_that_cannot_be_seeked_gets_the_same_document_at_save():
    deck = build_deck_pages(CAT, [], DeckOptions(), everything=True)
    pipe, early = Pipe(), io.BytesIO()
    pages, seen = watched(deck.pages(), pipe)
    render(pages, deck.meta, pipe)
    render(deck.pages(), deck.meta, early)
    assert set(seen) == {0}  # nothing written before save
    late = bytes(pipe.data)
    assert late != early.getvalue()  # objects in another order ...
    assert objects_where_the_xref_says(late) == objects_where_the_xref_says(early.getvalue())
    assert outline_and_links(late) == outline_and_links(early.getvalue())
    for a, b in zip(pypdfium2.PdfDocument(late), pypdfium2.PdfDocument(early.getvalue())):
        assert a.render(scale=0.5).to_pil().tobytes() == b.render(scale=0.5).to_pil().tobytes()


def test_a_later_page_that_raises_the_pdf_version_corrects_the_header():
    link = Page(100, 100, (Link(10, 10, 20, 20, "https://example.org/a"),))
    coloured = Page(100, 100, (Rect(10, 10, 20, 20, fill="#ff0000"),))  # colour: PDF 1.4
    out = io.BytesIO()
    pages, seen = watched([link, coloured], out)
    render(pages, Meta("t", "s"), out)
    data = out.getvalue()
    assert seen[1] > 0 and data.startswith(b"%PDF-1.4\n") and data.count(b"%PDF") == 1
    assert objects_where_the_xref_says(data) and render([link], Meta("t", "s")).startswith(b"%PDF-1.3\n")
    assert len(pypdfium2.PdfDocument(data)) == 2


def test_memory_does_not_keep_the_pages_drawn(tmp_path):
    """What stays per card until save is reportlab's bookkeeping (an entry per object, a
    bookmark), not the pages: their streams, page and link objects are gone."""

    def peak(copies: int) -> int:
        deck = build_deck_pages(CAT, [], DeckOptions(copies=copies), everything=True)
        with open(tmp_path / f"{copies}.pdf", "wb") as out:
            tracemalloc.start()
            render(deck.pages(), deck.meta, out)
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
        return peak

    # the first copy also keeps each card laid out for the others: compare later copies
    per_card = (peak(5) - peak(2)) / (3 * 33)
    size = (tmp_path / "5.pdf").stat().st_size / (5 * 33)
    assert per_card < 2048 and per_card < size * 0.6  # was 5 KiB a card, more than the file


def test_a_page_that_draws_a_form_defined_later_is_left_to_the_save():
    from reportlab.pdfgen.canvas import Canvas

    from limber.render.pdf import _output

    out = io.BytesIO()
    c = Canvas(out, invariant=1, pageCompression=1)
    output = _output(out, c._doc)
    c.doForm("square")  # reportlab allows a form to be defined after it is drawn
    c.showPage()
    output.take_page()
    assert out.getvalue() == b""  # the form has no object number yet: nothing written
    c.beginForm("square")
    c.rect(100, 100, 200, 200, fill=1)
    c.endForm()
    c.doForm("square")
    c.showPage()
    output.take_page()
    assert out.getvalue().startswith(b"%PDF-")
    with output.saving():
        c.save()
    data = out.getvalue()
    assert objects_where_the_xref_says(data)
    first, second = (page.render(scale=0.25).to_pil() for page in pypdfium2.PdfDocument(data))
    assert first.tobytes() == second.tobytes() and first.getextrema() != ((255, 255),) * 3
