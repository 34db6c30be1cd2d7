"""Recording an exam document's pages, so that the print file draws them again
without laying anything out: a version's document notes what each of its pages drew
where (its frame is a `placing.PlacingFrame`), and the print file draws those same
flowables in the same places (`placing.PlacedPage`), or takes its pages' operators as
written (`StreamPage`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlab.platypus.flowables import Flowable

from handouts.layout.placing import Placed
from handouts.layout.replay import join_fonts
from handouts.layout.reportlab_internals import page_operators, pdf_document

if TYPE_CHECKING:
    from handouts.layout.fonts import FontPriming


@dataclass(frozen=True)
class RecordedPart:
    """One version's pages as laid out: per page, each flowable with where it stood;
    and as written, when the fonts stayed in their primed state: each page's operators,
    which the print file (primed alike) takes as they are (`StreamPage`)."""

    code: str
    attributes: dict[str, str]  # the document's own (title, header, labels)
    pages: list[tuple[Placed, ...]] | None  # None: not at hand (made in another process)
    streams: tuple[str, ...] | None = None  # per page, its operators as written
    fonts: tuple[str, ...] = ()  # the fonts the pages use, in the order they joined
    priming: FontPriming | None = None  # the font state the streams are written in
    markup: str | None = None  # to lay the pages out again when the streams will not do


class StreamPage(Flowable):
    """A page written before in the same font state: its operators, as they were. They
    hold the page's header and footer too (see `doc.ExamDoc._finish`)."""

    def __init__(self, code: str, fonts: tuple[str, ...]):
        super().__init__()
        self.code, self.fonts = code, fonts

    def wrap(self, availWidth, availHeight):
        return availWidth, availHeight  # the whole frame

    def drawOn(self, canvas, x, y, _sW=0):
        join_fonts(pdf_document(canvas), self.fonts)  # as they joined in the version's PDF
        page_operators(canvas).append(self.code)
        canvas.streamed_page = True
