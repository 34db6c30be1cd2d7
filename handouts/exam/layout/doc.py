"""The exam document: the version code and "page X of Y" on every page, each part
(a version, in the print file) counting its own pages and starting on a right-hand
page. Page totals come from `ExamCanvas`, which holds the pages back until the end,
so one pass suffices; when the totals are known already (the print file, after the
single versions were built), each footer is drawn at once and no page is held back.

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

from handouts.exam.layout.recording import RecordedPart, RecordingFrame
from handouts.layout.fonts import FontPriming, primed_state
from handouts.layout.glyphs import draw_text
from handouts.layout.theme import Theme
from handouts.pdf import PagesCompressedCanvas


class ExamCanvas(Canvas):
    """Keeps every page until `save`, then draws each footer knowing its part's total."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []
        self.footer: tuple[int, int] | None = None  # (part, page in part) of this page
        self.draw_footer: Callable[[Any, int, int, int], None] | None = None  # (canvas, part, page, pages)
        self.capture: Callable[[Any, tuple[str, ...]], None] | None = None  # (canvas, pages' operators): before writing

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
        streams: list | None = []
        for state in self._pages:
            self.__dict__.update(state)
            if self.footer and self.draw_footer:
                self.draw_footer(self, *self.footer, totals[self.footer[0]])
            if self.capture is not None and streams is not None:
                # Only operators stand alone: a page's pictures, links or transparency
                # are resources beside them.
                plain = not (self._formsinuse or self._annotationrefs or self._colorsUsed or self._shadingUsed
                             or self._psCommandsBeforePage or self._psCommandsAfterPage or self._extgstate._c)
                streams = streams + ["\n".join(self._code)] if plain else None  # as the page joins them
            super().showPage()
        if self.capture is not None and streams is not None:
            self.capture(self, tuple(streams))
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
        self.priming: FontPriming | None = None  # the fonts' state to start from (exam/layout/replay.py)
        self.streams: tuple = ()  # when recording in the primed state: pages' operators, fonts, priming
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
        return RecordedPart(self.codes[0] if self.codes else "", self.attributes, self.pages or [],
                            *self.streams)

    def _captured(self, canvas: Canvas, streams: tuple[str, ...]) -> None:
        # Operators are worth keeping only if written in the primed font state.
        if primed_state(canvas._doc) is self.priming:
            self.streams = (streams, tuple(canvas._doc.fontMapping), self.priming)

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
        self.priming.prime(canvas._doc)
        if self.pages is not None and isinstance(canvas, ExamCanvas):
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
            kept = [*flowables[0]._content, flowables[1]]
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

    def handle_partStart(self, index: int, code: str) -> None:
        self.part, self.code, self.part_start = index, code, self.page

    def handle_blankPage(self) -> None:
        self.blank = True

    def _finish(self, canvas: ExamCanvas, doc: Any) -> None:
        if getattr(canvas, "streamed_page", False):  # written whole before, furniture and all
            canvas.streamed_page = False
            return
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
            draw_text(canvas, width / 2, height / 2, self.blank_label, style.fontName, style.fontSize,
                      self.theme.fonts, align="centre")
            self.blank = False
            canvas.restoreState()
            return
        y = height - p["top"] + 10
        font, size, fallback = style.fontName, style.fontSize, self.theme.fonts
        draw_text(canvas, p["left"], y, self.header[0], font, size, fallback)
        draw_text(canvas, width - p["right"], y, self.header[1].format(code=self.code), font, size, fallback,
                  align="right")
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
        draw_text(canvas, width - p["right"], p["bottom"] - 14, self.page_label.format(code=code, page=page, pages=pages),
                  style.fontName, style.fontSize, self.theme.fonts, align="right")
        canvas.restoreState()
