"""What this process has read, so that the write stage never writes over any of it.

Takes: each input file as the load stage opens it (``note(path, info)``, with the ``os.stat``
of the open file), and the files a cached value stands for. Gives: ``find(info)``, the name
of a file read that is the same file as the one ``info`` describes (by device and inode, so
a symlink, a hard link or another spelling of the path is recognised), or None; and
``noted()``, the names of every file read, to hand to a worker process.

The rule "never write over a file the command reads" then covers every file read (a theme's
``extends`` parent, a routine file named in a roster, a logo), not only the ones named on
the command line.
"""

from __future__ import annotations

import os
from pathlib import Path

_READ: dict[tuple[int, int], str] = {}


def note(path: str | Path, info: os.stat_result | None = None) -> None:
    """Remember ``path`` as read; ``info`` is its ``os.stat``, when the caller has it."""
    try:
        info = info or os.stat(path)
    except OSError:
        return
    _READ.setdefault((info.st_dev, info.st_ino), str(path))


def find(info: os.stat_result) -> str | None:
    """The name of the file read that ``info`` describes, or None."""
    return _READ.get((info.st_dev, info.st_ino))


def noted() -> tuple[str, ...]:
    """The names of every file read so far, in the order first read."""
    return tuple(_READ.values())


def forget() -> None:
    """Start afresh (a long-running process between two requests; the tests)."""
    _READ.clear()
