"""Figures as the products lay them out: one shape at every size, and boxes they fill.

Every figure the products draw is measured from the laid-out boxes (``boxes.walk``: its
``Polyline``s, ``Circle``s, ``Line``s and ``Rect``s): the front of every exercise card in every
size of ``sizes.CARDS``, the thumbnails of every routine card in those sizes, and the panels
of every routine's poster on A4 to A0 (those that print). The box each figure was given is
recorded where the layouts ask for the figure (``figure_items``); a figure counts only if its
boxes are the ones on the finished face or page (a layout may try a size and drop it).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from limber.boxes import Circle, Line, Polyline, Rect, walk
from limber.catalogue.load import load_catalogue
from limber.errors import FitError
from limber.figure.draw import MM_TO_PT
from limber.layout import card as card_layout
from limber.layout import figure_area
from limber.layout import panel as panel_layout
from limber.layout import routine_card as routine_layout
from limber.layout.card import CardContext, exercise_card, routine_card
from limber.layout.panel import Arrangement
from limber.posters import PosterOptions, layout_poster
from limber.sizes import CARDS
from limber.theme import load_theme

CAT = load_catalogue()
THEME = load_theme("default")
POSTER_PAPERS = ("a4", "a3", "a2", "a1", "a0")
SAME_SHAPE = 1.15  # the widest stroke's share of the head may vary this much across sizes
FILLS = 0.85  # a figure's painted extent spans at least this share of its box, across or up


@dataclass(frozen=True)
class Drawn:
    """One figure as laid out: where (product and size), which, the box it was given, its boxes."""

    where: str
    exercise: str
    box: tuple[float, float, float, float]
    boxes: tuple


def _record(layouts):
    """Patch ``figure_items`` where the layouts call it, recording every call."""
    calls = []
    real = figure_area.figure_items

    def recording(ex, x, y, w, h, theme, *args, **kwargs):
        out = real(ex, x, y, w, h, theme, *args, **kwargs)
        calls.append((ex.id, (x, y, w, h), out))
        return out

    mp = pytest.MonkeyPatch()
    for module in layouts:
        mp.setattr(module, "figure_items", recording)
    return mp, calls


def _kept(where: str, items, calls) -> list[Drawn]:
    """The recorded figures whose boxes are on the finished face or page (the calls hold
    their boxes, so no box of a dropped try can share an id with a kept one)."""
    leaves = {id(b) for b, _, _ in walk(items)}
    out = [
        Drawn(where, fid, box, tuple(boxes))
        for fid, box, boxes in calls
        if boxes and all(id(b) in leaves for b in boxes)
    ]
    calls.clear()
    return out


@pytest.fixture(scope="module")
def drawn() -> list[Drawn]:
    mp, calls = _record((card_layout, routine_layout, panel_layout))
    out: list[Drawn] = []
    try:
        for size, (w, h) in CARDS.items():
            ctx = CardContext(CAT, THEME, w, h, 3)
            for ex in CAT.exercises.values():
                out += _kept(f"{size} card", exercise_card(ctx, ex).front.items, calls)
            for routine in CAT.routines.values():
                try:
                    face = routine_card(ctx, routine).front
                except FitError:  # a long routine needs a larger card
                    calls.clear()
                    continue
                out += _kept(f"{size} routine card", face.items, calls)
        for routine in CAT.routines.values():
            for paper in POSTER_PAPERS:
                try:
                    poster = layout_poster(CAT, [routine], PosterOptions(paper=paper))
                except FitError:  # some routines do not fit some papers yet
                    calls.clear()
                    continue
                out += _kept(f"{paper} poster of {routine.id}", poster.page.items, calls)
    finally:
        mp.undo()
    return out


def _extent(boxes) -> tuple[float, float, float, float]:
    """(x0, y0, x1, y1) in mm of what the boxes paint, strokes included; a floor ``Line`` spans
    its box whatever the figure, so it adds only its height."""
    xs: list[float] = []
    ys: list[float] = []
    for b in boxes:
        if isinstance(b, Polyline):
            half = b.width / MM_TO_PT / 2
            xs += [v for p in b.points for v in (p[0] - half, p[0] + half)]
            ys += [v for p in b.points for v in (p[1] - half, p[1] + half)]
        elif isinstance(b, Circle):
            reach = b.r + (b.width / MM_TO_PT / 2 if b.stroke else 0.0)
            xs += [b.cx - reach, b.cx + reach]
            ys += [b.cy - reach, b.cy + reach]
        elif isinstance(b, Rect):
            half = b.width / MM_TO_PT / 2
            xs += [b.x - half, b.x + b.w + half]
            ys += [b.y - half, b.y + b.h + half]
        elif isinstance(b, Line):
            half = b.width / MM_TO_PT / 2
            ys += [min(b.y1, b.y2) - half, max(b.y1, b.y2) + half]
    return min(xs), min(ys), max(xs), max(ys)


def _weight(d: Drawn) -> float:
    """The widest stroke, as drawn in mm, over the main head's drawn diameter."""
    widest = max(b.width for b in d.boxes if isinstance(b, Polyline)) / MM_TO_PT
    head = next(b for b in d.boxes if isinstance(b, Circle) and b.fill == THEME.colors.figure_ink)
    return widest / (2 * head.r)


def test_every_product_and_size_is_measured(drawn):
    where = {d.where for d in drawn}
    assert {f"{size} card" for size in CARDS} <= where
    assert {"poker routine card", "a6 routine card"} <= where  # thumbnails where there is room
    assert {w.split(" of ")[0] for w in where if " poster of " in w} == {f"{p} poster" for p in POSTER_PAPERS}
    fronts = [d for d in drawn if d.where.endswith(" card") and "routine" not in d.where]
    assert len(fronts) == len(CAT.exercises) * len(CARDS)


def test_a_figure_has_the_same_proportions_at_every_size(drawn):
    """The widest stroke (the torso) is the same share of the head's diameter for every
    figure on every card size, thumbnail and poster panel: one drawing, scaled as a whole."""
    weights = {(d.where, d.exercise): _weight(d) for d in drawn}
    low, high = min(weights.values()), max(weights.values())
    extremes = sorted(weights.items(), key=lambda kv: kv[1])
    assert high <= SAME_SHAPE * low, (round(low, 3), round(high, 3), extremes[:2], extremes[-2:])
    # the pen sets it: the torso is 7.3 body units, the head 13 across
    assert low == pytest.approx(figure_area.figure_pen(THEME).torso / 13.0)


def test_every_figure_fills_its_box_and_stays_inside(drawn):
    """Across or up, every figure's painted extent, props included, spans 85 % or more of the
    box the layout gave it, and nothing of it is outside that box."""
    thin = []
    for d in drawn:
        x, y, w, h = d.box
        x0, y0, x1, y1 = _extent(d.boxes)
        assert x0 >= x - 1e-6 and y0 >= y - 1e-6 and x1 <= x + w + 1e-6 and y1 <= y + h + 1e-6, d
        fill = max((x1 - x0) / w, (y1 - y0) / h)
        if fill < FILLS:
            thin.append((round(fill, 3), d.where, d.exercise))
    assert not thin


def test_a_floor_spans_the_box(drawn):
    for d in drawn:
        x, y, w, h = d.box
        floors = [b for b in d.boxes if isinstance(b, Line)]
        for line in floors:
            assert x - 1e-6 <= min(line.x1, line.x2) and max(line.x1, line.x2) <= x + w + 1e-6
            assert abs(line.x2 - line.x1) >= 0.95 * w, (d.where, d.exercise)


def test_figures_are_vector_only(drawn):
    assert all(isinstance(b, (Polyline, Circle, Line, Rect)) for d in drawn for b in d.boxes)


def test_a_panel_gives_a_lying_figure_a_wide_box_and_a_standing_one_a_tall_box():
    wide = Arrangement("a", (0.0, 0.0, 120.0, 60.0), (0.0, 0.0, 0.0), (0.0, 0.0))
    tall = Arrangement("c", (0.0, 0.0, 60.0, 120.0), (0.0, 0.0, 0.0), (0.0, 0.0))
    lying = figure_area.figure_size(CAT.exercises["lying-knee-twist"], THEME)
    standing = figure_area.figure_size(CAT.exercises["walking-knee-hug"], THEME)
    assert max((wide, tall), key=lambda a: a.score(lying)) is wide
    assert max((wide, tall), key=lambda a: a.score(standing)) is tall


def test_posters_shape_figure_boxes_to_their_figures(drawn):
    """Where the panels have room for either, standing figures get tall boxes and lying ones
    wide boxes: post-run mobility's six standing drills on A0 get the figure column beside
    the text (about as tall as wide) rather than the strip beside the QR code (3.5 times as
    wide as tall), the low back release's two floor moves on A4 wide boxes."""
    standing = [d for d in drawn if d.where == "a0 poster of post-run-mobility"]
    lying = [d for d in drawn if d.where == "a4 poster of low-back-release"]
    assert len(standing) == 6 and len(lying) == 2
    assert all(d.box[2] < 1.2 * d.box[3] for d in standing)
    assert all(d.box[2] > 1.5 * d.box[3] for d in lying)
