"""PNG previews of a PDF's pages, to look at before printing.

Takes: a PDF file (``-``: standard input), an output folder (``-``: standard output, for
one page) and a resolution. Gives: one PNG per page, written through ``limber.write``
(never over the PDF itself or over a file that is not a PNG unless ``force``), or an
``OutputError``/``DataError`` with a clear message: an unreadable PDF, a folder that cannot
be made or written, or a page that would need more than ``MAX_PIXELS`` pixels at that
resolution (checked before anything is rendered).
"""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

from .errors import DataError, NotFoundError, OutputError, Problem
from .streams import STDIN_NAME, is_dash, read_stdin
from .words import count
from .write import check_target, write_file

MAX_PIXELS = 150_000_000
MAX_PDF_BYTES = 1024 * 1024 * 1024  # a PDF read from standard input is held in memory
MM_PER_PT = 25.4 / 72
STDIN_STEM = "page"  # the images of a PDF from standard input: page-001.png ...


def _open(source: Path):
    import pypdfium2

    if is_dash(source):
        data = read_stdin(MAX_PDF_BYTES)
        if len(data) > MAX_PDF_BYTES:
            raise DataError(
                [Problem(STDIN_NAME, None, None, "", f"over {MAX_PDF_BYTES // 2**30} GB; refused")]
            )
        if not data:
            raise DataError([Problem(STDIN_NAME, None, None, "", "standard input is empty; expected a PDF")])
        try:
            return pypdfium2.PdfDocument(data)
        except (pypdfium2.PdfiumError, OSError) as error:
            raise DataError(
                [Problem(STDIN_NAME, None, None, "", f"cannot read it as a PDF ({error})")]
            ) from None
    try:
        info = os.stat(source)
    except FileNotFoundError:
        raise DataError([Problem(str(source), None, None, "", "file not found")]) from None
    except OSError as error:
        raise DataError([Problem(str(source), None, None, "", f"cannot read: {error.strerror}")]) from None
    if not stat.S_ISREG(info.st_mode):
        raise DataError([Problem(str(source), None, None, "", "not a regular file; expected a PDF")])
    try:
        return pypdfium2.PdfDocument(str(source))
    except (pypdfium2.PdfiumError, OSError) as error:
        raise DataError(
            [Problem(str(source), None, None, "", f"cannot read it as a PDF ({error})")]
        ) from None


def preview(
    pdf: str | Path, out_dir: str | Path, dpi: int = 150, force: bool = False, page: int | None = None
) -> list[Path]:
    """PNG images of every page of ``pdf`` (rendered with pypdfium2) in ``out_dir``, or of
    page ``page`` (1-based) alone. ``out_dir`` ``-`` writes the one image to standard output."""
    source = Path(pdf)
    shown = STDIN_NAME if is_dash(pdf) else str(source)
    folder = Path(out_dir)
    document = _open(source)
    try:
        scale = dpi / 72
        total = len(document)
        if page is not None and not 1 <= page <= total:
            raise NotFoundError(f"there is no page {page}: {shown} has {count(total, 'page')}")
        indices = [page - 1] if page is not None else list(range(total))
        if is_dash(out_dir) and len(indices) != 1:
            raise OutputError(
                f"standard output takes one image, and {shown} has {count(total, 'page')}: "
                "choose one with --page N, or give -o FOLDER"
            )
        for index in indices:
            w, h = document.get_page_size(index)
            pixels = round(w * scale) * round(h * scale)
            if pixels > MAX_PIXELS:
                most = int(72 * (MAX_PIXELS / (w * h)) ** 0.5)
                raise OutputError(
                    f"page {index + 1} of {shown} is {w * MM_PER_PT:.0f} x {h * MM_PER_PT:.0f} mm: at {dpi} dpi "
                    f"that is {pixels / 1e6:.0f} million pixels, over the limit of {MAX_PIXELS // 1_000_000} "
                    f"million; use --dpi {most} or less"
                )
        stem = STDIN_STEM if is_dash(pdf) else source.stem
        if is_dash(out_dir):
            targets = [Path(out_dir)]
        else:
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise OutputError(f"cannot make the folder {folder}: {error.strerror}") from None
            targets = [folder / f"{stem}-{index + 1:03d}.png" for index in indices]
        for target in targets:
            check_target(target, [source], "png", force)
        for index, target in zip(indices, targets):
            image = document[index].render(scale=scale).to_pil()
            buffer = io.BytesIO()
            image.save(buffer, format="PNG")
            write_file(target, buffer.getvalue(), [source], "png", force)
    finally:
        document.close()
    return targets
