"""What ``validate`` accepts, every command can print; what would crash a command is refused
by ``validate`` with its file, line and field."""

from __future__ import annotations

import json
import re

import pytest
from hostile_helpers import ROUTINE, exercise


def problem_lines(result) -> list[str]:
    lines = result.output.splitlines()
    assert lines[0].startswith("limber: ") and lines[0].endswith("in the input:"), result.output
    return [line.strip() for line in lines[1:]]


def assert_syntax_error_in(line: str, path, number: int, scalar: str) -> None:
    """``line`` is limber's report of a YAML syntax error at line ``number`` of ``path``, at a
    column inside ``scalar`` there. The parser's own description that follows is not checked:
    it is PyYAML's (or libyaml's) wording, not limber's."""
    match = re.fullmatch(rf"{re.escape(str(path))}:{number}:(\d+): YAML syntax error: \S.*", line)
    assert match, line
    start = path.read_text(encoding="utf-8").splitlines()[number - 1].index(scalar) + 1
    assert start <= int(match[1]) < start + len(scalar), line


def test_a_400_digit_dose_range(run, tmp_path):
    huge = "1" + "0" * 400
    path = exercise(tmp_path, replace={"hold_s: 30": f'reps: "{huge}-{huge}"'})
    [line] = problem_lines(run("validate", path, expect=3))
    assert line == (
        f"{path}:10:18: exercises[0].dose.reps (id calf-x): expected a whole number or a range "
        "such as 12-16, found '1" + "0" * 58 + "... "
        "(803 characters)"
    )


@pytest.mark.parametrize(
    "dose, message",
    [
        ("reps: 1001", "reps of 1001 is too much; at most 1000"),
        ("hold_s: 601", "hold_s of 601 is too much; at most 600"),
    ],
)
def test_doses_are_bounded(run, tmp_path, dose, message):
    path = exercise(tmp_path, replace={"hold_s: 30": dose})
    [line] = problem_lines(run("validate", path, expect=3))
    assert line == f"{path}:10:11: exercises[0].dose (id calf-x): {message}"


def test_no_count_is_beyond_the_largest_bound(run, tmp_path):
    path = exercise(tmp_path, replace={"hold_s: 30": "time_s: 3000-3601"})
    [line] = problem_lines(run("validate", path, expect=3))
    assert line == f"{path}:10:20: exercises[0].dose.time_s (id calf-x): 3601 is far too many; at most 3600"


def test_a_video_url_longer_than_a_qr_code_holds(run, tmp_path):
    url = "https://example.org/" + "v" * 140
    path = exercise(tmp_path, extra=f"    video: {url}\n")
    [line] = problem_lines(run("validate", path, expect=3))
    assert line == (
        f"{path}:11:12: exercises[0].video (id calf-x): the URL is 160 bytes long; "
        "a card's QR code holds at most 152"
    )


def test_a_video_template_that_makes_links_too_long(run, tmp_path):
    template = "https://example.org/search?q={query}&" + "x" * 100
    path = exercise(tmp_path, extra=f'video_template: "{template}"\n')
    [first, *_] = problem_lines(run("validate", path, expect=3))
    assert first.startswith("data/exercises/")
    assert ": the demo-video link made from it is " in first
    assert first.endswith(
        "bytes; a card's QR code holds at most 152: shorten it, or give a shorter video: link"
    )


def test_the_longest_url_that_validates_prints_and_decodes(run, tmp_path):
    import pypdfium2
    import zxingcpp

    url = "https://example.org/" + "v" * 132
    assert len(url) == 152
    path = exercise(tmp_path, extra=f"    video: {url}\n")
    run("validate", path)
    out = tmp_path / "card.pdf"
    run("card", "calf-x", "-o", out, "--catalogue", path)
    page = pypdfium2.PdfDocument(str(out))[1]
    image = page.render(scale=600 / 72).to_pil()
    assert url in [r.text for r in zxingcpp.read_barcodes(image)]


@pytest.mark.parametrize("field", ["dose_note", "source"])
def test_a_lone_surrogate_is_refused(run, tmp_path, field):
    path = exercise(tmp_path, extra=f'    {field}: "a \\ud800 b"\n')
    [line] = problem_lines(run("validate", path, expect=3))
    assert_syntax_error_in(line, path, 11, '"a \\ud800 b"')


def test_a_lone_surrogate_in_a_routine_note(run, tmp_path):
    path = exercise(tmp_path, extra=ROUTINE + '        note: "\\udfff"\n')
    [line] = problem_lines(run("validate", path, expect=3))
    assert_syntax_error_in(line, path, 18, '"\\udfff"')


def test_a_lone_surrogate_from_any_yaml_reader_is_refused_with_its_field(monkeypatch):
    """libyaml refuses the escape itself; the pure-Python reader lets it through, so the
    builder refuses it too, naming the field."""
    import yaml

    from limber.catalogue.yamlsafe import Refused, build

    text = 'exercises:\n  - dose_note: "a \\ud800 b"\n'
    events = list(yaml.parse(text, Loader=yaml.SafeLoader))

    class Replay:
        def __init__(self, _):
            self.events = iter(events)

        def get_event(self):
            return next(self.events, None)

    import limber.catalogue.yamlsafe as yamlsafe

    monkeypatch.setattr(yamlsafe, "_Parser", Replay)
    with pytest.raises(Refused) as info:
        build(text, "x.yaml")
    assert (info.value.line, info.value.field) == (2, "exercises[0].dose_note")
    assert info.value.message == "the text holds a lone surrogate U+D800, which is not a character"


LIMITS = {
    "name: Calf x": "name: " + "Calf stretch " * 6 + "x",
    "hold_s: 30": "hold_s: 600",
}


def test_the_largest_values_validate_and_every_command_prints_them(run, tmp_path):
    note = "n" * 120
    path = exercise(
        tmp_path,
        replace=LIMITS,
        extra=ROUTINE
        + f"        note: {note}\n"
        + "        dose: {reps: 1000, sets: 20, per_side: true, side: "
        + "s" * 20
        + "}\n",
    )
    run("validate", path)
    shown = json.loads(run("show", "calf-x", "--json", "--catalogue", path).output)
    assert shown["dose_label"] == "Hold 600 s each leg"
    listed = json.loads(run("list", "--json", "--catalogue", path).output)
    assert "calf-x" in [e["id"] for e in listed]
    view = json.loads(run("routine", "mine", "--json", "--catalogue", path).output)
    assert view["items"][0]["dose_label"] == "1000 reps x 20 each " + "s" * 20
    for target in ("calf-x", "mine"):
        result = run("card", target, "-o", tmp_path / f"{target}.pdf", "--catalogue", path, expect=None)
        assert result.exit_code in (0, 4), result.output  # printed, or a clear "does not fit"
        assert "internal error" not in result.output
