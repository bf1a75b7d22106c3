"""The pictogram style across the whole set: stroke tones that print (3:1 or more against the
paper), one pen in body units for every figure, so that a figure has the same proportions at
every size, a torso thicker than the limbs, a solid head clear of the torso, a facing cue,
start and end stages that both print, and no two figures that are near-duplicates of each
other at card size."""

from __future__ import annotations

import itertools
import math

import pytest
from figure_ink import CARD, likeness, silhouette

from limber.boxes import Circle, Line, Polyline, Rect
from limber.catalogue.contacts import bodies
from limber.catalogue.figures import builtin_figures
from limber.catalogue.kinematics import HEAD_R, NOSE
from limber.catalogue.load import load_catalogue
from limber.catalogue.pose import Figure
from limber.catalogue.rules import adapter
from limber.contrast import contrast
from limber.figure import FigureColors, Pen, check_figure, figure_boxes
from limber.figure.draw import MARGIN, MM_TO_PT, painted, placed
from limber.layout.figure_area import LARGE_PRINT, figure_items, figure_pen
from limber.theme import load_theme

FIGURES = builtin_figures()
CAT = load_catalogue()
THEMES = ["default", "ink-saver", "large-print"]

# Near-duplicates (see figure_ink.silhouette and .likeness): each figure is drawn at card size
# with its own pen, each panel of a panels figure on its own, floor lines left out; its ink is
# rasterised with its bounding box's longer side spanning 64 cells and blurred by 1.5 cells
# (about half a limb), and two figures are as alike as the blurred overlap (intersection over
# union) of their most alike stages, the better of one and the other's mirror image. Measured
# on the 33 figures as they are before the redraws: median 0.26, 95th percentile 0.40, 99th
# 0.48. The three pairs at 0.52 or more are drawings a runner mixes up (LOOK_ALIKE); the most
# alike pairs below are told apart at a glance (back arch / walking knee hug 0.51: bent back
# against a knee up; hip-spine rotation / seated side pull 0.49), and the old lumbar rub and
# abdominal breathing, which were the same standing figure with a hand moved, score 0.54.
# What the check cannot see: figures whose outlines differ but whose movements read alike
# (lying knee twist / hip-spine rotation 0.28, knee-to-wall ankle drill / ankle bounce 0.36,
# back arch / forward and backward bend 0.23), or a figure that reads as another movement
# than its own (the hamstring and calf stretch as a kneeling lunge: 0.31 at most to any).
NEAR_DUPLICATE = 0.52
# Pairs at NEAR_DUPLICATE or more on today's figures, known and waiting for a redraw: the first
# stage of the walking spiderman is the push-up leg stretch's lunge, its second stage
# (standing, the knee raised) is the walking quad pull's first, and that pull's second stage
# (a heel to the seat) is the walking butt kick. Take a pair out once a redraw sets it apart:
# the test fails while a pair listed here is no longer alike, so that the list does not
# outlive the problem (and retune NEAR_DUPLICATE from the pairs the failure prints).
# After the first redraws the spiderman and the push-up leg stretch come apart (0.515), while the
# forward and backward bend's two stages now match the squat to stand's fold (0.70) and the back
# arch's bend (0.56): both exercises do share those stages, so a redraw should set the whole
# drawings apart (or the check should weigh whole drawings as well as stages).
LOOK_ALIKE = {
    ("forward-backward-bend", "squat-to-stand"),
    ("back-arch", "forward-backward-bend"),
    ("walking-quad-pull", "walking-spiderman"),
    ("walking-butt-kick", "walking-quad-pull"),
}


def _tones(boxes) -> set[str]:
    out = set()
    for b in boxes:
        if isinstance(b, (Polyline, Line)):
            out.add(b.color)
        elif isinstance(b, (Circle, Rect)):
            out |= {c for c in (b.stroke, b.fill) if c}
    return out


def test_contrast_helper_matches_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#c9ced8", "#ffffff") == pytest.approx(1.58, abs=0.01)  # the old start-pose tone


@pytest.mark.parametrize("theme_name", THEMES)
def test_every_stroke_tone_prints_at_3_to_1_against_the_paper(theme_name):
    theme = load_theme(theme_name)
    tones = set()
    for ex in CAT.exercises.values():
        tones |= _tones(figure_items(ex, 0, 0, *CARD, theme))
    weak = {
        t: round(contrast(t, theme.colors.paper), 2) for t in tones if contrast(t, theme.colors.paper) < 3.0
    }
    assert not weak
    # far limbs and the start pose are tones of their own, not the ink
    assert {theme.colors.figure_far, theme.colors.figure_ghost} <= tones


def _scale(boxes, ink: str) -> float:
    """mm per body unit of a drawn figure, from its main head: a disc (or, without fills, a
    ring whose outer edge is where the disc's would be) of radius ``HEAD_R`` body units."""
    head = next(b for b in boxes if isinstance(b, Circle) and ink in (b.fill, b.stroke))
    return (head.r + (head.width / MM_TO_PT / 2 if head.stroke else 0.0)) / HEAD_R


@pytest.mark.parametrize("theme_name", THEMES)
def test_stroke_widths_are_one_pen_for_every_figure_whatever_the_pose(theme_name):
    """The pen is in body units: every figure, in a box of any size or shape, strokes each
    part at the pen's width times the scale its body is drawn at (a limb is ``pen.limb``
    head-radii/6.5 wide, in a thumbnail as on a poster), so that a figure has one shape."""
    theme = load_theme(theme_name)
    pen = figure_pen(theme)
    allowed = {
        round(pen.width(part, factor), 6)
        for part, factor in [
            ("torso", 1),
            ("limb", 1),
            ("limb", 0.9),
            ("ghost", 1),
            ("ghost", 0.9),
            ("prop", 1),
            ("prop", 0.5),
            ("prop", 0.6),
            ("prop", 1.4),
            ("prop", 1.6),
            ("arrow", 1),
            ("arrow", 1.3),
        ]
    }
    far_widths, torso_widths = set(), set()
    ink = theme.colors.figure_ink
    for ex in CAT.exercises.values():
        # the card's figure area, shrunk to fit long steps; a thumbnail; a poster panel's figure
        for w, h in (
            (CARD[0], theme.exercise_front.figure),
            (CARD[0], theme.exercise_front.min_figure),
            (12, 12),
            (240, 160),
        ):
            boxes = figure_items(ex, 0, 0, w, h, theme)
            scale = _scale(boxes, ink)
            units = {round(b.width / MM_TO_PT / scale, 6) for b in boxes if isinstance(b, Polyline)}
            assert units <= allowed, (ex.id, w, h, units - allowed)
            far_widths |= {
                round(b.width / MM_TO_PT / scale, 6)
                for b in boxes
                if isinstance(b, Polyline) and b.color == theme.colors.figure_far
            }
            torso_widths |= {
                round(b.width / MM_TO_PT / scale, 6)
                for b in boxes
                if isinstance(b, Polyline)
                and b.color == ink
                and round(b.width / MM_TO_PT / scale, 6) == round(pen.torso, 6)
            }
    assert far_widths == {round(pen.limb, 6)}
    assert torso_widths == {round(pen.torso, 6)}
    assert pen.torso >= 1.8 * pen.limb  # a torso clearly thicker than the limbs


def _weight(boxes, ink: str) -> float:
    """The widest stroke as a share of the main head's drawn diameter."""
    return max(b.width / MM_TO_PT for b in boxes if isinstance(b, Polyline)) / (
        2 * HEAD_R * _scale(boxes, ink)
    )


def test_large_print_draws_heavier_at_every_size_alike():
    """Large print draws every figure heavier, by the same factor on a card, a routine card's
    thumbnail and a poster panel; a thumbnail is drawn in the card's proportions, not heavier."""
    default, large = load_theme("default"), load_theme("large-print")
    assert figure_pen(large).limb == pytest.approx(figure_pen(default).limb * LARGE_PRINT)
    for ex in CAT.exercises.values():
        weights = {}
        for name, theme in (("default", default), ("large", large)):
            for w, h in (CARD, (12.0, 12.0), (240.0, 160.0)):
                weights[name, w] = _weight(figure_items(ex, 0, 0, w, h, theme), theme.colors.figure_ink)
        for w in (CARD[0], 12.0, 240.0):
            assert weights["large", w] == pytest.approx(LARGE_PRINT * weights["default", w]), ex.id
            assert weights["default", w] == pytest.approx(weights["default", CARD[0]]), ex.id


def _heads(boxes):
    return [b for b in boxes if isinstance(b, Circle)]


@pytest.mark.parametrize("fid", sorted(FIGURES))
def test_head_is_a_disc_clear_of_the_torso(fid):
    """At every size alike: the gap between head and torso is the same share of the head, and
    on a card it is a gap one sees (0.2 mm or more)."""
    pen = Pen()
    shares = set()  # the gaps of each size's heads, as shares of the head
    for w, h in (CARD, (12.0, 12.0), (240.0, 300.0)):
        boxes = figure_boxes(FIGURES[fid], 0, 0, w, h)
        discs = [b for b in _heads(boxes) if b.fill and not b.stroke]
        torso_w = pen.torso * discs[0].r / HEAD_R  # mm, at the scale the body is drawn at
        torsos = [
            b for b in boxes if isinstance(b, Polyline) and b.width == pytest.approx(torso_w * MM_TO_PT)
        ]
        assert len(discs) == len(torsos) >= 1  # every main body: one solid head, one torso
        gaps = []
        for head in discs:
            # the nearest torso end, cap included, stays clear of the head
            gap = min(math.dist((head.cx, head.cy), t.points[-1]) - head.r - torso_w / 2 for t in torsos)
            gaps.append(round(gap / (2 * head.r), 6))
            if (w, h) == CARD:
                assert gap > 0.2, (fid, round(gap, 2))
        shares.add(tuple(gaps))
    (same,) = shares
    assert min(same) >= 0.15, (fid, same)


def test_ink_saver_draws_heads_as_rings_and_nothing_filled():
    theme = load_theme("ink-saver")
    for ex in CAT.exercises.values():
        boxes = figure_items(ex, 0, 0, *CARD, theme)
        assert not any(getattr(b, "fill", None) for b in boxes), ex.id
        assert _heads(boxes) and all(h.stroke for h in _heads(boxes))


@pytest.mark.parametrize("fid", sorted(f for f in FIGURES if FIGURES[f].view.value == "side"))
def test_side_views_show_which_way_the_figure_faces(fid):
    spec = FIGURES[fid]
    for frame, body in zip(spec.frames, bodies(spec)):
        if frame.seen(spec.view.value) != "side":
            continue
        (hx, hy), (nx, ny) = body["head"], body["nose"]
        assert math.dist((hx, hy), (nx, ny)) == pytest.approx(HEAD_R + NOSE)
        if abs(frame.trunk + frame.spine + frame.neck) < 45:  # upright head: the nose points ahead
            assert (nx - hx > 0) == (spec.facing == "right"), fid


def test_views_are_side_views_unless_the_movement_is_sideways():
    front = sorted(f for f, s in FIGURES.items() if any(fr.seen(s.view.value) == "front" for fr in s.frames))
    # sideways movements, legs crossed in front of the body (figure 4, the cross-behind lean),
    # and the lying twists, seen from above: a knee crossing the body, both knees dropping
    from_above = ["hip-spine-rotation", "lying-knee-twist"]
    assert set(from_above) <= set(front)
    sideways = {
        "back-twist",
        "front-outer-thigh-stretch",
        "hanging-twist",
        "hip-swivel",
        "inner-thigh-stretch",
    }
    sideways |= {"sideways-hip-swing", "walking-figure-4", "wall-slide"}
    assert set(front) - set(from_above) <= sideways | {
        "foot-massage",
        "abdominal-breathing",
        "seated-side-pull",
    }
    # only the lying twists lie on a mat seen from above
    assert (
        sorted(f for f, s in FIGURES.items() if any(p.kind == "mat" and p.y for p in s.props)) == from_above
    )


def test_movements_show_start_and_end_both_in_printing_tones():
    staged = {f: s for f, s in FIGURES.items() if len(s.frames) > 1}
    assert {s.sequence.value for s in staged.values()} == {"overlay", "panels"}
    for fid, spec in staged.items():
        boxes = figure_boxes(spec, 0, 0, *CARD)
        heads = _heads(boxes)
        assert len(heads) == len(spec.frames), fid  # every stage has its head drawn
        if spec.sequence.value == "panels":  # panels run left to right in frame order
            xs = [h.cx for h in heads]
            assert xs == sorted(xs), fid


def test_panels_draw_each_stage_apart_with_an_arrow_between():
    spec = FIGURES["squat-to-stand"]
    boxes = figure_boxes(spec, 0, 0, *CARD)
    squat, stand = _heads(boxes)
    accent = [b for b in boxes if isinstance(b, Polyline) and b.color == FigureColors().accent]
    between = [b for b in accent if all(squat.cx < p[0] < stand.cx for p in b.points)]
    assert len(between) == 2  # a shaft and a head
    assert check_figure(spec, *CARD) == []


@pytest.mark.parametrize("box", [CARD, (12.0, 12.0), (240.0, 160.0), (160.0, 300.0)])
def test_every_body_is_drawn_as_large_as_its_box_allows(box):
    """No largest scale per size: each figure is scaled as a whole, strokes included, to the
    largest size that fits the box less its 4 % margin, whatever its pose; so a lying body in a
    card's wide figure area is drawn larger than a standing one, which fills the height."""
    w, h = box
    margin = MARGIN * min(w, h)
    pen = Pen()
    for fid, spec in FIGURES.items():
        shapes, fitted = placed(spec, pen, 0, 0, w, h)
        x0, y0, x1, y1 = painted(shapes, pen)
        assert fitted.scale == pytest.approx(
            min((w - 2 * margin) / (x1 - x0), (h - 2 * margin) / (y1 - y0))
        ), fid
    radii = {fid: placed(spec, pen, 0, 0, *CARD)[1].scale * HEAD_R for fid, spec in FIGURES.items()}
    assert radii["bridge-roll-up"] > 1.3 * radii["back-twist"]  # a lying body spans a wide box


def _closest(scores, n: int = 10) -> str:
    return "\n".join(f"  {s:.3f}  {a} / {b}" for s, a, b in scores[:n])


def test_no_two_figures_are_near_duplicates():
    shapes = {fid: silhouette(spec) for fid, spec in FIGURES.items()}
    scores = sorted(
        ((likeness(shapes[a], shapes[b]), a, b) for a, b in itertools.combinations(sorted(shapes), 2)),
        reverse=True,
    )
    assert len(scores) == 528
    close = {(a, b) for s, a, b in scores if s >= NEAR_DUPLICATE}
    report = f"the closest pairs (NEAR_DUPLICATE {NEAR_DUPLICATE}):\n{_closest(scores)}"
    assert close <= LOOK_ALIKE, f"near-duplicate figures {sorted(close - LOOK_ALIKE)}; {report}"
    assert LOOK_ALIKE <= close, (
        f"no longer alike, take out of LOOK_ALIKE: {sorted(LOOK_ALIKE - close)}; {report}"
    )


OLD_LUMBAR_RUB = {
    "view": "side",
    "props": [{"kind": "floor"}],
    "frames": [
        {
            "anchor": "near_ankle",
            "trunk": 3,
            "near": {"hip": 5, "knee": 10, "ankle": 8, "shoulder": -52, "elbow": 98},
            "far": {"hip": 5, "knee": 10, "ankle": 8, "shoulder": -45, "elbow": 100},
            "touch": {"near_ankle": "floor", "near_wrist": "lower_back"},
        }
    ],
    "arrows": [{"kind": "line", "point": "lower_back", "offset": [-7, -6], "vector": [0, 13], "both": True}],
}
OLD_ABDOMINAL_BREATHING = {
    "view": "side",
    "props": [{"kind": "floor"}],
    "frames": [
        {
            "anchor": "near_ankle",
            "neck": -3,
            "near": {"shoulder": -59, "elbow": 113.5},
            "far": {"shoulder": 5, "elbow": 15},
            "touch": {"near_ankle": "floor", "near_hand": "belly"},
        }
    ],
    "arrows": [{"kind": "line", "point": "belly", "offset": [8, 0], "vector": [10, 0], "both": True}],
}


def test_the_check_catches_the_old_lumbar_rub_and_abdominal_breathing():
    figure = adapter(Figure).validate_python
    old = likeness(silhouette(figure(OLD_LUMBAR_RUB)), silhouette(figure(OLD_ABDOMINAL_BREATHING)))
    assert old >= NEAR_DUPLICATE
    assert likeness(silhouette(FIGURES["lumbar-rub"]), silhouette(FIGURES["abdominal-breathing"])) < 0.2
