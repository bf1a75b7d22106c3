"""A small club run end to end: files, names on routine cards, the combined file, bad rows."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import numpy as np
import pypdfium2
import pytest
from pdf_read import page_text, titles

from limber.clubs import COMBINED, ClubOptions, file_names, run_club
from limber.errors import DataError, FitError

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def texts(path: Path) -> list[str]:
    document = pypdfium2.PdfDocument(str(path))
    out = [page_text(document[i]) for i in range(len(document))]
    document.close()
    return out


def pixels(path: Path, index: int) -> np.ndarray:
    document = pypdfium2.PdfDocument(str(path))
    image = np.asarray(document[index].render(scale=0.5).to_pil())
    document.close()
    return image


def same_look(a, b) -> bool:
    """The same pixels, but for anti-aliasing: a form drawn at a page's offset may round an
    edge pixel one grey level differently from the same path drawn on the page."""
    return a.shape == b.shape and int(np.abs(a.astype(int) - b.astype(int)).max()) <= 2


def test_file_names_are_safe_unique_and_never_the_combined_file():
    names = [
        "Ana López",
        "ana lopez",
        "ANA LÓPEZ",
        "王芳",
        "con",
        "All Members",
        "../../etc/passwd",
        "x" * 200,
        "",
        "Søren Ørsted",
        "Анна Петрова",
        "Ελένη Παππά",
        "김민준",
        "COM1",
        "lpt9.txt",
        "Anna Petrova",
        "\u0301\u0301",
    ]
    assert file_names(names) == [
        "ana-lopez.pdf",
        "ana-lopez-2.pdf",
        "ana-lopez-3.pdf",
        "wang-fang.pdf",
        "con-member.pdf",
        "all-members-2.pdf",
        "etc-passwd.pdf",
        "x" * 60 + ".pdf",
        "member-9.pdf",
        "soren-orsted.pdf",
        "anna-petrova.pdf",
        "eleni-pappa.pdf",
        "gim-min-jun.pdf",
        "com1-member.pdf",
        "lpt9-txt.pdf",
        "anna-petrova-2.pdf",
        "member-17.pdf",
    ]


@pytest.fixture(scope="module")
def club_run(tmp_path_factory):
    """The example roster with one bad row added, run through the command line."""
    from conftest import invoke_cli

    folder = tmp_path_factory.mktemp("club")
    for name in ("club.yaml", "club-logo.svg", "easy-hips.yaml"):
        shutil.copy(EXAMPLES / name, folder / name)
    text = (EXAMPLES / "club-roster.csv").read_text(encoding="utf-8")
    (folder / "roster.csv").write_text(text + "Gus Bad,Group A,post-run-mobilty,,,,,\n", encoding="utf-8")
    out = folder / "out"
    result = invoke_cli(["club", folder / "roster.csv", "-o", out, "--club", folder / "club.yaml"])
    return folder, out, result


def test_every_good_member_gets_a_file_and_the_bad_row_is_named(club_run):
    folder, out, result = club_run
    assert result.exit_code == DataError.exit_code, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [
            COMBINED,
            "ana-lopez.pdf",
            "ana-lopez-2.pdf",
            "ben-okafor.pdf",
            "chloe-martin.pdf",
            "dev-patel.pdf",
            "eitan-levi.pdf",
            "fatima-zahra.pdf",
            "o-brien-siobhan.pdf",
        ]
    )
    assert (
        f"{folder / 'roster.csv'}:10:3: routines: unknown routine 'post-run-mobilty' (did you mean "
        "post-run-mobility" in result.stderr
    )
    summary = re.search(
        r"wrote .*all-members.pdf and 8 member files: 8 members, (\d+) cards, (\d+) pages, "
        r"9 files, ([\d,]+) bytes, [\d.]+ s",
        result.stdout,
    )
    assert summary, result.stdout
    sizes = sum(p.stat().st_size for p in out.iterdir())
    assert int(summary.group(3).replace(",", "")) == sizes
    # the pages of every file written, and the cards of every member (as each separator says)
    assert int(summary.group(2)) == sum(len(texts(p)) for p in out.iterdir())
    follow = [
        int(n) for n in re.findall(r"(\d+) cards? on \d+ sheets? follow", "".join(texts(out / COMBINED)))
    ]
    assert len(follow) == 8 and int(summary.group(1)) == sum(follow)
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporary files left
    assert "members" not in result.stderr  # no progress bar when the output is not a terminal


def test_names_and_groups_are_on_the_routine_cards(club_run):
    _, out, _ = club_run
    first_sheet = texts(out / "ana-lopez.pdf")[0]
    assert first_sheet.count("Ana López, Group A (5:00/km)") == 2  # two routine cards
    assert "Group C (6:00/km)" in texts(out / "ana-lopez-2.pdf")[0]
    built = texts(out / "chloe-martin.pdf")[0]
    assert "5-min post-run: hips" in built and "Chloé Martin, Group B (5:30/km)" in built
    assert "Easy hips after a run" in texts(out / "dev-patel.pdf")[0]


def test_the_combined_file_has_a_separator_and_the_same_pages_for_each_member(club_run):
    _, out, _ = club_run
    combined = texts(out / COMBINED)
    order = [
        "ana-lopez",
        "ben-okafor",
        "chloe-martin",
        "dev-patel",
        "ana-lopez-2",
        "eitan-levi",
        "fatima-zahra",
        "o-brien-siobhan",
    ]
    counts = [len(texts(out / f"{name}.pdf")) for name in order]
    assert len(combined) == sum(2 + n for n in counts)  # separator and its blank back, then the cards
    index = 0
    names = [
        "Ana López",
        "Ben Okafor",
        "Chloé Martin",
        "Dev Patel",
        "Ana López",
        "Eitan Levi",
        "Fatima Zahra",
        "O'Brien, Siobhán",
    ]
    for name, file, n in zip(names, order, counts):
        assert combined[index].startswith("Riverside Runners") and name in combined[index], combined[index]
        assert combined[index + 1] == ""
        if file in ("ben-okafor", "dev-patel"):  # drawn from shared forms; must look the same
            for page in range(n):
                assert same_look(pixels(out / COMBINED, index + 2 + page), pixels(out / f"{file}.pdf", page))
        index += 2 + n


def test_identical_cards_are_stored_once_in_the_combined_file(tmp_path):
    roster = tmp_path / "roster.csv"
    rows = "".join(
        f"Runner {n},Group {n % 3},post-run-mobility;full-warm-up-and-stretch\n" for n in range(12)
    )
    roster.write_text("name,group,routines\n" + rows, encoding="utf-8")
    summary, problems = run_club(roster, tmp_path / "out", ClubOptions())
    assert problems is None and summary.members == 12 and summary.files == 13
    member = (tmp_path / "out" / "runner-0.pdf").stat().st_size
    combined = summary.combined.stat().st_size
    assert combined < 0.3 * 12 * member, (combined, member)
    own = len(texts(tmp_path / "out" / "runner-5.pdf"))
    start = 5 * (2 + own) + 2
    for page in range(own):
        assert same_look(
            pixels(summary.combined, start + page), pixels(tmp_path / "out" / "runner-5.pdf", page)
        )


def test_two_jobs_give_the_same_files_as_one(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "name,routines,minutes,focus\nA,low-back-release,,\nB,,5,calves\nC,post-run-stretches,,\n",
        encoding="utf-8",
    )
    one, _ = run_club(roster, tmp_path / "one", ClubOptions(jobs=1))
    two, _ = run_club(roster, tmp_path / "two", ClubOptions(jobs=2))
    for path in sorted((tmp_path / "one").iterdir()):
        assert path.read_bytes() == (tmp_path / "two" / path.name).read_bytes(), path.name
    assert (one.members, one.cards, one.pages, one.bytes) == (two.members, two.cards, two.pages, two.bytes)


def test_a_roster_with_no_good_row_writes_nothing(tmp_path, run):
    roster = tmp_path / "roster.csv"
    roster.write_text("name,minutes\n,5\nBo,0\n", encoding="utf-8")
    result = run("club", roster, "-o", tmp_path / "out", expect=DataError.exit_code)
    assert f"{roster}:2:1: name: the name is empty" in result.output
    assert f"{roster}:3:2: minutes: expected a positive number" in result.output
    assert not (tmp_path / "out").exists()


def test_a_member_whose_routine_cannot_be_built_is_named(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("name,minutes,focus,phase\nAl,5,shoulders,warm-up\nBea,5,,post-run\n", encoding="utf-8")
    summary, problems = run_club(roster, tmp_path / "out", ClubOptions())
    assert summary.members == 1 and problems.exit_code == DataError.exit_code
    assert [str(p) for p in problems.problems] == [
        f"{roster}:2:2: minutes: cannot build a routine: no exercise for shoulders fits this request (5 min, "
        f"warm-up, focus shoulders, level basic, equipment none); try --equipment chin-up-bar or --equipment "
        f"wall or --level advanced"
    ]


def test_the_qr_codes_carry_the_clubs_own_video_links(club_run):
    import zxingcpp

    _, out, _ = club_run
    document = pypdfium2.PdfDocument(str(out / "ana-lopez.pdf"))
    image = document[1].render(scale=200 / 72, grayscale=True).to_pil()  # the backs of the first sheet
    found = {r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode}
    document.close()
    assert (
        "https://www.youtube.com/results?search_query=post+run+mobility+routine" in found
    )  # the club's link
    assert (
        "https://www.youtube.com/results?search_query=riverside+runners+Walking+knee+hug+exercise" in found
    )  # the club's template


def test_the_separator_sheet_names_the_member_large_inside_the_margins():
    from limber.boxes import Image, TextBox
    from limber.catalogue.club import load_club
    from limber.catalogue.load import load_catalogue
    from limber.layout.separator import MARGIN, Separator, separator_pages
    from limber.theme import load_theme

    brand, _ = load_club(EXAMPLES / "club.yaml", load_catalogue())
    sep = Separator(
        "Maximiliana Alexandrina von Hohenzollern-Sigmaringen",
        "Group A",
        ("Post-run mobility (4 min)",),
        15,
        2,
        back=True,
    )
    front, back = separator_pages(sep, (210.0, 297.0), load_theme(), brand)
    assert back.items == () and front.bookmarks == (sep.name,)
    boxes = {b.field: b for b in front.items if isinstance(b, TextBox)}
    name = boxes["name"]
    assert " ".join(r.text for r in name.runs) == sep.name and min(r.size for r in name.runs) >= 16
    for box in boxes.values():
        assert MARGIN <= box.x and box.x + box.w <= 210 - MARGIN + 1e-6 and box.y >= MARGIN - 1e-6
    [logo] = [b for b in front.items if isinstance(b, Image)]
    assert logo.w / logo.h == pytest.approx(brand.logo_aspect) and logo.x + logo.w <= 210 - MARGIN + 1e-6
    assert "fronts only" in " ".join(
        r.text
        for r in separator_pages(Separator("A", "", (), 1, 1, back=False), (210.0, 297.0), load_theme())[0]
        .items[-1]
        .runs
    )


def test_an_ink_saver_separator_has_no_solid_fill():
    from limber.boxes import Rect
    from limber.layout.separator import Separator, separator_pages
    from limber.theme import load_theme

    front, _ = separator_pages(Separator("A", "", (), 1, 1, True), (210.0, 297.0), load_theme("ink-saver"))
    assert not [b for b in front.items if isinstance(b, Rect) and b.fill]


def test_routine_warnings_are_printed_once_and_strict_leaves_the_member_out(tmp_path, run):
    (tmp_path / "one-sided.yaml").write_text(
        "routines:\n  - id: one-sided\n    title: One-sided\n    phase: post-run\n    summary: S.\n"
        "    items:\n      - exercise: seated-hamstring-stretch\n",
        encoding="utf-8",
    )
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "name,routines\nAl,one-sided.yaml\nBo,one-sided.yaml\nCy,low-back-release\n", encoding="utf-8"
    )
    result = run("club", roster, "-o", tmp_path / "out")
    assert result.stderr.count("warning: ") == 1
    assert (
        "routine one-sided, item 1 (seated-hamstring-stretch): Seated hamstring stretch is usually balanced"
        in result.stderr
    )
    assert (tmp_path / "out" / "al.pdf").exists()
    result = run("club", roster, "-o", tmp_path / "strict", "--strict", expect=DataError.exit_code)
    assert f"{roster}:2:2: routines: routine one-sided has warnings (--strict)" in result.stderr
    assert sorted(p.name for p in (tmp_path / "strict").iterdir()) == [COMBINED, "cy.pdf"]


@pytest.mark.parametrize("logo", ["club-logo.svg", "logo.png"])
def test_the_logo_is_drawn_as_vector_when_svg_and_as_an_image_when_png(tmp_path, logo):
    from PIL import Image as PILImage
    from pypdfium2 import raw

    shutil.copy(EXAMPLES / "club-logo.svg", tmp_path / "club-logo.svg")
    PILImage.new("RGB", (60, 30), "#f2a541").save(tmp_path / "logo.png")
    (tmp_path / "club.yaml").write_text(f"name: Hill Harriers\nlogo: {logo}\n", encoding="utf-8")
    roster = tmp_path / "roster.csv"
    roster.write_text("name,routines\nAl,low-back-release\n", encoding="utf-8")
    summary, _ = run_club(roster, tmp_path / "out", ClubOptions(duplex="off"), str(tmp_path / "club.yaml"))
    document = pypdfium2.PdfDocument(str(summary.combined))
    kinds = {obj.type for obj in document[0].get_objects(max_depth=4)}
    document.close()
    assert (raw.FPDF_PAGEOBJ_IMAGE in kinds) == logo.endswith(".png")
    assert raw.FPDF_PAGEOBJ_PATH in kinds


def test_the_combined_files_bookmarks_are_the_members(club_run):
    _, out, _ = club_run
    document = pypdfium2.PdfDocument(str(out / COMBINED))
    bookmarks = titles(document)
    document.close()
    assert bookmarks == [
        "Ana López",
        "Ben Okafor",
        "Chloé Martin",
        "Dev Patel",
        "Ana López",
        "Eitan Levi",
        "Fatima Zahra",
        "O'Brien, Siobhán",
    ]


def test_a_file_that_is_not_a_pdf_is_never_replaced(tmp_path, run):
    from limber.errors import OutputError

    roster = tmp_path / "roster.csv"
    roster.write_text("name,routines\nAl,low-back-release\nBo,low-back-release\n", encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "bo.pdf").write_text("not a pdf", encoding="utf-8")
    result = run("club", roster, "-o", tmp_path / "out", expect=OutputError.exit_code)
    assert "refusing to replace" in result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["bo.pdf"]  # nothing written
    run("club", roster, "-o", tmp_path / "out", "--force")
    assert (tmp_path / "out" / "bo.pdf").read_bytes().startswith(b"%PDF-")


def test_a_club_video_template_too_long_for_a_cards_qr_code_is_refused_at_its_line(tmp_path):
    from limber.catalogue.club import load_club
    from limber.catalogue.load import load_catalogue

    base = "https://videos.example.org/" + "x" * 90 + "?q={query}"
    club = tmp_path / "club.yaml"
    club.write_text(f'name: Long Links\nvideo_template: "{base}"\n', encoding="utf-8")
    catalogue = load_catalogue()
    longest = max(
        len(base.replace("{query}", q))
        for q in [
            *(re.sub(" ", "+", f"{ex.name} exercise") for ex in catalogue.exercises.values()),
            *(re.sub(" ", "+", r.title) for r in catalogue.routines.values()),
        ]
    )
    assert longest > 152  # the template itself fits; the links it makes for the longest names do not
    with pytest.raises(DataError) as info:
        load_club(club, catalogue)
    [problem] = info.value.problems
    assert (problem.line, problem.column, problem.field) == (2, 17, "video_template")
    assert re.fullmatch(
        r"the link it makes for '.+' is (\d+) bytes; a card's QR code holds at most 152: "
        r"shorten the template, or give that item its own link under videos:",
        problem.message,
    )
    club.write_text(
        f'name: Short Links\nvideo_template: "{base.replace("x" * 90, "x" * 10)}"\n', encoding="utf-8"
    )
    assert load_club(club, catalogue)[1].video_template.startswith("https://videos.example.org/xxxxxxxxxx?q=")


def _leaves(items):
    from limber.boxes import Group

    for box in items:
        if isinstance(box, Group):
            yield from _leaves(box.items)
        else:
            yield box


def _ink(box) -> tuple[float, float, float, float]:
    """The extent (x0, y0, x1, y1) in mm of what a text box or image draws."""
    from limber.boxes import Image
    from limber.layout.text import width

    if isinstance(box, Image):
        return box.x, box.y, box.x + box.w, box.y + box.h
    size = [r.size * 25.4 / 72 for r in box.runs]
    return (
        min(r.x for r in box.runs),
        min(r.y - 0.25 * s for r, s in zip(box.runs, size)),
        max(r.x + width(r.text, r.font, r.size) for r in box.runs),
        max(r.y + 0.75 * s for r, s in zip(box.runs, size)),
    )


@pytest.mark.parametrize("size", ["credit", "poker", "a7", "a6"])
@pytest.mark.parametrize(
    "member", ["Al", "Ana López, Group A (5:00/km)", "Maximiliana Alexandrina von Hohenzollern, Walkers"]
)
def test_the_club_name_and_logo_are_on_each_routine_cards_front_inside_the_safe_zone(size, member):
    """Beside the member's name, under it, or at the foot beside 'continue on the back': in the
    safe zone, clear of every other text on the front, legible (the small role's size at least),
    and with the logo but at the foot."""
    from limber.boxes import Image, TextBox
    from limber.catalogue.club import load_club
    from limber.catalogue.load import load_catalogue
    from limber.catalogue.roster import Member
    from limber.clubs import _Decks
    from limber.plan.club import MemberPlan

    brand, catalogue = load_club(EXAMPLES / "club.yaml", load_catalogue())
    decks = _Decks(catalogue, ClubOptions(size=size), brand)
    small = decks.ctx.role("small")[1]
    safe, w, h = decks.ctx.safe, decks.ctx.w, decks.ctx.h
    printed = 0
    for routine in catalogue.routines.values():
        plan = MemberPlan(Member(2, member), (routine,))
        try:
            [card] = [c for c in decks.cards(plan) if c.key == routine.id]
        except FitError:  # then it does not fit that card even without the club: a larger --size
            with pytest.raises(FitError):
                list(_Decks(catalogue, ClubOptions(size=size), None).cards(plan))
            continue
        front = list(_leaves(card.front.items))
        [club] = [b for b in front if isinstance(b, TextBox) and b.field == "club"]
        assert " ".join(r.text for r in club.runs) == "Riverside Runners"
        assert min(r.size for r in club.runs) >= small
        marks = [club, *(b for b in front if isinstance(b, Image))]
        at_foot = club.y < safe + 1.0  # beside 'continue on the back', where the logo may not fit
        assert len(marks) == 2 or at_foot, (routine.id, "the logo goes with the name")
        others = [b for b in front if isinstance(b, TextBox) and b.field != "club"]
        for mark in marks:
            x0, y0, x1, y1 = _ink(mark)
            assert safe - 1e-6 <= x0 and x1 <= w - safe + 1e-6 and safe - 1e-6 <= y0 and y1 <= h - safe + 1e-6
            for other in others:
                a0, b0, a1, b1 = _ink(other)
                assert x1 <= a0 or a1 <= x0 or y1 <= b0 or b1 <= y0, (routine.id, mark, other.field)
        printed += 1
    assert printed >= len(catalogue.routines) - 1
