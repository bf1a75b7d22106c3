"""Regenerate the README's poster preview: docs/poster-a3.png.

Run from the repository: ``python scripts/make_readme_images.py``. It lays out the built-in
post-run stretches routine as an A3 poster (read from 1.5 m, the A3 default), renders it with
pypdfium2 at 60 dpi and writes the PNG atomically. The same input gives the same image.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from limber.api import load_catalogue  # noqa: E402
from limber.posters import PosterOptions, poster_pages  # noqa: E402
from limber.render.pdf import render  # noqa: E402
from limber.write import write_atomic  # noqa: E402

DPI = 60


def main() -> None:
    import pypdfium2

    catalogue = load_catalogue(())
    pages, meta, _ = poster_pages(
        catalogue, [catalogue.routines["post-run-stretches"]], PosterOptions(paper="a3")
    )
    page = pypdfium2.PdfDocument(render(pages, meta))[0]
    buffer = io.BytesIO()
    page.render(scale=DPI / 72).to_pil().save(buffer, format="PNG", optimize=True)
    target = ROOT / "docs" / "poster-a3.png"
    write_atomic(target, buffer.getvalue())
    print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
