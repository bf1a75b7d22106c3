"""Text fitting: wrap, shrink to the floor, fail loudly; never clip or overflow."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from layout_checks import assert_runs_inside

from limber.errors import FitError
from limber.fonts import REGULAR
from limber.layout.text import GlyphError, Style, fit, line_h, width, wrap

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


def test_a_last_line_of_one_word_takes_the_word_before_it():
    text = "Hold 20-30 s each leg"
    limit = width("Hold 20-30 s each", REGULAR, 9) + 0.01  # greedy: "... each" / "leg"
    assert wrap(text, REGULAR, 9, limit) == ["Hold 20-30 s", "each leg"]
    # but never leaves one word above
    assert wrap("Hold each leg", REGULAR, 9, width("Hold each", REGULAR, 9) + 0.01) == ["Hold each", "leg"]


def _greedy(words: list[str], limit: float) -> list[str]:
    """Plain greedy wrapping, the reference the line count is held to."""
    lines: list[str] = []
    for word in words:
        if lines and width(f"{lines[-1]} {word}", REGULAR, 9) <= limit:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines or [""]


@given(
    words=st.lists(
        st.sampled_from(["a", "hold", "each", "stretch", "20-30", "shoulder", "leg"]), max_size=14
    ),
    limit=st.floats(16, 60),  # every word fits a line: none is split
)
def test_wrapping_never_adds_a_line_and_every_line_fits(words, limit):
    lines = wrap(" ".join(words), REGULAR, 9, limit)
    assert len(lines) == len(_greedy(words, limit))
    assert " ".join(lines).split() == words
    assert all(width(line, REGULAR, 9) <= limit + 1e-6 for line in lines)
    if len(lines) >= 2 and len(lines[-1].split()) == 1 and len(lines[-2].split()) >= 3:
        assert width(f"{lines[-2].split()[-1]} {lines[-1]}", REGULAR, 9) > limit  # it could not move
