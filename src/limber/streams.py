"""Standard input and output as files: ``-`` for a file's name.

Takes: a file name as given on the command line. Gives: ``is_dash``; ``shown_input`` and
``shown_output``, the names messages use (``<stdin>``, ``<stdout>``); ``read_stdin``, the
bytes of standard input, read once (a command may read an input file more than once, to
place a problem at its line, say: it gets the same bytes again), or a ``DataError`` when it
is a terminal, which would only wait for typing; ``stdout_binary``, the byte stream behind
standard output; and ``is_terminal``, whether a stream is a terminal.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, BinaryIO, cast

from .errors import DataError, Problem

DASH = "-"
STDIN_NAME = "<stdin>"
STDOUT_NAME = "<stdout>"
CHUNK = 1 << 20

_read: tuple[Any, bytes] | None = None  # (the stream read, its bytes)


def is_dash(name: str | Path | None) -> bool:
    """True for ``-``, standard input or output (a file really called ``-`` is ``./-``)."""
    return name is not None and str(name) == DASH


def shown_input(name: str | Path) -> str:
    return STDIN_NAME if is_dash(name) else str(name)


def shown_output(name: str | Path) -> str:
    return STDOUT_NAME if is_dash(name) else str(name)


def is_terminal(stream: Any) -> bool:
    """True when ``stream`` is a terminal (a stream without a way to tell is not)."""
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def read_stdin(limit: int) -> bytes:
    """Standard input's bytes, read in chunks and stopping after ``limit + 1`` (so the caller
    can tell a stream that is too large); the same bytes on every call for one stream."""
    global _read
    stream = sys.stdin
    if _read is not None and _read[0] is stream:
        return _read[1]

    def fail(message: str) -> DataError:
        return DataError([Problem(STDIN_NAME, None, None, "", message)])

    if stream is None:
        raise fail("there is no standard input to read")
    if is_terminal(stream):
        raise fail("standard input is a terminal; pipe or redirect a file into it, e.g. '< my.yaml'")
    source = getattr(stream, "buffer", stream)
    parts: list[bytes] = []
    size = 0
    try:
        while size <= limit:
            chunk = source.read(min(CHUNK, limit + 1 - size))
            if not chunk:
                break
            if isinstance(chunk, str):  # a text stream without a buffer
                chunk = chunk.encode("utf-8")
            parts.append(chunk)
            size += len(chunk)
    except OSError as error:
        raise fail(f"cannot read: {error.strerror}") from None
    data = b"".join(parts)
    _read = (stream, data)
    return data


def stdin_stat() -> os.stat_result | None:
    """What standard input is, when it is a file of this system (for the check that an
    output never replaces an input)."""
    try:
        return os.fstat(sys.stdin.fileno())
    except (AttributeError, ValueError, OSError):
        return None


def stdout_binary() -> BinaryIO:
    """The byte stream behind standard output, with the text written to it so far flushed."""
    stream = sys.stdout
    stream.flush()
    buffer = getattr(stream, "buffer", None)
    return cast(BinaryIO, stream if buffer is None else buffer)
