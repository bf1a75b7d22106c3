"""A user's file is never destroyed: no output over an input, nor over a file that is not a PDF."""

from __future__ import annotations

import os

import pytest
from hostile_helpers import ROUTINE, exercise


def _listing(folder):
    return sorted(os.listdir(folder))


def test_card_refuses_to_write_over_its_catalogue(run, tmp_path):
    cat = exercise(tmp_path, "mycat.yaml")
    before = cat.read_bytes()
    result = run("card", "calf-x", "-o", cat, "--catalogue", cat, expect=5)
    assert result.output == f"limber: refusing to write {cat}: it is an input of this command ({cat})\n"
    assert cat.read_bytes() == before and _listing(tmp_path) == ["mycat.yaml"]


def test_force_never_allows_writing_over_an_input(run, tmp_path):
    cat = exercise(tmp_path, "mycat.yaml")
    before = cat.read_bytes()
    run("card", "calf-x", "-o", cat, "--catalogue", cat, "--force", expect=5)
    assert cat.read_bytes() == before


def test_deck_refuses_to_write_over_its_routine_file(run, tmp_path):
    routine = exercise(tmp_path, "r.yaml", extra=ROUTINE)
    before = routine.read_bytes()
    result = run("deck", routine, "-o", routine, expect=5)
    assert (
        result.output == f"limber: refusing to write {routine}: it is an input of this command ({routine})\n"
    )
    assert routine.read_bytes() == before and _listing(tmp_path) == ["r.yaml"]


@pytest.mark.unix
def test_the_same_file_under_another_name_is_recognised(run, tmp_path):
    cat = exercise(tmp_path, "mycat.yaml")
    (tmp_path / "sub").mkdir()
    alias = tmp_path / "sub" / ".." / "mycat.yaml"
    link = tmp_path / "link.yaml"
    link.symlink_to(cat)
    before = cat.read_bytes()
    run("card", "calf-x", "-o", alias, "--catalogue", cat, expect=5)
    run("card", "calf-x", "-o", link, "--catalogue", cat, expect=5)
    run("card", "calf-x", "-o", cat, "--catalogue", link, expect=5)
    assert cat.read_bytes() == before


def test_a_theme_parent_is_an_input_too_even_with_force(run, tmp_path, write_yaml):
    parent = write_yaml("parent.yaml", "name: parent\nextends: default\n")
    child = write_yaml("child.yaml", f"name: child\nextends: {parent}\n")
    before = parent.read_bytes()
    result = run("deck", "ankle-bounce", "-o", parent, "--theme", child, "--force", expect=5)
    assert result.output == f"limber: refusing to write {parent}: it is an input of this command ({parent})\n"
    assert parent.read_bytes() == before


def test_a_built_in_data_file_is_never_written_over(run, tmp_path, monkeypatch):
    import shutil

    from limber.catalogue import figures, load
    from limber.resources import data_dir

    copy = tmp_path / "data"  # a copy in use, so that a failure cannot harm the real one
    shutil.copytree(data_dir(), copy)
    monkeypatch.setattr(load, "data_dir", lambda: copy)
    monkeypatch.setattr(figures, "data_dir", lambda: copy)
    figures.builtin_figures.cache_clear()
    monkeypatch.setenv("LIMBER_CACHE_DIR", str(tmp_path / "cache"))
    [first, *_] = sorted((copy / "exercises").glob("*.yaml"))
    before = first.read_bytes()
    result = run("card", "ankle-bounce", "-o", first, "--force", expect=5)
    assert result.output.startswith(f"limber: refusing to write {first}: it is an input of this command")
    assert first.read_bytes() == before


def test_theme_file_is_an_input_too(run, tmp_path, write_yaml):
    theme = write_yaml("club.yaml", "name: club\nextends: default\n")
    before = theme.read_bytes()
    result = run("deck", "ankle-bounce", "-o", theme, "--theme", theme, expect=5)
    assert "it is an input of this command" in result.output
    assert theme.read_bytes() == before


def test_an_existing_file_that_is_not_a_pdf_needs_force(run, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("my training notes\n")
    result = run("card", "ankle-bounce", "-o", notes, expect=5)
    assert result.output == (
        f"limber: refusing to replace {notes}: it exists and is not a PDF file (use --force to replace it)\n"
    )
    assert notes.read_text() == "my training notes\n" and _listing(tmp_path) == ["notes.txt"]
    run("card", "ankle-bounce", "-o", notes, "--force")
    assert notes.read_bytes().startswith(b"%PDF-")


def test_an_existing_pdf_is_replaced_without_force(run, tmp_path):
    out = tmp_path / "card.pdf"
    run("card", "ankle-bounce", "-o", out)
    first = out.read_bytes()
    out.write_bytes(b"%PDF-1.4 older")
    run("card", "ankle-bounce", "-o", out)
    assert out.read_bytes() == first


def test_calibrate_and_gallery_check_too(run, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("keep me")
    run("calibrate", "-o", notes, expect=5)
    run("gallery", "-o", notes, expect=5)
    assert notes.read_text() == "keep me"


def test_preview_never_replaces_a_file_that_is_not_a_png(run, tmp_path):
    pdf = tmp_path / "deck.pdf"
    run("card", "ankle-bounce", "-o", pdf)
    (tmp_path / "png").mkdir()
    victim = tmp_path / "png" / "deck-001.png"
    victim.write_text("not an image")
    result = run("preview", pdf, "-o", tmp_path / "png", "--dpi", "30", expect=5)
    assert result.output == (
        f"limber: refusing to replace {victim}: it exists and is not a PNG file (use --force to replace it)\n"
    )
    assert victim.read_text() == "not an image" and _listing(tmp_path / "png") == ["deck-001.png"]


def test_build_replaces_only_a_routine_it_built_unless_forced(run, tmp_path):
    notes = tmp_path / "hips.yaml"
    notes.write_text("exercises: []  # my own file\n")
    args = ("build", "--minutes", "5", "--phase", "post-run", "-o", notes)
    result = run(*args, expect=5)
    assert result.output == (
        f"limber: refusing to replace {notes}: it exists and is not a routine limber built "
        "(use --force to replace it)\n"
    )
    assert notes.read_text() == "exercises: []  # my own file\n" and _listing(tmp_path) == ["hips.yaml"]
    run(*args, "--force")
    built = notes.read_text()
    assert built.startswith("# Built by limber: limber build --minutes 5 --phase post-run")
    run(*args)  # a routine limber built is replaced without --force
    assert notes.read_text() == built
