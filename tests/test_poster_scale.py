"""The poster's text scale: found by bisection, then rounded down to hundredths."""

from __future__ import annotations

from limber.api import load_catalogue
from limber.layout import poster as layout
from limber.plan.poster import routine_poster
from limber.theme import load_theme


def test_a_grid_that_does_not_fit_at_its_rounded_down_scale_is_passed_over(monkeypatch):
    """Were fitting not monotonic in the scale, the rounded-down scale might not fit: that grid
    is then left out of the candidates (it used to fail with a TypeError on its missing score)."""
    cat = load_catalogue(())
    plan = routine_poster(cat, cat.routines["low-back-release"])
    real = layout._score

    def score(ctx, rows, cols, scale):  # fits at 1 and at the bisection's unrounded scales only
        return real(ctx, rows, cols, 1.0) if scale == 1.0 or round(scale, 2) != scale else None

    monkeypatch.setattr(layout, "_score", score)
    assert layout.candidates(plan, load_theme("default"), 297, 420, "auto", 1.5) == []
