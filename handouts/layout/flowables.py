"""The flowables reportlab lacks for teaching material: footnotes kept on the page
of their mark, side notes in the margin column, and a page counter for "X of Y"."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Paragraph
from reportlab.platypus.doctemplate import IndexingFlowable
from reportlab.platypus.flowables import Flowable

FOOTNOTE_MARK = "fnmark"  # name of the onDraw callback in a footnote mark


def footnote_marks(flowable: Any) -> list[int]:
    """Footnote numbers whose marks are inside `flowable`, in order, however nested."""
    found: list[int] = []
    _collect_marks(flowable, found)
    return found


def _collect_marks(thing: Any, found: list[int]) -> None:
    if isinstance(thing, (list, tuple)):
        for item in thing:
            _collect_marks(item, found)
        return
    if isinstance(thing, Paragraph):
        text = getattr(thing, "text", None)
        if isinstance(text, str) and FOOTNOTE_MARK not in text:
            return  # its markup has no mark (parts of a split paragraph have no markup)
        for frag in getattr(thing, "frags", None) or []:
            if isinstance(frag, list):  # split paragraphs hold words as [width, frag...]
                for inner in frag[1:]:
                    _label(inner, found)
            else:
                _label(frag, found)
        return
    for attr in ("_content", "_flowables", "_flowable", "_cellvalues", "_inner"):
        if hasattr(thing, attr):
            _collect_marks(getattr(thing, attr), found)


def _label(frag: Any, found: list[int]) -> None:
    cb = getattr(frag, "cbDefn", None)
    if cb is not None and getattr(cb, "name", "") == FOOTNOTE_MARK:
        number = int(cb.label)
        if number not in found:
            found.append(number)


class WithFootnotes(Flowable):
    """Wraps a flowable whose text has footnote marks: it only fits on a page when its
    footnotes fit below it, and when drawn it hands them to the page to print at the foot.
    The page template (`HandoutDoc`) keeps the frame's bottom raised by what is reserved."""

    def __init__(self, inner: Flowable, notes: dict[int, Paragraph]):
        super().__init__()
        self._inner = inner
        self._notes = {n: notes[n] for n in footnote_marks(inner) if n in notes}

    def _cost(self, width: float) -> float:
        doc = getattr(self.canv, "_doctemplate", None) if hasattr(self, "canv") else None
        return doc.footnote_cost(list(self._notes.values()), width) if doc else 0.0

    def _share_canvas(self) -> None:
        # The frame gives the wrapper its canvas; the wrapped flowable needs it too.
        if hasattr(self, "canv"):
            self._inner.canv = self.canv

    def wrap(self, availWidth, availHeight):
        self._width = availWidth
        self._share_canvas()
        w, h = self._inner.wrap(availWidth, availHeight)
        cost = self._cost(availWidth)
        self._fits = h + cost <= availHeight
        return w, (h if self._fits else h + cost)

    def split(self, availWidth, availHeight):
        self._share_canvas()
        cost = self._cost(availWidth)
        parts = self._inner.split(availWidth, max(availHeight - cost, 0))
        if not parts:
            return []
        notes = {**self._notes}
        return [WithFootnotes(part, notes) if footnote_marks(part) else part for part in parts]

    def drawOn(self, canvas, x, y, _sW=0):
        self._inner.drawOn(canvas, x, y, _sW)
        doc = getattr(canvas, "_doctemplate", None)
        if doc is not None and self._notes:
            doc.place_footnotes(list(self._notes.values()), self._width)

    def getSpaceBefore(self):
        return self._inner.getSpaceBefore()

    def getSpaceAfter(self):
        return self._inner.getSpaceAfter()


class SideNote(Flowable):
    """A note printed in the margin column beside the text where it stands; it takes no
    room in the text column itself."""

    _ZEROSIZE = True

    def __init__(self, flowables: list[Flowable], ref: Any = None):
        super().__init__()
        self._flowables = flowables
        self.ref = ref  # where the note stands in the content file, for an error

    def wrap(self, availWidth, availHeight):
        return 0, 0

    def drawOn(self, canvas, x, y, _sW=0):
        doc = getattr(canvas, "_doctemplate", None)
        if doc is not None:
            doc.place_sidenote(self._flowables, y, self.ref)


class PageCount(IndexingFlowable):
    """Remembers how many pages the previous pass made, for "page X of Y"; asks for
    another pass until the count is stable."""

    def __init__(self, doc: Any):
        super().__init__()
        self._doc = doc
        self.total: int | None = None
        self._previous: int | None = None

    def wrap(self, availWidth, availHeight):
        return 0, 0

    def draw(self):
        pass

    def beforeBuild(self):
        self._previous = self.total

    def afterBuild(self):
        self.total = self._doc.page

    def isSatisfied(self):
        return self.total == self._previous
