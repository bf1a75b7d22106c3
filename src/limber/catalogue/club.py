"""A running club's branding: name, colours, logo and the club's own video links.

Takes: the path of a small YAML file, and the catalogue (to check the ids of ``videos``).
Gives: a validated ``Brand`` (the logo's path resolved next to the YAML file, with its
aspect ratio read from the PNG or SVG), or a ``DataError`` naming the file, line and field.

```yaml
name: Riverside Runners
colors: {band: "#0b6e4f", band_text: "#ffffff"}
logo: logo.svg                       # PNG or SVG; SVG stays vector
video_template: "https://videos.example.org/search?q={query}"
videos: {walking-knee-hug: "https://videos.example.org/knee-hug"}
```
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from pydantic import Field, field_validator, model_validator

from ..contrast import contrast
from ..errors import DataError
from .model import Catalogue, CatalogueFile, Frozen, check_url
from .yamlpos import read_yaml, validate

HEX = r"^#[0-9a-fA-F]{6}$"
MIN_CONTRAST = 4.5


class ClubColors(Frozen):
    band: str = Field(pattern=HEX, description="Band colour of the routine cards and separator sheets.")
    band_text: str = Field("#ffffff", pattern=HEX, description="Text on the band.")

    @model_validator(mode="after")
    def _readable(self) -> "ClubColors":
        ratio = contrast(self.band, self.band_text)
        if ratio < MIN_CONTRAST:
            raise ValueError(f"band_text {self.band_text} on band {self.band} has a contrast of {ratio:.1f}:1; "
                             f"text needs at least {MIN_CONTRAST}:1")
        return self


class ClubFile(Frozen):
    name: str = Field(min_length=1, max_length=60, description="The club's name, printed on separator sheets.")
    colors: Optional[ClubColors] = None
    logo: Optional[str] = Field(None, description="A PNG or SVG file, relative to this YAML file.")
    video_template: Optional[str] = Field(None, description="URL with {query} for the club's own videos.")
    videos: dict[str, str] = Field(default_factory=dict, description="Exercise or routine id -> video URL.")

    _template = field_validator("video_template")(CatalogueFile._template.__func__)

    @field_validator("videos")
    @classmethod
    def _urls(cls, value: dict[str, str]) -> dict[str, str]:
        for url in value.values():
            check_url(url)
        return value

    @field_validator("logo")
    @classmethod
    def _kind(cls, value: Optional[str]) -> Optional[str]:
        if value is not None and Path(value).suffix.lower() not in (".png", ".svg"):
            raise ValueError(f"the logo must be a .png or .svg file, found {value!r}")
        return value


class Brand(Frozen):
    name: str
    band: Optional[str] = None
    band_text: Optional[str] = None
    logo: Optional[str] = None          # absolute path
    logo_aspect: float = 1.0            # width / height


MAX_LOGO_BYTES = 5 * 2**20


def _logo_aspect(path: Path) -> float:
    """Width / height of a PNG (Pillow) or SVG (svglib); ValueError if it cannot be read."""
    if path.stat().st_size > MAX_LOGO_BYTES:
        raise ValueError(f"the logo {path.name} is over {MAX_LOGO_BYTES // 2**20} MB; use a smaller file")
    if path.suffix.lower() == ".svg":
        from svglib.svglib import svg2rlg

        try:
            drawing = svg2rlg(str(path))
        except Exception as error:  # svglib raises lxml and parsing errors of many kinds
            raise ValueError(f"cannot read the SVG logo {path.name}: {error}") from None
        if drawing is None or not drawing.width or not drawing.height:
            raise ValueError(f"cannot read the SVG logo {path.name}: no drawing with a width and height")
        return drawing.width / drawing.height
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            if image.format != "PNG":
                raise ValueError(f"the logo {path.name} is not a PNG image")
            if not image.width or not image.height or image.width * image.height > 50_000_000:
                raise ValueError(f"the logo {path.name} is {image.width} x {image.height} pixels; "
                                 f"use a smaller image")
            return image.width / image.height
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError) as error:
        raise ValueError(f"cannot read the PNG logo {path.name}: {error}") from None


def load_club(path: Path | str, catalogue: Catalogue) -> tuple[Brand, Catalogue]:
    """The club's brand, and the catalogue with the club's video links laid over it."""
    data, pos = read_yaml(path)
    if not isinstance(data, dict):
        raise DataError([pos.problem((), "", "expected a mapping with at least 'name:'")])
    club = validate(ClubFile, data, pos)
    problems = []
    logo, aspect = None, 1.0
    if club.logo:
        logo_path = (Path(path).parent / club.logo).resolve()
        if not logo_path.exists():
            problems.append(pos.problem(("logo",), "logo", f"file not found: {logo_path}"))
        elif not logo_path.is_file():
            problems.append(pos.problem(("logo",), "logo", f"not a regular file: {logo_path}"))
        else:
            try:
                aspect = _logo_aspect(logo_path)
                logo = str(logo_path)
            except ValueError as error:
                problems.append(pos.problem(("logo",), "logo", str(error)))
    known = {**catalogue.exercises, **catalogue.routines}
    for ident in club.videos:
        if ident not in known:
            from .load import suggest

            problems.append(pos.problem(("videos", ident), f"videos.{ident}",
                                        f"no exercise or routine has the id '{ident}'{suggest(ident, known)}",
                                        key=True))
    if problems:
        raise DataError(problems)
    exercises = {i: ex.model_copy(update={"video": club.videos[i]}) if i in club.videos else ex
                 for i, ex in catalogue.exercises.items()}
    routines = {i: r.model_copy(update={"video": club.videos[i]}) if i in club.videos else r
                for i, r in catalogue.routines.items()}
    update = {"exercises": exercises, "routines": routines}
    if club.video_template:
        update["video_template"] = club.video_template
    brand = Brand(name=club.name, band=club.colors.band if club.colors else None,
                  band_text=club.colors.band_text if club.colors else None, logo=logo, logo_aspect=aspect)
    return brand, catalogue.model_copy(update=update)
