"""``.ci/floors.py`` pins every direct dependency to its declared floor, and refuses a
dependency that declares none."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / ".ci" / "floors.py"


def floors(pyproject: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), str(pyproject)], capture_output=True, text=True, timeout=60
    )


def pins(output: str) -> dict[str, str]:
    lines = [line for line in output.splitlines() if line and not line.startswith("#")]
    found = dict(line.split("==", 1) for line in lines)
    assert len(found) == len(lines), output  # one line per package
    return found


def test_every_dependency_of_limber_is_pinned_to_its_floor():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    declared = (
        data["project"]["dependencies"]
        + data["project"]["optional-dependencies"]["test"]
        + data["build-system"]["requires"]
    )
    expected = {}
    for requirement in declared:
        name, floor = re.fullmatch(r"([A-Za-z0-9._-]+)>=([0-9][0-9.]*)", requirement).groups()
        expected[name] = floor
    result = floors(ROOT / "pyproject.toml")
    assert result.returncode == 0, result.stderr
    assert pins(result.stdout) == expected
    assert "hatchling" in expected and "pytest" in expected and "pydantic" in expected


def write(tmp_path: Path, dependencies: list[str], test: list[str] = (), build: list[str] = ()) -> Path:
    def toml_list(items) -> str:
        return "[" + ", ".join(f"'{item}'" for item in items) + "]"

    path = tmp_path / "pyproject.toml"
    path.write_text(
        f"[build-system]\nrequires = {toml_list(build)}\n\n"
        f"[project]\nname = 'p'\nversion = '1'\ndependencies = {toml_list(dependencies)}\n\n"
        f"[project.optional-dependencies]\ntest = {toml_list(test)}\nother = ['ignored']\n",
        encoding="utf-8",
    )
    return path


def test_extras_are_dropped_markers_kept_and_other_bounds_ignored(tmp_path):
    path = write(
        tmp_path,
        ["Some_Pkg[fast] >= 1.2, <2", 'tomli (>=2.0.1); python_version < "3.11"'],
        test=["pytest>=8.0.0"],
        build=["hatchling>=1.26.3", "some-pkg>=1.2"],
    )
    result = floors(path)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if not line.startswith("#")]
    assert lines == [
        "Some_Pkg==1.2",
        'tomli==2.0.1; python_version < "3.11"',
        "pytest==8.0.0",
        "hatchling==1.26.3",
    ]


@pytest.mark.parametrize(
    "dependencies, test, build, named",
    [
        (["click"], [], [], "'click' declares no '>=' floor"),
        (["click<9"], [], [], "'click<9' declares no '>=' floor"),
        (["click==8.2.0"], [], [], "'click==8.2.0' declares no '>=' floor"),
        (["click~=8.2"], [], [], "'click~=8.2' declares no '>=' floor"),
        (["pkg @ https://example.org/pkg.whl"], [], [], "'pkg @ https://example.org/pkg.whl' declares no"),
        (["click>=8.2"], ["numpy"], [], "the test extra: 'numpy' declares no '>=' floor"),
        (["click>=8.2"], [], ["hatchling"], "build-system requires: 'hatchling' declares no '>=' floor"),
        (["click>=8.2"], [], ["click>=8.1"], "click has two different floors"),
        (["click>=8.1,>=8.2"], [], [], "declares more than one '>=' floor"),
    ],
)
def test_a_dependency_without_one_floor_is_refused(tmp_path, dependencies, test, build, named):
    result = floors(write(tmp_path, dependencies, test, build))
    assert result.returncode == 1
    assert result.stdout == ""
    assert named in result.stderr and str(tmp_path / "pyproject.toml") in result.stderr


def test_ci_runs_the_readme_test_command_as_written():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    [command] = [
        line for line in readme.splitlines() if line.startswith("python3 -m venv") and "pytest" in line
    ]
    assert command in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
