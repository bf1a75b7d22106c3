"""The duplex calibration sheet: numbered scales with a zero and signs, right at the crosses."""

import pytest

from limber.boxes import Line, TextBox, walk
from limber.layout.calibrate import GAP, RANGE, calibration_pages, target_points
from limber.layout.sheet import PRINTABLE
from limber.sizes import paper_size


@pytest.mark.parametrize("sheet, duplex", [("a4", "long"), ("letter", "short")])
def test_back_scales_are_numbered_signed_and_sit_where_the_crosses_land(sheet, duplex):
    w, h = paper_size(sheet)
    front, back = calibration_pages(w, h, duplex)
    texts = [box for box, _, _ in walk(back.items) if isinstance(box, TextBox) and box.field == "ruler"]
    words = [" ".join(r.text for r in box.runs) for box in texts]
    for label in ("-10", "-5", "0", "+5", "+10", "X + right", "- left", "Y + up", "- down"):
        assert words.count(label) >= 5, label
    lines = [box for box, _, _ in walk(back.items) if isinstance(box, Line)]
    for x, y in target_points(w, h):
        bx = w - x if duplex == "long" else x
        by = h - y if duplex == "short" else y
        across = [ln for ln in lines if ln.y1 == ln.y2 == pytest.approx(by - GAP)]
        up = [ln for ln in lines if ln.x1 == ln.x2 == pytest.approx(bx - GAP)]
        assert any(min(ln.x1, ln.x2) <= bx - RANGE and max(ln.x1, ln.x2) >= bx + RANGE for ln in across)
        assert any(min(ln.y1, ln.y2) <= by - RANGE and max(ln.y1, ln.y2) >= by + RANGE for ln in up)
        assert RANGE >= 10 and GAP <= 2
    # The front's crosses reach across both scales even when the back lands RANGE mm off.
    arms = [
        ln
        for ln, _, _ in walk(front.items)
        if isinstance(ln, Line) and abs(ln.x2 - ln.x1) + abs(ln.y2 - ln.y1) > 10
    ]
    assert len(arms) == 2 * len(target_points(w, h))
    assert min(abs(ln.x2 - ln.x1) + abs(ln.y2 - ln.y1) for ln in arms) >= 2 * (RANGE + GAP)


@pytest.mark.parametrize("sheet", ["a4", "letter"])
def test_the_sheet_says_what_to_pass_and_keeps_5_mm_from_the_edge(sheet):
    w, h = paper_size(sheet)
    for page in calibration_pages(w, h, "long"):
        words = " ".join(
            r.text for box, _, _ in walk(page.items) if isinstance(box, TextBox) for r in box.runs
        )
        assert "--offset X,Y" in words
        for box, dx, dy in walk(page.items):
            if isinstance(box, Line):
                for px, py in ((box.x1 + dx, box.y1 + dy), (box.x2 + dx, box.y2 + dy)):
                    assert PRINTABLE <= px <= w - PRINTABLE and PRINTABLE <= py <= h - PRINTABLE
            if isinstance(box, TextBox):
                assert box.x + dx >= PRINTABLE and box.y + dy >= PRINTABLE
                assert box.x + dx + box.w <= w - PRINTABLE and box.y + dy + box.h <= h - PRINTABLE
