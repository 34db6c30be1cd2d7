"""The floor: a bare reportlab script laying out the same chapter — the same
paragraphs, lists, tables and figures with the same fonts — with none of our
pipeline (no templates, contents, footnote placement, side notes, running header
or page X of Y). `handouts` aims to stay within 1.3x of it, both as whole processes.

Like for like: bold and italic are set in the real faces and the figures' words in
an embedded font, as every handout must (no standard-14 font anywhere).

It reads the chapter through our loader only to get the same text, once, before
anything is timed (`prepare`, saved to JSON by bench/prepare.py); the timed process,
`python bench/floor.py blocks.json out.pdf`, imports reportlab and svglib only.
"""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table
from svglib.svglib import svg2rlg

FONTS = Path(__file__).resolve().parent.parent / "fonts" / "noto"


# The body family with its real faces: the chapter sets words in bold and italic, and
# a reader sees them so. (The floor used to map <b> and <i> to the regular face, which
# is not the same work: each face is another font program to subset and embed, and a
# change of face within a line is another text state to write.)
SERIF_FACES = {(0, 0): "Regular", (1, 0): "Bold", (0, 1): "Italic", (1, 1): "BoldItalic"}


def register() -> None:
    if "FloorSerif" not in pdfmetrics.getRegisteredFontNames():
        for face in SERIF_FACES.values():
            name = "FloorSerif" if face == "Regular" else f"FloorSerif-{face}"
            pdfmetrics.registerFont(TTFont(name, str(FONTS / f"NotoSerif-{face}.ttf")))
        pdfmetrics.registerFont(TTFont("FloorSans", str(FONTS / "NotoSans-Bold.ttf")))
        pdfmetrics.registerFont(TTFont("FloorSansText", str(FONTS / "NotoSans-Regular.ttf")))


def _embedded_text(node) -> None:
    """A figure's words in an embedded font, as the chapter's are (svglib names
    Helvetica, a standard font the PDF would not embed, less work than a handout may do)."""
    if isinstance(node, String):
        node.fontName = "FloorSans" if "Bold" in (node.fontName or "") else "FloorSansText"
    for child in getattr(node, "contents", []) if isinstance(node, (Group, Drawing)) else []:
        _embedded_text(child)


def _plain(markup: str) -> str:
    """The text with its bold and italic, without our private tags."""
    return re.sub(r"<(fn|figref)[^>]*/>", "", markup)


def prepare(document) -> list[tuple[str, object]]:
    """(kind, content) for every block, nested blocks flattened; plain data for JSON."""
    out: list[tuple[str, object]] = []

    def walk(blocks):
        for b in blocks:
            if b.kind in ("heading", "paragraph"):
                out.append(("h" if b.kind == "heading" else "p", _plain(b.text)))
            elif b.kind == "table":
                out.append(("table", [[_plain(c) for c in row] for row in (b.header,) + b.rows]))
            elif b.kind == "figure" and b.path.suffix == ".svg":
                out.append(("figure", str(b.path)))
            for item in getattr(b, "items", ()):
                walk(item)
            walk(getattr(b, "blocks", ()))

    walk(document.blocks)
    return out


def figure(path: str, width: float = 360, height: float = 300) -> Drawing:
    """An SVG figure as a drawing in the given box, its words in an embedded font."""
    drawing = svg2rlg(path)
    drawing.initialFontName = "FloorSansText"
    _embedded_text(drawing)
    scale = min(width / drawing.width, height / drawing.height)
    drawing.scale(scale, scale)
    drawing.width, drawing.height = drawing.width * scale, drawing.height * scale
    return drawing


def lay_out(blocks: list[tuple[str, object]]) -> bytes:
    register()
    from reportlab.lib.fonts import addMapping

    for (bold, italic), face in SERIF_FACES.items():
        addMapping("FloorSerif", bold, italic, "FloorSerif" if face == "Regular" else f"FloorSerif-{face}")
    body = ParagraphStyle("b", fontName="FloorSerif", fontSize=10.5, leading=14.5, alignment=4,
                          hyphenationLang="nl_NL", embeddedHyphenation=1)
    head = ParagraphStyle("h", fontName="FloorSans", fontSize=13, leading=16, keepWithNext=1)
    cell = ParagraphStyle("c", parent=body, alignment=0, fontSize=9.5, leading=12)
    story = []
    figures: dict[str, Drawing] = {}  # each SVG read once, as our figure cache does
    for kind, content in blocks:
        if kind == "table":
            story.append(Table([[Paragraph(c, cell) for c in row] for row in content], repeatRows=1,
                               style=[("FONTNAME", (0, 0), (-1, -1), "FloorSerif")]))  # not Helvetica
        elif kind == "figure":
            if content not in figures:
                figures[content] = figure(content)
            story.append(figures[content].copy())
        else:
            story.append(Paragraph(content, head if kind == "h" else body))
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, invariant=1, initialFontName="FloorSerif")
    doc.build(story)
    return buffer.getvalue()


def main() -> None:
    """`python bench/floor.py blocks.json out.pdf`"""
    source, target = sys.argv[1:3]
    blocks = json.loads(Path(source).read_text(encoding="utf-8"))
    Path(target).write_bytes(lay_out(blocks))


if __name__ == "__main__":
    main()
