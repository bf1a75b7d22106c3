"""The separator sheet in front of each member's cards in a club's combined file.

Takes: a ``Separator`` (the member's name and group, the titles and durations of their
routines, how many cards and sheets follow), the paper, the theme and the club's ``Brand``
(name, colours, logo).
Gives: a ``Page`` of paper size: the club's band with its name and logo, the member's name
large enough to read across a table, their group, their routines and what follows; plus a
blank back page when the cards are printed double-sided, so every member starts on a new
sheet. With a theme without fills (ink saver) the band becomes a rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..boxes import Box, Image, Line, Page, Rect
from ..catalogue.club import Brand
from ..fonts import BOLD, REGULAR
from ..theme import Theme
from ..words import count
from .text import Section, Style, fit, fit_sections, line_h

MARGIN = 15.0  # mm, clear of what home printers cannot print
BAND = 38.0  # mm, the club's band at the top
LOGO = 26.0  # mm, the logo's height in the band


@dataclass(frozen=True)
class Separator:
    """What a separator sheet says: who, which routines, and what follows."""

    name: str
    group: str
    routines: tuple[str, ...]  # titles with durations
    cards: int
    sheets: int
    back: bool  # the cards are printed double-sided (and so is this sheet)


def separator_pages(
    sep: Separator, paper: tuple[float, float], theme: Theme, brand: Brand | None = None
) -> list[Page]:
    w, h = paper
    c = theme.colors
    name, group, routines, cards, sheets, back = (
        sep.name,
        sep.group,
        sep.routines,
        sep.cards,
        sep.sheets,
        sep.back,
    )
    band = (brand and brand.band) or theme.kind_color("routine")
    band_text = (brand and brand.band_text) or c.band_text
    logo, logo_aspect, club = (brand.logo, brand.logo_aspect, brand.name) if brand else (None, 1.0, None)
    if theme.fills:
        items: list[Box] = [Rect(0, h - BAND, w, BAND, fill=band)]
    else:  # ink saver: a rule under the heading instead of a solid band
        items = [Line(MARGIN, h - BAND, w - MARGIN, h - BAND, band, 1.5)]
        band_text = c.ink
    text_right = w - MARGIN
    if logo:
        logo_w = min(LOGO * logo_aspect, 70.0)
        logo_h = logo_w / logo_aspect
        text_right -= logo_w + 6
        assert brand is not None  # a logo comes with a brand
        items.append(
            Image(w - MARGIN - logo_w, h - BAND / 2 - logo_h / 2, logo_w, logo_h, logo, brand.logo_data)
        )
    heading = club or "limber"
    style = Style(font=BOLD, size=24, min_size=12, color=band_text, leading=1.1)
    items.append(
        fit([heading], MARGIN, h - BAND + 8, text_right - MARGIN, BAND - 14, style, "club name", name)
    )
    y = h - BAND - 22
    name_style = Style(font=BOLD, size=40, min_size=16, color=c.ink, leading=1.05)
    name_h = 2 * line_h(BOLD, 40) + 2
    items.append(fit([name], MARGIN, y - name_h, w - 2 * MARGIN, name_h, name_style, "name", name))
    y -= name_h + 4
    if group:
        group_h = line_h(REGULAR, 22) + 1
        items.append(
            fit(
                [group],
                MARGIN,
                y - group_h,
                w - 2 * MARGIN,
                group_h,
                Style(font=REGULAR, size=22, min_size=12, color=c.muted),
                "group",
                name,
            )
        )
        y -= group_h + 8
    items.append(Line(MARGIN, y, w - MARGIN, y, c.rule, 0.8))
    y -= 8
    body = Style(font=REGULAR, size=14, min_size=9, color=c.ink, leading=1.3, marker_color=band)
    sections = [
        Section(("Your routines",), font=BOLD, scale=1.15),
        Section(tuple(routines), markers=tuple("-" for _ in routines)),
        Section(
            (
                f"{count(cards, 'card')} on {count(sheets, 'sheet')} follow. Cut along "
                f"the crop marks"
                + (
                    "; each card's back is printed behind its front."
                    if back
                    else "; the cards are printed on their fronts only."
                ),
            ),
            color=c.muted,
        ),
    ]
    items.append(fit_sections(sections, MARGIN, MARGIN, w - 2 * MARGIN, y - MARGIN, body, "routines", name))
    pages = [Page(w, h, tuple(items), bookmarks=(name,), label="separator")]
    if back:
        pages.append(Page(w, h, (), label="back"))
    return pages
