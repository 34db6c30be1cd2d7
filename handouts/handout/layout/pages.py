"""Handout pages: A4 with a text column and a margin column for side notes, running
header, "page X of Y" footer, footnotes at the foot of the page of their mark, and
outline entries (bookmarks) and contents entries for headings."""

from __future__ import annotations

from collections.abc import Callable
from copy import deepcopy
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph
from reportlab.platypus.flowables import Flowable

from handouts.errors import SourceRef, fail
from handouts.layout.flowables import FOOTNOTE_MARK
from handouts.layout.footnotes import CarriedNotes, KeepWithNotes, NoteArea, WithFootnotes
from handouts.layout.glyphs import draw_text
from handouts.layout.headings import HeadingParagraph
from handouts.layout.theme import Theme

NOTE_GAP = 3.0  # points between side notes
CONTINUED_NOTES_SHARE = 0.6  # at most this share of a page for a note continued from the last


LATE_MARK = "%handouts-late "  # a content-stream comment line: text drawn there at save time


class LateFormCanvas(Canvas):
    """A canvas for numbers known only at the end (the page total, the page of each
    heading), so one layout pass is enough. Where such a number goes, the page's
    content stream gets a marked line (`mark_late`); just before saving, the hooks in
    `before_save` say what each mark draws (`fill_late`) and the marks are replaced by
    those drawing operators, in the page itself: no form object per number.

    (A marked line cannot come from text: strings in a content stream have their line
    breaks escaped.)"""

    _code: list[str]  # reportlab's: the page's content stream so far

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.before_save: list = []
        self._late: dict[str, str] = {}

    def mark_late(self, key: str) -> None:
        """Reserve this place in the current page for what `fill_late(key, ...)` draws."""
        self._code.append(LATE_MARK + key)

    def fill_late(self, key: str, draw: Callable[[Canvas], None]) -> None:
        """The operators `draw(canvas)` makes, in their own saved graphics state, are
        what the marks of `key` become."""
        page_code, self._code = self._code, []
        self.saveState()
        try:
            draw(self)
        finally:
            self.restoreState()
            self._late[key] = "\n".join(self._code)
            self._code = page_code

    def save(self):
        for hook in self.before_save:
            hook(self)
        late, mark = self._late, "\n" + LATE_MARK
        for page in self._doc.Pages.pages:
            stream = page.stream
            if isinstance(stream, str) and mark in stream:
                pieces = stream.split(mark)  # each piece after the first starts with a key
                out = [pieces[0]]
                for piece in pieces[1:]:
                    key, newline, rest = piece.partition("\n")
                    out.append("\n" + late.get(key, "") + newline + rest)
                page.stream = "".join(out)
        super().save()


def right_text(text: str, font: str, size: float, colour: Any, x: float = 0, y: float = 0,
               fallback: tuple[str, ...] = ()) -> Callable[[Canvas], None]:
    """A drawing of `text` right-aligned at (x, y), for `LateFormCanvas.fill_late`."""

    def draw(canvas: Canvas) -> None:
        canvas.setFont(font, size)
        canvas.setFillColor(colour)
        draw_text(canvas, x, y, text, font, size, fallback, align="right")

    return draw


class TextFrame(Frame):
    """The text column. Platypus deep-copies the frame each time it measures a group
    that must stay together (a heading with its next block, a figure with its caption):
    50 times in a 12-page chapter. A frame is numbers and a few small lists, so copy
    just those; `copy.deepcopy`'s generic walk cost more than the measuring."""

    def __deepcopy__(self, memo):
        twin = object.__new__(type(self))
        state = dict(self.__dict__)
        for key, value in state.items():
            if isinstance(value, (list, dict)):
                state[key] = deepcopy(value, memo)
        twin.__dict__.update(state)
        return twin


def column_width(theme: Theme) -> float:
    """Width of a handout's text column: A4 less the margins and the side-note column."""
    p = theme.page
    return A4[0] - p["left"] - p["right"] - p["sidenote_width"] - p["sidenote_gap"]


class HandoutDoc(BaseDocTemplate):
    keepTogetherClass = KeepWithNotes  # a kept-together group makes room for its footnotes

    def __init__(self, target: Any, *, theme: Theme, styles: dict, header: tuple[str, str],
                 page_label: str, first_page_header: bool = False,
                 footnotes: dict[int, Paragraph] | None = None, **meta: Any):
        self.theme, self.styles = theme, styles
        self.header, self.page_label = header, page_label
        self.first_page_header = first_page_header
        self.heading_pages: dict[str, int] = {}
        self._contents_anchors: set[str] = set()  # entries drawn, whose page numbers are due
        self._last_page = 0
        self._sidenote_floor = 0.0
        self._outline_level = -1
        self.current_ref: SourceRef | None = None  # the block being laid out, for a layout error
        p = theme.page
        width, height = A4
        self.text_width = column_width(theme)
        self.notes = NoteArea(footnotes or {}, self.text_width, theme.sizes["leading"] * 0.9)
        self.side_x = p["left"] + self.text_width + p["sidenote_gap"]
        super().__init__(target, pagesize=A4, leftMargin=p["left"], rightMargin=width - p["left"] - self.text_width,
                         topMargin=p["top"], bottomMargin=p["bottom"], invariant=1,
                         # every page starts in our own font: no standard-14 font is referenced
                         initialFontName=theme.body_font, initialFontSize=theme.sizes["body"], **meta)
        frame = TextFrame(p["left"], p["bottom"], self.text_width, height - p["top"] - p["bottom"],
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="text")
        self.addPageTemplates([PageTemplate("page", [frame], onPage=self._decorate, onPageEnd=self._finish)])

    def canvas_maker(self):
        def make(*args, **kwargs):
            canvas = LateFormCanvas(*args, **kwargs)
            # A footnote mark, when drawn, says its note is due on this page.
            canvas.setNamedCB(FOOTNOTE_MARK, lambda _canvas, _kind, label: self.notes.marked(int(label)))
            canvas.before_save.append(self._define_late_forms)
            return canvas

        return make

    # -- numbers known only at the end
    def contents_leader(self, canvas: Canvas, anchor: str, x: float, y: float) -> None:
        """Dots from the end of a contents entry (x, y: where its text ends, on its
        baseline) to its page number. The canvas's origin is the entry's, whose left
        edge is the frame's: the column's right edge is at text_width."""
        self._contents_anchors.add(anchor)
        right = self.text_width
        x += 6
        font, size = self.theme.body_font, self.theme.sizes["body"]
        canvas.saveState()
        canvas.setFont(font, size)
        canvas.setFillColor(self.theme.colour("muted"))
        step = 5.0
        first = x + (step - x % step)  # dots on a fixed grid line up from entry to entry
        count = int((right - 26 - first) // step)
        if count > 0:
            dots = canvas.beginText(first, y)
            dots.setFont(font, size)
            dots.setCharSpace(step - canvas.stringWidth(".", font, size))
            dots.textOut("." * count)
            dots.setCharSpace(0)  # character spacing outlives the text object: reset it
            canvas.drawText(dots)
        canvas.translate(right, y)
        canvas.mark_late(f"contents-{anchor}")
        canvas.restoreState()

    def _define_late_forms(self, canvas: Canvas) -> None:
        style = self.styles["header"]
        total = self._last_page
        for page in range(1, total + 1):
            text = self.page_label.format(page=page, pages=total)
            canvas.fill_late(f"page-{page}", right_text(text, style.fontName, style.fontSize, style.textColor,
                                                        *self._page_label_at(), self.theme.fonts))
        for anchor in sorted(self._contents_anchors):
            known = self.heading_pages.get(anchor)
            canvas.fill_late(f"contents-{anchor}", right_text(str(known or "?"), self.theme.body_font,
                                                              self.theme.sizes["body"], self.theme.colour("text")))

    def build(self, flowables, **kwargs):  # noqa: D102 - reportlab's verb
        kwargs.setdefault("canvasmaker", self.canvas_maker())
        if self.notes.texts:  # a note cut on the last page goes on at a page of its own
            flowables = [*flowables, CarriedNotes()]
        return super().build(flowables, **kwargs)

    # -- per page state
    def handle_flowable(self, flowables: list) -> None:  # noqa: D102 - reportlab's verb
        # The parts of a split block carry no line of their own: the block's stays.
        self.current_ref = getattr(flowables[0], "source_ref", None) or self.current_ref
        super().handle_flowable(flowables)

    def handle_pageBegin(self):
        self._sidenote_floor = self.pagesize[1] - self.theme.page["top"]
        super().handle_pageBegin()

    def handle_frameBegin(self, *args, **kwargs):
        super().handle_frameBegin(*args, **kwargs)
        frame = self.frame
        frame._geom()  # drop the room footnotes took on the previous page
        # Notes continued from the previous page come first at this page's foot.
        frame._y1p += self.notes.new_page(frame._height * CONTINUED_NOTES_SHARE)

    # -- footnotes
    def place_footnotes(self, bottom: float) -> None:
        """The notes of the marks just drawn join this page's notes; `bottom` is where
        the block with the marks ends. Raising the frame's bottom keeps later text
        out of the notes."""
        frame = self.frame
        frame._y1p += self.notes.place(bottom - frame._y1p)

    # -- side notes
    def place_sidenote(self, flowables: list[Flowable], y: float, ref: SourceRef | None = None) -> None:
        canvas = self.canv
        width = self.theme.page["sidenote_width"]
        heights = [f.wrapOn(canvas, width, self.pagesize[1])[1] for f in flowables]
        total = sum(heights)
        room = self.pagesize[1] - self.theme.page["top"] - self.theme.page["bottom"]
        if total > room:  # it would run off the page, out of sight
            raise fail(ref or SourceRef(self.title or "document"),
                       f"the side note is taller than the page ({total / mm:.0f} mm, the margin holds "
                       f"{room / mm:.0f} mm); shorten it, or make it a box in the text (::: nb)")
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
        # the head's baseline 13 pt over the text area and its rule 5 pt under it: the
        # rule clears the head's descenders by 3 pt and the first line's capitals by 10
        y = height - p["top"] + 13
        canvas.saveState()
        canvas.setFont(style.fontName, style.fontSize)
        canvas.setFillColor(style.textColor)
        font, size, fallback = style.fontName, style.fontSize, self.theme.fonts
        draw_text(canvas, p["left"], y, self.header[0], font, size, fallback)
        draw_text(canvas, width - p["right"], y, self.header[1], font, size, fallback, align="right")
        canvas.setStrokeColor(self.theme.colour("rule"))
        canvas.setLineWidth(0.5)
        canvas.line(p["left"], y - 5, width - p["right"], y - 5)
        canvas.restoreState()

    def _finish(self, canvas: Canvas, doc: Any) -> None:
        self.place_footnotes(self.frame._y)  # marks drawn outside a block with marks
        self.notes.draw(canvas, self.theme.page["left"], self.theme.page["bottom"], self.theme.colour("rule"))
        self._last_page = max(self._last_page, self.page)
        canvas.mark_late(f"page-{self.page}")  # "page X of Y": Y is known when the canvas is saved

    def _page_label_at(self) -> tuple[float, float]:
        """Where "page X of Y" ends: the right margin, below the text."""
        return self.pagesize[0] - self.theme.page["right"], self.theme.page["bottom"] - 14

    # -- headings: bookmarks and table of contents
    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, WithFootnotes):
            flowable = flowable.inner
        if not isinstance(flowable, HeadingParagraph):
            return
        level = min(flowable.level - 1, self._outline_level + 1)
        self._outline_level = level
        self.heading_pages[flowable.anchor] = self.page
        self.canv.bookmarkPage(flowable.anchor)
        self.canv.addOutlineEntry(flowable.entry, flowable.anchor, level=level, closed=False)

