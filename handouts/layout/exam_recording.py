"""Recording an exam document's pages, so that the print file draws them again
without laying anything out: a version's document notes what each of its pages drew
where (`RecordingFrame`), and the print file draws those same flowables in the same
places (`PlacedPage`)."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame
from reportlab.platypus.flowables import Flowable

from handouts.layout.exam_replay import draw_on

if TYPE_CHECKING:
    from handouts.layout.exam_doc import ExamDoc


@dataclass(frozen=True)
class RecordedPart:
    """One version's pages as laid out: per page, each flowable with where it stood."""

    code: str
    attributes: dict[str, str]  # the document's own (title, header, labels)
    pages: list[list[tuple]]


class PlacedPage(Flowable):
    """A page laid out before, drawn again: each flowable where it stood."""

    def __init__(self, placed: list[tuple]):
        super().__init__()
        self.placed = placed

    def wrap(self, availWidth, availHeight):
        return availWidth, availHeight  # the whole frame

    def drawOn(self, canvas, x, y, _sW=0):
        for flowable, at_x, at_y, spare in self.placed:
            draw_on(flowable, canvas, at_x, at_y, spare)


class _Placing:
    """A flowable on its way into a frame: notes where the frame draws it (and draws
    it, unless only the places are wanted). Everything else goes to the flowable."""

    __slots__ = ("flowable", "doc")

    def __init__(self, flowable: Flowable, doc: ExamDoc):
        object.__setattr__(self, "flowable", flowable)
        object.__setattr__(self, "doc", doc)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.flowable, name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self.flowable, name, value)

    def __delattr__(self, name: str) -> None:
        delattr(self.flowable, name)

    def drawOn(self, canvas, x, y, _sW=0):
        self.doc.placed.append((self.flowable, x, y, _sW))
        if self.doc.drawing:
            draw_on(self.flowable, canvas, x, y, _sW)


class RecordingFrame(Frame):
    """A frame that tells its document where it draws each flowable."""

    doc: ExamDoc

    def add(self, flowable, canv, trySplit=0):
        if self.doc.pages is None:
            return Frame._add(self, flowable, canv, trySplit)
        return Frame._add(self, _Placing(flowable, self.doc), canv, trySplit)

    _add = add

    def __deepcopy__(self, memo: dict) -> RecordingFrame:
        # reportlab copies the frame to measure a KeepTogether: the copy reports to the
        # same document, which must not be copied along.
        clone = self.__class__.__new__(self.__class__)
        memo[id(self)] = clone
        clone.__dict__.update({k: v if k == "doc" else copy.deepcopy(v, memo) for k, v in self.__dict__.items()})
        return clone


class NoOutput(Canvas):
    """The canvas of a layout that only records its pages."""

    def save(self):
        pass
