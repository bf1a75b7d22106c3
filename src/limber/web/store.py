"""What the web server keeps between requests, in memory and bounded: finished files, each
browser's own uploaded files, and club runs.

Takes: results of jobs and uploads. Gives: ``Results`` (a finished PDF and its preview images
under a random token, until it expires or newer ones push it out), ``Workspaces`` (the
catalogue and routine files one browser sent, by a random cookie value) and ``ClubRuns``
(a club run's progress, outcome and folder, whose files are removed when it expires).
Tokens are random and unguessable (``secrets.token_urlsafe``): knowing one is the only way
to a result.
"""

from __future__ import annotations

import secrets
import shutil
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

RESULT_SECONDS = 30 * 60
RESULT_BYTES = 256 * 2**20  # all results together
RESULT_COUNT = 200
WORKSPACE_SECONDS = 4 * 60 * 60
WORKSPACE_COUNT = 500
WORKSPACE_FILES = 8
CLUB_SECONDS = 60 * 60
CLUB_RUNS = 20  # kept at once, finished or not


def token() -> str:
    return secrets.token_urlsafe(18)


@dataclass
class Result:
    files: dict[str, tuple[bytes, str]]  # name -> (bytes, content type)
    info: dict[str, Any]
    made: float = field(default_factory=time.monotonic)

    @property
    def size(self) -> int:
        return sum(len(data) for data, _ in self.files.values())


class Results:
    def __init__(self, seconds: float = RESULT_SECONDS, limit: int = RESULT_BYTES, count: int = RESULT_COUNT):
        self.seconds, self.limit, self.count = seconds, limit, count
        self.items: OrderedDict[str, Result] = OrderedDict()

    def add(self, result: Result) -> str:
        key = token()
        self.items[key] = result
        self._trim()
        return key

    def get(self, key: str) -> Result | None:
        self._trim()
        return self.items.get(key)

    def _trim(self) -> None:
        now = time.monotonic()
        while self.items:
            first = next(iter(self.items.values()))
            total = sum(r.size for r in self.items.values())
            if now - first.made > self.seconds or total > self.limit or len(self.items) > self.count:
                self.items.popitem(last=False)
            else:
                break


@dataclass
class Workspace:
    files: dict[str, bytes] = field(default_factory=dict)  # name -> YAML bytes, each valid
    used: float = field(default_factory=time.monotonic)
    version: int = 0
    cache: dict[str, Any] = field(default_factory=dict)  # views and figures of this version

    def changed(self) -> None:
        self.version += 1
        self.cache.clear()


class Workspaces:
    def __init__(self, seconds: float = WORKSPACE_SECONDS, count: int = WORKSPACE_COUNT):
        self.seconds, self.count = seconds, count
        self.items: OrderedDict[str, Workspace] = OrderedDict()

    def get(self, key: str | None) -> Workspace | None:
        self._trim()
        found = self.items.get(key) if key else None
        if found is not None:
            found.used = time.monotonic()
            self.items.move_to_end(key)  # type: ignore[arg-type]
        return found

    def new(self) -> tuple[str, Workspace]:
        key = token()
        self.items[key] = Workspace()
        self._trim()
        return key, self.items[key]

    def _trim(self) -> None:
        now = time.monotonic()
        while self.items:
            first = next(iter(self.items.values()))
            if now - first.used > self.seconds or len(self.items) > self.count:
                self.items.popitem(last=False)
            else:
                break


@dataclass
class ClubRun:
    folder: Path
    state: str = "waiting"  # waiting | running | done | failed
    done: int = 0
    total: int = 0
    result: dict[str, Any] | None = None
    error: dict[str, Any] | None = None
    made: float = field(default_factory=time.monotonic)

    def progress(self, done: int, total: int) -> None:
        self.state, self.done, self.total = "running", done, total


class ClubRuns:
    def __init__(self, seconds: float = CLUB_SECONDS, count: int = CLUB_RUNS):
        self.seconds, self.count = seconds, count
        self.items: OrderedDict[str, ClubRun] = OrderedDict()

    def add(self, run: ClubRun) -> str | None:
        """The run's token, or None when too many runs are kept and none has finished."""
        self._trim()
        if len(self.items) >= self.count:
            finished = [k for k, r in self.items.items() if r.state in ("done", "failed")]
            if not finished:
                return None
            self._drop(finished[0])
        key = token()
        self.items[key] = run
        return key

    def get(self, key: str) -> ClubRun | None:
        self._trim()
        return self.items.get(key)

    def _drop(self, key: str) -> None:
        run = self.items.pop(key)
        shutil.rmtree(run.folder, ignore_errors=True)

    def _trim(self) -> None:
        now = time.monotonic()
        for key, run in list(self.items.items()):
            if now - run.made > self.seconds and run.state in ("done", "failed"):
                self._drop(key)

    def clear(self) -> None:
        for key in list(self.items):
            self._drop(key)
