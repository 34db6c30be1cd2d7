"""The floor: a bare reportlab script laying out the same chapter — the same
paragraphs, lists, tables and figures with the same fonts — with none of our
pipeline (no templates, contents, footnote placement, side notes, running header
or page X of Y). `handouts` aims to stay within 1.5x of it.

It reads the chapter through our loader only to get the same text; the loader's
time is not counted (`prepare` runs once, `lay_out` is timed).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table
from svglib.svglib import svg2rlg

FONTS = Path(__file__).resolve().parent.parent / "fonts" / "noto"


def register() -> None:
    if "FloorSerif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("FloorSerif", str(FONTS / "NotoSerif-Regular.ttf")))
        pdfmetrics.registerFont(TTFont("FloorSans", str(FONTS / "NotoSans-Bold.ttf")))


def _plain(markup: str) -> str:
    """The text with its bold and italic, without our private tags."""
    return re.sub(r"<(fn|figref)[^>]*/>", "", markup)


def prepare(document) -> list[tuple[str, object]]:
    """(kind, content) for every block, nested blocks flattened."""
    out: list[tuple[str, object]] = []

    def walk(blocks):
        for b in blocks:
            if b.kind in ("heading", "paragraph"):
                out.append(("h" if b.kind == "heading" else "p", _plain(b.text)))
            elif b.kind == "table":
                out.append(("table", [[_plain(c) for c in row] for row in (b.header,) + b.rows]))
            elif b.kind == "figure":
                drawing = svg2rlg(str(b.path)) if b.path.suffix == ".svg" else None
                if drawing is not None:
                    scale = min(360 / drawing.width, 300 / drawing.height)
                    drawing.scale(scale, scale)
                    drawing.width, drawing.height = drawing.width * scale, drawing.height * scale
                    out.append(("figure", drawing))
            for item in getattr(b, "items", ()):
                walk(item)
            walk(getattr(b, "blocks", ()))

    walk(document.blocks)
    return out


def lay_out(blocks: list[tuple[str, object]]) -> bytes:
    register()
    from reportlab.lib.fonts import addMapping

    addMapping("FloorSerif", 1, 0, "FloorSerif")  # bold and italic in the same face: same work
    addMapping("FloorSerif", 0, 1, "FloorSerif")
    addMapping("FloorSerif", 1, 1, "FloorSerif")
    body = ParagraphStyle("b", fontName="FloorSerif", fontSize=10.5, leading=14.5, alignment=4,
                          hyphenationLang="nl_NL", embeddedHyphenation=1)
    head = ParagraphStyle("h", fontName="FloorSans", fontSize=13, leading=16, keepWithNext=1)
    cell = ParagraphStyle("c", parent=body, alignment=0, fontSize=9.5, leading=12)
    story = []
    for kind, content in blocks:
        if kind == "table":
            story.append(Table([[Paragraph(c, cell) for c in row] for row in content], repeatRows=1))
        elif kind == "figure":
            story.append(content.copy())
        else:
            story.append(Paragraph(content, head if kind == "h" else body))
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, invariant=1, initialFontName="FloorSerif")
    doc.build(story)
    return buffer.getvalue()
