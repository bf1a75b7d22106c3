"""YAML that used to raise a traceback while loading now gets a positioned message."""

from __future__ import annotations

import re

import pytest
from hostile_helpers import EXERCISE, cli, write


def test_recursive_alias(run, tmp_path):
    path = write(tmp_path, "rec.yaml", "exercises: &x\n  - *x\n")
    result = run("validate", path, expect=3)
    assert result.output == (
        f"limber: 1 problem in the input:\n  {path}:2:5: exercises[0]: "
        "the alias *x refers to the value that contains it\n"
    )


def test_alias_without_anchor(run, tmp_path):
    path = write(tmp_path, "a.yaml", "exercises: *nowhere\n")
    assert (
        f"{path}:1:12: exercises: the alias *nowhere has no anchor &nowhere before it"
        in run("validate", path, expect=3).output
    )


@pytest.mark.parametrize("depth", [40, 100])
def test_nesting_deeper_than_40_levels_is_refused(tmp_path, depth):
    path = write(tmp_path, "deep.yaml", "exercises: " + "[" * depth + "]" * depth + "\n")
    result = cli("validate", path, timeout=20)
    assert result.returncode == 3
    assert result.stderr == (
        f"limber: 1 problem in the input:\n  {path}:1:51: "
        + "exercises"
        + "[0]" * 39
        + ": the data is nested more than 40 levels deep\n"
    )


@pytest.mark.parametrize("depth", [300, 100_000])
def test_very_deep_nesting_is_refused_with_its_position(tmp_path, depth):
    """The YAML reader may refuse such a file before limber's own limit does (libyaml stops at
    a depth of 1000, with words of its own): either way the file is refused with exit 3, its
    name, line and column, and no traceback."""
    path = write(tmp_path, "deep.yaml", "exercises: " + "[" * depth + "]" * depth + "\n")
    result = cli("validate", path, timeout=20)
    assert result.returncode == 3, result.stderr[-2000:]
    match = re.fullmatch(
        rf"limber: 1 problem in the input:\n  {re.escape(str(path))}:1:(\d+): \S[^\n]*\n", result.stderr
    )
    assert match, result.stderr[-2000:]
    assert 11 < int(match[1]) <= 11 + depth  # at one of the opening brackets
    assert "Traceback" not in result.stderr and result.stdout == ""


@pytest.mark.parametrize("key, kind", [("[1, 2]", "a list"), ("{a: 1}", "a mapping")])
def test_a_list_or_mapping_as_key(run, tmp_path, key, kind):
    path = write(tmp_path, "key.yaml", f"exercises:\n  - ? {key}\n    : x\n")
    result = run("validate", path, expect=3)
    assert result.output == (
        f"limber: 1 problem in the input:\n  {path}:2:7: exercises[0]: "
        f"a mapping key must be a single value, found {kind}\n"
    )


def test_a_huge_integer(run, tmp_path):
    path = write(tmp_path, "int.yaml", EXERCISE.replace("hold_s: 30", "hold_s: " + "9" * 5000))
    result = run("validate", path, expect=3)
    assert result.output == (
        f"limber: 1 problem in the input:\n  {path}:10:20: exercises[0].dose.hold_s: "
        "a number of 5000 characters is too long (at most 20)\n"
    )


def test_unsafe_tags_are_refused(run, tmp_path):
    path = write(tmp_path, "tag.yaml", "exercises: !!python/object:os.system {}\n")
    assert (
        "the tag tag:yaml.org,2002:python/object:os.system is not allowed here"
        in run("validate", path, expect=3).output
    )


def test_more_than_one_document(run, tmp_path):
    path = write(tmp_path, "two.yaml", "exercises: []\n---\nroutines: []\n")
    assert (
        f"{path}:2:1: the file holds more than one YAML document (a second '---')"
        in run("validate", path, expect=3).output
    )


def test_not_utf8(run, tmp_path):
    path = tmp_path / "latin.yaml"
    path.write_bytes(b"exercises:\n  - name: caf\xe9\n")
    assert run("validate", path, expect=3).output == (
        f"limber: 1 problem in the input:\n  {path}:2: not UTF-8 text (invalid continuation byte at byte 24)\n"
    )
