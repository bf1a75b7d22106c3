"""Figures in the products: card figure areas, routine thumbnails, the gallery, and user
exercises with an inline figure or none."""

import pypdfium2
import pytest
from conftest import exercise_yaml

from limber.boxes import Circle, Polyline, Rect, TextBox, walk
from limber.catalogue.kinematics import HEAD_R
from limber.catalogue.load import load_catalogue
from limber.errors import DataError
from limber.figure.draw import MM_TO_PT
from limber.layout.card import CardContext, exercise_card, routine_card
from limber.layout.figure_area import figure_items, figure_pen
from limber.products import gallery
from limber.render.pdf import render
from limber.sizes import card_size
from limber.theme import load_theme

CAT = load_catalogue()
FIGURE = """    figure:
      view: side
      props:
        - {kind: floor}
      frames:
        - role: main
          anchor: far_ankle
          trunk: 0
          near: {hip: 125, knee: KNEE, ankle: 15, shoulder: -0.5, elbow: 100}
          far: {shoulder: 19.5, elbow: 79.5}
          touch: {far_ankle: floor, far_toe: floor}
"""


def strokes(items):
    return [b for b, _, _ in walk(items) if isinstance(b, Polyline)]


def test_every_exercise_card_draws_its_figure_in_vector_strokes():
    theme = load_theme("default")
    ctx = CardContext(CAT, theme, 63.5, 88.9, 3)
    for ex in CAT.exercises.values():
        assert ex.figure is not None, ex.id
        front = exercise_card(ctx, ex).front
        lines = strokes(front.items)
        assert len(lines) >= 5, ex.id
        for line in lines:
            for x, y in line.points:
                assert ctx.safe - 0.01 <= x <= ctx.w - ctx.safe + 0.01, ex.id
                assert ctx.safe - 0.01 <= y <= ctx.h - ctx.safe + 0.01, ex.id


@pytest.mark.parametrize("size", ["poker", "a6"])
def test_routine_cards_carry_a_readable_thumbnail_beside_each_exercise_or_none(size):
    ctx = CardContext(CAT, load_theme("default"), *card_size(size), 3)
    for routine in CAT.routines.values():
        card = routine_card(ctx, routine)
        names = [b for b, _, _ in walk(card.front.items) if getattr(b, "field", "").endswith(" name")]
        lines = strokes(card.front.items)
        if not lines:
            continue
        assert len(names) == len(routine.items)
        # Each row runs from its name's top down to the next row's top; its thumbnail is in it.
        tops = [name.y + name.h for name in names]
        for name, top, below in zip(names, tops, tops[1:] + [0.0]):
            beside = [p for line in lines for p in line.points if p[0] < name.x and below < p[1] <= top + 0.5]
            assert beside, name.field
        # Thumbnails are at least 10 mm tall: rows with thumbnails are at least that far apart.
        assert all(a - b >= 10 for a, b in zip(tops, tops[1:])), tops
    with_thumbs = [r for r in CAT.routines.values() if strokes(routine_card(ctx, r).front.items)]
    assert with_thumbs, "short routines have room for thumbnails"
    credit = CardContext(CAT, load_theme("default"), *card_size("credit"), 3)
    assert not strokes(routine_card(credit, CAT.routines["post-run-mobility"]).front.items)


def test_a_user_exercise_without_a_figure_gets_a_placeholder(write_yaml, run):
    path = write_yaml("mine.yaml", "exercises:" + exercise_yaml())
    cat = load_catalogue([path])
    ex = cat.exercises["calf-wall-stretch"]
    assert ex.figure is None
    front = exercise_card(CardContext(cat, load_theme("default"), 63.5, 88.9, 3), ex).front
    assert any(isinstance(b, Rect) and b.dash for b, _, _ in walk(front.items))
    assert (
        "Figure: none (a placeholder is drawn)"
        in run("show", "calf-wall-stretch", "--catalogue", path).output
    )
    assert "Figure: yes" in run("show", "walking-knee-hug").output


def test_a_user_exercise_can_carry_its_own_figure(write_yaml):
    path = write_yaml("mine.yaml", "exercises:" + exercise_yaml() + FIGURE.replace("KNEE", "90"))
    ex = load_catalogue([path]).exercises["calf-wall-stretch"]
    assert ex.figure is not None and ex.figure.frames[0].near.knee == 90


def test_an_impossible_inline_pose_names_file_line_and_field(write_yaml):
    path = write_yaml("mine.yaml", "exercises:" + exercise_yaml() + FIGURE.replace("KNEE", "200"))
    with pytest.raises(DataError) as info:
        load_catalogue([path])
    [problem] = info.value.problems
    assert (problem.file, problem.line) == (str(path), 19)
    assert problem.field == "exercises[0].figure.frames[0].near.knee (id calf-wall-stretch)"
    assert "knee angle 200 deg is beyond the human limit of 0..160" in problem.message


def test_gallery_shows_every_figure_as_vectors(run, tmp_path):
    out = tmp_path / "figures.pdf"
    assert run("gallery", "-o", out).output == f"wrote {out}: 33 exercises (33 with a figure) on 36 pages\n"
    doc = pypdfium2.PdfDocument(str(out))
    # each figure on the contact sheet, at card size, then at poster size
    assert len(list(doc.get_toc())) == 99
    for page in doc:
        kinds = {o.type for o in page.get_objects()}
        assert pypdfium2.raw.FPDF_PAGEOBJ_IMAGE not in kinds
        assert pypdfium2.raw.FPDF_PAGEOBJ_PATH in kinds


def test_gallery_is_byte_identical_across_runs(run, tmp_path):
    first, second = tmp_path / "one.pdf", tmp_path / "two.pdf"
    run("gallery", "-o", first)
    run("gallery", "-o", second)
    assert first.read_bytes() == second.read_bytes()


def test_gallery_pages_hold_names():
    pages, _ = gallery(CAT)
    assert [p.label for p in pages] == ["gallery-contact"] + ["gallery"] * 2 + ["gallery-poster"] * 33
    contact = list(pages[0].bookmarks)
    cards = [name for p in pages[1:3] for name in p.bookmarks]
    posters = [name for p in pages[3:] for name in p.bookmarks]
    assert contact == cards == posters == [ex.name for ex in CAT.exercises.values()]
    assert pages[0].width > pages[0].height  # the contact sheet is landscape
    assert render(pages[:1], _).startswith(b"%PDF")


def _drawn(items):
    """(x0, y0, x1, y1) in mm of the figure's strokes and discs on a page."""
    xs, ys = [], []
    for b, _, _ in walk(items):
        if isinstance(b, Polyline):
            xs += [p[0] for p in b.points]
            ys += [p[1] for p in b.points]
        elif isinstance(b, Circle):
            xs += [b.cx - b.r, b.cx + b.r]
            ys += [b.cy - b.r, b.cy + b.r]
    return min(xs), min(ys), max(xs), max(ys)


def _heads(page, theme):
    """The main heads (solid discs in the ink) on a page."""
    return [b for b, _, _ in walk(page.items) if isinstance(b, Circle) and b.fill == theme.colors.figure_ink]


def _weight(boxes, theme) -> float:
    """A figure's widest stroke over its main head's diameter."""
    head = next(b for b in boxes if isinstance(b, Circle) and b.fill == theme.colors.figure_ink)
    return max(b.width / MM_TO_PT for b in boxes if isinstance(b, Polyline)) / (2 * head.r)


def test_gallery_draws_each_figure_at_card_size_at_poster_size_and_at_one_scale(monkeypatch):
    """The card-size cells draw each figure in the figure area of the reference card, as the
    card does; the poster pages nearly ten times as tall; the contact sheet all at one scale
    (every head the same size); and every set in the figures' one shape."""
    from limber.layout import gallery as layout

    theme = load_theme("default")
    boxes, drawn = [], []

    def recording(real, sized):
        def call(ex, *args):
            out = real(ex, *args)
            if sized:
                boxes.append(tuple(args[2:4]))
            drawn.append(out)
            return out

        return call

    monkeypatch.setattr(layout, "figure_items", recording(layout.figure_items, True))
    monkeypatch.setattr(layout, "figure_items_at", recording(layout.figure_items_at, False))
    pages, _ = gallery(CAT)
    contact, posters = pages[0], pages[3:]
    assert len(drawn) == 3 * 33
    # card size: the figure area of the reference (poker) card, its width less the safe margins
    card_box = (card_size("poker")[0] - 2 * theme.safe, theme.exercise_front.figure)
    assert set(boxes[:33]) == {card_box}
    # poster size: nearly ten times as tall; a standing figure stands 120 mm or more
    assert all(h >= 9 * card_box[1] for _, h in boxes[33:])
    x0, y0, x1, y1 = _drawn(posters[list(CAT.exercises).index("back-twist")].items)
    assert y1 - y0 >= 120
    # the contact sheet: one body unit the same millimetres for every figure
    radii = {round(h.r, 6) for h in _heads(contact, theme)}
    assert len(radii) == 1
    # one shape in every set: the widest stroke the same share of the head
    pen = figure_pen(theme)
    assert {round(_weight(out, theme), 6) for out in drawn} == {round(pen.torso / 13.0, 6)}


def test_gallery_names_are_legible():
    """Names at 9 pt (ids 8 pt) in the card-size cells, 16 pt (ids 14 pt) on the poster
    pages, 8 pt on the contact sheet."""
    pages, _ = gallery(CAT)
    least = {}
    for page in pages:
        for box, _, _ in walk(page.items):
            if isinstance(box, TextBox) and box.field in ("name", "id"):
                key = (page.label, box.field)
                least[key] = min([least.get(key, 99.0)] + [run.size for run in box.runs])
    assert least[("gallery-contact", "name")] >= 8
    assert least[("gallery", "name")] >= 9 and least[("gallery", "id")] >= 8
    assert least[("gallery-poster", "name")] >= 16 and least[("gallery-poster", "id")] >= 12


def test_a_figure_area_of_any_size_draws_the_figure_in_one_shape():
    """A card's figure area at its usual or its smallest height, a thumbnail and a poster-size
    area draw the same figure, only larger or smaller: every stroke keeps its share of the
    head, and the torso is the pen's torso at the scale the body is drawn at."""
    theme = load_theme("default")
    ex = CAT.exercises["back-twist"]
    shapes = set()
    for w, h in ((55, 40), (55, 16), (12, 12), (150, 130)):
        boxes = figure_items(ex, 0, 0, w, h, theme)
        head = next(b for b in boxes if isinstance(b, Circle) and b.fill)
        widths = [b.width / MM_TO_PT for b in boxes if isinstance(b, Polyline)]
        shapes.add(tuple(round(width / (2 * head.r), 6) for width in widths))
        assert max(widths) == pytest.approx(figure_pen(theme).torso * head.r / HEAD_R)
    assert len(shapes) == 1
