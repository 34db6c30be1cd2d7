"""The flowables reportlab lacks for teaching material: side notes in the margin
column and a page counter for "X of Y" (footnotes are in `footnotes`)."""

from __future__ import annotations

from typing import Any

from reportlab.platypus.doctemplate import IndexingFlowable
from reportlab.platypus.flowables import Flowable

FOOTNOTE_MARK = "fnmark"  # name of the canvas callback a footnote mark calls when drawn


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
            return
        for flowable in self._flowables:  # a scratch drawing (looking for footnote marks)
            flowable.wrapOn(canvas, 0xFFFF, 0xFFFF)
            flowable.drawOn(canvas, x, y)


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
