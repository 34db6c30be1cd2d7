"""Exam pages: an exam document (a version, a key, the overview) from its block
markup, and the print file (every version in turn) from the versions' recorded pages.

The print file takes each version's pages as written (exam/layout/recording.py), or,
for a version whose pages hold more than operators, places them anew. The documents of one
exam share their styles and paragraphs (`ExamLayout`), so each text is parsed and
broken into lines once, however many versions and keys repeat it.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Callable, Iterable

from reportlab.platypus import PageBreak

from handouts.errors import SourceRef
from handouts.exam.layout.blocks import ExamContext, ExamLayout, children, each_block
from handouts.exam.layout.doc import ExamDoc, PartStart
from handouts.exam.layout.recording import RecordedPart, StreamPage
from handouts.language import PDF_LANG
from handouts.layout.fonts import FontPriming, primed_state
from handouts.layout.glyphs import check_markup
from handouts.layout.laid import Laid
from handouts.layout.markup import parse_markup
from handouts.layout.page_numbers import DEFAULT_WORDS
from handouts.layout.placing import PlacedPage, PlacingCanvas
from handouts.layout.replay import draw_placed
from handouts.layout.reportlab_internals import pdf_document
from handouts.layout.speed_tricks import tricks_on
from handouts.layout.theme import Theme

__all__ = ["ExamLayout", "FontPriming", "RecordedPart", "lay_out_exam", "lay_out_parts", "record_pages"]


def lay_out_exam(markup: str, theme: Theme, template: str, shared: ExamLayout | None = None,
                 record: bool = False, priming: FontPriming | None = None, by_block: bool = False) -> Laid:
    """An exam document (a version, a key or the overview) from its block markup. With
    `record`, the document keeps its pages' operators as written (`doc.recorded()`,
    after rendering), for the print file to take as they are (`lay_out_parts`). With
    `priming`, the fonts start in that state: what the exam's other documents drew in
    it is replayed (layout/replay.py). With `by_block`, each block's flowables are
    made when the layout reaches it, the same as made all at once (the same PDF)."""
    root = parse_markup(markup, template)
    check_markup(root, theme.fonts, theme.name, SourceRef(template))
    doc, ctx = _document(root.attrib, theme, shared)
    doc.priming = priming
    doc.codes = [p.get("code", "") for p in root.iter("part")]
    if record:
        doc.keep_operators()
    if by_block:  # a block's flowables made when the layout reaches it, let go once drawn
        return Laid(doc, _BlockByBlock(each_block(root, ctx)), doc.filename)
    return Laid(doc, children(root, ctx), doc.filename)


def record_pages(markup: str, theme: Theme, template: str, shared: ExamLayout | None = None) -> RecordedPart:
    """A version's pages as `lay_out_exam` places them, without drawing them: for a
    print file whose version's operators will not do as written."""
    laid = lay_out_exam(markup, theme, template, shared)
    laid.doc.place_only()
    laid.doc.build(laid.story, canvasmaker=PlacingCanvas)  # lays out and records, writes nothing
    return laid.doc.recorded()


def lay_out_parts(parts: Iterable[RecordedPart], theme: Theme, shared: ExamLayout | None = None,
                  priming: FontPriming | None = None,
                  relay: Callable[[RecordedPart], RecordedPart] | None = None) -> Laid:
    """One document of several exam documents in turn (the print file), each a part
    that starts on a right-hand page. Parts are taken one at a time as the build
    reaches them, so memory stays that of one part however many there are. A part
    written in this document's font state (`priming`) is taken as written, operators
    and all (`StreamPage`); another is drawn from its placed flowables, which `relay`
    places (lays out again, drawing nothing) when it has none."""
    parts = iter(parts)
    first = next(parts)
    doc, _ = _document(first.attributes, theme, shared)
    totals: list[int] = []
    doc.totals, doc.priming = totals, priming

    def story(index: int, part: RecordedPart) -> list:
        canvas = getattr(doc, "canv", None)  # none yet for the first part: primed when made
        if (tricks_on("exam-streams") and part.streams is not None and priming is not None and part.priming == priming
                and (canvas is None or primed_state(pdf_document(canvas)) is priming)):
            drawn = [StreamPage(code, part.fonts) for code in part.streams]
        else:
            if part.pages is None:
                assert relay is not None, "a part without its pages needs `relay`"
                part = relay(part)
            assert part.pages is not None
            drawn = [PlacedPage(placed, draw_placed) for placed in part.pages]
        doc.codes.append(part.code)
        totals.append(len(drawn))
        pages: list = [PartStart(index, part.code)]
        for n, page in enumerate(drawn):
            pages += [PageBreak(), page] if n else [page]
        return pages

    stories = (story(i, part) for i, part in enumerate(itertools.chain([first], parts)))
    return Laid(doc, _LazyStory(stories), doc.filename)


class _LazyStory(list):
    """A story that fetches the next part's flowables when it runs short. reportlab's
    build loop asks `len(flowables)` before every flowable, so that is where."""

    def __init__(self, parts):
        super().__init__()
        self._parts = parts

    def __len__(self):
        while super().__len__() < 2:
            more = next(self._parts, None)
            if more is None:
                break
            self.extend(more)
        return super().__len__()


class _BlockByBlock(_LazyStory):
    """A lazy story of blocks that also fetches the next block while the last flowable
    is kept with the next: reportlab looks ahead along such a chain, as far as the
    story goes."""

    def __len__(self):
        while True:
            n = list.__len__(self)
            if n >= 2 and not list.__getitem__(self, -1).getKeepWithNext():
                return n
            more = next(self._parts, None)
            if more is None:
                return n
            self.extend(more)


def _document(attributes: dict[str, str], theme: Theme, shared: ExamLayout | None) -> tuple[ExamDoc, ExamContext]:
    language = attributes.get("lang", "nl")
    if shared is None or shared.language != language or shared.theme is not theme:
        shared = ExamLayout(theme, language)
    doc = ExamDoc(io.BytesIO(), theme=theme, styles=shared.styles,
                  header=(attributes.get("header-left", ""), attributes.get("header-right", "")),
                  page_label=attributes.get("page-label", DEFAULT_WORDS),
                  blank_label=attributes.get("blank-label", ""), title=attributes.get("title", ""),
                  subject=attributes.get("subject", ""), author="", creator="handouts",
                  producer="handouts", lang=PDF_LANG.get(language, language))
    doc.attributes = dict(attributes)
    return doc, ExamContext(theme, shared.styles, doc.text_width, shared=shared)
