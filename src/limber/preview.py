"""PNG previews of a PDF's pages, to look at before printing.

Takes: a PDF file, an output folder and a resolution. Gives: one PNG per page, written
through ``limber.write`` (never over the PDF itself or over a file that is not a PNG unless
``force``), or an ``OutputError``/``DataError`` with a clear message: an unreadable PDF, a
folder that cannot be made or written, or a page that would need more than
``MAX_PIXELS`` pixels at that resolution (checked before anything is rendered).
"""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

from .errors import DataError, OutputError, Problem
from .write import check_target, write_file

MAX_PIXELS = 150_000_000
MM_PER_PT = 25.4 / 72


def _open(source: Path):
    import pypdfium2

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


def preview(pdf: str | Path, out_dir: str | Path, dpi: int = 150, force: bool = False) -> list[Path]:
    """PNG images of every page of ``pdf`` (rendered with pypdfium2) in ``out_dir``."""
    source = Path(pdf)
    folder = Path(out_dir)
    document = _open(source)
    try:
        scale = dpi / 72
        for index in range(len(document)):
            w, h = document.get_page_size(index)
            pixels = round(w * scale) * round(h * scale)
            if pixels > MAX_PIXELS:
                most = int(72 * (MAX_PIXELS / (w * h)) ** 0.5)
                raise OutputError(
                    f"page {index + 1} of {source} is {w * MM_PER_PT:.0f} x {h * MM_PER_PT:.0f} mm: at {dpi} dpi "
                    f"that is {pixels / 1e6:.0f} million pixels, over the limit of {MAX_PIXELS // 1_000_000} "
                    f"million; use --dpi {most} or less"
                )
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise OutputError(f"cannot make the folder {folder}: {error.strerror}") from None
        targets = [folder / f"{source.stem}-{index + 1:03d}.png" for index in range(len(document))]
        for target in targets:
            check_target(target, [source], "png", force)
        for index, target in enumerate(targets):
            image = document[index].render(scale=scale).to_pil()
            buffer = io.BytesIO()
            image.save(buffer, format="PNG")
            write_file(target, buffer.getvalue(), [source], "png", force)
    finally:
        document.close()
    return targets
