"""Figures from PNG, JPEG or SVG files, scaled to the text column.

SVG goes through svglib into a reportlab Drawing (vector, sharp in print). Its
text is set in the theme's heading font, so no standard-14 font enters the PDF.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Image
from reportlab.platypus.flowables import Flowable

from handouts.errors import SourceRef, fail
from handouts.layout.fonts import face
from handouts.layout.theme import Theme
from handouts.load.project_files import outside_problem, project_file

MAX_HEIGHT_SHARE = 0.55  # of the page's text height: a figure leaves room for its caption


@lru_cache(maxsize=64)
def _svg(path: str, mtime: float, font: str) -> Drawing | None:
    """The file's drawing with its text in `font`, read once per file version and font.
    Users get a copy (`Drawing.copy` shares the shapes, which nobody changes after this)."""
    from svglib.svglib import svg2rlg  # imported late: it is slow and only SVG needs it

    drawing = svg2rlg(path)
    return use_font(drawing, font) if drawing is not None else None


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


def figure_flowable(path: str, width: float, column: float, theme: Theme, ref: SourceRef) -> Flowable:
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
            scale = min(width / drawing.width, max_height / drawing.height)
            drawing.scale(scale, scale)
            drawing.width, drawing.height = drawing.width * scale, drawing.height * scale
            return drawing
        reader = ImageReader(str(file))
        w, h = reader.getSize()
        scale = min(width / w, max_height / h)
        return Image(str(file), width=w * scale, height=h * scale)
    except Exception as exc:  # any decoder failure is the user's file, not our bug
        raise fail(ref, f'the figure "{file.name}" cannot be read ({exc}); save it again as PNG, JPEG or SVG') from None
