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
"""

from __future__ import annotations

import os
import signal
import stat
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from . import reads
from .errors import OutputError

# How each kind of file made begins, and what it is called when an existing file is not one.
MAGIC = {
    "pdf": (b"%PDF-", "a PDF file"),
    "png": (b"\x89PNG\r\n\x1a\n", "a PNG file"),
    "routine": (b"# Built by limber", "a routine limber built"),
}
PathLike = str | Path
Data = bytes | Callable[[BinaryIO], object]


class _Interrupted(BaseException):
    """A signal arrived while a file was being written."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


@contextmanager
def _signals_raise() -> Iterator[None]:
    """Turn SIGINT/SIGTERM into an exception for the duration, so that cleanup code runs."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught = (signal.SIGINT, signal.SIGTERM)

    def handler(signum: int, frame: object) -> None:
        raise _Interrupted(signum)

    previous = {sig: signal.signal(sig, handler) for sig in caught}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def _same(a: Path, b: Path) -> bool:
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


def _umask_mode() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def check_target(
    path: PathLike, inputs: Sequence[PathLike] = (), kind: str | None = "pdf", force: bool = False
) -> Path:
    """The real file to write for ``path`` (a symlink resolved), or an ``OutputError`` saying why not.

    ``kind`` None: any existing regular file may be replaced (the caller has checked it)."""
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


def write_atomic(path: PathLike, data: Data) -> None:
    """``write_file`` without the check of what an existing file holds: for callers that
    have decided themselves that ``path`` may be replaced."""
    write_file(path, data, kind=None)
