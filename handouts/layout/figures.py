"""Figures from PNG, JPEG or SVG files, scaled to the text column.

SVG goes through svglib into a reportlab Drawing (vector, sharp in print). Its
text is set in the theme's heading font, so no standard-14 font enters the PDF.
A figure and its caption make one `FigureBlock`, which a page layout may float;
figures in a row whose widths add up to the column stand side by side
(`group_figures`, `figures_side_by_side`).
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from functools import lru_cache
from pathlib import Path

from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Image, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from handouts.errors import Diagnostic, SourceRef, fail
from handouts.layout.fonts import face
from handouts.layout.svg_files import read_svg
from handouts.layout.theme import Theme
from handouts.load.project_files import outside_problem, project_file

MAX_HEIGHT_SHARE = 0.55  # of the page's text height: a figure leaves room for its caption
LEAST_LABEL_SIZE = 6.0  # points: text in a figure printed smaller is hard to read
ROW_GAP = 3 * mm  # between figures side by side


@lru_cache(maxsize=64)
def _svg(path: str, mtime: float, font: str) -> Drawing | None:
    """The file's drawing with its text in `font`, read once per file version and font.
    Users get a copy (`Drawing.copy` shares the shapes, which nobody changes after this)."""
    drawing = read_svg(path)
    return use_font(drawing, font) if drawing is not None else None


@lru_cache(maxsize=64)
def _smallest_text(path: str, mtime: float, font: str) -> float | None:
    """The size of the smallest text in an SVG at its own scale, or None without text
    (`font`: that of the figure's drawing, read once for both)."""
    drawing = _svg(path, mtime, font)
    return _smallest(drawing, 1.0) if drawing is not None else None


def _smallest(node: object, scale: float) -> float | None:
    if isinstance(node, String):
        return node.fontSize * scale
    if not isinstance(node, (Group, Drawing)):
        return None
    a, b, c, d = (getattr(node, "transform", None) or (1, 0, 0, 1))[:4]
    scale *= math.sqrt(abs(a * d - b * c))  # how much the group enlarges its text
    sizes = [size for child in node.contents if (size := _smallest(child, scale)) is not None]
    return min(sizes, default=None)


def _svg_scale(drawing_width: float, drawing_height: float, smallest: float | None, width: float,
               column: float, least_text: float) -> tuple[float, float]:
    """The scale an SVG is printed at (wider than asked, up to `column`, when that keeps
    its labels at `least_text`), and the scale its labels would need."""
    max_height = 700 * MAX_HEIGHT_SHARE
    scale = min(width / drawing_width, max_height / drawing_height)
    needed = least_text / smallest if smallest and least_text else 0.0
    if needed > scale:
        scale = max(scale, min(needed, column / drawing_width, max_height / drawing_height))
    return scale, needed


def label_size_warning(path: str, width: float, column: float, theme: Theme, ref: SourceRef,
                       least_text: float = LEAST_LABEL_SIZE, width_written: bool = True) -> Diagnostic | None:
    """A warning when the labels of an SVG figure asked at `width` (of `column`) would
    print below `least_text` points, with the width that keeps them readable (to write,
    or, without `width_written`: a kind whose figures' widths the author does not write,
    the text size to give the SVG instead)."""
    file = Path(path)
    if file.suffix.lower() != ".svg" or not file.is_file():
        return None
    mtime, font = file.stat().st_mtime, face(theme.heading_font)
    drawing = _svg(str(file), mtime, font)
    smallest = _smallest_text(str(file), mtime, font)
    if drawing is None or not drawing.width or not drawing.height or not smallest:
        return None
    scale, needed = _svg_scale(drawing.width, drawing.height, smallest, width, column, least_text)
    asked = min(width / drawing.width, 700 * MAX_HEIGHT_SHARE / drawing.height)
    if needed <= asked + 1e-9:
        return None
    share = round(100 * width / column) if column else 100
    wanted = math.ceil(100 * needed * drawing.width / column)
    subject = f'the text in the figure "{file.name}" would print at {smallest * asked:.1f} pt'
    if scale >= needed - 1e-9 and not width_written:
        message = (f"{subject} at {share}% width, below {least_text:g} pt; it is printed at {wanted}% "
                   f"instead: to print it at {share}%, make the text in the SVG at least "
                   f"{least_text / asked:.1f} units high")
    elif scale >= needed - 1e-9:
        message = (f"{subject} at {share}% width, below {least_text:g} pt; it is printed at {wanted}% "
                   f'instead: write width="{wanted}%" (or more), or make the text in the SVG larger')
    else:
        message = (f"{subject} at {share}% width ({smallest * scale:.1f} pt at the most the page allows), "
                   f"below {least_text:g} pt; make the text in the SVG at least "
                   f"{least_text / scale:.1f} units high, or the drawing itself smaller")
    return Diagnostic(ref, message, "warning")


def svg_text_size(path: Path, theme: Theme) -> float | None:
    """The size of the smallest text of an SVG, in its own units (the points it prints
    at unscaled), or None: no text, or not an SVG. For a kind that scales a picture
    its own way (a leaflet's logo) to check its text against LEAST_LABEL_SIZE."""
    if path.suffix.lower() != ".svg" or not path.is_file():
        return None
    return _smallest_text(str(path), path.stat().st_mtime, face(theme.heading_font))


def use_font(drawing: Drawing, font: str) -> Drawing:
    """Set every text of a drawing, and the renderer's starting font, to `font`."""
    drawing.initialFontName = font  # read by reportlab's renderer instead of Times-Roman
    _set_fonts(drawing, font)
    return drawing


def _set_fonts(node: object, font: str) -> None:
    if isinstance(node, String):
        # svglib names a standard font; keep its weight and slant in our family
        name = node.fontName or ""
        node.fontName = face(font, bold="Bold" in name, italic="Oblique" in name or "Italic" in name)
    for child in getattr(node, "contents", []) if isinstance(node, (Group, Drawing)) else []:
        _set_fonts(child, font)


@lru_cache(maxsize=64)
def _linked_files(path: str, mtime: float) -> tuple[str, ...]:
    """The files an SVG's <image> and <use> elements name (svglib reads them too), other
    than its own parts (`#id`) and pictures held in the file itself (`data:`)."""
    from lxml import etree  # svglib's own parser, with its settings: no entities, no network

    parser = etree.XMLParser(remove_comments=True, recover=True, resolve_entities=False, no_network=True)
    try:
        root = etree.parse(path, parser).getroot()
    except etree.XMLSyntaxError:
        return ()  # svglib says the file cannot be read
    names = []
    for element in root.iter() if root is not None else ():
        if isinstance(element.tag, str) and etree.QName(element).localname in ("image", "use"):
            href = element.get("{http://www.w3.org/1999/xlink}href") or element.get("href") or ""
            if href and not href.startswith(("#", "data:")):
                names.append(href.split("#", 1)[0])
    return tuple(names)


def _check_linked_files(file: Path, ref: SourceRef) -> None:
    for name in _linked_files(str(file), file.stat().st_mtime):
        linked = project_file(name, file)
        if linked is None:
            raise fail(ref, outside_problem("picture", name, file, subject=f'the figure "{file.name}" '
                                            f'shows the picture "{name}", which'))
        if not linked.is_file():
            raise fail(ref, f'the figure "{file.name}" shows the picture "{name}", which does not '
                       "exist; check its name in the SVG, or put the picture into the SVG itself")


def figure_flowable(path: str, width: float, column: float, theme: Theme, ref: SourceRef,
                    least_text: float = 0.0) -> Flowable:
    """The picture at `width` (never taller than MAX_HEIGHT_SHARE of a page). With
    `least_text`, an SVG is printed wider, up to `column`, so that its text is not
    smaller than that (`label_size_warning` says so to the author)."""
    file = Path(path)
    max_height = 700 * MAX_HEIGHT_SHARE
    if file.suffix.lower() == ".svg" and file.is_file():
        _check_linked_files(file, ref)
    try:
        if file.suffix.lower() == ".svg":
            font = face(theme.heading_font)
            mtime = file.stat().st_mtime
            drawing = _svg(str(file), mtime, font)
            if drawing is None or not drawing.width or not drawing.height:
                raise ValueError("no drawing in the file")
            drawing = drawing.copy()
            drawing.initialFontName = font
            smallest = _smallest_text(str(file), mtime, font) if least_text else None
            scale, _ = _svg_scale(drawing.width, drawing.height, smallest, width, column, least_text)
            drawing.scale(scale, scale)
            drawing.width, drawing.height = drawing.width * scale, drawing.height * scale
            return drawing
        reader = ImageReader(str(file))
        w, h = reader.getSize()
        scale = min(width / w, max_height / h)
        return Image(str(file), width=w * scale, height=h * scale)
    except Exception as exc:  # any decoder failure is the user's file, not our bug
        raise fail(ref, f'the figure "{file.name}" cannot be read ({exc}); save it again as PNG, JPEG or SVG') from None


class FigureBlock(Flowable):
    """A figure with its caption (or a row of them): one block, never split, with room
    above and below. A page layout may float it: set it at the top of the next page
    while the text goes on filling this one (the handout's `HandoutDoc`)."""

    def __init__(self, parts: list[Flowable], space_before: float = 0, space_after: float = 0,
                 anchors: tuple[str, ...] = ()):
        super().__init__()
        self.parts = parts
        self.anchors = anchors  # the ids of its figures, for the pages that print them
        self.spaceBefore, self.spaceAfter = space_before, space_after
        self._placed: list[tuple[Flowable, float, float]] = []  # part, x, y from the bottom

    def wrap(self, availWidth, availHeight):  # noqa: N803 - reportlab's names
        sizes, previous = [], None
        for part in self.parts:
            w, h = part.wrap(availWidth, availHeight)
            gap = max(previous.getSpaceAfter(), part.getSpaceBefore()) if previous is not None else 0
            sizes.append((part, w, h, gap))
            previous = part
        self.width, self.height = availWidth, sum(h + gap for _, _, h, gap in sizes)
        y, self._placed = self.height, []
        for part, w, h, gap in sizes:
            y -= gap + h
            x = (availWidth - w) / 2 if getattr(part, "hAlign", "LEFT") == "CENTER" else 0
            self._placed.append((part, x, y))
        return self.width, self.height

    def split(self, availWidth, availHeight):  # noqa: N803
        return []  # a figure never leaves its caption behind on another page

    def draw(self):
        for part, x, y in self._placed:
            part.drawOn(self.canv, x, y)


def group_figures(body: ET.Element) -> ET.Element:
    """Consecutive figures whose widths add up to 100% or less become one row (`figrow`)."""
    grouped = ET.Element(body.tag, body.attrib)
    grouped.text, grouped.tail = body.text, body.tail
    row: list[ET.Element] = []

    def flush() -> None:
        if len(row) > 1:
            grouped.append(ET.Element("figrow"))
            grouped[-1].extend(row)
        else:
            grouped.extend(row)
        row.clear()

    for child in body:
        width = float(child.get("width", "1")) if child.tag == "figure" else 0
        if child.tag == "figure" and width < 1 and (
                sum(float(f.get("width", "1")) for f in row) + width <= 1.0001):
            row.append(child)
            continue
        flush()
        if child.tag == "figure" and width < 1:
            row.append(child)
        else:
            grouped.append(child)
    flush()
    return grouped


def equal_shares(count: int, width: float, gap: float = ROW_GAP) -> list[float]:
    """The width of each of `count` figures side by side, all alike."""
    return [(width - gap * (count - 1)) / count] * count


def shares(figures: list[ET.Element], width: float, gap: float = ROW_GAP) -> list[float]:
    """The width of each figure of a row: as asked, less what the gaps between them take."""
    asked = [width * float(f.get("width", "1")) for f in figures]
    room = width - gap * (len(figures) - 1)
    scale = min(1.0, room / sum(asked)) if sum(asked) else 1.0
    return [a * scale for a in asked]


def figures_side_by_side(cells: list[list[Flowable]], widths: list[float], font: str,
                         gap: float = ROW_GAP, align: str = "LEFT") -> Table:
    """Figures (each a list: picture, caption) side by side, aligned at their foot."""
    columns = [w + gap for w in widths[:-1]] + widths[-1:]
    padding = [(side, (0, 0), (-1, -1), 0) for side in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")]
    # Tables default to Helvetica even around flowables; name our own font instead.
    style = TableStyle([("FONTNAME", (0, 0), (-1, -1), font), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"), *padding])
    return Table([cells], colWidths=columns, hAlign=align, style=style)
