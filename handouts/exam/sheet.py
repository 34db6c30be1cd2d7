"""Answer sheets: one per version (or student), for students to answer on and, later,
for a scanner to read.

A sheet holds a grid of boxes (question number × option letters) for the choice
questions, a row of points boxes (0 to the question's points) for the marker at every
other question, name and student number fields, a mark in each corner and a QR code
(reportlab's own widget) that says which exam, version and student it is, so that a
scanning step can find the sheet's corners and know its key.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from handouts.exam.model import ExamVersion
from handouts.layout.fonts import face
from handouts.layout.glyphs import draw_text
from handouts.layout.theme import Theme

CHOICE_TYPES = ("single", "multiple", "truefalse")
CORNER = 5 * mm  # the corner marks' side
QR_SIZE = 26 * mm
ROW = 6.5 * mm
BOX = 4.4 * mm
STEP = 6.8 * mm  # from one box to the next
NUMBER_WIDTH = 9 * mm
HEAD = 58 * mm  # title, fields and hint, above the grid
MAX_POINT_BOXES = 10  # 0 to 9; a question worth more gets one box to write the points in


@dataclass(frozen=True)
class SheetRow:
    number: int
    choice: bool  # letter boxes for the student; else points boxes for the marker
    letters: tuple[str, ...] = ()
    points: int = 0


@dataclass(frozen=True)
class SheetContent:
    exam_id: str
    title: str
    code: str
    rows: tuple[SheetRow, ...]
    student_number: str = ""
    student_name: str = ""


def sheet_content(exam_id: str, title: str, version: ExamVersion) -> SheetContent:
    """What the sheet of `version` holds: one row per question, in printed order."""
    rows = tuple(SheetRow(q.position, q.type in CHOICE_TYPES, tuple(c.letter for c in q.choices), q.points)
                 for q in version.questions())
    student = version.student
    return SheetContent(exam_id, title, version.code, rows, student.number if student else "",
                        student.name if student else "")


def qr_value(content: SheetContent, page: int = 1) -> str:
    """What the QR code says: exam, version, student (empty without a roster), page."""
    return f"handouts-sheet;exam={content.exam_id};version={content.code};student={content.student_number};page={page}"


@functools.lru_cache(maxsize=2048)
def qr_modules(value: str) -> tuple[tuple[float, float, float, float], ...]:
    """The dark runs of the QR code for `value`, QR_SIZE square, as reportlab's
    QrCodeWidget lays them out: (x, y, width, height) each, from the code's lower left."""
    widget = QrCodeWidget(value, barWidth=QR_SIZE, barHeight=QR_SIZE, barBorder=2, barLevel="M")
    return tuple((r.x, r.y, r.width, r.height) for r in widget.draw().contents
                 if getattr(r, "fillColor", None) is not None)


def rows_per_page(height: float) -> int:
    """How many rows fit on one page of a frame `height` high, in two columns."""
    return 2 * max(1, int((height - HEAD - CORNER) // ROW))


class AnswerSheetPage(Flowable):
    """One page of a sheet, filling the frame it is drawn in."""

    def __init__(self, content: SheetContent, rows: tuple[SheetRow, ...], page: int, theme: Theme,
                 labels: dict[str, str], size: tuple[float, float], pages: int = 1):
        super().__init__()
        self.content, self.rows, self.page, self.theme, self.labels = content, rows, page, theme, labels
        self.pages = pages  # the sheet's, known before it is drawn
        self.width, self.height = size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:  # noqa: ARG002
        return self.width, self.height

    def drawOn(self, canvas, x, y, _sW=0):  # noqa: N802 - reportlab's name; drawn as it is, not replayed
        canvas.saveState()
        canvas.translate(x, y)
        self.canv = canvas
        self._draw_page()
        canvas.restoreState()
        del self.canv

    def _text(self, x: float, y: float, text: str, size: float, bold: bool = False, align: str = "left") -> None:
        font = face(self.theme.body_font, bold=bold)
        self.canv.setFont(font, size)
        draw_text(self.canv, x, y, text, font, size, self.theme.fonts, align)

    def _draw_page(self) -> None:
        canvas, w, h, labels = self.canv, self.width, self.height, self.labels
        canvas.setFillColorRGB(0, 0, 0)
        for cx, cy in ((0, 0), (w - CORNER, 0), (0, h - CORNER), (w - CORNER, h - CORNER)):
            canvas.rect(cx, cy, CORNER, CORNER, stroke=0, fill=1)
        self._qr(w - CORNER - 2 * mm - QR_SIZE, h - CORNER - 2 * mm - QR_SIZE)
        top = h - CORNER - 8 * mm
        self._text(CORNER + 3 * mm, top, f"{labels['sheet']} · {labels['version']} {self.content.code}", 14, True)
        self._text(CORNER + 3 * mm, top - 6 * mm, self.content.title, 10)
        if self.pages > 1:  # every page says so: a student sees there is more to fill in
            self._text(CORNER + 3 * mm, top - 11 * mm, labels["pages"].format(page=self.page, pages=self.pages), 8)
        self._fields(top - 20 * mm)
        self._text(CORNER + 3 * mm, top - 38 * mm, labels["sheet_hint"], 8.5)
        self._grid(h - HEAD)

    def _qr(self, x: float, y: float) -> None:
        """The QR code as one path of the widget's own dark runs (reportlab's renderer
        would draw each run as a node of its own: ten times slower for a class)."""
        path = self.canv.beginPath()
        for left, bottom, width, height in qr_modules(qr_value(self.content, self.page)):
            path.rect(x + left, y + bottom, width, height)
        self.canv.drawPath(path, stroke=0, fill=1)

    def _fields(self, y: float) -> None:
        """Name and student number: printed with a roster, else lines to write on."""
        canvas, labels = self.canv, self.labels
        x = CORNER + 3 * mm
        for label, value, width in ((labels["name"], self.content.student_name, 80 * mm),
                                    (labels["number"], self.content.student_number, 45 * mm)):
            self._text(x, y + 5 * mm, label, 7.5)
            canvas.setLineWidth(0.6)
            canvas.rect(x, y - 2 * mm, width, 6.5 * mm, stroke=1, fill=0)
            if value:
                self._text(x + 2 * mm, y, value, 10)
            x += width + 6 * mm

    def _grid(self, top: float) -> None:
        column = (self.width - 2 * CORNER) / 2
        per_column = (len(self.rows) + 1) // 2
        for n, row in enumerate(self.rows):
            x = CORNER + (n // per_column) * column if per_column else CORNER
            y = top - (n % per_column) * ROW if per_column else top
            self._row(row, x, y)

    def _row(self, row: SheetRow, x: float, y: float) -> None:
        canvas = self.canv
        self._text(x + NUMBER_WIDTH - 2 * mm, y - BOX + 1.2 * mm, str(row.number), 9, True, "right")
        if row.choice:
            marks = row.letters
        elif row.points < MAX_POINT_BOXES:
            marks = tuple(str(p) for p in range(row.points + 1))
        else:
            marks = ("",)
        canvas.setLineWidth(0.7 if row.choice else 0.5)
        for i, mark in enumerate(marks):
            bx = x + NUMBER_WIDTH + i * STEP
            canvas.setStrokeColorRGB(0, 0, 0) if row.choice else canvas.setStrokeColorRGB(0.35, 0.35, 0.35)
            canvas.rect(bx, y - BOX, BOX if mark else 3 * BOX, BOX, stroke=1, fill=0)
            if mark:
                canvas.setFillColorRGB(0.45, 0.45, 0.45)
                self._text(bx + BOX / 2, y - BOX + 1.3 * mm, mark, 6.5, align="centre")
                canvas.setFillColorRGB(0, 0, 0)
        if not row.choice:
            self._text(x + NUMBER_WIDTH + len(marks) * STEP + (2 * BOX if not marks[0] else 0), y - BOX + 1.3 * mm,
                       self.labels["sheet_marker"], 6.5)


def frame_of(theme: Theme) -> tuple[float, float, float, float]:
    """(left, bottom, width, height) of an exam page's text frame, as exam_doc has it."""
    page = theme.page
    width, height = A4
    return (page["left"], page["bottom"], width - page["left"] - page["right"],
            height - page["top"] - page["bottom"])


def sheet_pages(content: SheetContent, theme: Theme, labels: dict[str, str]) -> list[AnswerSheetPage]:
    """The sheet's pages: as many as its rows need, each filling the exam's text frame."""
    _, _, width, height = frame_of(theme)
    per_page = rows_per_page(height)
    chunks = [content.rows[i:i + per_page] for i in range(0, len(content.rows), per_page)] or [()]
    return [AnswerSheetPage(content, rows, n, theme, labels, (width, height), len(chunks))
            for n, rows in enumerate(chunks, 1)]


def sheet_pdf(content: SheetContent, theme: Theme, labels: dict[str, str], language: str) -> tuple[bytes, int]:
    """The answer sheet on its own, A4, its grid where the print file has it."""
    import io

    left, bottom, _, _ = frame_of(theme)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1, lang=language, initialFontName=theme.body_font,
                    initialFontSize=theme.sizes["body"])
    canvas.setTitle(f"{labels['sheet']} {content.code}: {content.title}")
    canvas.setCreator("handouts")
    pages = sheet_pages(content, theme, labels)
    for sheet in pages:
        sheet.drawOn(canvas, left, bottom)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue(), len(pages)
