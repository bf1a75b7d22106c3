"""Written files: umask-based mode for a new file, a replaced file keeps its mode, a symlinked
target is written through, and a signal during the write leaves no temporary file."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time

import pytest
from hostile_helpers import SRC

from limber.errors import OutputError
from limber.write import write_file


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.unix
@pytest.mark.parametrize("umask, expected", [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_a_new_file_gets_the_umask_mode(tmp_path, umask, expected):
    old = os.umask(umask)
    try:
        write_file(tmp_path / "new.pdf", b"%PDF-1.4 new")
    finally:
        os.umask(old)
    assert _mode(tmp_path / "new.pdf") == expected


@pytest.mark.unix
def test_a_replaced_file_keeps_its_mode(run, tmp_path):
    out = tmp_path / "card.pdf"
    out.write_bytes(b"%PDF-1.4 old")
    out.chmod(0o664)
    run("card", "ankle-bounce", "-o", out)
    assert _mode(out) == 0o664 and out.read_bytes() != b"%PDF-1.4 old"


@pytest.mark.unix
def test_a_symlinked_target_is_written_through_the_link(run, tmp_path):
    (tmp_path / "real").mkdir()
    real = tmp_path / "real" / "card.pdf"
    real.write_bytes(b"%PDF-1.4 old")
    link = tmp_path / "card.pdf"
    link.symlink_to(real)
    run("card", "ankle-bounce", "-o", link)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes().startswith(b"%PDF-") and real.read_bytes() != b"%PDF-1.4 old"
    assert sorted(os.listdir(tmp_path / "real")) == ["card.pdf"]


def test_a_folder_or_a_missing_folder_is_an_output_error(tmp_path):
    with pytest.raises(OutputError, match="the folder .* does not exist"):
        write_file(tmp_path / "nope" / "x.pdf", b"%PDF-")
    (tmp_path / "dir.pdf").mkdir()
    with pytest.raises(OutputError, match="it is a folder"):
        write_file(tmp_path / "dir.pdf", b"%PDF-")


SLOW_WRITER = """
import os, signal, sys, time
signal.signal(signal.SIGINT, signal.default_int_handler)  # even where the suite runs with it ignored
from limber import write
real_fsync = os.fsync
def slow_fsync(fd):
    print("writing", flush=True)
    time.sleep(30)
os.fsync = slow_fsync
write.write_file(sys.argv[1], b"%PDF-1.4 new content")
"""


@pytest.mark.unix
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_during_the_write_leaves_the_old_file_and_no_temporary_file(tmp_path, signum):
    target = tmp_path / "deck.pdf"
    target.write_bytes(b"%PDF-1.4 old content")
    with subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITER, str(target)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(SRC)),
    ) as child:
        assert child.stdout.readline() == "writing\n"
        assert any(name.endswith(".part") for name in os.listdir(tmp_path))  # caught mid-write
        start = time.monotonic()
        child.send_signal(signum)
        _, err = child.communicate(timeout=25)
    assert time.monotonic() - start < 20  # well before the 30 s write would end: the signal cut it short
    assert child.returncode == -signum, err  # the signal is passed on once the file is cleaned up
    assert os.listdir(tmp_path) == ["deck.pdf"]
    assert target.read_bytes() == b"%PDF-1.4 old content"


def test_writing_works_where_the_platform_has_no_fchmod(tmp_path, monkeypatch):
    # Windows before Python 3.13 has no os.fchmod: the mode is then set by the file's name.
    monkeypatch.delattr(os, "fchmod")
    target = tmp_path / "deck.pdf"
    target.write_bytes(b"%PDF-1.4 old")
    target.chmod(0o640)
    write_file(target, b"%PDF-1.4 new")
    assert target.read_bytes() == b"%PDF-1.4 new" and os.listdir(tmp_path) == ["deck.pdf"]
    if os.name == "posix":
        assert _mode(target) == 0o640


IGNORING_WRITER = """
import os, signal, sys, time
signal.signal(signal.SIGINT, signal.SIG_IGN)  # as a background job or under nohup
from limber import write
real_fsync = os.fsync
def slow_fsync(fd):
    print("writing", flush=True)
    time.sleep(1.5)
    real_fsync(fd)
os.fsync = slow_fsync
write.write_file(sys.argv[1], b"%PDF-1.4 new content")
print("done", flush=True)
"""


@pytest.mark.unix
def test_a_signal_the_process_ignores_stays_ignored_while_writing(tmp_path):
    target = tmp_path / "deck.pdf"
    with subprocess.Popen(
        [sys.executable, "-c", IGNORING_WRITER, str(target)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(SRC)),
    ) as child:
        assert child.stdout.readline() == "writing\n"
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=25)
    assert child.returncode == 0 and out == "done\n", err
    assert target.read_bytes() == b"%PDF-1.4 new content"


def test_a_writer_function_that_fails_leaves_nothing(tmp_path):
    target = tmp_path / "deck.pdf"
    target.write_bytes(b"%PDF-1.4 old")

    def half_then_fail(handle):
        handle.write(b"%PDF-1.4 half")
        raise OSError(28, "No space left on device")

    with pytest.raises(OutputError, match="No space left on device"):
        write_file(target, half_then_fail)
    assert os.listdir(tmp_path) == ["deck.pdf"] and target.read_bytes() == b"%PDF-1.4 old"
    write_file(target, lambda handle: handle.write(b"%PDF-1.4 streamed"))
    assert target.read_bytes() == b"%PDF-1.4 streamed"


def test_write_atomic_replaces_any_regular_file_but_never_a_folder(tmp_path):
    from limber.write import write_atomic

    notes = tmp_path / "roster.txt"
    notes.write_text("old")
    write_atomic(notes, b"new")
    assert notes.read_bytes() == b"new" and os.listdir(tmp_path) == ["roster.txt"]
    with pytest.raises(OutputError, match="it is a folder"):
        write_atomic(tmp_path, b"x")
