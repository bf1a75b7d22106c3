"""A cache of the validated built-in catalogue, so that commands start without parsing YAML.

Takes: a name, the files a value is built from, and a function that builds it (parsing and
validating them). Gives: ``cached(...)``: the value as stored by an earlier run, unpickled
without validating it again (and without importing pydantic: the values are plain frozen
dataclasses), when none of those files, nor limber's code, nor the versions of Python,
pydantic and limber changed since (by size and modification time);
otherwise the freshly built value, which is stored for the next run.

The folder is ``$LIMBER_CACHE_DIR``, else the user's cache folder as ``platformdirs`` names it
(``$XDG_CACHE_HOME/limber`` or ``~/.cache/limber`` on Linux, ``~/Library/Caches/limber`` on
macOS, ``%LOCALAPPDATA%\\limber\\Cache`` on Windows); ``LIMBER_CACHE_DIR=off`` turns it off.
Each installed copy of limber keeps its own files there (``NAME-TAG.pickle``, the tag made from
where the code lives), so that two copies in use by one user do not keep replacing each other's.
Every file begins with a line of text naming the copy that wrote it; when a copy stores a
value, it removes the files of copies that are no longer installed (and files of an older
format), so that upgrades leave nothing behind.

Unpickling runs code, so a file is unpickled only when nobody but the user could have
written it: the folder and the file must be owned by the user and writable by nobody else,
and the file must be a regular file, opened without following a link and without blocking
(a FIFO planted in its place is passed over, not waited on). Anything else, and a folder
that cannot be created or written, or a file that cannot be read or unpickled, is passed over
silently: the value is then built exactly as without a cache. The folder is created for its
owner only. Only built-in data goes through here; the user's own files are always parsed and
validated.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
import time
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import BinaryIO, TypeVar, cast

T = TypeVar("T")
_PACKAGE = Path(__file__).resolve().parent  # limber's code defines what is stored


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is turned off."""
    chosen = os.environ.get("LIMBER_CACHE_DIR")
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "no") else Path(chosen)
    from platformdirs import user_cache_path

    folder = user_cache_path("limber", appauthor=False)
    if not folder.is_absolute() or str(folder).startswith("~"):
        return None  # no home folder to be found: no cache rather than one in the working folder
    return folder


def fingerprint(files: Sequence[Path]) -> str:
    """A digest of the files' names, sizes and modification times, of limber's own code's,
    and of the Python, pydantic and limber versions."""
    digest = hashlib.sha256(_code_stamp().encode())
    for path in map(str, files):
        info = os.stat(path)
        digest.update(f"|{path}|{info.st_size}|{info.st_mtime_ns}".encode())
    return digest.hexdigest()


@cache
def _code_stamp() -> str:
    """The versions, and every code file's name, size and modification time: read once per
    process (the code does not change while it runs), whatever number of values it caches."""
    from importlib.util import find_spec

    from . import __version__

    parts = [f"{sys.version}|{__version__}"]
    spec = find_spec("pydantic")  # found, not imported: its version file stands for its version
    if spec is not None and spec.origin:
        version = os.path.join(os.path.dirname(spec.origin), "version.py")
        if os.path.exists(version):
            info = os.stat(version)
            parts.append(f"|{version}|{info.st_size}|{info.st_mtime_ns}")
    for folder, subfolders, names in os.walk(_PACKAGE):
        subfolders.sort()
        for name in sorted(n for n in names if n.endswith(".py")):
            info = os.stat(os.path.join(folder, name))
            parts.append(f"|{os.path.join(folder, name)}|{info.st_size}|{info.st_mtime_ns}")
    return "".join(parts)


@cache
def _install_tag() -> str:
    return hashlib.sha256(str(_PACKAGE).encode()).hexdigest()[:10]


def cached(name: str, files: Sequence[Path], build: Callable[[], T], keep: Callable[[T], bool] = bool) -> T:
    """``build()``'s value, from the cache when ``files`` are unchanged since it was stored.

    A value for which ``keep(value)`` is false (e.g. one that carries problems) is not stored.
    """
    from . import reads

    for file in files:  # what the value stands for is read, though its bytes may not be
        reads.note(file)
    folder = cache_dir()
    if folder is None:
        return build()
    key = fingerprint(files)
    path = folder / f"{name}-{_install_tag()}.pickle"
    found, value = _read(path, key)
    if found:
        return cast(T, value)  # what build() gave in the run that stored it under this key
    value = build()
    if keep(value):
        _write(folder, path, key, value)
    return value


# The first line of every cache file: this format, then the folder of the copy that wrote it.
_HEADER = b"limber-cache 2 "


def _header() -> bytes:
    return _HEADER + os.fsencode(_PACKAGE) + b"\n"


def _private(info: os.stat_result) -> bool:
    """Whether only the user could have written what ``info`` describes. Where the system
    has no owners to compare (Windows), the user's own cache folder is private by its ACLs."""
    if not hasattr(os, "geteuid"):
        return True
    return info.st_uid == os.geteuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _open_private(path: Path) -> BinaryIO | None:
    """``path`` opened for reading when it is a regular file that only the user could have
    written, in a folder that only the user could have written; else None. Never follows a
    link and never blocks."""
    try:
        if not _private(os.stat(path.parent)):
            return None
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        flags |= getattr(os, "O_BINARY", 0)
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if stat.S_ISREG(info.st_mode) and _private(info):
            return os.fdopen(fd, "rb")
    except OSError:
        pass
    os.close(fd)
    return None


def _read(path: Path, key: str) -> tuple[bool, object]:
    """(True, value) when the file holds a value stored under ``key`` by this copy of limber;
    the value of any other key is never unpickled, nor any file another user could write."""
    handle = _open_private(path)
    if handle is None:
        return False, None
    try:
        with handle:
            if handle.readline() != _header() or handle.readline() != key.encode() + b"\n":
                return False, None
            return True, pickle.load(handle)
    except Exception:  # unreadable, truncated, or written by other code: rebuild
        return False, None


def _write(folder: Path, path: Path, key: str, value: object) -> None:
    import tempfile

    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not _private(os.stat(folder)):
            return  # a value stored there could not be trusted when read back
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(_header() + key.encode() + b"\n")
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except (OSError, pickle.PicklingError):
        Path(tmp).unlink(missing_ok=True)
        return
    prune(folder)


def prune(folder: Path) -> list[Path]:
    """Remove the cache files of copies of limber that are no longer installed, files of an
    older format, and temporary files over an hour old; returns what was removed. Files of
    copies still installed are kept."""
    removed: list[Path] = []
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return removed
    for name in names:
        path = folder / name
        if name.startswith(".") and name.endswith(".part"):  # left by a process that was killed
            try:
                if time.time() - os.lstat(path).st_mtime > 3600:
                    path.unlink()
                    removed.append(path)
            except OSError:
                pass
            continue
        if not name.endswith(".pickle"):
            continue
        handle = _open_private(path)
        if handle is None:
            continue  # not ours to judge
        with handle:
            first = handle.readline(4096)
        if first.startswith(_HEADER) and first.endswith(b"\n"):
            owner = os.fsdecode(first[len(_HEADER) : -1])
            if os.path.isdir(owner):
                continue
        try:
            path.unlink()
            removed.append(path)
        except OSError:
            pass
    return removed
