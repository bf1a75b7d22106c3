"""Tiny or special files cannot make limber hang or eat the machine: each is refused at once."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from hostile_helpers import cli, exercise


def bomb(levels: int, width: int) -> str:
    """A 'billion laughs' file: width ** levels strings from a few hundred bytes."""
    names = "abcdefghijklmnop"
    lines = [f"{names[0]}: &{names[0]} [{', '.join(['lol'] * width)}]"]
    for level in range(1, levels):
        lines.append(f"{names[level]}: &{names[level]} [{', '.join([f'*{names[level - 1]}'] * width)}]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("levels, width", [(9, 9), (10, 10)])
def test_alias_bombs_are_refused_in_under_a_second(tmp_path, levels, width):
    path = tmp_path / "bomb.yaml"
    path.write_text(bomb(levels, width))
    assert 300 < path.stat().st_size < 600
    start = time.monotonic()
    result = cli("validate", path, timeout=10)
    elapsed = time.monotonic() - start
    assert result.returncode == 3
    lines = result.stderr.splitlines()
    assert lines[0] == "limber: 1 problem in the input:"
    assert lines[1].startswith(f"  {path}:")
    assert re.search(
        r": aliases expand to \d+ values, from a document of \d+ of its own: more than 99% of its "
        r"values would come from aliases; limber refuses such files$",
        lines[1],
    ), lines[1]
    assert elapsed < 3  # the process, interpreter start included; the refusal itself is ~0.01 s


def test_alias_bomb_refusal_itself_is_fast(tmp_path):
    from limber.catalogue.yamlpos import read_yaml
    from limber.errors import DataError

    path = tmp_path / "bomb.yaml"
    path.write_text(bomb(10, 10))
    start = time.monotonic()
    with pytest.raises(DataError) as info:
        read_yaml(path)
    assert time.monotonic() - start < 1
    [problem] = info.value.problems
    assert problem.line == 4  # the fourth level already makes 10,000 values: refused there


def test_a_generated_catalogue_with_shared_parts_loads(tmp_path):
    """yaml.safe_dump writes a mapping used many times once, with an anchor, and aliases it:
    such a file holds far more values through aliases than the old fixed bound of 10,000."""
    import yaml

    from limber.catalogue.load import load_catalogue

    shared_cues = {"do": ["Keep the heel down", "Breathe out as you lean"], "avoid": ["Bouncing"]}
    shared_dose = {"hold_s": 30, "per_side": True, "side": "leg"}
    shared_steps = [f"Step {n} of a long routine, said in full" for n in range(1, 9)]
    exercises = [
        {
            "id": f"calf-{n}",
            "name": f"Calf stretch {n}",
            "kind": "stretch",
            "phases": ["post-run"],
            "areas": ["calves"],
            "benefits": ["Eases tight calves"],
            "steps": shared_steps,
            "cues": shared_cues,
            "dose": shared_dose,
        }
        for n in range(1500)
    ]
    path = tmp_path / "generated.yaml"
    path.write_text(yaml.safe_dump({"exercises": exercises}, sort_keys=False))
    text = path.read_text()
    assert text.count("*id00") > 4000  # the shared parts are aliased, ~20,000 values through them
    catalogue = load_catalogue([path])
    assert list(catalogue.exercises["calf-1499"].steps) == shared_steps


@pytest.mark.unix
def test_a_fifo_as_catalogue_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    result = cli("list", "--catalogue", fifo, timeout=10)
    assert result.returncode == 3
    assert result.stderr == (
        f"limber: 1 problem in the input:\n  {fifo}: a pipe; expected a YAML file; "
        "to read a pipe, give - and pipe it into standard input\n"
    )
    result = cli("routine", fifo, timeout=10)
    assert result.returncode == 3 and "a pipe; expected a YAML file" in result.stderr


@pytest.mark.unix
def test_a_device_as_catalogue_is_refused(run):
    result = run("validate", "/dev/zero", expect=3)
    assert (
        result.output
        == "limber: 1 problem in the input:\n  /dev/zero: not a regular file; expected a YAML file\n"
    )


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(run, tmp_path):
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(51 * 1024 * 1024)  # sparse: no disk used
    result = run("validate", path, expect=3)
    assert result.output == (
        f"limber: 1 problem in the input:\n  {path}: the file is 51.0 MB; files over 50 MB are refused\n"
    )


def test_a_file_is_parsed_once(tmp_path, monkeypatch):
    from limber.catalogue import yamlsafe
    from limber.catalogue.load import find_routine, load_catalogue

    path = exercise(
        tmp_path,
        extra="routines:\n  - {id: mine, title: Mine, phase: post-run, summary: S.,"
        " items: [{exercise: calf-x}]}\n",
    )
    calls = []
    real = yamlsafe.build
    monkeypatch.setattr(
        yamlsafe, "build", lambda text, file, where=True: calls.append(file) or real(text, file, where)
    )
    find_routine(load_catalogue(), str(path))
    assert calls.count(str(path)) == 1


def test_a_large_valid_catalogue_loads_in_linear_time(tmp_path):
    """2 MB of exercises (the benchmark does 20 MB): parsed once, in well under a second of CPU."""
    import sys

    from limber.catalogue.load import load_catalogue

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    try:
        import hostile_load
    finally:
        sys.path.pop(0)
    path = tmp_path / "big.yaml"
    count = hostile_load.big_catalogue(path, 2 * 1024 * 1024)
    start = time.process_time()
    catalogue = load_catalogue([path])
    assert time.process_time() - start < 3
    assert len(catalogue.exercises) == count + 33
