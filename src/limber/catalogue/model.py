"""The typed catalogue model.

Takes: plain Python data (dicts and lists) as read from YAML.
Gives: immutable objects: ``Exercise``, ``Routine``, ``Dose``, ``CatalogueFile`` (one file's
content) and ``Catalogue`` (the merged whole). They are frozen dataclasses whose fields carry
their rules (``catalogue.rules``): pydantic validates a file into them (``rules.adapter``), and
the cached built-in catalogue loads, and is drawn, without importing pydantic.
Every field is bounded (``catalogue.fields``: text lengths, no blank text, no control or
invisible characters, URLs that fit a QR code; counts within sane ranges), so that what
loads can be printed by every command. Cross-references (``pairs_with``, routine items)
are checked by ``catalogue.load``, which knows where each value came from.
"""

from __future__ import annotations

import re
from dataclasses import field
from enum import Enum
from typing import Annotated, Any

from .. import words
from ..qrcap import MAX_URL_BYTES
from ..textsafe import brief
from .fields import check_url, text_rule
from .pose import Figure
from .rules import STRICT, Rule, about, frozen

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
RANGE_RE = re.compile(r"^\s*(\d{1,9})\s*-\s*(\d{1,9})\s*$")
MAX_COUNT = {"reps": 1000, "hold_s": 600, "time_s": 3600}  # per dose measure
ID = Annotated[str, Rule(pattern=ID_PATTERN, max_length=80)]
DEFAULT_VIDEO_TEMPLATE = "https://www.youtube.com/results?search_query={query}"
OWN_STEPS = "Steps and cues: limber's own"  # printed for an exercise whose source gives no steps


class Kind(str, Enum):
    stretch = "stretch"
    mobility = "mobility"
    dynamic = "dynamic"
    massage = "massage"
    breathing = "breathing"
    strength = "strength"


class Phase(str, Enum):
    warm_up = "warm-up"
    post_run = "post-run"
    anytime = "anytime"


class Level(str, Enum):
    basic = "basic"
    advanced = "advanced"


class Area(str, Enum):
    back = "back"
    lower_back = "lower-back"
    hips = "hips"
    hip_flexors = "hip-flexors"
    glutes = "glutes"
    hamstrings = "hamstrings"
    quads = "quads"
    inner_thighs = "inner-thighs"
    outer_thighs = "outer-thighs"
    calves = "calves"
    knees = "knees"
    ankles = "ankles"
    feet = "feet"
    core = "core"
    spine = "spine"
    shoulders = "shoulders"
    upper_back = "upper-back"
    chest = "chest"
    neck = "neck"
    breathing = "breathing"


class Equipment(str, Enum):
    wall = "wall"
    mat = "mat"
    chin_up_bar = "chin-up-bar"
    pole = "pole"
    chair = "chair"


@frozen
class Count:
    """A whole number or an inclusive range such as ``12-16``."""

    __pydantic_config__ = STRICT

    low: int
    high: int

    @property
    def mean(self) -> float:
        return (self.low + self.high) / 2

    def __str__(self) -> str:
        return str(self.low) if self.low == self.high else f"{self.low}-{self.high}"

    def __json__(self) -> int | str:
        """As written in a catalogue file: a whole number, or a range as text."""
        return self.low if self.low == self.high else str(self)


def parse_count(value: Any) -> Count:
    """Read ``8``, ``"8"`` or ``"12-16"`` into a Count; raise ValueError with a clear text otherwise."""
    if isinstance(value, Count):
        return value
    if isinstance(value, bool):
        raise ValueError(f"expected a whole number or a range such as 12-16, found {brief(value)}")
    if isinstance(value, int):
        low = high = value
    elif isinstance(value, str):
        text = value.strip()
        match = RANGE_RE.match(text)
        if match:
            low, high = int(match.group(1)), int(match.group(2))
        elif text.isdigit() and len(text) <= 9:
            low = high = int(text)
        else:
            raise ValueError(f"expected a whole number or a range such as 12-16, found {brief(value)}")
    else:
        raise ValueError(f"expected a whole number or a range such as 12-16, found {brief(value)}")
    if low < 1:
        raise ValueError(f"expected a count of at least 1, found {brief(value)}")
    if high > max(MAX_COUNT.values()):
        raise ValueError(f"{high} is far too many; at most {max(MAX_COUNT.values())}")
    if high < low:
        raise ValueError(f"malformed range {brief(value)}: the first number must not exceed the second")
    return Count(low=low, high=high)


CountField = Annotated[
    Count,
    Rule(
        before=parse_count,
        serialize=Count.__json__,
        schema={
            "anyOf": [{"type": "integer", "minimum": 1}, {"type": "string", "pattern": r"^\d+\s*-\s*\d+$"}],
            "description": "A whole number or a range such as 12-16.",
        },
    ),
]


@frozen
class Dose:
    """How much of an exercise: exactly one of reps, hold_s or time_s."""

    __pydantic_config__ = STRICT
    reps: Annotated[CountField | None, about("Repetitions, e.g. 10 or 15-20.")] = None
    hold_s: Annotated[CountField | None, about("Seconds to hold a position, e.g. 30 or 20-30.")] = None
    time_s: Annotated[CountField | None, about("Seconds of continuous movement, e.g. 20.")] = None
    sets: Annotated[int, about("How many times the whole dose is done.", ge=1, le=20)] = 1
    per_side: Annotated[bool, about("True if the dose is done on each side.")] = False
    side: Annotated[
        str,
        about("What 'each' refers to when per_side: side, leg, arm ...", pattern=r"^[a-z]+$", max_length=20),
    ] = "side"

    def __post_init__(self) -> None:
        given = [n for n in ("reps", "hold_s", "time_s") if getattr(self, n) is not None]
        if len(given) != 1:
            found = ", ".join(given) if given else "none"
            raise ValueError(f"a dose needs exactly one of reps, hold_s or time_s (found {found})")
        limit = MAX_COUNT[self.measure]
        if self.count.high > limit:
            raise ValueError(f"{self.measure} of {self.count} is too much; at most {limit}")

    @property
    def measure(self) -> str:
        return next(n for n in ("reps", "hold_s", "time_s") if getattr(self, n) is not None)

    @property
    def count(self) -> Count:
        return getattr(self, self.measure)

    def label(self, unit: str = "rep") -> str:
        """The dose as a runner reads it at a glance: 'Hold 30 s x 2 each side'.

        ``unit`` names one of what is counted ('breath' for a breathing exercise)."""
        count = self.count
        if self.measure == "reps":
            text = words.count(count, unit)
        elif self.measure == "hold_s":
            text = f"Hold {count} s"
        else:
            text = f"{count} s"
        if self.sets > 1:
            text += f" x {self.sets}"
        if self.per_side:
            text += f" each {self.side}"
        return text


Line = Annotated[str, text_rule(200)]  # a step, cue or benefit
Title = Annotated[str, text_rule(80)]  # an exercise's name, a routine's title
Note = Annotated[str, text_rule(120)]  # a routine item's note
Source = Annotated[str, text_rule(300)]  # a source document, a dose note
Summary = Annotated[str, text_rule(500)]  # a routine's summary


def _as_list(value: Any) -> Any:
    """``pairs_with: back-arch`` reads as ``[back-arch]``; a list stays a list."""
    return [value] if isinstance(value, str) else value


PairsField = Annotated[
    list[ID],
    Rule(
        max_length=10,
        before=_as_list,
        schema={
            "anyOf": [
                {"type": "string", "pattern": ID_PATTERN, "maxLength": 80},
                {
                    "type": "array",
                    "maxItems": 10,
                    "items": {"type": "string", "pattern": ID_PATTERN, "maxLength": 80},
                },
            ],
            "description": "Ids of the exercises that balance this one (one id or a list).",
        },
    ),
]


@frozen
class Cues:
    __pydantic_config__ = STRICT
    do: Annotated[list[Line], about("Short reminders of what to do.", max_length=10)] = field(
        default_factory=list
    )
    avoid: Annotated[list[Line], about("Short reminders of what to avoid.", max_length=10)] = field(
        default_factory=list
    )

    def __post_init__(self) -> None:
        if not self.do and not self.avoid:
            raise ValueError("cues need at least one 'do' or 'avoid' line")

    def all(self) -> list[str]:
        return [*self.do, *self.avoid]


def _or_plain_list(schema: dict) -> None:
    """JSON Schema of ``cues``: the Cues mapping, or a plain list of 'do' lines."""
    ref = schema.pop("$ref", None) or schema.pop("allOf")[0]["$ref"]
    schema["anyOf"] = [
        {"$ref": ref},
        {"type": "array", "items": {"type": "string", "minLength": 1, "maxLength": 200}, "maxItems": 10},
    ]


def _cue_list(value: Any) -> Any:
    """``cues:`` given as a plain list is the "do" lines."""
    return {"do": value} if isinstance(value, list) else value


Video = Annotated[
    str | None,
    Rule(
        description="http(s) URL of a demo video.",
        after=check_url,
        json_schema_extra={"maxLength": MAX_URL_BYTES, "pattern": r"^https?://"},
    ),
]


@frozen
class Exercise:
    """One exercise of the catalogue."""

    __pydantic_config__ = STRICT
    id: Annotated[ID, about("Unique kebab-case id, e.g. back-twist.")]
    name: Annotated[Title, about("Name shown on cards.")]
    kind: Kind
    phases: Annotated[
        list[Phase], about("When it belongs: warm-up, post-run, anytime.", min_length=1, max_length=3)
    ]
    areas: Annotated[list[Area], about("Body areas it works.", min_length=1, max_length=20)]
    level: Level = Level.basic
    equipment: Annotated[list[Equipment], Rule(max_length=5)] = field(default_factory=list)
    benefits: Annotated[list[Line], Rule(min_length=1, max_length=10)]
    steps: Annotated[list[Line], Rule(min_length=1, max_length=8)]
    cues: Annotated[
        Cues,
        about(
            "'do' and 'avoid' lines; a plain list is read as the 'do' lines.",
            before=_cue_list,
            json_schema_extra=lambda schema: _or_plain_list(schema),
        ),
    ]
    dose: Dose
    dose_note: Annotated[Source | None, about("Where the dose comes from when no source gives one.")] = None
    pairs_with: PairsField = field(default_factory=list)
    video: Video = None
    source: Annotated[Source | None, about("Which source document the facts come from.")] = None
    own_steps: Annotated[
        bool,
        about("True when the source gives no steps or cues, so that limber wrote its own (cards say so)."),
    ] = False
    figure: Annotated[Figure | None, about("Pose data for the drawn figure (see data/figures).")] = None

    @property
    def unit(self) -> str:
        """What a count of this exercise counts, for one: a breath for breathing, else a rep."""
        return "breath" if self.kind == Kind.breathing else "rep"

    def dose_label(self, dose: Dose | None = None) -> str:
        """``dose`` (the exercise's own by default) as a runner reads it, in this exercise's unit."""
        return (dose or self.dose).label(self.unit)


@frozen
class RoutineItem:
    __pydantic_config__ = STRICT
    exercise: Annotated[ID, about("Id of an exercise in the catalogue.")]
    dose: Annotated[Dose | None, about("Overrides the exercise's own dose.")] = None
    note: Note | None = None


@frozen
class Routine:
    __pydantic_config__ = STRICT
    id: ID
    title: Title
    phase: Phase
    summary: Summary
    items: Annotated[list[RoutineItem], Rule(min_length=1, max_length=60)]
    video: Video = None
    source: Source | None = None


def check_template(value: str | None) -> str | None:
    """A video template must be a URL once ``{query}`` is filled in, and must hold ``{query}``."""
    if value is not None:
        check_url(value.replace("{query}", "x"))
        if "{query}" not in value:
            raise ValueError("a video_template must contain {query}")
    return value


@frozen
class CatalogueFile:
    """The content of one catalogue YAML file."""

    __pydantic_config__ = STRICT
    video_template: Annotated[
        str | None,
        about(
            "URL template for demo videos; {query} is the exercise name plus 'exercise'.",
            after=check_template,
        ),
    ] = None
    exercises: Annotated[list[Exercise] | None, Rule(min_length=1)] = None
    routines: Annotated[list[Routine] | None, Rule(min_length=1)] = None


@frozen
class Catalogue:
    """The merged catalogue: built-in data with the user's files laid over it."""

    exercises: dict[str, Exercise]
    routines: dict[str, Routine]
    video_template: str = DEFAULT_VIDEO_TEMPLATE

    def video_url(self, item: Exercise | Routine) -> str:
        """The demo-video link: the item's own, else one made from the template."""
        from urllib.parse import quote_plus

        if item.video:
            return item.video
        name = item.name if isinstance(item, Exercise) else item.title
        query = name if isinstance(item, Routine) else f"{name} exercise"
        return self.video_template.replace("{query}", quote_plus(query))
