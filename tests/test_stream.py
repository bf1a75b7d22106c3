"""Decks laid out and rendered sheet by sheet: the same bytes as all at once, copies of a deck,
and a card that fails half-way through leaving no output behind."""

import os

import pypdfium2
from conftest import MINIMAL_EXERCISE

from limber.catalogue.load import load_catalogue
from limber.errors import FitError
from limber.products import DeckOptions, build_deck_pages, deck_pages, resolve_targets
from limber.render.pdf import render

CAT = load_catalogue()


def test_streamed_deck_is_byte_identical_to_the_listed_one():
    options = DeckOptions()
    pages, meta = deck_pages(CAT, [], options, everything=True)
    deck = build_deck_pages(CAT, [], options, everything=True)
    assert deck.count == 33 and deck.meta == meta
    assert render(deck.pages(), deck.meta) == render(pages, meta)


def test_copies_repeat_the_deck_with_numbers_per_copy():
    cat, found = resolve_targets(CAT, ["post-run-mobility"], [])
    one, _ = deck_pages(cat, found, DeckOptions())
    three, meta = deck_pages(cat, found, DeckOptions(copies=3))
    titles = [t for page in one for t in page.bookmarks]
    assert [t for page in three for t in page.bookmarks] == titles * 3
    assert meta.subject.startswith("21 exercise cards")
    # 21 cards fill three A4 sheets of 9, each followed by its back
    assert len(one) == 2 and len(three) == 6

    def faces(pages):  # each front's card faces, in order, without their place on the sheet
        return [
            group.items
            for page in pages
            if page.label == "front"
            for group in page.items[: len(page.bookmarks)]
        ]

    # every copy is the same cards, numbered within its copy (card 3 of 7, not 10 of 21)
    assert faces(three) == faces(one) * 3


def test_copies_lay_each_card_out_no_more_often_than_one_copy_does(monkeypatch):
    import limber.products as products

    laid_out = []
    real = products.exercise_card
    monkeypatch.setattr(products, "exercise_card", lambda *a, **k: laid_out.append(a[1].id) or real(*a, **k))
    cat, found = resolve_targets(CAT, ["post-run-mobility"], [])
    deck_pages(cat, found, DeckOptions(copies=1))
    once, laid_out[:] = list(laid_out), []
    pages, _ = deck_pages(cat, found, DeckOptions(copies=3))
    assert sum(len(page.bookmarks) for page in pages) == 21
    assert laid_out == once
    # each exercise card is laid out once (its sizes were measured before, without laying it out)
    items = [item.exercise for item in CAT.routines["post-run-mobility"].items]
    assert once == items


def test_a_deck_lays_out_and_draws_each_card_once_even_where_it_caps_sizes(monkeypatch):
    import limber.layout.card as card
    import limber.products as products

    laid_out, drawn = [], []
    real_card, real_figure = products.exercise_card, card.figure_items
    monkeypatch.setattr(
        products, "exercise_card", lambda *a, **k: laid_out.append(a[1].id) or real_card(*a, **k)
    )
    monkeypatch.setattr(
        card, "figure_items", lambda ex, *a, **k: drawn.append(ex.id) or real_figure(ex, *a, **k)
    )
    deck = build_deck_pages(CAT, [], DeckOptions(), everything=True)
    assert laid_out == drawn == []  # choosing the shared sizes lays no card out
    pages = list(deck.pages())
    assert laid_out == drawn == list(CAT.exercises)
    assert sum(len(page.bookmarks) for page in pages) == 33
    # most of these cards could take larger text than the deck shares: they were capped
    assert len(deck.sizes.own) < 33 - 20


def test_deck_copies_on_the_command_line(run, tmp_path):
    out = tmp_path / "group.pdf"
    assert run("deck", "post-run-mobility", "--copies", "3", "-o", out).output == (
        f"wrote {out}: 21 cards on 6 pages, 8 per A4 sheet; steps 9.5 pt, cues 9 pt\n"
    )
    doc = pypdfium2.PdfDocument(str(out))
    assert len(list(doc.get_toc())) == 21
    assert "--copies" in run("deck", "walking-knee-hug", "--copies", "0", "-o", out, expect=2).output


def test_a_card_that_does_not_fit_late_in_a_deck_writes_nothing(run, tmp_path, write_yaml):
    long_step = ("Hold the position and breathe slowly while you count " * 3).strip()
    many_steps = ", ".join([long_step] * 8)  # the most steps, each as long as a step may be
    mine = write_yaml(
        "mine.yaml",
        "exercises:"
        + MINIMAL_EXERCISE.format(id="wordy", name="Wordy").replace(
            "Stand facing a wall, Step one foot back, Lean in", many_steps
        ),
    )
    out = tmp_path / "deck.pdf"
    out.write_bytes(b"%PDF-old")
    ids = [ex for ex in CAT.exercises][:20] + ["wordy"]
    result = run("deck", *ids, "--catalogue", mine, "-o", out, expect=FitError.exit_code)
    assert "wordy" in result.output and "does not fit" in result.output
    assert out.read_bytes() == b"%PDF-old" and sorted(os.listdir(tmp_path)) == ["deck.pdf", "mine.yaml"]


def test_the_whole_catalogue_deck_takes_at_most_3_5_kib_per_card():
    pages, meta = deck_pages(CAT, [], DeckOptions(), everything=True)
    cards = sum(len(page.bookmarks) for page in pages)
    assert cards == 33
    assert len(render(pages, meta)) / cards <= 3.5 * 1024


def test_pages_compressed_as_drawn_give_the_same_bytes(monkeypatch):
    from limber.render import pdf

    pages, meta = deck_pages(CAT, [], DeckOptions(), everything=True)
    early = render(pages, meta)
    monkeypatch.setattr(pdf, "compress_finished_page", lambda c: None)
    assert render(pages, meta) == early


def test_a_deck_written_to_a_file_has_the_rendered_bytes_whatever_its_name(tmp_path):
    from limber.products import write_pdf

    deck = build_deck_pages(CAT, [], DeckOptions(), everything=True)
    pages = write_pdf(tmp_path / "a.pdf", deck.pages(), deck.meta)
    listed, meta = deck_pages(CAT, [], DeckOptions(), everything=True)
    assert pages == len(listed)
    write_pdf(tmp_path / "other name.pdf", listed, meta)
    assert (
        (tmp_path / "a.pdf").read_bytes()
        == (tmp_path / "other name.pdf").read_bytes()
        == render(listed, meta)
    )
    assert sorted(os.listdir(tmp_path)) == ["a.pdf", "other name.pdf"]
