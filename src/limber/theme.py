"""Themes: colours, text sizes, margins and card regions, as YAML data with ``extends``.

Takes: a theme name (a file in ``templates/``) or the path of a theme YAML file.
Gives: a validated, immutable ``Theme`` (frozen dataclasses that pydantic checks through
``catalogue.rules``, so a cached built-in theme loads without pydantic). ``extends`` names one or more parent themes
(names or paths relative to the file); parents merge first, in order, children override
key by key. A cycle or an unknown parent is an error naming the file and line. The
built-in themes come from ``limber.cache`` while the template files are unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from .catalogue.rules import STRICT, Rule, frozen
from .catalogue.yamlpos import read_yaml, validate
from .contrast import faint_text
from .errors import DataError, NotFoundError, Problem
from .resources import display_path, templates_dir
from .words import suggest

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def _color(value: str) -> str:
    if not _HEX.match(value):
        raise ValueError(f"expected a colour as '#rrggbb', found {value!r}")
    return value


Color = Annotated[str, Rule(after=_color)]


def _card_size_name(value: str) -> str:
    """A card size limber knows."""
    from .sizes import card_size

    try:
        card_size(value)
    except NotFoundError as error:
        raise ValueError(str(error)) from None
    return value


def _product_sizes(value: dict[str, str]) -> dict[str, str]:
    """A known card size for each product, exercise and routine."""
    from .sizes import card_size

    missing = [k for k in ("exercise", "routine") if k not in value]
    if missing:
        raise ValueError(f"needs a card size for {' and '.join(missing)}")
    unknown = [k for k in value if k not in ("exercise", "routine")]
    if unknown:
        raise ValueError(f"unknown product {unknown[0]!r}: use exercise and routine")
    for size in value.values():
        try:
            card_size(size)
        except NotFoundError as error:
            raise ValueError(str(error)) from None
    return value


@frozen
class Colors:
    __pydantic_config__ = STRICT
    ink: Annotated[Color, Rule(description="Main text.")]
    muted: Annotated[Color, Rule(description="Secondary text.")]
    paper: Color
    rule: Annotated[Color, Rule(description="Thin lines and frames.")]
    band_text: Annotated[Color, Rule(description="Text on the colour band.")]
    badge: Color
    badge_text: Color
    tag: Color
    tag_text: Color
    do: Color
    avoid: Color
    figure_ink: Color
    figure_far: Color
    figure_ghost: Color
    figure_prop: Color
    figure_accent: Color
    kinds: Annotated[dict[str, Color], Rule(description="Band colour per exercise kind, and 'routine'.")]


@frozen
class Role:
    __pydantic_config__ = STRICT
    """One role of text: the size it starts at and the floor it may shrink to (points)."""

    size: Annotated[float, Rule(ge=4, le=96, description="Preferred size, on a card of the reference size.")]
    min: Annotated[float, Rule(ge=4, le=96, description="Smallest size the text may shrink to.")]

    def __post_init__(self) -> None:
        if self.min > self.size:
            raise ValueError(f"min ({self.min:g}) must not exceed size ({self.size:g})")


ROLES = ("title", "subtitle", "steps", "cues", "chips", "small", "badge")


@frozen
class TextSizes:
    __pydantic_config__ = STRICT
    reference: Annotated[
        str,
        Rule(description="Card size the sizes are for; larger cards scale them up.", after=_card_size_name),
    ]
    floor: Annotated[
        float, Rule(ge=4, le=96, description="Cards smaller than a playing card may shrink text to this.")
    ]
    title: Annotated[Role, Rule(description="Exercise and routine names.")]
    subtitle: Annotated[Role, Rule(description="Kind, level and equipment line; routine duration.")]
    steps: Annotated[Role, Rule(description="Numbered steps on exercise fronts, and routine rows.")]
    cues: Annotated[Role, Rule(description="Do, Avoid and Why lists on exercise backs; routine summaries.")]
    chips: Annotated[Role, Rule(description="Body-area tags.")]
    small: Annotated[Role, Rule(description="Captions, card numbers and the safety note.")]
    badge: Annotated[Role, Rule(description="The dose badge.")]
    leading: Annotated[float, Rule(ge=1.0, le=2.0, description="Line height as a multiple of the size.")]

    @property
    def body(self) -> float:
        """Preferred size of the main text (the steps)."""
        return self.steps.size

    @property
    def min_body(self) -> float:
        """Floor of the main text (the steps)."""
        return self.steps.min


@frozen
class ExerciseFront:
    __pydantic_config__ = STRICT
    figure: Annotated[
        float, Rule(ge=0, le=300, description="Preferred figure height on the reference card, mm.")
    ]
    min_figure: Annotated[
        float, Rule(ge=0, le=300, description="The figure never gets less height than this, mm.")
    ]
    badge: Annotated[
        float, Rule(gt=0, le=50, description="Height of the dose badge on the reference card, mm.")
    ]


@frozen
class RoutineCard:
    __pydantic_config__ = STRICT
    qr: Annotated[float, Rule(gt=0, le=100, description="Smallest side of the routine's QR code, mm.")]


@frozen
class PosterStyle:
    __pydantic_config__ = STRICT
    """Poster spacing; text sizes on posters come from the reading distance, not from here."""

    margin: Annotated[float, Rule(ge=5, le=50, description="Page margin, mm (home printers need 5).")] = 10.0
    gap: Annotated[float, Rule(ge=1, le=50, description="Space between panels, mm.")] = 5.0
    figure_share: Annotated[
        float, Rule(ge=0.1, le=0.8, description="Least share of a panel's height for the figure.")
    ] = 0.3
    title_scale: Annotated[
        float, Rule(ge=1, le=3, description="Poster title size relative to exercise names.")
    ] = 1.25


@frozen
class Theme:
    __pydantic_config__ = STRICT
    name: str
    fills: Annotated[bool, Rule(description="False: no solid fills (ink saver); bands become outlines.")]
    colors: Colors
    text: TextSizes
    sizes: Annotated[
        dict[str, str],
        Rule(description="Default card size per product: exercise, routine.", after=_product_sizes),
    ]
    safe: Annotated[float, Rule(ge=3, le=20, description="Text safe zone inside the trim, mm (at least 3).")]
    bleed: Annotated[float, Rule(ge=0, le=10)]
    back_band: Annotated[float, Rule(ge=0, le=30, description="Height of the slim colour band on backs, mm.")]
    exercise_front: ExerciseFront
    routine_card: RoutineCard
    poster: PosterStyle = field(default_factory=PosterStyle)

    def kind_color(self, kind: str) -> str:
        return self.colors.kinds.get(kind, self.colors.ink)

    def tint(self, color: str) -> str:
        """Text or an accent (a marker, heading or frame) in ``color``: in ink in the ink saver,
        which has no fills for light text to stand on. ``paint`` colours text on a fill so."""
        return color if self.fills else self.colors.ink

    def paint(self, fill: str, text: str, outline: str | None = None) -> Paint:
        """A shape filled with ``fill`` and ``text`` on it (a badge, band or tag); in the ink
        saver, no fill: an outline in ``outline`` (default ink) and the text in ink."""
        if self.fills:
            return Paint(fill, None, text)
        return Paint(None, outline or self.colors.ink, self.tint(text))


@dataclass(frozen=True)
class Paint:
    """How a filled shape and the text on it are drawn: fill, outline, text colour."""

    fill: str | None
    stroke: str | None
    text: str


def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _locate(ref: str, relative_to: Path | None) -> Path:
    candidate = Path(ref)
    if ref.endswith((".yaml", ".yml")) or "/" in ref:
        if not candidate.is_absolute() and relative_to is not None and not candidate.exists():
            candidate = relative_to / candidate
        return candidate
    path = templates_dir() / f"{ref}.yaml"
    if not path.is_file():
        names = sorted(p.stem for p in templates_dir().glob("*.yaml"))
        raise NotFoundError(
            f"unknown theme '{ref}'{suggest(ref, names)}: use one of {', '.join(names)}, "
            "or the path of a theme file"
        )
    return path


MAX_THEME_FILES = 32  # files one theme may draw on through ``extends``, itself included


def _raw(path: Path, chain: tuple[Path, ...], done: dict[Path, dict] | None = None) -> dict:
    """The theme file ``path`` merged over its parents. ``done`` holds each file already
    merged in this load, so that a file named by several themes of a fan is read once."""
    done = {} if done is None else done
    path = path.resolve() if path.exists() else path
    display = display_path(path)
    if path in chain:
        cycle = " -> ".join(display_path(p) for p in (*chain, path))
        raise DataError(
            [Problem(display, None, None, "extends", f"themes extend each other in a cycle: {cycle}")]
        )
    if path in done:
        return done[path]
    if len(done) + len(chain) >= MAX_THEME_FILES:
        raise DataError(
            [
                Problem(
                    display,
                    None,
                    None,
                    "extends",
                    f"the theme draws on more than {MAX_THEME_FILES} theme files through extends",
                )
            ]
        )
    data, pos = read_yaml(path, display)
    if not isinstance(data, dict):
        raise DataError([pos.problem((), "", "expected a mapping at the top level of a theme")])
    parents = data.pop("extends", [])
    parents = [parents] if isinstance(parents, str) else parents
    if not isinstance(parents, list) or not all(isinstance(p, str) and p.strip() for p in parents):
        raise DataError(
            [
                pos.problem(
                    ("extends",),
                    "extends",
                    f"expected a theme name or file, or a list of them, found {parents!r}",
                )
            ]
        )
    merged: dict[str, Any] = {}
    for index, parent in enumerate(parents):
        try:
            parent_path = _locate(parent, path.parent)
            if not parent_path.is_file():
                raise NotFoundError(f"theme file not found: {parent}")
        except NotFoundError as error:
            where = ("extends", index) if len(parents) > 1 else ("extends",)
            raise DataError([pos.problem(where, "extends", str(error))]) from None
        merged = _merge(merged, _raw(parent_path, (*chain, path), done))
    merged = _merge(merged, data)
    merged["_pos"] = pos  # positions of the file itself, for validation messages
    done[path] = merged
    return merged


def load_theme(ref: str | Path = "default") -> Theme:
    """The theme ``ref``: a bundled name or a YAML file path."""
    path = _locate(str(ref), None)
    if not path.is_file():
        raise NotFoundError(f"theme file not found: {ref}")
    bundled = sorted(templates_dir().glob("*.yaml"))
    if path.resolve() in {p.resolve() for p in bundled}:  # a built-in theme: validated once, cached
        from .cache import cached

        return cached(f"theme-{path.stem}", bundled, lambda: _validated(path))
    return _validated(path)


def _validated(path: Path) -> Theme:
    """The theme file ``path`` merged over its parents and checked: fields, and the contrast
    of every colour that cards and posters set text in (``contrast.faint_text``)."""
    data = dict(_raw(path, ()))
    pos = data.pop("_pos")
    theme = validate(Theme, data, pos)
    faint = faint_text(theme.colors, theme.fills)
    if faint:
        raise DataError([pos.problem(tuple(field.split(".")), field, message) for field, message in faint])
    return theme
