"""Routine checks: balance, phase, and --strict on validate and the printing commands."""

from __future__ import annotations

import pytest

from limber.catalogue.load import load_catalogue
from limber.errors import DataError
from limber.plan.checks import WARM_UP_HOLD_LIMIT, check_routine, partners

ROUTINE = """
routines:
  - id: mine
    title: Mine
    phase: {phase}
    summary: A test routine.
    items:
{items}
"""


def routine_file(write_yaml, phase: str, items: list[str]):
    body = "\n".join(f"      - {item}" for item in items)
    return write_yaml("mine.yaml", ROUTINE.format(phase=phase, items=body))


def findings_for(path):
    from limber.api import routine_findings

    cat = load_catalogue([path])
    return routine_findings(cat, [cat.routines["mine"]], [path])


@pytest.fixture(scope="module")
def cat():
    return load_catalogue()


def test_builtin_routines_pass_every_check(cat):
    assert [str(f) for r in cat.routines.values() for f in check_routine(cat, r)] == []


def test_pairs_count_both_ways_and_may_be_several(cat):
    pairs = partners(cat)
    assert pairs["hamstring-calf-stretch"] == ("front-outer-thigh-stretch", "inner-thigh-stretch")
    assert pairs["inner-thigh-stretch"] == ("hamstring-calf-stretch",)
    for ident, others in pairs.items():
        for other in others:
            assert ident in pairs[other], (ident, other)


def test_a_missing_counterpart_is_named_with_file_routine_and_item(write_yaml):
    path = routine_file(
        write_yaml, "post-run", ["exercise: lumbar-rub", "exercise: seated-hamstring-stretch"]
    )
    [finding] = findings_for(path)
    assert (finding.check, finding.routine, finding.item, finding.exercise) == (
        "balance",
        "mine",
        1,
        "seated-hamstring-stretch",
    )
    assert str(finding) == (
        f"{path}:8: routine mine, item 2 (seated-hamstring-stretch): Seated hamstring "
        "stretch is usually balanced by Standing quad stretch, which this routine leaves out"
    )


def test_one_of_several_counterparts_is_enough(write_yaml):
    path = routine_file(
        write_yaml,
        "post-run",
        [
            "exercise: inner-thigh-stretch",
            "exercise: front-outer-thigh-stretch",
            "exercise: hamstring-calf-stretch",
        ],
    )
    assert findings_for(path) == []
    path = routine_file(write_yaml, "post-run", ["exercise: hamstring-calf-stretch"])
    [finding] = findings_for(path)
    assert finding.message.endswith(
        "is usually balanced by Quad and outer thigh stretch or Inner thigh "
        "stretch, none of which this routine has"
    )


def test_the_inner_thigh_stretch_balances_the_hamstring_and_calf_stretch(write_yaml):
    """The first article pairs the inner thigh stretch, like the quad and outer thigh stretch,
    with the hamstring and calf stretch; the two front and inner stretches do not balance
    each other."""
    pair = ["exercise: hamstring-calf-stretch", "exercise: inner-thigh-stretch"]
    assert findings_for(routine_file(write_yaml, "post-run", pair)) == []
    fronts = ["exercise: front-outer-thigh-stretch", "exercise: inner-thigh-stretch"]
    assert {f.exercise for f in findings_for(routine_file(write_yaml, "post-run", fronts))} == {
        "front-outer-thigh-stretch",
        "inner-thigh-stretch",
    }


def test_a_one_way_pair_in_a_users_file_still_balances_both_ways(write_yaml, tmp_path):
    exercises = write_yaml(
        "ex.yaml",
        """
        exercises:
          - id: calf-push
            name: Calf push
            kind: stretch
            phases: [post-run]
            areas: [calves]
            benefits: [Eases the calves]
            steps: [Push]
            cues: {do: [Slowly]}
            dose: {hold_s: 20}
            pairs_with: lumbar-rub
        """,
    )
    cat = load_catalogue([exercises])
    assert partners(cat)["lumbar-rub"] == ("calf-push",)


def test_per_side_work_must_do_both_sides(write_yaml):
    path = routine_file(
        write_yaml,
        "post-run",
        [
            "exercise: standing-quad-stretch",
            "exercise: seated-hamstring-stretch",
            "{exercise: lying-knee-twist, dose: {hold_s: 30}}",
        ],
    )
    [finding] = findings_for(path)
    assert finding.item == 2
    assert "is done on each side, but this item leaves out per_side: true" in finding.message


def test_long_static_holds_in_a_warm_up_are_flagged_with_the_reason(write_yaml):
    path = routine_file(
        write_yaml,
        "warm-up",
        [
            "{exercise: hamstring-calf-stretch, dose: {hold_s: 30, per_side: true, side: leg}}",
            "{exercise: front-outer-thigh-stretch, dose: {hold_s: 30, per_side: true, side: leg}}",
            "{exercise: hamstring-calf-stretch, dose: {hold_s: 31, per_side: true, side: leg}}",
        ],
    )
    found = findings_for(path)
    assert [(f.check, f.item) for f in found] == [("phase", 2), ("phase", 2)]
    assert "holds the hamstrings still for 61 s in all, more than 60 s" in found[0].message
    assert "long holds can reduce performance" in found[0].message
    assert "calves" in found[1].message
    assert WARM_UP_HOLD_LIMIT == 60


def test_exactly_sixty_seconds_of_holding_is_fine(write_yaml):
    path = routine_file(
        write_yaml,
        "warm-up",
        [
            "{exercise: hamstring-calf-stretch, dose: {hold_s: 30, per_side: true, side: leg}}",
            "{exercise: front-outer-thigh-stretch, dose: {hold_s: 30, per_side: true, side: leg}}",
            "{exercise: hamstring-calf-stretch, dose: {hold_s: 30, per_side: true, side: leg}}",
        ],
    )
    assert findings_for(path) == []


def test_an_exercise_meant_for_another_phase_is_flagged(write_yaml):
    path = routine_file(write_yaml, "post-run", ["exercise: knee-circles"])
    [finding] = findings_for(path)
    assert finding.message == "Knee circles is meant for warm-up, not for a post-run routine"


def test_validate_prints_warnings_and_exits_0_but_2_with_strict(write_yaml, run):
    path = routine_file(write_yaml, "post-run", ["exercise: knee-circles"])
    result = run("validate", path)
    assert result.stdout == "ok: 33 exercises and 7 routines (with 1 file of yours), 1 warning\n"
    assert f"warning: {path}:7: routine mine, item 1 (knee-circles): Knee circles is meant" in result.stderr
    result = run("validate", path, "--strict", expect=DataError.exit_code)
    assert f"{path}:7: items[0] (routine mine): Knee circles is meant for warm-up" in result.output


def test_printing_warns_but_prints_and_strict_writes_nothing(write_yaml, run, tmp_path):
    path = routine_file(write_yaml, "post-run", ["exercise: knee-circles"])
    out = tmp_path / "card.pdf"
    result = run("card", path, "-o", out)
    assert out.exists() and "warning:" in result.stderr
    out.unlink()
    run("deck", path, "-o", out, "--strict", expect=DataError.exit_code)
    assert not out.exists()


def test_routine_shows_its_warnings_in_text_and_json(write_yaml, run):
    import json

    path = routine_file(write_yaml, "post-run", ["exercise: knee-circles"])
    text = run("routine", path).stdout
    assert "  warning: routine mine, item 1 (knee-circles): Knee circles is meant for warm-up" in text
    view = json.loads(run("routine", path, "--json").stdout)
    assert view["warnings"] == [
        "routine mine, item 1 (knee-circles): Knee circles is meant for warm-up, not for a post-run routine"
    ]


def test_the_schema_takes_one_counterpart_or_a_list(run, write_yaml):
    import json

    schema = json.loads(run("schema").stdout)
    pairs = schema["$defs"]["Exercise"]["properties"]["pairs_with"]
    assert [option["type"] for option in pairs["anyOf"]] == ["string", "array"]
    cat = load_catalogue()
    assert cat.exercises["back-arch"].pairs_with == ["forward-backward-bend"]  # written as one id
