"""A running club's branding: name, colours, logo and the club's own video links.

Takes: the path of a small YAML file, and the catalogue (to check the ids of ``videos``).
Gives: a validated ``Brand`` (the logo's path resolved next to the YAML file, its aspect
ratio and its bytes, checked by ``logo.load_logo``), or a ``DataError`` naming the file,
line and field.

```yaml
name: Riverside Runners
colors: {band: "#0b6e4f", band_text: "#ffffff"}
logo: logo.svg                       # PNG or SVG; SVG stays vector
video_template: "https://videos.example.org/search?q={query}"
videos: {walking-knee-hug: "https://videos.example.org/knee-hug"}
```
"""

from __future__ import annotations

import os
from dataclasses import field
from pathlib import Path
from typing import Annotated

from ..contrast import MIN_CONTRAST, contrast
from ..errors import DataError, Problem
from ..qrcap import MAX_URL_BYTES
from .checks import made_link_oversize
from .fields import text_rule
from .logo import load_logo
from .model import Catalogue, Exercise, check_template, check_url
from .rules import STRICT, about, frozen, replace
from .yamlpos import Positions, read_yaml, validate

HEX = r"^#[0-9a-fA-F]{6}$"
ClubName = Annotated[str, text_rule(60)]  # not blank, no control or invisible character


@frozen
class ClubColors:
    __pydantic_config__ = STRICT
    band: Annotated[str, about("Band colour of the routine cards and separator sheets.", pattern=HEX)]
    band_text: Annotated[str, about("Text on the band.", pattern=HEX)] = "#ffffff"

    def __post_init__(self) -> None:
        ratio = contrast(self.band, self.band_text)
        if ratio < MIN_CONTRAST:
            raise ValueError(
                f"band_text {self.band_text} on band {self.band} has a contrast of {ratio:.1f}:1; "
                f"text needs at least {MIN_CONTRAST:g}:1"
            )


MAX_LOGO_NAME = 1024  # characters: a file name, not a text


def _logo_kind(value: str | None) -> str | None:
    if value is None:
        return value
    if "\0" in value:
        raise ValueError("the logo's file name holds a NUL character")
    if len(value) > MAX_LOGO_NAME:
        raise ValueError(
            f"the logo's file name is {len(value):,} characters long; at most {MAX_LOGO_NAME:,} are allowed"
        )
    if Path(value).suffix.lower() not in (".png", ".svg"):
        raise ValueError(f"the logo must be a .png or .svg file, found {value!r}")
    return value


def _urls(value: dict[str, str]) -> dict[str, str]:
    for url in value.values():
        check_url(url)
    return value


@frozen
class ClubFile:
    __pydantic_config__ = STRICT
    name: Annotated[
        ClubName, about("The club's name, printed on separator sheets and routine cards.", max_length=60)
    ]
    colors: ClubColors | None = None
    logo: Annotated[str | None, about("A PNG or SVG file, relative to this YAML file.", after=_logo_kind)] = (
        None
    )
    video_template: Annotated[
        str | None, about("URL with {query} for the club's own videos.", after=check_template)
    ] = None
    videos: Annotated[dict[str, str], about("Exercise or routine id -> video URL.", after=_urls)] = field(
        default_factory=dict
    )


@frozen
class Brand:
    name: str
    band: str | None = None
    band_text: str | None = None
    logo: str | None = None  # absolute path
    logo_aspect: float = 1.0  # width / height
    logo_data: bytes = field(default=b"", repr=False)  # the file's bytes, as checked (see logo.py)


def load_club(path: Path | str, catalogue: Catalogue) -> tuple[Brand, Catalogue]:
    """The club's brand, and the catalogue with the club's video links laid over it."""
    data, pos = read_yaml(path)
    if not isinstance(data, dict):
        raise DataError([pos.problem((), "", "expected a mapping with at least 'name:'")])
    club = validate(ClubFile, data, pos)
    problems = []
    logo = None
    if club.logo:
        try:
            logo = load_logo(os.path.abspath(Path(path).parent / club.logo))
        except ValueError as error:
            problems.append(pos.problem(("logo",), "logo", str(error)))
    known = {**catalogue.exercises, **catalogue.routines}
    for ident in club.videos:
        if ident not in known:
            from .load import suggest

            problems.append(
                pos.problem(
                    ("videos", ident),
                    f"videos.{ident}",
                    f"no exercise or routine has the id '{ident}'{suggest(ident, known)}",
                    key=True,
                )
            )
    exercises = {
        i: replace(ex, video=club.videos[i]) if i in club.videos else ex
        for i, ex in catalogue.exercises.items()
    }
    routines = {
        i: replace(r, video=club.videos[i]) if i in club.videos else r for i, r in catalogue.routines.items()
    }
    branded = replace(
        catalogue,
        exercises=exercises,
        routines=routines,
        video_template=club.video_template or catalogue.video_template,
    )
    if club.video_template:
        problems += _template_fits(branded, pos)
    if problems:
        raise DataError(problems)
    brand = Brand(
        name=club.name,
        band=club.colors.band if club.colors else None,
        band_text=club.colors.band_text if club.colors else None,
        logo=logo.path if logo else None,
        logo_aspect=logo.aspect if logo else 1.0,
        logo_data=logo.data if logo else b"",
    )
    return brand, branded


def _template_fits(catalogue: Catalogue, pos: Positions) -> list[Problem]:
    """A problem at ``video_template`` when a link it makes is too long for a card's QR code."""
    size, name = max(
        (
            (made_link_oversize(catalogue, item), item.name if isinstance(item, Exercise) else item.title)
            for table in (catalogue.exercises, catalogue.routines)
            for item in table.values()
        ),
        default=(0, ""),
    )
    if not size:
        return []
    return [
        pos.problem(
            ("video_template",),
            "video_template",
            (
                f"the link it makes for '{name}' is {size} bytes; a card's QR code holds at most {MAX_URL_BYTES}: "
                f"shorten the template, or give that item its own link under videos:"
            ),
        )
    ]
