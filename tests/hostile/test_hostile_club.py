"""A club run against hostile rosters and output folders: a routine file never changes other
members' routines, no input is ever written over, nothing is written before everything is
checked, and an interrupted run stops at once, with its workers, and says what it left."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pypdfium2
import pytest
from hostile_helpers import SRC

from limber.clubs import COMBINED


def text_of(path: Path) -> str:
    document = pypdfium2.PdfDocument(str(path))
    out = "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    document.close()
    return out


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


MY_STRETCHES = """
exercises:
  - id: walking-knee-hug
    name: Knee hug on the spot
    kind: dynamic
    phases: [post-run]
    areas: [hamstrings, glutes]
    benefits: [Loosens the hips]
    steps: [Stand tall, Hug one knee to your chest, Switch legs]
    cues: {do: [Stay tall]}
    dose: {time_s: 30}
routines:
  - id: post-run-stretches
    title: {title}
    phase: post-run
    summary: Only for the member who names this file.
    items:
      - exercise: walking-knee-hug
      - exercise: standing-quad-stretch
"""


def test_a_routine_file_reusing_built_in_ids_changes_nothing_for_other_members(tmp_path, run):
    write(tmp_path, "mine.yaml", MY_STRETCHES.replace("{title}", "My own stretches"))
    write(tmp_path, "other.yaml", MY_STRETCHES.replace("{title}", "Other stretches"))
    roster = write(
        tmp_path,
        "roster.csv",
        """
        name,routines
        Al,post-run-stretches
        Bo,mine.yaml
        Cy,other.yaml;post-run-stretches
        Dee,post-run-mobility
        Eve,mine.yaml
        """,
    )
    out = tmp_path / "out"
    result = run("club", roster, "-o", out)
    al, bo, cy, dee, eve = (text_of(out / f"{n}.pdf") for n in ("al", "bo", "cy", "dee", "eve"))
    assert "Post-run stretches" in al and "My own stretches" not in al and "Knee hug on the spot" not in al
    assert "My own stretches" in bo and "Knee hug on the spot" in bo and "Post-run stretches" not in bo
    assert "Other stretches" in cy and "Post-run stretches" in cy and "My own stretches" not in cy
    assert "Walking knee hug" in dee and "Knee hug on the spot" not in dee
    assert eve.replace("Eve", "Bo") == bo  # one file named twice: the same routine
    # a warning names the file's routine by the id it was given
    assert all("post-run-stretches (" in line for line in result.stderr.splitlines() if "mine" in line)


def test_scoped_ids_keep_the_files_own_exercises_and_the_catalogue_whole(tmp_path):
    from limber.catalogue.load import load_catalogue
    from limber.catalogue.roster_files import scoped_routine_files

    base = load_catalogue()
    write(tmp_path, "mine.yaml", MY_STRETCHES.replace("{title}", "My own stretches"))
    found, cat = scoped_routine_files(["mine.yaml", "post-run-mobility"], tmp_path, (), base)
    assert found == {"mine.yaml": "post-run-stretches (mine.yaml)"}
    mine = cat.routines["post-run-stretches (mine.yaml)"]
    assert [i.exercise for i in mine.items] == ["walking-knee-hug (mine.yaml)", "standing-quad-stretch"]
    assert cat.exercises["walking-knee-hug (mine.yaml)"].name == "Knee hug on the spot"
    assert cat.routines["post-run-stretches"] == base.routines["post-run-stretches"]
    assert cat.exercises["walking-knee-hug"] == base.exercises["walking-knee-hug"]
    assert set(cat.routines) - set(base.routines) == {"post-run-stretches (mine.yaml)"}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_routine_file_in_the_output_folder_named_as_a_members_file_is_never_written_over(
    tmp_path, run, jobs
):
    out = tmp_path / "out"
    out.mkdir()
    # Bo's routine file is out/bo.pdf (YAML, whatever its name): Bo's own deck would go there
    routine = write(out, "bo.pdf", MY_STRETCHES.replace("{title}", "Bo's stretches"))
    before = routine.read_bytes()
    roster = write(tmp_path, "roster.csv", "name,routines\nAl,low-back-release\nBo,out/bo.pdf\n")
    result = run("club", roster, "-o", out, "--force", "--jobs", jobs, expect=5)
    assert "refusing to write" in result.stderr and "it is an input of this command" in result.stderr
    assert routine.read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["bo.pdf"]  # nothing else written either
    assert COMBINED not in result.stdout


# --- interrupts ---------------------------------------------------------------------------

ROUTINE_PAIRS = ["post-run-mobility;low-back-release", "full-warm-up-and-stretch", "post-run-stretches"]


def big_roster(folder: Path, members: int = 300) -> Path:
    rows = "".join(f"Runner {n},Group {n % 4},{ROUTINE_PAIRS[n % 3]}\n" for n in range(members))
    return write(folder, "big.csv", "name,group,routines\n" + rows)


def children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie, dead but not yet reaped, is not running)."""
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def start_club(roster: Path, out: Path, jobs: str) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(SRC))
    return subprocess.Popen(
        [sys.executable, "-m", "limber", "club", str(roster), "-o", str(out), "--jobs", jobs],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,  # a process group of its own, as a terminal's foreground job has
    )


def wait_for_files(child: subprocess.Popen, out: Path, files: int = 8) -> None:
    """Wait until the run has made ``files`` files (in its private folder)."""
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        made = [p for d in out.glob(".limber-*") for p in d.iterdir()] if out.is_dir() else []
        if len(made) >= files:
            return
        assert child.poll() is None, child.communicate()
        time.sleep(0.02)
    raise AssertionError("the run made no files in time")


@pytest.mark.unix
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the workers in /proc")
@pytest.mark.parametrize(
    "jobs,signum,group",
    [
        ("2", signal.SIGINT, True),  # Ctrl-C: the terminal signals the whole process group
        ("1", signal.SIGINT, True),
        ("2", signal.SIGTERM, False),  # kill PID: the parent alone
        ("2", signal.SIGINT, False),
    ],
)
def test_a_stopped_club_run_ends_at_once_with_its_workers_and_writes_nothing(tmp_path, jobs, signum, group):
    roster = big_roster(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "old.pdf").write_bytes(b"%PDF-1.4 an older deck")
    child = start_club(roster, out, jobs)
    try:
        wait_for_files(child, out)
        workers = children(child.pid)
        if jobs == "2":
            assert len(workers) >= 2
        sent = time.monotonic()
        (os.killpg if group else os.kill)(child.pid, signum)
        _, stderr = child.communicate(timeout=20)
        took = time.monotonic() - sent
    finally:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)
    what = "interrupted" if signum == signal.SIGINT else "stopped by SIGTERM"
    assert stderr == f"limber: {what}; nothing was written (the files made so far were removed)\n"
    assert child.returncode == (130 if signum == signal.SIGINT else 143)
    assert took < 1.5, took
    assert sorted(p.name for p in out.iterdir()) == ["old.pdf"]
    assert (out / "old.pdf").read_bytes() == b"%PDF-1.4 an older deck"
    assert not [pid for pid in workers if alive(pid)]


@pytest.mark.unix
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the workers in /proc")
def test_a_worker_killed_outright_stops_the_run_and_nothing_is_written(tmp_path):
    """The kernel's out-of-memory killer ends a worker: the run stops, and says so."""
    out = tmp_path / "out"
    child = start_club(big_roster(tmp_path), out, "2")
    try:
        wait_for_files(child, out, 2)
        os.kill(children(child.pid)[0], signal.SIGKILL)
        _, stderr = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)
    assert child.returncode == 5
    assert stderr == (
        "limber: a worker process ended before its files were made (out of memory?); nothing was written\n"
    )
    assert not out.exists()


@pytest.mark.unix
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the workers in /proc")
def test_workers_end_when_their_parent_is_killed_outright(tmp_path):
    """SIGKILL leaves the parent no time to stop its workers: they notice and end."""
    child = start_club(big_roster(tmp_path), tmp_path / "out", "2")
    try:
        wait_for_files(child, tmp_path / "out", 2)
        workers = children(child.pid)
        assert len(workers) >= 2
        os.kill(child.pid, signal.SIGKILL)
        child.communicate(timeout=20)
        deadline = time.monotonic() + 3
        while [pid for pid in workers if alive(pid)] and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [pid for pid in workers if alive(pid)]
    finally:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)


# --- inputs in the output folder ----------------------------------------------------------


@pytest.mark.unix
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_link_in_the_output_folder_to_the_logo_or_a_theme_parent_is_refused(tmp_path, run, jobs):
    from limber.errors import OutputError

    logo = tmp_path / "logo.svg"
    logo.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="30" height="20"><rect width="30" height="20"/></svg>',
        encoding="utf-8",
    )
    club = write(tmp_path, "club.yaml", "name: Hill Harriers\nlogo: logo.svg\n")
    parent = write(tmp_path, "parent.yaml", "name: parent\nextends: default\n")
    theme = write(tmp_path, "theme.yaml", "name: mine\nextends: parent.yaml\n")
    roster = write(tmp_path, "roster.csv", "name,routines\nAl,low-back-release\nBo,low-back-release\n")
    out = tmp_path / "out"
    out.mkdir()
    for target in (logo, parent):
        (out / "bo.pdf").unlink(missing_ok=True)
        (out / "bo.pdf").symlink_to(target)
        before = target.read_bytes()
        result = run(
            "club", roster, "-o", out, "--club", club, "--theme", theme, "--force", "--jobs", jobs,
            expect=OutputError.exit_code,
        )  # fmt: skip
        assert result.stderr == (
            f"limber: refusing to write {out / 'bo.pdf'}: it is an input of this command ({target})\n"
        )
        assert target.read_bytes() == before
        assert sorted(p.name for p in out.iterdir()) == ["bo.pdf"]  # nothing else written, or left


# --- nothing written before everything is checked ----------------------------------------


def test_a_member_whose_separator_sheet_does_not_fit_is_named_before_any_file_is_made(tmp_path, run):
    group = " ".join(["Wednesday"] * 20)  # fits the routine card in two lines; not the separator's one
    roster = write(
        tmp_path, "roster.csv", f"name,group,routines\nAl,A,low-back-release\nBo,{group},low-back-release\n"
    )
    out = tmp_path / "out"
    result = run("club", roster, "-o", out, "--size", "a6", expect=4)
    assert result.stderr.startswith(
        f"limber: 1 problem in the input:\n  {roster}:3:2: group: cannot print this member's cards: Bo: "
        "field 'group' does not fit its box"
    )
    assert sorted(p.name for p in out.iterdir()) == ["al.pdf", COMBINED]
    assert "wrote" in result.stdout and "1 member," in result.stdout


def test_cards_that_fit_no_member_exit_4_and_write_nothing(tmp_path, run):
    roster = write(tmp_path, "roster.csv", "name,routines\nAl,low-back-release\nBo,post-run-stretches\n")
    result = run("club", roster, "-o", tmp_path / "out", "--size", "20x20", expect=4)
    assert "roster.csv:2:2: routines: cannot print this member's cards:" in result.stderr
    assert "does not fit" in result.stderr and result.stdout == ""
    assert not (tmp_path / "out").exists()


def test_a_failure_while_the_files_are_made_writes_none_of_them(tmp_path, monkeypatch):
    import errno

    from limber import clubs
    from limber.clubs import ClubOptions, run_club
    from limber.errors import OutputError

    made = []

    def full_disk(path, data):
        made.append(path)
        if len(made) == 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(path, data)

    real = clubs.write_new
    monkeypatch.setattr(clubs, "write_new", full_disk)
    roster = write(
        tmp_path, "roster.csv", "name,routines\n" + "".join(f"R{n},low-back-release\n" for n in range(6))
    )
    out = tmp_path / "out"
    out.mkdir()
    (out / "r1.pdf").write_bytes(b"%PDF-1.4 last week's")
    with pytest.raises(OutputError) as caught:
        run_club(roster, out, ClubOptions(jobs=1))
    assert (
        str(caught.value) == f"cannot make the files in {out}: No space left on device; nothing was written"
    )
    assert sorted(p.name for p in out.iterdir()) == ["r1.pdf"]
    assert (out / "r1.pdf").read_bytes() == b"%PDF-1.4 last week's"


def test_a_failure_while_the_files_are_put_in_place_says_which_were_written(tmp_path, monkeypatch, run):
    roster = write(tmp_path, "roster.csv", "name,routines\nAl,low-back-release\nBo,low-back-release\n")
    out = tmp_path / "out"
    real, calls = os.replace, []

    def replace(source, target):
        calls.append(target)
        if len(calls) == 2:
            raise PermissionError(13, "Permission denied")
        real(source, target)

    monkeypatch.setattr(os, "replace", replace)
    result = run("club", roster, "-o", out, expect=5)
    assert result.stderr == (
        f"limber: cannot write {out / 'bo.pdf'}: Permission denied; 1 of the 3 files was written before it "
        "(al.pdf)\n"
    )
    assert sorted(p.name for p in out.iterdir()) == ["al.pdf"]


def test_a_signal_as_the_files_are_put_in_place_is_held_until_all_are(tmp_path, monkeypatch, run):
    roster = write(tmp_path, "roster.csv", "name,routines\nAl,low-back-release\nBo,low-back-release\n")
    out = tmp_path / "out"
    real = os.replace

    def replace(source, target):
        real(source, target)
        if Path(target).name == "al.pdf":
            signal.raise_signal(signal.SIGINT)

    monkeypatch.setattr(os, "replace", replace)
    result = run("club", roster, "-o", out, expect=130)
    assert result.stderr.startswith(
        f"limber: interrupted as the files were put in place; every one was written: {out / COMBINED} and "
        "2 member files: 2 members, "
    )
    assert sorted(p.name for p in out.iterdir()) == ["al.pdf", COMBINED, "bo.pdf"]


@pytest.mark.unix
def test_a_target_on_another_file_system_is_copied_there_through_its_link(tmp_path, monkeypatch, run):
    """A member's file that is a link to a file elsewhere is written through the link, as
    every command does; where a rename cannot reach it (another file system), it is copied."""
    import errno

    roster = write(tmp_path, "roster.csv", "name,routines\nAl,low-back-release\nBo,low-back-release\n")
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (elsewhere / "bo.pdf").write_bytes(b"%PDF-1.4 old")
    os.chmod(elsewhere / "bo.pdf", 0o640)
    (out / "bo.pdf").symlink_to(elsewhere / "bo.pdf")
    real = os.replace

    def replace(source, target):
        if Path(target).parent == elsewhere and ".limber-" in str(source):
            raise OSError(errno.EXDEV, os.strerror(errno.EXDEV))
        real(source, target)

    monkeypatch.setattr(os, "replace", replace)
    run("club", roster, "-o", out)
    assert (out / "bo.pdf").is_symlink() and (elsewhere / "bo.pdf").read_bytes().startswith(b"%PDF-1.")
    assert (elsewhere / "bo.pdf").read_bytes() != b"%PDF-1.4 old"
    assert os.stat(elsewhere / "bo.pdf").st_mode & 0o777 == 0o640
    assert sorted(p.name for p in out.iterdir()) == ["al.pdf", COMBINED, "bo.pdf"]
    assert sorted(p.name for p in elsewhere.iterdir()) == ["bo.pdf"]
