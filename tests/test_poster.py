"""Posters: legibility rules, page sizes, grid and panels, QR codes, contrast, refusal.

Geometry is checked on the laid-out boxes; QR codes are decoded from pages rendered at 72 dpi
with pypdfium2 and zxing-cpp."""

from __future__ import annotations

import math

import pypdfium2
import pytest
import zxingcpp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from layout_checks import assert_runs_inside, text_boxes
from pdf_read import font_size

from limber.api import load_catalogue
from limber.boxes import Circle, Polyline, Qr, Rect, walk
from limber.contrast import contrast
from limber.errors import FitError
from limber.fonts import BOLD, REGULAR
from limber.layout.legibility import (
    CAP_PER_METRE,
    Legibility,
    cap_height,
    default_distance,
    min_size,
)
from limber.layout.poster import fits, poster_layout
from limber.plan.poster import exercises_poster, panel_lines, routine_poster
from limber.posters import PosterOptions, layout_poster, poster_pages
from limber.render.pdf import render
from limber.sizes import PAPERS, paper_size
from limber.theme import load_theme

CAT = load_catalogue(())
THEME = load_theme("default")
THREE = ["walking-knee-hug", "ankle-bounce", "squat-to-stand"]


def layout(target="post-run-stretches", **options):
    targets = [CAT.routines[target]] if isinstance(target, str) else [CAT.exercises[t] for t in target]
    return layout_poster(CAT, targets, PosterOptions(**options))


def background_at(items, x, y):
    """The fill of the last filled rectangle under (x, y), else white paper."""
    color = "#ffffff"
    for box, dx, dy in walk(items):
        if (
            isinstance(box, Rect)
            and box.fill
            and box.x + dx <= x <= box.x + dx + box.w
            and box.y + dy <= y <= box.y + dy + box.h
        ):
            color = box.fill
    return color


# --- legibility: one place, from the font's cap height ---


@pytest.mark.parametrize("distance", [1.0, 1.5, 2.0, 3.0])
def test_minimum_sizes_give_the_visual_angle_from_the_real_cap_height(distance):
    lg = Legibility.at(distance)
    assert cap_height(REGULAR, lg.body) == pytest.approx(CAP_PER_METRE * distance)
    assert cap_height(BOLD, lg.heading) == pytest.approx(2 * CAP_PER_METRE * distance)
    assert min_size(distance) == pytest.approx(lg.body)


def test_two_metres_means_about_25_pt_body_and_50_pt_names():
    lg = Legibility.at(2.0)
    assert 24.5 < lg.body < 26.5 and 49 < lg.heading < 53


@pytest.mark.parametrize(
    "paper, metres",
    [("a4", 1), ("letter", 1), ("a3", 1.5), ("tabloid", 1.5), ("a2", 2), ("a1", 3), ("a0", 3)],
)
def test_default_distance_by_paper(paper, metres):
    assert default_distance(*paper_size(paper)) == metres


def test_contrast_ratio():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


# --- plan ---


def test_panel_lines_put_the_note_first_and_stop_at_three():
    routine = CAT.routines["post-run-mobility"]
    item = routine.items[4]
    ex = CAT.exercises[item.exercise]
    lines = panel_lines(ex, item.note)
    assert lines[0] == item.note and lines[1] == ex.steps[0] and len(lines) == 3


def test_a_poster_of_exercises_takes_its_title_and_a_common_phase():
    plan = exercises_poster(CAT, [CAT.exercises[i] for i in THREE], "Quick warm-up")
    assert plan.title == "Quick warm-up" and [p.number for p in plan.panels] == [1, 2, 3]
    assert plan.url == CAT.video_url(CAT.exercises[THREE[0]])


# --- layout ---


@pytest.mark.parametrize("paper", sorted(PAPERS.keys() - {"a5"}))
@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
def test_page_size_matches_the_paper(paper, orientation):
    poster = layout(THREE[:2], paper=paper, orientation=orientation)
    w, h = sorted(PAPERS[paper])
    if orientation == "landscape":
        w, h = h, w
    assert poster.page.width == pytest.approx(w, abs=0.1) and poster.page.height == pytest.approx(h, abs=0.1)
    data = render(
        [poster.page],
        poster_pages(
            CAT, [CAT.exercises[t] for t in THREE[:2]], PosterOptions(paper=paper, orientation=orientation)
        )[1],
    )
    pw, ph = pypdfium2.PdfDocument(data)[0].get_size()
    assert pw * 25.4 / 72 == pytest.approx(w, abs=0.1) and ph * 25.4 / 72 == pytest.approx(h, abs=0.1)


@pytest.mark.parametrize(
    "target, paper, distance",
    [
        ("post-run-stretches", "a3", None),
        ("low-back-release", "a4", None),
        (THREE, "a4", None),
        ("advanced-leg-mobility", "a1", 1.5),
        ("post-run-mobility", "a2", 2.0),
    ],
)
def test_no_text_below_the_minimum_and_names_at_twice_it(target, paper, distance):
    poster = layout(target, paper=paper, distance=distance)
    lg = poster.legibility
    assert lg.distance == (distance or default_distance(*paper_size(paper)))
    boxes = text_boxes(poster.page.items)
    assert {b.field for b, _, _ in boxes} >= {"title", "summary", "name", "dose", "lines", "footer"}
    for box, _, _ in boxes:
        for run in box.runs:
            assert run.size >= lg.body - 1e-6, (box.field, run.text, run.size)
            if box.field in ("name", "title"):  # numbers hang beside the names, at the same size
                assert run.size >= lg.heading - 1e-6, (run.text, run.size)


@pytest.mark.parametrize(
    "target, paper", [("post-run-stretches", "a3"), (THREE, "a4"), ("advanced-leg-mobility", "a0")]
)
def test_panels_and_text_stay_inside_the_safe_area(target, paper):
    poster = layout(target, paper=paper)
    x0, y0, x1, y1 = poster.safe
    assert x0 >= 5 and y0 >= 5
    for box, _, _ in text_boxes(poster.page.items):
        assert_runs_inside(box, x0, y0, x1, y1)
    for x, y, w, h in poster.panels:
        assert x >= x0 - 1e-6 and y >= y0 - 1e-6 and x + w <= x1 + 1e-6 and y + h <= y1 + 1e-6
    for box, _, _ in walk(poster.page.items):
        if isinstance(box, Qr):  # dark modules inside the safe area; the quiet zone on the paper
            q = box.quiet * box.module
            assert box.x + q >= x0 - 1e-6 and box.x + box.size - q <= x1 + 1e-6
            assert box.y + q >= y0 - 1e-6 and box.y + box.size - q <= y1 + 1e-6
            assert box.x >= 0 and box.y >= 0 and box.x + box.size <= poster.page.width


def test_panels_are_one_size_aligned_in_rows_and_numbered_in_reading_order():
    poster = layout("post-run-mobility", paper="a2")
    sizes = {(round(w, 6), round(h, 6)) for _, _, w, h in poster.panels}
    assert len(sizes) == 1
    ys = [round(y, 6) for _, y, _, _ in poster.panels]
    xs = [round(x, 6) for x, _, _, _ in poster.panels]
    for row in range(poster.rows):
        chunk = slice(row * poster.cols, (row + 1) * poster.cols)
        assert len(set(ys[chunk])) == 1 and xs[chunk] == sorted(xs[chunk])
    assert ys == sorted(ys, reverse=True)
    names = [b for b, _, _ in text_boxes(poster.page.items) if b.field == "name"]
    routine = CAT.routines["post-run-mobility"]
    expected = [CAT.exercises[i.exercise].name for i in routine.items]
    assert [" ".join(r.text for r in b.runs[1:]) for b in names] == expected
    assert [b.runs[0].text for b in names] == [str(n) for n in range(1, len(expected) + 1)]


def test_the_grid_uses_the_page_evenly():
    poster = layout("post-run-mobility", paper="a2")
    x0, y0, x1, y1 = poster.safe
    left = min(x for x, _, _, _ in poster.panels)
    right = max(x + w for x, _, w, _ in poster.panels)
    assert left == pytest.approx(x0) and right == pytest.approx(x1)
    assert poster.rows * poster.cols - len(poster.panels) < min(poster.rows, poster.cols)


def test_auto_orientation_picks_the_larger_text():
    auto = layout(THREE, paper="a4")
    for orientation in ("portrait", "landscape"):
        assert auto.scale >= layout(THREE, paper="a4", orientation=orientation).scale


def test_qr_modules_are_at_least_1_mm_and_the_routine_code_scales_with_distance():
    poster = layout("post-run-stretches", paper="a3")
    codes = [b for b, _, _ in walk(poster.page.items) if isinstance(b, Qr)]
    assert len(codes) == 5
    assert all(code.module >= 1.0 - 1e-9 for code in codes)
    routine_code = max(codes, key=lambda c: c.size)
    dark = routine_code.module * len(routine_code.modules)
    assert dark >= min(poster.legibility.distance * 100, 297 / 5) - 1e-6


@pytest.mark.parametrize("theme", ["default", "ink-saver", "large-print"])
def test_text_contrast_is_at_least_4_5_against_its_background(theme):
    poster = layout("post-run-mobility", paper="a2", theme=theme)
    for box, _, _ in text_boxes(poster.page.items):
        for run in box.runs:
            back = background_at(poster.page.items, run.x + 0.3, run.y + 0.5)
            assert contrast(run.color, back) >= 4.5, (box.field, run.text, run.color, back)


def test_ink_saver_posters_have_no_large_solid_fills():
    poster = layout("post-run-mobility", paper="a2", theme="ink-saver")
    for box, _, _ in walk(poster.page.items):
        if isinstance(box, Rect) and box.fill:
            assert box.w * box.h < 100 or box.fill == "#ffffff", box
        if isinstance(box, Circle) and box.fill:
            assert math.pi * box.r**2 < 100, box
        if isinstance(box, Polyline) and box.fill:
            xs, ys = zip(*box.points)
            assert (max(xs) - min(xs)) * (max(ys) - min(ys)) < 100, box


def test_same_input_gives_byte_identical_output():
    targets = [CAT.routines["post-run-stretches"]]
    first = render(*poster_pages(CAT, targets, PosterOptions())[:2])
    assert first == render(*poster_pages(CAT, targets, PosterOptions())[:2])


@pytest.mark.parametrize(
    "target, paper, theme",
    [
        ("post-run-stretches", "a3", "default"),
        (THREE, "a4", "default"),
        ("post-run-mobility", "a2", "default"),
        ("low-back-release", "a1", "ink-saver"),
    ],
)
def test_every_qr_code_decodes_at_72_dpi(target, paper, theme):
    targets = [CAT.routines[target]] if isinstance(target, str) else [CAT.exercises[t] for t in target]
    pages, meta, poster = poster_pages(CAT, targets, PosterOptions(paper=paper, theme=theme))
    urls = {b.url for b, _, _ in walk(poster.page.items) if isinstance(b, Qr)}
    image = pypdfium2.PdfDocument(render(pages, meta))[0].render(scale=1.0, grayscale=True).to_pil()
    found = [r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode]
    codes = [b for b, _, _ in walk(poster.page.items) if isinstance(b, Qr)]
    assert len(found) == len(codes) and set(found) == urls


# --- refusal ---


def test_a_routine_that_cannot_fit_is_refused_with_a_paper_and_a_distance_that_fit():
    plan = routine_poster(CAT, CAT.routines["post-run-mobility"])
    with pytest.raises(FitError) as caught:
        layout("post-run-mobility", paper="a3")
    message = str(caught.value)
    assert message.endswith("needs A2 at 2 m, or A3 read from 1.3 m"), message
    assert "text at least 19.1 pt, names 38.2 pt" in message
    # The suggestion comes from laying it out: both fit, and the next 0.1 m does not.
    a3 = paper_size("a3")
    assert fits(plan, THEME, *paper_size("a2"), "auto", 2.0)
    assert fits(plan, THEME, *a3, "auto", 1.3) and not fits(plan, THEME, *a3, "auto", 1.4)
    assert not fits(plan, THEME, *a3, "auto", 1.5)


def test_a_chosen_distance_is_kept_in_the_paper_suggestion():
    with pytest.raises(FitError) as caught:
        layout("post-run-mobility", paper="a3", distance=1.8)
    assert "needs A2 at 1.8 m, or A3 read from 1.3 m" in str(caught.value)


def test_the_layout_itself_raises_fit_error_without_a_hint():
    plan = routine_poster(CAT, CAT.routines["full-warm-up-and-stretch"])
    with pytest.raises(FitError, match="13 exercises do not fit on a 210 x 297 mm poster read from 1 m"):
        poster_layout(plan, THEME, 210, 297, "auto", 1.0)


def test_one_exercise_is_titled_by_its_name_and_a_step_that_restates_the_note_is_skipped():
    plan = exercises_poster(CAT, [CAT.exercises["squat-to-stand"]])
    assert plan.title == "Squat to stand"
    ex = CAT.exercises["forward-hip-swing"]
    lines = panel_lines(ex, "Stand side-on to a wall or pole")
    assert lines[0] == "Stand side-on to a wall or pole"
    assert not any(line.startswith("Stand side-on to a wall or pole,") for line in lines[1:])


EXERCISE_IDS = sorted(CAT.exercises)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    ids=st.lists(st.sampled_from(EXERCISE_IDS), min_size=1, max_size=8, unique=True),
    paper=st.sampled_from(["a4", "letter", "a3", "tabloid", "a2", "a1", "300x500"]),
    distance=st.one_of(st.none(), st.floats(0.3, 4.0).map(lambda d: round(d, 1))),
    orientation=st.sampled_from(["auto", "portrait", "landscape"]),
)
def test_any_poster_either_keeps_every_rule_or_is_refused_with_a_hint(ids, paper, distance, orientation):
    try:
        poster = layout(ids, paper=paper, distance=distance, orientation=orientation)
    except FitError as error:
        assert "needs " in str(error) or "does not fit on A0 either" in str(error)
        return
    lg = poster.legibility
    x0, y0, x1, y1 = poster.safe
    for box, _, _ in text_boxes(poster.page.items):
        assert_runs_inside(box, x0, y0, x1, y1)
        assert all(run.size >= lg.body - 1e-6 for run in box.runs)
        if box.field == "name":
            assert all(run.size >= lg.heading - 1e-6 for run in box.runs)
    names = [b for b, _, _ in text_boxes(poster.page.items) if b.field == "name"]
    assert [b.runs[0].text for b in names] == [str(n) for n in range(1, len(ids) + 1)]
    assert all(b.module >= 1.0 - 1e-9 for b, _, _ in walk(poster.page.items) if isinstance(b, Qr))


@pytest.mark.parametrize(
    "target, paper",
    [("post-run-stretches", "a3"), ("post-run-mobility", "a2"), ("advanced-leg-mobility", "a0")],
)
def test_bands_badges_and_qr_codes_line_up_across_each_row(target, paper):
    poster = layout(target, paper=paper)
    boxes = text_boxes(poster.page.items)
    small_codes = sorted(
        (b for b, _, _ in walk(poster.page.items) if isinstance(b, Qr)), key=lambda b: b.size
    )[: len(poster.panels)]
    for row in range(poster.rows):
        ys = {round(y, 6) for _, y, _, _ in poster.panels[row * poster.cols : (row + 1) * poster.cols]}
        (y,) = ys
        top = y + poster.panels[row * poster.cols][3]

        def inside(b, y=y, top=top):
            return y <= b.y and b.y + getattr(b, "h", getattr(b, "size", 0)) <= top + 1e-6

        for field in ("name", "dose", "lines"):
            tops = {round(b.y + b.h, 6) for b, _, _ in boxes if b.field == field and inside(b)}
            assert len(tops) == 1, (field, tops)
        assert len({round(q.y, 6) for q in small_codes if inside(q)}) == 1


@pytest.mark.parametrize(
    "target, paper, fitting",
    [
        ("post-run-stretches", "a3", 1),
        ("post-run-mobility", "a2", 1),
        (THREE, "a4", 2),
        ("low-back-release", "a3", 3),
    ],
)
def test_the_chosen_grid_gives_the_largest_text_of_every_grid_that_fits(target, paper, fitting):
    from limber.layout.poster import candidates

    poster = layout(target, paper=paper)
    plan = poster_plan_for(target)
    options = candidates(plan, THEME, *paper_size(paper), "auto", poster.legibility.distance)
    assert len(options) >= fitting
    assert poster.scale == max(o[3] for o in options)
    assert any(
        (o[0], o[1], o[2]) == ((poster.page.width, poster.page.height), poster.rows, poster.cols)
        and o[3] == poster.scale
        for o in options
    )
    lg = poster.legibility
    assert poster.sizes.body == pytest.approx(lg.body * poster.scale)


def poster_plan_for(target):
    if isinstance(target, str):
        return routine_poster(CAT, CAT.routines[target])
    return exercises_poster(CAT, [CAT.exercises[t] for t in target])


@pytest.mark.parametrize("theme", ["default", "ink-saver", "large-print"])
def test_built_in_themes_pass_the_contrast_check(theme):
    from limber.contrast import faint_text

    t = load_theme(theme)
    assert faint_text(t.colors, t.fills) == []


def test_no_text_in_the_pdf_is_below_the_minimum():
    """Read back from the rendered PDF: every text object's size, transform included."""
    targets = [CAT.routines["post-run-mobility"]]
    pages, meta, poster = poster_pages(CAT, targets, PosterOptions(paper="a2"))
    page = pypdfium2.PdfDocument(render(pages, meta))[0]
    texts = [o for o in page.get_objects(max_depth=5) if o.type == pypdfium2.raw.FPDF_PAGEOBJ_TEXT]
    sizes = [font_size(o) * abs(o.get_matrix().d) for o in texts]
    assert len(sizes) > 40
    assert min(sizes) >= poster.legibility.body - 0.01
    assert sum(s >= poster.legibility.heading - 0.01 for s in sizes) >= 2 * len(
        poster.panels
    )  # numbers, names


@pytest.mark.parametrize("routine_id", list(CAT.routines))
def test_a_posters_time_and_doses_are_the_ones_every_other_product_prints(routine_id):
    from limber.plan.timing import item_dose, routine_seconds

    routine = CAT.routines[routine_id]
    plan = routine_poster(CAT, routine)
    assert plan.seconds == routine_seconds(CAT, routine)
    for index, (item, panel) in enumerate(zip(routine.items, plan.panels)):
        ex = CAT.exercises[item.exercise]
        assert panel.dose == ex.dose_label(item_dose(CAT, routine, index))


def test_a_breathing_exercise_on_a_poster_counts_breaths_at_a_breaths_pace():
    from limber.plan.timing import dose_seconds

    breathing = CAT.exercises["abdominal-breathing"]
    plan = exercises_poster(CAT, [breathing])
    assert plan.panels[0].dose.endswith("breaths")
    assert plan.seconds == dose_seconds(breathing.dose, breathing) > dose_seconds(breathing.dose)


def test_a_suggested_distance_is_one_the_command_line_accepts(monkeypatch):
    """A poster that would fit only when read from closer than 0.3 m gets no such advice."""
    from limber.bounds import POSTER_DISTANCES
    from limber.layout import poster as poster_layout_module

    plan = routine_poster(CAT, CAT.routines["post-run-stretches"])
    theme = load_theme("default")
    w, h = PAPERS["a4"]
    monkeypatch.setattr(
        poster_layout_module, "fits", lambda p, t, pw, ph, o, d: (pw, ph) == (w, h) and d <= 0.25
    )
    message = poster_layout_module.suggestion(plan, theme, w, h, "portrait", 1.0, False)
    assert "read from" not in message, message
    monkeypatch.setattr(
        poster_layout_module, "fits", lambda p, t, pw, ph, o, d: (pw, ph) == (w, h) and d <= 0.6
    )
    message = poster_layout_module.suggestion(plan, theme, w, h, "portrait", 1.0, False)
    assert message.endswith("this paper read from 0.6 m") and POSTER_DISTANCES[0] <= 0.6
