"""The routine builder: time window, determinism, focus, phase, pairs, order and equipment."""

from __future__ import annotations

import itertools
import json

import pytest

from limber.catalogue.load import load_catalogue
from limber.catalogue.model import Equipment, Level, Phase
from limber.errors import NotFoundError
from limber.plan.builder import WINDOW, BuildError, Request, build
from limber.plan.checks import check_routine
from limber.plan.order import POSTURE_ORDER, posture
from limber.plan.timing import routine_seconds

MINUTES = (3, 5, 10, 15)
FOCUS = ((), ("hips",), ("calves",), ("hamstrings", "lower-back"))
KITS = (frozenset(), frozenset({Equipment.wall, Equipment.mat}))


@pytest.fixture(scope="module")
def cat():
    return load_catalogue()


def keeps_its_rules(cat, request: Request, built) -> None:
    routine = built.routine
    target = request.minutes * 60
    assert abs(built.seconds - target) <= WINDOW * target
    assert built.seconds == routine_seconds(cat, routine)
    assert check_routine(cat, routine) == []
    exercises = [cat.exercises[i.exercise] for i in routine.items]
    assert len({ex.id for ex in exercises}) == len(exercises)
    areas = {a.value for ex in exercises for a in ex.areas}
    assert set(request.focus) <= areas
    for ex in exercises:
        assert set(ex.equipment) <= request.equipment, ex.id
        assert request.level is Level.advanced or ex.level is Level.basic, ex.id
        assert request.phase in ex.phases or Phase.anytime in ex.phases, ex.id
    # posture groups in the phase's order, each visited once (breathing may close a post-run routine)
    body = [
        ex for ex in exercises if not (request.phase is not Phase.warm_up and ex.kind.value == "breathing")
    ]
    groups = [POSTURE_ORDER[request.phase].index(posture(ex)) for ex in body]
    assert groups == sorted(groups), [ex.id for ex in body]
    if request.phase is not Phase.warm_up:
        kinds = [ex.kind.value for ex in exercises]
        if "breathing" in kinds:
            assert kinds[kinds.index("breathing") :] == ["breathing"] * kinds.count("breathing")


def test_a_grid_of_requests_gives_routines_that_keep_every_rule(cat):
    built_count = 0
    for minutes, phase, focus, level, kit in itertools.product(MINUTES, Phase, FOCUS, Level, KITS):
        request = Request(minutes, phase, focus, level, kit)
        try:
            built = build(cat, request)
        except BuildError as error:
            assert str(error), request
            continue
        built_count += 1
        keeps_its_rules(cat, request, built)
    assert built_count >= 100  # of 192 requests; the rest are honest refusals


@pytest.mark.parametrize(
    "minutes,phase", [(5, Phase.post_run), (10, Phase.warm_up), (5, Phase.warm_up), (10, Phase.post_run)]
)
def test_common_requests_without_equipment_always_build(cat, minutes, phase):
    for focus in FOCUS:
        request = Request(minutes, phase, focus)
        keeps_its_rules(cat, request, build(cat, request))


def test_the_same_request_gives_the_same_routine(cat):
    request = Request(10, Phase.warm_up, ("hips", "ankles"), Level.advanced, frozenset(Equipment))
    first = build(cat, request)
    assert build(load_catalogue(), request) == first


def test_focus_areas_are_chosen_first_even_when_time_is_short(cat):
    def areas(focus):
        built = build(cat, Request(3, Phase.post_run, focus))
        return built, [{a.value for a in cat.exercises[i.exercise].areas} for i in built.routine.items]

    calves, calf_areas = areas(("calves",))
    feet, feet_areas = areas(("feet",))
    assert any("calves" in a for a in calf_areas) and any("feet" in a for a in feet_areas)
    assert calves.routine.items != feet.routine.items
    assert "for the calves" in calves.routine.summary


def test_excluded_and_equipment_needing_exercises_are_left_out(cat):
    request = Request(10, Phase.warm_up, (), Level.basic, frozenset(), ("back-twist",))
    ids = [item.exercise for item in build(cat, request).routine.items]
    assert "back-twist" not in ids
    assert not any(cat.exercises[i].equipment for i in ids)


def test_too_few_minutes_for_the_focus_says_what_would_work(cat):
    request = Request(
        2, Phase.post_run, ("hips", "calves", "lower-back"), Level.basic, frozenset({Equipment.mat})
    )
    with pytest.raises(BuildError) as caught:
        build(cat, request)
    assert (
        str(caught.value)
        == "2 minutes covers hips and lower-back only; add 1 minute for calves too (--minutes 3)"
    )
    assert isinstance(caught.value, NotFoundError)


def test_no_exercise_for_the_equipment_says_what_would_unlock_one(cat):
    with pytest.raises(BuildError) as caught:
        build(cat, Request(5, Phase.warm_up, ("shoulders",)))
    assert str(caught.value) == (
        "no exercise for shoulders fits this request (5 min, warm-up, focus shoulders, level basic, "
        "equipment none); try --equipment chin-up-bar or --equipment wall or --level advanced"
    )


def test_more_minutes_than_the_exercises_can_fill_is_refused(cat):
    with pytest.raises(BuildError) as caught:
        build(cat, Request(30, Phase.anytime))
    assert str(caught.value).startswith("only 19 min 21 s of exercises fit this request")


def test_build_writes_a_routine_file_that_every_command_accepts(run, tmp_path):
    out = tmp_path / "hips.yaml"
    result = run(
        "build", "--minutes", 5, "--phase", "post-run", "--focus", "hips", "--equipment", "mat", "-o", out
    )
    assert result.stdout.startswith(f"wrote {out}: 5-min post-run: hips, ")
    text = out.read_text()
    assert text.startswith(
        "# Built by limber: limber build --minutes 5 --phase post-run --focus hips "
        "--level basic --equipment mat\n"
    )
    run("validate", "--strict", out)
    cat = load_catalogue([out])
    assert 270 <= routine_seconds(cat, cat.routines["5-min-post-run-hips"]) <= 330
    run("card", out, "-o", tmp_path / "card.pdf", "--strict")
    run("deck", out, "-o", tmp_path / "deck.pdf", "--strict")
    assert (tmp_path / "card.pdf").stat().st_size > 1000
    again = tmp_path / "again.yaml"
    run("build", "--minutes", 5, "--phase", "post-run", "--focus", "hips", "--equipment", "mat", "-o", again)
    assert again.read_bytes() == out.read_bytes()


def test_build_title_names_the_routine_and_stands_quoted_in_the_header(run, tmp_path):
    out = tmp_path / "titled.yaml"
    result = run(
        "build", "--minutes", 5, "--phase", "post-run", "--title", 'Hips "after" work\nsecond line', "-o", out
    )
    assert result.stdout.startswith(f'wrote {out}: Hips "after" work second line, ')  # one line
    header = out.read_text().splitlines()[0]
    assert header == (
        "# Built by limber: limber build --minutes 5 --phase post-run --level basic "
        '--equipment none --title "Hips \\"after\\" work\\nsecond line"'
    )
    assert (
        load_catalogue([out]).routines["hips-after-work-second-line"].title == 'Hips "after" work second line'
    )


def test_build_refusals_exit_2_with_the_reason(run):
    result = run(
        "build", "--minutes", 5, "--phase", "warm-up", "--focus", "shoulders", expect=BuildError.exit_code
    )
    assert "no exercise for shoulders fits this request" in result.output
    result = run(
        "build", "--minutes", 5, "--phase", "warm-up", "--focus", "elbows", expect=NotFoundError.exit_code
    )
    assert "unknown area 'elbows'" in result.output
    result = run(
        "build",
        "--minutes",
        5,
        "--phase",
        "warm-up",
        "--exclude",
        "back-twsit",
        expect=NotFoundError.exit_code,
    )
    assert "no exercise has the id 'back-twsit' (did you mean back-twist" in result.output


def test_posture_is_read_from_where_the_figure_rests(cat):
    found = {ident: posture(ex) for ident, ex in cat.exercises.items()}
    assert [i for i, p in found.items() if p == "floor"] == [
        "bridge-roll-up",
        "lying-knee-twist",
        "seated-hamstring-stretch",
        "seated-side-pull",
        "hip-spine-rotation",
    ]
    assert [i for i, p in found.items() if p == "seated"] == ["foot-massage", "abdominal-breathing"]


def test_after_a_run_the_runner_gets_down_once_and_breathes_last(cat):
    request = Request(
        8, Phase.post_run, ("lower-back",), Level.basic, frozenset({Equipment.mat, Equipment.wall})
    )
    ids = [item.exercise for item in build(cat, request).routine.items]
    assert ids[-1] == "abdominal-breathing", ids
    floor = [n for n, i in enumerate(ids[:-1]) if posture(cat.exercises[i]) == "floor"]
    assert floor and floor == list(range(floor[0], len(ids) - 1)), ids
    short = [item.exercise for item in build(cat, Request(3, Phase.post_run, ("hips",))).routine.items]
    assert "abdominal-breathing" not in short


def test_build_json_gives_the_routine_with_its_durations(run):
    import json

    view = json.loads(run("build", "--minutes", 10, "--phase", "warm-up", "--json").stdout)
    assert view["id"] == "10-min-warm-up" and view["phase"] == "warm-up"
    assert 540 <= view["duration_s"] <= 660
    assert view["warnings"] == [] and all(item["duration_s"] > 0 for item in view["items"])


def test_build_never_replaces_a_file_it_did_not_write_nor_an_input(run, tmp_path):
    from limber.errors import OutputError

    notes = tmp_path / "notes.yaml"
    notes.write_text("my notes\n", encoding="utf-8")
    result = run("build", "--minutes", 5, "--phase", "post-run", "-o", notes, expect=OutputError.exit_code)
    assert "refusing to replace" in result.output and notes.read_text(encoding="utf-8") == "my notes\n"
    run("build", "--minutes", 5, "--phase", "post-run", "-o", notes, "--force")
    assert notes.read_text(encoding="utf-8").startswith("# Built by limber")
    result = run(
        "build",
        "--minutes",
        5,
        "--phase",
        "post-run",
        "-o",
        notes,
        "--catalogue",
        notes,
        expect=OutputError.exit_code,
    )
    assert "it is an input of this command" in result.output


@pytest.mark.parametrize(
    "title, message",
    [
        ("bad\x1b[31m", "the title contains the invisible or control character U+001B (a control character)"),
        ("x" * 81, "the title is 81 characters long; at most 80 fit a card"),
        ("   ", "the title must not be blank"),
        ("a\u202eb", "the title contains the invisible or control character U+202E"),
    ],
)
def test_a_title_that_cannot_be_printed_is_a_usage_error(run, title, message):
    result = run("build", "--minutes", "5", "--phase", "post-run", "--title", title, expect=2)
    assert result.output.startswith(f"limber: {message}"), result.output


def test_a_title_is_folded_like_a_catalogue_title(run):
    result = run("build", "--minutes", "5", "--phase", "post-run", "--title", "  My   hips ", "--json")
    assert json.loads(result.output)["title"] == "My hips"


@pytest.mark.parametrize("minutes", [0.5, 121, float("nan"), float("inf")])
def test_the_library_refuses_minutes_out_of_range_too(minutes):
    from limber.errors import UsageError
    from limber.plan.builder import Request

    with pytest.raises(UsageError, match="the minutes must be a number from 1 to 120"):
        Request(minutes=minutes, phase=Phase.post_run)
