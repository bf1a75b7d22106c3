"""A test failed by a warning names the package that emitted it, with its version and place."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import warnings
from importlib import metadata
from pathlib import Path

import PIL
import pydantic
import pytest
import yaml
from warning_origin import describe, distribution_of

import limber
import limber.catalogue.yamlsafe

TESTS = Path(__file__).resolve().parent


def named(distribution: str) -> str:
    """'Pillow 9.2.0': a distribution's name as its metadata spells it, and its version."""
    return f"{metadata.metadata(distribution)['Name']} {metadata.version(distribution)}"


def test_a_file_is_named_by_its_distribution_and_version():
    # import names that differ from the distribution's name: yaml is PyYAML's, PIL pillow's
    assert distribution_of(yaml.__file__) == named("PyYAML")
    assert distribution_of(PIL.__file__) == named("pillow")
    assert distribution_of(pydantic.__file__) == named("pydantic")
    assert distribution_of(limber.catalogue.yamlsafe.__file__) == f"limber {limber.__version__}"
    assert distribution_of(__file__) == "limber's tests"
    assert distribution_of(warnings.__file__).endswith("standard library")
    assert distribution_of("<frozen importlib._bootstrap>").endswith("standard library")
    assert distribution_of("<string>") == "code of no installed distribution"


def fake_distributions(site: Path) -> None:
    """Installed distributions: 'fake-old-api' 1.2.3, whose module ``oldapi`` warns when called;
    'fake-wrapper' 0.4, whose ``wrapper`` calls it; 'fake-noisy' 2.0, whose ``noisy`` warns on
    import."""
    (site / "oldapi").mkdir(parents=True)
    (site / "oldapi" / "__init__.py").write_text(
        "import warnings\n\n\ndef old():\n    warnings.warn('old() is going away', DeprecationWarning)\n"
    )
    (site / "wrapper.py").write_text("import oldapi\n\n\ndef call():\n    return oldapi.old()\n")
    (site / "noisy.py").write_text("import warnings\n\nwarnings.warn('noisy is old', DeprecationWarning)\n")
    for name, version, top in (
        ("fake_old_api", "1.2.3", "oldapi"),
        ("fake_wrapper", "0.4", "wrapper"),
        ("fake_noisy", "2.0", "noisy"),
    ):
        info = site / f"{name}-{version}.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: {name.replace('_', '-')}\nVersion: {version}\n"
        )
        (info / "top_level.txt").write_text(top + "\n")


def sections(output: str, title: str) -> list[list[str]]:
    """The lines of each report section headed ``title`` in pytest's output."""
    found, current = [], None
    for line in output.splitlines():
        if re.fullmatch(rf"-+ {title} -+", line):
            current = []
            found.append(current)
        elif current is not None and re.match(r"[-_=]{3}", line):
            current = None
        elif current is not None:
            current.append(line)
    return found


def test_a_test_failed_by_a_warning_names_the_package_that_emitted_it(tmp_path):
    site, suite = tmp_path / "site", tmp_path / "suite"
    fake_distributions(site)
    suite.mkdir()
    (suite / "conftest.py").write_text("from warning_origin import pytest_exception_interact  # noqa: F401\n")
    (suite / "test_it.py").write_text(
        "import wrapper\n\n\ndef test_through_a_wrapper():\n    wrapper.call()\n\n\n"
        "def test_quiet():\n    pass\n"
    )
    (suite / "test_imports.py").write_text("import noisy  # noqa: F401\n")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(site), str(TESTS)]))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "-W",
            "error",
            "--continue-on-collection-errors",
            str(suite),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 failed, 1 passed, 1 error" in result.stdout, result.stdout
    collecting, running = sections(result.stdout, "warning emitted by")
    assert collecting == [
        f"DeprecationWarning emitted by fake-noisy 2.0 at {site / 'noisy.py'}:3",
        "  noisy is old",
        f"  called from code of no installed distribution at {suite / 'test_imports.py'}:1",
    ]
    assert running[:3] == [
        f"DeprecationWarning emitted by fake-old-api 1.2.3 at {site / 'oldapi' / '__init__.py'}:5",
        "  old() is going away",
        f"  called from fake-wrapper 0.4 at {site / 'wrapper.py'}:5",
    ]
    assert running[3].startswith("  called from ") and running[3].endswith(f"{suite / 'test_it.py'}:5")


def test_a_warning_inside_a_command_is_raised_with_its_own_traceback(run, monkeypatch):
    """limber turns any exception in a command into exit 1; ``run`` raises the warning again,
    so that the report can name where it came from."""
    import limber.api

    def old(*args, **kwargs):
        warnings.warn("load_catalogue() is old", DeprecationWarning, stacklevel=2)

    monkeypatch.setattr(limber.api, "load_catalogue", old)
    with pytest.raises(DeprecationWarning, match=r"load_catalogue\(\) is old") as caught:
        run("list")
    line = old.__code__.co_firstlineno + 1
    assert describe(caught.value, caught.tb).splitlines()[0] == (
        f"DeprecationWarning emitted by limber's tests at {__file__}:{line}"
    )
