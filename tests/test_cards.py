"""Card layout: every text box inside the safe zone, QR modules big enough, bands in the bleed."""

import pytest
from layout_checks import assert_runs_inside, text_boxes

from limber.boxes import Qr, Rect, walk
from limber.catalogue.load import load_catalogue
from limber.errors import FitError
from limber.layout.card import CardContext, exercise_card, routine_card
from limber.products import card_pages
from limber.sizes import card_size
from limber.theme import load_theme

CAT = load_catalogue()
THEMES = ["default", "ink-saver", "large-print"]


def context(theme_name, size=None, kind="exercise"):
    theme = load_theme(theme_name)
    w, h = card_size(size or theme.sizes[kind])
    return CardContext(CAT, theme, w, h, theme.bleed)


def assert_face_safe(face, ctx):
    s = ctx.safe
    boxes = text_boxes(face.items)
    assert boxes
    for box, _, _ in boxes:
        assert_runs_inside(box, s, s, ctx.w - s, ctx.h - s)
    for box, _, _ in walk(face.items):
        if isinstance(box, Qr):
            assert box.module >= 0.4
            dark_x0 = box.x + box.quiet * box.module
            dark_y0 = box.y + box.quiet * box.module
            assert dark_x0 >= s - 1e-6 and dark_y0 >= s - 1e-6
            assert dark_x0 + len(box.modules) * box.module <= ctx.w - s + 1e-6


@pytest.mark.parametrize("theme", THEMES)
def test_every_exercise_card_keeps_text_in_the_safe_zone(theme):
    ctx = context(theme)
    for ex in CAT.exercises.values():
        card = exercise_card(ctx, ex, (1, 33))
        assert_face_safe(card.front, ctx)
        assert_face_safe(card.back, ctx)


@pytest.mark.parametrize("theme", THEMES)
def test_every_routine_card_keeps_text_in_the_safe_zone(theme):
    for routine in CAT.routines.values():
        pages, _ = card_pages(CAT, routine, theme)
        trim = pages[0].trim
        ctx = context(theme, f"{trim[2] - trim[0]:.2f}x{trim[3] - trim[1]:.2f}", "routine")
        card = routine_card(ctx, routine)
        assert_face_safe(card.front, ctx)
        assert_face_safe(card.back, ctx)


def test_large_print_body_text_is_at_least_12_pt():
    ctx = context("large-print")
    for ex in list(CAT.exercises.values())[:10]:
        card = exercise_card(ctx, ex)
        sizes = [r.size for box, _, _ in text_boxes(card.front.items + card.back.items) for r in box.runs]
        assert min(sizes) >= 12


def test_default_body_text_never_below_6_5_pt():
    ctx = context("default")
    for ex in CAT.exercises.values():
        card = exercise_card(ctx, ex)
        assert (
            min(r.size for b, _, _ in text_boxes(card.front.items + card.back.items) for r in b.runs) >= 6.5
        )


def test_band_and_background_run_into_the_bleed():
    ctx = context("default")
    card = exercise_card(ctx, CAT.exercises["ankle-bounce"])
    rects = [b for b, _, _ in walk(card.front.items) if isinstance(b, Rect) and b.fill]
    background, band = rects[0], rects[1]
    assert (background.x, background.y) == (-3, -3)
    assert background.w == pytest.approx(ctx.w + 6) and background.h == pytest.approx(ctx.h + 6)
    assert band.x == -3 and band.y + band.h == pytest.approx(ctx.h + 3)


def test_ink_saver_has_no_solid_fills_but_the_paper():
    ctx = context("ink-saver")
    card = exercise_card(ctx, CAT.exercises["ankle-bounce"])
    fills = {b.fill for b, _, _ in walk(card.front.items + card.back.items) if isinstance(b, Rect) and b.fill}
    assert fills == {"#ffffff"}


def test_front_shows_name_dose_and_numbered_steps():
    ctx = context("default")
    ex = CAT.exercises["hip-spine-rotation"]
    card = exercise_card(ctx, ex)
    texts = {b.field: " ".join(r.text for r in b.runs) for b, _, _ in text_boxes(card.front.items)}
    assert texts["name"] == ex.name
    assert texts["dose"] == "8 reps each side"
    assert texts["steps"].startswith("1. ")
    assert f"{len(ex.steps)}." in texts["steps"]


def test_back_carries_card_number_and_qr_to_the_video_and_the_front_the_equipment():
    ctx = context("default")
    ex = CAT.exercises["hanging-twist"]
    card = exercise_card(ctx, ex, (7, 12))
    texts = " ".join(r.text for b, _, _ in text_boxes(card.back.items) for r in b.runs)
    assert "Card 7 of 12" in texts and "Avoid" in texts
    fields = {b.field: " ".join(r.text for r in b.runs) for b, _, _ in text_boxes(card.front.items)}
    assert fields["kind"].startswith("7 of 12 | ") and "chin up bar" in fields["kind"]
    [qr] = [b for b, _, _ in walk(card.back.items) if isinstance(b, Qr)]
    assert qr.url == CAT.video_url(ex)


def _long_routine(write_yaml):
    from conftest import long_routine_yaml

    path = write_yaml("long.yaml", long_routine_yaml(list(CAT.exercises)[:30]))
    cat = load_catalogue([path])
    return cat, cat.routines["every-move"]


def test_routine_card_rows_continue_on_the_back(write_yaml):
    cat, routine = _long_routine(write_yaml)
    theme = load_theme("default")
    card = routine_card(CardContext(cat, theme, *card_size("a6"), 3), routine)
    front = [b.field for b, _, _ in text_boxes(card.front.items) if b.field.endswith(" name")]
    back = [b.field for b, _, _ in text_boxes(card.back.items) if b.field.endswith(" name")]
    assert front + back == [f"items[{i}] name" for i in range(30)]
    assert back, "an A6 card cannot hold thirty rows on its front"
    [more] = [b for b, _, _ in text_boxes(card.front.items) if b.field == "continued"]
    assert "".join(r.text for r in more.runs) == f"{len(front) + 1}-30 continue on the back \u203a"
    lowest_row = min(b.y for b, _, _ in text_boxes(card.front.items) if b.field.startswith("items["))
    assert more.y + more.h <= lowest_row + 1e-6  # below the last row, not over it


@pytest.mark.parametrize("size", ["credit", "poker", "a7"])
@pytest.mark.parametrize("routine", sorted(CAT.routines))
def test_the_front_says_when_the_list_goes_on_overleaf(routine, size):
    card = routine_card(context("default", size, "routine"), CAT.routines[routine])
    front = [b for b, _, _ in text_boxes(card.front.items) if b.field.endswith(" name")]
    back = [b for b, _, _ in text_boxes(card.back.items) if b.field.endswith(" name")]
    said = [b for b, _, _ in text_boxes(card.front.items) if b.field == "continued"]
    assert bool(said) == bool(back)
    if back:
        assert back[0].field == f"items[{len(front)}] name"


def test_a_routine_too_long_for_an_asked_size_fails_with_a_clear_message(write_yaml):
    cat, routine = _long_routine(write_yaml)
    with pytest.raises(
        FitError,
        match=r"^every-move: field 'items' does not fit on the two sides of a 85.6 x 53.98 "
        r"mm card \(\d+ of 30 rows left over\); choose a larger --size$",
    ):
        card_pages(cat, routine, size="credit")


def test_a_routine_too_long_for_the_default_moves_to_a_larger_card(write_yaml):
    cat, routine = _long_routine(write_yaml)
    pages, _ = card_pages(cat, routine)
    trim = pages[0].trim
    assert (trim[2] - trim[0]) * (trim[3] - trim[1]) > 85.6 * 53.98


def test_too_much_text_on_an_exercise_card_names_the_field(write_yaml):
    from conftest import exercise_yaml

    long_steps = (
        "[" + ", ".join(["Keep going with a very long step that will not fit on any small card"] * 8) + "]"
    )
    path = write_yaml(
        "long.yaml",
        "exercises:"
        + exercise_yaml().replace("[Stand facing a wall, Step one foot back, Lean in]", long_steps),
    )
    cat = load_catalogue([path])
    ctx = CardContext(cat, load_theme("default"), 57.15, 88.9, 3)
    with pytest.raises(
        FitError, match=r"^calf-wall-stretch: field 'steps' does not fit its box even at 8 pt: "
    ):
        exercise_card(ctx, cat.exercises["calf-wall-stretch"])
