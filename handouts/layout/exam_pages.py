"""Exam pages: the version code and "page X of Y" on every page, name and number
fields on page 1, questions that never split across pages, tick boxes and answer
space drawn as vector shapes.

One document may hold several parts (the print file: every version in turn); each
part counts its own pages and starts on a right-hand (odd) page. Page totals come
from `ExamCanvas`, which holds the pages back until the end, so one pass suffices;
when the totals are known already (the print file, after the single versions were
built), each footer is drawn at once and no page is held back.

The print file lays nothing out again: a version's document records what each of
its pages drew where (`RecordingFrame`), and the print file draws those same
flowables in the same places (`PlacedPage`). The documents of one exam share their
styles and paragraphs (`ExamLayout`), so each text is parsed and broken into lines
once, however many versions and keys repeat it.
"""

from __future__ import annotations

import copy
import io
import itertools
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.fonts import tt2ps
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import ActionFlowable
from reportlab.platypus.flowables import Flowable
from reportlab.rl_config import paraFontSizeHeightOffset

from handouts.language import PDF_LANG
from handouts.layout.blocks import BUILDERS, Context
from handouts.layout.figures import figure_flowable
from handouts.layout.fonts import face
from handouts.layout.handout import Laid
from handouts.layout.markup import inner, parse_markup, src
from handouts.layout.theme import Theme, paragraph_styles

INDENT = 8 * mm  # questions hang their text after the number
BOX = 3.6 * mm  # a tick box
LINE_GAP = 9 * mm  # between answer lines
NBSP = "\u00a0"
_GRID_TOP, _GRID_BOTTOM = 2, 3  # a grid's cell padding
_CELL_PADDING = 6  # reportlab's own, left and right


class ExamCanvas(Canvas):
    """Keeps every page until `save`, then draws each footer knowing its part's total."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []
        self.footer: tuple[int, int] | None = None  # (part, page in part) of this page
        self.draw_footer = None  # callback(canvas, part, page, pages)

    def showPage(self):
        self._pages.append(dict(self.__dict__))
        self._startPage()
        self.footer = None

    def save(self):
        totals: dict[int, int] = {}
        for state in self._pages:
            if state["footer"]:
                part, page = state["footer"]
                totals[part] = max(totals.get(part, 0), page)
        for state in self._pages:
            self.__dict__.update(state)
            if self.footer and self.draw_footer:
                self.draw_footer(self, *self.footer, totals[self.footer[0]])
            super().showPage()
        super().save()


class PartStart(ActionFlowable):
    """Begins a part (a version); from the second on, on a fresh odd page."""

    def __init__(self, index: int, code: str, placed: bool = False):
        super().__init__(("partStart", index, code))
        self.index, self.code, self.placed = index, code, placed


class BlankPage(ActionFlowable):
    def __init__(self):
        super().__init__(("blankPage",))


class ExamDoc(BaseDocTemplate):
    def __init__(self, target: Any, *, theme: Theme, styles: dict, header: tuple[str, str],
                 page_label: str, blank_label: str, **meta: Any):
        self.theme, self.styles = theme, styles
        self.header, self.page_label, self.blank_label = header, page_label, blank_label
        self.part, self.code, self.part_start, self.blank = 0, "", 1, False
        self.codes: list[str] = []  # per part, for the footers
        self.totals: list[int] | None = None  # pages per part, when known beforehand
        self.attributes: dict[str, str] = {}  # of the markup's root: title, header, labels
        self.pages: list[list[tuple]] | None = None  # when recording: what each page drew where
        self.placed: list[tuple] = []  # this page's, so far
        self.drawing = True  # False: record the places only
        p = theme.page
        width, height = A4
        self.text_width = width - p["left"] - p["right"]
        super().__init__(target, pagesize=A4, leftMargin=p["left"], rightMargin=p["right"],
                         topMargin=p["top"], bottomMargin=p["bottom"], invariant=1,
                         initialFontName=theme.body_font, initialFontSize=theme.sizes["body"],
                         **meta)
        frame = RecordingFrame(p["left"], p["bottom"], self.text_width, height - p["top"] - p["bottom"],
                               leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="text")
        frame.doc = self
        self.addPageTemplates([PageTemplate("page", [frame], onPageEnd=self._finish)])

    def record(self) -> None:
        """Note what each page draws where, for `recorded` after the build."""
        self.pages, self.placed = [], []

    def recorded(self) -> RecordedPart:
        return RecordedPart(self.codes[0] if self.codes else "", self.attributes, self.pages or [])

    def multiBuild(self, story, maxPasses=10, **kwargs):  # noqa: D102 - reportlab's verb
        # One pass is enough: page totals come from the canvas, or are known. (And a
        # lazy story must not be copied, as multiBuild does.)
        return self.build(story, **kwargs)

    def build(self, flowables, **kwargs):  # noqa: D102 - reportlab's verb
        kwargs.setdefault("canvasmaker", Canvas if self.totals is not None else ExamCanvas)
        return super().build(flowables, **kwargs)

    def filterFlowables(self, flowables):
        first = flowables[0]
        if isinstance(first, PartStart) and first.index > 0 and not first.placed:
            # The next page is self.page + 1; a right-hand page is an odd one.
            blank = [BlankPage(), PageBreak()] if (self.page + 1) % 2 == 0 else []
            flowables[0:1] = [PageBreak(), *blank, PartStart(first.index, first.code, True)]

    def handle_partStart(self, index: int, code: str) -> None:
        self.part, self.code, self.part_start = index, code, self.page

    def handle_blankPage(self) -> None:
        self.blank = True

    def _finish(self, canvas: ExamCanvas, doc: Any) -> None:
        if self.pages is not None:
            self.pages.append(self.placed)
            self.placed = []
            if not self.drawing:
                return
        width, height = self.pagesize
        p, style = self.theme.page, self.styles["header"]
        canvas.saveState()
        canvas.setFont(style.fontName, style.fontSize)
        canvas.setFillColor(style.textColor)
        if self.blank:
            canvas.drawCentredString(width / 2, height / 2, self.blank_label)
            self.blank = False
            canvas.restoreState()
            return
        y = height - p["top"] + 10
        canvas.drawString(p["left"], y, self.header[0])
        canvas.drawRightString(width - p["right"], y, self.header[1].format(code=self.code))
        canvas.setStrokeColor(self.theme.colour("rule"))
        canvas.setLineWidth(0.5)
        canvas.line(p["left"], y - 4, width - p["right"], y - 4)
        canvas.restoreState()
        page = self.page - self.part_start + 1
        if self.totals is not None:
            self._footer(canvas, self.part, page, self.totals[self.part])
        else:
            canvas.footer = (self.part, page)
            canvas.draw_footer = self._footer

    def _footer(self, canvas: Canvas, part: int, page: int, pages: int) -> None:
        width, _ = self.pagesize
        p, style = self.theme.page, self.styles["header"]
        code = self.codes[part] if part < len(self.codes) else ""
        canvas.saveState()
        canvas.setFont(style.fontName, style.fontSize)
        canvas.setFillColor(style.textColor)
        canvas.drawRightString(width - p["right"], p["bottom"] - 14,
                               self.page_label.format(code=code, page=page, pages=pages))
        canvas.restoreState()


# ---- flowables -----------------------------------------------------------------


class Para(Paragraph):
    """A paragraph that keeps its broken lines per width. One exam's documents share
    their paragraphs (see `ExamLayout`), and KeepTogether, the frame and tables all
    ask again: line breaking happens once per text and width."""

    def wrap(self, availWidth, availHeight):
        known = self.__dict__.setdefault("_lines", {})
        hit = known.get(availWidth)
        if hit is None:
            size = super().wrap(availWidth, availHeight)
            if hasattr(self, "blPara"):  # reportlab skips breaking in a too-narrow space
                known[availWidth] = (self._wrapWidths, self.blPara, self.height)
            return size
        self.width = availWidth
        self._wrapWidths, self.blPara, self.height = hit
        return availWidth, self.height

    def one_line(self) -> str | None:
        """The text, when this paragraph (wrapped) is one line in one font, left aligned:
        then a plain string drawn at `ascent()` below the top looks the same."""
        lines, style = self.blPara, self.style
        if (lines.kind == 0 and len(lines.lines) == 1 and lines.lines[0][0] > -1e-8
                and not (lines.us_lines or lines.link or self.bulletText or style.backColor
                         or style.borderWidth or style.wordWrap or getattr(style, "autoLeading", "") not in ("", "off")
                         or style.alignment != TA_LEFT or hasattr(self, "_offsets"))):
            return " ".join(lines.lines[0][1])
        return None

    def ascent(self) -> float:
        """How far below its top reportlab sets the first line's baseline."""
        lines = self.blPara if self.blPara.kind == 0 else self.blPara.lines[0]
        return lines.fontSize if paraFontSizeHeightOffset else getattr(lines, "ascent", lines.fontSize)

    def draw(self):
        # Most exam paragraphs are one line in one font (options, hints): set those as
        # one string, as reportlab would, without its general machinery.
        text = self.one_line()
        if text is None:
            return super().draw()
        lines, style, canvas = self.blPara, self.style, self.canv
        canvas.setFillColor(lines.textColor)
        canvas.setFont(lines.fontName, lines.fontSize, style.leading)
        canvas.drawString(style.leftIndent + style.firstLineIndent, self.height - self.ascent(), text)


class Together(KeepTogether):
    """Flowables that never split across pages. Unlike KeepTogether, which the frame
    always takes apart, it is placed and drawn as one flowable while it fits: fewer
    placements, and no copy of the frame to measure it. Spacing is the frame's own
    (space before and after overlap), so the parts stand where the frame would put them;
    what does not fit splits as KeepTogether does."""

    def wrap(self, availWidth, availHeight):
        canv = getattr(self, "canv", None)
        sizes = [f.wrapOn(canv, availWidth, 0xFFFFFFF) for f in self._content]
        height, after = 0.0, None
        for f, (_, h) in zip(self._content, sizes, strict=True):
            if after is not None:
                height += after + max(f.getSpaceBefore() - after, 0)
            after = f.getSpaceAfter()
            height += h
        self._sizes, self._H, self._H0 = sizes, height, sizes[0][1] if sizes else 0
        self._wrapInfo = availWidth, availHeight
        self.width, self.height = availWidth, height
        return availWidth, height

    def draw(self):
        y, after = self.height, None
        for f, (w, h) in zip(self._content, self._sizes, strict=True):
            if after is not None:
                y -= after + max(f.getSpaceBefore() - after, 0)
            y -= h
            f.drawOn(self.canv, 0, y, _sW=self.width - w)
            after = f.getSpaceAfter()


class Lettered(Flowable):
    """A bold label drawn before the first line of a paragraph indented to make room."""

    def __init__(self, label: str, font: str, x: float, text: Paragraph):
        super().__init__()
        self.label, self.font, self.x, self.text, self.style = label, font, x, text, text.style

    def wrap(self, availWidth, availHeight):
        self.width, self.height = self.text.wrap(availWidth, availHeight)
        return self.width, self.height

    def draw(self):
        style = self.style
        self.canv.setFillColor(style.textColor)
        self.canv.setFont(self.font, style.fontSize)
        self.canv.drawString(self.x, self.height - self.text.ascent(), self.label)
        self.text.drawOn(self.canv, 0, 0)


class Choice(Flowable):
    """An option line: an optional tick box, then the lettered text, hanging indented."""

    def __init__(self, text: Flowable, indent: float, box: bool):
        super().__init__()
        self.text, self.indent, self.box = text, indent, box

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        offset = self.indent + (BOX + 3 * mm if self.box else 0)
        _, self.height = self.text.wrap(availWidth - offset, availHeight)
        self.height += 3
        return availWidth, self.height

    def draw(self):
        if self.box:  # beside the first line, its middle at the middle of the letters
            style = self.text.style
            baseline = self.height - style.fontSize  # where reportlab sets the first line
            self.canv.setLineWidth(0.7)
            self.canv.rect(self.indent, baseline + style.fontSize * 0.35 - BOX / 2, BOX, BOX)
        self.text.drawOn(self.canv, self.indent + (BOX + 3 * mm if self.box else 0), 3)


# ---- vector shapes -------------------------------------------------------------


class TickBox(Flowable):
    def __init__(self, size: float = BOX, width: float | None = None):
        super().__init__()
        self.size, self.box_width = size, width or size

    def wrap(self, availWidth, availHeight):
        return self.box_width, self.size

    def draw(self):
        self.canv.setLineWidth(0.7)
        self.canv.rect(0, 0, self.box_width, self.size, stroke=1, fill=0)


class AnswerSpace(Flowable):
    """Room to write: `lines` ruled lines, or (lines=0) an open box `height` high."""

    def __init__(self, height: float, lines: int, colour: Any):
        super().__init__()
        self.space, self.lines, self.colour = height, lines, colour

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        return availWidth, self.space

    def draw(self):
        self.canv.setStrokeColor(self.colour)
        self.canv.setLineWidth(0.5 if self.lines else 0.7)
        if not self.lines:
            self.canv.rect(INDENT, 0, self.width - INDENT, self.space, stroke=1, fill=0)
        for i in range(self.lines):
            self.canv.line(INDENT, i * LINE_GAP, self.width, i * LINE_GAP)


# ---- builders ------------------------------------------------------------------


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


def _children(elem: ET.Element, ctx: Context) -> list:
    out: list = []
    for child in elem:
        builder = EXAM_BUILDERS.get(child.tag) or BUILDERS.get(child.tag)
        if builder is not None:
            out.extend(builder(child, ctx))
    return out


def _grid(rows: list[list], widths: list[float], ctx: Context, extra: tuple = ()) -> Table:
    style = _table_style(ctx, ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                         ("RIGHTPADDING", (0, 0), (-1, -1), 4), ("TOPPADDING", (0, 0), (-1, -1), 1),
                         ("BOTTOMPADDING", (0, 0), (-1, -1), 3), *extra)
    return Table(rows, colWidths=widths, style=style, hAlign="LEFT")


def _table_style(ctx: Context, *commands: tuple) -> TableStyle:
    # reportlab sets its cells' font, Helvetica unless told, before each table's first cell.
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), ctx.theme.body_font), *commands])


def _choice_text(choice: ET.Element, ctx: Context) -> Flowable:
    return _lettered(choice.get("letter", ""), 2, ctx.text(choice), ctx)


def _lettered(label: str, gap: int, text: str, ctx: Context) -> Flowable:
    """`label` in bold, `gap` non-breaking spaces, then `text`, as one paragraph would
    set them. The text is a paragraph of its own, the same whatever its letter in a
    version: it is broken into lines once per exam, and drawn more cheaply."""
    style = ctx.styles["choice"]
    font = tt2ps(style.fontName, 1, 0)
    indent = stringWidth(label, font, style.fontSize) + gap * stringWidth(NBSP, style.fontName, style.fontSize)
    if font == style.fontName or not _TAG.sub("", text).strip():  # nothing to set apart
        return ctx.paragraph(f"<b>{label}</b>{NBSP * gap}{text}", "choice")
    words = ctx.paragraph(text, ctx.shared.indented("choice", indent))
    return Lettered(label, font, style.leftIndent + style.firstLineIndent, words)


_TAG = re.compile(r"<[^>]*>")


def choices(elem: ET.Element, ctx: Context) -> list:
    return [Choice(_choice_text(c, ctx), INDENT, True) for c in elem.findall("choice")]


def items(elem: ET.Element, ctx: Context) -> list:
    return [Choice(_choice_text(c, ctx), INDENT, False) for c in elem.findall("choice")]


def order(elem: ET.Element, ctx: Context) -> list:
    count = int(elem.get("count", "0"))
    row: list = [""]
    for n in range(1, count + 1):
        row += [ctx.paragraph(f"{n}.", "choice"), TickBox(6 * mm, 9 * mm)]
    widths = [INDENT] + [6 * mm, 12 * mm] * count
    return [Spacer(0, 2), _grid([row], widths, ctx)]


def matching(elem: ET.Element, ctx: Context) -> list:
    prompts, answers = elem.findall("prompt"), elem.findall("choice")
    half = (ctx.width - INDENT - 14 * mm) / 2
    rows = []
    for i in range(max(len(prompts), len(answers))):
        left: list = ["", "", ""]
        if i < len(prompts):
            p = prompts[i]
            left = [_lettered(f"{p.get('n')}.", 1, ctx.text(p), ctx),
                    TickBox(6 * mm, 9 * mm), ""]
        right = _choice_text(answers[i], ctx) if i < len(answers) else ""
        rows.append(["", *left, right])
    return [_grid(rows, [INDENT, half, 10 * mm, 4 * mm, half], ctx)]


def lines(elem: ET.Element, ctx: Context) -> list:
    count = int(elem.get("n", "4"))
    return [Spacer(0, LINE_GAP * 0.6), AnswerSpace(count * LINE_GAP, count, ctx.theme.colour("rule"))]


def box(elem: ET.Element, ctx: Context) -> list:
    return [Spacer(0, 4), AnswerSpace(float(elem.get("height", "4")) * 10 * mm, 0, ctx.theme.colour("rule"))]


def hint(elem: ET.Element, ctx: Context) -> list:
    return [ctx.para(elem, "hint")]


def question(elem: ET.Element, ctx: Context) -> list:
    # A question never splits across pages: its parts move together.
    return [Together(_question_parts(elem, ctx)), Spacer(0, ctx.styles["body"].leading * 0.8)]


def _question_parts(elem: ET.Element, ctx: Context) -> list:
    stem = elem.find("stem")
    muted = ctx.theme.colour("muted").hexval()[2:]
    head = (f"<b>{elem.get('n', '')}.</b>\u00a0{ctx.text(stem) if stem is not None else ''}"
            f' <font color="#{muted}" size="{ctx.theme.sizes["small"]}">({elem.get("points-label", "")})</font>')
    flowables = [ctx.paragraph(head, "question")]
    for child in elem:
        if child.tag == "figure":
            width = (ctx.width - INDENT) * float(child.get("width", "0.6"))
            picture = figure_flowable(child.get("path", ""), width, ctx.width, ctx.theme, src(child))
            flowables.extend(_indented([Spacer(0, 3), picture, Spacer(0, 3)], ctx))
        elif child.tag != "stem" and child.tag in EXAM_BUILDERS:
            flowables.extend(EXAM_BUILDERS[child.tag](child, ctx))
    return flowables


def _indented(flowables: list, ctx: Context) -> list:
    return [_grid([["", f]], [INDENT, ctx.width - INDENT], ctx) for f in flowables]


def case(elem: ET.Element, ctx: Context) -> list:
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
    first = Together([text, Spacer(0, 6), *_question_parts(questions[0], ctx)])
    gap = Spacer(0, ctx.styles["body"].leading * 0.8)
    return [first, gap, *[f for q in questions[1:] for f in question(q, ctx)]]


def examhead(elem: ET.Element, ctx: Context) -> list:
    out = [ctx.para(child, child.tag) for child in elem if child.tag in ("kicker", "title", "subtitle", "byline")]
    fields = elem.find("fields")
    if fields is not None:
        rule = ctx.theme.colour("text")
        para = ctx.paragraph
        rows = [[para(fields.get("name-label", ""), "field"), para(fields.get("name", ""), "choice")],
                [para(fields.get("number-label", ""), "field"), para(fields.get("number", ""), "choice")]]
        badge = Table([[para(fields.get("version-label", ""), "small")], [para(fields.get("code", ""), "code")]],
                      colWidths=[28 * mm], style=_table_style(
                          ctx, ("BOX", (0, 0), (-1, -1), 1.2, ctx.theme.colour("accent")),
                          ("ALIGN", (0, 0), (-1, -1), "CENTER")))
        grid = _grid([[rows[0][0], rows[0][1], badge], [rows[1][0], rows[1][1], ""]],
                     [38 * mm, ctx.width - 76 * mm, 38 * mm], ctx,
                     (("LINEBELOW", (1, 0), (1, 1), 0.6, rule), ("TOPPADDING", (0, 0), (1, -1), 9),
                      ("SPAN", (2, 0), (2, 1)), ("ALIGN", (2, 0), (2, 1), "RIGHT"),
                      ("RIGHTPADDING", (2, 0), (2, 1), 0)))  # the badge ends at the text edge
        out += [Spacer(0, 6), grid]
    return [Together(out), Spacer(0, 10)]


def paragraph(elem: ET.Element, ctx: Context) -> list:
    return [ctx.paragraph(ctx.text(elem), "body")]


def grid(elem: ET.Element, ctx: Context) -> list:
    """A table with declared column widths (in % of the column): cheaper than `table`."""
    widths = [ctx.width * float(w) / 100 for w in elem.get("widths", "").split(",") if w]
    rows, header = [], 0
    for row in elem.findall("row"):
        style = "cellhead" if row.get("header") == "1" else "cell"
        header += row.get("header") == "1"
        rows.append([ctx.paragraph(ctx.text(cell), style) for cell in row.findall("cell")])
    if not rows:
        return []
    c = ctx.theme.colours
    style = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), _GRID_TOP),
             ("BOTTOMPADDING", (0, 0), (-1, -1), _GRID_BOTTOM), ("LINEBELOW", (0, 0), (-1, -1), 0.4, c["rule"])]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, header - 1), c["accent"]))
    if widths:
        style += _plain_rows(rows, widths)
    table = Table(rows, colWidths=widths or None, repeatRows=header, style=_table_style(ctx, *style),
                  hAlign="LEFT")
    return [table, Spacer(0, 8)]


def _plain_rows(rows: list[list], widths: list[float]) -> list[tuple]:
    """Rows of a grid whose cells are all one line in one same font become plain
    strings, which a table sets at a fraction of a paragraph's cost. The rows' padding
    moves the strings' baseline to where the paragraphs had theirs (a table puts it a
    font size below the top, a paragraph its ascent): the page looks the same."""
    runs: list[list] = []  # [first row, last row, font]
    for r, cells in enumerate(rows):
        font = _plain_font(cells, widths)
        if font is None:
            continue
        rows[r] = [cell.one_line() for cell in cells]
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


def keyitem(elem: ET.Element, ctx: Context) -> list:
    return [Together(_children(elem, ctx)), Spacer(0, 4)]


def part(elem: ET.Element, ctx: Context) -> list:
    return [PartStart(int(elem.get("index", "0")), elem.get("code", "")), *_children(elem, ctx)]


EXAM_BUILDERS = {
    "part": part,
    "examhead": examhead,
    "question": question,
    "case": case,
    "choices": choices,
    "items": items,
    "order": order,
    "matching": matching,
    "lines": lines,
    "box": box,
    "hint": hint,
    "keyitem": keyitem,
    "p": paragraph,
    "grid": grid,
}


class ExamLayout:
    """What every document of one exam shares, in one process: the styles, and each
    paragraph, parsed and broken into lines once however many versions repeat it."""

    def __init__(self, theme: Theme, language: str):
        self.theme, self.language = theme, language
        self.styles = _exam_styles(theme, language)
        self._paragraphs: dict[tuple[str, str], Para] = {}

    def paragraph(self, text: str, style: str) -> Para:
        known = self._paragraphs.get((text, style))
        if known is None:
            if len(self._paragraphs) >= _KEPT_PARAGRAPHS:  # a roster of thousands: start afresh
                self._paragraphs.clear()
            known = self._paragraphs[text, style] = Para(text, self.styles[style])
        return known

    def indented(self, style: str, more: float) -> str:
        """The name of `style` with its first line indented `more`."""
        name = f"{style}+{more!r}"
        if name not in self.styles:
            base = self.styles[style]
            self.styles[name] = base.clone(name, firstLineIndent=base.firstLineIndent + more)
        return name


_KEPT_PARAGRAPHS = 20000


@dataclass
class ExamContext(Context):
    shared: ExamLayout | None = None

    def para(self, elem: ET.Element, style: str) -> Paragraph:
        return self.paragraph(self.text(elem), style)

    def text(self, elem: ET.Element) -> str:
        # Most exam texts are plain: no child tags to write out, no marks to resolve.
        if len(elem):
            text = inner(elem)
            return super().text(elem) if "<fn" in text or "<figref" in text else text
        return (elem.text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").strip()

    def paragraph(self, text: str, style: str) -> Paragraph:
        return self.shared.paragraph(text, style)


def lay_out_exam(markup: str, theme: Theme, template: str, shared: ExamLayout | None = None,
                 record: bool = False) -> Laid:
    """An exam document (a version, a key or the overview) from its block markup. With
    `record`, the document notes where it draws what (`doc.pages`, after rendering),
    so that the print file can draw the same pages again (`lay_out_parts`)."""
    root = parse_markup(markup, template)
    doc, ctx = _document(root.attrib, theme, shared)
    doc.codes = [p.get("code", "") for p in root.iter("part")]
    if record:
        doc.record()
    return Laid(doc, _children(root, ctx), doc.filename)


def record_pages(markup: str, theme: Theme, template: str, shared: ExamLayout | None = None) -> RecordedPart:
    """A version's pages as `lay_out_exam(..., record=True)` places them, without drawing
    them: for a print file whose versions were made in other processes."""
    laid = lay_out_exam(markup, theme, template, shared, record=True)
    laid.doc.drawing = False
    laid.doc.build(laid.story, canvasmaker=_NoOutput)
    return laid.doc.recorded()


@dataclass(frozen=True)
class RecordedPart:
    """One version's pages as laid out: per page, each flowable with where it stood."""

    code: str
    attributes: dict[str, str]  # the document's own (title, header, labels)
    pages: list[list[tuple]]


def lay_out_parts(parts: Iterable[RecordedPart], theme: Theme, shared: ExamLayout | None = None) -> Laid:
    """One document of several exam documents in turn (the print file), each a part
    that starts on a right-hand page, drawn from their recorded pages: nothing is laid
    out again. Parts are taken one at a time as the build reaches them, so memory
    stays that of one part however many there are."""
    parts = iter(parts)
    first = next(parts)
    doc, _ = _document(first.attributes, theme, shared)
    doc.totals = []

    def story(index: int, part: RecordedPart) -> list:
        doc.codes.append(part.code)
        doc.totals.append(len(part.pages))
        pages: list = [PartStart(index, part.code)]
        for n, placed in enumerate(part.pages):
            pages += [PageBreak(), PlacedPage(placed)] if n else [PlacedPage(placed)]
        return pages

    stories = (story(i, part) for i, part in enumerate(itertools.chain([first], parts)))
    return Laid(doc, _LazyStory(stories), doc.filename)


class PlacedPage(Flowable):
    """A page laid out before, drawn again: each flowable where it stood."""

    def __init__(self, placed: list[tuple]):
        super().__init__()
        self.placed = placed

    def wrap(self, availWidth, availHeight):
        return availWidth, availHeight  # the whole frame

    def drawOn(self, canvas, x, y, _sW=0):
        for flowable, at_x, at_y, spare in self.placed:
            flowable.drawOn(canvas, at_x, at_y, spare)


class _Placing:
    """A flowable on its way into a frame: notes where the frame draws it (and draws
    it, unless only the places are wanted). Everything else goes to the flowable."""

    __slots__ = ("flowable", "doc")

    def __init__(self, flowable: Flowable, doc: ExamDoc):
        object.__setattr__(self, "flowable", flowable)
        object.__setattr__(self, "doc", doc)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.flowable, name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self.flowable, name, value)

    def __delattr__(self, name: str) -> None:
        delattr(self.flowable, name)

    def drawOn(self, canvas, x, y, _sW=0):
        self.doc.placed.append((self.flowable, x, y, _sW))
        if self.doc.drawing:
            self.flowable.drawOn(canvas, x, y, _sW)


class RecordingFrame(Frame):
    """A frame that tells its document where it draws each flowable."""

    doc: ExamDoc

    def add(self, flowable, canv, trySplit=0):
        if self.doc.pages is None:
            return Frame._add(self, flowable, canv, trySplit)
        return Frame._add(self, _Placing(flowable, self.doc), canv, trySplit)

    _add = add

    def __deepcopy__(self, memo: dict) -> RecordingFrame:
        # reportlab copies the frame to measure a KeepTogether: the copy reports to the
        # same document, which must not be copied along.
        clone = self.__class__.__new__(self.__class__)
        memo[id(self)] = clone
        clone.__dict__.update({k: v if k == "doc" else copy.deepcopy(v, memo) for k, v in self.__dict__.items()})
        return clone


class _NoOutput(Canvas):
    """The canvas of a layout that only records its pages."""

    def save(self):
        pass


class _LazyStory(list):
    """A story that fetches the next part's flowables when it runs short. reportlab's
    build loop asks `len(flowables)` before every flowable, so that is where."""

    def __init__(self, parts):
        super().__init__()
        self._parts = parts

    def __len__(self):
        while super().__len__() < 2:
            more = next(self._parts, None)
            if more is None:
                break
            self.extend(more)
        return super().__len__()


def _document(attributes: dict[str, str], theme: Theme, shared: ExamLayout | None) -> tuple[ExamDoc, ExamContext]:
    language = attributes.get("lang", "nl")
    if shared is None or shared.language != language or shared.theme is not theme:
        shared = ExamLayout(theme, language)
    doc = ExamDoc(io.BytesIO(), theme=theme, styles=shared.styles,
                  header=(attributes.get("header-left", ""), attributes.get("header-right", "")),
                  page_label=attributes.get("page-label", "{page} / {pages}"),
                  blank_label=attributes.get("blank-label", ""), title=attributes.get("title", ""),
                  subject=attributes.get("subject", ""), author="", creator="handouts",
                  producer="handouts", lang=PDF_LANG.get(language, language))
    doc.attributes = dict(attributes)
    return doc, ExamContext(theme, shared.styles, doc.text_width, shared=shared)
