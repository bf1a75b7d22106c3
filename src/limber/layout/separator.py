"""The separator sheet in front of each member's cards in a club's combined file.

Takes: the member's name and group, the titles and durations of their routines, how many
cards and sheets follow, the club's brand (name, colours, logo) and the theme.
Gives: a ``Page`` of paper size: the club's band with its name and logo, the member's name
large enough to read across a table, their group, their routines and what follows; plus a
blank back page when the cards are printed double-sided, so every member starts on a new
sheet.
"""

from __future__ import annotations

from typing import Optional, Sequence

from ..boxes import Box, Image, Line, Page, Rect
from ..fonts import BOLD, REGULAR
from ..theme import Theme
from .text import Section, Style, fit, fit_sections, line_h

MARGIN = 15.0        # mm, clear of what home printers cannot print
BAND = 38.0          # mm, the club's band at the top
LOGO = 26.0          # mm, the logo's height in the band


def separator_pages(name: str, group: str, routines: Sequence[str], cards: int, sheets: int,
                    paper: tuple[float, float], theme: Theme, club: Optional[str] = None,
                    band: Optional[str] = None, band_text: Optional[str] = None, logo: Optional[str] = None,
                    logo_aspect: float = 1.0, back: bool = True) -> list[Page]:
    w, h = paper
    c = theme.colors
    band = band or theme.kind_color("routine")
    band_text = band_text or c.band_text
    items: list[Box] = [Rect(0, h - BAND, w, BAND, fill=band)]
    text_right = w - MARGIN
    if logo:
        logo_w = min(LOGO * logo_aspect, 70.0)
        logo_h = logo_w / logo_aspect
        text_right -= logo_w + 6
        items.append(Image(w - MARGIN - logo_w, h - BAND / 2 - logo_h / 2, logo_w, logo_h, logo))
    heading = club or "limber"
    style = Style(font=BOLD, size=24, min_size=12, color=band_text, leading=1.1)
    items.append(fit([heading], MARGIN, h - BAND + 8, text_right - MARGIN, BAND - 14, style, "club name", name))
    y = h - BAND - 22
    name_style = Style(font=BOLD, size=40, min_size=16, color=c.ink, leading=1.05)
    name_h = 2 * line_h(BOLD, 40) + 2
    items.append(fit([name], MARGIN, y - name_h, w - 2 * MARGIN, name_h, name_style, "name", name))
    y -= name_h + 4
    if group:
        group_h = line_h(REGULAR, 22) + 1
        items.append(fit([group], MARGIN, y - group_h, w - 2 * MARGIN, group_h,
                         Style(font=REGULAR, size=22, min_size=12, color=c.muted), "group", name))
        y -= group_h + 8
    items.append(Line(MARGIN, y, w - MARGIN, y, c.rule, 0.8))
    y -= 8
    body = Style(font=REGULAR, size=14, min_size=9, color=c.ink, leading=1.3, marker_color=band)
    sections = [Section(("Your routines",), font=BOLD, scale=1.15),
                Section(tuple(routines), markers=tuple("-" for _ in routines)),
                Section((f"{cards} cards on {sheets} sheet{'s' if sheets != 1 else ''} follow. Cut along "
                         f"the crop marks" + ("; each card's back is printed behind its front." if back
                                              else "; the cards are printed on their fronts only."),),
                        color=c.muted)]
    items.append(fit_sections(sections, MARGIN, MARGIN, w - 2 * MARGIN, y - MARGIN, body, "routines", name))
    pages = [Page(w, h, tuple(items), bookmarks=(name,), label="separator")]
    if back:
        pages.append(Page(w, h, (), label="back"))
    return pages
