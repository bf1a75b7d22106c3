"""Nonsense that used to be accepted silently: blank text, and URLs with hidden characters."""

from __future__ import annotations

import pytest
from hostile_helpers import ROUTINE, exercise


@pytest.mark.parametrize(
    "old, new, where",
    [
        ("name: Calf x", 'name: "   "', "3:11: exercises[0].name"),
        ("Lean in]", '"  \\t "]', "8:54: exercises[0].steps[2]"),
        ("[Keep the heel down]", '[" "]', "9:17: exercises[0].cues.do[0]"),
        ("[Eases tight calves]", '["\\n"]', "7:16: exercises[0].benefits[0]"),
    ],
)
def test_blank_exercise_text_is_refused(run, tmp_path, old, new, where):
    path = exercise(tmp_path, replace={old: new})
    result = run("validate", path, expect=3)
    assert (
        result.output == f"limber: 1 problem in the input:\n  {path}:{where} (id calf-x): must not be blank\n"
    )


@pytest.mark.parametrize(
    "old, new, where",
    [
        ("title: Mine", 'title: " "', "13:12: routines[0].title"),
        ("summary: Short.", 'summary: "  "', "15:14: routines[0].summary"),
    ],
)
def test_blank_routine_text_is_refused(run, tmp_path, old, new, where):
    path = exercise(tmp_path, extra=ROUTINE.replace(old, new))
    result = run("validate", path, expect=3)
    assert (
        result.output == f"limber: 1 problem in the input:\n  {path}:{where} (id mine): must not be blank\n"
    )


def test_folded_lines_become_single_spaces(tmp_path):
    from limber.catalogue.load import load_catalogue

    path = exercise(tmp_path, replace={"Lean in]": '"Lean   in\\n slowly"]'})
    assert load_catalogue([path]).exercises["calf-x"].steps[2] == "Lean in slowly"


@pytest.mark.parametrize(
    "url, message",
    [
        ("https://example.org/v\\n", "expected an http:// or https:// URL, found 'https://example.org/v\\n'"),
        (
            "https://example.org/v\\x01",
            "contains the invisible or control character U+0001 (a control character); remove it",
        ),
        (
            "https://example.org/\\u202ev",
            "contains the invisible or control character U+202E (RIGHT-TO-LEFT OVERRIDE); remove it",
        ),
        (
            "https://exa\\u200bmple.org/v",
            "contains the invisible or control character U+200B (ZERO WIDTH SPACE); remove it",
        ),
        ("https://example.org/a b", "expected an http:// or https:// URL, found 'https://example.org/a b'"),
    ],
)
def test_urls_with_hidden_characters_are_refused(run, tmp_path, url, message):
    path = exercise(tmp_path, extra=f'    video: "{url}"\n')
    result = run("validate", path, expect=3)
    assert (
        result.output
        == f"limber: 1 problem in the input:\n  {path}:11:12: exercises[0].video (id calf-x): {message}\n"
    )


def test_a_video_template_with_a_hidden_character(run, tmp_path):
    path = exercise(tmp_path, extra='video_template: "https://example.org/?q={query}\\u200b"\n')
    result = run("validate", path, expect=3)
    assert result.output == (
        f"limber: 1 problem in the input:\n  {path}:11:17: video_template: contains the "
        "invisible or control character U+200B (ZERO WIDTH SPACE); remove it\n"
    )
