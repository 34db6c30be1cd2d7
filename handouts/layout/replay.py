"""Drawing once and replaying the PDF operators in every other PDF of a run.

Thirty exam versions draw the same paragraphs in other orders, and the print file
draws them all again; fifty leaflets draw the same body. Drawing means formatting
paragraphs, tables and drawings into PDF operators every time, while what a drawing
writes depends only on the canvas's graphics state and on the fonts' state (each PDF
numbers the characters of its font subsets). A replay hands back the operators the
first drawing wrote, when the canvas is in the same state, and only for a drawing
whose one trace in the PDF is its operators and its use of fonts (`side_effects`): one
that leaves anything else (a picture, a link, transparency, a new character) is drawn
every time. Both ways below are speed tricks (speed_tricks.py): the bytes are the same
as drawing again.

In a primed font state (exams): the exam's documents are all put in one fixed font
state before they draw (`fonts.FontPriming`), so that a paragraph drawn in the same
graphics state writes the same operators in every one of them. `draw_recorded` (for a
flowable's own drawing), `draw_on` (for a placed flowable) and `draw_placed` hand
those back instead of drawing again; each flowable keeps its own recordings.

With the font states carried along (leaflets): a leaflet's PDFs are not primed; they
reach the same font state by drawing the same things in the same order.
`Recordings` keeps the operators of each drawing with the font state it started from
and the font state it left, and replays them into a PDF in that same state, installing
the state after. The forms holding the drawings come out the same too, so each form's
content is compressed once (`encoded_stream`) and each form written once
(`written_form`): the same bytes go into every PDF.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from reportlab import rl_config
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus.flowables import Flowable

from handouts.layout.fonts import primed_state
from handouts.layout.placing import Placed
from handouts.layout.reportlab_internals import (
    GRAPHICS,
    GRAPHICS_HERE,
    aligned_x,
    draw_here,
    draw_instead,
    draws_its_boundary,
    font_state,
    page_operators,
    pdf_document,
    pdf_version,
    raise_pdf_version,
    registered_fonts,
    transparency_and_colours,
)
from handouts.layout.reportlab_internals import resources_used as side_effects
from handouts.layout.speed_tricks import tricks_on

# ---- in a primed font state (exams) ---------------------------------------------

# What the operators depend on besides the fonts (a flowable draws after a translation
# to its place, so not where it is on the page).
_graphics = attrgetter(*GRAPHICS_HERE)
_LIMIT = 64  # recordings per flowable: more states than this are not worth keeping


def _trace(canvas: Canvas) -> tuple:
    """What a drawing can leave in the PDF besides operators and font use (here also a
    higher PDF version, which a recording does not carry)."""
    return (*side_effects(canvas), pdf_version(pdf_document(canvas)))


def draw_recorded(owner: Any, canvas: Canvas, draw: Callable[[], None], *extra: Any) -> None:
    """`draw()` on `canvas`, or the operators it wrote last time in the same state.
    `owner` keeps the recordings: one owner per drawing (a paragraph, an option), and
    `extra` is whatever else its drawing depends on (the width it was laid out at)."""
    doc = pdf_document(canvas)
    priming = primed_state(doc)
    if priming is None or not tricks_on("exam-replay"):
        draw()
        return
    graphics = _graphics(canvas)
    key = (priming, graphics, *extra)
    recordings = owner.__dict__.setdefault("_recordings", {})
    try:
        hit = recordings.get(key)
    except TypeError:  # a dash pattern given as a list
        draw()
        return
    if hit is not None:
        code, fonts, after = hit
        page_operators(canvas).extend(code)
        join_fonts(doc, fonts)
        canvas.__dict__.update(after)
        return
    operators = page_operators(canvas)
    start, before, used = len(operators), _trace(canvas), getattr(doc, "fonts_used", None)
    doc.fonts_used = []
    try:
        draw()
        fonts = tuple(doc.fonts_used)
    finally:
        doc.fonts_used = used
    if used is not None:
        used.extend(name for name in fonts if name not in used)
    if primed_state(doc) is priming and _trace(canvas) == before and len(recordings) < _LIMIT:
        after = dict(zip(GRAPHICS_HERE, _graphics(canvas), strict=True))
        recordings[key] = (tuple(operators[start:]), fonts, after)


def join_fonts(doc: Any, names: tuple[str, ...]) -> None:
    """The primed fonts named join the PDF's fonts, in order, as drawing with them would."""
    for name in names:
        if name not in doc.fontMapping:
            font = doc.primed_fonts[name]
            doc.fontMapping[name] = "/" + font.state[doc].internalName
            doc.delayedFonts.append(font)


def draw_on(flowable: Flowable, canvas: Canvas, x: float, y: float, spare: float = 0) -> None:
    """`flowable.drawOn(canvas, x, y, spare)`, its drawing recorded once and replayed
    after: a version's pages are drawn again in the print file."""
    if type(flowable).drawOn is not Flowable.drawOn or draws_its_boundary(flowable) or not tricks_on("exam-replay"):
        flowable.drawOn(canvas, x, y, spare)
        return
    x = aligned_x(flowable, x, spare)
    canvas.saveState()
    canvas.translate(x, y)
    # A copy made to be laid out apart (`replay_as`) draws as the one it copies.
    draw_recorded(getattr(flowable, "replay_as", flowable), canvas, lambda: draw_here(flowable, canvas), "drawOn",
                  getattr(flowable, "width", None), getattr(flowable, "height", None))
    canvas.restoreState()


def draw_placed(canvas: Canvas, placed: Sequence[Placed]) -> None:
    """Placed flowables drawn where they were placed, each drawing replayed when it can."""
    for one in placed:
        draw_on(one.flowable, canvas, one.x, one.y, one.spare)


# ---- with the font states carried along (leaflets) ------------------------------

_KEPT = 512  # recordings (and forms) kept per layout, the least recently used let go


class _Kept(OrderedDict):
    """A bounded cache: the body, used by every PDF, stays; a practice's cover and
    stamp, used by its own outputs only, make room for the next practice's."""

    def get(self, key: Any, default: Any = None) -> Any:
        if key in self:
            self.move_to_end(key)
            return self[key]
        return default

    def keep(self, key: Any, value: Any) -> None:
        self[key] = value
        if len(self) > _KEPT:
            self.popitem(last=False)


@dataclass(frozen=True)
class _FontState:
    """One TrueType font's subsets in one PDF: which code each character has."""

    font: TTFont
    mapped: bool  # named in the PDF's fonts (drawn with), not only given codes
    internal_name: str | None
    next_code: int
    subsets: tuple[tuple[int, ...], ...]
    assignments: tuple[tuple[int, int], ...]

    def install(self, doc: Any) -> None:
        if self.mapped and self.font.fontName not in doc.fontMapping:  # first drawn with
            assert self.internal_name is not None  # a font drawn with has its PDF name
            doc.fontMapping[self.font.fontName] = "/" + self.internal_name
            doc.delayedFonts.append(self.font)
        state = font_state(self.font, doc)
        state.internalName, state.nextCode = self.internal_name, self.next_code
        state.subsets = [list(subset) for subset in self.subsets]  # the PDF adds to them
        state.assignments = dict(self.assignments)


@dataclass(frozen=True)
class _Recording:
    code: tuple[str, ...]  # the operators the drawing appended
    fonts: tuple[_FontState, ...]  # every font's state after it, in the PDF's font order
    pdf_version: tuple[int, int]  # at least this (1.4 once anything set an opacity)

    def replay(self, canvas: Canvas) -> None:
        page_operators(canvas).extend(self.code)
        doc = pdf_document(canvas)
        raise_pdf_version(doc, self.pdf_version)
        for kept in self.fonts:
            kept.install(doc)


class Recordings:
    """The recorded drawings of one leaflet layout, for all its PDFs."""

    def __init__(self) -> None:
        self._recorded = _Kept()  # (what, font state, graphics state) → _Recording or None
        self._encoded = _Kept()  # form content → compressed
        self._written = _Kept()  # form content, box, resources → the form object's bytes

    def encoded_stream(self, content: bytes) -> pdfdoc.PDFStream:
        """A form's content stream, compressed as reportlab would, once per content."""
        filters = [pdfdoc.PDFBase85Encode, pdfdoc.PDFZCompress] if rl_config.useA85 else [
            pdfdoc.PDFZCompress]
        encoded = self._encoded.get(content)
        if encoded is None:
            encoded = content
            for encoder in reversed(filters):
                encoded = encoder.encode(encoded)
            self._encoded.keep(content, encoded)
        # With its filters named, the stream is written as it is, not encoded again.
        names = pdfdoc.PDFArray([pdfdoc.PDFName(f.pdfname) for f in filters])
        return pdfdoc.PDFStream(pdfdoc.PDFDictionary({"Filter": names}), encoded)

    def written_form(self, form: pdfdoc.PDFFormXObject, document: Any) -> bytes:
        """A form object as reportlab writes it, written once per content and box.

        A form names its resources: the PDF's one font dictionary, and other forms
        (not in a leaflet); one that names other forms or has links is written anew."""
        if form.XObjects or form.Annots:
            return pdfdoc.PDFFormXObject.format(form, document)
        fonts = pdfdoc.format(pdfdoc.PDFObjectReference(pdfdoc.BasicFonts), document)
        key = (form.stream, form.lowerx, form.lowery, form.upperx, form.uppery,
               form.compression, form.hasImages, fonts, rl_config.useA85)
        written = self._written.get(key)
        if written is None:
            written = pdfdoc.PDFFormXObject.format(form, document)
            self._written.keep(key, written)
        return written

    def draw(self, canvas: Canvas, placed: tuple[Placed, ...]) -> None:
        """Draw `placed` on `canvas`, replaying the operators if recorded in this state."""
        def draw() -> None:
            for flowable in placed:
                flowable.draw(canvas)
        self._draw(canvas, placed, draw, GRAPHICS)

    def draw_here(self, canvas: Canvas, flowable: Flowable, draw: Callable[[], None]) -> None:
        """A flowable's own drawing (`draw`, called where `drawOn` put the origin),
        replayed wherever the flowable is, in a table cell or on its own."""
        self._draw(canvas, ("here", flowable), draw, GRAPHICS_HERE)

    def _draw(self, canvas: Canvas, what: Any, draw: Callable[[], None],
              graphics: tuple[str, ...]) -> None:
        if not tricks_on("leaflet-replay"):
            draw()
            return
        fonts = _font_key(pdf_document(canvas))
        key = (what, fonts, _graphics_key(canvas, graphics)) if fonts is not None else None
        recording = self._recorded.get(key) if key is not None else None
        if recording is not None:
            recording.replay(canvas)
            return
        code = page_operators(canvas)
        start, before = len(code), side_effects(canvas)
        last = code[-1] if code else None
        draw()
        if key is None or key in self._recorded:  # in it as None: cannot be replayed
            return
        # Only a drawing whose one trace is its operators and font use can be replayed;
        # and one that starts with a `cm` would have merged it into the line before.
        clean = (side_effects(canvas) == before and _graphics_key(canvas, graphics) == key[2]
                 and (code[start - 1] if start else None) == last
                 and not (len(code) > start and code[start].endswith(" cm")))
        fonts_after = _font_states(pdf_document(canvas)) if clean else None
        self._recorded.keep(key, _Recording(tuple(code[start:]), fonts_after,
                                            pdf_version(pdf_document(canvas)))
                            if fonts_after is not None else None)


def _fonts(doc: Any) -> list[TTFont] | None:
    """The TrueType fonts with a state in `doc`: those it names, in their order, then
    any given codes ahead of drawing; None if it names a font of another kind."""
    named = []
    for name in doc.fontMapping:
        font = pdfmetrics.getFont(name)
        if not isinstance(font, TTFont) or font.state.get(doc) is None:
            return None
        named.append(font)
    ahead = sorted((font for font in registered_fonts() if isinstance(font, TTFont)
                    and font.fontName not in doc.fontMapping and font.state.get(doc)),
                   key=lambda font: font.fontName)
    return named + ahead


def _font_states(doc: Any) -> tuple[_FontState, ...] | None:
    """Every TrueType font's state in `doc` (see `_fonts`), to install in another."""
    fonts = _fonts(doc)
    if fonts is None:
        return None
    states = []
    for font in fonts:
        state, mapped = font.state[doc], font.fontName in doc.fontMapping
        if state.frozen or mapped != (font in doc.delayedFonts):
            return None
        states.append(_FontState(font, mapped, state.internalName, state.nextCode,
                                 tuple(tuple(subset) for subset in state.subsets),
                                 tuple(state.assignments.items())))
    return tuple(states)


def _font_key(doc: Any) -> tuple | None:
    """What the fonts' states in `doc` are, as a dictionary key (the subsets say which
    code each character has), or None if it names a font that is not TrueType."""
    fonts = _fonts(doc)
    if fonts is None:
        return None
    mapping = doc.fontMapping
    return tuple((font.fontName, mapping.get(font.fontName), font.state[doc].internalName,
                  font.state[doc].nextCode, tuple(map(tuple, font.state[doc].subsets)))
                 for font in fonts)


def _graphics_key(canvas: Canvas, names: tuple[str, ...]) -> str:
    """The graphics state the next operators depend on, as a dictionary key: with the
    opacities set and named so far, and the spot colours used (names in operators)."""
    state = canvas.__dict__
    return repr((tuple(state[name] for name in names), *transparency_and_colours(canvas)))


def replayable(flowable: Flowable) -> Flowable:
    """`flowable`, drawn through the canvas's recordings when it has them: for
    flowables shared by every leaflet of a run (pictures, QR codes)."""
    draw = flowable.draw

    def recorded_draw() -> None:
        recordings = getattr(flowable.canv, "recordings", None)
        if recordings is None:
            draw()
        else:
            recordings.draw_here(flowable.canv, flowable, draw)

    draw_instead(flowable, recorded_draw)
    return flowable
