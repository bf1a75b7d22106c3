"""What the page and the JSON API share: the server's state, reading a request's fields and
files within their limits, and running a job in a worker in a private folder.

Takes: a Starlette request. Gives: ``read_request`` (its fields and uploaded files, checked
against ``Limits``), ``run_job`` (a job of ``limber.web.jobs`` in a worker, with the request's
files written to a folder of its own, readable by this user only, and removed afterwards),
``builtin`` (the built-in catalogue's views and figures, made once) and ``Web``, the state.

Upload limits (``Limits``): a request body of at most 16 MB; a catalogue, routine, club or
roster file of at most 2 MB; a logo of at most 5 MB (the library's own limit); at most 20
files and 200 fields in one request.
"""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.requests import Request

from . import jobs
from .errors import HTTPFailure
from .params import Fields, fields_of_json
from .store import ClubRuns, Results, Workspace, Workspaces
from .workers import Busy, Limits, Pool, WorkerError

MB = 2**20


@dataclass(frozen=True)
class UploadLimits:
    body: int = 16 * MB
    file: int = 2 * MB
    logo: int = 5 * MB
    files: int = 20
    fields: int = 200


@dataclass
class Settings:
    hosts: tuple[str, ...] = ("127.0.0.1:8642", "localhost:8642")
    workers: int = 2
    waiting: int = 32  # jobs that may wait for a worker
    clubs: int = 1  # club runs at once (each takes a worker for its whole run)
    limits: Limits = field(default_factory=Limits)
    uploads: UploadLimits = field(default_factory=UploadLimits)
    warm: Callable[[], None] | None = None  # what each worker loads first (tests: less)
    catalogues: dict[str, bytes] = field(default_factory=dict)  # limber serve --catalogue, by name


@dataclass(frozen=True)
class Upload:
    field: str
    name: str  # a safe file name, made from the one the browser gave
    data: bytes


class Web:
    """The server's state: the pool, what it keeps, and the built-in catalogue's views."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.pool = Pool(settings.workers, settings.limits, settings.waiting, settings.warm)
        self.results = Results()
        self.workspaces = Workspaces()
        self.clubs = ClubRuns()
        self.club_slots = asyncio.Semaphore(settings.clubs)
        self.root: Path | None = None
        self.cache: dict[str, Any] = {}  # tasks making the built-in catalogue's views and figures
        self.background: set[asyncio.Task] = set()

    async def start(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="limber-serve-"))
        await self.pool.start()

    async def stop(self) -> None:
        for task in list(self.background):
            task.cancel()
        await self.pool.close()
        self.clubs.clear()
        if self.root is not None:
            shutil.rmtree(self.root, ignore_errors=True)

    def folder(self) -> Path:
        """A new private folder for one request (mode 0700, as ``mkdtemp`` makes it)."""
        assert self.root is not None
        return Path(tempfile.mkdtemp(prefix="job-", dir=self.root))

    def spawn(self, coroutine) -> asyncio.Task:
        task = asyncio.get_running_loop().create_task(coroutine)
        self.background.add(task)
        task.add_done_callback(self.background.discard)
        return task


def web(request: Request) -> Web:
    return request.app.state.web


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(name: str, suffixes: tuple[str, ...], fallback: str, taken: set[str] = frozenset()) -> str:  # type: ignore[assignment]
    """A file name for an upload: letters, digits, '.', '_' and '-' of the name given, a known
    suffix, never a hidden file, a folder or a name already taken."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    stem = _UNSAFE.sub("-", base).strip(".-")[:80] or fallback
    lower = stem.lower()
    if not lower.endswith(suffixes):
        stem += suffixes[0]
    unique, n = stem, 2
    while unique.lower() in {t.lower() for t in taken}:
        dot = stem.rfind(".")
        unique, n = f"{stem[:dot]}-{n}{stem[dot:]}", n + 1
    return unique


async def read_request(request: Request) -> tuple[Fields, list[Upload]]:
    """The request's fields (a form's or a JSON object's) and its uploaded files, within limits."""
    limits = web(request).settings.uploads
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/json":
        raw = await request.body()
        try:
            data = json.loads(raw or b"{}")
        except (ValueError, RecursionError):
            raise HTTPFailure("usage", "the request body is not JSON") from None
        try:
            return fields_of_json(data), []
        except Exception as error:
            raise HTTPFailure("usage", str(error)) from None
    if kind not in ("multipart/form-data", "application/x-www-form-urlencoded", ""):
        raise HTTPFailure("usage", f"send a form or JSON, not {kind[:60]}")
    if kind == "" and request.method == "GET":
        return _query(request), []
    try:
        form = await request.form(max_files=limits.files, max_fields=limits.fields)
    except HTTPFailure:
        raise
    except Exception as error:  # malformed multipart, too many parts
        message = getattr(error, "detail", None) or str(error) or type(error).__name__
        raise HTTPFailure("usage", f"the form cannot be read: {message}") from None
    fields: dict[str, list[str]] = {}
    uploads: list[Upload] = []
    try:
        for key, value in form.multi_items():
            if isinstance(value, str):
                fields.setdefault(key, []).append(value)
                continue
            if not value.filename:
                continue  # a file input left empty
            limit = limits.logo if key == "logo" else limits.file
            data = await value.read(limit + 1)
            if len(data) > limit:
                raise HTTPFailure(
                    "too-large", f"{value.filename[:80]} is over {limit // MB} MB, the most this server takes"
                )
            uploads.append(Upload(key, value.filename[:200], data))
    finally:
        await form.close()
    for key, values in _query(request).items():
        fields.setdefault(key, list(values))
    return fields, uploads


def _query(request: Request) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key, value in request.query_params.multi_items():
        out.setdefault(key, []).append(value)
    return out


def catalogue_uploads(uploads: list[Upload], field_name: str = "catalogue") -> dict[str, bytes]:
    """The YAML files among ``uploads`` under ``field_name``, by safe, unique names."""
    out: dict[str, bytes] = {}
    for upload in uploads:
        if upload.field == field_name:
            out[safe_name(upload.name, (".yaml", ".yml"), "catalogue.yaml", set(out))] = upload.data
    return out


async def run_job(
    request: Request,
    func: Callable[..., Any],
    kwargs: dict[str, Any],
    files: dict[str, bytes] | None = None,
    timeout: float | None = None,
    progress: Callable[[int, int], None] | None = None,
    folder: Path | None = None,
    keep: bool = False,
) -> Any:
    """``func(**kwargs)`` in a worker, with ``files`` written into a private folder that is its
    working folder, removed afterwards unless ``keep``. Errors come back as ``HTTPFailure``."""
    state = web(request)
    folder = folder or state.folder()
    own = state.settings.catalogues
    if own and "files" in kwargs:  # the server's own catalogue files come first, under the request's
        files = {**own, **(files or {})}
        kwargs = {**kwargs, "files": [*own, *(n for n in kwargs["files"] if n not in own)]}
    try:
        for name, data in (files or {}).items():
            (folder / name).write_bytes(data)
        return await state.pool.run(func, kwargs, folder, timeout, progress)
    except Busy:
        raise HTTPFailure("busy", "the server is busy with other renders; try again in a moment") from None
    except WorkerError as error:
        found = error.body
        raise HTTPFailure(
            found.get("error", "internal"), found.get("message", ""), found.get("problems")
        ) from None
    finally:
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)


async def once(cache: dict[str, Any], key: str, make: Callable[[], Any]) -> Any:
    """``await make()`` once for ``key`` of ``cache``, however many requests ask at the same time
    (a failure is not kept: the next request tries again)."""
    task = cache.get(key)
    if task is None:
        task = cache[key] = asyncio.ensure_future(make())
    try:
        return await asyncio.shield(task)
    except BaseException:
        if task.done() and cache.get(key) is task:
            del cache[key]
        raise


async def views(request: Request, workspace: Workspace | None) -> dict[str, Any]:
    """The exercise and routine views of the built-in catalogue, with this browser's files laid
    over it; made once for each set of files."""
    state = web(request)
    if workspace is None or not workspace.files:
        return await once(state.cache, "views", lambda: run_job(request, jobs.catalogue_views, {"files": []}))
    files = dict(workspace.files)
    return await once(
        workspace.cache,
        "views",
        lambda: run_job(request, jobs.catalogue_views, {"files": list(files)}, files),
    )


async def figure(request: Request, ident: str, workspace: Workspace | None) -> bytes | None:
    """The PNG of an exercise's figure; the figures of one catalogue are made together, once."""
    state = web(request)
    if workspace is None or not workspace.files:
        found = await once(state.cache, "figures", lambda: run_job(request, jobs.figures, {"files": []}))
    else:
        files = dict(workspace.files)
        found = await once(
            workspace.cache, "figures", lambda: run_job(request, jobs.figures, {"files": list(files)}, files)
        )
    return found.get(ident)
