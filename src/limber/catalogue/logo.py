"""A club's logo, checked once: a PNG, or an SVG that draws only what it holds itself.

Takes: a logo file's path (``load_logo``). Gives: a ``Logo`` (its kind, width / height and
the bytes read, once, from the file), or a ``ValueError`` whose message says why the file
cannot be a logo; and, for the render stage, what those bytes draw: ``drawing(data)``, the
svglib ``Drawing`` of checked SVG bytes, and ``raster(data)``, the decoded image of checked
PNG bytes. Both are cached, so the logo is parsed once in each process that draws it (the
load stage's call fills the cache of the main process, which a forked worker of
``limber club --jobs N`` inherits; a worker that starts afresh parses it at its first draw),
and what is drawn is what was checked: the file is not read again.

An SVG logo may hold shapes, text, gradients, clip paths and ``<use href="#id">`` copies of
its own parts, and nothing that reaches outside it: no ``href`` but ``#id``, no ``<image>``,
``<script>`` or ``<foreignObject>``, no XInclude, no style sheet that pulls in another
(``@import``, or ``url(...)`` but ``url(#id)``), no XML entities and no DTD declarations.
It is parsed by lxml without entities, network or DTD, and its cost is bounded before svglib
sees it: its size, its elements and its nesting counted with every ``<use>`` and clip path
expanded as svglib expands them. Every number that can reach the drawing is checked in the
file (with its line) and again in the drawing svglib makes: finite, within bounds, and no
transform that squashes the drawing flat. Its text is set in the PDF's standard fonts: no
font file is looked for. A PNG is checked from its header (signature, pixel count) before
it is decoded, then decoded whole, so a truncated file is refused here, not at render.
"""

from __future__ import annotations

import io
import logging
import math
import os
import re
import stat
import struct
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .. import reads

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.utils import ImageReader

# A club's SVG logo is a few kilobytes (the example is 433 bytes) and rarely 200 KB even
# when traced from a bitmap; 1 MB leaves room for a detailed emblem while keeping svglib's
# parse (1 to 3 s per MB of path data) short. A bigger drawing is better given as a PNG.
MAX_SVG_BYTES = 2**20
MAX_PNG_BYTES = 5 * 2**20
# Elements once every <use> and clip path is expanded: svglib takes about 0.25 ms each.
MAX_ELEMENTS = 5_000
# Characters of attributes and text once expanded: a <use> may copy a large path, but not
# make the drawing much larger than a file of the largest size.
MAX_EXPANDED_CHARS = 2 * MAX_SVG_BYTES
# Nesting, <use> expanded: svglib and reportlab recurse once or more per level.
MAX_DEPTH = 50
MAX_CSS_RULES = 1_000
# 2048 x 2048 pixels: 600 dpi across the whole band a logo is drawn in (at most 70 x 26 mm,
# 1654 x 614 pixels) in any shape, and 16 MB decoded.
MAX_PIXELS = 2048 * 2048
MAX_ASPECT = 20.0  # width / height between 1/20 and 20
MAX_NUMBER = 1e7  # any number in the file: coordinates, sizes, transforms
MAX_DRAWN = 1e9  # any number in the drawing svglib makes (units converted to points)
MIN_SIZE = 0.01  # points: the drawing's width and height
MIN_DASH = 1e-3  # a stroke-dasharray's period, as a part of the drawing's width or height
MIN_DETERMINANT = 1e-12  # a transform that shrinks an area more than this squashes it flat

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
XINCLUDE = ("http://www.w3.org/2001/XInclude", "http://www.w3.org/2003/XInclude")
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
REFUSED_ELEMENTS = {  # what svglib would read from elsewhere, run, or cannot draw
    "image": (
        "an <image> element (a picture inside the SVG)",
        ": use a PNG logo instead, or an SVG of shapes",
    ),
    "script": ("a <script> element", ""),
    "foreignobject": ("a <foreignObject> element (other markup inside the SVG)", ""),
}
# Attributes (and style properties) whose value is a number or a list of numbers.
NUMERIC = frozenset(
    """x y x1 y1 x2 y2 cx cy r rx ry fx fy fr dx dy width height viewBox points d rotate
    transform gradientTransform patternTransform stroke-width font-size stroke-dasharray
    stroke-dashoffset stroke-miterlimit opacity fill-opacity stroke-opacity stop-opacity offset
    textLength refX refY markerWidth markerHeight letter-spacing word-spacing""".split()
)
TRANSFORMS = ("transform", "gradientTransform", "patternTransform")
_NOT_A_NUMBER = re.compile(r"(?<![A-Za-z_-])[+-]?(?:nan|inf(?:inity)?)(?![A-Za-z_-])", re.IGNORECASE)
_LARGE = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)[eE][+-]?\d+|\d{8,}(?:\.\d*)?")
_URL = re.compile(r"url\(\s*['\"]?\s*([^'\")\s]*)", re.IGNORECASE)


@dataclass(frozen=True)
class Logo:
    """A checked logo: ``kind`` "png" or "svg", ``aspect`` its width / height, ``data`` the
    bytes of the file as read and checked (what the render stage draws)."""

    path: str
    kind: str
    aspect: float
    data: bytes = field(repr=False)


class _Refused(Exception):
    """What is wrong with an SVG, and the line of the SVG where it is (if known)."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


def load_logo(path: str) -> Logo:
    """Read and check the logo at ``path`` (a .png or .svg name); ``ValueError`` says why not."""
    name = os.path.basename(path)
    kind = "svg" if path.lower().endswith(".svg") else "png"
    data = _read(path, MAX_SVG_BYTES if kind == "svg" else MAX_PNG_BYTES)
    if kind == "png":
        width, height = _png_size(data, name)
        try:
            raster(data)
        except _Refused as refused:
            raise ValueError(f"cannot read the PNG logo {name}: {refused}") from None
        return Logo(path, kind, width / height, data)
    try:
        drawn = drawing(data)
        _try_drawing(drawn)
    except _Refused as refused:
        where = f", line {refused.line}" if refused.line else ""
        raise ValueError(f"the SVG logo {name}{where}: {refused}") from None
    return Logo(path, kind, drawn.width / drawn.height, data)


def _read(path: str, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes. Opened without blocking (a
    FIFO never hangs) and checked on the open file, so a folder or device is never read."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise ValueError(f"file not found: {path}") from None
    except ValueError:  # a NUL in the name; the club file's check names it first
        raise ValueError("the file name holds a NUL character") from None
    except OSError as error:
        raise ValueError(f"cannot read {path}: {error.strerror}") from None
    try:
        info = os.fstat(fd)
    except OSError as error:
        os.close(fd)
        raise ValueError(f"cannot read {path}: {error.strerror}") from None
    if not stat.S_ISREG(info.st_mode):  # checked on the open file, before it is wrapped
        os.close(fd)
        what = (
            "a folder"
            if stat.S_ISDIR(info.st_mode)
            else "a pipe (FIFO)"
            if stat.S_ISFIFO(info.st_mode)
            else "a device"
            if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode)
            else "not a regular file"
        )
        raise ValueError(f"not a regular file: {path} is {what}; expected a PNG or SVG file")
    with os.fdopen(fd, "rb") as handle:
        reads.note(path, info)
        kind = "an SVG" if limit == MAX_SVG_BYTES else "a PNG"
        too_big = f"{kind} logo may be at most {limit / 2**20:g} MB"
        if info.st_size > limit:
            raise ValueError(f"the logo {os.path.basename(path)} is {info.st_size / 2**20:.1f} MB; {too_big}")
        try:
            data = handle.read(limit + 1)
        except OSError as error:
            raise ValueError(f"cannot read {path}: {error.strerror}") from None
    if len(data) > limit:
        raise ValueError(f"the logo {os.path.basename(path)} grew while it was read; {too_big}")
    if not data:
        raise ValueError(f"the logo {os.path.basename(path)} is an empty file")
    return data


# --- PNG -------------------------------------------------------------------------------


def _png_size(data: bytes, name: str) -> tuple[int, int]:
    """Width and height from the PNG's header, before anything is decoded."""
    fail = f"cannot read the PNG logo {name}"
    if not data.startswith(PNG_SIGNATURE):
        head = data[:64].lstrip()
        hint = (
            ": it is an SVG file; name it .svg"
            if head.startswith((b"<?xml", b"<svg"))
            else ": it is a JPEG image; save it as PNG"
            if data.startswith(b"\xff\xd8\xff")
            else ""
        )
        raise ValueError(f"{fail}: not a PNG image (it does not start with the PNG signature){hint}")
    if len(data) < 33 or data[12:16] != b"IHDR" or data[8:12] != b"\x00\x00\x00\x0d":
        raise ValueError(f"{fail}: the file is cut short or damaged (no image header)")
    if zlib.crc32(data[12:29]) != struct.unpack(">I", data[29:33])[0]:
        raise ValueError(f"{fail}: the image header is damaged (its checksum does not match)")
    width, height = struct.unpack(">II", data[16:24])
    if not width or not height:
        raise ValueError(f"{fail}: it is {width} x {height} pixels")
    if width * height > MAX_PIXELS:
        side = math.isqrt(MAX_PIXELS)
        raise ValueError(
            f"the PNG logo {name} is {width:,} x {height:,} pixels; a logo may have at most "
            f"{MAX_PIXELS / 1e6:.1f} million ({side:,} x {side:,}), enough for 600 dpi: scale it down"
        )
    _check_aspect(width / height, f"the PNG logo {name} is {width:,} x {height:,} pixels")
    return width, height


def _check_aspect(aspect: float, what: str) -> None:
    if not 1 / MAX_ASPECT <= aspect <= MAX_ASPECT:
        raise ValueError(
            f"{what}; a logo's width and height may differ at most {MAX_ASPECT:g} times "
            f"(it is drawn at most 70 x 26 mm)"
        )


@lru_cache(maxsize=4)
def raster(data: bytes) -> ImageReader:
    """The decoded image of PNG bytes that ``_png_size`` has passed, ready for reportlab;
    ``_Refused`` if it cannot be decoded. Decoded once per process for the same bytes."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    try:
        with Image.open(io.BytesIO(data), formats=["PNG"]) as opened:
            opened.load()  # the whole image: a truncated or damaged file fails here
            if opened.mode.startswith("I"):  # 16-bit grey: scaled to 8 bits, not clipped
                image = opened.convert("I").point(lambda v: v * (1 / 256)).convert("RGB")
            else:
                alpha = opened.mode in ("RGBA", "LA", "PA") or "transparency" in opened.info
                image = opened.convert("RGBA" if alpha else "RGB")
    except (
        OSError,
        SyntaxError,
        ValueError,
        EOFError,
        struct.error,
        zlib.error,
        Image.DecompressionBombError,
    ) as error:
        message = str(error) or type(error).__name__
        raise _Refused(f"the image is damaged or cut short ({message})") from None
    reader = ImageReader(image)
    reader.getRGBData()  # decoded now, and kept: reportlab reads it from the reader
    return reader


# --- SVG -------------------------------------------------------------------------------


@lru_cache(maxsize=4)
def drawing(data: bytes) -> Drawing:
    """The svglib drawing of SVG bytes, checked before svglib reads them and after; cached,
    so each process parses the same logo once. ``_Refused`` says what is wrong."""
    from svglib.svglib import SvgRenderer

    root = _parse(data)
    _check_tree(root)
    with _quiet_svglib():
        try:
            # A source that is not a file path: svglib resolves no file next to it, whatever
            # the tree says (the tree was checked to refer to nothing outside itself).
            drawn = SvgRenderer(io.BytesIO(data), font_map=_standard_fonts()).render(root)
        except RecursionError:
            raise _Refused("the drawing is nested too deeply to draw") from None
        except Exception as error:  # svglib fails in many ways on odd input
            raise _Refused(f"cannot draw it ({type(error).__name__}: {error})") from None
    _check_drawing(drawn, root.sourceline)
    return drawn


@lru_cache(maxsize=1)
def _standard_fonts() -> Any:
    """svglib's font map, answering with the PDF's standard fonts only. svglib's own looks
    for a font file named after the font-family (any path the SVG names, a FIFO among
    them) and then runs fc-match for each family; a logo's text is set in Helvetica, Times
    or Courier, whichever its family is closest to, on every machine alike."""
    from svglib.fonts import FontMap

    class StandardFonts(FontMap):
        def find_font(
            self, font_name: str, weight: str = "normal", style: str = "normal"
        ) -> tuple[str, bool]:
            family = font_name.lower()
            if "mono" in family or "courier" in family:
                base, plain, slant = "Courier", "Courier", "Oblique"
            elif "times" in family or ("serif" in family and "sans" not in family):
                base, plain, slant = "Times", "Times-Roman", "Italic"
            else:
                base, plain, slant = "Helvetica", "Helvetica", "Oblique"
            text = str(weight).lower()
            bold = text in ("bold", "bolder") or (text.isdigit() and int(text) >= 600)
            italic = str(style).lower() in ("italic", "oblique")
            if not (bold or italic):
                return plain, family in (plain.lower(), base.lower())
            return f"{base}-{'Bold' if bold else ''}{slant if italic else ''}", False

    return StandardFonts()


@contextmanager
def _quiet_svglib() -> Iterator[None]:
    """svglib logs what it skips; a logo that passed the checks prints nothing."""
    logger = logging.getLogger("svglib.svglib")
    disabled = logger.disabled
    logger.disabled = True
    try:
        yield
    finally:
        logger.disabled = disabled


def _parse(data: bytes) -> Any:
    """The root element of the SVG, parsed without entities, network access or DTDs."""
    from lxml import etree

    if b"<!ENTITY" in data:
        raise _Refused(
            "it declares XML entities (<!ENTITY ...>), which limber does not read; save it as plain SVG",
            data[: data.index(b"<!ENTITY")].count(b"\n") + 1,
        )
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        attribute_defaults=False,
        remove_comments=True,
        remove_pis=True,
        recover=False,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        message = re.sub(r"\s*\(<string>, line \d+\)$", "", str(error))
        message = re.sub(r", line \d+, column (\d+)$", r" (column \1)", message)
        raise _Refused(f"not well-formed XML: {message}", error.lineno) from None
    except ValueError as error:  # e.g. an encoding lxml cannot read
        raise _Refused(f"not well-formed XML: {error}") from None
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and (list(dtd.iterentities()) or list(dtd.iterelements())):
        raise _Refused("its DOCTYPE declares entities or elements, which limber does not read", 1)
    if not isinstance(root.tag, str) or root.tag.rsplit("}", 1)[-1] != "svg":
        raise _Refused(f"its root element is <{root.tag}>, not <svg>", root.sourceline)
    return root


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def _show(value: str) -> str:
    return value if len(value) <= 60 else value[:57] + "..."


def _check_tree(root: Any) -> None:
    """Refuse what reaches outside the SVG, numbers that are not finite or are too large,
    transforms that squash the drawing flat, and more elements, text or nesting than the
    limits once every <use> and clip path is expanded."""
    from lxml import etree

    elements = []
    for node in root.iter():
        if isinstance(node, etree._Entity):
            raise _Refused(
                f"the entity reference &{node.name}; (limber reads no XML entities: write the character itself)",
                node.sourceline,
            )
        if isinstance(node.tag, str):
            elements.append(node)
            if len(elements) > MAX_ELEMENTS:
                raise _Refused(f"it has more than {MAX_ELEMENTS:,} elements; a logo may have at most that")
    sheets = []
    for node in elements:
        namespace, local = node.tag[1:].split("}", 1) if node.tag.startswith("{") else ("", node.tag)
        if namespace in XINCLUDE:
            raise _Refused("an XInclude (<xi:include>): a logo may not pull in other files", node.sourceline)
        if local.lower() in REFUSED_ELEMENTS:
            what, advice = REFUSED_ELEMENTS[local.lower()]
            raise _Refused(f"{what} is not allowed in a logo{advice}", node.sourceline)
        if local == "style":
            text = "".join(node.itertext())
            problem = _css_problem(text)
            if problem:
                raise _Refused(f"the <style> sheet: {problem}", node.sourceline)
            sheets.append((node.sourceline, text))
    matched = _style_rules(root, sheets)
    ids: dict[str, list[Any]] = {}
    references: dict[Any, list[str]] = {}
    for node in elements:
        attrs = _attributes(node, matched.get(node, ()))
        for key, value in attrs.items():
            _check_attribute(node, key, value)
        if attrs.get(XML_ID) or attrs.get("id"):
            ids.setdefault(attrs.get("id") or attrs[XML_ID], []).append(node)
        wanted = [m.group(1)[1:] for m in _URL.finditer(attrs.get("clip-path", ""))]
        if _local(node.tag) == "use":
            wanted += [value[1:] for key, value in attrs.items() if _local(key).lower().endswith("href")]
        if wanted:
            references[node] = wanted
    _measure(root, ids, references)


def _style_rules(root: Any, sheets: list[tuple[int, str]]) -> dict[Any, list[dict[str, str]]]:
    """What the <style> sheets set on each element, as svglib applies them (every sheet to
    every element, which svglib does for the elements after the sheet)."""
    if not sheets:
        return {}
    import cssselect2
    import tinycss2
    from svglib.svglib import CSSMatcher

    matcher = CSSMatcher()
    rules = 0
    for line, text in sheets:
        rules += sum(r.type == "qualified-rule" for r in tinycss2.parse_stylesheet(text, True, True))
        if rules > MAX_CSS_RULES:
            raise _Refused(f"the <style> sheets hold more than {MAX_CSS_RULES:,} rules", line)
        try:
            matcher.add_styles(text)
        except Exception as error:  # cssselect2 refuses selectors it cannot read
            raise _Refused(f"the <style> sheet cannot be read ({error})", line) from None
    out: dict[Any, list[dict[str, str]]] = {}
    for wrapper in cssselect2.ElementWrapper.from_xml_root(root).iter_subtree():
        found = [match[3][1] for match in matcher.match(wrapper)]
        if found:
            out[wrapper.etree_element] = found
    return out


def _attributes(node: Any, rules: Any) -> dict[str, str]:
    """The element's attributes as svglib sees them: its own, then what the style sheets
    set, then its style attribute (svglib turns each declaration into an attribute)."""
    attrs = dict(node.attrib)
    for rule in rules:
        attrs.update(rule)
    style = attrs.get("style")
    if style:
        problem = _css_problem(style)
        if problem:
            raise _Refused(f'style="{_show(style)}": {problem}', node.sourceline)
        for declaration in style.split(";"):
            if not declaration.strip():
                continue
            if declaration.count(":") != 1:
                raise _Refused(
                    f'style="{_show(style)}": the declaration "{_show(declaration.strip())}" is not '
                    f"one name: value pair (a ':' too many or missing); it cannot be drawn",
                    node.sourceline,
                )
            key, value = (part.strip() for part in declaration.split(":"))
            attrs[key] = value
    return attrs


def _check_attribute(node: Any, key: str, value: str) -> None:
    line = node.sourceline
    local = _local(key)
    if local.lower().endswith("href") and not (value.startswith("#") and len(value) > 1):
        shown = "xlink:href" if key == XLINK_HREF else local
        raise _Refused(
            f'<{_local(node.tag)} {shown}="{_show(value)}"> refers outside the logo; an SVG logo may '
            f'refer only to its own parts (href="#id")',
            line,
        )
    if local != "style" and ("url" in value.lower() or "\\" in value or "@" in value):
        problem = _css_problem(value)
        if problem:
            raise _Refused(f'{local}="{_show(value)}": {problem}', line)
    if local in NUMERIC:
        bad = _NOT_A_NUMBER.search(value)
        if bad:
            raise _Refused(f'{local}="{_show(value)}": {bad.group(0)} is not a number', line)
        for match in _LARGE.finditer(value):
            if not abs(float(match.group(0))) <= MAX_NUMBER:
                raise _Refused(
                    f'{local}="{_show(value)}": {match.group(0)} is too large; numbers in a logo '
                    f"may be at most {MAX_NUMBER:,.0f}",
                    line,
                )
    if local == "viewBox":
        try:
            numbers = [float(v) for v in value.replace(",", " ").split()]
        except ValueError:
            numbers = []
        if len(numbers) != 4 or not (numbers[2] > 0 and numbers[3] > 0):
            raise _Refused(
                f'viewBox="{_show(value)}" must be four numbers with a width and height above 0', line
            )
    if local in TRANSFORMS:
        _check_transform(value, line)


def _check_transform(value: str, line: int | None) -> None:
    """The matrix svglib makes of a transform: finite, bounded and not squashed flat."""
    from reportlab.graphics.shapes import Group
    from svglib.svglib import Svg2RlgAttributeConverter, Svg2RlgShapeConverter

    group = Group()
    converter = Svg2RlgShapeConverter(io.BytesIO(), Svg2RlgAttributeConverter())
    try:
        with _quiet_svglib():
            converter.applyTransformOnGroup(value, group)
    except Exception:  # svglib fails on some malformed transforms (e.g. scale(1 2 3))
        raise _Refused(f'transform="{_show(value)}" cannot be read', line) from None
    problem = _matrix_problem(tuple(group.transform))
    if problem:
        raise _Refused(f'transform="{_show(value)}" {problem}', line)


def _matrix_problem(matrix: tuple[float, ...]) -> str | None:
    a, b, c, d, e, f = matrix
    if not all(math.isfinite(v) and abs(v) <= MAX_DRAWN for v in matrix):
        return "scales or moves the drawing out of all bounds"
    if abs(a * d - b * c) < MIN_DETERMINANT:
        return "squashes the drawing flat (a scale of 0, or a skew of 90 degrees)"
    return None


def _css_problem(text: str) -> str | None:
    """Why a style sheet or declaration reaches outside the logo or cannot be read, or None.
    CSS escapes are decoded (tinycss2 tokenises as svglib's own CSS reader does)."""
    import tinycss2

    stack = list(reversed(tinycss2.parse_component_value_list(text, skip_comments=True)))
    while stack:  # in the order written, so the first problem is the one named
        token = stack.pop()
        kind = token.type
        if kind == "error":
            return f"it cannot be read as CSS ({token.message})"
        if kind == "at-keyword" and token.lower_value == "import":
            return "@import pulls in another style sheet; a logo's styles must be its own"
        target = None
        if kind == "url":
            target = token.value.strip()
        elif kind == "function":
            if token.lower_name == "url":
                args = [a for a in token.arguments if a.type not in ("whitespace", "comment")]
                target = args[0].value if args and args[0].type == "string" else tinycss2.serialize(args)
                target = target.strip()
            stack.extend(reversed(token.arguments))
        elif kind in ("() block", "[] block", "{} block"):
            stack.extend(reversed(token.content))
        if target is not None and not (target.startswith("#") and len(target) > 1):
            return f"url({_show(target)}) refers outside the logo; only url(#id) may be used"
    return None


def _measure(root: Any, ids: dict[str, list[Any]], references: dict[Any, list[str]]) -> None:
    """Count elements, characters and nesting with every <use> and clip path expanded (as
    svglib copies or converts them anew each time); refuse a loop or more than the limits."""
    done: dict[Any, tuple[int, int, int]] = {}  # element -> (elements, characters, height)
    active: set[Any] = set()

    def visit(node: Any, depth: int) -> tuple[int, int, int]:
        if depth > MAX_DEPTH:
            raise _Refused(
                f"it is nested more than {MAX_DEPTH} levels deep (counting <use> copies)", node.sourceline
            )
        if node in done:
            result = done[node]
            if depth + result[2] - 1 > MAX_DEPTH:
                raise _Refused(
                    f"it is nested more than {MAX_DEPTH} levels deep (counting <use> copies)",
                    node.sourceline,
                )
            return result
        if node in active:
            raise _Refused(
                "a <use> or clip-path refers to itself or to an element holding it", node.sourceline
            )
        active.add(node)
        count = 1
        chars = sum(len(v) for v in node.attrib.values()) + len(node.text or "") + len(node.tail or "")
        height = 0
        parts = [child for child in node if isinstance(child.tag, str)]
        for ident in references.get(node, ()):
            targets = ids.get(ident, [])
            if targets:  # with duplicate ids, the costliest copy
                parts.append(max(targets, key=lambda t: visit(t, depth + 1)[0]))
        if _local(node.tag) == "svg" and node is not root:  # svglib draws its <defs> again
            parts += [
                d for d in node.iter() if d is not node and isinstance(d.tag, str) and _local(d.tag) == "defs"
            ]
        for part in parts:
            c, n, h = visit(part, depth + 1)
            count, chars, height = count + c, chars + n, max(height, h)
            if count > MAX_ELEMENTS:
                raise _Refused(
                    f"it has more than {MAX_ELEMENTS:,} elements once its <use> copies are counted; "
                    f"a logo may have at most that",
                    node.sourceline,
                )
            if chars > MAX_EXPANDED_CHARS:
                raise _Refused(
                    f"its <use> copies make it more than {MAX_EXPANDED_CHARS / 2**20:g} MB of drawing",
                    node.sourceline,
                )
        active.discard(node)
        done[node] = (count, chars, height + 1)
        return done[node]

    visit(root, 1)


def _check_drawing(drawn: Any, line: int | None) -> None:
    """What svglib made: a width and height in bounds, and every number in the drawing
    finite and bounded, every transform invertible."""
    from reportlab.graphics.shapes import Group, Shape
    from reportlab.lib.colors import Color

    width, height = drawn.width, drawn.height
    size = f"{width:g} x {height:g} points"
    if not all(isinstance(v, (int, float)) and math.isfinite(v) for v in (width, height)):
        raise _Refused(
            f"its size is {size}: not a number (check the width, height and viewBox of <svg>)", line
        )
    if not (MIN_SIZE <= width <= MAX_DRAWN and MIN_SIZE <= height <= MAX_DRAWN):
        raise _Refused(
            f"its size is {size}; the width and height must be above 0 and at most {MAX_DRAWN:,.0f} "
            f"(check the width, height and viewBox of <svg>)",
            line,
        )
    try:
        _check_aspect(width / height, f"its size is {size}")
    except ValueError as error:
        raise _Refused(str(error), line) from None
    stack: list[Any] = [drawn.contents]
    while stack:
        item = stack.pop()
        if isinstance(item, bool) or item is None or isinstance(item, str):
            continue
        if isinstance(item, (int, float)):
            if not (math.isfinite(item) and abs(item) <= MAX_DRAWN):
                raise _Refused(f"the drawing holds the number {item:g}; numbers must be finite and in bounds")
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
        elif isinstance(item, Color):
            parts = (item.red, item.green, item.blue, item.alpha)
            if not all(0 <= v <= 1 for v in parts):  # nan fails too
                raise _Refused(f"the drawing holds the colour {item}, whose parts must be from 0 to 1")
        elif isinstance(item, Shape):
            if isinstance(item, Group):
                problem = _matrix_problem(tuple(item.transform))
                if problem:
                    raise _Refused(f"a transform in the drawing {problem}")
            dashes = getattr(item, "strokeDashArray", None)
            if dashes:
                _check_dashes(dashes, max(width, height) * MIN_DASH)
            stack.extend(vars(item).values())


def _check_dashes(dashes: Any, least: float) -> None:
    """A dash pattern PDF can print: no negative length, and a period that is not so fine
    that it rounds to nothing or makes a printer draw millions of dashes."""
    numbers = list(dashes[1] if len(dashes) == 2 and isinstance(dashes[1], list) else dashes)
    shown = _show(" ".join(f"{v:g}" if isinstance(v, (int, float)) else repr(v) for v in numbers))
    if not all(isinstance(v, (int, float)) and math.isfinite(v) and v >= 0 for v in numbers):
        raise _Refused(f'stroke-dasharray="{shown}": dash and gap lengths must be numbers of 0 or more')
    if sum(numbers) < least:
        raise _Refused(
            f'stroke-dasharray="{shown}" is finer than a logo can print: its dashes and gaps '
            f"together must be at least 1/{1 / MIN_DASH:,.0f} of the drawing's size"
        )


def _try_drawing(drawn: Drawing) -> None:
    """Draw it once on a page that is thrown away, so that what reportlab cannot draw is
    refused here and not when the club's files are written."""
    from reportlab.graphics import renderPDF
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(io.BytesIO())
    try:
        renderPDF.draw(drawn, canvas, 0, 0)
        canvas.showPage()
    except Exception as error:  # reportlab refuses what it cannot draw in many ways
        raise _Refused(f"cannot draw it ({type(error).__name__}: {error})") from None
