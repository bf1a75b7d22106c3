"""The poster product, from catalogue to PDF: one page, or tiled over home-printer sheets.

Takes: a catalogue, targets (one routine, or exercises) and ``PosterOptions``.
Gives: ``poster_pages``: pages of boxes, metadata and the laid-out poster, to write with
``products.write_pdf``.
Pipeline: plan.poster -> layout.poster (-> layout.tiles) -> render.pdf -> write.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .boxes import Page
from .catalogue.model import Catalogue, Exercise, Routine
from .errors import FitError, NotFoundError
from .layout.legibility import default_distance
from .layout.poster import Poster, poster_layout, suggestion
from .plan.poster import PosterPlan, exercises_poster, routine_poster
from .render.pdf import Meta
from .sizes import paper_label, paper_size
from .theme import load_theme
from .words import count, suggest


@dataclass(frozen=True)
class PosterOptions:
    paper: str = "a3"  # a4 | a3 | a2 | a1 | a0 | letter | tabloid | WxH
    orientation: str = "auto"  # portrait | landscape | auto
    distance: float | None = None  # metres; the paper's default when None
    theme: str = "default"
    title: str | None = None
    tile: str | None = None  # a4 | letter: print at full size over these sheets
    overlap: float = 10.0  # mm between neighbouring tiles


def poster_paper(name: str) -> tuple[float, float]:
    """The poster's paper size in mm, or a ``NotFoundError`` that lists the poster papers."""
    key = name.strip().lower()
    try:
        if key == "none":
            raise NotFoundError(key)
        return paper_size(key)
    except NotFoundError:
        papers = ["a4", "a3", "a2", "a1", "a0", "letter", "tabloid"]
        raise NotFoundError(
            f"unknown poster paper '{name}'{suggest(key, papers)}: use one of {', '.join(papers)}, "
            f"or WxH in mm (each side 20 to 1200)"
        ) from None


def poster_plan(catalogue: Catalogue, targets: Sequence[object], title: str | None = None) -> PosterPlan:
    """One routine, or one or more exercises (not both)."""
    routines = [t for t in targets if isinstance(t, Routine)]
    if routines and len(targets) > 1:
        raise NotFoundError("a poster shows one routine, or one or more exercises: give a routine alone")
    if routines:
        return routine_poster(catalogue, routines[0], title)
    return exercises_poster(catalogue, [t for t in targets if isinstance(t, Exercise)], title)


def layout_poster(catalogue: Catalogue, targets: Sequence[object], options: PosterOptions) -> Poster:
    """The laid-out poster, or a ``FitError`` that says which paper or distance would fit."""
    theme = load_theme(options.theme)
    plan = poster_plan(catalogue, targets, options.title)
    w, h = poster_paper(options.paper)
    distance = options.distance or default_distance(w, h)
    try:
        return poster_layout(plan, theme, w, h, options.orientation, distance)
    except FitError as error:
        hint = suggestion(plan, theme, w, h, options.orientation, distance, options.distance is not None)
        hint = hint.replace("this paper", paper_label(options.paper))
        raise FitError(f"{error}; {hint}") from None


def poster_pages(
    catalogue: Catalogue, targets: Sequence[object], options: PosterOptions
) -> tuple[list[Page], Meta, Poster]:
    poster = layout_poster(catalogue, targets, options)
    pages = [poster.page]
    if options.tile:
        from .layout.tiles import tile_pages

        pages = tile_pages(poster.page, paper_size(options.tile), options.overlap, paper_label(options.tile))
    title = poster.page.bookmarks[0]
    meta = Meta(
        title=f"limber poster: {title}",
        subject=f"{paper_label(options.paper)} poster, readable from {poster.legibility.distance:g} m"
        + (
            f", tiled on {count(len(pages) - 1, paper_label(options.tile) + ' sheet')}"
            if options.tile
            else ""
        ),
    )
    return pages, meta, poster
