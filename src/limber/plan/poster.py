"""What goes on a poster: panels in order, the lines each shows, and the footer facts.

Takes: a catalogue and a routine, or a list of exercises with a title.
Gives: a ``PosterPlan``: title, summary, one ``PanelPlan`` per exercise (number, name, dose
label, two or three lines, QR link), the estimated total time, the phase as a reader says it,
and the routine-level link (the routine's own video, else the first exercise's list of videos).

Which lines (``panel_lines``): the routine item's note first (it is specific to this
routine), then the first step, then the short "do" cues, then further steps; a line that
only restates one already taken is skipped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .. import words
from ..catalogue.model import Catalogue, Dose, Exercise, Phase, Routine
from .timing import dose_seconds, format_duration, item_dose, items_seconds, routine_seconds

MAX_LINES = 3
PHASE_TEXT = {Phase.warm_up: "Before your run", Phase.post_run: "After your run", Phase.anytime: "Any time"}


@dataclass(frozen=True)
class PanelPlan:
    number: int
    exercise: Exercise
    dose: str
    lines: tuple[str, ...]
    url: str

    @property
    def name(self) -> str:
        return self.exercise.name


@dataclass(frozen=True)
class PosterPlan:
    key: str  # routine id, or the exercise ids joined: names the poster in messages
    title: str
    summary: str
    panels: tuple[PanelPlan, ...]
    seconds: int
    phase: str
    url: str

    @property
    def duration(self) -> str:
        return format_duration(self.seconds)


def panel_lines(ex: Exercise, note: str | None, limit: int = MAX_LINES) -> tuple[str, ...]:
    """The routine's note (if any), the first step (how to start), the "do" cues (short, read
    at a glance), then further steps, up to ``limit`` lines; a cue that repeats is skipped."""
    candidates = [note] if note else []
    candidates += [ex.steps[0], *ex.cues.do, *ex.steps[1:]]
    lines: list[str] = []
    for line in candidates:
        repeats = any(
            line.lower().startswith(kept.lower()) for kept in lines
        )  # a step that restates the note
        if not repeats and len(lines) < limit:
            lines.append(line)
    return tuple(lines)


def _panels(
    catalogue: Catalogue, entries: Sequence[tuple[Exercise, Dose, str | None]]
) -> tuple[PanelPlan, ...]:
    return tuple(
        PanelPlan(n, ex, ex.dose_label(dose), panel_lines(ex, note), catalogue.video_url(ex))
        for n, (ex, dose, note) in enumerate(entries, 1)
    )


def routine_poster(catalogue: Catalogue, routine: Routine, title: str | None = None) -> PosterPlan:
    entries = [
        (catalogue.exercises[item.exercise], item_dose(catalogue, routine, i), item.note)
        for i, item in enumerate(routine.items)
    ]
    panels = _panels(catalogue, entries)
    url = routine.video or panels[0].url
    return PosterPlan(
        routine.id,
        title or routine.title,
        routine.summary,
        panels,
        routine_seconds(catalogue, routine),
        PHASE_TEXT[routine.phase],
        url,
    )


def exercises_poster(
    catalogue: Catalogue, exercises: Sequence[Exercise], title: str | None = None
) -> PosterPlan:
    """A poster of loose exercises, in the order given; the title defaults to their count."""
    entries = [(ex, ex.dose, None) for ex in exercises]
    panels = _panels(catalogue, entries)
    common = set.intersection(*({*ex.phases} for ex in exercises))
    phase = PHASE_TEXT[common.pop()] if len(common) == 1 else "Before or after your run"
    seconds = items_seconds([dose_seconds(ex.dose, ex) for ex in exercises])
    count = words.count(len(exercises), "exercise")
    summary = f"{count}, {format_duration(seconds)}: follow the numbers."
    default = exercises[0].name if len(exercises) == 1 else count.capitalize()
    return PosterPlan(
        "+".join(ex.id for ex in exercises), title or default, summary, panels, seconds, phase, panels[0].url
    )
