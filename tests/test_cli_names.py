"""A misspelt name on the command line, whatever option it is given to, is an unknown name:
exit 3, with the closest names, as for an unknown exercise, routine, theme or size."""

from __future__ import annotations

import pytest

from limber.catalogue.model import Area, Equipment, Kind, Level, Phase
from limber.cli.options import AREAS, EQUIPMENT, KINDS, LEVELS, PHASES
from limber.errors import EXIT_USAGE, NotFoundError

UNKNOWN = NotFoundError.exit_code
BUILD = ["build", "--minutes", "5", "--phase", "post-run"]


def test_the_option_names_are_the_models():
    assert PHASES == [p.value for p in Phase]
    assert KINDS == [k.value for k in Kind]
    assert LEVELS == [lv.value for lv in Level]
    assert AREAS == [a.value for a in Area]
    assert EQUIPMENT == ["none", *(e.value for e in Equipment)]


@pytest.mark.parametrize(
    "args, what, meant",
    [
        (["list", "--area", "hipz"], "area", "hips"),
        (["list", "--phase", "warmup"], "phase", "warm-up"),
        (["list", "--kind", "strech"], "kind", "stretch"),
        (["list", "--level", "basc"], "level", "basic"),
        ([*BUILD, "--focus", "hamstring"], "area", "hamstrings"),
        (["build", "--minutes", "5", "--phase", "post-rn"], "phase", "post-run"),
        ([*BUILD, "--level", "advancd"], "level", "advanced"),
        ([*BUILD, "--equipment", "wal"], "equipment", "wall"),
        (["show", "ankle-bonce"], "", "ankle-bounce"),
        (["deck", "ankle-bounce", "-o", "{out}", "--size", "pokr"], "card size", "poker"),
        (["deck", "ankle-bounce", "-o", "{out}", "--theme", "ink-savr"], "theme", "ink-saver"),
        (["deck", "ankle-bounce", "-o", "{out}", "--sheet", "leter"], "sheet", "letter"),
        (["deck", "ankle-bounce", "-o", "{out}", "--duplex", "lng"], "duplex mode", "long"),
        (["poster", "post-run-stretches", "-o", "{out}", "--paper", "a33"], "poster paper", "a3"),
        (["poster", "post-run-stretches", "-o", "{out}", "--tile", "letr"], "tile paper", "letter"),
        (
            ["poster", "post-run-stretches", "-o", "{out}", "--orientation", "landscap"],
            "orientation",
            "landscape",
        ),
        (["calibrate", "-o", "{out}", "--sheet", "a44"], "sheet", "a4"),
        (["club", "{roster}", "-o", "{folder}", "--sheet", "leter"], "sheet", "letter"),
    ],
)
def test_a_misspelt_name_exits_3_with_a_did_you_mean(run, tmp_path, args, what, meant):
    roster = tmp_path / "roster.csv"
    roster.write_text("name,routines\nAna,post-run-mobility\n", encoding="utf-8")
    filled = [a.format(out=tmp_path / "out.pdf", roster=roster, folder=tmp_path / "decks") for a in args]
    result = run(*filled, expect=UNKNOWN)
    assert f"(did you mean {meant}" in result.stderr
    if what:
        assert result.stderr.startswith(f"limber: unknown {what} '")
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == [roster]  # nothing written


def test_names_are_read_in_any_case(run):
    assert (
        run("list", "--area", "HIPS", "--phase", "Post-Run").stdout
        == run("list", "--area", "hips", "--phase", "post-run").stdout
    )


def test_a_malformed_command_line_is_still_a_usage_error(run, tmp_path):
    run("list", "--no-such-option", expect=EXIT_USAGE)
    run("build", "--minutes", "lots", "--phase", "post-run", expect=EXIT_USAGE)
    run("deck", "ankle-bounce", "-o", tmp_path / "x.pdf", "--offset", "1", expect=EXIT_USAGE)
