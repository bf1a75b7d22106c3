"""Friendlier input: cues as a plain list, every problem in one run, warnings about split cues,
and the catalogue's own text (no split cues, breaths counted as breaths)."""

from __future__ import annotations

import json

from hostile_helpers import ROUTINE, exercise


def test_cues_as_a_plain_list_are_the_do_cues(run, tmp_path):
    path = exercise(
        tmp_path, replace={"cues: {do: [Keep the heel down]}": "cues: [Keep the heel down, Breathe out]"}
    )
    shown = json.loads(run("show", "calf-x", "--json", "--catalogue", path).output)
    assert shown["cues"] == {"do": ["Keep the heel down", "Breathe out"], "avoid": []}


def test_model_errors_and_unknown_routine_items_are_reported_together(run, tmp_path):
    path = exercise(
        tmp_path,
        replace={"kind: stretch": "kind: yoga"},
        extra=ROUTINE
        + """\
      - exercise: walking-knee-hugs
      - {exercise: ankle-bounce, dose: {reps: 0}}
""",
    )
    lines = run("validate", path, expect=3).output.splitlines()
    assert lines == [
        "limber: 3 problems in the input:",
        f"  {path}:4:11: exercises[0].kind (id calf-x): expected one of 'stretch', 'mobility', 'dynamic', "
        "'massage', 'breathing' or 'strength', found 'yoga'",
        f"  {path}:19:47: routines[0].items[2].dose.reps (id mine): expected a count of at least 1, found 0",
        f"  {path}:18:19: items[1].exercise (routine mine): unknown exercise id 'walking-knee-hugs' "
        "(did you mean walking-knee-hug, lying-knee-twist, walking-figure-4?)",
    ]


def test_a_cue_split_by_a_flow_list_comma_is_warned_about(run, tmp_path):
    path = exercise(tmp_path, replace={"[Keep the heel down]": "[Use firm, steady pressure]"})
    result = run("validate", path)
    assert result.output.splitlines()[0] == (
        f"limber: warning: {path}:9:27: exercises[0].cues.do[1] (id calf-x): 'steady pressure' starts in lower "
        "case right after 'Use firm': is one line split in two by a comma? Quote it: \"Use firm, steady pressure\""
    )
    assert result.output.splitlines()[1].startswith("ok: 34 exercises")


def test_the_built_in_catalogue_has_no_warnings(run):
    assert run("validate").output == "ok: 33 exercises and 6 routines, no problems found\n"


def test_the_formerly_split_cues_are_whole(run):
    cues = {
        ident: json.loads(run("show", ident, "--json").output)["cues"]["do"]
        for ident in ("lumbar-rub", "hamstring-calf-stretch", "ankle-stretch-roll")
    }
    assert cues == {
        "lumbar-rub": ["Use firm, steady pressure"],
        "hamstring-calf-stretch": ["Hinge from the hips, not the waist"],
        "ankle-stretch-roll": ["Draw big, slow circles with your toes"],
    }


def test_breathing_doses_count_breaths(run):
    shown = json.loads(run("show", "abdominal-breathing", "--json").output)
    assert shown["dose_label"] == "5-10 breaths"
    listed = run("list", "--kind", "breathing").output
    assert "5-10 breaths" in listed and "reps" not in listed
    for view in json.loads(run("routines", "--json").output):
        for item in view["items"]:
            if item["exercise"] == "abdominal-breathing":
                assert item["dose_label"].endswith("breaths") or "breaths x" in item["dose_label"]


def test_the_forward_hip_swing_says_why_it_swings_the_outer_leg(run):
    shown = json.loads(run("show", "forward-hip-swing", "--json").output)
    assert "Swing the leg farther from the wall forward and back" in shown["steps"]
    assert shown["dose_note"].startswith(
        "The source swings the leg nearer the wall or pole; this card swings the outer leg"
    )


def test_printability_problems_come_with_model_problems(run, tmp_path):
    bad = exercise(tmp_path, "bad.yaml", replace={"kind: stretch": "kind: yoga"})
    greek = exercise(tmp_path, "greek.yaml", replace={"calf-x": "calf-y", "name: Calf x": "name: Γάμπα"})
    lines = run("validate", bad, greek, expect=3).output.splitlines()
    assert lines[0] == "limber: 2 problems in the input:"
    assert lines[1].startswith(f"  {bad}:4:11: exercises[0].kind (id calf-x): expected one of")
    assert lines[2] == (
        f"  {greek}:3:11: exercises[0].name (id calf-y): the character 'Γ' U+0393 (GREEK CAPITAL "
        "LETTER GAMMA) (and 2 more) is not in the bundled font Atkinson Hyperlegible; a font such "
        "as Noto Sans Greek or DejaVu Sans would have it"
    )
