"""Handout pages: A4 with a text column and a margin column for side notes, running
header, "page X of Y" footer (layout/page_numbers.py), footnotes at the foot of the
page of their mark, and outline entries (bookmarks) and contents entries for headings."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    ActionFlowable,
    BaseDocTemplate,
    CondPageBreak,
    Frame,
    Indenter,
    PageTemplate,
    Paragraph,
    Table,
)
from reportlab.platypus.doctemplate import FrameBreak
from reportlab.platypus.flowables import Flowable

from handouts.errors import SourceRef, fail
from handouts.layout.figures import FigureBlock
from handouts.layout.flowables import FOOTNOTE_MARK
from handouts.layout.footnotes import CarriedNotes, KeepWithNotes, NoteArea, WithFootnotes
from handouts.layout.headings import HeadingParagraph
from handouts.layout.page_numbers import NumberingCanvas, PageLabel, draw_running_head, right_text
from handouts.layout.reportlab_internals import (
    document_of,
    frame_at_top,
    frame_bottom,
    frame_cursor,
    frame_height,
    frame_of,
    kept_together,
    list_item_block,
    lower_frame_bottom,
    raise_frame_bottom,
    reset_frame_bottom,
)
from handouts.layout.theme import Theme

NOTE_GAP = 3.0  # points between side notes
HEADING_SPLIT_MARGIN = 2.0  # points kept spare when a heading takes a block's first lines along
LONG_PAGE_BAND = 0.1  # a page may run a line long rather than end in a band over this share of it
CONTINUED_NOTES_SHARE = 0.6  # at most this share of a page for a note continued from the last
LOOK_AHEAD_BLOCKS = 60  # blocks looked at for a figure to set at the top of a page (a page's worth)


def column_width(theme: Theme) -> float:
    """Width of a handout's text column: A4 less the margins and the side-note column."""
    p = theme.page
    return A4[0] - p["left"] - p["right"] - p["sidenote_width"] - p["sidenote_gap"]


class EndOfText(ActionFlowable):
    """The end of the story: figures still waiting for a page are set here."""

    def apply(self, doc: Any) -> None:
        pass


class KeepHeadingWithText(KeepWithNotes):
    """Blocks kept together: a heading with the block after it, a sentence that announces
    a list with the list. When they do not fit whole at the foot of a page, the first
    block that does not fit is split there (a paragraph keeps at least two lines, as its
    own split allows; a list at least its first item) and the rest follows on the next
    page, instead of the whole group leaving the rest of this page empty. A heading is
    never the last of them on this page, and one with a footnote is kept whole. When no
    such split fits and the page would end in a wide empty band, the page runs one line
    long (below the column, beside the page number) if that lets the split fit and the
    page has no footnotes."""

    def split(self, aW, aH):  # noqa: N803 - reportlab's names
        canv = getattr(self, "canv", None)
        if canv is None:
            return super().split(aW, aH)
        cut = self._cut(canv, aW, aH)
        if cut is not None:
            return cut[0]
        doc, frame = document_of(canv), frame_of(self)
        if doc is not None and frame is not None and aH > LONG_PAGE_BAND * frame_height(frame) \
                and not (doc.notes.pieces or doc.notes.pending):
            leading = doc.theme.sizes["leading"]
            longer = self._cut(canv, aW, aH + leading)
            if longer is not None and not any(isinstance(f, WithFootnotes) and f.marks(aW) for f in longer[1]):
                lower_frame_bottom(frame, leading)  # (this page only: the next frame starts anew)
                return longer[0]
        return super().split(aW, aH)

    def _cut(self, canv: Any, aW: float, aH: float) -> tuple[list, list] | None:  # noqa: N803
        """The group cut at its first block that does not fit in `aH`, and what of it
        prints on this page; None where platypus's own keeping together is kept."""
        blocks = kept_together(self)
        used = after = 0.0  # (aH is what is left below the first block's space before)
        for i, block in enumerate(blocks):
            gap = max(block.getSpaceBefore() - after, 0) if i else 0.0  # platypus's spacing
            room = aH - used - gap - HEADING_SPLIT_MARGIN
            height = block.wrapOn(canv, aW, aH)[1]
            if height <= room:
                if isinstance(block, WithFootnotes):  # its notes take room too: as platypus does
                    return None
                after = block.getSpaceAfter()
                used += gap + height + after
                continue
            if room <= 0 or isinstance(getattr(block, "inner", block), HeadingParagraph):
                return None
            pieces = block.splitOn(canv, aW, room)
            if len(pieces) < 2 or pieces[0].wrapOn(canv, aW, room)[1] > room:
                return None
            if len(pieces) > 2:  # a list's items: those that fit, and not one line alone after them
                here = _items_here(pieces, canv, aW, room)
                if not here:
                    return None
                return ([*blocks[:i], *pieces[:here], FrameBreak(), *pieces[here:], *blocks[i + 1:]],
                        [*blocks[:i], *pieces[:here]])
            return [*blocks[:i], *pieces, *blocks[i + 1:]], [*blocks[:i], pieces[0]]
        return None  # (all of it fits)


def _items_here(items: list, canv: Any, width: float, room: float) -> int:
    """How many of a list's items to set in `room`: as many as fit, less one when the
    rest would be a single line at the top of the next page."""
    heights = [f.wrapOn(canv, width, room)[1] + f.getSpaceAfter() for f in items]
    here, used = 0, 0.0
    while here < len(items) and used + heights[here] - items[here].getSpaceAfter() <= room:
        used += heights[here]
        here += 1
    rest = items[here:]
    if here > 1 and len(rest) == 1 and heights[-1] - rest[0].getSpaceAfter() < 1.5 * _line(rest[0]):
        here -= 1
    return here


def _line(flowable: Any) -> float:
    """The leading of a flowable's text (a list item's, through its indenter)."""
    style = getattr(list_item_block(flowable), "style", None)
    return float(getattr(style, "leading", 12.0))


def _figure_of(flowable: Any) -> FigureBlock | None:
    """The figure a page-level block is (bare, or wrapped with its caption's footnotes)."""
    inner = getattr(flowable, "inner", flowable)
    return inner if isinstance(inner, FigureBlock) else None


class HandoutDoc(BaseDocTemplate):
    keepTogetherClass = KeepHeadingWithText  # a kept-together group makes room for its footnotes

    def __init__(self, target: Any, *, theme: Theme, styles: dict, header: tuple[str, str],
                 page_label: str, first_page_header: bool = False,
                 footnotes: dict[int, Paragraph] | None = None, **meta: Any):
        self.theme, self.styles = theme, styles
        self.header = header
        self.page_label = PageLabel.at_foot(page_label, styles["header"], theme.fonts, A4[0], theme.page)
        self.first_page_header = first_page_header
        self.heading_pages: dict[str, int] = {}
        self._contents_anchors: set[str] = set()  # entries drawn, whose page numbers are due
        self._sidenote_floor = 0.0
        self._outline_level = -1
        self._waiting: list[Flowable] = []  # figures put off to the top of the next page
        self._due: set[int] = set()  # (ids of) figures set at the end of the text, moved no more
        self._new_page = False
        self._continued: Flowable | None = None  # the rest of a table split at the foot of the last page
        self._drew_table = False  # whether the block just placed was (a part of) a table
        self.current_ref: SourceRef | None = None  # the block being laid out, for a layout error
        self.warnings: list = []  # the layout's warnings (figures, tables), for the maker to pass on
        self.block_pages: dict[SourceRef, int] = {}  # where each block (its line) starts printing
        self.figure_pages: dict[str, int] = {}  # figure id → the page that prints it
        self.first_references: dict[str, SourceRef] = {}  # figure id → the block first referring to it
        p = theme.page
        width, height = A4
        self.text_width = column_width(theme)
        self.notes = NoteArea(footnotes or {}, self.text_width, theme.sizes["leading"] * 0.9)
        self.side_x = p["left"] + self.text_width + p["sidenote_gap"]
        super().__init__(target, pagesize=A4, leftMargin=p["left"], rightMargin=width - p["left"] - self.text_width,
                         topMargin=p["top"], bottomMargin=p["bottom"], invariant=1,
                         # every page starts in our own font: no standard-14 font is referenced
                         initialFontName=theme.body_font, initialFontSize=theme.sizes["body"],
                         # (platypus sets this on each document: a class attribute is not enough)
                         keepTogetherClass=self.keepTogetherClass, **meta)
        frame = Frame(p["left"], p["bottom"], self.text_width, height - p["top"] - p["bottom"],
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="text")
        self.addPageTemplates([PageTemplate("page", [frame], onPage=self._decorate, onPageEnd=self.end_page)])

    def canvas_maker(self):
        def make(*args, **kwargs):
            canvas = NumberingCanvas(*args, **kwargs)
            # A footnote mark, when drawn, says its note is due on this page.
            canvas.setNamedCB(FOOTNOTE_MARK, lambda _canvas, _kind, label: self.notes.marked(int(label)))
            canvas.before_save.append(self._fill_contents)
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

    def _fill_contents(self, canvas: NumberingCanvas) -> None:
        for anchor in sorted(self._contents_anchors):
            known = self.heading_pages.get(anchor)
            canvas.fill_late(f"contents-{anchor}", right_text(str(known or "?"), self.theme.body_font,
                                                              self.theme.sizes["body"], self.theme.colour("text")))

    def build(self, flowables, **kwargs):  # noqa: D102 - reportlab's verb
        kwargs.setdefault("canvasmaker", self.canvas_maker())
        flowables = [*flowables, EndOfText()]
        if self.notes.texts:  # a note cut on the last page goes on at a page of its own
            flowables = [*flowables, CarriedNotes()]
        return super().build(flowables, **kwargs)

    # -- per page state
    def handle_flowable(self, flowables: list) -> None:  # noqa: D102 - reportlab's verb
        # The parts of a split block carry no line of their own: the block's stays.
        self.current_ref = getattr(flowables[0], "source_ref", None) or self.current_ref
        self._drew_table = False
        super().handle_flowable(flowables)
        # A table split here: its rest, at the top of the next page, comes before the
        # figures waiting for that page, so that no figure interrupts the table.
        if self._drew_table and flowables and isinstance(flowables[0], Table):
            self._continued = flowables[0]

    def handle_documentBegin(self):
        self._waiting, self._due, self._new_page = [], set(), False  # multiBuild lays out again
        self._continued = None
        self.block_pages, self.figure_pages = {}, {}
        super().handle_documentBegin()

    def handle_pageBegin(self):
        self._sidenote_floor = self.pagesize[1] - self.theme.page["top"]
        self._new_page = True
        super().handle_pageBegin()

    # -- figures float
    def filterFlowables(self, flowables: list) -> None:  # noqa: N802 - reportlab's hook
        """A figure that does not fit the rest of the page waits for the top of the next
        one while the text after it fills this page; figures keep their order."""
        if self._new_page and self._waiting:  # the waiting figures open the new page
            # (after the rest of a table cut at the foot of the last one)
            at = 1 if flowables and flowables[0] is self._continued else 0
            flowables[at:at], self._waiting = self._waiting, []
        elif self._new_page and flowables and flowables[0] is not self._continued:
            self._figure_to_the_top(flowables)
        self._new_page = False
        head = flowables[0] if flowables else None
        if isinstance(head, EndOfText) and self._waiting:  # no text left to fill a page
            self._due.update(id(f) for f in self._waiting)
            flowables[0:0], self._waiting = self._waiting, []
            return
        block = _figure_of(head)
        if block is None or id(head) in self._due:
            return
        if self._waiting or not self._fits(head, block):
            self._waiting.append(head)
            flowables[0] = None  # platypus skips it here

    def _figure_to_the_top(self, flowables: list) -> None:
        """Look ahead over the page about to be filled: a figure that would not fit
        below the text before it (and so wait for the next page) while the block that
        first refers to it prints on this page goes to the top of this page instead,
        as Typst's `placement: auto` does, nearer to its reference."""
        if not any(f is not None and _figure_of(f) is not None for f in flowables[:LOOK_AHEAD_BLOCKS]):
            return  # no figure ahead: nothing to measure (most pages)
        frame, canv = self.frame, self.canv
        room = frame_cursor(frame) - frame_bottom(frame)
        used = 0.0
        starts = {self.current_ref: 0.0}  # where each block starts (a block's rest: at the top)
        marks: list[int] = []  # the footnotes of the blocks before the figure: their room too
        for i, flowable in enumerate(flowables[:LOOK_AHEAD_BLOCKS]):
            if flowable is None or isinstance(flowable, (CondPageBreak, Indenter)):
                continue
            if isinstance(flowable, ActionFlowable) or used > room:
                return  # a page break, the end of the text, or past this page
            block = _figure_of(flowable)
            height = flowable.wrapOn(canv, self.text_width, room)[1] + (flowable.getSpaceBefore() if i else 0)
            if block is not None:
                room -= self.notes.grow(marks)
                if used + height + flowable.getSpaceAfter() <= room:
                    return  # it fits where it is written
                # its reference still starts on this page, a line or more above its foot, below the figure
                refs = [starts[r] for r in (self.first_references.get(a) for a in block.anchors) if r in starts]
                if used and refs and min(refs) + height + self.theme.sizes["leading"] * 2 <= room \
                        and id(flowable) not in self._due:
                    del flowables[i]
                    flowables.insert(0, flowable)
                    self._due.add(id(flowable))  # (set here: it waits no more)
                return
            starts.setdefault(getattr(flowable, "source_ref", None), used)
            if isinstance(flowable, WithFootnotes):
                marks.extend(flowable.marks(self.text_width))
            used += height + flowable.getSpaceAfter()

    def _fits(self, head: Flowable, block: FigureBlock) -> bool:
        """Whether the figure fits the rest of this page (always, on an empty page)."""
        frame = self.frame
        if frame_at_top(frame):
            return True
        room = frame_cursor(frame) - frame_bottom(frame) - block.getSpaceBefore()
        return head.wrapOn(self.canv, self.text_width, room)[1] <= room + 1e-6

    def handle_frameBegin(self, *args, **kwargs):
        super().handle_frameBegin(*args, **kwargs)
        frame = self.frame
        reset_frame_bottom(frame)  # drop the room footnotes took on the previous page
        # Notes continued from the previous page come first at this page's foot.
        raise_frame_bottom(frame, self.notes.new_page(frame_height(frame) * CONTINUED_NOTES_SHARE))

    # -- footnotes
    def place_footnotes(self, bottom: float) -> None:
        """The notes of the marks just drawn join this page's notes; `bottom` is where
        the block with the marks ends. Raising the frame's bottom keeps later text
        out of the notes."""
        frame = self.frame
        raise_frame_bottom(frame, self.notes.place(bottom - frame_bottom(frame)))

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
        # the head's baseline 13 pt over the text area and its rule 5 pt under it: the
        # rule clears the head's descenders by 3 pt and the first line's capitals by 10
        draw_running_head(canvas, self.theme, self.styles["header"], self.header, *self.page_size(),
                          rise=13, rule_below=5)

    def end_page(self, canvas: NumberingCanvas, doc: Any) -> None:
        self.place_footnotes(frame_cursor(self.frame))  # marks drawn outside a block with marks
        self.notes.draw(canvas, self.theme.page["left"], self.theme.page["bottom"], self.theme.colour("rule"))
        canvas.number_page(self._page_label_here(), self.page)  # "page X of Y": Y is known when the canvas is saved

    def _page_label_here(self) -> PageLabel:
        """The page label at the right margin of this page (a landscape page is wider)."""
        width = self.page_size()[0]
        if width == self.pagesize[0]:
            return self.page_label
        return replace(self.page_label, x=width - self.theme.page["right"])

    def page_size(self) -> tuple[float, float]:
        """The size of the page being laid out (a landscape page's own, see document.py)."""
        size = getattr(self.pageTemplate, "pagesize", None) or self.pagesize
        return float(size[0]), float(size[1])

    # -- headings: bookmarks and table of contents
    def afterFlowable(self, flowable: Flowable) -> None:
        self._drew_table = isinstance(flowable, Table)
        if self.current_ref is not None:
            self.block_pages.setdefault(self.current_ref, self.page)
        figure = _figure_of(flowable)
        for anchor in figure.anchors if figure is not None else ():
            self.figure_pages.setdefault(anchor, self.page)
        if isinstance(flowable, WithFootnotes):
            flowable = flowable.inner
        if not isinstance(flowable, HeadingParagraph):
            return
        level = min(flowable.level - 1, self._outline_level + 1)
        self._outline_level = level
        self.heading_pages[flowable.anchor] = self.page
        self.canv.bookmarkPage(flowable.anchor)
        self.canv.addOutlineEntry(flowable.entry, flowable.anchor, level=level, closed=False)

