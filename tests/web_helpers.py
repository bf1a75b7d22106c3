"""What the web tests share: an app on Starlette's test client, and jobs that misbehave on
purpose (they run in the worker processes, which import this module by name)."""

from __future__ import annotations

import re
import warnings
from contextlib import contextmanager
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the web extra is not installed (pip install -e '.[test]')")

with warnings.catch_warnings():  # Starlette's newest releases ask for httpx2; older ones take httpx
    warnings.simplefilter("ignore", DeprecationWarning)
    from starlette.testclient import TestClient

from limber.web.app import create_app  # noqa: E402
from limber.web.core import Settings  # noqa: E402
from limber.web.workers import Limits  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
HOST = "testserver"
BAD_CATALOGUE = (
    b"exercises:\n"
    b"  - id: calf-raise\n"
    b"    name: Calf raise\n"
    b"    kind: yoga\n"
    b"    phases: [anytime]\n"
    b"    areas: [calves]\n"
    b"    benefits: [Builds calf strength]\n"
    b"    steps: [Rise onto your toes, Lower slowly]\n"
    b"    cues: {do: [Move slowly]}\n"
    b"    dose: {reps: 12}\n"
)
GOOD_CATALOGUE = BAD_CATALOGUE.replace(b"kind: yoga", b"kind: strength") + (
    b"routines:\n"
    b"  - id: my-calves\n"
    b"    title: My calves\n"
    b"    phase: post-run\n"
    b"    summary: Calf raises, then a calf stretch.\n"
    b"    items:\n"
    b"      - exercise: calf-raise\n"
    b"      - exercise: hamstring-calf-stretch\n"
)


@contextmanager
def client(**settings):
    """A test client of a fresh app (its own workers), with ``Settings`` overridden."""
    app = create_app(Settings(hosts=(HOST,), **settings))
    with TestClient(app, base_url=f"http://{HOST}") as test_client:
        yield test_client


def state(test_client):
    return test_client.app.app.state.web


def csrf(test_client) -> str:
    """The page's token, as a browser gets it: from the cookie set on the first page."""
    page = test_client.get("/make")
    found = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert found, page.text[:500]
    return found.group(1)


def slow_limits(seconds: float) -> Limits:
    return Limits(seconds=seconds, club_seconds=seconds)


# --- jobs that misbehave, for the worker tests -------------------------------------------


def sleepy(seconds: float, progress=None) -> str:
    import time

    time.sleep(seconds)
    return "awake"


def hog(mb: int, progress=None) -> int:
    """Allocate ``mb`` megabytes."""
    block = bytearray(mb * 2**20)
    return len(block)


def read_outside(path: str, progress=None) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(10)


def read_inside(name: str, progress=None) -> bytes:
    with open(name, "rb") as handle:
        return handle.read()


def crash(progress=None) -> None:
    import os

    os._exit(3)


def quick_warm() -> None:
    """A worker that loads only the catalogue: starts faster, for tests of the pool."""
    from limber.api import load_catalogue

    load_catalogue()
