"""A cache of the validated built-in catalogue, so that commands start without parsing YAML.

Takes: a name, the files a value is built from, and a function that builds it (parsing and
validating them). Gives: ``cached(...)``: the value as stored by an earlier run, unpickled
without validating it again (and without importing pydantic: the values are plain frozen
dataclasses), when none of those files, nor limber's code, nor the versions of Python,
pydantic and limber changed since (by size and modification time);
otherwise the freshly built value, which is stored for the next run.

The folder is ``$LIMBER_CACHE_DIR``, else ``$XDG_CACHE_HOME/limber``, else ``~/.cache/limber``.
Each installed copy of limber keeps its own files there (``NAME-TAG.pickle``, the tag made from
where the code lives), so that two copies in use by one user do not keep replacing each other's;
``LIMBER_CACHE_DIR=off`` turns the cache off. A folder that cannot be created or written, and
a cache file that cannot be read or unpickled, are passed over silently: the value is then
built exactly as without a cache. The folder is created for its owner only, as its files
are unpickled. Only built-in data goes through here; the user's own files are always parsed
and validated.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import TypeVar, cast

T = TypeVar("T")
_PACKAGE = Path(__file__).resolve().parent  # limber's code defines what is stored


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is turned off."""
    chosen = os.environ.get("LIMBER_CACHE_DIR")
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "no") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        home = os.path.expanduser("~")
        if home == "~":  # no home folder to be found: no cache rather than one in the working folder
            return None
        base = os.path.join(home, ".cache")
    return Path(base) / "limber"


def fingerprint(files: Sequence[Path]) -> str:
    """A digest of the files' names, sizes and modification times, of limber's own code's,
    and of the Python, pydantic and limber versions."""
    digest = hashlib.sha256(_code_stamp().encode())
    for path in map(str, files):
        stat = os.stat(path)
        digest.update(f"|{path}|{stat.st_size}|{stat.st_mtime_ns}".encode())
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
            stat = os.stat(version)
            parts.append(f"|{version}|{stat.st_size}|{stat.st_mtime_ns}")
    for folder, subfolders, names in os.walk(_PACKAGE):
        subfolders.sort()
        for name in sorted(n for n in names if n.endswith(".py")):
            stat = os.stat(os.path.join(folder, name))
            parts.append(f"|{os.path.join(folder, name)}|{stat.st_size}|{stat.st_mtime_ns}")
    return "".join(parts)


@cache
def _install_tag() -> str:
    return hashlib.sha256(str(_PACKAGE).encode()).hexdigest()[:10]


def cached(name: str, files: Sequence[Path], build: Callable[[], T], keep: Callable[[T], bool] = bool) -> T:
    """``build()``'s value, from the cache when ``files`` are unchanged since it was stored.

    A value for which ``keep(value)`` is false (e.g. one that carries problems) is not stored.
    """
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


def _read(path: Path, key: str) -> tuple[bool, object]:
    """(True, value) when the file holds a value stored under ``key``; the value of any other
    key is never unpickled."""
    try:
        with open(path, "rb") as handle:
            if pickle.load(handle) != key:
                return False, None
            return True, pickle.load(handle)
    except Exception:  # missing, unreadable, truncated, or written by other code: rebuild
        return False, None


def _write(folder: Path, path: Path, key: str, value: object) -> None:
    import tempfile

    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(key, handle, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except (OSError, pickle.PicklingError):
        Path(tmp).unlink(missing_ok=True)
