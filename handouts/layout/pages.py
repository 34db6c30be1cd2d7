"""Handout pages: A4 with a text column and a margin column for side notes, running
header, "page X of Y" footer, footnotes at the foot of the page of their mark, and
outline entries (bookmarks) and contents entries for headings."""

from __future__ import annotations

from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph
from reportlab.platypus.flowables import Flowable

from handouts.layout.flowables import FOOTNOTE_MARK
from handouts.layout.theme import Theme

NOTE_GAP = 3.0  # points between stacked footnotes and between side notes


class HeadingParagraph(Paragraph):
    """A heading that knows what the outline and the table of contents should say."""

    def __init__(self, text: str, style: Any, *, level: int, entry: str, anchor: str):
        super().__init__(text, style)
        self.level, self.entry, self.anchor = level, entry, anchor


class HandoutDoc(BaseDocTemplate):
    def __init__(self, target: Any, *, theme: Theme, styles: dict, header: tuple[str, str],
                 page_label: str, first_page_header: bool = False, **meta: Any):
        self.theme, self.styles = theme, styles
        self.header, self.page_label = header, page_label
        self.first_page_header = first_page_header
        self.page_count = None  # set by the layout: a PageCount flowable
        self._notes: list[Paragraph] = []
        self._sidenote_floor = 0.0
        self._outline_level = -1
        p = theme.page
        width, height = A4
        self.text_width = width - p["left"] - p["right"] - p["sidenote_width"] - p["sidenote_gap"]
        self.side_x = p["left"] + self.text_width + p["sidenote_gap"]
        super().__init__(target, pagesize=A4, leftMargin=p["left"], rightMargin=width - p["left"] - self.text_width,
                         topMargin=p["top"], bottomMargin=p["bottom"], invariant=1,
                         # every page starts in our own font: no standard-14 font is referenced
                         initialFontName=theme.body_font, initialFontSize=theme.sizes["body"], **meta)
        frame = Frame(p["left"], p["bottom"], self.text_width, height - p["top"] - p["bottom"],
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="text")
        self.addPageTemplates([PageTemplate("page", [frame], onPage=self._decorate, onPageEnd=self._finish)])

    @staticmethod
    def canvas_maker():
        def make(*args, **kwargs):
            canvas = Canvas(*args, **kwargs)
            # Footnote marks carry an onDraw callback so they can be found in split text.
            canvas.setNamedCB(FOOTNOTE_MARK, lambda *_: None)
            return canvas

        return make

    def build(self, flowables, **kwargs):  # noqa: D102 - reportlab's verb
        kwargs.setdefault("canvasmaker", self.canvas_maker())
        return super().build(flowables, **kwargs)

    # -- per page state
    def handle_pageBegin(self):
        self._notes = []
        self._sidenote_floor = self.pagesize[1] - self.theme.page["top"]
        super().handle_pageBegin()

    def handle_frameBegin(self, *args, **kwargs):
        super().handle_frameBegin(*args, **kwargs)
        self.frame._geom()  # drop the room footnotes reserved on the previous page

    # -- footnotes
    def footnote_cost(self, notes: list[Paragraph], width: float) -> float:
        """Height the footnotes would add to the current page."""
        if not notes:
            return 0.0
        height = sum(n.wrap(width, self.pagesize[1])[1] + NOTE_GAP for n in notes)
        return height + (0 if self._notes else self._rule_space())

    def place_footnotes(self, notes: list[Paragraph], width: float) -> None:
        fresh = [n for n in notes if n not in self._notes]
        cost = self.footnote_cost(fresh, width)
        self._notes.extend(fresh)
        # Raising the frame's bottom keeps later text out of the footnote area.
        self.frame._y1p += cost

    def _rule_space(self) -> float:
        return self.theme.sizes["leading"] * 0.9

    def _draw_footnotes(self, canvas: Canvas) -> None:
        if not self._notes:
            return
        x, y = self.theme.page["left"], self.theme.page["bottom"]
        heights = [n.wrap(self.text_width, self.pagesize[1])[1] for n in self._notes]
        top = y + sum(h + NOTE_GAP for h in heights)
        canvas.saveState()
        canvas.setStrokeColor(self.theme.colour("rule"))
        canvas.setLineWidth(0.5)
        rule_y = top + self._rule_space() * 0.45
        canvas.line(x, rule_y, x + 40, rule_y)
        canvas.restoreState()
        for note, h in zip(self._notes, heights):
            top -= h + NOTE_GAP
            note.drawOn(canvas, x, top + NOTE_GAP)

    # -- side notes
    def place_sidenote(self, flowables: list[Flowable], y: float) -> None:
        canvas = self.canv
        width = self.theme.page["sidenote_width"]
        heights = [f.wrap(width, self.pagesize[1])[1] for f in flowables]
        total = sum(heights)
        top = min(y, self._sidenote_floor)
        bottom_limit = self.theme.page["bottom"]
        if top - total < bottom_limit:
            top = bottom_limit + total
        canvas.saveState()
        canvas.setStrokeColor(self.theme.colour("accent"))
        canvas.setLineWidth(1.2)
        canvas.line(self.side_x - 3, top, self.side_x - 3, top - total)
        canvas.restoreState()
        cursor = top
        for f, h in zip(flowables, heights):
            cursor -= h
            f.drawOn(canvas, self.side_x + 1, cursor)
        self._sidenote_floor = cursor - NOTE_GAP * 2

    # -- decoration
    def _decorate(self, canvas: Canvas, doc: Any) -> None:
        if self.page == 1 and not self.first_page_header:
            return
        width, height = self.pagesize
        p, style = self.theme.page, self.styles["header"]
        y = height - p["top"] + 10
        canvas.saveState()
        canvas.setFont(style.fontName, style.fontSize)
        canvas.setFillColor(style.textColor)
        canvas.drawString(p["left"], y, self.header[0])
        canvas.drawRightString(width - p["right"], y, self.header[1])
        canvas.setStrokeColor(self.theme.colour("rule"))
        canvas.setLineWidth(0.5)
        canvas.line(p["left"], y - 4, width - p["right"], y - 4)
        canvas.restoreState()

    def _finish(self, canvas: Canvas, doc: Any) -> None:
        self._draw_footnotes(canvas)
        width, _ = self.pagesize
        p, style = self.theme.page, self.styles["header"]
        total = self.page_count.total if self.page_count is not None else None
        text = self.page_label.format(page=self.page, pages=total or self.page)
        canvas.saveState()
        canvas.setFont(style.fontName, style.fontSize)
        canvas.setFillColor(style.textColor)
        canvas.drawRightString(width - p["right"], p["bottom"] - 14, text)
        canvas.restoreState()

    # -- headings: bookmarks and table of contents
    def afterFlowable(self, flowable: Flowable) -> None:
        if not isinstance(flowable, HeadingParagraph):
            return
        level = min(flowable.level - 1, self._outline_level + 1)
        self._outline_level = level
        self.canv.bookmarkPage(flowable.anchor)
        self.canv.addOutlineEntry(flowable.entry, flowable.anchor, level=level, closed=False)
        if flowable.level <= 2:
            self.notify("TOCEntry", (flowable.level - 1, flowable.entry, self.page, flowable.anchor))
