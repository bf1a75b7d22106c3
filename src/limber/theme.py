"""Themes: colours, text sizes, margins and card regions, as YAML data with ``extends``.

Takes: a theme name (a file in ``templates/``) or the path of a theme YAML file.
Gives: a validated, immutable ``Theme``. ``extends`` names one or more parent themes
(names or paths relative to the file); parents merge first, in order, children override
key by key. A cycle or an unknown parent is an error naming the file and line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .catalogue.yamlpos import read_yaml, validate
from .errors import DataError, NotFoundError, Problem
from .resources import display_path, templates_dir

Color = str
_HEX = r"^#[0-9a-fA-F]{6}$"


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Colors(_Strict):
    ink: Color = Field(pattern=_HEX, description="Main text.")
    muted: Color = Field(pattern=_HEX, description="Secondary text.")
    paper: Color = Field(pattern=_HEX)
    rule: Color = Field(pattern=_HEX, description="Thin lines and frames.")
    band_text: Color = Field(pattern=_HEX, description="Text on the colour band.")
    badge: Color = Field(pattern=_HEX)
    badge_text: Color = Field(pattern=_HEX)
    tag: Color = Field(pattern=_HEX)
    tag_text: Color = Field(pattern=_HEX)
    do: Color = Field(pattern=_HEX)
    avoid: Color = Field(pattern=_HEX)
    figure_ink: Color = Field(pattern=_HEX)
    figure_far: Color = Field(pattern=_HEX)
    figure_ghost: Color = Field(pattern=_HEX)
    figure_prop: Color = Field(pattern=_HEX)
    figure_accent: Color = Field(pattern=_HEX)
    kinds: dict[str, Color] = Field(description="Band colour per exercise kind, and 'routine'.")


class TextSizes(_Strict):
    title: float = Field(gt=0, le=200)
    subtitle: float = Field(gt=0, le=200)
    body: float = Field(gt=0, le=200, description="Body text starts at this size ...")
    min_body: float = Field(gt=0, le=200, description="... and may shrink down to this floor.")
    small: float = Field(gt=0, le=200)
    badge: float = Field(gt=0, le=200)
    leading: float = Field(ge=1.0, le=2.0, description="Line height as a multiple of the size.")

    @model_validator(mode="after")
    def _floor(self) -> "TextSizes":
        if self.min_body > self.body:
            raise ValueError("min_body must not exceed body")
        return self


class ExerciseFront(_Strict):
    band: float = Field(gt=0)
    figure: float = Field(ge=0)
    min_figure: float = Field(ge=0)
    badge: float = Field(gt=0)


class RoutineCard(_Strict):
    band: float = Field(gt=0)
    qr: float = Field(gt=0)


class PosterStyle(_Strict):
    """Poster spacing; text sizes on posters come from the reading distance, not from here."""

    margin: float = Field(10.0, ge=5, le=50, description="Page margin, mm (home printers need 5).")
    gap: float = Field(5.0, ge=1, le=50, description="Space between panels, mm.")
    figure_share: float = Field(0.3, ge=0.1, le=0.8, description="Least share of a panel's height for the figure.")
    title_scale: float = Field(1.25, ge=1, le=3, description="Poster title size relative to exercise names.")


class Theme(_Strict):
    name: str
    fills: bool = Field(description="False: no solid fills (ink saver); bands become outlines.")
    colors: Colors
    text: TextSizes
    sizes: dict[str, str] = Field(description="Default card size per product: exercise, routine.")
    safe: float = Field(ge=3, le=20, description="Text safe zone inside the trim, mm (at least 3).")
    bleed: float = Field(ge=0, le=10)
    exercise_front: ExerciseFront
    routine_card: RoutineCard
    poster: PosterStyle = Field(default_factory=PosterStyle)

    def kind_color(self, kind: str) -> str:
        return self.colors.kinds.get(kind, self.colors.ink)


def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _locate(ref: str, relative_to: Optional[Path]) -> Path:
    candidate = Path(ref)
    if ref.endswith((".yaml", ".yml")) or "/" in ref:
        if not candidate.is_absolute() and relative_to is not None and not candidate.exists():
            candidate = relative_to / candidate
        return candidate
    path = templates_dir() / f"{ref}.yaml"
    if not path.is_file():
        names = ", ".join(sorted(p.stem for p in templates_dir().glob("*.yaml")))
        raise NotFoundError(f"unknown theme '{ref}': use one of {names}, or the path of a theme file")
    return path


def _raw(path: Path, chain: tuple[Path, ...]) -> dict:
    path = path.resolve() if path.exists() else path
    display = display_path(path)
    if path in chain:
        cycle = " -> ".join(display_path(p) for p in (*chain, path))
        raise DataError([Problem(display, None, None, "extends", f"themes extend each other in a cycle: {cycle}")])
    data, pos = read_yaml(path, display)
    if not isinstance(data, dict):
        raise DataError([pos.problem((), "", "expected a mapping at the top level of a theme")])
    parents = data.pop("extends", [])
    parents = [parents] if isinstance(parents, str) else parents
    merged: dict[str, Any] = {}
    for index, parent in enumerate(parents):
        try:
            parent_path = _locate(str(parent), path.parent)
            if not parent_path.is_file():
                raise NotFoundError(f"theme file not found: {parent}")
        except NotFoundError as error:
            where = ("extends", index) if len(parents) > 1 else ("extends",)
            raise DataError([pos.problem(where, "extends", str(error))]) from None
        merged = _merge(merged, _raw(parent_path, (*chain, path)))
    merged = _merge(merged, data)
    merged["_pos"] = pos  # positions of the file itself, for validation messages
    return merged


def load_theme(ref: Union[str, Path] = "default") -> Theme:
    """The theme ``ref``: a bundled name or a YAML file path."""
    path = _locate(str(ref), None)
    if not path.is_file():
        raise NotFoundError(f"theme file not found: {ref}")
    data = _raw(path, ())
    pos = data.pop("_pos")
    return validate(Theme, data, pos)
