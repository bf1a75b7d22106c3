"""The built wheel and sdist: their metadata, what they carry, and that each, installed outside
the repository, prints a deck."""

from __future__ import annotations

import email
import os
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pypdfium2
import pytest

import limber

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-d", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return out


def _wheel(dist: Path) -> Path:
    [wheel] = dist.glob("limber-*.whl")
    return wheel


def _sdist(dist: Path) -> Path:
    [sdist] = dist.glob("limber-*.tar.gz")
    return sdist


def _metadata(dist: Path) -> email.message.Message:
    with zipfile.ZipFile(_wheel(dist)) as wheel:
        [name] = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
        return email.message_from_bytes(wheel.read(name))


def test_the_version_has_one_source(dist):
    assert "version" in PYPROJECT["project"]["dynamic"] and "version" not in PYPROJECT["project"]
    assert _metadata(dist)["Version"] == limber.__version__
    assert _wheel(dist).name == f"limber-{limber.__version__}-py3-none-any.whl"


def test_the_licence_covers_the_code_the_fonts_and_htmx(dist):
    meta = _metadata(dist)
    assert meta["License-Expression"] == "MIT AND OFL-1.1 AND 0BSD"
    assert sorted(meta.get_all("License-File")) == [
        "LICENSE",
        "fonts/OFL.txt",
        "src/limber/web/static/htmx-LICENSE.txt",
    ]
    assert not [c for c in meta.get_all("Classifier") if c.startswith("License ::")]  # PEP 639
    with zipfile.ZipFile(_wheel(dist)) as wheel:
        names = wheel.namelist()
    assert any(n.endswith(".dist-info/licenses/fonts/OFL.txt") for n in names)
    assert "limber/py.typed" in names
    assert "limber/_bundled/fonts/OFL.txt" in names
    web = ["static/htmx.min.js", "static/htmx-LICENSE.txt", "static/limber.css", "templates/base.html"]
    assert all(f"limber/web/{name}" in names for name in web)


def test_the_metadata_describes_the_project(dist):
    meta = _metadata(dist)
    assert "Typing :: Typed" in meta.get_all("Classifier")
    assert any(c.startswith("Programming Language :: Python :: 3.11") for c in meta.get_all("Classifier"))
    urls = dict(u.split(", ", 1) for u in meta.get_all("Project-URL"))
    assert {"Homepage", "Source", "Issues", "Changelog"} <= set(urls)
    assert all(u.startswith("https://") for u in urls.values())
    assert "poster" in meta["Keywords"].split(",")


def test_every_imported_package_is_declared():
    declared = {
        r.split(">")[0].split("=")[0].split("[")[0].strip().lower()
        for r in PYPROJECT["project"]["dependencies"]
    }
    assert {
        "anyascii",
        "pillow",
        "platformdirs",
        "pypdfium2",
        "svglib",
        "reportlab",
        "pyyaml",
        "qrcode",
        "click",
        "lxml",
        "tinycss2",
        "cssselect2",
    } <= declared


def test_the_sdist_carries_what_it_lists(dist):
    listed = PYPROJECT["tool"]["hatch"]["build"]["targets"]["sdist"]["include"]
    missing = [p for p in listed if not (ROOT / p).exists()]
    assert not missing, f"the sdist lists files that do not exist: {missing}"
    with tarfile.open(_sdist(dist)) as sdist:
        names = {n.split("/", 1)[1] for n in sdist.getnames() if "/" in n}
    for entry in listed:
        assert any(n == entry or n.startswith(entry + "/") for n in names), entry
    assert "docs/poster-a3.png" in names and "CHANGELOG.md" in names


def test_the_readme_picture_works_outside_the_repository():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for line in readme.splitlines():
        if line.startswith("!["):
            target = line[line.index("](") + 2 : line.rindex(")")]
            assert target.startswith("https://"), line
            assert (ROOT / target.split("/main/", 1)[1]).is_file(), line


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["wheel", "sdist"])
def test_an_installed_package_prints_a_deck_from_another_folder(dist, tmp_path, kind):
    site = tmp_path / "site"
    source = _wheel(dist) if kind == "wheel" else _sdist(dist)
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation"]
        + ["--target", str(site), str(source)],
        check=True,
        capture_output=True,
    )
    work = tmp_path / "work"
    work.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    result = subprocess.run(
        [sys.executable, "-m", "limber", "deck", "post-run-mobility", "-o", "deck.pdf"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    where = subprocess.run(
        [sys.executable, "-c", "import limber; print(limber.__file__)"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
    )
    assert where.stdout.strip().startswith(str(site))
    pdf = pypdfium2.PdfDocument(work / "deck.pdf")
    try:
        assert len(pdf) >= 2
    finally:
        pdf.close()
