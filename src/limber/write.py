"""The write stage: put finished bytes into a file without ever losing one.

Takes: the target path, the bytes (or a function that writes them), the command's input files and the kind of file made
(``"pdf"``, ``"png"`` or ``"routine"``, a routine file ``limber build`` wrote). Gives: ``write_file``, which

- refuses (``OutputError``) to write over any input of the command, whatever ``force`` says:
  the ``inputs`` given and every file this process has read (``reads``);
- refuses to replace an existing file that is not of the kind made (a YAML file, a text),
  unless ``force`` is true, and never replaces a folder or a special file;
- writes through a temporary file in the target's folder and an atomic rename, so that a
  failure, SIGINT or SIGTERM leaves the old file as it was and no temporary file behind;
- gives a new file the usual mode (0666 less the umask), keeps the mode of a replaced file,
  and writes a symlinked target through the link, to the file it points at.

It uses only what Linux, macOS and Windows all offer (``os.replace``, ``signal.raise_signal``,
``os.fchmod`` where it exists and ``os.chmod`` where it does not).

``-`` is standard output, and a pipe or character device (``/dev/stdout`` on a pipe, a
named pipe, ``/dev/null``) is written straight through, not through a temporary file and
a rename: such output is not atomic. The whole file is still made first (in memory, or a
temporary file when large) and only then copied out, so that a failure while making it
writes nothing; a PDF or PNG is never written to a terminal. A reader that stops reading
raises ``BrokenPipeError``, for the caller to stop quietly.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import stat
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, cast

from . import reads
from .errors import OutputError
from .streams import is_dash, is_terminal, shown_output, stdin_stat, stdout_binary

# How each kind of file made begins, and what it is called when an existing file is not one.
MAGIC = {
    "pdf": (b"%PDF-", "a PDF file"),
    "png": (b"\x89PNG\r\n\x1a\n", "a PNG file"),
    "routine": (b"# Built by limber", "a routine limber built"),
}
BINARY = {"pdf", "png"}  # kinds that must not reach a terminal
PathLike = str | Path
Data = bytes | Callable[[BinaryIO], object]
SPOOL_BYTES = 64 * 1024 * 1024  # output to a stream is made in memory up to this size


class _Interrupted(BaseException):
    """A signal arrived while a file was being written."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


@contextmanager
def handling(signals: Sequence[int], handler: Callable[[int, object], None]) -> Iterator[None]:
    """``handler`` for ``signals`` for the duration, the previous handlers back afterwards; in
    any thread but the main one (where Python delivers signals) nothing changes. One place for
    every stage that must clean up or hold off on SIGINT/SIGTERM (``staging`` too)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.signal(sig, handler) for sig in signals}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


@contextmanager
def _signals_raise() -> Iterator[None]:
    """Turn SIGINT/SIGTERM into an exception for the duration, so that cleanup code runs. A
    signal the process ignores (a background job's SIGINT, under nohup) stays ignored."""
    caught = [sig for sig in (signal.SIGINT, signal.SIGTERM) if signal.getsignal(sig) is not signal.SIG_IGN]

    def handler(signum: int, frame: object) -> None:
        raise _Interrupted(signum)

    with handling(caught, handler):
        yield


def _same(a: Path, b: Path) -> bool:
    if is_dash(b):  # standard input: the file it was redirected from, if any
        info = stdin_stat()
        try:
            return info is not None and os.path.samestat(info, os.stat(a))
        except OSError:
            return False
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def _set_mode(fd: int, name: str, mode: int) -> None:
    """Give the open temporary file ``mode``: through its descriptor where the platform can
    (POSIX), else by its name (Windows before Python 3.13 has no ``os.fchmod``, and there a mode
    only says whether the file is read-only)."""
    if hasattr(os, "fchmod"):
        os.fchmod(fd, mode)
    else:
        os.chmod(name, mode)


def is_stream(path: PathLike) -> bool:
    """True for ``-`` (standard output) and for a pipe or character device (``/dev/stdout``
    on a pipe, ``/dev/null``): targets written straight through, not replaced."""
    if is_dash(path):
        return True
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)


def _device_is_terminal(path: PathLike) -> bool:
    """True if the character device ``path`` is a terminal (``/dev/tty``, ``/dev/stdout`` on one)."""
    try:
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError:
        return False
    try:
        return os.isatty(fd)
    finally:
        os.close(fd)


def _check_stream(path: PathLike, inputs: Sequence[PathLike], kind: str | None) -> Path:
    """``check_target`` for standard output, a pipe or a device."""
    shown = shown_output(path)
    called = MAGIC[kind][1] if kind in MAGIC else "it"
    if is_dash(path):
        stream = sys.stdout
        terminal = is_terminal(stream)
        try:
            info: os.stat_result | None = os.fstat(stream.fileno())
        except (AttributeError, ValueError, OSError):
            info = None
    else:
        info = os.stat(path)
        terminal = stat.S_ISCHR(info.st_mode) and _device_is_terminal(path)
    if kind in BINARY and terminal:
        raise OutputError(
            f"refusing to write {called} to the terminal: redirect it (> file.{kind}), pipe it, "
            f"or give -o FILE"
        )
    if info is not None and stat.S_ISREG(info.st_mode):  # standard output redirected to a file
        read = reads.find(info)
        if read is not None:
            raise OutputError(f"refusing to write {shown}: it is an input of this command ({read})")
        for source in inputs:
            try:
                same = os.path.samestat(info, os.stat(source)) if not is_dash(source) else False
            except OSError:
                same = False
            if same:
                raise OutputError(f"refusing to write {shown}: it is an input of this command ({source})")
    return Path(path)


def _umask_mode() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def check_target(
    path: PathLike, inputs: Sequence[PathLike] = (), kind: str | None = "pdf", force: bool = False
) -> Path:
    """The real file to write for ``path`` (a symlink resolved), or an ``OutputError`` saying why not.

    ``kind`` None: any existing regular file may be replaced (the caller has checked it).
    Standard output (``-``), a pipe or a character device is checked as a stream: never a
    terminal for a PDF or PNG, never the file of an input."""
    if is_stream(path):
        return _check_stream(path, inputs, kind)
    shown = Path(path)
    target = Path(os.path.realpath(shown))
    for source in inputs:
        if _same(target, Path(source)):
            raise OutputError(f"refusing to write {shown}: it is an input of this command ({source})")
    try:
        read = reads.find(os.stat(target))
    except OSError:
        read = None
    if read is not None:
        raise OutputError(f"refusing to write {shown}: it is an input of this command ({read})")
    if not target.parent.is_dir():
        raise OutputError(f"cannot write {shown}: the folder {target.parent} does not exist")
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return target
    except OSError as error:
        raise OutputError(f"cannot write {shown}: {error.strerror}") from None
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(f"cannot write {shown}: it is a folder")
    if not stat.S_ISREG(info.st_mode):
        raise OutputError(f"cannot write {shown}: it is not a regular file")
    if kind is not None and not force and info.st_size:
        magic, called = MAGIC[kind]
        try:
            with open(target, "rb") as handle:
                head = handle.read(len(magic))
        except OSError as error:
            raise OutputError(f"cannot write {shown}: {error.strerror}") from None
        if head != magic:
            raise OutputError(
                f"refusing to replace {shown}: it exists and is not {called} (use --force to replace it)"
            )
    return target


def write_file(
    path: PathLike, data: Data, inputs: Sequence[PathLike] = (), kind: str | None = "pdf", force: bool = False
) -> None:
    """Write ``data`` to ``path`` atomically, after the checks of ``check_target``.

    ``data`` is bytes, or a function that writes them to the (binary) file it is given."""
    shown = Path(path)
    target = check_target(path, inputs, kind, force)
    if is_stream(path):
        _write_stream(path, data)
        return
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = _umask_mode()
    except OSError as error:
        raise OutputError(f"cannot write {shown}: {error.strerror}") from None
    tmp = None
    try:
        with _signals_raise():
            try:
                fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
                with os.fdopen(fd, "wb") as handle:
                    if callable(data):
                        data(handle)
                    else:
                        handle.write(data)
                    handle.flush()
                    _set_mode(handle.fileno(), tmp, mode)
                    os.fsync(handle.fileno())
                os.replace(tmp, target)
                tmp = None
            finally:
                if tmp is not None:
                    Path(tmp).unlink(missing_ok=True)
    except _Interrupted as interrupted:
        # Raised again with the previous handler back in place: KeyboardInterrupt for SIGINT,
        # the default end for SIGTERM. (raise_signal, unlike os.kill, does this on Windows too.)
        signal.raise_signal(interrupted.signum)
        raise OutputError(f"interrupted while writing {shown}; nothing was written") from None
    except OSError as error:
        raise OutputError(f"cannot write {shown}: {error.strerror}") from None


READER_WAIT = 10.0  # seconds a named pipe may go without a reader before writing to it is refused


def _open_stream(path: PathLike, shown: str) -> BinaryIO:
    """``path`` opened for writing; a named pipe only once something reads it (waiting up to
    ``READER_WAIT`` s), so that a pipe nobody reads is refused instead of hanging the command."""
    nonblock = getattr(os, "O_NONBLOCK", 0)
    if not nonblock or not stat.S_ISFIFO(os.stat(path).st_mode):
        return open(path, "wb")
    deadline = time.monotonic() + READER_WAIT
    while True:
        try:
            fd = os.open(path, os.O_WRONLY | nonblock)
            break
        except OSError as error:
            if error.errno != errno.ENXIO:  # ENXIO: no reader yet
                raise
            if time.monotonic() > deadline:
                raise OutputError(
                    f"cannot write {shown}: it is a named pipe that nothing reads "
                    f"(waited {READER_WAIT:g} s for a reader)"
                ) from None
            time.sleep(0.05)
    os.set_blocking(fd, True)
    return os.fdopen(fd, "wb")


def _write_stream(path: PathLike, data: Data) -> None:
    """Make the whole of ``data``, then copy it to standard output, a pipe or a device."""
    shown = shown_output(path)
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as spool:
        if callable(data):
            data(cast(BinaryIO, spool))
        else:
            spool.write(data)
        spool.seek(0)
        try:
            if is_dash(path):
                out = stdout_binary()
                shutil.copyfileobj(spool, out, 1 << 20)
                out.flush()
            else:
                with _open_stream(path, shown) as out:
                    shutil.copyfileobj(spool, out, 1 << 20)
        except BrokenPipeError:
            raise
        except OSError as error:
            raise OutputError(f"cannot write {shown}: {error.strerror}") from None


def write_atomic(path: PathLike, data: Data) -> None:
    """``write_file`` without the check of what an existing file holds: for callers that
    have decided themselves that ``path`` may be replaced."""
    write_file(path, data, kind=None)
