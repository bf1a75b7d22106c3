"""The benchmark's floor program prints the same deck as limber: the same pages, pixel for
pixel, and the same bookmarks, so that the speed ratio against it means something."""

import subprocess
import sys
from pathlib import Path

import numpy
import pypdfium2
from pdf_read import titles

from limber.catalogue.load import load_catalogue
from limber.products import DeckOptions, deck_pages
from limber.render.pdf import render

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"


def pixels(doc, index):
    return numpy.asarray(doc[index].render(scale=72 / 72).to_pil().convert("L"), dtype=int)


def test_the_floor_draws_the_same_pages_as_limber(tmp_path):
    sys.path.insert(0, str(BENCH))
    try:
        import speed
    finally:
        sys.path.remove(str(BENCH))
    deck = tmp_path / "deck.json"
    assert speed.write_floor_input(deck) == 33
    out = tmp_path / "floor.pdf"
    subprocess.run(
        [sys.executable, str(BENCH / "floor.py"), str(deck), str(out), "--copies", "2"], check=True
    )
    floor = pypdfium2.PdfDocument(str(out))
    pages, meta = deck_pages(load_catalogue(), [], DeckOptions(copies=2), everything=True)
    ours = pypdfium2.PdfDocument(render(pages, meta))
    assert len(floor) == len(ours) == 18  # 66 cards, 8 per A4 sheet, fronts and backs
    for index in range(len(ours)):
        assert numpy.count_nonzero(abs(pixels(floor, index) - pixels(ours, index)) > 64) == 0, index
    assert titles(floor) == titles(ours)
