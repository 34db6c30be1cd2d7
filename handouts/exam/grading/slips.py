"""The result slips: one page per student with score, grade, and per question right or
wrong, the correct answer and the bank's feedback.

A class of 300 shares a few versions, so the correct answer and the feedback of one
version's question are the same on every slip of that version: each is set once as a
PDF form (reportlab's beginForm / doForm) and placed on every slip that needs it. The
rows are laid out here, not by a platypus Table, which would measure and draw every
cell of every slip again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from handouts.exam.grading.draw import Item
from handouts.exam.grading.grades import shown
from handouts.exam.grading.reports import _document, _pages, plain_points
from handouts.exam.grading.results import Graded, StudentResult
from handouts.exam.inline import inline_markup
from handouts.exam.model import ExamSpec
from handouts.layout.fonts import face
from handouts.layout.glyphs import draw_text
from handouts.layout.paragraph import Para
from handouts.layout.theme import Theme, paragraph_styles

SIZES = (8.5, 7.5, 6.8, 6.2)  # font sizes tried, largest first, to keep a slip on one page
WIDTHS = (8 * mm, 17 * mm, 14 * mm, 26 * mm, 52 * mm, 57 * mm)
_PAD_X, _PAD_Y = 3.0, 1.6


@dataclass
class _Shared:
    """What the slips of one PDF share: per (size, version, position) the row's fixed
    part (number, correct answer, feedback), wrapped once, and the forms drawn so far."""

    cells: dict[tuple, _Fixed] = field(default_factory=dict)
    forms: set[str] = field(default_factory=set)
    names: dict[tuple, str] = field(default_factory=dict)

    def name(self, what: tuple) -> str:
        """A form name for `what` (a PDF name holds no spaces or odd characters)."""
        return self.names.setdefault(what, f"m{len(self.names)}")


@dataclass(frozen=True)
class _Fixed:
    """What every slip of a version shows alike for one question, drawn as one form."""

    name: str  # the form's name
    number: str
    answer: Para
    feedback: Para | None
    height: float  # the taller paragraph


@dataclass(frozen=True)
class _Row:
    fixed: _Fixed
    mark: str  # right, wrong, partly, no answer
    points: str  # "1/2"
    given: str  # the student's answer, as typed


class SlipRows(Flowable):
    """The table of one slip: a header line, then one row per question."""

    def __init__(self, rows: list[_Row], header: tuple[str, ...], style: ParagraphStyle, theme: Theme,
                 shared: _Shared):
        super().__init__()
        self.rows, self.header, self.style, self.theme, self.shared = rows, header, style, theme, shared
        self.givens = [self._given(r.given) for r in rows]
        self.heights = [max(r.fixed.height, g.wrap(WIDTHS[3] - 2 * _PAD_X, 10_000)[1] if g else 0,
                            style.leading) + 2 * _PAD_Y for r, g in zip(rows, self.givens, strict=True)]
        self.line = style.fontSize * 1.25 + 2 * _PAD_Y

    def _given(self, text: str) -> Para | None:
        """A paragraph for an answer too long for one line of its column; else None."""
        if text and stringWidth(text, self.style.fontName, self.style.fontSize) > WIDTHS[3] - 2 * _PAD_X:
            return Para(escape(text), self.style)
        return None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:  # noqa: ARG002
        return sum(WIDTHS), self.line + sum(self.heights)

    def split(self, avail_width: float, avail_height: float) -> list:  # noqa: ARG002
        room, n = avail_height - self.line, 0
        while n < len(self.rows) and room >= self.heights[n]:
            room -= self.heights[n]
            n += 1
        if n == 0:
            return []
        return [SlipRows(self.rows[:n], self.header, self.style, self.theme, self.shared),
                SlipRows(self.rows[n:], self.header, self.style, self.theme, self.shared)]

    def draw(self) -> None:
        canvas, size, theme = self.canv, self.style.fontSize, self.theme
        full = sum(WIDTHS)
        y = self.line + sum(self.heights)
        self._place(f"h{size}", 0, y, self._draw_header)
        y -= self.line
        canvas.setStrokeColor(theme.colour("rule"))
        canvas.setLineWidth(0.25)
        for row, given, height in zip(self.rows, self.givens, self.heights, strict=True):
            fixed = row.fixed
            self._place(fixed.name, 0, y, lambda f=fixed: self._draw_fixed(f))
            self._place(self.shared.name(("m", size, row.mark, row.points)), WIDTHS[0], y,
                        lambda r=row: self._draw_texts((r.mark, r.points), WIDTHS[1:3], theme.body_font))
            x = sum(WIDTHS[:3]) + _PAD_X
            if given is not None:
                given.wrap(WIDTHS[3] - 2 * _PAD_X, height)
                given.drawOn(canvas, x, y - _PAD_Y - given.height)
            elif row.given:
                canvas.setFont(theme.body_font, size)
                draw_text(canvas, x, y - _PAD_Y - size, row.given, theme.body_font, size, theme.fonts)
            y -= height
            canvas.line(0, y, full, y)

    def _place(self, name: str, x: float, top: float, draw) -> None:
        """The form `name` with its top left at (x, top); `draw` makes it, the first time
        it is placed in this PDF, with (0, 0) at its top left."""
        canvas = self.canv
        if name not in self.shared.forms:
            self.shared.forms.add(name)
            canvas.beginForm(name, -1, -800, sum(WIDTHS) + 1, 1)
            draw()
            canvas.endForm()
        canvas.translate(x, top)
        canvas.doForm(name)
        canvas.translate(-x, -top)

    def _draw_header(self) -> None:
        canvas = self.canv
        self._draw_texts(self.header, WIDTHS, face(self.theme.body_font, bold=True))
        canvas.setStrokeColor(self.theme.colour("text"))
        canvas.setLineWidth(0.8)
        canvas.line(0, -self.line, sum(WIDTHS), -self.line)

    def _draw_fixed(self, fixed: _Fixed) -> None:
        self._draw_texts((fixed.number,), WIDTHS[:1], self.theme.body_font)
        x = sum(WIDTHS[:4]) + _PAD_X
        fixed.answer.drawOn(self.canv, x, -_PAD_Y - fixed.answer.height)
        if fixed.feedback is not None:
            fixed.feedback.drawOn(self.canv, x + WIDTHS[4], -_PAD_Y - fixed.feedback.height)

    def _draw_texts(self, texts: tuple[str, ...], widths: tuple[float, ...], font: str) -> None:
        size = self.style.fontSize
        self.canv.setFont(font, size)
        x = _PAD_X
        for text, width in zip(texts, widths, strict=True):
            if text:
                draw_text(self.canv, x, -_PAD_Y - size, text, font, size, self.theme.fonts)
            x += width


def slips_pdf(graded: Graded, spec: ExamSpec, theme: Theme, words: dict[str, str]) -> tuple[bytes, int]:
    """One page per student. The text is set smaller for a long exam so that a slip fits
    its page; only a slip too long even at the smallest size runs on to the next."""
    styles = paragraph_styles(theme, spec.language)
    sizes = [ParagraphStyle(f"slip{n}", parent=styles["cell"], fontSize=n, leading=n * 1.18) for n in SIZES]
    buffer, doc = _document(f"{words['slip']}: {spec.title}", spec.language, theme)
    shared = _Shared()
    story: list = []
    for n, student in enumerate(graded.students):
        if n:
            story.append(PageBreak())
        story.extend(_slip(student, spec, theme, words, styles, sizes, shared, (doc.width, doc.height)))
    return _pages(buffer, doc, story or [Spacer(1, 1)])


def _slip(student: StudentResult, spec: ExamSpec, theme: Theme, words: dict[str, str], styles: dict,
          sizes: list[ParagraphStyle], shared: _Shared, frame: tuple[float, float]) -> list:
    decimal = words["decimal"]
    who = f"{student.name} · {student.number}" if student.name else student.number
    verdict = words["passed"] if student.passed else words["failed"]
    summary = (f"{words['version']} {student.paper.version.code} · {words['score']} "
               f"{plain_points(student.score, decimal)} / {student.max_score} · {words['grade']} "
               f"{shown(student.grade, decimal)} · {verdict}")
    head = [Para(escape(f"{words['slip']}: {spec.title}"), styles["h2"]),
            Para(f"<b>{escape(who)}</b>", styles["body"]), Para(escape(summary), styles["body"])]
    room = frame[1] - sum(p.wrap(frame[0], frame[1])[1] + p.getSpaceAfter() for p in head) - 12
    header = ("#", "", words["points"], words["your_answer"], words["answer"], words["feedback"])
    for style in sizes:  # the rows' heights are known before any is drawn: try the sizes
        table = SlipRows(_rows(student, words, style, shared, decimal), header, style, theme, shared)
        if table.wrap(frame[0], frame[1])[1] <= room:
            break
    return [KeepTogether(head), table]


def _rows(student: StudentResult, words: dict[str, str], style: ParagraphStyle, shared: _Shared,
          decimal: str) -> list[_Row]:
    rows = []
    code = student.paper.version.code
    for position, item in sorted(student.paper.items.items()):
        scored = student.scored[position]
        mark = words["right"] if scored.full else words["partly"] if scored.points else \
            words["wrong"] if scored.answered else words["none"]
        key = (style.fontSize, code, position)
        fixed = shared.cells.get(key)
        if fixed is None:
            fixed = shared.cells[key] = _fixed(item, style, decimal, f"r{len(shared.cells)}")
        rows.append(_Row(fixed, mark, f"{plain_points(scored.points, decimal)}/{item.entry.points}",
                         student.answers[position].text))
    return rows


def _fixed(item: Item, style: ParagraphStyle, decimal: str, name: str) -> _Fixed:
    """The number, correct answer and feedback of `item`, wrapped to their columns."""
    entry = item.entry
    if entry.numeric is not None:
        text = escape(entry.numeric.shown(decimal))
    elif item.question.type in ("single", "multiple", "truefalse"):
        text = "; ".join(f"{letter}: {inline_markup(t)}" for letter, t in
                         zip(entry.answer.split(";"), entry.answer_text, strict=False))
    elif item.question.type in ("matching", "ordering"):
        text = escape(entry.answer) + ": " + "; ".join(inline_markup(t) for t in entry.answer_text)
    else:
        text = " · ".join(inline_markup(t) for t in entry.answer_text)
    answer = Para(text, style)
    height = answer.wrap(WIDTHS[4] - 2 * _PAD_X, 10_000)[1]
    feedback = Para(inline_markup(entry.feedback), style) if entry.feedback.strip() else None
    if feedback is not None:
        height = max(height, feedback.wrap(WIDTHS[5] - 2 * _PAD_X, 10_000)[1])
    return _Fixed(name, str(entry.position), answer, feedback, height)
