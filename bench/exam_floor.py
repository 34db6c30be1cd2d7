"""The exam floor: a bare reportlab script laying out the same papers and keys that
`handouts build --exam` makes, each version's text as the sampler drew it (saved to
JSON by bench/prepare.py before anything is timed), with none of our pipeline: no
templates, no fields to fill in, no overview, key.csv or print file, no check that a
question stays on one page beyond reportlab's KeepTogether. Each PDF is written as
soon as it is made, so its peak memory is that of one paper.

`python bench/exam_floor.py papers.json out-folder`
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table

FONTS = Path(__file__).resolve().parent.parent / "fonts" / "noto"

BODY = ParagraphStyle("body", fontName="FloorExam", fontSize=10.5, leading=14)
HEAD = ParagraphStyle("head", fontName="FloorExam-Bold", fontSize=13, leading=17, spaceBefore=8)
CHOICE = ParagraphStyle("choice", parent=BODY, leftIndent=1.2 * cm, firstLineIndent=-0.6 * cm)
CELL = ParagraphStyle("cell", parent=BODY, fontSize=9.5, leading=12)


def register() -> None:
    pdfmetrics.registerFont(TTFont("FloorExam", str(FONTS / "NotoSans-Regular.ttf")))
    pdfmetrics.registerFont(TTFont("FloorExam-Bold", str(FONTS / "NotoSans-Bold.ttf")))


def _question(q: dict) -> KeepTogether:
    parts = [Paragraph(f"<b>{q['position']}.</b> {escape(q['stem'])} ({q['points']} pt)", BODY)]
    parts += [Paragraph(f"{escape(p)}", CHOICE) for p in q["prompts"]]
    parts += [Paragraph(f"{letter}&nbsp;&nbsp;{escape(text)}", CHOICE) for letter, text in q["choices"]]
    parts += [Spacer(1, 0.8 * cm)] * q["lines"]
    return KeepTogether(parts + [Spacer(1, 6)])


def paper_story(paper: dict) -> list:
    story = [Paragraph(escape(paper["title"]), HEAD), Paragraph(escape(paper["course"]), BODY),
             Paragraph("Naam: ______________________ &nbsp; Studentnummer: ____________", BODY),
             Paragraph(escape(paper["instructions"]), BODY)]
    for section in paper["sections"]:
        story += [Paragraph(escape(section["title"]), HEAD), Paragraph(escape(section["instructions"]), BODY)]
        for item in section["items"]:
            if "case" in item:
                story += [Paragraph(escape(item["case"]), HEAD), Paragraph(escape(item["text"]), BODY)]
                story += [_question(q) for q in item["questions"]]
            else:
                story.append(_question(item))
    return story


def key_story(paper: dict) -> list:
    rows = [[Paragraph(escape(str(cell)), CELL) for cell in row] for row in paper["key"]]
    return [Paragraph(f"{escape(paper['title'])}: antwoorden versie {paper['code']}", HEAD),
            Table([["Vraag", "Antwoord", "Toelichting", "Punten", "Onderwerp"], *rows], repeatRows=1,
                  colWidths=[1.5 * cm, 2.5 * cm, 8 * cm, 1.5 * cm, 3 * cm],
                  style=[("FONTNAME", (0, 0), (-1, -1), "FloorExam")])]


def write(story: list, target: Path, code: str) -> None:
    def on_page(canvas, doc) -> None:  # the version code and page number on every page
        canvas.setFont("FloorExam", 9)
        canvas.drawRightString(A4[0] - 2 * cm, 1.2 * cm, f"versie {code} - pagina {doc.page}")

    doc = SimpleDocTemplate(str(target), pagesize=A4, invariant=1, initialFontName="FloorExam")
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)


def main() -> None:
    source, folder = Path(sys.argv[1]), Path(sys.argv[2])
    folder.mkdir(parents=True, exist_ok=True)
    register()
    for paper in json.loads(source.read_text(encoding="utf-8")):
        write(paper_story(paper), folder / f"versie-{paper['code']}.pdf", paper["code"])
        write(key_story(paper), folder / f"sleutel-{paper['code']}.pdf", paper["code"])


if __name__ == "__main__":
    main()
