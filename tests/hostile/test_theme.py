"""Hostile themes: every mistake in a theme file is a DataError naming file, line and field,
never a traceback, a KeyError or a hang."""

from pathlib import Path

import pytest
import yaml

from limber.errors import DataError
from limber.theme import load_theme

DEFAULT = Path(__file__).resolve().parents[2] / "templates" / "default.yaml"


def problems(path) -> list[str]:
    with pytest.raises(DataError) as info:
        load_theme(str(path))
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize(
    "text, where, message",
    [
        (
            "name: t\nextends: 5\n",
            ":2:10: extends:",
            "expected a theme name or file, or a list of them, found 5",
        ),
        (
            "name: t\nextends: null\n",
            ":2:10: extends:",
            "expected a theme name or file, or a list of them, found None",
        ),
        ("name: t\nextends: [default, 7]\n", ":2:10: extends:", "found ['default', 7]"),
        (
            "name: t\nextends: default\ncolors:\n  kinds: {stretch: red}\n",
            ":4:20: colors.kinds.stretch:",
            "expected a colour as '#rrggbb', found 'red'",
        ),
        (
            "name: t\nextends: default\nexercise_front:\n  figure: .inf\n",
            ":4:11: exercise_front.figure:",
            ", found inf",
        ),
        (
            "name: t\nextends: default\nexercise_front:\n  figure: 100000\n",
            ":4:11: exercise_front.figure:",
            ("300", ", found 100000"),
        ),
        (
            "name: t\nextends: default\nexercise_front:\n  figure: .nan\n",
            ":4:11: exercise_front.figure:",
            ", found nan",
        ),
        (
            "name: t\nextends: default\ntext:\n  steps: {size: 9, min: 12}\n",
            ":4:10: text.steps:",
            "min (12) must not exceed size (9)",
        ),
        (
            "name: t\nextends: default\ntext:\n  steps: 9\n",
            ":4:10: text.steps:",
            "expected a mapping, found 9",
        ),
        (
            "name: t\nextends: default\ntext:\n  reference: huge\n",
            ":4:14: text.reference:",
            "unknown card size 'huge'",
        ),
        ("name: t\nextends: default\nsizes: {exercise: tiny}\n", ":3:8: sizes:", "unknown card size 'tiny'"),
        ("name: t\nextends: default\nsafe: 1e308\n", ":3:7: safe:", ("20", ", found '1e308'")),
        ("name: t\nextends: default\ntext: 5\n", ":3:7: text:", "expected a mapping, found 5"),
        ("name: t\nextends: nowhere.yaml\n", ":2:10: extends:", "theme file not found: nowhere.yaml"),
    ],
)
def test_a_bad_value_names_file_line_and_field(tmp_path, text, where, message):
    """``message``: limber's words, or the parts of pydantic's message that limber supplies
    (the bound from its model, the value found), not pydantic's own wording."""
    path = tmp_path / "theme.yaml"
    path.write_text(text, encoding="utf-8")
    found = problems(path)
    parts = (message,) if isinstance(message, str) else message
    assert any(p.startswith(f"{path}{where}") and all(m in p for m in parts) for p in found), found


def test_a_theme_without_a_default_exercise_size_is_an_error(tmp_path):
    data = yaml.safe_load(DEFAULT.read_text(encoding="utf-8"))
    del data["sizes"]["exercise"]
    path = tmp_path / "standalone.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if text.startswith("sizes:"))
    assert problems(path) == [f"{path}:{line + 1}:3: sizes: needs a card size for exercise"]


def test_a_complete_standalone_theme_loads(tmp_path):
    path = tmp_path / "copy.yaml"
    path.write_text(DEFAULT.read_text(encoding="utf-8"), encoding="utf-8")
    assert load_theme(str(path)) == load_theme("default")


@pytest.mark.parametrize("text", ["", "- a list\n", "name: [unclosed\n", "\tname: tab\n"])
def test_empty_or_broken_files_are_data_errors(tmp_path, text):
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    assert problems(path)[0].startswith(str(path))


def test_a_fan_of_extends_reads_each_file_once(tmp_path, monkeypatch):
    """t0 extends [t1, t1b], each of those extends [t2, t2b], ...: 2**20 paths through 42 files
    would mean a million parses if each path were read again."""
    from limber import theme

    levels = 14
    (tmp_path / f"t{levels}.yaml").write_text(f"name: t{levels}\nextends: default\n")
    (tmp_path / f"t{levels}b.yaml").write_text(f"name: t{levels}b\nextends: default\n")
    for level in range(levels - 1, -1, -1):
        for suffix in ("", "b"):
            parents = f"[t{level + 1}.yaml, t{level + 1}b.yaml]"
            (tmp_path / f"t{level}{suffix}.yaml").write_text(f"name: t{level}{suffix}\nextends: {parents}\n")
    reads = []
    real = theme.read_yaml
    monkeypatch.setattr(theme, "read_yaml", lambda path, display: reads.append(path) or real(path, display))
    loaded = load_theme(str(tmp_path / "t0.yaml"))
    assert loaded.name == "t0"
    assert len(reads) == len(set(reads)) == 1 + 2 * levels + 1  # t0, two files a level, and default


def test_a_theme_drawing_on_too_many_files_is_refused(tmp_path):
    count = 40
    (tmp_path / f"c{count}.yaml").write_text(f"name: c{count}\n")
    for n in range(count):
        (tmp_path / f"c{n}.yaml").write_text(f"name: c{n}\nextends: c{n + 1}.yaml\n")
    [problem] = problems(tmp_path / "c0.yaml")
    assert problem.endswith("extends: the theme draws on more than 32 theme files through extends"), problem
