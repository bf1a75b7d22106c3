"""The QR path operators: integer rectangles in module units that cover exactly the dark
modules, with far fewer operators than one per module."""

import re

from limber.catalogue.load import load_catalogue
from limber.layout.qr import matrix
from limber.render.canvas import qr_path

CAT = load_catalogue()


def painted(ops: str, n: int) -> list[list[int]]:
    """How often each module is painted by the path's rectangles (row 0 at the top)."""
    grid = [[0] * n for _ in range(n)]
    assert ops.endswith("\nf")
    for x, y, w, h in re.findall(r"^(\d+) (\d+) (\d+) (\d+) re$", ops, re.M):
        x, y, w, h = int(x), int(y), int(w), int(h)
        for row in range(n - y - h, n - y):
            for col in range(x, x + w):
                grid[row][col] += 1
    return grid


def test_rectangles_cover_exactly_the_dark_modules_once():
    for ex in CAT.exercises.values():
        modules = matrix(CAT.video_url(ex))
        ops = qr_path(modules)
        assert len(ops.splitlines()) - 1 == ops.count(" re")  # nothing but rectangles and the fill
        assert painted(ops, len(modules)) == [[int(v) for v in row] for row in modules]


def test_runs_repeated_down_the_rows_merge_into_one_rectangle():
    modules = matrix(CAT.video_url(CAT.exercises["ankle-bounce"]))
    runs = sum(1 for row in modules for a, b in zip((False, *row), row) if b and not a)
    ops = qr_path(modules)
    assert ops.count(" re") < runs
    # the top-left finder pattern is five rectangles: top and bottom edges, two sides, the core
    n = len(modules)
    finder = {
        f"0 {n - 1} 7 1 re",
        f"0 {n - 7} 7 1 re",
        f"0 {n - 6} 1 5 re",
        f"6 {n - 6} 1 5 re",
        f"2 {n - 5} 3 3 re",
    }
    assert finder <= set(ops.splitlines())


def test_the_written_out_url_capacity_matches_qrcodes_table():
    from limber.qrcap import MAX_URL_BYTES, max_bytes, max_version

    assert max_version(30.0, 0.5) == 8
    assert MAX_URL_BYTES == max_bytes()
