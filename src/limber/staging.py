"""Many files made out of sight and put in place together, so that a run that fails or is
stopped writes none of them.

Takes: the output folder and the names of the files to make there. Gives: ``Staging``, a
private folder inside the output folder (``.limber-XXXXXXXX``, created for its owner only)
in which the files are made by ``write_new`` (which only ever creates a new file: never an
existing one, never through a link), and ``place``, which checks every target again
(``write.check_target``: never a file the command read, never a folder or special file,
never a file that is not a PDF without ``force``), then moves each made file onto its target
by an atomic rename, SIGINT and SIGTERM held until the last one is in place (and reported). ``discard``
removes the private folder and what it holds, and the output folder too when it was made for
this run and is empty, so that a failure leaves the folder as it was.

``stop_on_signals`` turns SIGTERM (and SIGINT, which Python already makes a
``KeyboardInterrupt``) into ``Stopped`` in the main thread, so that the code that made worker
processes can stop them and clean up before the process ends.

A target that is a symlink is written through the link, as ``write.write_file`` does; a
target on another file system than the output folder is written by ``write.write_file``
from the made file.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import stat
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import BinaryIO

from .errors import OutputError
from .write import check_target, handling, write_file

Data = bytes | Callable[[BinaryIO], object]
SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Stopped(BaseException):
    """SIGINT or SIGTERM arrived (raised in the main thread, as KeyboardInterrupt is)."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """SIGINT and SIGTERM raise ``Stopped`` in the main thread for the duration."""

    def stop(signum: int, frame: object) -> None:
        raise Stopped(signum)

    with handling(SIGNALS, stop):
        yield


@contextmanager
def held_signals() -> Iterator[list[int]]:
    """SIGINT and SIGTERM noted but not acted on for the duration; the list holds those that came."""
    came: list[int] = []
    with handling(SIGNALS, lambda signum, frame: came.append(signum)):
        yield came


def write_new(path: str | Path, data: Data) -> int:
    """Create the file ``path`` (it must not exist; a link there is not followed) with
    ``data``, bytes or a function that writes them; returns its size."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, 0o666)
    with os.fdopen(fd, "wb") as handle:
        if callable(data):
            data(handle)
        else:
            handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
        return os.fstat(handle.fileno()).st_size


def _keep_mode(made: Path, target: Path) -> None:
    """Give the made file the mode of the file it replaces, if there is one."""
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        return
    os.chmod(made, mode)


def _missing_parents(folder: Path) -> list[Path]:
    """``folder`` and those of its parents that do not exist, deepest first."""
    out = []
    while not folder.exists() and folder != folder.parent:
        out.append(folder)
        folder = folder.parent
    return out


class Staging:
    """A private folder in ``folder`` (made, with its missing parents, if needed)."""

    def __init__(self, folder: Path | str):
        self.folder = Path(folder)
        self.created = _missing_parents(self.folder)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            self._remove_created()
            raise OutputError(f"cannot create the folder {self.folder}: {error.strerror}") from None
        try:
            self.path = Path(tempfile.mkdtemp(prefix=".limber-", dir=self.folder))
        except OSError as error:
            self._remove_created()
            raise OutputError(f"cannot write in the folder {self.folder}: {error.strerror}") from None

    def file(self, name: str) -> Path:
        return self.path / name

    def _remove_created(self) -> None:
        for folder in self.created:  # deepest first; only if still empty
            try:
                folder.rmdir()
            except OSError:
                break

    def discard(self) -> None:
        """Remove the private folder and what it holds (and the output folder if this run made it
        and nothing was put in it)."""
        self.close()
        self._remove_created()

    def close(self) -> None:
        """Remove the private folder (empty once every file is in place)."""
        shutil.rmtree(self.path, ignore_errors=True)

    def place(
        self, names: Sequence[tuple[str, Path | str]], inputs: Sequence[Path | str], force: bool
    ) -> tuple[list[Path], int | None]:
        """Move each made file (by its name here) onto its target, after checking every target;
        returns the targets, and SIGINT or SIGTERM if one came meanwhile (each is held until
        every file is in place). A failure part way is an ``OutputError`` that says which
        targets were already written."""
        real = [(name, Path(target), check_target(target, inputs, "pdf", force)) for name, target in names]
        done: list[Path] = []
        with held_signals() as came:
            for name, shown, target in real:
                made = self.path / name
                try:
                    _keep_mode(made, target)
                    try:
                        os.replace(made, target)
                    except OSError as error:
                        if error.errno != errno.EXDEV:  # EXDEV: another file system; copy it there
                            raise
                        with open(made, "rb") as source:
                            write_file(target, partial(shutil.copyfileobj, source), inputs, None)
                except (OSError, OutputError) as error:
                    head = (
                        str(error)
                        if isinstance(error, OutputError)
                        else f"cannot write {shown}: {error.strerror}"
                    )
                    raise OutputError(
                        f"{head}; "
                        + (
                            f"{len(done)} of the {len(real)} files {'was' if len(done) == 1 else 'were'} "
                            "written before it "
                            f"({', '.join(p.name for p in done[:3])}{', ...' if len(done) > 3 else ''})"
                            if done
                            else "no file was written"
                        )
                    ) from None
                done.append(shown)
        return done, (came[0] if came else None)
