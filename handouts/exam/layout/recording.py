"""Recording an exam document's pages, so that the print file draws them again
without laying anything out: a version's document notes what each of its pages drew
where (`RecordingFrame`), and the print file draws those same flowables in the same
places (`PlacedPage`)."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reportlab.platypus import BaseDocTemplate, Frame
from reportlab.platypus.flowables import Flowable

from handouts.exam.layout.replay import draw_on, join_fonts

if TYPE_CHECKING:
    from handouts.layout.fonts import FontPriming


@dataclass(frozen=True)
class RecordedPart:
    """One version's pages as laid out: per page, each flowable with where it stood;
    and as written, when the fonts stayed in their primed state: each page's operators,
    which the print file (primed alike) takes as they are (`StreamPage`)."""

    code: str
    attributes: dict[str, str]  # the document's own (title, header, labels)
    pages: list[list[tuple]] | None  # None: not at hand (made in another process)
    streams: tuple[str, ...] | None = None  # per page, its operators as written
    fonts: tuple[str, ...] = ()  # the fonts the pages use, in the order they joined
    priming: FontPriming | None = None  # the font state the streams are written in
    markup: str | None = None  # to lay the pages out again when the streams will not do


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


class StreamPage(Flowable):
    """A page written before in the same font state: its operators, as they were. They
    hold the page's header and footer too (see `doc.ExamDoc._finish`)."""

    def __init__(self, code: str, fonts: tuple[str, ...]):
        super().__init__()
        self.code, self.fonts = code, fonts

    def wrap(self, availWidth, availHeight):
        return availWidth, availHeight  # the whole frame

    def drawOn(self, canvas, x, y, _sW=0):
        join_fonts(canvas._doc, self.fonts)  # as they joined in the version's PDF
        canvas._code.append(self.code)
        canvas.streamed_page = True


class _Placing:
    """A flowable on its way into a frame: notes where the frame draws it (and draws
    it, unless only the places are wanted). Everything else goes to the flowable."""

    __slots__ = ("flowable", "doc")

    def __init__(self, flowable: Flowable, doc: BaseDocTemplate):
        object.__setattr__(self, "flowable", flowable)
        object.__setattr__(self, "doc", doc)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.flowable, name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self.flowable, name, value)

    def __delattr__(self, name: str) -> None:
        delattr(self.flowable, name)

    def drawOn(self, canvas, x, y, _sW=0):
        if self.doc.pages is not None:
            self.doc.placed.append((self.flowable, x, y, _sW))
        if self.doc.drawing:
            draw_on(self.flowable, canvas, x, y, _sW)


class RecordingFrame(Frame):
    """A frame that tells its document where it draws each flowable (when it records),
    and draws each as drawn before when it can (exam/layout/replay.py)."""

    doc: BaseDocTemplate

    def add(self, flowable, canv, trySplit=0):
        placed = Frame._add(self, _Placing(flowable, self.doc), canv, trySplit)
        if placed:
            forget_postponed(flowable)
        return placed

    _add = add

    def __deepcopy__(self, memo: dict) -> RecordingFrame:
        # reportlab copies the frame to measure a KeepTogether: the copy reports to the
        # same document, which must not be copied along.
        clone = self.__class__.__new__(self.__class__)
        memo[id(self)] = clone
        clone.__dict__.update({k: v if k == "doc" else copy.deepcopy(v, memo) for k, v in self.__dict__.items()})
        return clone


def forget_postponed(flowable: Flowable) -> None:
    """Unmark a flowable reportlab moved on to the next page, once it is placed there.

    reportlab marks such a flowable (`_postponed`) and, when it meets a marked one that
    does not fit, calls it too large for any page; it never unmarks it. The versions of
    an exam share their paragraphs (exam.layout.blocks), so the "Totaal" line moved on in one
    version would stop the next version that moves it on. The name is reportlab's own
    (doctemplate.handle_flowable); test_exam_replay checks that it still is.
    """
    flowable.__dict__.pop("_postponed", None)
