"""PNG previews of a PDF's pages, to look at before printing.

Takes: a PDF file (``-``: standard input), an output folder (``-``: standard output, for
one page), a resolution and the pages wanted (``"1-3,7"``, ``"all"``, or None: every page,
when there are at most ``MAX_PAGES``). Gives: one PNG per page, written through
``limber.write`` (never over the PDF itself or over a file that is not a PNG unless
``force``), or an ``OutputError``/``DataError``/``UsageError`` with a clear message: an
unreadable PDF, a page that cannot be read (a broken or looping page tree), more pages than
``MAX_PAGES`` without a page list, a folder that cannot be made or written, or a page that
would need more than ``MAX_PIXELS`` pixels at that resolution (all checked before anything
is rendered).
"""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

from .errors import DataError, OutputError, Problem, UsageError
from .streams import STDIN_NAME, is_dash, read_stdin
from .words import count
from .write import check_target, write_file

MAX_PIXELS = 150_000_000
MAX_PAGES = 200  # pages rendered without being asked for by --pages: a tiny PDF may claim 65,536
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


def page_selection(spec: str | None, total: int, shown: str) -> list[int]:
    """The 0-based indexes of the pages ``spec`` asks for in a PDF of ``total`` pages."""
    if spec is None:
        if total > MAX_PAGES:
            raise UsageError(
                f"{shown} has {total} pages; preview renders at most {MAX_PAGES} unless asked: "
                f"choose them with --pages (e.g. --pages 1-{MAX_PAGES}), or use --pages all"
            )
        return list(range(total))
    if spec.strip().lower() == "all":
        return list(range(total))
    chosen: list[int] = []
    for part in spec.split(","):
        first, dash, last = part.strip().partition("-")
        try:
            lo = int(first)
            hi = int(last) if dash else lo
        except ValueError:
            raise UsageError(f"--pages: '{part.strip()}' is not a page or a range such as 2-5") from None
        if not 1 <= lo <= hi <= total:
            raise UsageError(f"--pages: {part.strip()} is outside pages 1 to {total} of {shown}")
        chosen.extend(i for i in range(lo - 1, hi) if i not in chosen)
    return chosen


def _broken(shown: str, index: int) -> DataError:
    return DataError(
        [Problem(shown, None, None, "", f"page {index + 1} cannot be read (the PDF's page tree is broken)")]
    )


def preview(
    pdf: str | Path, out_dir: str | Path, dpi: int = 150, force: bool = False, pages: str | None = None
) -> list[Path]:
    """PNG images of the chosen pages of ``pdf`` (rendered with pypdfium2) in ``out_dir``.
    ``out_dir`` ``-`` writes the one image to standard output."""
    import pypdfium2

    source = Path(pdf)
    shown = STDIN_NAME if is_dash(pdf) else str(source)
    folder = Path(out_dir)
    document = _open(source)
    try:
        scale = dpi / 72
        total = len(document)
        indices = page_selection(pages, total, shown)
        if is_dash(out_dir) and len(indices) != 1:
            raise OutputError(
                f"standard output takes one image, and {shown} has {count(total, 'page')}: "
                "choose one with --page N, or give -o FOLDER"
            )
        for index in indices:
            try:
                w, h = document.get_page_size(index)
            except pypdfium2.PdfiumError:
                raise _broken(shown, index) from None
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
            try:
                image = document[index].render(scale=scale).to_pil()
            except pypdfium2.PdfiumError:
                raise _broken(shown, index) from None
            buffer = io.BytesIO()
            image.save(buffer, format="PNG")
            write_file(target, buffer.getvalue(), [source], "png", force)
    finally:
        document.close()
    return targets
