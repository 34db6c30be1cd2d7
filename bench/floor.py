"""The floor: a bare reportlab script that lays out the same chapter text with the
same fonts, without our pipeline (no templates, footnotes, contents or figures).
`handouts` aims to stay within 1.5x of it."""

from __future__ import annotations

import io
import re
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate

FONTS = Path(__file__).resolve().parent.parent / "fonts" / "noto"


def register() -> None:
    if "FloorSerif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("FloorSerif", str(FONTS / "NotoSerif-Regular.ttf")))
        pdfmetrics.registerFont(TTFont("FloorSans", str(FONTS / "NotoSans-Bold.ttf")))


def paragraphs(markdown: str) -> list[tuple[str, str]]:
    """(kind, text) for every block of a Markdown file, markup stripped."""
    body = markdown.split("---", 2)[2]
    out = []
    for block in re.split(r"\n\s*\n", body):
        text = re.sub(r"[*_`\[\]{}#|>:]", "", block).strip()
        text = text.replace("&", "&amp;").replace("<", "&lt;")
        if text:
            out.append(("h" if block.lstrip().startswith("#") else "p", " ".join(text.split())))
    return out


def lay_out(markdown: str) -> bytes:
    register()
    body = ParagraphStyle("b", fontName="FloorSerif", fontSize=10.5, leading=14.5, alignment=4,
                          hyphenationLang="nl_NL", embeddedHyphenation=1)
    head = ParagraphStyle("h", fontName="FloorSans", fontSize=13, leading=16, keepWithNext=1)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, invariant=1, initialFontName="FloorSerif")
    doc.build([Paragraph(text, head if kind == "h" else body) for kind, text in paragraphs(markdown)])
    return buffer.getvalue()
