"""Loading and validating catalogue files: every error names its file, line, column and field."""

import pytest
from conftest import exercise_yaml

from limber.catalogue.load import find_routine, load_catalogue
from limber.errors import DataError, NotFoundError


def problems(path) -> list[str]:
    with pytest.raises(DataError) as info:
        load_catalogue([path])
    return [str(p) for p in info.value.problems]


def test_a_user_exercise_is_added(write_yaml):
    path = write_yaml("mine.yaml", "exercises:" + exercise_yaml())
    cat = load_catalogue([path])
    assert "calf-wall-stretch" in cat.exercises
    assert len(cat.exercises) == 34


def test_a_user_exercise_with_a_built_in_id_replaces_it(write_yaml):
    path = write_yaml("mine.yaml", "exercises:" + exercise_yaml("back-twist", "My twist"))
    cat = load_catalogue([path])
    assert cat.exercises["back-twist"].name == "My twist"
    assert len(cat.exercises) == 33


def test_unknown_key(write_yaml):
    path = write_yaml("bad.yaml", "exercises:" + exercise_yaml() + "    colour: red\n")
    assert problems(path) == [f"{path}:11:5: exercises[0].colour (id calf-wall-stretch): unknown key"]


def test_wrong_enum_names_expected_and_found(write_yaml):
    path = write_yaml("bad.yaml", "exercises:" + exercise_yaml().replace("kind: stretch", "kind: yoga"))
    assert problems(path) == [
        f"{path}:4:11: exercises[0].kind (id calf-wall-stretch): expected one of 'stretch', 'mobility', "
        "'dynamic', 'massage', 'breathing' or 'strength', found 'yoga'"
    ]


def test_malformed_range(write_yaml):
    path = write_yaml("bad.yaml", "exercises:" + exercise_yaml().replace("hold_s: 30", "hold_s: 30-20"))
    assert problems(path) == [
        f"{path}:10:20: exercises[0].dose.hold_s (id calf-wall-stretch): "
        "malformed range '30-20': the first number must not exceed the second"
    ]


def test_non_http_video(write_yaml):
    path = write_yaml("bad.yaml", "exercises:" + exercise_yaml() + "    video: ftp://example.org/v\n")
    assert problems(path) == [
        f"{path}:11:12: exercises[0].video (id calf-wall-stretch): "
        "expected an http:// or https:// URL, found 'ftp://example.org/v'"
    ]


def test_empty_list(write_yaml):
    path = write_yaml(
        "bad.yaml",
        "exercises:" + exercise_yaml().replace("[Stand facing a wall, Step one foot back, Lean in]", "[]"),
    )
    assert problems(path) == [f"{path}:8:12: exercises[0].steps (id calf-wall-stretch): must not be empty"]


def test_missing_field(write_yaml):
    path = write_yaml("bad.yaml", "exercises:" + exercise_yaml().replace("    areas: [calves]\n", ""))
    assert problems(path) == [
        f"{path}:2:5: exercises[0].areas (id calf-wall-stretch): required field is missing"
    ]


def test_duplicate_ids_in_one_file(write_yaml):
    path = write_yaml("bad.yaml", "exercises:" + exercise_yaml() + exercise_yaml())
    assert problems(path) == [
        f"{path}:12:9: exercises[1].id: duplicate id 'calf-wall-stretch' (first defined at {path}:2)"
    ]


def test_duplicate_key_in_a_mapping(write_yaml):
    path = write_yaml("bad.yaml", "exercises:" + exercise_yaml() + "    name: Again\n")
    assert problems(path) == [f"{path}:11:5: exercises[0].name: duplicate key 'name' in the same mapping"]


def test_pairs_with_that_points_nowhere(write_yaml):
    path = write_yaml("bad.yaml", "exercises:" + exercise_yaml() + "    pairs_with: back-twsit\n")
    assert problems(path) == [
        f"{path}:11:17: pairs_with (id calf-wall-stretch): no exercise has the id 'back-twsit' "
        "(did you mean back-twist, back-arch, hanging-twist?)"
    ]


def test_unknown_exercise_in_a_routine_suggests_close_ids(write_yaml):
    path = write_yaml(
        "bad.yaml",
        """
        routines:
          - id: mine
            title: Mine
            phase: post-run
            summary: A short one.
            items:
              - exercise: walking-knee-hugs
        """,
    )
    assert problems(path) == [
        f"{path}:7:19: items[0].exercise (routine mine): unknown exercise id 'walking-knee-hugs' "
        "(did you mean walking-knee-hug, lying-knee-twist, walking-figure-4?)"
    ]


def test_tab_indentation(write_yaml):
    path = write_yaml("bad.yaml", "exercises:\n\t- id: x\n")
    assert problems(path) == [f"{path}:2:1: a tab character is used for indentation; YAML needs spaces"]


def test_truncated_file(write_yaml):
    text = "exercises:" + exercise_yaml()
    path = write_yaml("bad.yaml", text[: text.index("Keep the heel") + 4])
    [message] = problems(path)
    assert message.startswith(f"{path}:9:")
    assert "the file ends too early (is it truncated?)" in message


def test_every_problem_in_a_file_is_reported_together(write_yaml):
    text = "exercises:" + exercise_yaml().replace("kind: stretch", "kind: yoga").replace(
        "hold_s: 30", "hold_s: x"
    )
    path = write_yaml("bad.yaml", text + "    colour: red\n")
    found = problems(path)
    assert len(found) == 3
    assert [m.split(": ")[0].rsplit(":", 2)[1] for m in found] == ["4", "10", "11"]


def test_problems_in_several_files_are_reported_together(write_yaml):
    one = write_yaml("one.yaml", "exercises:" + exercise_yaml().replace("kind: stretch", "kind: yoga"))
    two = write_yaml("two.yaml", "routines: []\n")
    with pytest.raises(DataError) as info:
        load_catalogue([one, two])
    assert [p.file for p in info.value.problems] == [str(one), str(two)]
    assert str(info.value.problems[1]) == f"{two}:1:11: routines: must not be empty"


def test_top_level_must_be_a_mapping(write_yaml):
    path = write_yaml("bad.yaml", "- just\n- a list\n")
    assert problems(path) == [
        f"{path}:1:1: expected a mapping with 'exercises:' and/or 'routines:' at the top level"
    ]


def test_missing_file(tmp_path):
    path = tmp_path / "nope.yaml"
    assert problems(path) == [f"{path}: file not found"]


def test_empty_file(write_yaml):
    path = write_yaml("empty.yaml", "")
    assert problems(path) == [f"{path}:1:1: the file is empty"]


def test_a_routine_file_can_stand_for_a_routine_id(write_yaml):
    path = write_yaml(
        "routine.yaml",
        "exercises:"
        + exercise_yaml()
        + """
        routines:
          - id: calf-care
            title: Calf care
            phase: post-run
            summary: Calves after hills.
            items:
              - exercise: calf-wall-stretch
              - exercise: ankle-bounce
        """.replace("\n        ", "\n"),
    )
    cat, routine = find_routine(load_catalogue(), str(path))
    assert routine.id == "calf-care"
    assert cat.exercises["calf-wall-stretch"].name == "Calf wall stretch"


def test_unknown_routine_id_suggests():
    with pytest.raises(
        NotFoundError, match=r"no routine has the id 'post-run-mobilty' \(did you mean post-run-mobility"
    ):
        find_routine(load_catalogue(), "post-run-mobilty")


def test_video_template_from_a_user_file(write_yaml):
    path = write_yaml("t.yaml", 'video_template: "https://videos.example.org/find?q={query}"\n')
    cat = load_catalogue([path])
    ex = cat.exercises["back-twist"]
    assert cat.video_url(ex) == "https://videos.example.org/find?q=Back+twist+exercise"


def test_video_template_needs_query(write_yaml):
    path = write_yaml("t.yaml", 'video_template: "https://videos.example.org/"\n')
    assert problems(path) == [f"{path}:1:17: video_template: a video_template must contain {{query}}"]
