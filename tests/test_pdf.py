"""Rendered PDFs: page sizes, boxes, fonts, metadata, bookmarks, links, QR codes that decode,
determinism and atomic writes. Pages are rendered with pypdfium2; QR codes read with zxing-cpp."""

import os
import re

import pypdfium2
import pytest
import zxingcpp
from pdf_read import titles

from limber.catalogue.load import load_catalogue
from limber.errors import FitError
from limber.layout.units import mm
from limber.products import DeckOptions, card_pages, deck_pages, resolve_targets, write_pdf
from limber.render.pdf import render

CAT = load_catalogue()


def deck_pdf(targets, everything=False, **options) -> bytes:
    cat, found = resolve_targets(CAT, targets, [])
    pages, meta = deck_pages(cat, found, DeckOptions(**options), everything=everything)
    return render(pages, meta)


def decode_pages(data: bytes, dpi: int = 150) -> list[set[str]]:
    doc = pypdfium2.PdfDocument(data)
    found = []
    for page in doc:
        image = page.render(scale=dpi / 72, grayscale=True).to_pil()
        found.append(
            {r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode}
        )
    return found


@pytest.fixture(scope="module")
def catalogue_deck() -> bytes:
    return deck_pdf([], everything=True)


@pytest.mark.parametrize("dpi", [150, 80])
def test_every_qr_code_of_the_whole_catalogue_decodes_to_its_url(catalogue_deck, dpi):
    """Modules of 0.5 mm or more: every code reads even from a page rendered at 80 dpi."""
    pages = decode_pages(catalogue_deck, dpi)
    expected = {CAT.video_url(ex) for ex in CAT.exercises.values()}
    assert set().union(*pages) == expected
    backs = pages[1::2]
    assert sum(len(found) for found in backs) == len(CAT.exercises)  # one distinct code per card


def test_routine_card_qr_decodes_to_the_routine_link():
    for routine in CAT.routines.values():
        pages, meta = card_pages(CAT, routine)
        assert decode_pages(render(pages, meta)) == [set(), {CAT.video_url(routine)}]


def test_qr_codes_are_one_vector_path_each_and_clickable(catalogue_deck):
    doc = pypdfium2.PdfDocument(catalogue_deck)
    back = doc[1]
    images = [o for o in back.get_objects() if o.type == pypdfium2.raw.FPDF_PAGEOBJ_IMAGE]
    assert images == []
    assert b"/URI" in catalogue_deck
    uris = set(re.findall(rb"/URI \((https?://[^)]*)\)", catalogue_deck))
    assert {u.decode() for u in uris} >= {CAT.video_url(ex) for ex in CAT.exercises.values()}


@pytest.mark.parametrize("sheet, size", [("a4", (210, 297)), ("letter", (215.9, 279.4))])
def test_sheet_page_sizes(sheet, size):
    doc = pypdfium2.PdfDocument(deck_pdf(["post-run-mobility"], sheet=sheet))
    for page in doc:  # upright or turned, whichever holds more cards
        w, h = sorted(mm(v) for v in page.get_size())
        assert w == pytest.approx(size[0], abs=0.1) and h == pytest.approx(size[1], abs=0.1)


@pytest.mark.parametrize(
    "size, trim",
    [("poker", (63.5, 88.9)), ("credit", (85.6, 53.98)), ("bridge", (57.15, 88.9)), ("a7", (74, 105))],
)
def test_print_shop_pages_have_trim_and_bleed_boxes(size, trim):
    doc = pypdfium2.PdfDocument(deck_pdf(["walking-knee-hug"], sheet="none", size=size))
    assert len(doc) == 2
    for page in doc:
        w, h = (mm(v) for v in page.get_size())
        assert (w, h) == pytest.approx((trim[0] + 6, trim[1] + 6), abs=0.1)
        x0, y0, x1, y1 = (mm(v) for v in page.get_trimbox())
        assert (x0, y0, x1 - x0, y1 - y0) == pytest.approx((3, 3, *trim), abs=0.1)
        bx0, by0, bx1, by1 = (mm(v) for v in page.get_bleedbox())
        assert (bx0, by0, bx1, by1) == pytest.approx((0, 0, trim[0] + 6, trim[1] + 6), abs=0.1)


def test_fonts_are_embedded_subsets_and_no_base14_font_appears(catalogue_deck):
    data = catalogue_deck
    assert b"/FontFile2" in data
    base_fonts = set(re.findall(rb"/BaseFont /([A-Za-z0-9+_-]+)", data))
    assert base_fonts and all(re.match(rb"^[A-Z]{6}\+", f) for f in base_fonts), base_fonts
    assert b"Helvetica" not in data and b"Times" not in data and b"Courier" not in data


def test_metadata_and_one_bookmark_per_card():
    data = deck_pdf(["post-run-mobility"])
    doc = pypdfium2.PdfDocument(data)
    meta = doc.get_metadata_dict()
    assert meta["Title"] == "limber deck: Post-run mobility"
    assert meta["Author"] == "limber" and "cards" in meta["Subject"] and "running" in meta["Keywords"]
    assert titles(doc) == [
        "Post-run mobility",
        "Walking knee hug",
        "Walking quad pull",
        "Walking figure 4",
        "Walking straight-leg kick",
        "Sideways hip swing",
        "Forward hip swing",
    ]


def test_output_is_byte_identical_across_runs(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert deck_pdf(["post-run-mobility"]) == deck_pdf(["post-run-mobility"])
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert deck_pdf(["low-back-release"], sheet="none") == deck_pdf(["low-back-release"], sheet="none")


def test_a_failed_write_leaves_the_old_file_untouched_and_nothing_behind(tmp_path):
    target = tmp_path / "deck.pdf"
    target.write_bytes(b"the old deck")
    from conftest import long_routine_yaml

    source = tmp_path / "long.yaml"
    source.write_text(long_routine_yaml(list(CAT.exercises)[:30]), encoding="utf-8")
    cat = load_catalogue([source])
    with pytest.raises(FitError):
        pages, meta = card_pages(cat, cat.routines["every-move"], size="credit")
        write_pdf(target, pages, meta)
    assert target.read_bytes() == b"the old deck"
    assert sorted(os.listdir(tmp_path)) == ["deck.pdf", "long.yaml"]


def test_write_replaces_only_when_complete(tmp_path):
    target = tmp_path / "card.pdf"
    pages, meta = card_pages(CAT, CAT.exercises["ankle-bounce"])
    write_pdf(target, pages, meta)
    assert target.read_bytes().startswith(b"%PDF-") and target.read_bytes().rstrip().endswith(b"%%EOF")
    assert sorted(os.listdir(tmp_path)) == ["card.pdf"]


def test_duplex_back_pixels_sit_behind_their_fronts():
    """Render front and back; the long-edge mirror of each back's colour band lines up with the front's."""
    doc = pypdfium2.PdfDocument(
        deck_pdf(["walking-knee-hug", "ankle-bounce"], sheet="a4", duplex="long", size="bridge")
    )  # bridge cards sit on an upright A4 sheet
    front = doc[0].render(scale=50 / 25.4 / 72 * 25.4).to_pil().convert("RGB")
    back = doc[1].render(scale=50 / 25.4 / 72 * 25.4).to_pil().convert("RGB")
    mirrored = back.transpose(0)  # FLIP_LEFT_RIGHT: what shows through from behind
    px_per_mm = front.width / 210

    def band_columns(image, row_mm):
        y = int(row_mm * px_per_mm)
        return [x for x in range(image.width) if sum(image.getpixel((x, y))) < 500]

    # Sample 2 mm below the top trim of the first row of cards, inside both colour bands.
    from limber.layout.sheet import impose

    grid = impose(57.15, 88.9, 210, 297, 3)
    row_mm = 297 - (grid.y0 + grid.grid_h) + 2
    f, b = band_columns(front, row_mm), band_columns(mirrored, row_mm)
    assert f and b
    assert abs(min(f) - min(b)) <= 2 and abs(max(f) - max(b)) <= 2
