"""The exam document: the version code and "page X of Y" on every page, each part
(a version, in the print file) counting its own pages and starting on a right-hand
page. Page totals come the one way of every kind (layout/page_numbers.py: each
label is filled in when the canvas is saved), so one pass suffices; when the totals
are known already (the print file, after the single versions were built), each
label is drawn at once.

Every document of an exam starts from the exam's font state (`priming`, see
fonts.FontPriming), and a version's document keeps each page's operators as written,
footer included, for the print file to take as they are (exam.layout.recording.StreamPage)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, KeepTogether, PageBreak, PageTemplate
from reportlab.platypus.doctemplate import ActionFlowable, LayoutError

from handouts.exam.layout.recording import RecordedPart
from handouts.layout.fonts import FontPriming, primed_state
from handouts.layout.glyphs import draw_text
from handouts.layout.page_numbers import NumberingCanvas, PageLabel, draw_running_head
from handouts.layout.placing import Placed, PlacingFrame
from handouts.layout.replay import draw_placed
from handouts.layout.reportlab_internals import (
    forget_postponed,
    kept_together,
    page_holds_only_operators,
    page_operators,
    pdf_document,
)
from handouts.layout.theme import Theme
from handouts.pdf import PagesCompressedCanvas


class ExamCanvas(NumberingCanvas):
    """The canvas of "page X of Y" (layout/page_numbers.py) that can also hand over each
    page's operators as written, footer included (`capture`), for the print file."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.capture: Callable[[Any, tuple[str, ...]], None] | None = None  # (canvas, pages' operators): before writing
        self._streams: list[str] | None = []  # each page's operators, footer still marked

    def showPage(self):
        if self.capture is not None and self._streams is not None:
            # Only operators stand alone: a page's pictures, links or transparency
            # are resources beside them.
            if page_holds_only_operators(self):
                self._streams.append("\n".join(page_operators(self)))  # as the page joins them
            else:
                self._streams = None
        super().showPage()

    def save(self):
        self.fill_marks()
        if self.capture is not None and self._streams is not None:
            self.capture(self, tuple(self.filled(code) for code in self._streams))
        super().save()


class PageOverflow(Exception):
    """Something does not fit on a page even by itself: in question number `question`
    ("" when outside any question) of the part (version) `code`. The exam's build
    turns it into an error that names the question's file and line."""

    def __init__(self, question: str, code: str):
        super().__init__(question, code)
        self.question, self.code = question, code


class PartStart(ActionFlowable):
    """Begins a part (a version); from the second on, on a fresh odd page."""

    def __init__(self, index: int, code: str, placed: bool = False):
        super().__init__(("partStart", index, code))
        self.index, self.code, self.placed = index, code, placed


class BlankPage(ActionFlowable):
    def __init__(self):
        super().__init__(("blankPage",))


def column_width(theme: Theme) -> float:
    """The width of an exam page's text."""
    return A4[0] - theme.page["left"] - theme.page["right"]


class ExamDoc(BaseDocTemplate):
    def __init__(self, target: Any, *, theme: Theme, styles: dict, header: tuple[str, str],
                 page_label: str, blank_label: str, **meta: Any):
        self.theme, self.styles = theme, styles
        self.header, self.blank_label = header, blank_label
        self.page_label = PageLabel.at_foot(page_label, styles["header"], theme.fonts, A4[0], theme.page)
        self.part, self.code, self.part_start, self.blank = 0, "", 1, False
        self.codes: list[str] = []  # per part, for the footers
        self.totals: list[int] | None = None  # pages per part, when known beforehand
        self.attributes: dict[str, str] = {}  # of the markup's root: title, header, labels
        self.pages: list[tuple[Placed, ...]] | None = None  # placing only: what each page holds where
        self.keeps_operators = False  # a version's: its pages' operators kept for the print file
        self.priming: FontPriming | None = None  # the fonts' state to start from (layout/replay.py)
        self.streams: tuple = ()  # when recording in the primed state: pages' operators, fonts, priming
        p = theme.page
        width, height = A4
        self.text_width = column_width(theme)
        super().__init__(target, pagesize=A4, leftMargin=p["left"], rightMargin=p["right"],
                         topMargin=p["top"], bottomMargin=p["bottom"], invariant=1,
                         initialFontName=theme.body_font, initialFontSize=theme.sizes["body"],
                         **meta)
        # The frame notes where it draws what, for the print file (`record`); it draws
        # through the exam's replay.
        self.text_frame = PlacingFrame(p["left"], p["bottom"], self.text_width, height - p["top"] - p["bottom"],
                                       leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="text",
                                       draw=draw_placed)
        self.addPageTemplates([PageTemplate("page", [self.text_frame], onPageEnd=self._finish)])

    def keep_operators(self) -> None:
        """Keep each page's operators as written (in the primed font state), for
        `recorded` after the build: the print file takes them as they are."""
        self.keeps_operators = True

    def place_only(self) -> None:
        """Note what each page holds where, for `recorded` after the build, and draw
        nothing: the print file draws a version's pages from that when their operators
        will not do (pictures, links)."""
        self.pages = []
        self.text_frame.draw = None

    def recorded(self) -> RecordedPart:
        return RecordedPart(self.codes[0] if self.codes else "", self.attributes, self.pages, *self.streams)

    def _captured(self, canvas: Canvas, streams: tuple[str, ...]) -> None:
        # Operators are worth keeping only if written in the primed font state.
        doc = pdf_document(canvas)
        if primed_state(doc) is self.priming:
            self.streams = (streams, tuple(doc.fontMapping), self.priming)

    def multiBuild(self, story, maxPasses=10, **kwargs):  # noqa: D102 - reportlab's verb
        # One pass is enough: page totals come from the canvas, or are known. (And a
        # lazy story must not be copied, as multiBuild does.)
        return self.build(story, **kwargs)

    def build(self, flowables, **kwargs):  # noqa: D102 - reportlab's verb
        # The print file (page totals known) compresses each page as it goes: it has thousands.
        maker = kwargs.get("canvasmaker") or (PagesCompressedCanvas if self.totals is not None else ExamCanvas)
        if self.priming is not None:
            kwargs["canvasmaker"] = lambda *a, **k: self._primed(maker(*a, **k))
        else:
            kwargs["canvasmaker"] = maker
        return super().build(flowables, **kwargs)

    def _primed(self, canvas: Canvas) -> Canvas:
        assert self.priming is not None  # only asked for when there is one
        self.priming.prime(pdf_document(canvas))
        if self.keeps_operators and isinstance(canvas, ExamCanvas):
            canvas.capture = self._captured
        return canvas

    def filterFlowables(self, flowables):
        first = flowables[0]
        if isinstance(first, PartStart) and first.index > 0 and not first.placed:
            # The next page is self.page + 1; a right-hand page is an odd one.
            blank = [BlankPage(), PageBreak()] if (self.page + 1) % 2 == 0 else []
            flowables[0:1] = [PageBreak(), *blank, PartStart(first.index, first.code, True)]

    def handle_keepWithNext(self, flowables):  # noqa: D102 - reportlab's verb
        first = flowables[0]
        super().handle_keepWithNext(flowables)
        # reportlab keeps a heading with what follows, but never with a KeepTogether:
        # a question. Keep them together here, or a section heading can end a page.
        if flowables[0] is not first and len(flowables) > 1 and isinstance(flowables[1], KeepTogether):
            kept = [*kept_together(flowables[0]), flowables[1]]
            for f in kept[:-1]:  # once kept, not again: a split must not join them anew
                f.__dict__["keepWithNext"] = 0
            flowables[0:2] = [KeepTogether(kept)]

    def handle_flowable(self, flowables):  # noqa: D102 - reportlab's verb
        placing = flowables[0] if flowables else None
        try:
            super().handle_flowable(flowables)
        except LayoutError:
            # reportlab's message names the flowable's Python object, of no use to a
            # teacher: say which question it belongs to instead.
            raise PageOverflow(getattr(placing, "question", ""), self.code) from None
        if placing is not None and (not flowables or flowables[0] is not placing):
            # Placed (not moved on to the next page): the versions share their
            # paragraphs, and one moved on in this version must not count as moved on
            # in the next (see reportlab_internals.forget_postponed).
            forget_postponed(placing)

    def handle_partStart(self, index: int, code: str) -> None:
        self.part, self.code, self.part_start = index, code, self.page

    def handle_blankPage(self) -> None:
        self.blank = True

    def _finish(self, canvas: ExamCanvas, doc: Any) -> None:
        if getattr(canvas, "streamed_page", False):  # written whole before, furniture and all
            canvas.streamed_page = False
            return
        placed = self.text_frame.take_placed()
        if self.pages is not None:  # placing only: no header or footer
            self.pages.append(placed)
            return
        width, height = self.pagesize
        style = self.styles["header"]
        if self.blank:
            canvas.saveState()
            canvas.setFont(style.fontName, style.fontSize)
            canvas.setFillColor(style.textColor)
            draw_text(canvas, width / 2, height / 2, self.blank_label, style.fontName, style.fontSize,
                      self.theme.fonts, align="centre")
            canvas.restoreState()
            self.blank = False
            return
        draw_running_head(canvas, self.theme, style, (self.header[0], self.header[1].format(code=self.code)),
                          width, height, rise=10, rule_below=4)
        page = self.page - self.part_start + 1
        code = self.codes[self.part] if self.part < len(self.codes) else ""
        if self.totals is not None:
            self.page_label.draw(canvas, page, self.totals[self.part], code)
        else:
            canvas.number_page(self.page_label, page, self.part, code)
