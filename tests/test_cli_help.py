"""What ``--help`` and the README say about options matches what the options accept."""

from __future__ import annotations

import re
from pathlib import Path

import click

from limber.cli import main
from limber.sizes import CARDS, PAPERS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def option(command: str, name: str) -> click.Option:
    return next(p for p in main.commands[command].params if name in p.opts)


def test_sheet_help_names_every_value_it_accepts(run, tmp_path):
    for command in ("deck", "calibrate"):
        text = option(command, "--sheet").help
        for paper in PAPERS:
            assert re.search(rf"\b{paper}\b", text), (command, paper)
        assert "WxH" in text
    assert "none" in option("deck", "--sheet").help
    for paper in PAPERS:  # and each really is accepted
        run("calibrate", "--sheet", paper, "-o", tmp_path / f"{paper}.pdf")
    run("calibrate", "--sheet", "200x280", "-o", tmp_path / "custom.pdf")


def test_size_help_names_every_card_size():
    text = option("card", "--size").help
    for size in CARDS:
        assert re.search(rf"(?<![\w-]){size}\b", text), size


def test_the_readme_names_every_sheet():
    section = README[README.index("## Printing a deck") :]
    for paper in PAPERS:
        assert f"`{paper}`" in section[:600], paper


def test_the_readme_says_which_commands_take_catalogue():
    without = sorted(
        name
        for name, command in main.commands.items()
        if not any("--catalogue" in p.opts for p in command.params if isinstance(p, click.Option))
    )
    assert without == ["calibrate", "preview", "schema"]
    sentence = README[README.index("Every command that reads the catalogue") :][:200]
    assert all(f"`{name}`" in sentence for name in without)
