"""Characters no bundled font has are refused by ``validate`` (file, line, field, the character,
its code point and a font that has it); control characters never reach the terminal raw."""

from __future__ import annotations

import pytest
from hostile_helpers import exercise


@pytest.mark.parametrize(
    "name, char, more, font",
    [
        (
            "Ωμέγα stretch",
            "έ U+03AD (GREEK SMALL LETTER EPSILON WITH TONOS)",
            " (and 2 more)",
            "Noto Sans Greek or DejaVu Sans",
        ),
        (
            "Растяжка",
            "Р U+0420 (CYRILLIC CAPITAL LETTER ER)",
            " (and 6 more)",
            "Noto Sans or DejaVu Sans (Cyrillic)",
        ),
        ("小腿 stretch", "小 U+5C0F (CJK UNIFIED IDEOGRAPH-5C0F)", " (and 1 more)", "Noto Sans CJK"),
        ("Calf 🏃 stretch", "🏃 U+1F3C3 (RUNNER)", "", "Noto Emoji"),
    ],
)
def test_a_character_missing_from_the_font(run, tmp_path, name, char, more, font):
    path = exercise(tmp_path, replace={"name: Calf x": f"name: {name}"})
    result = run("validate", path, expect=3)
    shown, _, rest = char.partition(" ")
    assert result.output == (
        f"limber: 1 problem in the input:\n  {path}:3:11: exercises[0].name (id calf-x): the character "
        f"'{shown}' {rest}{more} is not in the bundled font Atkinson Hyperlegible; a font such as {font} "
        "would have it\n"
    )


def test_every_text_field_is_checked(run, tmp_path):
    path = exercise(tmp_path, replace={"Lean in": "Lean in 小"}, extra="    dose_note: Один\n")
    lines = run("validate", path, expect=3).output.splitlines()[1:]
    assert [line.split(": the character")[0].strip() for line in lines] == [
        f"{path}:8:54: exercises[0].steps[2] (id calf-x)",
        f"{path}:11:16: exercises[0].dose_note (id calf-x)",
    ]


@pytest.mark.parametrize(
    "char, name",
    [
        ("\u200b", "ZERO WIDTH SPACE"),
        ("\u202e", "RIGHT-TO-LEFT OVERRIDE"),
        ("\x1b", "a control character"),
        ("\x07", "a control character"),
    ],
)
def test_invisible_and_control_characters_are_refused(run, tmp_path, char, name):
    escaped = char.encode("unicode_escape").decode()
    path = exercise(tmp_path, replace={"name: Calf x": f'name: "Calf{escaped}x"'})
    result = run("validate", path, expect=3)
    assert result.output == (
        f"limber: 1 problem in the input:\n  {path}:3:11: exercises[0].name (id calf-x): contains the invisible "
        f"or control character U+{ord(char):04X} ({name}); remove it\n"
    )


def test_escape_sequences_in_a_key_are_shown_escaped(run, tmp_path):
    path = exercise(tmp_path, extra='    "\\e]0;owned\\a\\e[2J": 1\n')
    result = run("validate", path, expect=3)
    assert result.output == (
        f"limber: 1 problem in the input:\n  {path}:11:5: "
        "exercises[0].\\x1b]0;owned\\x07\\x1b[2J (id calf-x): unknown key\n"
    )


def test_list_and_show_print_no_raw_control_characters(run, tmp_path):
    for args in (["list"], ["show", "lumbar-rub"], ["routines"], ["list", "--json"]):
        text = run(*args).output
        assert not any(ord(c) < 32 and c not in "\n" for c in text)


def test_escape_keeps_text_readable():
    from limber.textsafe import escape

    assert escape("Hip swing é → ok\n") == "Hip swing é → ok\n"
    assert escape("a\x1b[31mb\u202ec\ud800") == "a\\x1b[31mb\\u202ec\\ud800"


def test_usage_errors_escape_the_arguments_they_quote(run):
    result = run("\x1b[31mx", expect=2)
    assert "\\x1b[31mx" in result.output and "\x1b" not in result.output
    result = run("list", "--area", "\x1b]0;x\x07", expect=3)
    assert "unknown area '\\x1b]0;x\\x07'" in result.output and "\x1b" not in result.output
