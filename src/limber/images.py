"""PNG images made in memory: an exercise's figure alone, and previews of a PDF's pages.

Takes: an exercise and a theme (``figure_png``), or the bytes of a PDF and how large its
images may be (``page_pngs``). Gives: PNG bytes, for a face that shows pictures without
writing files (the web page's thumbnails and previews). ``limber.preview`` is the command
line's counterpart, which writes the images as files.

A preview is scaled so that its longer side takes ``long_side`` pixels, at no more than
``max_dpi``, and never more than ``preview.MAX_PIXELS`` pixels: a page of any size gives an
image of bounded size.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from .boxes import Page, Rect
from .catalogue.model import Exercise
from .errors import DataError, Problem
from .preview import MAX_PIXELS
from .theme import Theme

PNG_LEVEL = 3  # zlib level: a preview is made for one look, so speed over size


def figure_page(exercise: Exercise, theme: Theme, w: float = 60.0, h: float = 45.0) -> Page:
    """A page of ``w`` x ``h`` mm holding the exercise's figure (or its placeholder), drawn
    with the card pen on the theme's paper."""
    from .layout.figure_area import figure_items

    paper = Rect(0.0, 0.0, w, h, fill=theme.colors.paper)
    return Page(w, h, (paper, *figure_items(exercise, 2.0, 2.0, w - 4.0, h - 4.0, theme)))


def figure_png(exercise: Exercise, theme: Theme, width_px: int = 360) -> bytes:
    """The exercise's figure as a PNG ``width_px`` pixels wide."""
    from .render.pdf import Meta, render

    page = figure_page(exercise, theme)
    pdf = render([page], Meta(title=exercise.name, subject="figure"))
    return page_pngs(pdf, [0], long_side=width_px, max_dpi=600)[0]


def page_pngs(
    pdf: bytes, indices: Sequence[int], long_side: int = 1100, max_dpi: float = 200.0
) -> list[bytes]:
    """PNG images of the pages ``indices`` (0-based) of the PDF ``pdf``."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(pdf)
    except (pypdfium2.PdfiumError, OSError) as error:
        raise DataError([Problem("<pdf>", None, None, "", f"cannot read it as a PDF ({error})")]) from None
    try:
        out = []
        for index in indices:
            w, h = document.get_page_size(index)  # points
            scale = min(long_side / max(w, h), max_dpi / 72)
            if round(w * scale) * round(h * scale) > MAX_PIXELS:
                scale = (MAX_PIXELS / (w * h)) ** 0.5
            image = document[index].render(scale=scale).to_pil()
            buffer = io.BytesIO()
            image.save(buffer, format="PNG", compress_level=PNG_LEVEL)
            out.append(buffer.getvalue())
        return out
    finally:
        document.close()


def page_count(pdf: bytes) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()
