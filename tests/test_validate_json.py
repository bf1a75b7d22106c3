"""``limber validate --json``: one JSON document with every problem and warning, placed, and a
summary; the exit status is the one validate gives without --json."""

from __future__ import annotations

import json

from conftest import exercise_yaml

from limber.errors import DataError

KEYS = {"file", "line", "column", "field", "message", "severity", "check"}
LOPSIDED = """
routines:
  - id: lopsided
    title: Lopsided
    phase: post-run
    summary: One move only.
    items:
      - exercise: ankle-bounce
"""


def report(result) -> dict:
    data = json.loads(result.stdout)
    assert set(data) == {"ok", "summary", "problems"}
    assert all(set(p) == KEYS for p in data["problems"])
    return data


def test_all_well(run):
    data = report(run("validate", "--json"))
    assert data == {
        "ok": True,
        "summary": {"errors": 0, "warnings": 0, "exercises": 33, "routines": 6, "files": []},
        "problems": [],
    }


def test_every_problem_with_its_position(run, write_yaml):
    bad = write_yaml(
        "bad.yaml",
        "exercises:" + exercise_yaml().replace("kind: stretch", "kind: yoga") + "    colour: red\n",
    )
    result = run("validate", "--json", bad, expect=DataError.exit_code)
    data = report(result)
    assert data["ok"] is False and data["summary"]["errors"] == 2 and data["summary"]["files"] == [str(bad)]
    kind, colour = data["problems"]
    assert (kind["file"], kind["line"], kind["column"]) == (str(bad), 4, 11)
    assert kind["field"] == "exercises[0].kind (id calf-wall-stretch)" and "yoga" in kind["message"]
    assert (colour["line"], colour["column"], colour["message"]) == (11, 5, "unknown key")
    assert {p["severity"] for p in data["problems"]} == {"error"}
    assert result.stderr == ""  # nothing but the JSON document


def test_warnings_about_text_and_routines(run, write_yaml):
    split = exercise_yaml().replace(
        "cues: {do: [Keep the heel down]}", "cues: {do: [Keep the heel, down low]}"
    )
    mine = write_yaml("mine.yaml", "exercises:" + split + LOPSIDED)
    data = report(run("validate", "--json", mine))
    assert data["ok"] is True and data["summary"]["errors"] == 0
    checks = {p["check"] for p in data["problems"]}
    assert {"text", "phase"} <= checks
    assert all(p["severity"] == "warning" for p in data["problems"])
    routine = next(p for p in data["problems"] if p["check"] == "phase")
    assert routine["file"] == str(mine) and routine["line"] == 18 and "routine lopsided" in routine["field"]
    text = next(p for p in data["problems"] if p["check"] == "text")
    assert text["file"] == str(mine) and text["line"] == 9
    assert data["summary"]["warnings"] == len(data["problems"])


def test_strict_makes_routine_warnings_errors_and_exits_3(run, write_yaml):
    mine = write_yaml("mine.yaml", LOPSIDED)
    data = report(run("validate", "--json", "--strict", mine, expect=DataError.exit_code))
    assert data["ok"] is False
    assert {p["severity"] for p in data["problems"] if p["check"] in ("balance", "phase")} == {"error"}


def test_standard_input_is_named(write_yaml):
    from click.testing import CliRunner

    from limber.cli import main

    bad = "exercises:" + exercise_yaml().replace("kind: stretch", "kind: yoga")
    result = CliRunner().invoke(main, ["validate", "--json", "-"], input=bad)
    assert result.exit_code == DataError.exit_code
    (problem,) = json.loads(result.stdout)["problems"]
    assert (problem["file"], problem["line"], problem["column"]) == ("<stdin>", 4, 11)
