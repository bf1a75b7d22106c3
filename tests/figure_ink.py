"""A small rasteriser of figure boxes for tests: which cells of a grid the figure inks.

Takes: the boxes of one figure (``Polyline``, ``Circle``, ``Rect``; floor ``Line``s, shared by
every standing figure, are left out). Gives: ``ink(boxes, n)``, an n x n boolean grid of the
figure's ink after centring it and scaling its longer side to the grid, and ``iou(a, b)``;
and for telling figures apart, ``stages(spec)`` (what a runner sees as one drawing: each
panel of a panels figure, or the whole overlay), ``silhouette(spec)`` (the blurred ink of
each stage drawn at card size) and ``likeness(a, b)`` (how much two silhouettes overlap, the
better of one and the other's mirror image).
"""

from __future__ import annotations

import dataclasses

import numpy as np

from limber.boxes import Circle, Line, Polyline, Rect
from limber.catalogue.pose import FigureSpec, Role, Sequence
from limber.figure import figure_boxes

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


CARD = (55.0, 26.0)  # the figure area of a poker card
SILHOUETTE_GRID = 64  # cells along the longer side of a figure's bounding box
BLUR = 1.5  # cells: the Gaussian blur of the ink, so that a joint a little off still overlaps


def stages(spec: FigureSpec) -> list[FigureSpec]:
    """The drawings a runner sees: each panel of a panels figure (with its own arrows) as a
    figure of its own; an overlay, with its start pose behind, as it is."""
    if spec.sequence != Sequence.panels or len(spec.frames) == 1:
        return [spec]
    out = []
    for i, frame in enumerate(spec.frames):
        arrows = [
            dataclasses.replace(a, frame=None)
            for a in spec.arrows
            if a.kind != "move" and (spec.main if a.frame is None else a.frame) == i
        ]
        one = dataclasses.replace(frame, role=Role.main)
        out.append(dataclasses.replace(spec, frames=[one], sequence=Sequence.overlay, arrows=arrows))
    return out


def _blurred(grid: np.ndarray, sigma: float = BLUR) -> np.ndarray:
    reach = int(3 * sigma)
    x = np.arange(-reach, reach + 1)
    kernel = np.exp(-(x**2) / (2 * sigma**2))
    kernel /= kernel.sum()
    out = grid.astype(float)
    out = np.apply_along_axis(lambda v: np.convolve(v, kernel, "same"), 0, out)
    return np.apply_along_axis(lambda v: np.convolve(v, kernel, "same"), 1, out)


def silhouette(spec: FigureSpec) -> list[np.ndarray]:
    """Each stage of ``spec`` drawn at card size with the standard pen (strokes in proportion
    to the body, as at every size), floor lines left out, rasterised with its longer side
    spanning ``SILHOUETTE_GRID`` cells and blurred by ``BLUR`` cells."""
    out = []
    for stage in stages(spec):
        boxes = [b for b in figure_boxes(stage, 0, 0, *CARD) if not isinstance(b, Line)]
        out.append(_blurred(ink(boxes, SILHOUETTE_GRID)))
    return out


def overlap(a: np.ndarray, b: np.ndarray) -> float:
    """Intersection over union of two blurred inks: sum of the minimum over sum of the maximum."""
    return float(np.minimum(a, b).sum() / max(np.maximum(a, b).sum(), 1e-9))


def likeness(a: list[np.ndarray], b: list[np.ndarray]) -> float:
    """How alike two figures look: the overlap of their most alike stages, each compared as it
    is and mirrored (a figure facing the other way is the same drawing)."""
    return max(max(overlap(x, y), overlap(x, y[:, ::-1])) for x in a for y in b)
