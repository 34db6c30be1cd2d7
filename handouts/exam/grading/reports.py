"""The two PDFs of a graded exam: the teacher's report and one result slip per student.

Texts from the bank and the spreadsheet are paragraphs (`Para`: fallback fonts, wrapping);
the charts are reportlab's own (barcharts, lineplots), labelled in the theme's font.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from fractions import Fraction
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.lineplots import ScatterPlot
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle

from handouts.exam.grading.draw import CHOICE_TYPES, Item
from handouts.exam.grading.results import Graded
from handouts.exam.grading.statistics import ItemStats
from handouts.exam.model import ExamSpec
from handouts.layout.fonts import face
from handouts.layout.paragraph import Para
from handouts.layout.theme import Theme, paragraph_styles

HARD, EASY, LOW_RIR = 0.30, 0.90, 0.20
_MARGIN = 18 * mm


def _document(title: str, language: str, theme: Theme) -> tuple[io.BytesIO, SimpleDocTemplate]:
    buffer = io.BytesIO()
    # Every font named is the theme's: reportlab would otherwise start each page in Helvetica.
    doc = SimpleDocTemplate(buffer, pagesize=A4, invariant=1, title=title, lang=language,
                            initialFontName=theme.body_font, initialFontSize=theme.sizes["body"],
                            leftMargin=_MARGIN, rightMargin=_MARGIN, topMargin=_MARGIN, bottomMargin=_MARGIN,
                            creator="handouts", author="", subject="")
    return buffer, doc


def _pages(buffer: io.BytesIO, doc: SimpleDocTemplate, story: list) -> tuple[bytes, int]:
    doc.build(story)
    return buffer.getvalue(), doc.page


def _table(rows: list[list], widths: list[float], theme: Theme, head: bool = True) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if head else 0)
    style = [("FONTNAME", (0, 0), (-1, -1), theme.body_font), ("FONTSIZE", (0, 0), (-1, -1), 8.5),
             ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.25, theme.colour("rule")),
             ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]
    if head:
        style += [("FONTNAME", (0, 0), (-1, 0), face(theme.body_font, bold=True)),
                  ("LINEBELOW", (0, 0), (-1, 0), 0.8, theme.colour("text"))]
    table.setStyle(TableStyle(style))
    return table


# ---- the teacher's report ------------------------------------------------------


def report_pdf(graded: Graded, spec: ExamSpec, theme: Theme, words: dict[str, str],
               where: Callable[[str], str]) -> tuple[bytes, int]:
    """The teacher's report: the figures, two charts, and the table of questions with
    their flags; `where` gives a question's bank file and line."""
    styles = paragraph_styles(theme, spec.language)
    decimal = words["decimal"]
    buffer, doc = _document(f"{words['report']}: {spec.title}", spec.language, theme)
    test = graded.test

    def figure(value: float | None, places: int = 2) -> str:
        return "–" if value is None else f"{value:.{places}f}".replace(".", decimal)

    grades = [float(s.grade) for s in graded.students]
    facts = [[words["students"], str(test.students)],
             [words["mean"], f"{figure(test.mean)} / {graded.students[0].max_score if graded.students else 0}"],
             [words["sd"], figure(test.sd)],
             [words["mean_grade"], figure(sum(grades) / len(grades) if grades else None, 1)],
             [words["pass_rate"], f"{figure(test.pass_rate * 100, 0)}%"],
             [words["kr20"] if test.right_wrong else words["alpha"],
              figure(test.alpha) + "  (" + words["alpha_note"].format(k=test.items_in_alpha) + ")"],
             [words["sem"], figure(test.sem)]]
    if graded.pass_mark is not None:
        facts.append([words["pass_mark"], plain_points(graded.pass_mark, decimal)])
    if graded.guess:
        facts.append([words["guessing"].format(g=plain_points(graded.guess, decimal)), ""])
    story: list = [Para(escape(f"{words['report']}: {spec.title}"), styles["title"]),
                   _table([[Para(escape(a), styles["cell"]), Para(escape(b), styles["cell"])] for a, b in facts],
                          [80 * mm, 90 * mm], theme, head=False), Spacer(1, 6 * mm),
                   Table([[_histogram(grades, words, theme), _scatter(graded.items, words, theme)]],
                         style=[("FONTNAME", (0, 0), (-1, -1), theme.body_font)]),
                   Para(escape(words["items"]), styles["h2"])]
    story.append(_item_table(graded, words, theme, styles, where, figure))
    return _pages(buffer, doc, story)


def plain_points(value: Fraction, decimal: str) -> str:
    """Points as printed: 3, 2,5 or 0,33 (at most two decimals)."""
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):.2f}".rstrip("0").rstrip(".").replace(".", decimal)


def _histogram(grades: list[float], words: dict[str, str], theme: Theme) -> Drawing:
    """How many students per grade band: 1–2, 2–3, ..., 9–10."""
    counts = [0] * 9
    for g in grades:
        counts[min(int(g) - 1, 8)] += 1
    drawing = Drawing(82 * mm, 62 * mm, initialFontName=theme.body_font, initialFontSize=7)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 10 * mm, 10 * mm, 68 * mm, 42 * mm
    chart.data = [counts]
    chart.categoryAxis.categoryNames = [str(n) for n in range(1, 10)]
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueStep = max(1, (max(counts) + 4) // 5)
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName, axis.labels.fontSize = theme.body_font, 7
    chart.bars[0].fillColor = theme.colour("accent")
    drawing.add(chart)
    drawing.add(String(10 * mm, 56 * mm, words["histogram"], fontName=face(theme.body_font, bold=True),
                       fontSize=9))
    return drawing


def _scatter(items: tuple[ItemStats, ...], words: dict[str, str], theme: Theme) -> Drawing:
    """Each question as a dot: p-value across, Rir up."""
    points = [(i.p_value, i.rir) for i in items if i.p_value is not None and i.rir is not None]
    drawing = Drawing(82 * mm, 62 * mm, initialFontName=theme.body_font, initialFontSize=7)
    chart = ScatterPlot()
    chart.x, chart.y, chart.width, chart.height = 12 * mm, 10 * mm, 64 * mm, 42 * mm
    chart.data = [points or [(0, 0)]]
    chart.xValueAxis.valueMin, chart.xValueAxis.valueMax, chart.xValueAxis.valueStep = 0, 1, 0.2
    chart.yValueAxis.valueMin, chart.yValueAxis.valueMax, chart.yValueAxis.valueStep = -0.4, 1, 0.2
    for axis in (chart.xValueAxis, chart.yValueAxis):
        axis.labels.fontName, axis.labels.fontSize = theme.body_font, 7
        axis.labelTextFormat = "%.1f"
    chart.lines[0].strokeColor = None if points else chart.lines[0].strokeColor
    chart.lines[0].symbol.fillColor = theme.colour("accent")
    chart.lineLabelFormat = None
    chart.xLabel = chart.yLabel = ""
    drawing.add(chart)
    drawing.add(String(12 * mm, 56 * mm, words["scatter"], fontName=face(theme.body_font, bold=True),
                       fontSize=9))
    return drawing


def item_flags(stats: ItemStats, item: Item | None, words: dict[str, str]) -> list[str]:
    """What a teacher should look at in this question, in words."""
    flags = []
    if stats.p_value is not None and stats.p_value < HARD:
        flags.append(words["flag_hard"])
    if stats.p_value is not None and stats.p_value > EASY:
        flags.append(words["flag_easy"])
    if stats.rir is not None and stats.rir < LOW_RIR:
        flags.append(words["flag_rir"])
    if item is not None and item.question.type in CHOICE_TYPES and stats.option_shares:
        right = set(item.correct_options())
        best_key = max(stats.option_shares[i] for i in right)
        for i, share in enumerate(stats.option_shares):
            if i in right:
                continue
            if share > best_key and item.question.type != "multiple":
                flags.append(words["flag_distractor"].format(o=i + 1))
            if share == 0:
                flags.append(words["flag_unused"].format(o=i + 1))
    return flags


def _item_table(graded: Graded, words: dict[str, str], theme: Theme, styles: dict[str, ParagraphStyle],
                where: Callable[[str], str], figure: Callable) -> Table:
    items = _bank_items(graded)
    rows: list[list] = [[words["question"], "n", "p", "Rit", "Rir", words["options"], words["flags"]]]
    for stats in graded.items:
        item = items.get(stats.question_id)
        shares = "  ".join(f"{n}: {figure(s * 100, 0)}%" + ("*" if item and n - 1 in item.correct_options() else "")
                           for n, s in enumerate(stats.option_shares, 1))
        flags = item_flags(stats, item, words)
        note = "; ".join(flags) + (f" — {where(stats.question_id)}" if flags else "")
        rows.append([Para(escape(stats.question_id), styles["cell"]), str(stats.n), figure(stats.p_value),
                     figure(stats.rit), figure(stats.rir), Para(escape(shares), styles["cell"]),
                     Para(escape(note), styles["cell"])])
    return _table(rows, [34 * mm, 10 * mm, 12 * mm, 12 * mm, 12 * mm, 42 * mm, 52 * mm], theme)


def _bank_items(graded: Graded) -> dict[str, Item]:
    found: dict[str, Item] = {}
    for student in graded.students:
        for item in student.paper.items.values():
            found.setdefault(item.entry.question_id, item)
    return found
