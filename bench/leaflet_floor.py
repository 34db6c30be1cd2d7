"""The leaflet floor: a bare reportlab script laying out the same leaflet text (the
blocks bench/prepare.py saved from our loader) for every practice: a tri-fold on two
A4 landscape pages of three panels each, the practice's name, address, hours and logo
on the back panel, and a screen PDF of the same panels one per page. None of our
pipeline: no templates, fold marks, imposition, QR code or reading-level check.

`python bench/leaflet_floor.py blocks.json practices.json out-folder`
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import BaseDocTemplate, Frame, Image, PageTemplate, Paragraph

import floor

FONTS = Path(__file__).resolve().parent.parent / "fonts" / "atkinson-hyperlegible"
BODY = ParagraphStyle("lbody", fontName="FloorLeaflet", fontSize=12, leading=16, spaceAfter=5)
HEAD = ParagraphStyle("lhead", fontName="FloorLeaflet-Bold", fontSize=15, leading=19, spaceBefore=6,
                      keepWithNext=1)
PANEL_W, PANEL_H = 99 * mm, 210 * mm


def register() -> None:
    from reportlab.lib.fonts import addMapping

    floor.register()  # the figures' embedded faces
    for face in ("Regular", "Bold", "Italic", "BoldItalic"):
        name = "FloorLeaflet" if face == "Regular" else f"FloorLeaflet-{face}"
        pdfmetrics.registerFont(TTFont(name, str(FONTS / f"AtkinsonHyperlegible-{face}.ttf")))
    for (bold, italic), face in floor.SERIF_FACES.items():
        addMapping("FloorLeaflet", bold, italic, "FloorLeaflet" if face == "Regular" else f"FloorLeaflet-{face}")


def story(blocks: list, practice: dict, figures: dict) -> list:
    out = []
    for kind, content in blocks:
        if kind == "figure":
            if content not in figures:
                figures[content] = floor.figure(content, PANEL_W - 12 * mm, 60 * mm)
            out.append(figures[content].copy())
        elif kind in ("h", "p"):
            out.append(Paragraph(content, HEAD if kind == "h" else BODY))
    out.append(Paragraph(escape(practice["name"]), HEAD))
    for line in (practice.get("address"), f"{practice.get('postcode') or ''} {practice.get('city') or ''}",
                 practice.get("phone"), practice.get("email"), practice.get("website"),
                 *(practice.get("hours") or [])):
        if line and line.strip():
            out.append(Paragraph(escape(line), BODY))
    logo = practice.get("logo") or ""
    if logo.endswith(".svg"):
        out.append(floor.figure(logo, 40 * mm, 20 * mm))
    elif logo:
        out.append(Image(logo, width=40 * mm, height=20 * mm, kind="proportional"))
    return out


def write(target: Path, flowables: list, pagesize, columns: int) -> None:
    doc = BaseDocTemplate(str(target), pagesize=pagesize, invariant=1, initialFontName="FloorLeaflet")
    frames = [Frame(i * PANEL_W + 6 * mm, 6 * mm, PANEL_W - 12 * mm, PANEL_H - 12 * mm) for i in range(columns)]
    doc.addPageTemplates([PageTemplate("panels", frames=frames)])
    doc.build(flowables)


def main() -> None:
    blocks = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    practices = json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))
    folder = Path(sys.argv[3])
    folder.mkdir(parents=True, exist_ok=True)
    register()
    figures: dict = {}
    for practice in practices:
        write(folder / f"{practice['id']}-print.pdf", story(blocks, practice, figures), landscape(A4), 3)
        write(folder / f"{practice['id']}-screen.pdf", story(blocks, practice, figures), (PANEL_W, PANEL_H), 1)


if __name__ == "__main__":
    main()
