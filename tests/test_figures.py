"""Exercise figures: every bundled figure holds its contacts, stays within human joint limits,
keeps its segment lengths and its box; bad figure files fail with file:line and field."""

from __future__ import annotations

import math
import re

import pytest

from limber.boxes import Circle, Line, Polyline, Rect
from limber.catalogue.contacts import bodies
from limber.catalogue.figures import builtin_figures, load_figures
from limber.catalogue.kinematics import lengths
from limber.catalogue.load import load_catalogue
from limber.catalogue.model import Exercise
from limber.catalogue.pose import LIMB_JOINTS, LIMITS, SIDES, Figure, figure_from_data
from limber.catalogue.rules import adapter, dump, replace
from limber.catalogue.yamlpos import read_yaml
from limber.errors import DataError
from limber.figure import (
    DEFAULT_COLORS,
    FigureColors,
    Pen,
    check_figure,
    contact_gaps,
    exercise_figure,
    figure_boxes,
    placeholder,
)
from limber.figure.draw import MM_TO_PT, _standing
from limber.resources import data_dir

FIGURES = builtin_figures()
FIGURE = adapter(Figure)  # validates a figure in its view, as the files are
IDS = sorted(FIGURES)
SIZES = [(50.0, 35.0), (20.0, 20.0)]
VECTOR = (Polyline, Circle, Line, Rect)


def _extent(box) -> tuple[float, float, float, float]:
    """The area a box paints, strokes included (mm)."""
    if isinstance(box, Polyline):
        half = box.width / MM_TO_PT / 2
        xs = [p[0] for p in box.points]
        ys = [p[1] for p in box.points]
        return min(xs) - half, min(ys) - half, max(xs) + half, max(ys) + half
    if isinstance(box, Circle):
        reach = box.r + box.width / MM_TO_PT / 2
        return box.cx - reach, box.cy - reach, box.cx + reach, box.cy + reach
    if isinstance(box, Line):  # butt caps: only the width sticks out across the line
        half = box.width / MM_TO_PT / 2
        return (
            min(box.x1, box.x2),
            min(box.y1, box.y2) - half,
            max(box.x1, box.x2),
            max(box.y1, box.y2) + half,
        )
    half = box.width / MM_TO_PT / 2
    return box.x - half, box.y - half, box.x + box.w + half, box.y + box.h + half


def _inside(boxes, x, y, w, h, slack=1e-6) -> list:
    out = []
    for box in boxes:
        x0, y0, x1, y1 = _extent(box)
        if x0 < x - slack or y0 < y - slack or x1 > x + w + slack or y1 > y + h + slack:
            out.append(box)
    return out


def test_every_exercise_has_a_figure_and_every_figure_an_exercise():
    exercises = load_catalogue().exercises
    assert len(exercises) == 33
    assert set(FIGURES) == set(exercises)


@pytest.mark.parametrize("fid", IDS)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]:g}x{s[1]:g}")
def test_contacts_hold_within_1mm(fid, size):
    spec = FIGURES[fid]
    gaps = contact_gaps(spec, *size)
    assert gaps, f"{fid} declares no contacts"
    loose = [(i, point, target, round(gap, 2)) for i, point, target, gap in gaps if gap > 1.0]
    assert not loose
    assert check_figure(spec, *size) == []


@pytest.mark.parametrize("fid", IDS)
def test_joint_angles_within_human_limits(fid):
    spec = FIGURES[fid]
    for frame in spec.frames:
        view = frame.seen(spec.view.value)
        for joint in ("spine", "neck"):
            low, high = LIMITS[view][joint]
            assert low <= getattr(frame, joint) <= high
        for side in SIDES[view]:
            limb = frame.limb(side)
            for joint in LIMB_JOINTS:
                low, high = LIMITS[view][joint]
                assert low <= getattr(limb, joint) <= high, (fid, side, joint)


@pytest.mark.parametrize("fid", IDS)
def test_segments_keep_their_lengths(fid):
    spec = FIGURES[fid]
    for body in bodies(spec):
        for (a, b), length in lengths(body.view).items():
            assert math.dist(body[a], body[b]) == pytest.approx(length, abs=1e-6), (fid, a, b)


@pytest.mark.parametrize("fid", IDS)
@pytest.mark.parametrize(
    "box", [(10.0, 20.0, 50.0, 35.0), (3.0, 4.0, 20.0, 20.0), (0.0, 0.0, 14.0, 14.0), (5.0, 5.0, 30.0, 60.0)]
)
def test_boxes_are_vector_and_inside_the_box(fid, box):
    boxes = figure_boxes(FIGURES[fid], *box, DEFAULT_COLORS)
    assert boxes and all(isinstance(b, VECTOR) for b in boxes)
    assert _inside(boxes, *box) == []
    # the figure fills its box: it reaches both sides of at least one direction
    x, y, w, h = box
    extents = [_extent(b) for b in boxes]
    across = [_extent(b) for b in boxes if not isinstance(b, Line)]  # a floor spans the box anyway
    x0, x1 = min(e[0] for e in across), max(e[2] for e in across)
    y0, y1 = min(e[1] for e in extents), max(e[3] for e in extents)
    margin = 0.05 * min(w, h)
    fills = (x0 - x < margin and x + w - x1 < margin) or (y0 - y < margin and y + h - y1 < margin)
    # ... whatever its pose and the box's size: no largest scale holds a figure back
    assert fills, (fid, [round(v, 2) for v in (x0 - x, x + w - x1, y0 - y, y + h - y1)])
    assert y0 - y < margin  # and it stands on the box's foot


@pytest.mark.parametrize("fid", IDS)
def test_nothing_sinks_below_the_floor(fid):
    spec = FIGURES[fid]
    if not any(p.kind == "floor" for p in spec.props):
        return
    for body in bodies(spec):
        sunk = {
            name: round(y, 2)
            for name, (x, y) in body.points.items()
            if y < -0.5 and name not in ("belly", "lower_back", "nose")
        }
        assert not sunk, f"{fid}: {sunk}"


def test_figures_differ_from_each_other():
    shapes = {}
    for fid, spec in FIGURES.items():
        key = tuple(
            tuple(round(c, 1) for p in sorted(body.points.values()) for c in p) for body in bodies(spec)
        )
        assert key not in shapes, f"{fid} draws the same as {shapes.get(key)}"
        shapes[key] = fid


def test_required_scenes():
    """The scenes the issue names: bar, wall, mat, hands on the back and the belly."""

    def touches(fid, point, target):
        return any(t.get(point) == target for t in (f.touch for f in FIGURES[fid].frames))

    assert touches("hanging-twist", "left_hand", "bar") and touches("hanging-twist", "right_hand", "bar")
    assert touches("knee-to-wall-ankle", "near_knee", "wall")
    assert touches("wall-slide", "neck", "wall")
    assert touches("lumbar-rub", "near_wrist", "lower_back")
    assert touches("abdominal-breathing", "far_hand", "belly") and touches(
        "abdominal-breathing", "near_wrist", "chest"
    )
    assert touches("bridge-roll-up", "neck", "mat")
    assert touches("forward-hip-swing", "far_hand", "pole")
    assert touches("sideways-hip-swing", "left_hand", "pole") and touches(
        "sideways-hip-swing", "right_hand", "pole"
    )


def test_far_limbs_lighter_and_colours_are_parameters():
    ink_saver = FigureColors(
        ink="#000000", far="#777777", ghost="#666666", prop="#555555", accent="#333333", head=None
    )
    boxes = figure_boxes(FIGURES["forward-hip-swing"], 0, 0, 50, 35, ink_saver)
    colours = {b.color for b in boxes if isinstance(b, (Polyline, Line))} | {
        b.stroke for b in boxes if isinstance(b, (Circle, Rect))
    }
    assert colours <= {"#000000", "#777777", "#666666", "#555555", "#333333"}
    assert {"#000000", "#777777", "#666666", "#555555", "#333333"} <= colours
    assert not any(getattr(b, "fill", None) for b in boxes)  # ink saver: no fills
    # strokes follow the body as drawn: a box twice as large draws the figure twice as large,
    # every stroke and the head with it, so the figure keeps its shape
    small = figure_boxes(FIGURES["back-twist"], 0, 0, 40, 40)
    large = figure_boxes(FIGURES["back-twist"], 0, 0, 80, 80)
    assert [type(b) for b in large] == [type(b) for b in small]
    for a, b in zip(small, large):
        if isinstance(a, Polyline):
            assert b.width == pytest.approx(2 * a.width)
        elif isinstance(a, Circle):
            assert (b.r, b.width) == pytest.approx((2 * a.r, 2 * a.width))
    pen = Pen()
    assert pen.torso > pen.limb > pen.ghost


def test_theme_colours_and_filled_head():
    colors = FigureColors.from_mapping(
        {
            "figure_ink": "#111111",
            "figure_far": "#222222",
            "figure_ghost": "#333333",
            "figure_prop": "#444444",
            "figure_accent": "#555555",
        },
        fills=True,
    )
    heads = [b for b in figure_boxes(FIGURES["back-arch"], 0, 0, 50, 35, colors) if isinstance(b, Circle)]
    assert any(b.fill == "#111111" for b in heads)


def test_loose_contact_is_reported():
    data = dump(FIGURES["knee-to-wall-ankle"])
    data["props"][1]["x"] = [40.0]  # move the wall away from the knee
    # the load stage refuses it ...
    with pytest.raises(ValueError) as caught:
        FIGURE.validate_python(data)
    error = next(e for e in caught.value.errors() if e["loc"] == ("frames", 1, "touch", "near_knee"))
    assert re.fullmatch(
        r"Value error, near_knee should touch wall but is \d+\.\d\d mm away in a 55 x 26 mm figure",
        error["msg"],
    )
    # ... and the drawing check, which a tool searching for a pose may use, reports it at any size
    loose = FIGURE.validate_python(data, context={"loose_contacts": True})
    problems = check_figure(loose, 50, 35)
    assert any("near_knee should touch wall" in p for p in problems)


def test_joint_beyond_limit_is_rejected_with_a_clear_message():
    with pytest.raises(ValueError, match=r"knee angle 200 deg is beyond the human limit of 0..160"):
        FIGURE.validate_python({"view": "side", "frames": [{"anchor": "near_ankle", "near": {"knee": 200}}]})


def test_bad_figure_file_names_file_line_and_field(tmp_path):
    (tmp_path / "good-one.yaml").write_text(
        "figure:\n  view: side\n  frames:\n    - anchor: near_ankle\n", encoding="utf-8"
    )
    bad = tmp_path / "bad-one.yaml"
    bad.write_text(
        "figure:\n"
        "  view: side\n"
        "  frames:\n"
        "    - anchor: near_ankle\n"
        "      near: {hip: 10, knee: 200}\n"
        "      elbo: 3\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as caught:
        load_figures(tmp_path)
    problems = {p.field: p for p in caught.value.problems}
    knee = problems["figure.frames[0].near.knee"]
    assert knee.file.endswith("bad-one.yaml") and knee.line == 5
    assert "beyond the human limit of 0..160" in knee.message
    extra = problems["figure.frames[0].elbo"]
    assert extra.line == 6 and extra.message == "unknown key"
    assert "bad-one.yaml:5" in str(caught.value)


def test_inline_figure_errors_point_into_the_catalogue_file(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(
        "exercises:\n  - id: my-move\n    figure:\n      view: side\n      frames:\n        - anchor: nose\n",
        encoding="utf-8",
    )
    data, pos = read_yaml(path)
    with pytest.raises(DataError) as caught:
        figure_from_data(data["exercises"][0]["figure"], pos, ("exercises", 0, "figure"))
    problem = caught.value.problems[0]
    assert problem.line == 6 and problem.field == "exercises[0].figure.frames[0]"
    assert "unknown body point 'nose'" in problem.message


def _exercise(**extra) -> Exercise:
    return adapter(Exercise).validate_python(
        dict(
            id="my-move",
            name="My move",
            kind="mobility",
            phases=["anytime"],
            areas=["hips"],
            benefits=["Feels good"],
            steps=["Move"],
            cues={"do": ["Breathe"]},
            dose={"reps": 5},
            **extra,
        )
    )


def test_the_placeholder_pose_is_built_valid_without_validation():
    standing = _standing()
    assert FIGURE.validate_python(dump(standing)) == standing
    assert standing.view.value == "front" and standing.frames[0].left.shoulder == 18


def test_exercise_without_figure_gets_the_placeholder():
    boxes = exercise_figure(_exercise(), 2, 3, 40, 30, DEFAULT_COLORS, FIGURES)
    assert boxes == placeholder(2, 3, 40, 30, DEFAULT_COLORS)
    assert isinstance(boxes[0], Rect) and boxes[0].radius > 0  # a rounded frame ...
    assert any(isinstance(b, Circle) for b in boxes)  # ... with a figure in it
    assert _inside(boxes, 2, 3, 40, 30) == []
    assert {b.color for b in boxes if isinstance(b, Polyline)} == {DEFAULT_COLORS.ghost}


def test_inline_figure_on_a_user_exercise_is_drawn():
    inline = dump(FIGURES["squat-to-stand"])
    boxes = exercise_figure(_exercise(figure=inline), 0, 0, 50, 35, DEFAULT_COLORS, FIGURES)
    assert boxes == figure_boxes(FIGURES["squat-to-stand"], 0, 0, 50, 35, DEFAULT_COLORS)
    bundled = exercise_figure(replace(_exercise(), id="wall-slide"), 0, 0, 50, 35, DEFAULT_COLORS, FIGURES)
    assert bundled == figure_boxes(FIGURES["wall-slide"], 0, 0, 50, 35, DEFAULT_COLORS)


def test_figure_files_are_one_per_exercise_with_top_level_figure():
    files = sorted((data_dir() / "figures").glob("*.yaml"))
    assert len(files) == 33
    for path in files:
        data, _ = read_yaml(path)
        assert list(data) == ["figure"], path.name


def test_a_frame_in_its_own_view_needs_panels():
    data = dump(FIGURES["front-outer-thigh-stretch"])
    data["sequence"] = "overlay"
    with pytest.raises(ValueError, match="frames in another view than the figure's need sequence: panels"):
        FIGURE.validate_python(data)
    # its limbs are named for its own view
    data["sequence"] = "panels"
    data["frames"][0]["left"] = {"hip": 5}
    with pytest.raises(
        ValueError, match="left limbs belong to the other view; a side view uses near and far"
    ):
        FIGURE.validate_python(data)


LYING_TURN = {  # lying on the back, knees at 90 degrees, turning side to side (seen from the side)
    "view": "side",
    "props": [{"kind": "floor"}, {"kind": "mat", "x": [-50, 30], "thickness": 2}],
    "frames": [
        {
            "role": "main",
            "anchor": "pelvis",
            "at": [0, 2],
            "trunk": -90,
            "neck": 38,
            "near": {"hip": 90, "knee": 90, "ankle": -10, "shoulder": 0, "elbow": 0},
            "far": {"hip": 90, "knee": 90, "ankle": -10, "shoulder": 0, "elbow": 0},
            "touch": {"pelvis": "mat", "neck": "mat", "near_hand": "mat", "far_hand": "mat"},
        }
    ],
    "arrows": [
        {
            "kind": "turn",
            "point": "near_knee",
            "axis": "across",
            "radius": 13,
            "offset": [0, -6],
            "both": True,
        }
    ],
}


def test_a_turn_across_a_lying_body_stands_upright():
    spec = FIGURE.validate_python(LYING_TURN)
    [arrow] = spec.arrows
    assert arrow.axis == "across"
    turn = [
        b
        for b in figure_boxes(spec, 0, 0, 50, 35)
        if isinstance(b, Polyline) and b.color == DEFAULT_COLORS.accent
    ]
    xs = [p[0] for p in turn[0].points]
    ys = [p[1] for p in turn[0].points]
    assert max(ys) - min(ys) > 2.5 * (max(xs) - min(xs))  # taller than wide
