"""``-`` for standard input and output, pipes and devices as outputs, and a terminal refused
for PDF and PNG bytes: through click's runner, and in child processes with real pipes."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pypdfium2
import pytest
import yaml
from click.testing import CliRunner
from conftest import exercise_yaml, long_routine_yaml

from limber.cli import main
from limber.errors import EXIT_OUTPUT, EXIT_PIPE, EXIT_USAGE, DataError, FitError, UsageError

SRC = Path(__file__).resolve().parents[1] / "src"
ROUTINE = """\
routines:
  - id: my-cooldown
    title: My cool-down
    phase: post-run
    summary: Two minutes after every easy run.
    items:
      - exercise: walking-knee-hug
      - exercise: seated-hamstring-stretch
"""


def invoke(*args, input: bytes | str | None = None, expect: int = 0):
    result = CliRunner().invoke(main, [str(a) for a in args], input=input)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code == expect, (result.exit_code, result.stderr)
    return result


def pdf_pages(data: bytes) -> int:
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    document = pypdfium2.PdfDocument(data)
    try:
        return len(document)
    finally:
        document.close()


def rendered(data: bytes, index: int = 0):
    """Page ``index`` of a PDF rendered to an image: a whole file draws, and not blank."""
    document = pypdfium2.PdfDocument(data)
    try:
        image = document[index].render(scale=0.5).to_pil().convert("L")
    finally:
        document.close()
    low, high = image.getextrema()
    assert high - low > 100, "the page is blank"
    return image


# --- standard output -------------------------------------------------------------------


def test_deck_to_standard_output_is_the_pdf_and_the_summary_goes_to_stderr(tmp_path):
    result = invoke("deck", "post-run-mobility", "-o", "-")
    pages = pdf_pages(result.stdout_bytes)
    assert result.stderr.startswith("wrote <stdout>: ")
    assert f" on {pages} pages," in result.stderr
    rendered(result.stdout_bytes)
    assert list(tmp_path.iterdir()) == [] and not Path("-").exists()
    invoke("deck", "post-run-mobility", "-o", tmp_path / "deck.pdf")
    assert (tmp_path / "deck.pdf").read_bytes() == result.stdout_bytes  # the same bytes as a file


@pytest.mark.parametrize(
    "args, pages",
    [
        (["card", "walking-knee-hug"], 2),
        (["card", "post-run-mobility"], 2),
        (["poster", "post-run-stretches"], 1),
        (["poster", "post-run-stretches", "--paper", "a2", "--tile", "a4"], None),
        (["calibrate"], 2),
    ],
)
def test_every_pdf_command_writes_to_standard_output(args, pages):
    result = invoke(*args, "-o", "-")
    count = pdf_pages(result.stdout_bytes)
    assert pages is None or count == pages
    assert result.stderr.startswith("wrote <stdout>: ")
    rendered(result.stdout_bytes, count - 1)


def test_gallery_to_standard_output():
    assert pdf_pages(invoke("gallery", "-o", "-").stdout_bytes) > 1


def test_build_to_standard_output_is_the_routine_file():
    result = invoke("build", "--minutes", 5, "--phase", "post-run", "--focus", "hips", "-o", "-")
    assert result.stdout.startswith("# Built by limber")
    assert yaml.safe_load(result.stdout)["routines"][0]["items"]
    assert result.stderr.startswith("wrote <stdout>: ")
    invoke("build", "--minutes", 5, "--phase", "post-run", "-o", "-", "--json", expect=EXIT_USAGE)


def test_nothing_reaches_standard_output_when_making_the_file_fails(write_yaml):
    from limber.api import load_catalogue

    every = write_yaml("every.yaml", long_routine_yaml(list(load_catalogue().exercises)))
    result = invoke(
        "card", "every-move", "--catalogue", every, "--size", "credit", "-o", "-", expect=FitError.exit_code
    )
    assert result.stdout_bytes == b""


def test_a_pdf_is_never_written_to_a_terminal(monkeypatch):
    import limber.write

    monkeypatch.setattr(limber.write, "is_terminal", lambda stream: True)
    for args in (["deck", "ankle-bounce"], ["calibrate"]):
        result = invoke(*args, "-o", "-", expect=EXIT_OUTPUT)
        assert result.stdout_bytes == b""
        assert result.stderr.startswith("limber: refusing to write a PDF file to the terminal")
    # a routine file is text: it may go to a terminal
    invoke("build", "--minutes", 3, "--phase", "post-run", "-o", "-")


def test_club_cannot_write_its_folder_to_standard_output(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("name,routines\nAna,post-run-mobility\n", encoding="utf-8")
    invoke("club", roster, "-o", "-", expect=EXIT_USAGE)


def test_devices_are_written_straight_through(tmp_path):
    result = invoke("deck", "ankle-bounce", "-o", os.devnull)
    assert result.stderr.startswith(f"wrote {os.devnull}: ")  # not in the output
    assert not list(tmp_path.iterdir())


@pytest.mark.unix
def test_a_named_pipe_is_written_straight_through(tmp_path):
    fifo = tmp_path / "out.pdf"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    invoke("card", "ankle-bounce", "-o", fifo)
    reader.join(timeout=60)
    assert pdf_pages(got[0]) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.pdf"]  # no temporary file beside it


@pytest.mark.unix
def test_a_named_pipe_that_nothing_reads_is_refused_not_waited_on_for_ever(tmp_path, monkeypatch):
    from limber import write

    monkeypatch.setattr(write, "READER_WAIT", 0.3)
    fifo = tmp_path / "out.pdf"
    os.mkfifo(fifo)
    result = invoke("card", "ankle-bounce", "-o", fifo, expect=EXIT_OUTPUT)
    assert result.stderr == (
        f"limber: cannot write {fifo}: it is a named pipe that nothing reads (waited 0.3 s for a reader)\n"
    )


@pytest.mark.unix
def test_a_reader_that_comes_late_still_gets_the_whole_file(tmp_path):
    fifo = tmp_path / "out.pdf"
    os.mkfifo(fifo)
    got: list[bytes] = []

    def read_late() -> None:
        time.sleep(0.5)
        got.append(fifo.read_bytes())

    reader = threading.Thread(target=read_late)
    reader.start()
    invoke("card", "ankle-bounce", "-o", fifo)
    reader.join(timeout=60)
    assert pdf_pages(got[0]) == 2


# --- standard input --------------------------------------------------------------------


def test_a_catalogue_from_standard_input():
    mine = "exercises:" + exercise_yaml()
    assert "calf-wall-stretch" in invoke("list", "--catalogue", "-", input=mine).stdout
    assert "(with 1 file of yours)" in invoke("validate", "-", input=mine).stdout


def test_problems_in_standard_input_name_it_with_lines_and_columns():
    bad = "exercises:" + exercise_yaml().replace("kind: stretch", "kind: yoga")
    for args in (["validate", "-"], ["list", "--catalogue", "-"]):
        result = invoke(*args, input=bad, expect=DataError.exit_code)
        assert "  <stdin>:4:11: exercises[0].kind (id calf-wall-stretch): " in result.stderr
    assert "<stdin>:1:1: the file is empty" in invoke("validate", "-", input="", expect=3).stderr


def test_a_routine_file_from_standard_input(tmp_path):
    assert "My cool-down" in invoke("routine", "-", input=ROUTINE).stdout
    invoke("card", "-", "-o", tmp_path / "card.pdf", input=ROUTINE)
    result = invoke("deck", "-", "-o", "-", input=ROUTINE)
    assert pdf_pages(result.stdout_bytes) == 2 and "3 cards on 2 pages" in result.stderr


def test_a_routine_warning_from_standard_input_names_its_line(tmp_path):
    lopsided = ROUTINE.replace("walking-knee-hug", "ankle-bounce")  # meant for warm-ups
    result = invoke("card", "-", "-o", tmp_path / "card.pdf", input=lopsided)
    assert "warning: <stdin>:" in result.stderr


def test_standard_input_is_read_only_once(tmp_path):
    mine = "exercises:" + exercise_yaml()
    invoke("validate", "-", "--catalogue", "-", input=mine, expect=EXIT_USAGE)
    invoke("card", "-", "--catalogue", "-", "-o", tmp_path / "x.pdf", input=ROUTINE, expect=EXIT_USAGE)
    assert list(tmp_path.iterdir()) == []


def test_a_roster_from_standard_input(tmp_path):
    result = invoke("club", "-", "-o", tmp_path / "decks", input="name,routines\nAna,post-run-mobility\n")
    assert (tmp_path / "decks" / "ana.pdf").exists()
    result = invoke(
        "club",
        "-",
        "-o",
        tmp_path / "more",
        input="name,routines\nAna,post-run-mobility\nBo,nope\n",
        expect=3,
    )
    assert "<stdin>:3:2: routines: unknown routine 'nope'" in result.stderr


def test_preview_reads_a_pdf_from_standard_input_and_writes_a_png_to_standard_output(tmp_path):
    from PIL import Image

    deck = invoke("deck", "ankle-bounce", "walking-knee-hug", "-o", "-").stdout_bytes
    result = invoke("preview", "-", "-o", tmp_path / "png", "--dpi", 30, input=deck)
    assert sorted(p.name for p in (tmp_path / "png").iterdir()) == ["page-001.png", "page-002.png"]
    assert "wrote 2 images to" in result.stdout
    result = invoke("preview", "-", "--page", 2, "-o", "-", "--dpi", 30, input=deck)
    image = Image.open(io.BytesIO(result.stdout_bytes))
    assert image.format == "PNG" and image.size[0] > image.size[1]  # an A4 sheet turned to landscape
    assert result.stderr.startswith("wrote <stdout>: page 2")
    assert invoke("preview", "-", "-o", "-", input=deck, expect=EXIT_OUTPUT).stdout_bytes == b""
    result = invoke("preview", "-", "--page", 3, "-o", "-", input=deck, expect=UsageError.exit_code)
    assert result.stderr == "limber: --pages: 3 is outside pages 1 to 2 of <stdin>\n"
    assert "<stdin>" in invoke("preview", "-", input=b"not a pdf", expect=3).stderr


# --- real processes --------------------------------------------------------------------


def child(*args, **kwargs) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(SRC))
    env.pop("LIMBER_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "limber", *map(str, args)], env=env, timeout=120, **kwargs)


@pytest.mark.parametrize("target", ["-", "/dev/stdout"])
def test_a_real_pipe_gets_the_whole_pdf(target):
    result = child("deck", "post-run-stretches", "-o", target, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert result.returncode == 0, result.stderr
    pages = pdf_pages(result.stdout)
    assert f" on {pages} pages," in result.stderr.decode()
    rendered(result.stdout)


def test_a_real_pipe_into_standard_input():
    bad = ("exercises:" + exercise_yaml().replace("kind: stretch", "kind: yoga")).encode()
    result = child("validate", "-", input=bad, capture_output=True)
    assert result.returncode == 3
    assert b"<stdin>:4:11: exercises[0].kind" in result.stderr


def test_a_reader_that_stops_reading_a_pdf_is_141_without_a_message():
    env = dict(os.environ, PYTHONPATH=str(SRC))
    child_process = subprocess.Popen(
        [sys.executable, "-m", "limber", "deck", "--all", "--copies", "30", "-o", "-"],  # some MB
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    child_process.stdout.read(5)
    child_process.stdout.close()  # the reader goes away in the middle of the file
    status, errors = child_process.wait(timeout=120), child_process.stderr.read()
    child_process.stderr.close()
    assert (status, errors) == (EXIT_PIPE, b"")


def test_a_real_terminal_is_refused_for_a_pdf_and_as_standard_input():
    import pty

    leader, follower = pty.openpty()
    try:
        result = child("deck", "ankle-bounce", "-o", "-", stdout=follower, stderr=subprocess.PIPE)
        assert result.returncode == EXIT_OUTPUT
        assert result.stderr.startswith(b"limber: refusing to write a PDF file to the terminal")
        result = child("validate", "-", stdin=follower, capture_output=True)
        assert result.returncode == 3 and b"<stdin>: standard input is a terminal" in result.stderr
    finally:
        os.close(follower)
        os.close(leader)


def test_standard_output_redirected_to_an_input_is_refused(tmp_path):
    mine = tmp_path / "mine.yaml"
    mine.write_text("exercises:" + exercise_yaml(), encoding="utf-8")
    before = mine.read_bytes()
    with open(mine, "ab") as out:
        result = child(
            "deck", "calf-wall-stretch", "--catalogue", mine, "-o", "-", stdout=out, stderr=subprocess.PIPE
        )
    assert result.returncode == EXIT_OUTPUT, result.stderr
    assert b"it is an input of this command" in result.stderr
    assert mine.read_bytes() == before
