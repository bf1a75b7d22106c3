"""A club's logo cannot reach outside itself, cost more than a logo should, crash limber or
put numbers into the PDF that are not numbers: each case is refused at the club file's
``logo`` line, with exit status 3 and nothing written; and a good logo is parsed once."""

from __future__ import annotations

import base64
import io
import os
import re
import struct
import time
import zlib
from pathlib import Path

import numpy as np
import pypdfium2
import pytest
from hostile_helpers import cli

from limber.catalogue import logo as logo_module
from limber.errors import DataError

OPEN = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    'width="120" height="80" viewBox="0 0 120 80">\n'
)
ROSTER = "name,routines\nAl,low-back-release\n"


def svg(*body: str, head: str = OPEN) -> str:
    """An SVG whose body starts on line 2 (line 1 is the <svg> element)."""
    return head + "\n".join(body) + "\n</svg>\n"


def club_files(folder: Path, name: str, content: str | bytes | None, band: str | None = None):
    """The club file (``logo: name`` on line 2, column 7), the logo and a one-member roster."""
    colors = f'colors: {{band: "{band}"}}\n' if band else ""
    club = folder / "club.yaml"
    club.write_text(f'name: Hill Harriers\nlogo: "{name}"\n{colors}', encoding="utf-8")
    if isinstance(content, str):
        (folder / name).write_text(content, encoding="utf-8")
    elif content is not None:
        (folder / name).write_bytes(content)
    roster = folder / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    return club, roster


def refused(run, folder: Path, name: str, content, expected: str) -> str:
    """Run ``limber club`` with the logo; assert limber's own refusal at the logo line, exit
    3, no traceback and nothing written. ``expected`` is a regular expression."""
    club, roster = club_files(folder, name, content)
    out = folder / "out"
    result = run("club", roster, "-o", out, "--club", club, expect=DataError.exit_code)
    lines = result.stderr.splitlines()
    assert lines[0] == "limber: 1 problem in the input:", result.stderr
    assert lines[1].startswith(f"  {club}:2:7: logo: "), result.stderr
    assert re.search(expected, lines[1]), lines[1]
    assert "Traceback" not in result.output
    assert not out.exists()
    return lines[1]


# --- nothing from outside the SVG ------------------------------------------------------

OUTSIDE = 'an SVG logo may refer only to its own parts \\(href="#id"\\)'


@pytest.mark.parametrize(
    "body, expected",
    [
        (
            '<use href="secret.svg#t"/>',
            f'line 2: <use href="secret.svg#t"> refers outside the logo; {OUTSIDE}',
        ),
        ('<use xlink:href="../secret.svg#t"/>', 'line 2: <use xlink:href="../secret.svg#t"> refers outside'),
        ('<use href="/etc/passwd"/>', 'line 2: <use href="/etc/passwd"> refers outside the logo'),
        ('<use href="data:image/svg+xml;base64,PHN2Zy8+"/>', 'line 2: <use href="data:image/svg\\+xml'),
        ('<a href="https://example.org/"><rect width="5" height="5"/></a>', 'line 2: <a href="https://'),
        ('<linearGradient id="g" href="other.svg#g"/>', 'line 2: <linearGradient href="other.svg#g">'),
        ('<use href=""/>', 'line 2: <use href=""> refers outside the logo'),
        ("<style>use { href: secret.svg }</style>\n<use/>", 'line 3: <use href="secret.svg"> refers outside'),
        ('<rect width="5" height="5" style="href:secret.svg"/>', 'line 2: <rect href="secret.svg">'),
    ],
    ids=[
        "file",
        "xlink-parent",
        "absolute",
        "data-uri",
        "link",
        "gradient",
        "empty",
        "css-href",
        "style-href",
    ],
)
def test_an_href_that_is_not_a_fragment_of_the_logo_is_refused(tmp_path, run, body, expected):
    (tmp_path.parent / "secret.svg").write_text(svg('<text id="t">SECRET</text>'), encoding="utf-8")
    refused(run, tmp_path, "logo.svg", svg(body), "the SVG logo logo.svg, " + expected)


PNG_DATA = base64.b64encode(b"\x89PNG\r\n\x1a\n").decode()


@pytest.mark.parametrize(
    "body, expected",
    [
        ('<image href="pic.png" width="5" height="5"/>', "an <image> element .* use a PNG logo instead"),
        ('<image href="#a" width="5" height="5"/>', "an <image> element .* use a PNG logo instead"),
        (f'<image href="data:image/png;base64,{PNG_DATA}"/>', "an <image> element .* use a PNG logo instead"),
        ('<svg:image xmlns:svg="urn:other" href="#a"/>', "an <image> element"),
        ("<script>alert(1)</script>", "a <script> element is not allowed in a logo"),
        ("<foreignObject><p>hi</p></foreignObject>", "a <foreignObject> element .* is not allowed in a logo"),
        (
            '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/passwd" parse="text"/>',
            "an XInclude .* a logo may not pull in other files",
        ),
    ],
    ids=[
        "image-file",
        "image-fragment",
        "image-data",
        "image-other-namespace",
        "script",
        "foreign",
        "xinclude",
    ],
)
def test_elements_that_draw_what_is_not_in_the_logo_are_refused(tmp_path, run, body, expected):
    (tmp_path / "pic.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    refused(run, tmp_path, "logo.svg", svg(body), "the SVG logo logo.svg, line 2: " + expected)


@pytest.mark.parametrize(
    "body, expected",
    [
        ("<style>@import url(evil.css);</style>", "the <style> sheet: @import pulls in another style sheet"),
        ('<style>@import "evil.css";</style>', "the <style> sheet: @import"),
        (
            "<style>rect { fill: url(other.svg#g) }</style>",
            r"the <style> sheet: url\(other.svg#g\) refers outside",
        ),
        ("<style>@font-face { src: url(/etc/passwd) }</style>", r"url\(/etc/passwd\) refers outside"),
        (
            '<rect width="5" height="5" style="fill:url(other.svg#g)"/>',
            r'style="fill:url\(other.svg#g\)": url',
        ),
        ('<rect width="5" height="5" style="fill:url(\'x.svg#g\')"/>', r"url\(x.svg#g\) refers outside"),
        ('<rect width="5" height="5" style="fill:u\\72l(x.svg#g)"/>', r"url\(x.svg#g\) refers outside"),
        ('<rect width="5" height="5" fill="url(other.svg#g)"/>', r'fill="url\(other.svg#g\)": url\(other'),
        ('<rect width="5" height="5" clip-path="URL(http://x/c)"/>', r"url\(http://x/c\) refers outside"),
        ('<rect width="5" height="5" style="font-family:a:b"/>', "not one name: value pair"),
        ('<rect width="5" height="5" style="fill"/>', "not one name: value pair"),
        ("<style>rect[ { fill: red }</style>", "the <style> sheet cannot be read"),
    ],
    ids=[
        "import-url",
        "import-string",
        "sheet-url",
        "font-face",
        "style-url",
        "style-quoted-url",
        "style-escaped-url",
        "fill-url",
        "clip-url",
        "two-colons",
        "no-colon",
        "bad-selector",
    ],
)
def test_styles_that_reach_outside_or_cannot_be_read_are_refused(tmp_path, run, body, expected):
    refused(run, tmp_path, "logo.svg", svg(body), "the SVG logo logo.svg, line 2: .*" + expected)


LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE svg [\n<!ENTITY a "lollollollollollollollollollol">\n'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">\n' for i in range(9))
    + "]>\n"
)


@pytest.mark.parametrize(
    "text, expected",
    [
        (LAUGHS + svg("<text>&j;</text>"), "line 3: it declares XML entities"),
        (LAUGHS + svg('<rect width="&j;" height="5"/>'), "line 3: it declares XML entities"),
        (
            '<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n' + svg("<text>&x;</text>"),
            "line 1: it declares XML entities",
        ),
        (
            '<!DOCTYPE svg [<!ENTITY % p SYSTEM "http://example.org/x.dtd"> %p;]>\n' + svg(),
            "line 1: it declares XML entities",
        ),
        (
            "<!DOCTYPE svg [<!ELEMENT svg ANY>]>\n" + svg(),
            "line 1: its DOCTYPE declares entities or elements",
        ),
        (
            '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
            + svg("<text>&nbsp;</text>"),
            "line 3: the entity reference &nbsp; \\(limber reads no XML entities",
        ),
        (svg("<text>&foo;</text>"), "line 2: not well-formed XML: Entity 'foo' not defined"),
        (
            svg("<rect>"),
            "line 3: not well-formed XML: Opening and ending tag mismatch: rect line 2 and svg \\(column",
        ),
        ('<html xmlns="http://www.w3.org/1999/xhtml"/>', "line 1: its root element is <.*html>, not <svg>"),
    ],
    ids=[
        "laughs-text",
        "laughs-attribute",
        "external",
        "parameter",
        "elements",
        "undeclared",
        "unknown",
        "broken",
        "html",
    ],
)
def test_entities_dtds_and_broken_xml_are_refused(tmp_path, run, text, expected):
    start = time.monotonic()
    refused(run, tmp_path, "logo.svg", text, "the SVG logo logo.svg, " + expected)
    assert time.monotonic() - start < 5


# --- what a logo may cost --------------------------------------------------------------


def nested_use(levels: int = 5, width: int = 10) -> str:
    """A file of about 1.5 KB whose <use> copies make width ** levels groups."""
    parts = [
        '<defs><g id="a0"><path d="M0 0 L1 1 L2 0 L3 1 L4 0 L5 1 L6 0 Z"/><rect width="1" height="1"/></g>'
    ]
    for level in range(1, levels + 1):
        uses = "".join(f'<use href="#a{level - 1}" x="{k}"/>' for k in range(width))
        parts.append(f'<g id="a{level}">{uses}</g>')
    parts.append(f'</defs><use href="#a{levels}"/>')
    return svg("".join(parts))


def test_nested_use_copies_are_counted_before_svglib_sees_them(tmp_path, run):
    text = nested_use()
    assert len(text) < 2000
    start = time.monotonic()
    refused(
        run,
        tmp_path,
        "logo.svg",
        text,
        "line 2: it has more than 5,000 elements once its <use> copies are counted; a logo may have at most that",
    )
    assert time.monotonic() - start < 2  # svglib took 9 s of CPU on it, twice per run


def test_the_nested_use_file_is_refused_quickly_by_a_fresh_process(tmp_path):
    club, roster = club_files(tmp_path, "logo.svg", nested_use())
    start = time.monotonic()
    result = cli("club", roster, "-o", tmp_path / "out", "--club", club, timeout=20)
    assert result.returncode == 3, result.stderr
    assert "once its <use> copies are counted" in result.stderr and "Traceback" not in result.stderr
    assert time.monotonic() - start < 6  # interpreter start and imports included
    assert not (tmp_path / "out").exists()


BIG_PATH = "M0 0 " + " ".join(f"L{i % 100} {i % 77}" for i in range(40_000))


@pytest.mark.parametrize(
    "text, expected",
    [
        (svg("<!--" + "x" * 2**20 + "-->"), "the logo logo.svg is 1.0 MB; an SVG logo may be at most 1 MB"),
        (
            svg('<rect width="1" height="1"/>' * 5001),
            "it has more than 5,000 elements; a logo may have at most",
        ),
        (
            svg('<g id="a"><use href="#a"/></g>'),
            "line 2: a <use> or clip-path refers to itself or to an element",
        ),
        (
            svg('<g id="a"><use href="#b"/></g>', '<g id="b"><use href="#a"/></g>'),
            "a <use> or clip-path refers to itself",
        ),
        (svg("<g>" * 60 + "</g>" * 60), "it is nested more than 50 levels deep"),
        (
            svg(*(f'<g id="g{i}"><use href="#g{i - 1}"/></g>' for i in range(1, 60)), '<g id="g0"/>'),
            "it is nested more than 50 levels deep \\(counting <use> copies\\)",
        ),
        (
            svg(f'<defs><path id="p" d="{BIG_PATH}"/></defs>', '<use href="#p"/>' * 8),
            "its <use> copies make it more than 2 MB of drawing",
        ),
        (
            svg(
                "<style>circle { clip-path: url(#c) }</style>",
                '<clipPath id="c">' + '<rect width="1" height="1"/>' * 60 + "</clipPath>",
                '<circle r="1"/>' * 100,
            ),
            "more than 5,000 elements once its <use> copies are counted",
        ),
        (
            svg("<style>" + "".join(f".c{i} {{ fill: red }}" for i in range(1001)) + "</style>"),
            "line 2: the <style> sheets hold more than 1,000 rules",
        ),
    ],
    ids=[
        "size",
        "elements",
        "use-loop",
        "use-cycle",
        "depth",
        "use-depth",
        "use-chars",
        "css-clip",
        "css-rules",
    ],
)
def test_an_svg_costing_more_than_a_logo_should_is_refused(tmp_path, run, text, expected):
    start = time.monotonic()
    refused(run, tmp_path, "logo.svg", text, expected)
    assert time.monotonic() - start < 5


# --- numbers ---------------------------------------------------------------------------

RECT = '<rect width="10" height="10"/>'


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            svg(f'<g transform="scale(0)">{RECT}</g>'),
            'line 2: transform="scale\\(0\\)" squashes the drawing flat',
        ),
        (svg(f'<g transform="scale(1 0)">{RECT}</g>'), "squashes the drawing flat"),
        (svg(f'<g transform="matrix(1 2 2 4 0 0)">{RECT}</g>'), "squashes the drawing flat"),
        (
            svg(f'<g transform="skewX(90)">{RECT}</g>'),
            'transform="skewX\\(90\\)" scales or moves the drawing out',
        ),
        (
            svg(f'<g transform="scale(1e300)">{RECT}</g>'),
            "1e300 is too large; numbers in a logo may be at most",
        ),
        (svg(f'<g transform="translate(1e99999)">{RECT}</g>'), "1e99999 is too large"),
        (
            svg(f'<g transform="matrix(1 0 0 1 nan 0)">{RECT}</g>'),
            'transform="matrix\\(1 0 0 1 nan 0\\)": nan is',
        ),
        (svg(f'<g transform="scale(1 2 3)">{RECT}</g>'), 'transform="scale\\(1 2 3\\)" cannot be read'),
        (
            svg(RECT, head=OPEN.replace('width="120"', 'width="1e308"')),
            'line 1: width="1e308": 1e308 is too large',
        ),
        (
            svg(RECT, head=OPEN.replace('width="120"', 'width="nan"')),
            'line 1: width="nan": nan is not a number',
        ),
        (svg(RECT, head=OPEN.replace('width="120"', 'width="-Infinity"')), "-Infinity is not a number"),
        (svg(RECT, head=OPEN.replace('height="80"', 'height="-80"')), "line 1: its size is 90 x -60 points"),
        (
            svg(RECT, head=OPEN.replace('width="120"', 'width="0"')),
            "its size is 0 x 60 points; the width and",
        ),
        (
            svg(RECT, head=OPEN.replace('width="120"', 'width="1"')),
            "a logo's width and height may differ at most",
        ),
        (
            svg(RECT, head=OPEN.replace("0 0 120 80", "0 0 nan 80")),
            'viewBox="0 0 nan 80": nan is not a number',
        ),
        (svg(RECT, head=OPEN.replace("0 0 120 80", "0 0 inf 80")), "inf is not a number"),
        (
            svg(RECT, head=OPEN.replace("0 0 120 80", "0 0 0 0")),
            'viewBox="0 0 0 0" must be four numbers with a',
        ),
        (svg(RECT, head=OPEN.replace("0 0 120 80", "0 0 120")), 'viewBox="0 0 120" must be four numbers'),
        (svg('<rect width="inf" height="10"/>'), 'line 2: width="inf": inf is not a number'),
        (svg('<rect width="10" height="10" fill-opacity="NaN"/>'), 'fill-opacity="NaN": NaN is not a number'),
        (svg('<rect width="10" height="10" style="stroke-width: nan"/>'), 'stroke-width="nan": nan is not'),
        (
            svg("<style>rect { stroke-width: 1e400 }</style>", RECT),
            'line 3: stroke-width="1e400": 1e400 is too',
        ),
        (svg('<path d="M0 0 L1e12 5"/>'), 'line 2: d="M0 0 L1e12 5": 1e12 is too large'),
        (svg('<polygon points="0,0 99999999999,1 5,5"/>'), "99999999999 is too large"),
    ],
    ids=[
        "scale-0",
        "scale-y-0",
        "singular-matrix",
        "skew-90",
        "scale-1e300",
        "translate-overflow",
        "matrix-nan",
        "scale-3-args",
        "width-1e308",
        "width-nan",
        "width-minus-infinity",
        "height-negative",
        "width-zero",
        "aspect",
        "viewbox-nan",
        "viewbox-inf",
        "viewbox-zero",
        "viewbox-3",
        "rect-inf",
        "opacity-nan",
        "style-nan",
        "css-huge",
        "path-huge",
        "points-huge",
    ],
)
def test_numbers_that_are_not_finite_or_in_bounds_are_refused(tmp_path, run, text, expected):
    line = refused(run, tmp_path, "logo.svg", text, expected)
    assert re.search(r"logo: the SVG logo logo.svg, line \d+: ", line), line


@pytest.mark.parametrize(
    "dashes, expected",
    [
        ("-1 2", 'stroke-dasharray="-1 2": dash and gap lengths must be numbers of 0 or more'),
        ("0 0", 'stroke-dasharray="0 0" is finer than a logo can print'),
        ("1e-9", 'stroke-dasharray="1e-09" is finer than a logo can print'),
    ],
    ids=["negative", "zero", "tiny"],
)
def test_a_dash_pattern_pdf_cannot_print_is_refused(tmp_path, run, dashes, expected):
    text = svg(f'<path d="M0 0 L90 60" stroke="red" stroke-dasharray="{dashes}"/>')
    refused(run, tmp_path, "logo.svg", text, "logo: the SVG logo logo.svg: " + expected)


def test_every_number_in_the_drawing_svglib_makes_is_checked_too():
    from reportlab.graphics.shapes import Drawing, Group, Rect
    from reportlab.lib.colors import Color

    from limber.catalogue.logo import _check_drawing, _Refused

    for bad in (
        Rect(0, 0, float("nan"), 5),
        Rect(0, 0, 5, 1e12),
        Group(Rect(0, 0, 5, 5), transform=(0, 0, 0, 0, 0, 0)),
        Group(Rect(0, 0, 5, 5), transform=(1, 0, 0, 1, float("inf"), 0)),
        Rect(0, 0, 5, 5, fillColor=Color(2, 0, 0)),
        Rect(0, 0, 5, 5, strokeColor=Color(0, 0, 0, float("nan"))),
    ):
        drawing = Drawing(120, 80)
        drawing.add(bad)
        with pytest.raises(_Refused):
            _check_drawing(drawing, 1)
    with pytest.raises(_Refused, match="not a number"):
        _check_drawing(Drawing(float("nan"), 80), 1)
    _check_drawing(Drawing(120, 80), 1)


# --- PNG -------------------------------------------------------------------------------


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims ``width`` x ``height`` pixels and holds a few bytes of image data."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        logo_module.PNG_SIGNATURE
        + png_chunk(b"IHDR", ihdr)
        + png_chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + png_chunk(b"IEND", b"")
    )


def png(mode: str = "RGB", size=(300, 200), color=None, noise: bool = False, **save) -> bytes:
    from PIL import Image

    if noise:
        image = Image.frombytes(mode, size, np.random.default_rng(1).bytes(size[0] * size[1] * len(mode)))
    else:
        image = Image.new(mode, size, color if color is not None else 0)
    out = io.BytesIO()
    image.save(out, "PNG", **save)
    return out.getvalue()


def jpeg() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, "JPEG")
    return out.getvalue()


NOISE = png(noise=True)
GOOD = png(color="#f2a541")


@pytest.mark.parametrize(
    "data, expected",
    [
        (
            png_header_only(20_000, 20_000),
            "the PNG logo logo.png is 20,000 x 20,000 pixels; a logo may have at most 4.2 million "
            "\\(2,048 x 2,048\\), enough for 600 dpi: scale it down",
        ),
        (png_header_only(2049, 2049), "2,049 x 2,049 pixels; a logo may have at most"),
        (png_header_only(0, 10), "cannot read the PNG logo logo.png: it is 0 x 10 pixels"),
        (
            png_header_only(2000, 50),
            "2,000 x 50 pixels; a logo's width and height may differ at most 20 times",
        ),
        (
            b"not a png",
            "cannot read the PNG logo logo.png: not a PNG image \\(it does not start with the PNG",
        ),
        (jpeg(), "not a PNG image .*: it is a JPEG image; save it as PNG"),
        (svg(RECT).encode(), "not a PNG image .*: it is an SVG file; name it .svg"),
        (logo_module.PNG_SIGNATURE, "the file is cut short or damaged \\(no image header\\)"),
        (
            GOOD[:29] + b"\0\0\0\0" + GOOD[33:],
            "the image header is damaged \\(its checksum does not match\\)",
        ),
        (NOISE[: len(NOISE) // 2], "cannot read the PNG logo logo.png: the image is damaged or cut short"),
        (
            NOISE[:200] + bytes(b ^ 0x55 for b in NOISE[200:400]) + NOISE[400:],
            "the image is damaged or cut short",
        ),
        (b"", "the logo logo.png is an empty file"),
        (logo_module.PNG_SIGNATURE + b"\0" * (5 * 2**20), "is 5.0 MB; a PNG logo may be at most 5 MB"),
    ],
    ids=[
        "pixels",
        "just-over",
        "zero",
        "aspect",
        "text",
        "jpeg",
        "svg",
        "signature-only",
        "header-crc",
        "truncated",
        "corrupt",
        "empty",
        "size",
    ],
)
def test_a_png_that_is_too_large_or_not_a_whole_png_is_refused_at_load(tmp_path, run, data, expected):
    refused(run, tmp_path, "logo.png", data, expected)


def test_a_png_claiming_many_pixels_is_refused_before_it_is_decoded(tmp_path):
    """Read from the header: within a 2 GB memory limit, at once (the file's image data is a
    few bytes, so decoding would fail with another message)."""
    club, roster = club_files(tmp_path, "logo.png", png_header_only(60_000, 60_000))
    result = cli("club", roster, "-o", tmp_path / "out", "--club", club, timeout=20)
    assert result.returncode == 3, result.stderr
    assert "60,000 x 60,000 pixels" in result.stderr and "Traceback" not in result.stderr


# --- the logo's file -------------------------------------------------------------------


def test_a_logo_name_with_a_nul_or_of_5000_characters_is_refused(tmp_path, run):
    refused(run, tmp_path, "a\\0.svg", None, "logo: the logo's file name holds a NUL character$")
    name = "a" * 5000 + ".svg"
    line = refused(run, tmp_path, name, None, "the logo's file name is 5,004 characters long; at most 1,024")
    assert len(line) < 200


def test_a_logo_that_is_a_folder_is_refused(tmp_path, run):
    (tmp_path / "logo.svg").mkdir()
    refused(
        run, tmp_path, "logo.svg", None, "not a regular file: .*logo.svg is a folder; expected a PNG or SVG"
    )


@pytest.mark.unix
@pytest.mark.parametrize("name", ["logo.svg", "logo.png"])
def test_a_logo_that_is_a_fifo_is_refused_without_blocking(tmp_path, name):
    os.mkfifo(tmp_path / name)
    club, roster = club_files(tmp_path, name, None)
    result = cli("club", roster, "-o", tmp_path / "out", "--club", club, timeout=10)
    assert result.returncode == 3, result.stderr
    assert f"{club}:2:7: logo: not a regular file: {tmp_path / name} is a pipe (FIFO)" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.unix
@pytest.mark.parametrize("name", ["logo.svg", "logo.png"])
def test_a_logo_that_links_to_dev_zero_is_refused(tmp_path, run, name):
    os.symlink("/dev/zero", tmp_path / name)
    refused(run, tmp_path, name, None, "not a regular file: .* is a device; expected a PNG or SVG file")


@pytest.mark.unix
def test_a_logo_that_is_a_symlink_loop_is_refused(tmp_path, run):
    os.symlink(tmp_path / "b.svg", tmp_path / "logo.svg")
    os.symlink(tmp_path / "logo.svg", tmp_path / "b.svg")
    refused(run, tmp_path, "logo.svg", None, "logo: cannot read .*logo.svg: ")


@pytest.mark.unix
def test_a_font_family_naming_a_fifo_does_not_hang(tmp_path):
    """svglib's own font lookup opens a file named after the font-family: a FIFO hung it."""
    os.mkfifo(tmp_path / "hang.ttf")
    text = svg(f'<text x="5" y="40" font-family="{tmp_path / "hang"}" font-size="30">RR</text>')
    club, roster = club_files(tmp_path, "logo.svg", text)
    result = cli("club", roster, "-o", tmp_path / "out", "--club", club, timeout=20)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "all-members.pdf").exists()


def test_the_logo_is_a_file_read_so_it_is_never_written_over(tmp_path, run):
    from limber.errors import OutputError

    club, roster = club_files(tmp_path, "logo.svg", svg(RECT))
    (tmp_path / "out").mkdir()
    os.link(tmp_path / "logo.svg", tmp_path / "out" / "al.pdf")
    result = run(
        "club", roster, "-o", tmp_path / "out", "--club", club, "--force", expect=OutputError.exit_code
    )
    assert "logo.svg" in result.stderr
    assert (tmp_path / "logo.svg").read_text(encoding="utf-8") == svg(RECT)


# --- a good logo -----------------------------------------------------------------------

GOOD_SVG = """\
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="120" height="80"
     viewBox="0 0 120 80">
  <!-- a comment, and a style sheet -->
  <style>.ring { stroke: #1d3557; stroke-width: 4; fill: none; }</style>
  <defs>
    <linearGradient id="warm" x1="0" y1="0" x2="1" y2="0">
      <stop offset="0" stop-color="#ffbe0b"/>
      <stop offset="1" stop-color="#fb5607"/>
    </linearGradient>
    <linearGradient id="warm-too" xlink:href="#warm"/>
    <radialGradient id="sky" cx="0.5" cy="0.5" r="0.5">
      <stop offset="0" stop-color="#ffffff"/>
      <stop offset="1" stop-color="#3a86ff"/>
    </radialGradient>
    <clipPath id="top"><rect x="0" y="0" width="120" height="40"/></clipPath>
    <g id="dot"><circle cx="10" cy="10" r="8" fill="#e63946"/></g>
  </defs>
  <rect x="0" y="40" width="120" height="40" fill="url(#warm-too)"/>
  <rect x="0" y="0" width="120" height="40" fill="url(#sky)" clip-path="url(#top)"/>
  <use href="#dot" x="10" y="50"/>
  <use xlink:href="#dot" x="80" y="50"/>
  <circle cx="60" cy="40" r="20" class="ring" stroke-dasharray="6 3"/>
  <rect x="70" y="10" width="40" height="20" fill="#000000" fill-opacity="0.3" transform="rotate(5 90 20)"/>
  <text x="5" y="20" font-family="Liberation Sans, sans-serif" font-weight="bold" font-size="12">RR 王</text>
</svg>
"""


def separator_pixels(pdf: Path) -> np.ndarray:
    document = pypdfium2.PdfDocument(str(pdf))
    image = np.asarray(document[0].render(scale=2).to_pil().convert("RGB")).astype(int)
    document.close()
    return image


def logo_region(image: np.ndarray) -> np.ndarray:
    """The right-hand end of the separator's band, where the logo is drawn."""
    height, width, _ = image.shape
    return image[: int(height * 38 / 297), int(width * 0.55) :]


def near(region: np.ndarray, color: str, tolerance: int = 40) -> int:
    rgb = np.array([int(color[i : i + 2], 16) for i in (1, 3, 5)])
    return int((np.abs(region - rgb).max(axis=2) <= tolerance).sum())


def test_a_good_svg_with_use_gradients_clip_paths_and_styles_is_drawn(tmp_path, run):
    club, roster = club_files(tmp_path, "logo.svg", GOOD_SVG, band="#0b6e4f")
    run("club", roster, "-o", tmp_path / "out", "--club", club)
    region = logo_region(separator_pixels(tmp_path / "out" / "all-members.pdf"))
    assert near(region, "#e63946") > 200  # the two <use> copies of the dot
    assert near(region, "#fb5607", 60) > 200 and near(region, "#ffbe0b", 60) > 200  # the warm gradient
    assert near(region, "#3a86ff", 60) > 200  # the sky gradient, clipped to the top
    assert near(region, "#1d3557") > 100  # the ring, styled by the sheet
    assert near(region, "#000000", 10) < 0.05 * region.shape[0] * region.shape[1]  # no black box


def test_a_good_png_with_transparency_is_drawn(tmp_path, run):
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (300, 200), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((10, 10, 190, 190), fill=(255, 255, 255, 255))
    ImageDraw.Draw(image).rectangle((150, 80, 290, 120), fill=(230, 57, 70, 255))
    out = io.BytesIO()
    image.save(out, "PNG")
    club, roster = club_files(tmp_path, "logo.png", out.getvalue(), band="#0b6e4f")
    run("club", roster, "-o", tmp_path / "out", "--club", club)
    region = logo_region(separator_pixels(tmp_path / "out" / "all-members.pdf"))
    assert near(region, "#ffffff", 10) > 500 and near(region, "#e63946", 10) > 200
    assert near(region, "#000000", 30) == 0  # the transparent corners show the band


@pytest.mark.parametrize(
    "mode, save",
    [("I;16", {}), ("P", {"transparency": 0}), ("LA", {}), ("1", {}), ("L", {"interlace": True})],
    ids=["16-bit", "palette", "grey-alpha", "1-bit", "interlaced"],
)
def test_pngs_of_every_kind_load_and_draw(tmp_path, run, mode, save):
    club, roster = club_files(tmp_path, "logo.png", png(mode, (64, 32), **save))
    run("club", roster, "-o", tmp_path / "out", "--club", club)
    assert (tmp_path / "out" / "all-members.pdf").stat().st_size > 1000


def test_16_bit_grey_is_scaled_to_8_bits_not_clipped():
    reader = logo_module.raster(png("I;16", (4, 4), 40_000))
    assert reader.getRGBData()[:3] == bytes([40_000 // 256] * 3)


# --- parsed once -----------------------------------------------------------------------


@pytest.fixture
def counted(monkeypatch, tmp_path):
    """Count the SVG parses and svglib renders, by process, in a file (so that worker
    processes count too); the caches start empty."""
    from svglib.svglib import SvgRenderer

    tally = tmp_path / "tally.txt"
    parse, render = logo_module._parse, SvgRenderer.render

    def counting_parse(data):
        with tally.open("a", encoding="utf-8") as handle:
            handle.write(f"parse {os.getpid()}\n")
        return parse(data)

    def counting_render(self, node):
        with tally.open("a", encoding="utf-8") as handle:
            handle.write(f"render {os.getpid()}\n")
        return render(self, node)

    monkeypatch.setattr(logo_module, "_parse", counting_parse)
    monkeypatch.setattr(SvgRenderer, "render", counting_render)
    logo_module.drawing.cache_clear()
    yield lambda: tally.read_text(encoding="utf-8").splitlines() if tally.exists() else []
    logo_module.drawing.cache_clear()


def many_members(folder: Path, members: int) -> tuple[Path, Path]:
    club, roster = club_files(folder, "logo.svg", GOOD_SVG)
    roster.write_text(
        "name,group,routines\n"
        + "".join(f"Runner {n},Group {n % 3},low-back-release\n" for n in range(members)),
        encoding="utf-8",
    )
    return club, roster


def test_the_svg_is_parsed_once_for_a_club_of_many_members(tmp_path, counted):
    from limber.clubs import ClubOptions, run_club

    club, roster = many_members(tmp_path, 40)
    summary, error = run_club(roster, tmp_path / "out", ClubOptions(), str(club))
    assert error is None and summary.members == 40
    assert counted() == [f"parse {os.getpid()}", f"render {os.getpid()}"]
    separators = [t for t in texts(summary.combined) if t.startswith("Hill Harriers")]
    assert len(separators) == 40


def test_each_process_parses_the_svg_at_most_once_with_jobs(tmp_path, counted):
    from limber.clubs import ClubOptions, run_club

    club, roster = many_members(tmp_path, 40)
    summary, error = run_club(roster, tmp_path / "out", ClubOptions(jobs=2), str(club))
    assert error is None and summary.members == 40
    lines = counted()
    assert f"parse {os.getpid()}" in lines
    assert all(lines.count(line) == 1 for line in lines), lines


def test_drawing_many_separators_in_a_fresh_process_parses_once(tmp_path, counted):
    """As a worker that did not inherit the cache: the first draw parses, the rest reuse it."""
    from limber.catalogue.club import load_club
    from limber.catalogue.load import load_catalogue
    from limber.layout.separator import Separator, separator_pages
    from limber.render.pdf import Meta, render
    from limber.theme import load_theme

    club, _ = club_files(tmp_path, "logo.svg", GOOD_SVG)
    brand, _ = load_club(club, load_catalogue())
    logo_module.drawing.cache_clear()
    before = len(counted())
    pages = [
        page
        for n in range(30)
        for page in separator_pages(
            Separator(f"R{n}", "", (), 1, 1, False), (210.0, 297.0), load_theme(), brand
        )
    ]
    render(pages, Meta(title="t", subject="s"))
    assert len(counted()) - before == 2  # one parse, one svglib render, for 30 pages


def test_the_logo_is_drawn_from_the_bytes_checked_not_read_again(tmp_path):
    """A logo replaced after the club file was checked is not what is printed."""
    from limber.catalogue.club import load_club
    from limber.catalogue.load import load_catalogue
    from limber.catalogue.roster import read_roster
    from limber.clubs import ClubOptions, make_club
    from limber.plan.club import plan_members

    club, roster = club_files(tmp_path, "logo.svg", GOOD_SVG, band="#0b6e4f")
    catalogue = load_catalogue()
    brand, catalogue = load_club(club, catalogue)
    (tmp_path / "logo.svg").write_text(nested_use(), encoding="utf-8")  # swapped for a hostile one
    plans, _ = plan_members(read_roster(roster), catalogue, {}, False, None)
    summary = make_club(plans, catalogue, tmp_path / "out", ClubOptions(), brand)
    assert near(logo_region(separator_pixels(summary.combined)), "#e63946") > 200


def texts(path: Path) -> list[str]:
    document = pypdfium2.PdfDocument(str(path))
    out = [document[i].get_textpage().get_text_range() for i in range(len(document))]
    document.close()
    return out


def test_the_combined_file_holds_the_logo_once_however_many_members(tmp_path):
    """Each separator sheet is a form of its own; the logo is one form they all use."""
    import random

    from limber.clubs import ClubOptions, run_club

    rng = random.Random(7)
    paths = [
        f'<path d="M{rng.uniform(0, 110):.1f} {rng.uniform(0, 70):.1f} '
        + " ".join(f"l{rng.uniform(-9, 9):.1f} {rng.uniform(-9, 9):.1f}" for _ in range(8))
        + f' Z" fill="#{rng.randrange(0xFFFFFF):06x}"/>'
        for _ in range(800)
    ]

    runs = iter(range(100))

    def combined(members: int, logo: bool) -> int:
        folder = tmp_path / f"run-{next(runs)}"
        folder.mkdir()
        club, roster = club_files(folder, "logo.svg", svg(*paths))
        if not logo:
            club.write_text("name: Hill Harriers\n", encoding="utf-8")
        roster.write_text(
            "name,routines\n" + "".join(f"Runner {n},low-back-release\n" for n in range(members)),
            encoding="utf-8",
        )
        summary, _ = run_club(roster, folder / "out", ClubOptions(duplex="off"), str(club))
        return summary.combined.stat().st_size

    drawn = combined(2, True) - combined(2, False)
    per_member = (combined(12, True) - combined(2, True)) / 10
    assert drawn > 30_000 and per_member < drawn / 10, (drawn, per_member)
