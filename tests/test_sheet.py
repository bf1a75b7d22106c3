"""Imposition: counts, margins, gutters, crop marks, scale bar, and backs under each flip."""

import pytest

from limber.boxes import Group, Line, TextBox, walk
from limber.catalogue.load import load_catalogue
from limber.layout.sheet import (
    BAR_LEN,
    MARK_MIN,
    MARK_WIDTH,
    MIN_BLEED,
    PRINTABLE,
    back_clip,
    back_origin,
    crop_marks,
    face_clip,
    impose,
    margin,
)
from limber.products import DeckOptions, _sheet_extras, deck_pages, fold_marks, resolve_targets
from limber.sizes import CARDS, card_size, paper_size

CAT = load_catalogue()


@pytest.mark.parametrize(
    "card, paper, cols, rows, turned",
    [
        ("poker", "a4", 4, 2, True),
        ("poker", "letter", 3, 2, True),
        ("credit", "a4", 3, 3, True),
        ("bridge", "a4", 3, 3, False),
        ("credit", "letter", 2, 4, False),
        ("a7", "a4", 2, 2, False),
        ("a6", "a4", 2, 1, True),
        ("index-3x5", "letter", 2, 2, False),
    ],
)
def test_the_most_cards_that_fit(card, paper, cols, rows, turned):
    grid = impose(*card_size(card), *paper_size(paper), 3.0)
    assert (grid.cols, grid.rows) == (cols, rows)
    assert (grid.paper_w > grid.paper_h) == turned


SIZES = [(card, paper) for card in CARDS for paper in ("a4", "letter")]


@pytest.mark.parametrize("card, paper", SIZES)
def test_no_grid_with_more_cards_keeps_the_rules(card, paper):
    """One more column or row, on the sheet either way up, breaks the margin or the gutter rule."""
    w, h = card_size(card)
    grid = impose(w, h, *paper_size(paper), 3.0)
    edge, gutter = margin(3.0), 2 * MIN_BLEED
    for pw, ph in (paper_size(paper), paper_size(paper)[::-1]):
        cols = int((pw - 2 * edge + gutter) // (w + gutter))
        rows = int((ph - 2 * edge + gutter) // (h + gutter))
        assert cols * rows <= grid.per_sheet


@pytest.mark.parametrize("card, paper", SIZES)
def test_slots_stay_inside_the_margins_never_overlap_and_the_grid_is_centred(card, paper):
    w, h = card_size(card)
    grid = impose(w, h, *paper_size(paper), 3.0)
    slots = [grid.slot(i) for i in range(grid.per_sheet)]
    edge = margin(3.0)
    for x, y in slots:
        assert x >= edge - 1e-9 and y >= edge - 1e-9
        assert x + w <= grid.paper_w - edge + 1e-9 and y + h <= grid.paper_h - edge + 1e-9
    for i, (x1, y1) in enumerate(slots):
        for x2, y2 in slots[i + 1 :]:
            assert x1 + w <= x2 + 1e-9 or x2 + w <= x1 + 1e-9 or y1 + h <= y2 + 1e-9 or y2 + h <= y1 + 1e-9
    assert grid.x0 == pytest.approx(grid.paper_w - grid.x0 - grid.grid_w)
    assert grid.y0 == pytest.approx(grid.paper_h - grid.y0 - grid.grid_h)


@pytest.mark.parametrize("card, paper", SIZES)
def test_no_card_bleed_is_cut_below_2_mm_on_either_side_of_the_sheet(card, paper):
    w, h = card_size(card)
    grid = impose(w, h, *paper_size(paper), 3.0)
    for index in range(grid.per_sheet):
        for x, y, cw, ch in (
            face_clip(grid, w, h, index),
            back_clip(grid, w, h, index, "long"),
            back_clip(grid, w, h, index, "short"),
        ):
            left, bottom, right, top = -x, -y, cw - w + x, ch - h + y
            assert min(left, bottom, right, top) >= MIN_BLEED - 1e-9, (index, left, bottom, right, top)


@pytest.mark.parametrize("card, paper", SIZES)
def test_every_mark_the_scale_bar_and_its_words_lie_5_mm_inside_the_paper(card, paper):
    w, h = card_size(card)
    for fold in (False, True):
        try:
            grid = impose(2 * w if fold else w, h, *paper_size(paper), 3.0, face_w=w)
        except Exception:
            assert fold, "every card size fits A4 and Letter"
            continue
        extras = _sheet_extras(grid, True)
        assert grid.bar is not None or fold
        assert len([e for e in extras if e[0].__class__.__name__ == "Line"]) >= 2 * (grid.cols + grid.rows)
        boxes = [bbox for _, bbox in extras]
        boxes += [
            (min(ln.x1, ln.x2), min(ln.y1, ln.y2), abs(ln.x2 - ln.x1), abs(ln.y2 - ln.y1))
            for ln in (fold_marks(grid, w) if fold else [])
        ]
        for x, y, bw, bh in boxes:
            assert x >= PRINTABLE - 1e-9 and y >= PRINTABLE - 1e-9
            assert x + bw <= grid.paper_w - PRINTABLE + 1e-9 and y + bh <= grid.paper_h - PRINTABLE + 1e-9


def test_slot_order_is_rows_from_the_top():
    grid = impose(63.5, 88.9, 210, 297, 3)
    assert grid.cols == 4
    (x0, y0), (x1, y1), (x3, y3) = grid.slot(0), grid.slot(1), grid.slot(4)
    assert y0 == y1 and x1 > x0 and y3 < y0 and x3 == x0


@pytest.mark.parametrize("card, paper", [("bridge", "a4"), ("credit", "letter"), ("a7", "a4")])
def test_long_edge_flip_mirrors_columns_and_short_edge_flip_mirrors_rows(card, paper):
    w, h = card_size(card)
    grid = impose(w, h, *paper_size(paper), 3.0)
    for index in range(grid.per_sheet):
        row, col = grid.cell(index)
        x, y = grid.slot(index)
        assert back_origin(grid, x, y, w, h, "long") == pytest.approx(
            grid.slot(row * grid.cols + grid.cols - 1 - col)
        )
        short = back_origin(grid, x, y, w, h, "short")
        # Row r lands where row nrows-1-r would sit on a grid mirrored top to bottom.
        mirrored_row_y = grid.paper_h - grid.y0 - grid.grid_h + row * (h + grid.gap_y)
        assert short == pytest.approx((x, mirrored_row_y))


def test_offset_shifts_backs():
    grid = impose(57.15, 88.9, 210, 297, 3)  # bridge on an upright A4 sheet
    x, y = grid.slot(0)
    assert back_origin(grid, x, y, 57.15, 88.9, "long", (1.5, -0.5)) == pytest.approx(
        (210 - x - 57.15 + 1.5, y - 0.5)
    )


@pytest.mark.parametrize("card, paper", SIZES)
def test_crop_marks_are_hairlines_clear_of_the_bleed_and_long_enough_to_cut_by(card, paper):
    w, h = card_size(card)
    grid = impose(w, h, *paper_size(paper), 3.0)
    marks = crop_marks(grid)
    assert len(marks) == 2 * 2 * (grid.cols + grid.rows)  # both ends of every trim line
    left, bottom = grid.x0, grid.y0
    right, top = grid.x0 + grid.grid_w, grid.y0 + grid.grid_h
    for m in marks:
        assert m.width >= MARK_WIDTH
        assert MARK_MIN - 1e-9 <= abs(m.x2 - m.x1) + abs(m.y2 - m.y1) <= 5 + 1e-9
        for x, y in ((m.x1, m.y1), (m.x2, m.y2)):
            outside = (
                x <= left - 3 + 1e-9 or x >= right + 3 - 1e-9 or y <= bottom - 3 + 1e-9 or y >= top + 3 - 1e-9
            )
            assert outside, "a mark starts inside the bleed"


def _deck(targets, **options):
    cat, found = resolve_targets(CAT, targets, [])
    return deck_pages(cat, found, DeckOptions(**options))[0]


def _scale_bar(page):
    groups = [
        g
        for g in page.items
        if isinstance(g, Group)
        and g.rotate in (0.0, 90.0)
        and any(isinstance(b, TextBox) and b.field == "scale bar" for b in g.items)
    ]
    groups += [
        inner
        for g in page.items
        if isinstance(g, Group)
        for inner in g.items
        if isinstance(inner, Group)
        and any(isinstance(b, TextBox) and b.field == "scale bar" for b in inner.items)
    ]
    return groups


@pytest.mark.parametrize(
    "sheet, size", [("a4", None), ("letter", None), ("a4", "credit"), ("letter", "credit")]
)
def test_every_sheet_has_a_50_mm_scale_bar_with_its_words(sheet, size):
    pages = _deck(["post-run-mobility"], sheet=sheet, size=size)
    for page in pages:
        [bar] = _scale_bar(page)
        words = [" ".join(r.text for r in b.runs) for b in bar.items if isinstance(b, TextBox)]
        assert words == ["this bar measures 50 mm: print at actual size"]
        bar_rect = bar.items[0]
        assert bar_rect.w == BAR_LEN


def test_duplex_pages_alternate_front_and_back():
    pages = _deck(["--all"] if False else ["post-run-mobility", "post-run-stretches", "low-back-release"])
    assert [p.label for p in pages] == ["front", "back"] * (len(pages) // 2)
    # Each routine brings a card for every item, with that item's dose: 3 routine cards, 6 + 4 + 2.
    assert sum(len(p.bookmarks) for p in pages) == 3 + 6 + 4 + 2


def test_duplex_off_gives_fronts_only_and_fold_puts_backs_beside_fronts():
    assert {p.label for p in _deck(["post-run-mobility"], duplex="off")} == {"front"}
    pages = _deck(["post-run-mobility"], fold=True, duplex="off")
    grid = pages[0].extra["grid"]
    assert grid.unit_w == pytest.approx(2 * 63.5)
    assert {p.label for p in pages} == {"front"}
    dashed = [b for b, _, _ in walk(pages[0].items) if isinstance(b, Line) and b.dash]
    assert len(dashed) == 2 * grid.cols


def test_back_faces_land_behind_their_fronts():
    pages = _deck(["post-run-mobility"], duplex="long", size="bridge")
    front, back = pages[0], pages[1]
    fronts = [g for g in front.items if isinstance(g, Group) and g.clip]
    backs = [g for g in back.items if isinstance(g, Group) and g.clip]
    grid = front.extra["grid"]
    for f, b in zip(fronts, backs):
        assert (b.dx, b.dy) == pytest.approx(back_origin(grid, f.dx, f.dy, 57.15, 88.9, "long"))


def test_face_clips_stop_at_the_middle_of_the_gutter():
    grid = impose(63.5, 88.9, 215.9, 279.4, 3)
    clip = face_clip(grid, 63.5, 88.9, 1)  # the middle card of the top row
    assert clip[0] == pytest.approx(-min(3, grid.gap_x / 2))
    assert clip[2] == pytest.approx(63.5 + 2 * min(3, grid.gap_x / 2))


def test_a_turned_sheet_is_used_when_it_holds_more_and_flips_swap():
    grid = impose(105, 148, 210, 297, 3)  # A6 on A4: two side by side on a landscape sheet
    assert (grid.paper_w, grid.paper_h, grid.cols, grid.rows) == (297, 210, 2, 1)
    x, y = grid.slot(0)
    # Long edges of a landscape sheet are top and bottom: the long-edge flip mirrors y.
    assert back_origin(grid, x, y, 105, 148, "long") == pytest.approx((x, 210 - y - 148))
    assert back_origin(grid, x, y, 105, 148, "short") == pytest.approx((297 - x - 105, y))


def test_fold_marks_stay_clear_of_the_scale_bar():
    pages = _deck(["post-run-mobility"], fold=True, duplex="off")
    grid = pages[0].extra["grid"]
    bx, by, rotate = grid.bar
    assert rotate == 0.0
    folds = [b for b, _, _ in walk(pages[0].items) if isinstance(b, Line) and b.dash]
    for line in folds:
        assert not (bx - 1 <= line.x1 <= bx + BAR_LEN + 1), "a fold mark crosses the scale bar"


def test_back_clips_swap_the_sides_the_flip_swaps():
    from limber.layout.sheet import back_clip

    grid = impose(63.5, 88.9, 215.9, 279.4, 3)
    front = face_clip(grid, 63.5, 88.9, 0)  # top-left card: full bleed left and top
    long = back_clip(grid, 63.5, 88.9, 0, "long")
    assert long[0] == pytest.approx(-(front[2] - 63.5 + front[0]))  # left <- front's right
    assert long[1] == pytest.approx(front[1])
    short = back_clip(grid, 63.5, 88.9, 0, "short")
    assert short[0] == pytest.approx(front[0])
    assert short[1] == pytest.approx(-(front[3] - 88.9 + front[1]))  # bottom <- front's top
