"""Every option that takes a number refuses nan and infinities with limber's own message
(exit 2), whatever command it belongs to: click's ranges let nan through."""

from __future__ import annotations

import click
import pytest

from limber.cli import main
from limber.cli.options import Number


def _number_options():
    for name, command in sorted(main.commands.items()):
        for param in command.params:
            if isinstance(param.type, click.FloatRange | click.types.FloatParamType):
                yield name, param


NUMBER_OPTIONS = list(_number_options())
# What each command needs besides the option to get as far as parsing it.
NEEDS = {
    "build": ["--minutes", "5", "--phase", "post-run"],
    "card": ["ankle-bounce", "-o", "out.pdf"],
    "deck": ["ankle-bounce", "-o", "out.pdf"],
    "poster": ["ankle-bounce", "-o", "out.pdf"],
    "club": ["roster.csv", "-o", "out"],
}


def test_every_number_option_is_a_finite_number():
    assert NUMBER_OPTIONS, "no option takes a number?"
    assert {(n, p.name) for n, p in NUMBER_OPTIONS} >= {("poster", "distance"), ("poster", "overlap")}
    for name, param in NUMBER_OPTIONS:
        assert type(param.type) is Number, (name, param.name)


@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-inf", "1e400", "x"])
@pytest.mark.parametrize("command, param", NUMBER_OPTIONS, ids=lambda p: getattr(p, "name", p))
def test_nan_and_infinity_are_usage_errors(run, tmp_path, monkeypatch, command, param, value):
    monkeypatch.chdir(tmp_path)
    args = [a for a in NEEDS.get(command, []) if a != param.opts[0]]
    if param.opts[0] == "--minutes":
        args = ["--phase", "post-run"]
    result = run(command, *args, param.opts[0], value, expect=2)
    bounds = param.type.bounds()
    assert param.opts[0] in result.output  # the option is named (in click's words around it)
    assert f"expected a number{bounds}, found {value}" in result.output  # limber's own
    assert not list(tmp_path.iterdir())
