"""A test failed by a warning names the package that emitted it, with its version and place."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
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


def test_a_file_is_named_by_its_distribution_and_version():
    # import names that differ from the distribution's name: yaml is PyYAML's, PIL pillow's
    assert distribution_of(yaml.__file__) == f"PyYAML {metadata.version('PyYAML')}"
    assert distribution_of(PIL.__file__) == f"pillow {metadata.version('pillow')}"
    assert distribution_of(pydantic.__file__) == f"pydantic {metadata.version('pydantic')}"
    assert distribution_of(limber.catalogue.yamlsafe.__file__) == f"limber {limber.__version__}"
    assert distribution_of(__file__) == "limber's tests"
    assert distribution_of(warnings.__file__).endswith("standard library")


def fake_distribution(site: Path) -> Path:
    """An installed distribution 'fake-old-api' 1.2.3 whose module ``oldapi`` warns, and a
    second one, 'fake-wrapper' 0.4, whose ``wrapper`` calls it."""
    module = site / "oldapi" / "__init__.py"
    module.parent.mkdir(parents=True)
    module.write_text(
        "import warnings\n\n\ndef old():\n    warnings.warn('old() is going away', DeprecationWarning)\n"
    )
    (site / "wrapper.py").write_text("import oldapi\n\n\ndef call():\n    return oldapi.old()\n")
    for name, version, top in (("fake_old_api", "1.2.3", "oldapi"), ("fake_wrapper", "0.4", "wrapper")):
        info = site / f"{name}-{version}.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: {name.replace('_', '-')}\nVersion: {version}\n"
        )
        (info / "top_level.txt").write_text(top + "\n")
    return module


def test_a_test_failed_by_a_warning_names_the_package_that_emitted_it(tmp_path):
    site = tmp_path / "site"
    module = fake_distribution(site)
    suite = tmp_path / "suite"
    suite.mkdir()
    (suite / "conftest.py").write_text("from warning_origin import pytest_runtest_makereport  # noqa: F401\n")
    (suite / "test_it.py").write_text(
        textwrap.dedent(
            """
            import wrapper


            def test_through_a_wrapper():
                wrapper.call()


            def test_quiet():
                pass
            """
        )
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(site), str(TESTS)]))
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-W", "error", "-q", str(suite)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 failed, 1 passed" in result.stdout
    section = result.stdout.split("warning emitted by", 1)[1]
    lines = section.split("\n")[1:5]
    assert lines[0] == f"DeprecationWarning emitted by fake-old-api 1.2.3 at {module}:5", section
    assert lines[1] == "  old() is going away"
    assert lines[2] == f"  called from fake-wrapper 0.4 at {site / 'wrapper.py'}:5"
    assert lines[3].startswith("  called from ") and lines[3].endswith(f"{suite / 'test_it.py'}:6")


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
