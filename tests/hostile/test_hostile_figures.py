"""Hostile figure data: infinite, not-a-number and huge numbers in poses and props, and contacts
that do not touch, are refused with file:line and field; nothing hangs or draws outside its box."""

from __future__ import annotations

import math

import pytest
from conftest import exercise_yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from limber.catalogue.figures import load_figures
from limber.catalogue.load import load_catalogue
from limber.catalogue.pose import REACH, Figure
from limber.catalogue.rules import adapter
from limber.errors import DataError
from limber.figure import figure_boxes

WALL = """figure:
  view: side
  props:
    - {kind: floor}
    - {kind: wall, x: [30], top: TOP}
  frames:
    - anchor: near_ankle
      near: {shoulder: 90}
      touch: {near_ankle: floor}
"""


def _problems(tmp_path, text: str):
    (tmp_path / "my-move.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_figures(tmp_path)
    return caught.value.problems


@pytest.mark.parametrize(
    "value, message",
    [
        # pydantic words the refusal of a non-finite number; limber adds the value it found
        (".inf", ", found inf"),
        ("-.inf", ", found -inf"),
        (".nan", ", found nan"),
        ("1e300", "1e+300 is out of range: positions and sizes stay within -1000..1000 body units"),
    ],
)
def test_a_wall_must_have_a_finite_bounded_top(tmp_path, value, message):
    [problem] = _problems(tmp_path, WALL.replace("TOP", value))
    assert problem.file.endswith("my-move.yaml") and problem.line == 5
    assert problem.field == "figure.props[1].top"
    assert message in problem.message


@pytest.mark.parametrize(
    "old, new, line, field",
    [
        ("x: [30]", "x: [.nan]", 5, "figure.props[1].x[0]"),
        ("x: [30]", "x: [-5000]", 5, "figure.props[1].x"),
        ("{kind: floor}", "{kind: mat, x: [0, 1e9]}", 4, "figure.props[0].x"),
        ("{kind: floor}", "{kind: mat, x: [0, 9], thickness: .inf}", 4, "figure.props[0].thickness"),
        ("{kind: floor}", "{kind: chair, x: [-9, 9], seat: .nan, top: 40}", 4, "figure.props[0].seat"),
        ("{kind: floor}", "{kind: bar, x: [0], y: [1e12]}", 4, "figure.props[0].y"),
        ("near: {shoulder: 90}", "near: {shoulder: .nan}", 8, "figure.frames[0].near.shoulder"),
        ("near: {shoulder: 90}", "near: {knee: .inf}", 8, "figure.frames[0].near.knee"),
        ("anchor: near_ankle", "anchor: near_ankle\n      at: [.inf, 0]", 8, "figure.frames[0].at[0]"),
        ("anchor: near_ankle", "anchor: near_ankle\n      trunk: .nan", 8, "figure.frames[0].trunk"),
    ],
)
def test_every_number_of_a_figure_is_finite_and_bounded(tmp_path, old, new, line, field):
    problems = _problems(tmp_path, WALL.replace("TOP", "100").replace(old, new))
    assert [(p.line, p.field) for p in problems] == [(line, field)], problems


@pytest.mark.parametrize("value, found", [("[side]", "a list"), ("{side: 1}", "a mapping"), ("7", "7")])
@pytest.mark.parametrize("where", ["figure", "frame"])
def test_a_view_that_is_not_a_name_is_refused_at_its_line(tmp_path, value, found, where):
    if where == "figure":
        text, line, field = WALL.replace("view: side", f"view: {value}"), 2, "figure.view"
    else:
        text = WALL.replace("      near:", f"      view: {value}\n      near:")
        line, field = 8, "figure.frames[0].view"
    problems = _problems(tmp_path, text.replace("TOP", "100"))
    assert [(p.line, p.field) for p in problems] == [(line, field)], problems
    assert problems[0].message == f"expected one of 'side' or 'front', found {found}"


def test_arrows_refuse_endless_vectors_and_offsets(tmp_path):
    text = WALL.replace("TOP", "100") + (
        "  arrows:\n"
        "    - {kind: line, point: head, vector: [.inf, 0]}\n"
        "    - {kind: circle, point: head, offset: [0, 1e99]}\n"
    )
    problems = _problems(tmp_path, text)
    assert [(p.line, p.field) for p in problems] == [
        (11, "figure.arrows[0].vector[0]"),
        (12, "figure.arrows[1].offset"),
    ]


INLINE = """    figure:
      view: side
      props:
        - {kind: floor}
        - {kind: wall, x: [WALL], top: 110}
      frames:
        - anchor: near_ankle
          near: {shoulder: 80}
          touch: {near_ankle: floor, near_hand: wall}
"""


def test_an_inline_contact_far_from_its_prop_is_refused_at_load_time(write_yaml):
    path = write_yaml("mine.yaml", "exercises:" + exercise_yaml() + INLINE.replace("WALL", "1000"))
    with pytest.raises(DataError) as caught:
        load_catalogue([path])
    [problem] = caught.value.problems
    assert (problem.file, problem.line) == (str(path), 19)  # the touch line
    assert problem.field == "exercises[0].figure.frames[0].touch.near_hand (id calf-wall-stretch)"
    assert problem.message.startswith("near_hand should touch wall but is ")
    assert problem.message.endswith(" mm away in a 55 x 26 mm figure")


def test_an_inline_contact_that_touches_loads(write_yaml):
    # the hand of an arm raised to 80 degrees reaches 37.4 units ahead of the ankle
    reach = 38 * math.sin(math.radians(80))
    path = write_yaml("mine.yaml", "exercises:" + exercise_yaml() + INLINE.replace("WALL", f"{reach:.2f}"))
    ex = load_catalogue([path]).exercises["calf-wall-stretch"]
    assert ex.figure is not None and ex.figure.props[1].x == [round(reach, 2)]


numbers = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-(10**12), 10**12))


@settings(max_examples=80, deadline=None)
@given(top=numbers, x=numbers, at=numbers, knee=numbers, radius=numbers)
def test_any_numbers_validate_or_are_refused_and_never_draw_outside(top, x, at, knee, radius):
    data = {
        "view": "side",
        "props": [{"kind": "floor"}, {"kind": "wall", "x": [x], "top": top}],
        "frames": [
            {"anchor": "near_ankle", "at": [at, 0], "near": {"knee": knee}, "touch": {"near_ankle": "floor"}}
        ],
        "arrows": [{"kind": "circle", "point": "near_knee", "radius": radius}],
    }
    try:
        spec = adapter(Figure).validate_python(data)
    except ValueError:
        return
    assert all(abs(v) <= REACH for v in (top, x, at))
    for box in figure_boxes(spec, 0, 0, 50, 35):
        for px, py in getattr(box, "points", ()):
            assert -0.01 <= px <= 50.01 and -0.01 <= py <= 35.01
