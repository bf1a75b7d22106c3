"""Shell completion: ids, themes, sizes and papers for a prefix, from the cached catalogue,
and never an error or a traceback."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner
from conftest import exercise_yaml

from limber.cli import main


def complete(words: str, env: dict | None = None) -> list[tuple[str, str]]:
    """What bash gets for the last word of ``words`` (a trailing space: a new, empty word)."""
    parts = words.split(" ")
    result = CliRunner().invoke(
        main,
        [],
        prog_name="limber",
        env={
            "_LIMBER_COMPLETE": "bash_complete",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(parts) - 1),
            **(env or {}),
        },
    )
    assert result.exit_code == 0 and result.stderr == "", result.output
    return [tuple(line.split(",", 1)) for line in result.stdout.splitlines() if line]


def values(words: str) -> list[str]:
    return [value for kind, value in complete(words) if kind == "plain"]


def param(command: str, name: str) -> click.Parameter:
    return next(p for p in main.commands[command].params if p.name == name)


def test_exercise_ids_for_show_and_exclude():
    assert values("limber show walking-k") == ["walking-knee-hug"]
    assert set(values("limber build --minutes 5 --phase post-run --exclude ankle")) == {
        "ankle-bounce",
        "ankle-stretch-roll",
    }


@pytest.mark.parametrize("command", ["card", "deck", "poster"])
def test_exercise_and_routine_ids_and_files_for_targets(command):
    got = complete(f"limber {command} post-run")
    assert ("plain", "post-run-mobility") in got and ("plain", "post-run-stretches") in got
    assert ("file", "post-run") in got  # a routine file may be meant too
    assert "walking-knee-hug" in values(f"limber {command} walking")


def test_routine_ids_for_routine():
    assert values("limber routine low") == ["low-back-release"]
    assert values("limber routine walking") == []  # exercises are not routines


def test_themes_sizes_and_papers():
    assert values("limber deck x --theme ink") == ["ink-saver"]
    assert values("limber card x --theme ") == ["default", "ink-saver", "large-print"]
    assert values("limber card x --size pok") == ["poker"]
    assert values("limber card x --size poker-l") == ["poker-landscape"]
    assert values("limber poster x --paper a") == ["a4", "a3", "a2", "a1", "a0"]
    assert values("limber deck x --sheet n") == ["none"]
    assert values("limber calibrate --sheet n") == []
    assert values("limber calibrate --sheet le") == ["letter"]


def test_names_of_options_complete_too():
    assert values("limber list --area hip") == ["hips", "hip-flexors"]
    assert values("limber list --phase w") == ["warm-up"]
    assert values("limber list --area hipz --kind stre") == ["stretch", "strength"]  # past a misspelt name
    assert values("limber card x --size pokr --theme d") == ["default"]


def test_the_callbacks_on_their_parameters():
    ctx = click.Context(main.commands["show"])
    assert [i.value for i in param("show", "ident").shell_complete(ctx, "ankle-b")] == ["ankle-bounce"]
    items = param("card", "target").shell_complete(click.Context(main.commands["card"]), "post-run-m")
    assert [(i.type, i.value) for i in items] == [("plain", "post-run-mobility"), ("file", "post-run-m")]
    assert items[0].help == "Post-run mobility"  # zsh and fish show the title


def test_ids_of_catalogue_files_on_the_command_line(write_yaml):
    mine = write_yaml("mine.yaml", "exercises:" + exercise_yaml())
    assert values(f"limber show --catalogue {mine} calf-w") == ["calf-wall-stretch"]
    broken = write_yaml("broken.yaml", "exercises: [")
    assert values(f"limber show --catalogue {broken} walking-k") == ["walking-knee-hug"]  # built-in ids still
    assert values("limber show --catalogue - walking-k") == ["walking-knee-hug"]  # stdin is never read


def test_completion_never_fails(monkeypatch):
    import limber.api

    def broken(*args, **kwargs):
        raise RuntimeError("something broke")

    monkeypatch.setattr(limber.api, "load_catalogue", broken)
    assert values("limber show walking") == []
    assert complete("limber card walking") == [("file", "walking")]
