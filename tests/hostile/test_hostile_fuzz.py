"""Generated catalogue files: every file ``validate`` accepts also prints as a card and shows in
``list --json``; no file, valid or not, ever gives an internal error or a traceback."""

from __future__ import annotations

import json

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from limber.catalogue.model import Area, Equipment, Kind, Level, Phase

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Plain text that fits, and awkward values: the characters of real-world (and hostile) input.
AWKWARD = "\x00\x1b\x07\u200b\u202e\ufeff\t\n \u00a0éßΩЖ小🏃\\\"'{}[]:#&*!|>%@`,-"
plain = st.from_regex(r"[A-Z][a-z]{1,9}( [a-zéü',.-]{1,9}){0,5}", fullmatch=True)
awkward = st.one_of(
    st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz ABCDEFG,.'-"), min_size=1, max_size=120),
    st.text(st.characters(codec="utf-8"), max_size=40),
    st.text(st.sampled_from(AWKWARD + "abc"), max_size=20),
    st.integers(-10, 10**30),
    st.floats(),
    st.none(),
    st.booleans(),
    st.lists(st.integers(), max_size=2),
)
count = st.one_of(st.integers(1, 600), st.from_regex(r"[1-9]\d{0,2}-[1-9]\d{2}", fullmatch=True))


def enum(cls):
    return st.sampled_from([m.value for m in cls])


dose = st.builds(
    lambda k, v, extra: {k: v, **extra},
    st.sampled_from(["reps", "hold_s", "time_s"]),
    count,
    st.fixed_dictionaries(
        {},
        optional={
            "sets": st.integers(1, 20),
            "per_side": st.booleans(),
            "side": st.sampled_from(["leg", "arm", "side"]),
        },
    ),
)
exercise = st.fixed_dictionaries(
    {
        "id": st.from_regex(r"[a-z]{1,10}(-[a-z0-9]{1,8}){0,3}", fullmatch=True),
        "name": plain,
        "kind": enum(Kind),
        "phases": st.lists(enum(Phase), min_size=1, max_size=3, unique=True),
        "areas": st.lists(enum(Area), min_size=1, max_size=3, unique=True),
        "benefits": st.lists(plain, min_size=1, max_size=3),
        "steps": st.lists(plain, min_size=1, max_size=6),
        "cues": st.one_of(
            st.lists(plain, min_size=1, max_size=3),
            st.fixed_dictionaries(
                {"do": st.lists(plain, min_size=1, max_size=3)},
                optional={"avoid": st.lists(plain, max_size=2)},
            ),
        ),
        "dose": dose,
    },
    optional={
        "level": enum(Level),
        "equipment": st.lists(enum(Equipment), max_size=2, unique=True),
        "dose_note": plain,
        "video": st.builds(
            lambda p: f"https://example.org/{p}", st.from_regex(r"[a-z0-9/?=&%-]{0,120}", fullmatch=True)
        ),
        "source": plain,
    },
)
FIELDS = [
    "id",
    "name",
    "kind",
    "phases",
    "areas",
    "benefits",
    "steps",
    "cues",
    "dose",
    "dose_note",
    "video",
    "source",
    "level",
    "equipment",
]


@st.composite
def catalogue(draw) -> dict:
    """One or two exercises; in about half the files one field gets an awkward value."""
    exercises = draw(st.lists(exercise, min_size=1, max_size=2, unique_by=lambda e: e["id"]))
    if draw(st.booleans()):
        target = draw(st.sampled_from(exercises))
        field = draw(st.sampled_from(FIELDS))
        value = draw(awkward)
        if field in ("benefits", "steps") or (field == "cues" and draw(st.booleans())):
            value = [value]
        elif field == "dose":
            value = {draw(st.sampled_from(["reps", "hold_s", "time_s"])): value}
        target[field] = value
    data = {"exercises": exercises}
    if draw(st.integers(0, 9)) == 0:
        data["video_template"] = "https://example.org/?q={query}" + draw(st.text(max_size=130))
    return data


def _dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@SETTINGS
@given(catalogue())
def test_what_validate_accepts_prints(run, tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "mine.yaml"
    try:
        path.write_text(_dump(data), encoding="utf-8")
    except UnicodeEncodeError:  # a lone surrogate: no file can hold it
        return
    result = run("validate", path, expect=None)
    assert result.exit_code in (0, 3), result.output
    event(f"validate exit {result.exit_code}")
    if result.exit_code == 3:
        assert result.output.startswith("limber: ") and str(path) in result.output
        return
    listed = json.loads(run("list", "--json", "--catalogue", path).output)
    ids = {e["id"] for e in listed}
    for ex in data["exercises"]:
        assert ex["id"] in ids
        run("show", ex["id"], "--catalogue", path)
        out = folder / "card.pdf"
        printed = run("card", ex["id"], "-o", out, "--catalogue", path, expect=None)
        assert printed.exit_code in (0, 4), printed.output  # printed, or "does not fit" (a clear FitError)
        event(f"card exit {printed.exit_code}")
        if printed.exit_code == 0:
            assert out.read_bytes().startswith(b"%PDF-")
        else:
            assert "does not fit" in printed.output


@SETTINGS
@given(st.text(st.sampled_from(AWKWARD + "abcxyz0123456789 \n-:"), max_size=200))
def test_arbitrary_text_never_gives_an_internal_error(run, tmp_path_factory, body):
    path = tmp_path_factory.mktemp("text") / "mine.yaml"
    path.write_text("exercises:\n" + body, encoding="utf-8", errors="surrogatepass")
    result = run("validate", path, expect=None)
    assert result.exit_code in (0, 3), result.output
