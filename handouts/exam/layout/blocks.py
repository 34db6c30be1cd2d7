"""Exam blocks: the exam markup's elements (question, choices, case, grid, ...) turned
into flowables, and what every document of one exam shares (`ExamLayout`): styles,
and paragraphs parsed and broken into lines once however many versions repeat them.

No flowable is shared between documents: reportlab keeps layout state on a flowable
(its size, and the flag that it was once put off to the next page, after which it
may not be put off again), so a paragraph laid out in one version would carry that
into the next. Every document lays out copies of its own (`own_copy`) of the exam's
shared flowables; the copies share only what does not change with the layout: the
parsed text, its line breaks per width and its recorded drawings."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html import unescape
from typing import Any

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.fonts import tt2ps
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from handouts.errors import Diagnostic, SourceRef
from handouts.exam.layout.doc import PartStart, column_width
from handouts.exam.layout.flowables import INDENT, LINE_GAP, AnswerSpace, Choice, Lettered, Para, TickBox, Together
from handouts.layout.blocks import BLOCKS, BUILDERS, HANDOUT_MARKUP, Context
from handouts.layout.figures import LEAST_LABEL_SIZE, figure_flowable, label_size_warning
from handouts.layout.fonts import face
from handouts.layout.markup import INLINE, MarkupTable, inner, src, tag
from handouts.layout.theme import Theme, paragraph_styles

NBSP = "\u00a0"
_GRID_TOP, _GRID_BOTTOM = 2, 3  # a grid's cell padding
_CELL_PADDING = 6  # reportlab's own, left and right


def _exam_styles(theme: Theme, language: str) -> dict:
    styles = paragraph_styles(theme, language)
    body = styles["body"]
    # No hyphenation in questions: a split word is harder to read under stress.
    question = body.clone("question", alignment=TA_LEFT, hyphenationLang="", leftIndent=INDENT,
                          firstLineIndent=-INDENT, spaceAfter=3)
    styles.update({
        "body": body.clone("examBody", hyphenationLang="", alignment=TA_LEFT),
        "question": question,
        "choice": question.clone("choice", leftIndent=0, firstLineIndent=0, spaceAfter=0),
        "hint": styles["small"].clone("hint", leftIndent=INDENT, textColor=theme.colour("muted"),
                                      fontName=face(theme.body_font, italic=True), spaceAfter=3),
        "case": question.clone("case", leftIndent=0, firstLineIndent=0),
        "field": styles["label"].clone("field", fontSize=theme.sizes["body"]),
        "code": styles["title"].clone("code", alignment=1, fontSize=theme.sizes["title"] * 0.9),
    })
    return styles


def children(elem: ET.Element, ctx: ExamContext) -> list:
    """The flowables of `elem`'s children, exam builders first, then the handouts' own."""
    out: list = []
    for child in elem:
        builder = EXAM_BUILDERS.get(child.tag) or BUILDERS.get(child.tag)
        if builder is not None:
            out.extend(builder(child, ctx))
    return out


def each_block(elem: ET.Element, ctx: ExamContext) -> Iterator[list]:
    """`children(elem, ctx)` a block at a time, a part's blocks too: for a long document
    whose flowables need not all exist at once (the overview of a thousand versions)."""
    for child in elem:
        if child.tag == "part":
            yield [PartStart(int(child.get("index", "0")), child.get("code", ""))]
            yield from each_block(child, ctx)
            continue
        builder = EXAM_BUILDERS.get(child.tag) or BUILDERS.get(child.tag)
        if builder is not None:
            yield builder(child, ctx)


def _grid(rows: list[list], widths: list[float], ctx: ExamContext, extra: tuple = ()) -> Table:
    style = _table_style(ctx, ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                         ("RIGHTPADDING", (0, 0), (-1, -1), 4), ("TOPPADDING", (0, 0), (-1, -1), 1),
                         ("BOTTOMPADDING", (0, 0), (-1, -1), 3), *extra)
    return Table(rows, colWidths=widths, style=style, hAlign="LEFT")


def _table_style(ctx: ExamContext, *commands: tuple) -> TableStyle:
    # reportlab sets its cells' font, Helvetica unless told, before each table's first cell.
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), ctx.theme.body_font), *commands])


def _choice_text(choice: ET.Element, ctx: ExamContext) -> Flowable:
    return _lettered(choice.get("letter", ""), 2, ctx.text(choice), ctx)


def _lettered(label: str, gap: int, text: str, ctx: ExamContext) -> Flowable:
    """`label` in bold, `gap` non-breaking spaces, then `text`, as one paragraph would
    set them. The text is a paragraph of its own, the same whatever its letter in a
    version: it is broken into lines once per exam, and drawn more cheaply. Every
    letter gets the room of the widest, so the options' texts line up. The
    exam's shared flowable: a document lays out its `own_copy`."""
    style = ctx.styles["choice"]
    font = tt2ps(style.fontName, 1, 0)
    room = max(stringWidth(c, font, style.fontSize) for c in _WIDE) if len(label) == 1 else \
        stringWidth(label, font, style.fontSize)
    indent = room + gap * stringWidth(NBSP, style.fontName, style.fontSize)
    if font == style.fontName or not _TAG.sub("", text).strip():  # nothing to set apart
        return ctx.shared.paragraph(f"<b>{label}</b>{NBSP * gap}{text}", "choice")
    words = ctx.shared.paragraph(text, ctx.shared.indented("choice", indent))
    return ctx.shared.made(Lettered, label, font, style.leftIndent + style.firstLineIndent, words)


_TAG = re.compile(r"<[^>]*>")
_WIDE = "MW"  # the widest capitals


def choices(elem: ET.Element, ctx: ExamContext) -> list:
    return [own_copy(ctx.shared.made(Choice, _choice_text(c, ctx), INDENT, True)) for c in elem.findall("choice")]


def items(elem: ET.Element, ctx: ExamContext) -> list:
    return [own_copy(ctx.shared.made(Choice, _choice_text(c, ctx), INDENT, False)) for c in elem.findall("choice")]


def order(elem: ET.Element, ctx: ExamContext) -> list:
    """Numbered boxes for the letters in order, in as many rows as the width needs."""
    count = int(elem.get("count", "0"))
    style = ctx.styles["choice"]
    widest = max((stringWidth(f"{n}.", style.fontName, style.fontSize) for n in range(1, count + 1)), default=0)
    number = max(6 * mm, widest + 4 + 3)  # the cell's right padding, and a little room
    box = max(9 * mm, style.fontSize * 2.2)  # room for a handwritten letter
    per_row = max(1, int((ctx.width - INDENT) // (number + box + 3 * mm)))
    rows = []
    for first in range(1, count + 1, per_row):
        row: list = [""]
        for n in range(first, min(first + per_row, count + 1)):
            row += [ctx.paragraph(f"{n}.", "choice"), TickBox(box * 2 / 3, box)]
        rows.append(row + ["", ""] * (per_row - (len(row) - 1) // 2))
    widths = [INDENT] + [number, box + 3 * mm] * per_row
    return [Spacer(0, 2), _grid(rows, widths, ctx, (("BOTTOMPADDING", (0, 0), (-1, -1), 5),))]


def number(elem: ET.Element, ctx: ExamContext) -> list:
    """A numeric answer: a box to write the number in, then its unit (paragraph markup,
    as the key's answer: `m^2^` a superscript in both)."""
    unit = elem.get("unit", "")
    cells = ["", TickBox(9 * mm, _NUMBER_BOX), ctx.paragraph(unit, "choice") if unit else ""]
    widths = [INDENT, _NUMBER_BOX + 3 * mm, ctx.width - INDENT - _NUMBER_BOX - 3 * mm]
    return [Spacer(0, 2), _grid([cells], widths, ctx, (("VALIGN", (0, 0), (-1, -1), "MIDDLE"),))]


_NUMBER_BOX = 40 * mm  # room for a number of some ten digits, written by hand


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def matching(elem: ET.Element, ctx: ExamContext) -> list:
    prompts, answers = elem.findall("prompt"), elem.findall("choice")
    half = (ctx.width - INDENT - 14 * mm) / 2
    rows = []
    for i in range(max(len(prompts), len(answers))):
        left: list = ["", "", ""]
        if i < len(prompts):
            p = prompts[i]
            left = [own_copy(_lettered(f"{p.get('n')}.", 1, ctx.text(p), ctx)),
                    TickBox(6 * mm, 9 * mm), ""]
        right = own_copy(_choice_text(answers[i], ctx)) if i < len(answers) else ""
        rows.append(["", *left, right])
    return [_grid(rows, [INDENT, half, 10 * mm, 4 * mm, half], ctx)]


def lines(elem: ET.Element, ctx: ExamContext) -> list:
    count = int(elem.get("n", "4"))
    return [Spacer(0, LINE_GAP * 0.6), AnswerSpace(count * LINE_GAP, count, ctx.theme.colour("rule"))]


def box(elem: ET.Element, ctx: ExamContext) -> list:
    return [Spacer(0, 4), AnswerSpace(float(elem.get("height", "4")) * 10 * mm, 0, ctx.theme.colour("rule"))]


def hint(elem: ET.Element, ctx: ExamContext) -> list:
    return [ctx.para(elem, "hint")]


def question(elem: ET.Element, ctx: ExamContext) -> list:
    # A question never splits across pages: its parts move together.
    return [Together(_question_parts(elem, ctx), elem.get("n", "")), Spacer(0, ctx.styles["body"].leading * 0.8)]


def _question_parts(elem: ET.Element, ctx: ExamContext) -> list:
    stem = elem.find("stem")
    muted = ctx.theme.colour("muted").hexval()[2:]
    points = elem.get("points-label", "").replace(" ", NBSP)  # "(1 punt)" never breaks
    head = (f"<b>{elem.get('n', '')}.</b>\u00a0{ctx.text(stem) if stem is not None else ''}"
            f' <font color="#{muted}" size="{ctx.theme.sizes["small"]}">({points})</font>')
    flowables = [ctx.paragraph(head, "question")]
    for child in elem:
        if child.tag == "figure":
            width, most = figure_sizes(float(child.get("width", FIGURE_SHARE)), ctx.width)
            # wider than asked, up to the room beside the number, when its text would print below 6 pt
            picture = figure_flowable(child.get("path", ""), width, most, ctx.theme, src(child),
                                      least_text=LEAST_LABEL_SIZE)
            flowables.extend(_indented([Spacer(0, 3), picture, Spacer(0, 3)], ctx))
        elif child.tag != "stem" and child.tag in EXAM_BUILDERS:
            flowables.extend(EXAM_BUILDERS[child.tag](child, ctx))
    return flowables


FIGURE_SHARE = 0.6  # a question's figure, of the room beside its number (exam/question.xml.j2)


def figure_sizes(share: float, column: float) -> tuple[float, float]:
    """A question's figure: its width, and the most it may take (the room beside the number)."""
    return (column - INDENT) * share, column - INDENT


def figure_warnings(figures: dict[str, list[str]], refs: dict[str, SourceRef], theme: Theme) -> list[Diagnostic]:
    """A warning at the question for every figure whose text would print below 6 pt
    (`label_size_warning`), at the width every version gives it."""
    width, most = figure_sizes(FIGURE_SHARE, column_width(theme))
    found = []
    for question, paths in figures.items():
        for path in dict.fromkeys(paths):
            warning = label_size_warning(path, width, most, theme, refs[question], width_written=False)
            if warning is not None:
                found.append(warning)
    return found


def _indented(flowables: list, ctx: ExamContext) -> list:
    return [_grid([["", f]], [INDENT, ctx.width - INDENT], ctx) for f in flowables]


def case(elem: ET.Element, ctx: ExamContext) -> list:
    head = [ctx.paragraph(f"<b>{elem.get('title', '')}</b>", "case")]
    head += [ctx.para(p, "case") for p in elem.findall("p")]
    questions = elem.findall("question")
    frame = _table_style(ctx, ("BOX", (0, 0), (-1, -1), 0.6, ctx.theme.colour("rule")),
                         ("LEFTPADDING", (0, 0), (-1, -1), 8), ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                         ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 6))
    text = Table([[head]], colWidths=[ctx.width], style=frame, hAlign="LEFT")
    if not questions:
        return [text]
    # The case text never stands alone: it keeps its first question with it.
    first = Together([text, Spacer(0, 6), *_question_parts(questions[0], ctx)], questions[0].get("n", ""))
    gap = Spacer(0, ctx.styles["body"].leading * 0.8)
    return [first, gap, *[f for q in questions[1:] for f in question(q, ctx)]]


def examhead(elem: ET.Element, ctx: ExamContext) -> list:
    out = [ctx.para(child, child.tag) for child in elem if child.tag in ("kicker", "title", "subtitle", "byline")]
    fields = elem.find("fields")
    if fields is not None:
        out += [Spacer(0, 6), _fields(fields, ctx)]
    marker = elem.find("marker")
    if marker is not None:
        out += [Spacer(0, 8), _marker(marker, ctx)]
    return [Together(out), Spacer(0, 10)]


def _fields(fields: ET.Element, ctx: ExamContext) -> Table:
    """Name, student number (and class) on lines to write on, the version badge beside."""
    rule = ctx.theme.colour("text")
    para = ctx.paragraph
    named = [(fields.get(f"{key}-label", ""), fields.get(key, "")) for key in ("name", "number", "class")
             if key != "class" or fields.get("class-label")]
    # The labels' column fits the longest label whole: "Studentnummer" is never broken.
    field = ctx.styles["field"]
    labels = max(38 * mm, max(stringWidth(label, field.fontName, field.fontSize) for label, _ in named) + 6 * mm)
    rows = [[para(_escaped(label), "field"), para(_escaped(value), "choice"), ""] for label, value in named]
    badge = Table([[para(fields.get("version-label", ""), "small")], [para(fields.get("code", ""), "code")]],
                  colWidths=[28 * mm], style=_table_style(
                      ctx, ("BOX", (0, 0), (-1, -1), 1.2, ctx.theme.colour("accent")),
                      ("ALIGN", (0, 0), (-1, -1), "CENTER")))
    rows[0][2] = badge
    last = len(rows) - 1
    return _grid(rows, [labels, ctx.width - labels - 38 * mm, 38 * mm], ctx,
                 (("LINEBELOW", (1, 0), (1, last), 0.6, rule), ("TOPPADDING", (0, 0), (1, -1), 9),
                  ("SPAN", (2, 0), (2, min(1, last))), ("ALIGN", (2, 0), (2, 1), "RIGHT"),
                  ("RIGHTPADDING", (2, 0), (2, -1), 0)))  # the badge ends at the text edge


def _marker(marker: ET.Element, ctx: ExamContext) -> Table:
    """A framed box for the marker: points scored out of the total, and the grade."""
    para, rule = ctx.paragraph, ctx.theme.colour("text")
    field = ctx.styles["field"]
    points, grade = marker.get("points-label", ""), marker.get("grade-label", "")
    label = max(stringWidth(t, field.fontName, field.fontSize) for t in (points, grade)) + 6 + 6 + 2 * mm
    total = f"/ {marker.get('total', '')}"
    rows = [[para(_escaped(marker.get("label", "")), "small"), "", ""],
            [para(_escaped(points), "field"), "", para(total, "field")],
            [para(_escaped(grade), "field"), "", ""],
            ["", "", ""]]  # room under the last line to write on, inside the frame
    tail = stringWidth(total, field.fontName, field.fontSize) + 8 * mm
    widths = [label, 30 * mm, tail]
    return Table(rows, colWidths=widths, hAlign="RIGHT", style=_table_style(
        ctx, ("BOX", (0, 0), (-1, -1), 1, rule), ("SPAN", (0, 0), (-1, 0)),
        ("LINEBELOW", (1, 1), (1, 2), 0.6, rule), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("TOPPADDING", (0, 1), (-1, -1), 10), ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4), ("TOPPADDING", (0, -1), (-1, -1), 2)))


def paragraph(elem: ET.Element, ctx: ExamContext) -> list:
    return [ctx.paragraph(ctx.text(elem), "body")]


def grid(elem: ET.Element, ctx: ExamContext) -> list:
    """A table with declared column widths (in % of the column): cheaper than `table`."""
    widths = [ctx.width * float(w) / 100 for w in elem.get("widths", "").split(",") if w]
    rows, header = [], 0
    for row in elem.findall("row"):
        style = "cellhead" if row.get("header") == "1" else "cell"
        header += row.get("header") == "1"
        rows.append([ctx.shared.paragraph(ctx.text(cell), style) for cell in row.findall("cell")])
    if not rows:
        return []
    widths = _fitted(widths, rows)
    # The same grid in many documents (a key's blueprint) is planned and styled once,
    # and drawn once: each document lays out a table of its own, of its own copies of
    # the cells, which replays the drawings of the first (layout/replay.py).
    key = ("grid", tuple(widths), header, tuple(tuple(cells) for cells in rows))
    plan = ctx.shared.once(key, lambda: _GridPlan(rows, widths, header, ctx), recent=True)
    table = Table([[own_copy(c) if isinstance(c, Flowable) else c for c in row] for row in plan.rows],
                  colWidths=widths or None, repeatRows=header, style=plan.style, hAlign="LEFT")
    table.replay_as = plan
    return [table, Spacer(0, 8)]


def _fitted(widths: list[float], rows: list[list]) -> list[float]:
    """The column widths, each widened to hold its longest word whole (large print:
    "matching" in a narrow column), taken from the columns with room to spare. The
    smallest needs come first; a column whose word is longer than any room left
    keeps its width (reportlab breaks that word in any case)."""
    if not widths:
        return widths
    need = [0.0] * len(widths)
    for cells in rows:
        for i, cell in enumerate(cells[:len(widths)]):
            need[i] = max(need[i], _longest_word(cell) + 2 * _CELL_PADDING)
    spare = {i: w - n for i, (n, w) in enumerate(zip(need, widths, strict=True)) if n < w}
    room, granted = sum(spare.values()), dict[int, float]()
    for i in sorted((i for i, (n, w) in enumerate(zip(need, widths, strict=True)) if n > w),
                    key=lambda i: need[i] - widths[i]):
        if need[i] - widths[i] <= room - sum(granted.values()):
            granted[i] = need[i] - widths[i]
    if not granted:
        return widths
    share = sum(granted.values()) / room
    return [w + granted.get(i, 0.0) - spare.get(i, 0.0) * share for i, w in enumerate(widths)]


def _longest_word(cell: Para) -> float:
    style = cell.style
    font = tt2ps(style.fontName, 1, 0) if "<b>" in cell.text else style.fontName
    words = unescape(_TAG.sub("", cell.text)).split()
    return max((stringWidth(w, font, style.fontSize) for w in words), default=0.0)


class _GridPlan:
    """A grid's cells (the exam's shared paragraphs, or plain strings) and its style;
    it also keeps the recorded drawings of the tables made from it."""

    def __init__(self, rows: list[list], widths: list[float], header: int, ctx: ExamContext):
        c = ctx.theme.colours
        style = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), _GRID_TOP),
                 ("BOTTOMPADDING", (0, 0), (-1, -1), _GRID_BOTTOM), ("LINEBELOW", (0, 0), (-1, -1), 0.4, c["rule"])]
        if header:
            style.append(("BACKGROUND", (0, 0), (-1, header - 1), c["accent"]))
        self.rows = [list(cells) for cells in rows]
        if widths:
            style += _plain_rows(self.rows, widths)
        self.style = _table_style(ctx, *style)


def _plain_rows(rows: list[list], widths: list[float]) -> list[tuple]:
    """Rows of a grid whose cells are all one line in one same font become plain
    strings, which a table sets at a fraction of a paragraph's cost. The rows' padding
    moves the strings' baseline to where the paragraphs had theirs (a table puts it a
    font size below the top, a paragraph its ascent): the page looks the same."""
    runs: list[list] = []  # [first row, last row, font]
    for r, cells in enumerate(rows):
        probes = [own_copy(cell) if isinstance(cell, Para) else cell for cell in cells]
        font = _plain_font(probes, widths)
        if font is None:
            continue
        rows[r] = [probe.one_line() for probe in probes]
        if runs and runs[-1][1] == r - 1 and runs[-1][2] == font:
            runs[-1][1] = r
        else:
            runs.append([r, r, font])
    commands = []
    for first, last, (name, size, leading, colour, ascent) in runs:
        area = (0, first), (-1, last)
        commands += [("FONT", *area, name, size, leading), ("TEXTCOLOR", *area, colour),
                     ("TOPPADDING", *area, _GRID_TOP + ascent - size),
                     ("BOTTOMPADDING", *area, _GRID_BOTTOM - (ascent - size))]
    return commands


def _plain_font(cells: list, widths: list[float]) -> tuple | None:
    font = None
    for cell, width in zip(cells, widths, strict=False):
        if not isinstance(cell, Para) or cell.style.leftIndent or cell.style.firstLineIndent:
            return None
        cell.wrap(width - 2 * _CELL_PADDING, 0xFFFFFF)  # as the table will ask
        if cell.one_line() is None:
            return None
        lines = cell.blPara
        this = (lines.fontName, lines.fontSize, cell.style.leading, lines.textColor, cell.ascent())
        if font not in (None, this):
            return None
        font = this
    return font if len(cells) == len(widths) else None


def keyitem(elem: ET.Element, ctx: ExamContext) -> list:
    return [Together(children(elem, ctx)), Spacer(0, 4)]


def part(elem: ET.Element, ctx: ExamContext) -> list:
    return [PartStart(int(elem.get("index", "0")), elem.get("code", "")), *children(elem, ctx)]


EXAM_BUILDERS = {
    "part": part,
    "examhead": examhead,
    "question": question,
    "case": case,
    "choices": choices,
    "items": items,
    "order": order,
    "number": number,
    "matching": matching,
    "lines": lines,
    "box": box,
    "hint": hint,
    "keyitem": keyitem,
    "p": paragraph,
    "grid": grid,
}

_EXAM_BLOCKS = frozenset(EXAM_BUILDERS) | BLOCKS  # what `children` builds
_TEXT = tag("", INLINE)

# Every tag and attribute of an exam's markup (a version, a key, the overview): the
# handout's blocks and the exam's own, as the builders above read them.
EXAM_MARKUP = MarkupTable({
    **HANDOUT_MARKUP.tags,
    "exam": tag("lang title subject header-left header-right page-label blank-label", _EXAM_BLOCKS),
    "part": tag("index code", _EXAM_BLOCKS),
    "examhead": tag("", "kicker title subtitle byline fields marker"),
    "fields": tag("name-label number-label name number version-label code class-label class"),
    "marker": tag("label points-label total grade-label"),
    "question": tag("n type points-label", "stem figure hint choices items order number matching lines box"),
    "stem": _TEXT,
    "hint": _TEXT,
    "choices": tag("", "choice"),
    "items": tag("", "choice"),
    "choice": tag("letter", INLINE),
    "matching": tag("", "prompt choice"),
    "prompt": tag("n", INLINE),
    "order": tag("count"),
    "number": tag("unit"),
    "lines": tag("n"),
    "box": tag("height"),
    "case": tag("title", "p question"),
    "keyitem": tag("", _EXAM_BLOCKS),
    "grid": tag("widths", "row"),
}, frozenset({"exam"}))


class ExamLayout:
    """What every document of one exam shares, in one process: the styles, and each
    paragraph, parsed and broken into lines once however many versions repeat it."""

    def __init__(self, theme: Theme, language: str):
        self.theme, self.language = theme, language
        self.styles = _exam_styles(theme, language)
        self._paragraphs: dict[tuple[str, str], Para] = {}
        self._made: dict[tuple, Flowable] = {}
        self._recent: OrderedDict[tuple, Any] = OrderedDict()

    def paragraph(self, text: str, style: str) -> Para:
        """The exam's paragraph of `text` in `style`: a document lays out its `own_copy`."""
        known = self._paragraphs.get((text, style))
        if known is None:
            if len(self._paragraphs) >= _KEPT_PARAGRAPHS:  # a roster of thousands: start afresh
                self._paragraphs.clear()
                self._made.clear()
                self._recent.clear()
            known = self._paragraphs[text, style] = Para(text, self.styles[style])
        return known

    def made(self, kind: type[Flowable], *args: Any) -> Flowable:
        """`kind(*args)`, one for the exam: an option reappears in every version, and
        one flowable draws once and is replayed after (layout/replay.py). Flowables in
        `args` are told apart by identity: they are the shared paragraphs."""
        return self.once((kind, *args), lambda: kind(*args))

    def once(self, key: tuple, make: Callable[[], Any], recent: bool = False) -> Any:
        """The flowable made for `key`, made by `make()` the first time. With `recent`,
        kept only while among the last few made so: for what only some documents
        repeat (a key's blueprint, yes; its answers table, rarely)."""
        kept = self._recent if recent else self._made
        known = kept.get(key)
        if known is None:
            known = kept[key] = make()
            if recent and len(kept) > _KEPT_RECENT:
                self._recent.popitem(last=False)
        elif recent:
            self._recent.move_to_end(key)
        return known

    def indented(self, style: str, more: float) -> str:
        """The name of `style` with every line indented `more`: text after a label
        (an option's letter) hangs under its own first word, not under the label."""
        name = f"{style}+{more!r}"
        if name not in self.styles:
            base = self.styles[style]
            self.styles[name] = base.clone(name, leftIndent=base.leftIndent + more)
        return name


_KEPT_PARAGRAPHS = 20000
_KEPT_RECENT = 16  # grids


@dataclass
class ExamContext(Context):
    shared: ExamLayout = field(kw_only=True)

    def para(self, elem: ET.Element, style: str) -> Paragraph:
        return self.paragraph(self.text(elem), style)

    def text(self, elem: ET.Element) -> str:
        # Most exam texts are plain: no child tags to write out, no marks to resolve.
        if len(elem):
            text = inner(elem)
            return super().text(elem) if "<fn" in text or "<figref" in text else text
        return (elem.text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").strip()

    def paragraph(self, text: str, style: str) -> Paragraph:
        return own_copy(self.shared.paragraph(text, style))


def own_copy(shared: Flowable) -> Flowable:
    """A document's own copy of one of the exam's shared flowables (and of the
    flowables it is made of, named in its `parts`): the layout state reportlab keeps
    on a flowable stays in one document. The copies share the parsed text, the line
    breaks per width (`Para`) and the recorded drawings (layout/replay.py), which the
    layout does not change."""
    shared.__dict__.setdefault("_recordings", {})
    if isinstance(shared, Para):
        shared.__dict__.setdefault("_line_breaks", {})
    clone = object.__new__(type(shared))  # copy.copy, without its generic machinery
    clone.__dict__.update(shared.__dict__)
    for name in getattr(shared, "parts", ()):
        setattr(clone, name, own_copy(getattr(shared, name)))
    return clone
