"""A club run against hostile rosters and output folders: a routine file never changes other
members' routines, no input is ever written over, nothing is written before everything is
checked, and an interrupted run stops at once, with its workers, and says what it left."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pypdfium2
import pytest

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
