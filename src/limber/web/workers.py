"""Worker processes that run the library for the web server, each job under limits.

Takes: a job (a module-level function of ``limber.web.jobs``, its keyword arguments and the
private folder of the request's files) and a time limit. Gives: ``Pool.run``, the job's
result, or a ``WorkerError`` carrying the JSON body of the error (see ``limber.web.errors``),
or ``Busy`` when too many jobs wait already.

Each worker is a process of its own (started with ``spawn``, so the same on every system),
which imports the library and reads the built-in catalogue once, then runs one job at a time:

- in the request's folder (its working directory), so that messages name an uploaded file
  as it was called (``mine.yaml:4:11``) and never show a folder of the server;
- with ``reads.forget()`` first, so that one request's reads are not the next one's;
- with an address-space limit (``memory_mb``, on systems with ``resource``): a job that
  needs more stops with a ``MemoryError``, or dies, and the worker is replaced;
- under the pool's time limit: a job still running then is stopped by ending its worker,
  which another replaces;
- with every file opened, listed or removed from Python checked by an audit hook: only the
  request's folder, limber's own files, Python's and the cache may be touched, so that no
  name in an uploaded file reaches another file of the server.

At most ``size`` jobs run at once (one per worker) and at most ``waiting`` more wait for a
worker; past that, ``Busy``.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

READY_SECONDS = 120.0  # a worker that has not started by then is given up


class Busy(Exception):
    """Too many jobs are waiting for a worker."""


class WorkerError(Exception):
    """A job failed; ``body`` is the JSON error body (``error``, ``message``, ``problems``)."""

    def __init__(self, body: dict[str, Any]):
        super().__init__(body.get("message", ""))
        self.body = body


@dataclass(frozen=True)
class Limits:
    memory_mb: int = 1536  # address space of a worker
    seconds: float = 30.0  # a render
    club_seconds: float = 300.0  # a club run


# --- inside the worker -----------------------------------------------------------------

_STATE: dict[str, Any] = {"folder": None, "roots": ()}


def _allowed(path: Any, writing: bool) -> bool:
    folder = _STATE["folder"]
    if folder is None or isinstance(path, int):
        return True
    try:
        name = os.path.realpath(os.fsdecode(path))
    except (TypeError, ValueError):
        return False
    if name == folder or name.startswith(folder + os.sep):
        return True
    if writing:
        return False
    return any(name == root or name.startswith(root + os.sep) for root in _STATE["roots"])


_WRITES = {
    "os.remove",
    "os.rename",
    "os.mkdir",
    "os.rmdir",
    "os.chmod",
    "os.symlink",
    "os.link",
    "os.truncate",
}
_READS = {"os.listdir", "os.scandir", "glob.glob"}


def _audit(event: str, args: tuple) -> None:
    """Refuse, during a job, to touch a file outside the job's folder and limber's own."""
    if _STATE["folder"] is None:
        return
    if event == "open":
        path, mode, flags = (args + (None, None, None))[:3]
        writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
            isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT) != 0
        )
        paths = [path]
    elif event in _WRITES:
        paths, writing = [a for a in args[:2] if isinstance(a, str | bytes | os.PathLike)], True
    elif event in _READS:
        paths, writing = [a for a in args[:1] if isinstance(a, str | bytes | os.PathLike)], False
    else:
        return
    for path in paths:
        if path is not None and not _allowed(path, writing):
            import errno

            raise PermissionError(errno.EACCES, "only the files sent with the request can be read")


def _roots() -> tuple[str, ...]:
    """What a job may read besides its folder: limber, Python and its packages, the cache."""
    import site
    import sysconfig

    from ..cache import cache_dir
    from ..resources import data_dir, fonts_dir, templates_dir

    here = Path(__file__).resolve().parents[1]
    found = {str(here), str(data_dir().resolve()), str(fonts_dir().resolve()), str(templates_dir().resolve())}
    found |= {os.path.realpath(p) for p in (sys.prefix, sys.base_prefix, sys.exec_prefix)}
    found |= {os.path.realpath(p) for p in sysconfig.get_paths().values()}
    found |= {os.path.realpath(p) for p in [*site.getsitepackages(), site.getusersitepackages()]}
    found |= {os.path.realpath(p) for p in sys.path if p and os.path.isdir(p)}
    cache = cache_dir()
    if cache is not None:
        found.add(os.path.realpath(cache))
    return tuple(sorted(found))


def _limit_memory(memory_mb: int) -> None:
    try:
        import resource
    except ImportError:  # Windows: no address-space limit; the time limit still holds
        return
    limit = memory_mb * 2**20
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _serve(conn: Connection, memory_mb: int, warm: Callable[[], None] | None) -> None:
    """The worker's loop: warm up, then run jobs until the pipe closes."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which ends the workers
    from . import jobs

    (warm or jobs.warm)()
    _STATE["roots"] = _roots()
    sys.addaudithook(_audit)
    _limit_memory(memory_mb)
    neutral = os.getcwd()
    conn.send(("ready", os.getpid()))
    while True:
        try:
            func, kwargs, folder = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return

        def progress(done: int, total: int) -> None:
            conn.send(("progress", (done, total)))

        try:
            from .. import reads

            reads.forget()
            if folder is not None:
                os.chdir(folder)
                _STATE["folder"] = os.path.realpath(folder)
            try:
                result = func(progress=progress, **kwargs)
            finally:
                _STATE["folder"] = None
                os.chdir(neutral)
            message: tuple = ("ok", result)
        except MemoryError:
            message = ("error", jobs.limit_body("memory"))
        except BaseException as error:  # every failure goes back as an error body, never kills the loop
            message = ("error", jobs.error_body(error, folder))
        try:
            conn.send(message)
        except MemoryError:
            conn.send(("error", jobs.limit_body("memory")))


def _main(conn: Connection, memory_mb: int, warm: Callable[[], None] | None = None) -> None:
    try:
        _serve(conn, memory_mb, warm)
    except KeyboardInterrupt:
        pass


# --- in the server ---------------------------------------------------------------------


class _Worker:
    def __init__(self, ctx, memory_mb: int, warm: Callable[[], None] | None):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_main, args=(child, memory_mb, warm), daemon=True)
        self.process.start()
        child.close()

    def wait_ready(self) -> None:
        if not self.conn.poll(READY_SECONDS):
            self.stop()
            raise RuntimeError("a render worker did not start")
        kind, _ = self.conn.recv()
        assert kind == "ready"

    def call(self, job: tuple, timeout: float, progress: Callable[[int, int], None] | None) -> Any:
        """Run ``job`` here, waiting at most ``timeout`` seconds (this blocks: run it in a thread)."""
        deadline = time.monotonic() + timeout
        try:
            self.conn.send(job)
            while True:
                left = deadline - time.monotonic()
                if left <= 0 or not self.conn.poll(left):
                    self.stop()
                    raise WorkerError(_limit("time", timeout))
                kind, value = self.conn.recv()
                if kind == "progress":
                    if progress is not None:
                        progress(*value)
                    continue
                if kind == "ok":
                    return value
                raise WorkerError(value)
        except (EOFError, OSError):
            self.stop()
            raise WorkerError(_limit("died")) from None

    def alive(self) -> bool:
        return self.process.is_alive()

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


def _limit(kind: str, seconds: float = 0.0) -> dict[str, Any]:
    from .jobs import limit_body

    return limit_body(kind, seconds)


class Pool:
    """``size`` worker processes; ``run`` hands a job to the next free one."""

    def __init__(
        self,
        size: int = 2,
        limits: Limits = Limits(),
        waiting: int = 32,
        warm: Callable[[], None] | None = None,
    ):
        self.size, self.limits, self.max_waiting, self.warm = size, limits, waiting, warm
        self.ctx = multiprocessing.get_context("spawn")
        self.idle: asyncio.Queue[_Worker] | None = None
        self.workers: list[_Worker] = []
        self.waiting = 0
        self.running = 0
        self.lock = threading.Lock()
        self.closed = False

    async def start(self) -> None:
        """Start the workers; returns at once, each worker joins the pool when it is ready."""
        self.idle = asyncio.Queue()
        loop = asyncio.get_running_loop()
        for _ in range(self.size):
            loop.create_task(self._add())

    async def _add(self) -> None:
        worker = await asyncio.to_thread(self._spawn)
        if worker is None:
            return
        if self.closed:
            worker.stop()
            return
        assert self.idle is not None
        self.idle.put_nowait(worker)

    def _spawn(self) -> _Worker | None:
        worker = _Worker(self.ctx, self.limits.memory_mb, self.warm)
        with self.lock:
            self.workers.append(worker)
        try:
            worker.wait_ready()
        except (RuntimeError, EOFError, OSError):
            return None
        return worker

    async def run(
        self,
        func: Callable[..., Any],
        kwargs: dict[str, Any],
        folder: Path | None = None,
        timeout: float | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> Any:
        """``func(**kwargs)`` in a worker, in ``folder``, within ``timeout`` seconds."""
        assert self.idle is not None, "the pool is started in the app's lifespan"
        if self.waiting >= self.max_waiting:
            raise Busy()
        self.waiting += 1
        try:
            worker = await self.idle.get()
        finally:
            self.waiting -= 1
        job = (func, kwargs, str(folder) if folder is not None else None)
        # The job goes on, and its worker comes back to the pool, even when the request that
        # asked for it is cancelled (the browser went away): the worker is busy until then.
        task = asyncio.ensure_future(self._call(worker, job, timeout or self.limits.seconds, progress))
        return await asyncio.shield(task)

    async def _call(
        self, worker: _Worker, job: tuple, timeout: float, progress: Callable[[int, int], None] | None
    ) -> Any:
        assert self.idle is not None
        self.running += 1
        try:
            return await asyncio.to_thread(worker.call, job, timeout, progress)
        finally:
            self.running -= 1
            if worker.alive():
                self.idle.put_nowait(worker)
            else:
                with self.lock:
                    if worker in self.workers:
                        self.workers.remove(worker)
                if not self.closed:
                    asyncio.get_running_loop().create_task(self._add())

    async def close(self) -> None:
        self.closed = True
        with self.lock:
            workers = list(self.workers)
            self.workers.clear()
        for worker in workers:
            await asyncio.to_thread(worker.stop)
