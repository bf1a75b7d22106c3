"""A small rasteriser of figure boxes for tests: which cells of a grid the figure inks.

Takes: the boxes of one figure (``Polyline``, ``Circle``, ``Rect``; floor ``Line``s, shared by
every standing figure, are left out). Gives: ``ink(boxes, n)``, an n x n boolean grid of the
figure's ink after centring it and scaling its longer side to the grid, and ``iou(a, b)``.
"""

from __future__ import annotations

import numpy as np

from limber.boxes import Circle, Polyline, Rect

MM_TO_PT = 72.0 / 25.4


def _segments(boxes):
    """(x0, y0, x1, y1, half width) of every stroked segment, and (cx, cy, r_in, r_out) discs."""
    segs, discs = [], []
    for b in boxes:
        if isinstance(b, Polyline):
            pts = list(b.points) + ([b.points[0]] if b.closed else [])
            for (x0, y0), (x1, y1) in zip(pts, pts[1:] or pts):
                segs.append((x0, y0, x1, y1, b.width / MM_TO_PT / 2))
        elif isinstance(b, Circle):
            half = b.width / MM_TO_PT / 2 if b.stroke else 0.0
            discs.append((b.cx, b.cy, 0.0 if b.fill else b.r - half, b.r + half))
        elif isinstance(b, Rect):
            half = b.width / MM_TO_PT / 2
            corners = [(b.x, b.y), (b.x + b.w, b.y), (b.x + b.w, b.y + b.h), (b.x, b.y + b.h), (b.x, b.y)]
            for (x0, y0), (x1, y1) in zip(corners, corners[1:]):
                segs.append((x0, y0, x1, y1, half))
    return segs, discs


def ink(boxes, n: int = 32, reach: float | None = None) -> np.ndarray:
    """The inked cells; ``reach`` (cells) draws every stroke and ring that far from its centre
    line instead of at its own width, so shapes compare whatever the pen."""
    segs, discs = _segments(boxes)
    xs = [v for s in segs for v in (s[0] - s[4], s[2] + s[4], s[0] + s[4], s[2] - s[4])]
    xs += [v for d in discs for v in (d[0] - d[3], d[0] + d[3])]
    ys = [v for s in segs for v in (s[1] - s[4], s[3] + s[4], s[1] + s[4], s[3] - s[4])]
    ys += [v for d in discs for v in (d[1] - d[3], d[1] + d[3])]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    size = max(x1 - x0, y1 - y0)
    cell = size / n
    if reach is not None:
        segs = [(*s[:4], reach * cell) for s in segs]
        discs = [
            (
                cx,
                cy,
                0.0 if r_in == 0 else (r_in + r_out) / 2 - reach * cell,
                (r_in + r_out) / 2 + reach * cell if r_in else r_out,
            )
            for cx, cy, r_in, r_out in discs
        ]
    centres = (np.arange(n) + 0.5) * cell
    gx = centres[None, :] + (x0 + x1) / 2 - size / 2
    gy = centres[:, None] + (y0 + y1) / 2 - size / 2
    grid = np.zeros((n, n), dtype=bool)
    for ax, ay, bx, by, half in segs:
        dx, dy = bx - ax, by - ay
        length2 = dx * dx + dy * dy
        t = np.clip(((gx - ax) * dx + (gy - ay) * dy) / length2, 0, 1) if length2 else 0.0
        grid |= np.hypot(gx - (ax + t * dx), gy - (ay + t * dy)) <= half + cell / 2
    for cx, cy, r_in, r_out in discs:
        d = np.hypot(gx - cx, gy - cy)
        grid |= (d <= r_out + cell / 2) & (d >= r_in - cell / 2)
    return grid


def iou(a: np.ndarray, b: np.ndarray) -> float:
    return float((a & b).sum() / max((a | b).sum(), 1))
