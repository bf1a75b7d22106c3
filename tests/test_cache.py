"""The cache of the validated built-in catalogue: used while the data files are unchanged,
rebuilt when one changes, passed over when its folder cannot be written or its file is
damaged, never storing a catalogue with problems; the user's files are always validated."""

import os
import shutil
import sys
from pathlib import Path

import pytest
from conftest import MINIMAL_EXERCISE

from limber import cache
from limber.catalogue import figures, load
from limber.catalogue.load import load_catalogue
from limber.errors import DataError
from limber.resources import data_dir


def stored_file(tmp_path: Path, name: str) -> Path:
    """The cache file of ``name``, for this copy of limber."""
    return tmp_path / "cache" / f"{name}-{cache._install_tag()}.pickle"


def _as_copy(monkeypatch, folder: Path) -> None:
    """Act as the copy of limber installed in ``folder``."""
    cache._install_tag.cache_clear()
    monkeypatch.setattr(cache, "_PACKAGE", folder)


def test_two_copies_of_limber_keep_their_own_files(tmp_path, monkeypatch):
    """Two installed copies in use by one user do not replace each other's cache files."""
    monkeypatch.setenv("LIMBER_CACHE_DIR", str(tmp_path / "cache"))
    one, another = tmp_path / "one", tmp_path / "another"
    one.mkdir(), another.mkdir()
    _as_copy(monkeypatch, one)
    assert cache.cached("value", [], lambda: 1) == 1
    _as_copy(monkeypatch, another)
    assert cache.cached("value", [], lambda: 2) == 2
    names = sorted(p.name for p in (tmp_path / "cache").iterdir())
    assert len(names) == 2 and all(n.startswith("value-") and n.endswith(".pickle") for n in names)
    _as_copy(monkeypatch, one)
    assert cache.cached("value", [], lambda: 3) == 1  # the first copy's value, still there
    cache._install_tag.cache_clear()


def test_files_of_copies_no_longer_installed_are_pruned(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("LIMBER_CACHE_DIR", str(folder))
    old, new = tmp_path / "old-venv", tmp_path / "new-venv"
    old.mkdir(), new.mkdir()
    _as_copy(monkeypatch, old)
    cache.cached("value", [], lambda: 1)
    [old_file] = folder.iterdir()
    (folder / "value-0123456789.pickle").write_bytes(b"\x80\x05 a file of an older format")
    (folder / "notes.txt").write_text("not a cache file")
    (folder / ".value-x.pickle.abc.part").write_bytes(b"left by a killed process")
    os.utime(folder / ".value-x.pickle.abc.part", (0, 0))
    shutil.rmtree(old)  # that copy is uninstalled
    _as_copy(monkeypatch, new)
    assert cache.cached("value", [], lambda: 2) == 2
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["notes.txt", f"value-{cache._install_tag()}.pickle"]
    assert not old_file.exists()
    cache._install_tag.cache_clear()


@pytest.mark.unix
@pytest.mark.parametrize("where", ["folder", "file"])
def test_a_file_another_user_could_have_written_is_never_unpickled(tmp_path, monkeypatch, where):
    """A cache file is code: planted in a shared folder, it must not run."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("LIMBER_CACHE_DIR", str(folder))
    assert cache.cached("value", [], lambda: "built") == "built"
    [stored] = folder.iterdir()
    header, key = stored.read_bytes().split(b"\n")[:2]
    marker = tmp_path / "ran"

    class Planted:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    import pickle

    stored.write_bytes(header + b"\n" + key + b"\n" + pickle.dumps(Planted()))
    (folder if where == "folder" else stored).chmod(0o777 if where == "folder" else 0o666)
    assert cache.cached("value", [], lambda: "rebuilt") == "rebuilt"
    assert not marker.exists()


@pytest.mark.unix
def test_a_fifo_in_place_of_a_cache_file_does_not_block(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("LIMBER_CACHE_DIR", str(folder))
    os.mkfifo(folder / f"value-{cache._install_tag()}.pickle", 0o600)
    assert cache.cached("value", [], lambda: "built") == "built"  # returns: nothing waited on the pipe


@pytest.mark.unix
def test_a_symlink_in_place_of_a_cache_file_is_not_followed(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("LIMBER_CACHE_DIR", str(folder))
    cache.cached("value", [], lambda: "built")
    [stored] = folder.iterdir()
    elsewhere = tmp_path / "elsewhere.pickle"
    stored.rename(elsewhere)
    stored.symlink_to(elsewhere)
    assert cache.cached("value", [], lambda: "rebuilt") == "rebuilt"


@pytest.fixture
def data(tmp_path, monkeypatch):
    """A copy of the built-in data in use, and an empty cache folder of its own."""
    copy = tmp_path / "data"
    shutil.copytree(data_dir(), copy)
    monkeypatch.setattr(load, "data_dir", lambda: copy)
    monkeypatch.setattr(figures, "data_dir", lambda: copy)
    monkeypatch.setenv("LIMBER_CACHE_DIR", str(tmp_path / "cache"))
    figures.builtin_figures.cache_clear()
    yield copy
    figures.builtin_figures.cache_clear()


def no_parsing(monkeypatch):
    """Make any parse of the built-in files fail loudly, to prove a load comes from the cache."""

    def fail():
        raise AssertionError("the built-in files were parsed")

    monkeypatch.setattr(load, "_builtin_layer", fail)


def touch_later(path: Path) -> None:
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


def test_a_second_load_comes_from_the_cache_and_equals_a_validated_one(data, tmp_path, monkeypatch):
    first = load_catalogue()
    assert stored_file(tmp_path, "builtin").is_file()
    no_parsing(monkeypatch)
    second = load_catalogue()
    assert second == first
    assert second.exercises["bridge-roll-up"].figure == first.exercises["bridge-roll-up"].figure is not None


@pytest.mark.parametrize("changed", ["exercises/001-lower-back.yaml", "figures/bridge-roll-up.yaml"])
def test_changing_a_data_file_makes_the_cache_stale(data, changed):
    load_catalogue()
    path = data / changed
    text = path.read_text(encoding="utf-8")
    if changed.startswith("exercises"):
        path.write_text(text.replace("name: Bridge roll-up", "name: Bridge roll"), encoding="utf-8")
    else:
        path.write_text(text + "\n", encoding="utf-8")  # same content, new size and time
    touch_later(path)
    cat = load_catalogue()
    if changed.startswith("exercises"):
        assert cat.exercises["bridge-roll-up"].name == "Bridge roll"
    # a bad edit is reported with its file and line, not hidden behind the cached catalogue
    path.write_text(text + "bogus: 1\n", encoding="utf-8")
    touch_later(path)
    with pytest.raises(DataError) as error:
        load_catalogue()
    line = text.count("\n") + 1
    assert [(p.file.endswith(changed), p.line, p.field) for p in error.value.problems] == [
        (True, line, "bogus")
    ]


def test_a_catalogue_with_problems_is_never_stored(data, tmp_path):
    path = data / "exercises" / "001-lower-back.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("kind: mobility", "kind: yoga", 1), encoding="utf-8"
    )
    with pytest.raises(DataError) as error:
        load_catalogue()
    assert "kind" in str(error.value)
    assert not stored_file(tmp_path, "builtin").exists()


def test_an_unwritable_cache_folder_is_passed_over(data, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("LIMBER_CACHE_DIR", str(blocker / "cache"))
    assert len(load_catalogue().exercises) == 33
    assert blocker.read_text() == "not a folder"


def test_a_damaged_cache_file_is_rebuilt(data, tmp_path, monkeypatch):
    expected = load_catalogue()
    stored = stored_file(tmp_path, "builtin")
    stored.write_bytes(stored.read_bytes()[:100])
    assert load_catalogue() == expected
    no_parsing(monkeypatch)
    assert load_catalogue() == expected  # the rebuilt file is whole again


def test_the_cache_can_be_turned_off(data, tmp_path, monkeypatch):
    monkeypatch.setenv("LIMBER_CACHE_DIR", "off")
    assert cache.cache_dir() is None
    load_catalogue()
    assert not (tmp_path / "cache").exists()


def test_user_files_are_always_validated(data, tmp_path, monkeypatch, write_yaml):
    load_catalogue()
    no_parsing(monkeypatch)
    mine = write_yaml(
        "mine.yaml", "exercises:" + MINIMAL_EXERCISE.format(id="calf-wall", name="Calf on wall")
    )
    assert load_catalogue([mine]).exercises["calf-wall"].name == "Calf on wall"
    mine.write_text(mine.read_text().replace("kind: stretch", "kind: yoga"))
    with pytest.raises(DataError) as error:
        load_catalogue([mine])
    assert f"{mine}:4:11: exercises[0].kind" in str(error.value)


def test_built_in_themes_are_cached_and_theme_files_always_validated(tmp_path, monkeypatch, write_yaml):
    from limber import theme

    monkeypatch.setenv("LIMBER_CACHE_DIR", str(tmp_path / "cache"))
    first = theme.load_theme("ink-saver")
    assert stored_file(tmp_path, "theme-ink-saver").is_file()

    def fail(path):
        raise AssertionError(f"{path} was parsed")

    monkeypatch.setattr(theme, "_validated", fail)
    assert theme.load_theme("ink-saver") == first
    monkeypatch.undo()
    monkeypatch.setenv("LIMBER_CACHE_DIR", str(tmp_path / "cache"))
    mine = write_yaml("club.yaml", "name: club\nextends: ink-saver\ntext:\n  floor: -3\n")
    with pytest.raises(DataError) as error:
        theme.load_theme(mine)
    assert f"{mine}:4:10: text.floor" in str(error.value)


@pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="the XDG folders are Linux's")
def test_the_cache_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("LIMBER_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "limber"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "limber"
