"""The typed model: counts, doses and their labels, URLs."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from limber.catalogue.model import Count, Dose, Exercise, parse_count
from limber.catalogue.rules import adapter, dump


def _dose(**fields):
    return adapter(Dose).validate_python(fields)


@pytest.mark.parametrize("raw, low, high", [(8, 8, 8), ("8", 8, 8), ("12-16", 12, 16), (" 30 - 60 ", 30, 60)])
def test_counts_read_numbers_and_ranges(raw, low, high):
    assert parse_count(raw) == Count(low=low, high=high)


@pytest.mark.parametrize(
    "raw, text",
    [
        ("16-12", "malformed range '16-12': the first number must not exceed the second"),
        ("ten", "expected a whole number or a range such as 12-16, found 'ten'"),
        ("5-", "expected a whole number or a range such as 12-16, found '5-'"),
        (0, "expected a count of at least 1, found 0"),
        (True, "expected a whole number or a range such as 12-16, found True"),
    ],
)
def test_bad_counts_say_what_was_found(raw, text):
    with pytest.raises(ValueError) as info:
        parse_count(raw)
    assert str(info.value) == text


@given(st.integers(1, 500), st.integers(0, 500))
def test_range_round_trips_through_text(low, span):
    count = parse_count(f"{low}-{low + span}")
    assert (count.low, count.high) == (low, low + span)
    assert parse_count(str(count)) == count


@pytest.mark.parametrize(
    "dose, label",
    [
        (dict(hold_s=30, sets=2, per_side=True), "Hold 30 s x 2 each side"),
        (dict(reps=10, per_side=True, side="leg"), "10 reps each leg"),
        (dict(time_s=20), "20 s"),
        (dict(reps="15-20"), "15-20 reps"),
    ],
)
def test_dose_labels_read_at_a_glance(dose, label):
    assert _dose(**dose).label() == label


def test_dose_needs_exactly_one_measure():
    with pytest.raises(
        ValidationError, match=r"exactly one of reps, hold_s or time_s \(found reps, hold_s\)"
    ):
        _dose(reps=3, hold_s=3)
    with pytest.raises(ValidationError, match=r"\(found none\)"):
        _dose(sets=2)


def test_dose_serialises_counts_as_written():
    assert dump(_dose(reps="12-16"))["reps"] == "12-16"
    assert dump(_dose(reps=5))["reps"] == 5


def test_models_are_immutable():
    dose = _dose(reps=5)
    with pytest.raises(AttributeError):
        dose.sets = 3


def _exercise(**changes):
    base = dict(
        id="a-b",
        name="A b",
        kind="stretch",
        phases=["post-run"],
        areas=["calves"],
        benefits=["x"],
        steps=["y"],
        cues={"do": ["z"]},
        dose={"reps": 3},
    )
    base.update(changes)
    return adapter(Exercise).validate_python(base)


@pytest.mark.parametrize(
    "url", ["ftp://example.org/x", "javascript:alert(1)", "example.org/video", "https://"]
)
def test_video_must_be_http(url):
    with pytest.raises(ValidationError, match="expected an http:// or https:// URL"):
        _exercise(video=url)


def test_unknown_enum_values_are_rejected():
    with pytest.raises(ValidationError):
        _exercise(kind="yoga")
    with pytest.raises(ValidationError):
        _exercise(areas=["elbows"])


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"exclude_none": True},
        {"exclude_none": True, "exclude_defaults": True},
        {"exclude": {"figure", "pairs_with"}},
    ],
)
def test_dump_gives_what_pydantic_gives_for_every_item_and_figure(options):
    """``dump`` works without loading pydantic; its JSON form is pydantic's, field for field."""
    from limber.catalogue.load import load_catalogue
    from limber.catalogue.model import Routine
    from limber.catalogue.pose import FigureSpec

    catalogue = load_catalogue()
    items = [
        *catalogue.exercises.values(),
        *catalogue.routines.values(),
        *(ex.figure for ex in catalogue.exercises.values() if ex.figure is not None),
    ]
    assert len(items) > 60 and {type(i) for i in items} == {Exercise, Routine, FigureSpec}
    for item in items:
        given = {k: v for k, v in options.items() if k != "exclude" or not isinstance(item, FigureSpec)}
        assert dump(item, **given) == adapter(type(item)).dump_python(item, mode="json", **given), item
