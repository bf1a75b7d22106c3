"""The figure data of an exercise: view, posed frames, props, contacts and motion arrows.

Takes: plain data (a ``figure:`` mapping from YAML). Gives: a validated, immutable
``FigureSpec``; ``figure_from_data`` validates with file:line:column positions. The classes
are frozen dataclasses whose fields carry their rules (``catalogue.rules``), so a cached
figure loads and is drawn without importing pydantic. Validate against ``Figure`` (the
annotated type, e.g. ``rules.adapter(Figure)``), not the bare ``FigureSpec``: it sets the
view the angle limits are checked in and checks the names and contacts of the whole figure.

A pose is a handful of joint angles in degrees, never coordinates. Angles are checked
against plausible human limits here, at load time, with messages such as
"knee angle 200 deg is beyond the human limit of 0..160".

Conventions (the figure faces right in side view; front view looks at its face):
  trunk  the lower torso's tilt from vertical, + toward the picture's right (forward in
         side view). It also places the whole body: -90 lies on the back, 180 hangs head down.
  spine  upper torso relative to lower: side + rounds forward, - arches back; front + bends
         toward the picture's right.
  neck   head relative to upper torso: side + chin down, - looks up; front + tilts right.
  Limbs (``near``/``far`` in side view, ``left``/``right`` in front view, the figure's own
  left being on the picture's right) take hip, knee, ankle, shoulder, elbow and wrist; each
  field's description says what + means in each view. Front-view angles are what the eye
  sees in the picture plane, mirrored for the right side so that + always means outward.
World coordinates are body units (standing height about 94, see ``figure.skeleton``); the
floor is y = 0 and each frame's ``anchor`` body point is placed at ``at``.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import field
from enum import Enum
from typing import Annotated, Any

from ..errors import DataError, Problem
from .contacts import contact_problems
from .joints import LIMB_JOINTS, LIMITS, SIDES, limit_problem, point_names  # noqa: F401 (LIMB_JOINTS: a Limb's fields)
from .rules import STRICT, Rule, about, frozen

_VIEW: ContextVar[str] = ContextVar("limber_figure_view", default="side")

# Positions and sizes in body units stay within this of the origin (a body is about 94 tall).
REACH = 1000.0


def _within_limit(joint: str) -> Callable[[float], float]:
    """Validator of the angle ``joint``: the value within the human limit of the view being
    validated, or an error."""

    def check(value: float) -> float:
        message = limit_problem(_VIEW.get(), joint, value)
        if message:
            raise ValueError(message)
        return value

    return check


def angle(joint: str, description: str, **rules: Any) -> Rule:
    """The rules of the angle field ``joint``: its description, and its human limit."""
    return about(description, after=_within_limit(joint), **rules)


def _bounded(value):
    """Field validator: every number of a position or size within ``REACH`` body units."""
    numbers = value if isinstance(value, (list, tuple)) else [value]
    for number in numbers:
        if number is not None and abs(number) > REACH:
            raise ValueError(
                f"{number:g} is out of range: positions and sizes stay within "
                f"-{REACH:g}..{REACH:g} body units (a standing body is about 94)"
            )
    return value


def within_reach(description: str, **rules: Any) -> Rule:
    """The rules of a position or size: its description, and within ``REACH``."""
    return about(description, after=_bounded, **rules)


class View(str, Enum):
    side = "side"
    front = "front"


class Sequence(str, Enum):
    overlay = "overlay"
    panels = "panels"


class Role(str, Enum):
    main = "main"
    ghost = "ghost"


@frozen
class Limb:
    """The joint angles (degrees) of one side's arm and leg; 0 is standing with the arm hanging."""

    __pydantic_config__ = STRICT
    hip: Annotated[
        float,
        angle(
            "hip",
            "side: flexion, + thigh forward/up, - behind. front: + leg out to the side, - across the body.",
        ),
    ] = 0
    knee: Annotated[
        float,
        angle(
            "knee",
            "side: flexion, 0 straight to 160 fully bent. front: + the shin turns in toward the midline.",
        ),
    ] = 0
    ankle: Annotated[
        float, angle("ankle", "side: + toes pulled up, - toes pointed. front: tilt of the foot.")
    ] = 0
    shoulder: Annotated[
        float,
        angle(
            "shoulder",
            "side: flexion, + arm forward/up (180 overhead), - behind. "
            "front: + arm out to the side and up, - across the body.",
        ),
    ] = 0
    elbow: Annotated[
        float,
        angle(
            "elbow",
            "side: flexion, + forearm forward/up. front: + forearm turns up/out, - turns in toward the body.",
        ),
    ] = 0
    wrist: Annotated[
        float, angle("wrist", "Hand relative to forearm, + bends the same way as the elbow.")
    ] = 0


def _listify(value: Any) -> Any:
    """One number where a [from, to] range may stand reads as [number]."""
    return [value] if isinstance(value, (int, float)) and not isinstance(value, bool) else value


# A prop's x or y: one number or a [from, to] range.
Span = Annotated[Annotated[list[float], Rule(min_length=1, max_length=2)] | None, Rule(before=_listify)]


@frozen
class Prop:
    """A simple shape the figure uses. Positions are body units; floor y = 0, x = 0 below the anchor.

    floor: the ground line. mat: ``x`` = [from, to] on the floor, ``thickness``; with ``y`` =
    [from, to] it is seen from above (a lying figure in front view). wall: ``x`` = one number
    (seen edge-on, up to ``top``), or ``x`` and ``y`` ranges for a wall seen face-on behind the
    figure. pole: ``x`` and ``top``. bar (chin-up bar): ``y`` = height, ``x`` = one number
    (seen end-on, side view) or a range (front view). chair: ``x`` = seat [back, front], ``seat``
    height, ``top`` of the backrest.
    """

    __pydantic_config__ = STRICT
    kind: Annotated[
        str,
        Rule(
            pattern=r"^(floor|mat|wall|pole|bar|chair)$",
            description="floor, mat, wall, pole, bar (chin-up bar) or chair.",
        ),
    ]
    name: Annotated[
        str | None,
        Rule(pattern=r"^[a-z][a-z0-9_-]*$", description="Name that contacts use; defaults to the kind."),
    ] = None
    x: Annotated[Span, within_reach("Horizontal position: one number or [from, to].")] = None
    y: Annotated[Span, within_reach("Vertical position: one number or [from, to].")] = None
    top: Annotated[float | None, within_reach("Height of a wall, pole or chair back.", gt=0)] = None
    seat: Annotated[float | None, within_reach("Seat height of a chair.", gt=0)] = None
    thickness: Annotated[float, Rule(gt=0, le=10, description="Thickness of a mat.")] = 2.0

    def __post_init__(self) -> None:
        need = {
            "floor": (),
            "mat": ("x",),
            "wall": ("x",),
            "pole": ("x", "top"),
            "bar": ("x", "y"),
            "chair": ("x", "seat", "top"),
        }[self.kind]
        missing = [n for n in need if getattr(self, n) is None]
        if missing:
            raise ValueError(f"a {self.kind} needs {', '.join(missing)}")
        for name in ("x", "y"):
            value = getattr(self, name)
            if value is not None and len(value) == 2 and value[0] >= value[1]:
                raise ValueError(f"{name} range [{value[0]:g}, {value[1]:g}] must go from low to high")
        x = self.x or ()  # None only for the floor, which the rules below leave alone
        if self.kind == "wall" and len(x) == 1 and self.top is None:
            raise ValueError("a wall seen edge-on needs top")
        if self.kind == "wall" and len(x) == 2 and (self.y is None or len(self.y) != 2):
            raise ValueError("a wall seen face-on needs x and y ranges")
        if self.kind in ("mat", "chair") and len(x) != 2:
            raise ValueError(f"a {self.kind} needs x as a range [from, to]")

    @property
    def label(self) -> str:
        return self.name or self.kind


@frozen
class Frame:
    """One pose of the figure. Unnamed angles are 0 (standing straight, arms hanging)."""

    __pydantic_config__ = STRICT
    role: Annotated[
        Role,
        about(
            "main (drawn in ink) or ghost: another stage of the movement, drawn "
            "behind in the start tone or in its own panel (see sequence)."
        ),
    ] = Role.main
    anchor: Annotated[str, about("Body point placed at ``at``, e.g. near_ankle, pelvis, near_hand.")]
    at: Annotated[tuple[float, float], within_reach("Where the anchor goes: [x, y] in body units.")] = (
        0.0,
        0.0,
    )
    trunk: Annotated[
        float,
        Rule(
            ge=-180,
            le=180,
            description="Tilt of the lower torso from vertical, "
            "+ toward the picture's right; -90 lies on the back, 90 lies face down.",
        ),
    ] = 0
    spine: Annotated[
        float,
        angle(
            "spine",
            "Upper torso relative to lower: side + rounds forward, "
            "- arches; front + bends toward the picture's right.",
        ),
    ] = 0
    neck: Annotated[
        float,
        angle(
            "neck",
            "Head relative to upper torso: side + chin down, - looks up; "
            "front + tilts toward the picture's right.",
        ),
    ] = 0
    fold: Annotated[
        bool,
        about(
            "Front view only: folded forward at the hips, so the torso is drawn "
            "hanging down from the hips toward the viewer."
        ),
    ] = False
    near: Annotated[Limb | None, about("Side view: the limbs nearer the viewer (drawn in ink).")] = None
    far: Annotated[Limb | None, about("Side view: the limbs farther away (drawn lighter).")] = None
    left: Annotated[Limb | None, about("Front view: the figure's left limbs (picture right).")] = None
    right: Annotated[Limb | None, about("Front view: the figure's right limbs (picture left).")] = None
    touch: Annotated[
        dict[str, str],
        about(
            "Contacts: body point -> prop name or another body point, e.g. {near_ankle: floor, "
            "near_hand: wall}. Each must touch within 1 mm at the drawn scale."
        ),
    ] = field(default_factory=dict)
    view: Annotated[
        View | None,
        about(
            "With sequence: panels, this frame's own view, e.g. one stage "
            "seen from the side and the next from the front."
        ),
    ] = None

    def seen(self, default: str) -> str:
        """The view this frame is drawn in: its own, else the figure's ``default``."""
        return self.view.value if self.view is not None else default

    def limb(self, side: str) -> Limb:
        return getattr(self, side) or Limb()


def _names(frame: Frame) -> Frame:
    """After validator of a frame: its limbs, anchor and contacts name body points of the view
    being validated (set by ``_own_view`` or ``_in_view``)."""
    view = _VIEW.get()
    points = point_names(view)
    own, other = SIDES[view], SIDES["front" if view == "side" else "side"]
    problems = []
    for side in other:
        if getattr(frame, side) is not None:
            problems.append(
                f"{side} limbs belong to the other view; a {view} view uses {own[0]} and {own[1]}"
            )
    if frame.fold and view != "front":
        problems.append("fold is for the front view only")
    if frame.anchor not in points:
        problems.append(f"anchor: unknown body point '{frame.anchor}'")
    for point in frame.touch:
        if point not in points:
            problems.append(f"touch: unknown body point '{point}'")
    if problems:
        raise ValueError("; ".join(problems))
    return frame


def _given_view(data: Any) -> str | None:
    """The ``view`` that a mapping (or an object) being validated names, as text; None when it
    names none, or something that is not text (a list, a mapping: its own field reports it)."""
    view = data.get("view") if isinstance(data, dict) else getattr(data, "view", None)
    view = getattr(view, "value", view)
    return view if isinstance(view, str) else None


def _in(view: str, data: Any, handler) -> Any:
    """``handler(data)`` with ``view`` as the view being validated."""
    token = _VIEW.set(view)
    try:
        return handler(data)
    finally:
        _VIEW.reset(token)


def _own_view(data: Any, handler) -> Any:
    """Wrap validator of a frame: one that names its own view is validated in that view
    (``_names`` included)."""
    view = _given_view(data)
    return _in(view, data, handler) if view in LIMITS else handler(data)


@frozen
class Arrow:
    """A motion arrow, drawn in the accent colour.

    move: from ``point`` in frame ``start`` to the same point in frame ``end``, curved by
    ``bend`` degrees. circle: round ``point`` with ``radius`` (a circling movement). turn: a flat
    ellipse round ``point`` with ``radius`` (a twist about the body's long axis). line: from
    ``point`` + ``offset`` along ``vector``. ``offset`` moves any arrow's centre or start. A turn
    about a lying body's long axis (``axis: across``) is drawn as an upright ellipse.
    """

    __pydantic_config__ = STRICT
    kind: Annotated[
        str, Rule(pattern=r"^(move|circle|turn|line)$", description="move, circle, turn or line.")
    ]
    point: Annotated[str, about("The body point the arrow belongs to.")]
    frame: Annotated[
        int | None, Rule(ge=0, le=2, description="Frame of ``point`` (default: the main one).")
    ] = None
    start: Annotated[int | None, Rule(ge=0, le=2, description="move: the frame the movement starts in.")] = (
        None
    )
    end: Annotated[int | None, Rule(ge=0, le=2, description="move: the frame it ends in.")] = None
    bend: Annotated[
        float,
        Rule(
            ge=-150,
            le=150,
            description="move: curvature in degrees; + bulges to the "
            "right of the direction of travel, - to the left.",
        ),
    ] = 0
    radius: Annotated[float, Rule(gt=0, le=60, description="circle and turn: radius in body units.")] = 8
    offset: Annotated[tuple[float, float], within_reach("Shift from the point, body units.")] = (0.0, 0.0)
    vector: Annotated[tuple[float, float] | None, within_reach("line: direction and length.")] = None
    clockwise: Annotated[bool, about("circle and turn: the way round it goes (as drawn).")] = True
    axis: Annotated[
        str,
        Rule(
            pattern=r"^(up|across)$",
            description="turn: the twist's axis in the picture: "
            "up (a standing body's long axis) or across (a lying body's).",
        ),
    ] = "up"
    both: Annotated[bool, about("Heads at both ends (a back-and-forth movement).")] = False

    def __post_init__(self) -> None:
        if self.kind == "move" and (self.start is None or self.end is None or self.start == self.end):
            raise ValueError("a move arrow needs two different frames: start and end")
        if self.kind == "line" and self.vector is None:
            raise ValueError("a line arrow needs vector")


@frozen
class FigureSpec:
    """The drawn figure of one exercise: a body in one view, 1-3 frames, props and arrows."""

    __pydantic_config__ = STRICT
    view: Annotated[View, about("side (faces right unless facing: left) or front.")]
    facing: Annotated[
        str,
        Rule(
            pattern=r"^(left|right)$",
            description="Side view (and side-view frames): the way the figure faces.",
        ),
    ] = "right"
    sequence: Annotated[
        Sequence,
        about(
            "How the stages of a movement show: overlay (ghost frames drawn "
            "behind the main one in the start tone) or panels (every frame in "
            "its own panel, left to right in order, arrows between)."
        ),
    ] = Sequence.overlay
    frames: Annotated[
        list[Annotated[Frame, Rule(wrap=_own_view, after=_names)]],
        Rule(min_length=1, max_length=3, description="1 to 3 poses; one is main."),
    ]
    props: Annotated[list[Prop], about("Floor, mat, wall, pole, bar, chair.")] = field(default_factory=list)
    arrows: Annotated[list[Arrow], Rule(max_length=4, description="Motion arrows.")] = field(
        default_factory=list
    )

    @property
    def main(self) -> int:
        return next(i for i, f in enumerate(self.frames) if f.role == Role.main)


def _in_view(data: Any, handler) -> Any:
    """Wrap validator of a figure: its frames are validated knowing its view, so that angle
    limits point at the angle's own line."""
    view = _given_view(data)
    return _in(view if view in LIMITS else "side", data, handler)


def _consistent(spec: FigureSpec, info) -> FigureSpec:
    """Names that exist, one main frame, and contacts that touch: each within 1 mm of its
    target in a card-size figure (validation context ``loose_contacts`` skips that, for
    tools that search for a pose)."""
    view = spec.view.value
    problems: list[str] = []
    mains = [i for i, f in enumerate(spec.frames) if f.role == Role.main]
    if len(mains) != 1:
        problems.append(f"exactly one frame must have role main (found {len(mains)})")
    names = [p.label for p in spec.props]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        problems.append(f"props need distinct names; give them name: ({', '.join(dupes)} repeat)")
    if spec.facing == "left" and all(f.seen(view) == "front" for f in spec.frames):
        problems.append("facing: left is for the side view only")
    if any(f.seen(view) != view for f in spec.frames) and spec.sequence != Sequence.panels:
        problems.append("frames in another view than the figure's need sequence: panels")
    for i, frame in enumerate(spec.frames):
        points = point_names(frame.seen(view))
        for point, target in frame.touch.items():
            if target not in names and target not in points:
                problems.append(
                    f"frames[{i}].touch.{point}: '{target}' is neither a prop "
                    f"({', '.join(names) or 'none'}) nor a body point"
                )
    for i, arrow in enumerate(spec.arrows):
        shown = (
            arrow.frame
            if arrow.frame is not None and arrow.frame < len(spec.frames)
            else (mains[0] if len(mains) == 1 else 0)
        )
        if arrow.point not in point_names(spec.frames[shown].seen(view)):
            problems.append(f"arrows[{i}].point: unknown body point '{arrow.point}'")
        for name in ("frame", "start", "end"):
            index = getattr(arrow, name)
            if index is not None and index >= len(spec.frames):
                problems.append(f"arrows[{i}].{name}: there is no frame {index}")
    if problems:
        raise ValueError("; ".join(problems))
    loose = [] if (info.context or {}).get("loose_contacts") else contact_problems(spec)
    if loose:  # each at its own touch entry, so the message points at that line
        from pydantic import ValidationError
        from pydantic_core import InitErrorDetails, PydanticCustomError

        raise ValidationError.from_exception_data(
            "FigureSpec",
            [
                InitErrorDetails(
                    type=PydanticCustomError("value_error", f"Value error, {message}"),
                    loc=("frames", i, "touch", point),
                    input=spec.frames[i].touch[point],
                )
                for i, point, message in loose
            ],
        )
    return spec


# The figure type that fields and callers validate: in its view, and consistent as a whole.
Figure = Annotated[FigureSpec, Rule(wrap=_in_view, after=_consistent)]


@frozen
class FigureFile:
    """One file of ``data/figures``: a top-level ``figure:`` mapping."""

    __pydantic_config__ = STRICT
    figure: Figure


def figure_from_data(data: Any, pos=None, where: tuple = ()) -> FigureSpec:
    """Validate an inline ``figure:`` mapping (e.g. on a user's exercise) into a FigureSpec.

    ``pos`` (``yamlpos.Positions``) and ``where`` (the path of the mapping in its file, e.g.
    ("exercises", 3, "figure")) make errors name file, line, column and field.
    """
    from pydantic import ValidationError

    from .rules import adapter
    from .yamlpos import errors_of, field_name

    try:
        return adapter(Figure).validate_python(data)
    except ValidationError as exc:
        problems = []
        for loc, is_key, message in errors_of(exc, where):
            file, line, column = "<figure>", None, None
            if pos is not None:
                file = pos.file
                line, column = pos.at(loc, key=is_key)
            problems.append(Problem(file, line, column, field_name(loc), message))
        raise DataError(problems) from None
