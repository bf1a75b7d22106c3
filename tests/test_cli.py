"""The command line, through click's runner: output, JSON, exit codes, and no tracebacks."""

import json
import re

from conftest import exercise_yaml


def test_help_and_version(run):
    assert "Examples:" in run("--help").output
    version = run("--version").output  # click words the line; limber gives the name and number
    assert {"limber", "0.1.0"} <= set(re.findall(r"[\w.-]+", version)), version
    for command in ["list", "show", "routines", "routine", "validate", "schema"]:
        assert "Examples:" in run(command, "--help").output, command


def test_list_filters(run):
    lines = run("list", "--phase", "post-run", "--area", "hips").output.strip().splitlines()
    assert "walking-figure-4" in " ".join(lines)
    assert all("back-arch" not in line for line in lines)
    data = json.loads(run("list", "--kind", "breathing", "--json").output)
    assert [d["id"] for d in data] == ["abdominal-breathing"]


def test_list_json_carries_every_field(run):
    data = json.loads(run("list", "--json").output)
    assert len(data) == 33
    for key in [
        "id",
        "name",
        "kind",
        "phases",
        "areas",
        "level",
        "equipment",
        "benefits",
        "steps",
        "cues",
        "dose",
        "dose_note",
        "pairs_with",
        "video",
        "source",
    ]:
        assert all(key in d for d in data), key
    assert all(d["video"].startswith("https://") for d in data)


def test_list_rejects_an_unknown_area(run):
    result = run("list", "--area", "elbows", expect=3)
    assert "unknown area 'elbows'" in result.output


def test_show(run):
    out = run("show", "walking-knee-hug").output
    assert "Walking knee hug" in out and "Steps:" in out and "1. " in out and "Figure:" in out
    assert json.loads(run("show", "ankle-bounce", "--json").output)["dose"]["reps"] == "12-16"


def test_show_unknown_id_suggests_and_exits_3(run):
    result = run("show", "ankle-bonce", expect=3)
    assert result.output.startswith("limber: no exercise has the id 'ankle-bonce' (did you mean ankle-bounce")
    assert "Traceback" not in result.output


def test_routines_and_routine(run):
    views = json.loads(run("routines", "--json").output)
    assert len(views) == 6 and all(v["duration_s"] > 0 for v in views)
    text = run("routine", "post-run-mobility").output
    assert "Post-run mobility" in text and "Walking knee hug" in text
    view = json.loads(run("routine", "post-run-mobility", "--json").output)
    assert [i["dose_label"] for i in view["items"]][:1] == ["20 s"]


def test_validate_ok_summary(run, write_yaml):
    assert run("validate").output == "ok: 33 exercises and 6 routines, no problems found\n"
    mine = write_yaml("mine.yaml", "exercises:" + exercise_yaml())
    assert run("validate", mine).output == (
        "ok: 34 exercises and 6 routines (with 1 file of yours), no problems found\n"
    )


def test_validate_bad_file_exits_3_with_every_problem(run, write_yaml):
    bad = write_yaml(
        "bad.yaml",
        "exercises:" + exercise_yaml().replace("kind: stretch", "kind: yoga") + "    colour: red\n",
    )
    result = run("validate", bad, expect=3)
    assert result.output.splitlines()[0] == "limber: 2 problems in the input:"
    assert f"{bad}:4:11: exercises[0].kind (id calf-wall-stretch)" in result.output
    assert f"{bad}:11:5: exercises[0].colour (id calf-wall-stretch): unknown key" in result.output
    assert "Traceback" not in result.output


def test_catalogue_option_on_every_command(run, write_yaml):
    mine = write_yaml("mine.yaml", "exercises:" + exercise_yaml())
    assert "calf-wall-stretch" in run("list", "--catalogue", mine).output
    assert "Calf wall stretch" in run("show", "calf-wall-stretch", "--catalogue", mine).output
    run("routines", "--catalogue", mine)


def test_schema_is_json_schema_of_a_catalogue_file(run):
    schema = json.loads(run("schema").output)
    assert schema["$schema"].endswith("2020-12/schema")
    assert set(schema["properties"]) == {"video_template", "exercises", "routines"}
    assert schema["$defs"]["Exercise"]["additionalProperties"] is False


def test_help_does_not_import_the_heavy_libraries():
    import subprocess
    import sys

    code = (
        "import sys; from click.testing import CliRunner; from limber.cli import main; "
        "r = CliRunner().invoke(main, ['--help']); assert r.exit_code == 0; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'reportlab', 'pydantic', 'qrcode', 'yaml'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
