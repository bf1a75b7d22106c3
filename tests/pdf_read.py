"""Reading PDFs back in the tests with pypdfium2 4 or 5: the parts of its API that differ.

pypdfium2 5 made bookmarks objects (``get_title()``, ``get_dest()``) where 4 had named tuples
(``title``, ``page_index``), and gave text objects ``get_font_size()``; ``get_text_range()``
with no arguments warns in 4.28 and later, ``get_text_bounded()`` does the same in both.
"""

from __future__ import annotations

import ctypes

import pypdfium2
import pypdfium2.raw as pdfium_c


def outline(doc: pypdfium2.PdfDocument) -> list[tuple[str, int | None]]:
    """(title, page index) of each bookmark, in order."""
    items = []
    for item in doc.get_toc():
        if hasattr(item, "get_title"):  # pypdfium2 5
            dest = item.get_dest()
            items.append((item.get_title(), dest.get_index() if dest is not None else None))
        else:  # pypdfium2 4
            items.append((item.title, item.page_index))
    return items


def titles(doc: pypdfium2.PdfDocument) -> list[str]:
    """The title of each bookmark, in order."""
    return [title for title, _ in outline(doc)]


def page_text(page: pypdfium2.PdfPage) -> str:
    """All the text of a page."""
    return page.get_textpage().get_text_bounded()


def font_size(obj: pypdfium2.PdfObject) -> float:
    """The font size of a text object, before its transform."""
    if hasattr(obj, "get_font_size"):  # pypdfium2 5
        return obj.get_font_size()
    size = ctypes.c_float()
    assert pdfium_c.FPDFTextObj_GetFontSize(obj.raw, ctypes.byref(size))
    return size.value
