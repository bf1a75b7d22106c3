"""Tiled posters: sheet count and orientation, overlap, labels, printable area, vector output,
and reassembly: tiles and the poster rendered at the same scale agree pixel for pixel."""

from __future__ import annotations

import numpy
import pypdfium2
import pytest
from layout_checks import run_extent
from pdf_read import page_text

from limber.api import load_catalogue
from limber.boxes import Group, Line, Rect, TextBox, walk
from limber.layout.sheet import BAR_LEN
from limber.layout.tiles import EDGE, fit_grid
from limber.posters import PosterOptions, poster_pages
from limber.render.pdf import render
from limber.sizes import paper_size

CAT = load_catalogue(())
PX_PER_MM = 2  # whole pixels per millimetre: windows sit whole millimetres from the sheet's corner


@pytest.fixture(scope="module", params=["a4", "letter"])
def tiled(request):
    options = PosterOptions(paper="a1", distance=1.5, tile=request.param)
    pages, meta, poster = poster_pages(CAT, [CAT.routines["advanced-leg-mobility"]], options)
    return request.param, pages, render(pages, meta), poster


def test_sheet_count_and_the_orientation_that_needs_fewer(tiled):
    sheet, pages, _, poster = tiled
    grid = pages[0].extra["tiles"]
    assert len(pages) == grid.count + 1 and pages[0].label == "map"
    short, long_ = sorted(paper_size(sheet))
    for page in pages[1:]:
        assert (page.width, page.height) == (grid.sheet_w, grid.sheet_h)
    both = [
        fit_grid(poster.page.width, poster.page.height, w, h, 10.0)
        for w, h in ((short, long_), (long_, short))
    ]
    assert grid.count == min(g.count for g in both)
    for g in both:  # each count is the fewest that covers the poster: one column or row less would not
        step_w, step_h = g.win_w - g.overlap, g.win_h - g.overlap
        assert g.cols * step_w + g.overlap >= poster.page.width > (g.cols - 1) * step_w + g.overlap
        assert g.rows * step_h + g.overlap >= poster.page.height > (g.rows - 1) * step_h + g.overlap
    assert grid.sheet_w > grid.sheet_h and (grid.cols, grid.rows) == (3, 5)  # landscape: 15 sheets, not 16


def test_windows_cover_the_poster_and_neighbours_overlap_by_the_overlap(tiled):
    _, pages, _, poster = tiled
    grid = pages[0].extra["tiles"]
    assert grid.overlap == 10.0
    assert grid.win_w == int(grid.win_w) and grid.win_h == int(grid.win_h)
    for r in range(grid.rows):
        for c in range(grid.cols):
            x, y, w, h = grid.window(r, c)
            if c + 1 < grid.cols:
                assert x + w - grid.window(r, c + 1)[0] == pytest.approx(grid.overlap)
            if r + 1 < grid.rows:
                assert grid.window(r + 1, c)[1] + h - y == pytest.approx(grid.overlap)
    last_x, last_y, w, h = grid.window(grid.rows - 1, grid.cols - 1)
    assert grid.window(0, 0)[0] == 0 and grid.window(0, 0)[1] + h == poster.page.height
    assert last_x + w >= poster.page.width and last_y <= 0


def test_every_sheet_has_its_label_and_a_50_mm_scale_bar(tiled):
    _, pages, _, _ = tiled
    grid = pages[0].extra["tiles"]
    for index, page in enumerate(pages[1:]):
        r, c = divmod(index, grid.cols)
        labels = [b for b in page.items if isinstance(b, TextBox) and b.field == "label"]
        assert [" ".join(run.text for run in b.runs) for b in labels] == [
            f"{'ABCDE'[r]}{c + 1} (row {'ABCDE'[r]}, column {c + 1} of {grid.cols} x {grid.rows})"
        ]
        bars = [
            g
            for g in page.items
            if isinstance(g, Group) and any(isinstance(b, Rect) and b.w == BAR_LEN for b in g.items)
        ]
        assert len(bars) == 1


def test_cut_lines_and_glue_areas_sit_on_the_seams(tiled):
    _, pages, _, _ = tiled
    grid = pages[0].extra["tiles"]
    for index, page in enumerate(pages[1:]):
        r, c = divmod(index, grid.cols)
        cuts = [b for b in page.items if isinstance(b, Line) and b.dash]
        vertical = [b for b in cuts if b.x1 == b.x2]
        horizontal = [b for b in cuts if b.y1 == b.y2]
        assert len(vertical) == (c > 0) and len(horizontal) == (r < grid.rows - 1)
        if vertical:
            assert vertical[0].x1 == pytest.approx(grid.win_x - 0.3)
        glue = [b for b in page.items if isinstance(b, Rect) and b.fill == "#d9d9d9"]
        x0, y0 = grid.win_x, grid.win_y
        x1, y1 = x0 + grid.win_w, y0 + grid.win_h
        across = [g for g in glue if (g.x, g.w) == pytest.approx((x1 - grid.overlap, grid.overlap))]
        down = [g for g in glue if (g.y, g.h) == pytest.approx((y1 - grid.overlap, grid.overlap))]
        assert len(across) == 2 * (c < grid.cols - 1) and len(down) == 2 * (r > 0)
        assert len(glue) == len(across) + len(down)
        for g in across:  # above and below the window, beside the strip the right neighbour covers
            assert g.y >= y1 or g.y + g.h <= y0
        for g in down:  # left and right of the window, beside the strip the sheet above covers
            assert g.x >= x1 or g.x + g.w <= x0


def test_everything_printed_stays_5_mm_inside_the_sheet(tiled):
    _, pages, _, _ = tiled
    for page in pages:
        lo_x, lo_y, hi_x, hi_y = EDGE, EDGE, page.width - EDGE, page.height - EDGE
        for item in page.items:
            if isinstance(item, Group) and item.clip:  # the poster's content: its window on the sheet
                x, y, w, h = item.clip
                assert x + item.dx >= lo_x and y + item.dy >= lo_y
                assert x + item.dx + w <= hi_x and y + item.dy + h <= hi_y
                continue
            if isinstance(item, Group) and item.scale != 1.0:  # the map's miniature
                assert item.dx >= lo_x and item.dy >= lo_y
                assert item.dx + pages[0].extra["tiles"].poster_w * item.scale <= hi_x
                continue
            for box, dx, dy in walk([item]):
                if isinstance(box, TextBox):
                    for run in box.runs:
                        x0, y0, x1, y1 = run_extent(run)
                        assert lo_x <= x0 + dx and x1 + dx <= hi_x and lo_y <= y0 + dy and y1 + dy <= hi_y
                elif isinstance(box, Line):
                    for x, y in ((box.x1, box.y1), (box.x2, box.y2)):
                        assert lo_x <= x + dx <= hi_x and lo_y <= y + dy <= hi_y, box
                elif isinstance(box, Rect):
                    assert lo_x <= box.x + dx and box.x + dx + box.w <= hi_x, box
                    assert lo_y <= box.y + dy and box.y + dy + box.h <= hi_y, box


def test_tiles_are_vector_with_no_images(tiled):
    _, _, data, _ = tiled
    for page in pypdfium2.PdfDocument(data):
        assert not [o for o in page.get_objects() if o.type == pypdfium2.raw.FPDF_PAGEOBJ_IMAGE]


def _pixels(page) -> numpy.ndarray:
    image = page.render(scale=PX_PER_MM * 25.4 / 72 * (1 - 1e-4), grayscale=True).to_pil()
    return numpy.asarray(image, dtype=numpy.int16)


def _diff(a: numpy.ndarray, b: numpy.ndarray) -> numpy.ndarray:
    """Per-pixel difference of two renderings of the same area, each pixel compared with its
    nearest match within one pixel: pdfium rounds a page up to whole pixels, which shifts a
    Letter sheet (not a whole number of millimetres) by a fraction of a pixel. The outer
    pixel is skipped: the clip edge is antialiased against the sheet's margin."""
    h, w = min(a.shape[0], b.shape[0]), min(a.shape[1], b.shape[1])
    core = a[1 : h - 1, 1 : w - 1]
    return numpy.min(
        [
            numpy.abs(core - b[1 + dy : h - 1 + dy, 1 + dx : w - 1 + dx])
            for dy in (-1, 0, 1)
            for dx in (-1, 0, 1)
        ],
        axis=0,
    )


def test_tiles_reassemble_into_the_poster(tiled):
    """Each tile's window, rendered at the poster's scale, matches the poster's pixels there,
    so every poster point appears on a tile and overlapping tiles agree."""
    sheet, pages, data, poster = tiled
    grid = pages[0].extra["tiles"]
    # A4 windows land on whole pixels of both renderings and match exactly; pdfium rounds a
    # Letter sheet (not whole millimetres) up to whole pixels, a drift of up to 0.2 pixel.
    mean_limit, far = (0.05, 24) if sheet == "a4" else (1.5, 96)
    whole = _pixels(
        pypdfium2.PdfDocument(
            render(
                [poster.page],
                poster_pages(
                    CAT, [CAT.routines["advanced-leg-mobility"]], PosterOptions(paper="a1", distance=1.5)
                )[1],
            )
        )[0]
    )
    doc = pypdfium2.PdfDocument(data)
    left = top = round((EDGE + 7.0) * PX_PER_MM)
    ww, wh = int(grid.win_w * PX_PER_MM), int(grid.win_h * PX_PER_MM)
    covered = numpy.zeros(whole.shape, dtype=bool)
    crops = {}
    for index in range(grid.count):
        r, c = divmod(index, grid.cols)
        tile = _pixels(doc[index + 1])[top : top + wh, left : left + ww]
        x, y, w, h = grid.window(r, c)
        px, py = round(x * PX_PER_MM), round((poster.page.height - y - h) * PX_PER_MM)
        part = whole[py : py + wh, px : px + ww]
        inner = tile[: part.shape[0], : part.shape[1]]
        diff = _diff(inner, part)
        assert diff.mean() < mean_limit and (diff > far).mean() < 0.001, (grid.name(r, c), diff.mean())
        covered[py : py + wh, px : px + ww] = True
        crops[(r, c)] = tile
        assert (inner < 250).mean() > 0.005 or (part < 250).mean() <= 0.005  # not a blank match
    assert covered.all()
    # Neighbours agree in their overlap, directly.
    ov = int(grid.overlap * PX_PER_MM)
    a, b = crops[(0, 0)], crops[(0, 1)]
    assert _diff(a[:, ww - ov :], b[:, :ov]).mean() < mean_limit


def test_the_map_shows_the_count_and_how_to_join(tiled):
    sheet, pages, data, _ = tiled
    text = page_text(pypdfium2.PdfDocument(data)[0])
    assert "15 sheets of " + ("A4" if sheet == "a4" else "Letter") in text
    assert "glue" in text and "cut lines" in text
    names = [b for b, _, _ in walk(pages[0].items) if isinstance(b, TextBox) and b.field == "map"]
    shown = {run.text for b in names for run in b.runs}
    assert {"A1", "E3"} <= shown


def test_tile_command_writes_the_map_and_the_sheets(run, tmp_path):
    out = tmp_path / "tiled.pdf"
    result = run(
        "poster", "post-run-stretches", "-o", out, "--paper", "a2", "--tile", "letter", "--overlap", "15"
    )
    doc = pypdfium2.PdfDocument(str(out))
    pages = poster_pages(
        CAT, [CAT.routines["post-run-stretches"]], PosterOptions(paper="a2", tile="letter", overlap=15)
    )[0]
    assert len(doc) == len(pages) and f"on {len(pages) - 1} Letter sheets" in result.output
    assert pages[0].extra["tiles"].overlap == 15


def test_tiled_output_is_byte_identical_across_runs(tiled):
    sheet, _, data, _ = tiled
    pages, meta, _ = poster_pages(
        CAT, [CAT.routines["advanced-leg-mobility"]], PosterOptions(paper="a1", distance=1.5, tile=sheet)
    )
    assert render(pages, meta) == data
