"""The figure data of an exercise: view, posed frames, props, contacts and motion arrows.

Takes: plain data (a ``figure:`` mapping from YAML). Gives: a validated, immutable
``FigureSpec``; ``figure_from_data`` validates with file:line:column positions.

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

from contextvars import ContextVar
from enum import Enum
from typing import Any, Optional

from pydantic import (BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator,
                      model_validator)
from pydantic_core import InitErrorDetails, PydanticCustomError

from ..errors import DataError, Problem
from .contacts import contact_problems
from .joints import LIMB_JOINTS, LIMITS, SIDES, limit_problem, point_names

_VIEW: ContextVar[str] = ContextVar("limber_figure_view", default="side")


def _within_limit(value: float, info) -> float:
    """Field validator shared by limb and trunk angles: the view's human limit, or an error."""
    message = limit_problem(_VIEW.get(), info.field_name, value)
    if message:
        raise ValueError(message)
    return value


# Positions and sizes in body units stay within this of the origin (a body is about 94 tall).
REACH = 1000.0


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False, defer_build=True)


class View(str, Enum):
    side = "side"
    front = "front"


class Sequence(str, Enum):
    overlay = "overlay"
    panels = "panels"


class Role(str, Enum):
    main = "main"
    ghost = "ghost"


class Limb(_Frozen):
    """The joint angles (degrees) of one side's arm and leg; 0 is standing with the arm hanging."""

    hip: float = Field(0, description="side: flexion, + thigh forward/up, - behind. "
                                      "front: + leg out to the side, - across the body.")
    knee: float = Field(0, description="side: flexion, 0 straight to 160 fully bent. "
                                       "front: + the shin turns in toward the midline.")
    ankle: float = Field(0, description="side: + toes pulled up, - toes pointed. front: tilt of the foot.")
    shoulder: float = Field(0, description="side: flexion, + arm forward/up (180 overhead), - behind. "
                                           "front: + arm out to the side and up, - across the body.")
    elbow: float = Field(0, description="side: flexion, + forearm forward/up. "
                                        "front: + forearm turns up/out, - turns in toward the body.")
    wrist: float = Field(0, description="Hand relative to forearm, + bends the same way as the elbow.")

    _limit = field_validator(*LIMB_JOINTS)(classmethod(lambda cls, value, info: _within_limit(value, info)))


def _bounded(value):
    """Field validator: every number of a position or size within ``REACH`` body units."""
    numbers = value if isinstance(value, (list, tuple)) else [value]
    for number in numbers:
        if number is not None and abs(number) > REACH:
            raise ValueError(f"{number:g} is out of range: positions and sizes stay within "
                             f"-{REACH:g}..{REACH:g} body units (a standing body is about 94)")
    return value


class Prop(_Frozen):
    """A simple shape the figure uses. Positions are body units; floor y = 0, x = 0 below the anchor.

    floor: the ground line. mat: ``x`` = [from, to] on the floor, ``thickness``; with ``y`` =
    [from, to] it is seen from above (a lying figure in front view). wall: ``x`` = one number
    (seen edge-on, up to ``top``), or ``x`` and ``y`` ranges for a wall seen face-on behind the
    figure. pole: ``x`` and ``top``. bar (chin-up bar): ``y`` = height, ``x`` = one number
    (seen end-on, side view) or a range (front view). chair: ``x`` = seat [back, front], ``seat``
    height, ``top`` of the backrest.
    """

    kind: str = Field(pattern=r"^(floor|mat|wall|pole|bar|chair)$",
                      description="floor, mat, wall, pole, bar (chin-up bar) or chair.")
    name: Optional[str] = Field(None, pattern=r"^[a-z][a-z0-9_-]*$",
                                description="Name that contacts use; defaults to the kind.")
    x: Optional[list[float]] = Field(None, min_length=1, max_length=2,
                                     description="Horizontal position: one number or [from, to].")
    y: Optional[list[float]] = Field(None, min_length=1, max_length=2,
                                     description="Vertical position: one number or [from, to].")
    top: Optional[float] = Field(None, gt=0, description="Height of a wall, pole or chair back.")
    seat: Optional[float] = Field(None, gt=0, description="Seat height of a chair.")
    thickness: float = Field(2.0, gt=0, le=10, description="Thickness of a mat.")

    @field_validator("x", "y", mode="before")
    @classmethod
    def _listify(cls, value: Any) -> Any:
        return [value] if isinstance(value, (int, float)) and not isinstance(value, bool) else value

    _bounded = field_validator("x", "y", "top", "seat")(classmethod(lambda cls, value: _bounded(value)))

    @model_validator(mode="after")
    def _shape(self) -> "Prop":
        need = {"floor": (), "mat": ("x",), "wall": ("x",), "pole": ("x", "top"), "bar": ("x", "y"),
                "chair": ("x", "seat", "top")}[self.kind]
        missing = [n for n in need if getattr(self, n) is None]
        if missing:
            raise ValueError(f"a {self.kind} needs {', '.join(missing)}")
        for name in ("x", "y"):
            value = getattr(self, name)
            if value is not None and len(value) == 2 and value[0] >= value[1]:
                raise ValueError(f"{name} range [{value[0]:g}, {value[1]:g}] must go from low to high")
        if self.kind == "wall" and len(self.x) == 1 and self.top is None:
            raise ValueError("a wall seen edge-on needs top")
        if self.kind == "wall" and len(self.x) == 2 and (self.y is None or len(self.y) != 2):
            raise ValueError("a wall seen face-on needs x and y ranges")
        if self.kind in ("mat", "chair") and len(self.x) != 2:
            raise ValueError(f"a {self.kind} needs x as a range [from, to]")
        return self

    @property
    def label(self) -> str:
        return self.name or self.kind


class Frame(_Frozen):
    """One pose of the figure. Unnamed angles are 0 (standing straight, arms hanging)."""

    role: Role = Field(Role.main, description="main (drawn in ink) or ghost: another stage of the "
                       "movement, drawn behind in the start tone or in its own panel (see sequence).")
    anchor: str = Field(description="Body point placed at ``at``, e.g. near_ankle, pelvis, near_hand.")
    at: tuple[float, float] = Field((0.0, 0.0), description="Where the anchor goes: [x, y] in body units.")
    trunk: float = Field(0, ge=-180, le=180, description="Tilt of the lower torso from vertical, "
                         "+ toward the picture's right; -90 lies on the back, 90 lies face down.")
    spine: float = Field(0, description="Upper torso relative to lower: side + rounds forward, - arches; "
                                        "front + bends toward the picture's right.")
    neck: float = Field(0, description="Head relative to upper torso: side + chin down, - looks up; "
                                       "front + tilts toward the picture's right.")
    fold: bool = Field(False, description="Front view only: folded forward at the hips, so the torso "
                                          "is drawn hanging down from the hips toward the viewer.")
    near: Optional[Limb] = Field(None, description="Side view: the limbs nearer the viewer (drawn in ink).")
    far: Optional[Limb] = Field(None, description="Side view: the limbs farther away (drawn lighter).")
    left: Optional[Limb] = Field(None, description="Front view: the figure's left limbs (picture right).")
    right: Optional[Limb] = Field(None, description="Front view: the figure's right limbs (picture left).")
    touch: dict[str, str] = Field(default_factory=dict, description="Contacts: body point -> prop name "
                                  "or another body point, e.g. {near_ankle: floor, near_hand: wall}. "
                                  "Each must touch within 1 mm at the drawn scale.")
    view: Optional[View] = Field(None, description="With sequence: panels, this frame's own view, e.g. "
                                 "one stage seen from the side and the next from the front.")

    _bounded_at = field_validator("at")(classmethod(lambda cls, value: _bounded(value)))
    _limit = field_validator("spine", "neck")(classmethod(lambda cls, value, info: _within_limit(value, info)))

    @model_validator(mode="after")
    def _names(self) -> "Frame":
        view = _VIEW.get()
        points = point_names(view)
        own, other = SIDES[view], SIDES["front" if view == "side" else "side"]
        problems = []
        for side in other:
            if getattr(self, side) is not None:
                problems.append(f"{side} limbs belong to the other view; a {view} view uses "
                                f"{own[0]} and {own[1]}")
        if self.fold and view != "front":
            problems.append("fold is for the front view only")
        if self.anchor not in points:
            problems.append(f"anchor: unknown body point '{self.anchor}'")
        for point in self.touch:
            if point not in points:
                problems.append(f"touch: unknown body point '{point}'")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    @model_validator(mode="wrap")
    @classmethod
    def _own_view(cls, data: Any, handler):
        """Validate a frame that names its own view in that view (defined after ``_names``, so
        it wraps it)."""
        view = data.get("view") if isinstance(data, dict) else getattr(data, "view", None)
        view = getattr(view, "value", view)
        if view not in LIMITS:
            return handler(data)
        token = _VIEW.set(view)
        try:
            return handler(data)
        finally:
            _VIEW.reset(token)

    def seen(self, default: str) -> str:
        """The view this frame is drawn in: its own, else the figure's ``default``."""
        return self.view.value if self.view is not None else default

    def limb(self, side: str) -> Limb:
        return getattr(self, side) or Limb.model_construct()  # all defaults: nothing to validate


class Arrow(_Frozen):
    """A motion arrow, drawn in the accent colour.

    move: from ``point`` in frame ``start`` to the same point in frame ``end``, curved by
    ``bend`` degrees. circle: round ``point`` with ``radius`` (a circling movement). turn: a flat
    ellipse round ``point`` with ``radius`` (a twist about the body's long axis). line: from
    ``point`` + ``offset`` along ``vector``. ``offset`` moves any arrow's centre or start. A turn
    about a lying body's long axis (``axis: across``) is drawn as an upright ellipse.
    """

    kind: str = Field(pattern=r"^(move|circle|turn|line)$", description="move, circle, turn or line.")
    point: str = Field(description="The body point the arrow belongs to.")
    frame: Optional[int] = Field(None, ge=0, le=2, description="Frame of ``point`` (default: the main one).")
    start: Optional[int] = Field(None, ge=0, le=2, description="move: the frame the movement starts in.")
    end: Optional[int] = Field(None, ge=0, le=2, description="move: the frame it ends in.")
    bend: float = Field(0, ge=-150, le=150, description="move: curvature in degrees; + bulges to the "
                        "right of the direction of travel, - to the left.")
    radius: float = Field(8, gt=0, le=60, description="circle and turn: radius in body units.")
    offset: tuple[float, float] = Field((0.0, 0.0), description="Shift from the point, body units.")
    vector: Optional[tuple[float, float]] = Field(None, description="line: direction and length.")

    _bounded = field_validator("offset", "vector")(classmethod(lambda cls, value: _bounded(value)))
    clockwise: bool = Field(True, description="circle and turn: the way round it goes (as drawn).")
    axis: str = Field("up", pattern=r"^(up|across)$", description="turn: the twist's axis in the picture: "
                      "up (a standing body's long axis) or across (a lying body's).")
    both: bool = Field(False, description="Heads at both ends (a back-and-forth movement).")

    @model_validator(mode="after")
    def _needs(self) -> "Arrow":
        if self.kind == "move" and (self.start is None or self.end is None or self.start == self.end):
            raise ValueError("a move arrow needs two different frames: start and end")
        if self.kind == "line" and self.vector is None:
            raise ValueError("a line arrow needs vector")
        return self


class FigureSpec(_Frozen):
    """The drawn figure of one exercise: a body in one view, 1-3 frames, props and arrows."""

    view: View = Field(description="side (faces right unless facing: left) or front.")
    facing: str = Field("right", pattern=r"^(left|right)$", description="Side view (and side-view "
                        "frames): the way the figure faces.")
    sequence: Sequence = Field(Sequence.overlay, description="How the stages of a movement show: overlay "
                               "(ghost frames drawn behind the main one in the start tone) or panels "
                               "(every frame in its own panel, left to right in order, arrows between).")
    frames: list[Frame] = Field(min_length=1, max_length=3, description="1 to 3 poses; one is main.")
    props: list[Prop] = Field(default_factory=list, description="Floor, mat, wall, pole, bar, chair.")
    arrows: list[Arrow] = Field(default_factory=list, max_length=4, description="Motion arrows.")

    @model_validator(mode="wrap")
    @classmethod
    def _in_view(cls, data: Any, handler):
        """Validate the frames knowing the view, so angle limits point at the angle's own line."""
        view = data.get("view") if isinstance(data, dict) else getattr(data, "view", None)
        view = getattr(view, "value", view)
        token = _VIEW.set(view if view in LIMITS else "side")
        try:
            return handler(data)
        finally:
            _VIEW.reset(token)

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> "FigureSpec":
        """Names that exist, one main frame, and contacts that touch: each within 1 mm of its
        target in a card-size figure (validation context ``loose_contacts`` skips that, for
        tools that search for a pose)."""
        view = self.view.value
        problems: list[str] = []
        mains = [i for i, f in enumerate(self.frames) if f.role == Role.main]
        if len(mains) != 1:
            problems.append(f"exactly one frame must have role main (found {len(mains)})")
        names = [p.label for p in self.props]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            problems.append(f"props need distinct names; give them name: ({', '.join(dupes)} repeat)")
        if self.facing == "left" and all(f.seen(view) == "front" for f in self.frames):
            problems.append("facing: left is for the side view only")
        if any(f.seen(view) != view for f in self.frames) and self.sequence != Sequence.panels:
            problems.append("frames in another view than the figure's need sequence: panels")
        for i, frame in enumerate(self.frames):
            points = point_names(frame.seen(view))
            for point, target in frame.touch.items():
                if target not in names and target not in points:
                    problems.append(f"frames[{i}].touch.{point}: '{target}' is neither a prop "
                                    f"({', '.join(names) or 'none'}) nor a body point")
        for i, arrow in enumerate(self.arrows):
            shown = arrow.frame if arrow.frame is not None and arrow.frame < len(self.frames) else (
                mains[0] if len(mains) == 1 else 0)
            if arrow.point not in point_names(self.frames[shown].seen(view)):
                problems.append(f"arrows[{i}].point: unknown body point '{arrow.point}'")
            for name in ("frame", "start", "end"):
                index = getattr(arrow, name)
                if index is not None and index >= len(self.frames):
                    problems.append(f"arrows[{i}].{name}: there is no frame {index}")
        if problems:
            raise ValueError("; ".join(problems))
        loose = [] if (info.context or {}).get("loose_contacts") else contact_problems(self)
        if loose:  # each at its own touch entry, so the message points at that line
            raise ValidationError.from_exception_data("FigureSpec", [
                InitErrorDetails(type=PydanticCustomError("value_error", f"Value error, {message}"),
                                 loc=("frames", i, "touch", point),
                                 input=self.frames[i].touch[point]) for i, point, message in loose])
        return self

    @property
    def main(self) -> int:
        return next(i for i, f in enumerate(self.frames) if f.role == Role.main)


class FigureFile(_Frozen):
    """One file of ``data/figures``: a top-level ``figure:`` mapping."""

    figure: FigureSpec


def figure_from_data(data: Any, pos=None, where: tuple = ()) -> FigureSpec:
    """Validate an inline ``figure:`` mapping (e.g. on a user's exercise) into a FigureSpec.

    ``pos`` (``yamlpos.Positions``) and ``where`` (the path of the mapping in its file, e.g.
    ("exercises", 3, "figure")) make errors name file, line, column and field.
    """
    from .yamlpos import _message, field_name

    try:
        return FigureSpec.model_validate(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = where + tuple(p for p in error["loc"] if not (isinstance(p, str) and p.startswith("function-")))
            file, line, column = "<figure>", None, None
            if pos is not None:
                file = pos.file
                line, column = pos.at(loc, key=error["type"] == "extra_forbidden")
            problems.append(Problem(file, line, column, field_name(loc), _message(error)))
        raise DataError(problems) from None


Figure = FigureSpec  # the figure type fields use (validated in its view)
