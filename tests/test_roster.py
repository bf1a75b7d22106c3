"""Reading a club roster and a club's branding file: every bad row named by file, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from limber.catalogue.club import load_club
from limber.catalogue.load import load_catalogue
from limber.catalogue.model import Level, Phase
from limber.catalogue.roster import read_roster
from limber.errors import DataError

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def roster(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "roster.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_good_rows_become_members_in_roster_order(tmp_path):
    path = roster(
        tmp_path,
        "name,group,routines,minutes,focus,level,phase,equipment\n"
        "Ana López,Group A,post-run-mobility; low-back-release,,,,,\n"
        "\n"
        '"O\'Brien, Siobhán",,,7.5,hips;Calves,advanced,warm-up,wall;mat\n',
    )
    found = read_roster(path)
    assert found.problems == []
    ana, siobhan = found.members
    assert (ana.line, ana.name, ana.group, ana.routines) == (
        2,
        "Ana López",
        "Group A",
        ("post-run-mobility", "low-back-release"),
    )
    assert ana.label == "Ana López, Group A"
    assert (siobhan.line, siobhan.name, siobhan.minutes, siobhan.focus) == (
        4,
        "O'Brien, Siobhán",
        7.5,
        ("hips", "calves"),
    )
    assert (siobhan.level, siobhan.phase, siobhan.equipment) == (
        Level.advanced,
        Phase.warm_up,
        ("wall", "mat"),
    )
    assert siobhan.label == "O'Brien, Siobhán"


def test_each_bad_row_is_reported_with_line_and_column_and_the_rest_kept(tmp_path):
    path = roster(
        tmp_path,
        "name,routines,minutes,focus\n"
        ",post-run-mobility,,\n"
        "Ben,,-3,\n"
        "Cleo,,ten,\n"
        "Dev,,5,elbows\n"
        "Eve,,,\n"
        "Fay,post-run-stretches,,\n",
    )
    found = read_roster(path)
    assert [m.name for m in found.members] == ["Fay"]
    assert [str(p) for p in found.problems] == [
        f"{path}:2:1: name: the name is empty",
        f"{path}:3:3: minutes: expected a positive number of minutes (at most 120), found '-3'",
        f"{path}:4:3: minutes: expected a positive number of minutes (at most 120), found 'ten'",
        f"{path}:5:4: focus: unknown focus area 'elbows'; choose from "
        + ", ".join(
            sorted(
                [
                    "back",
                    "lower-back",
                    "hips",
                    "hip-flexors",
                    "glutes",
                    "hamstrings",
                    "quads",
                    "inner-thighs",
                    "outer-thighs",
                    "calves",
                    "knees",
                    "ankles",
                    "feet",
                    "core",
                    "spine",
                    "shoulders",
                    "upper-back",
                    "chest",
                    "neck",
                    "breathing",
                ]
            )
        ),
        f"{path}:6:2: routines: give routines (ids or files, separated by ';'), or minutes to build one",
    ]


def test_a_header_without_name_or_with_an_unknown_column_stops_the_run(tmp_path):
    with pytest.raises(DataError) as caught:
        read_roster(roster(tmp_path, "member,routines\nAna,post-run-mobility\n"))
    assert [str(p).split("roster.csv:")[1] for p in caught.value.problems] == [
        "1:1: header: unknown column 'member'; the columns are name, group, routines, minutes, "
        "focus, level, phase, equipment (only name is required; each at most once)",
        "1: header: no 'name' column; the columns are name, group, routines, minutes, "
        "focus, level, phase, equipment (only name is required; each at most once)",
    ]
    with pytest.raises(DataError) as caught:
        read_roster(roster(tmp_path, ""))
    assert "the roster is empty" in str(caught.value)
    with pytest.raises(DataError) as caught:
        read_roster(tmp_path / "missing.csv")
    assert str(caught.value.problems[0]) == f"{tmp_path / 'missing.csv'}: file not found"


def test_a_repeated_unnamed_or_misspelt_column_is_refused_at_its_column(tmp_path):
    with pytest.raises(DataError) as caught:
        read_roster(roster(tmp_path, "name,Routine,NAME,,grup\nAna,post-run-mobility,Ana,,\n"))
    assert [(p.line, p.column, p.field) for p in caught.value.problems] == [
        (1, c, "header") for c in (2, 3, 4, 5)
    ]
    messages = [p.message for p in caught.value.problems]
    assert messages[0].startswith("unknown column 'routine' (did you mean routines")
    assert messages[1] == "the column 'name' is repeated (first at column 1); give it once"
    assert messages[2] == "column 4 has no name; name it or remove it"
    assert messages[3].startswith("unknown column 'grup' (did you mean group?); the columns are name,")
    # the same columns in another order and case are fine
    found = read_roster(roster(tmp_path, "Routines,NAME\npost-run-mobility,Ana\n"))
    assert [(m.name, m.routines) for m in found.members] == [("Ana", ("post-run-mobility",))]


def test_a_line_separator_in_a_cell_neither_splits_the_row_nor_passes(tmp_path):
    """U+2028 and the other characters Python's splitlines breaks at (U+0085, form feed, U+001C)
    are not CSV line breaks: the row stays whole, is refused at its cell, and the lines of the
    rows after it stay right; a line break in a quoted cell is the CSV's own."""
    path = roster(
        tmp_path,
        "name,group,routines\n"
        "Ana\u2028Lopez,A,low-back-release\n"
        "Bo,B\x85,low-back-release\n"
        '"Cy\nDee",C,low-back-release\n'
        "Ed,\x0cE,nope\n"
        "Fay,F,low-back-release\n",
    )
    found = read_roster(path)
    assert [(m.line, m.name) for m in found.members] == [(4, "Cy Dee"), (7, "Fay")]
    assert [str(p).split("roster.csv:")[1] for p in found.problems] == [
        "2:1: name: contains the invisible or control character U+2028 (LINE SEPARATOR); remove it",
        "3:2: group: contains the invisible or control character U+0085 (a control character); remove it",
        "6:2: group: contains the invisible or control character U+000C (a control character); remove it",
    ]


def test_a_row_with_too_many_cells_is_named(tmp_path):
    found = read_roster(roster(tmp_path, "name,routines\nAna,post-run-mobility,extra\nBo,low-back-release\n"))
    assert [m.name for m in found.members] == ["Bo"]
    assert str(found.problems[0]).endswith("roster.csv:2: 3 cells but the header names 2 columns")


def test_the_example_club_file_loads_and_lays_its_videos_over_the_catalogue():
    cat = load_catalogue()
    brand, branded = load_club(EXAMPLES / "club.yaml", cat)
    assert brand.name == "Riverside Runners" and brand.band == "#0b6e4f"
    assert brand.logo.endswith("club-logo.svg") and brand.logo_aspect == pytest.approx(1.5)
    assert branded.video_url(branded.routines["post-run-mobility"]).endswith("post+run+mobility+routine")
    assert "riverside+runners" in branded.video_url(branded.exercises["back-twist"])


@pytest.mark.parametrize(
    "body,message",
    [
        (
            "name: X\ncolors: {band: '#eeeeee'}\n",
            "club.yaml:2:9: colors: band_text #ffffff on band #eeeeee has a contrast of 1.2:1; text needs at least 4.5:1",
        ),
        (
            "name: X\nlogo: logo.gif\n",
            "club.yaml:2:7: logo: the logo must be a .png or .svg file, found 'logo.gif'",
        ),
        ("name: X\nlogo: none.svg\n", "club.yaml:2:7: logo: file not found: "),
        (
            "name: X\nvideos: {back-twsit: 'https://example.org/v'}\n",
            "club.yaml:2:10: videos.back-twsit: no exercise or routine has the id 'back-twsit' (did you mean back-twist",
        ),
        (
            "name: X\nvideo_template: 'https://example.org/v'\n",
            "club.yaml:2:17: video_template: a video_template must contain {query}",
        ),
        ("name: X\ncolour: red\n", "club.yaml:2:1: colour: unknown key"),
        ("name: '   '\n", "club.yaml:1:7: name: must not be blank"),
        ("colors: {band: '#0b6e4f'}\nname:   \t\n", "club.yaml:2:"),
        (
            'name: "Hill\\u200bHarriers"\n',
            "club.yaml:1:7: name: contains the invisible or control character U+200B",
        ),
    ],
)
def test_bad_club_files_are_reported_with_line_and_field(tmp_path, body, message):
    path = tmp_path / "club.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_club(path, load_catalogue())
    assert message in str(caught.value)


def test_an_unreadable_logo_is_reported(tmp_path):
    (tmp_path / "logo.png").write_bytes(b"not a png")
    (tmp_path / "club.yaml").write_text("name: X\nlogo: logo.png\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_club(tmp_path / "club.yaml", load_catalogue())
    assert "club.yaml:2:7: logo: cannot read the PNG logo logo.png" in str(caught.value)


CELLS = [
    "",
    "Ana",
    "Bo Li",
    "post-run-mobility",
    "a;b",
    "5",
    "-1",
    "abc",
    "hips",
    "hips;elbows",
    "advanced",
    "warm-up",
    "wall;mat",
    '"quoted, cell"',
    "é",
    " ",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    header=st.lists(
        st.sampled_from(
            ["name", "group", "routines", "minutes", "focus", "level", "phase", "equipment", "extra"]
        ),
        min_size=1,
        max_size=5,
        unique=True,
    ),
    rows=st.lists(st.lists(st.sampled_from(CELLS), max_size=6), max_size=6),
)
def test_any_roster_gives_members_and_row_problems_or_one_clear_error(tmp_path, header, rows):
    path = tmp_path / "fuzz.csv"
    path.write_text("\n".join([",".join(header), *(",".join(r) for r in rows)]) + "\n", encoding="utf-8")
    try:
        found = read_roster(path)
    except DataError as error:
        assert all(p.file == str(path) for p in error.problems) and str(error)
        return
    lines = {m.line for m in found.members} | {p.line for p in found.problems}
    assert all(2 <= line <= len(rows) + 1 for line in lines)
    assert all(m.name and (m.routines or m.minutes) for m in found.members)
    assert all(p.file == str(path) and p.line for p in found.problems)


def test_malformed_csv_is_named_by_line_and_the_rows_before_it_kept(tmp_path):
    found = read_roster(roster(tmp_path, 'name,routines\nAl,low-back-release\n"Bo,low-back-release\nCy,x\n'))
    assert [m.name for m in found.members] == ["Al"]
    assert [str(p) for p in found.problems] == [
        f"{tmp_path / 'roster.csv'}:3: malformed CSV from this line on (unexpected end of data); check its quotes"
    ]
    found = read_roster(roster(tmp_path, 'name,routines\n"' + "x" * 200_000 + '",low-back-release\n'))
    assert found.members == [] and "field larger than field limit" in str(found.problems[0])
