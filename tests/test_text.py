"""Text fitting: wrap, shrink to the floor, fail loudly; never clip or overflow."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from layout_checks import assert_runs_inside

from limber.errors import FitError
from limber.fonts import REGULAR
from limber.layout.text import GlyphError, Style, fit, line_h, width

STYLE = Style(size=8, min_size=6.5)


def test_short_text_keeps_its_size_and_sits_in_the_box():
    box = fit(["Walk forward at an easy pace"], 4, 10, 55, 10, STYLE, "steps", "walking-knee-hug")
    assert {r.size for r in box.runs} == {8}
    assert_runs_inside(box, 4, 10, 59, 20)


def test_long_text_shrinks_in_small_steps_before_failing():
    text = ["Lift one knee and wrap your hands just below it, then pull it up toward your chest"] * 3
    box = fit(text, 0, 0, 50, 19, STYLE, "steps", "x")
    sizes = {r.size for r in box.runs}
    assert len(sizes) == 1 and 6.5 <= sizes.pop() < 8
    assert_runs_inside(box, 0, 0, 50, 19)


def test_text_that_cannot_fit_names_owner_field_and_overflow():
    with pytest.raises(FitError) as info:
        fit(["word " * 200], 0, 0, 50, 20, STYLE, "steps", "back-twist")
    message = str(info.value)
    assert message.startswith("back-twist: field 'steps' does not fit its box even at 6.5 pt: it needs ")
    needed = float(message.split("it needs ")[1].split(" mm")[0])
    assert message.endswith(f"the box has 20.0 mm ({needed - 20:.1f} mm too much)")


def test_unbreakable_words_are_split_to_the_width():
    word = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 2
    box = fit([word], 0, 0, 20, 40, STYLE, "name", "x")
    assert len(box.runs) > 3
    assert "".join(r.text.rstrip("-") for r in box.runs) == word
    assert_runs_inside(box, 0, 0, 20, 40)


def test_unicode_heavy_text_fits():
    text = ["Étirez le quadriceps — tenez 30 s, puis changez de côté ; ça détend l’aîné."] * 2
    box = fit(text, 0, 0, 45, 30, STYLE, "steps", "x")
    assert_runs_inside(box, 0, 0, 45, 30)


def test_a_character_no_font_has_is_an_error_naming_it():
    with pytest.raises(GlyphError) as info:
        fit(["Breathe 🫁 slowly"], 0, 0, 50, 20, STYLE, "steps", "abdominal-breathing")
    assert str(info.value) == (
        "abdominal-breathing: field 'steps' has a character that no bundled font can draw: '🫁' (U+1FAC1)"
    )


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.text(st.characters(codec="latin-1", categories=["L", "N", "P", "Zs"]), min_size=1, max_size=120),
        min_size=1,
        max_size=5,
    ),
    st.floats(15, 80),
    st.floats(10, 60),
)
def test_fitted_text_never_leaves_its_box(paragraphs, w, h):
    try:
        box = fit(paragraphs, 3, 3, w, h, STYLE, "f", "o")
    except FitError:
        return
    assert_runs_inside(box, 3, 3, 3 + w, 3 + h)


def test_line_height_grows_with_size():
    assert line_h(REGULAR, 12) > line_h(REGULAR, 8) > 0
    assert width("abc", REGULAR, 16) == pytest.approx(2 * width("abc", REGULAR, 8))
