"""The flowables reportlab lacks for teaching material: side notes in the margin
column (footnotes are in `footnotes`; "page X of Y" is in `page_numbers`)."""

from __future__ import annotations

from typing import Any

from reportlab.platypus.flowables import Flowable

from handouts.layout.reportlab_internals import document_of

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
        doc = document_of(canvas)
        if doc is not None:
            doc.place_sidenote(self._flowables, y, self.ref)
            return
        for flowable in self._flowables:  # a scratch drawing (looking for footnote marks)
            flowable.wrapOn(canvas, 0xFFFF, 0xFFFF)
            flowable.drawOn(canvas, x, y)
