"""Drawing once and replaying the PDF operators in every other PDF of a run.

Thirty exam versions draw the same paragraphs in other orders, and the print file
draws them all again; fifty leaflets draw the same body. Drawing means formatting
paragraphs, tables and drawings into PDF operators every time, while what a drawing
writes depends only on the canvas's graphics state and on the fonts' state (each PDF
numbers the characters of its font subsets). A replay hands back the operators the
first drawing wrote, when the canvas is in the same state, and only for a drawing
whose one trace in the PDF is its operators and its use of fonts (`side_effects`): one
that leaves anything else (a picture, a link, transparency, a new character) is drawn
every time. Replaying is a speed trick (speed_tricks.py): the bytes are the same as
drawing again.

One engine, `replay_or_draw`, records and replays for both kinds. A recording is
kept under what was drawn, the font state and the graphics state (`_font_key`); it
holds the operators, the fonts drawn with, the font states left (if any changed), the
graphics state left and the PDF version needed, and a replay puts all of them back.

The font state is named in one of two ways. An exam's documents are all put in one
fixed font state before they draw (`fonts.FontPriming`): there the priming is the font
state, and a drawing that numbers a new character is not recorded. A leaflet's PDFs
are not primed; they reach the same font state by drawing the same things in the same
order, so the key holds every font's subsets, and the recording the states after.

Exams: `draw_recorded` (a flowable's own drawing), `draw_on` (a placed flowable) and
`draw_placed`; each flowable keeps its own recordings. Leaflets: `Recordings`, one per
layout, and `replayable` for pictures shared by every leaflet. The forms holding a
leaflet's drawings come out the same too, so each form's content is compressed once
(`encoded_stream`) and each form written once (`written_form`).
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

from handouts.layout.fonts import FontPriming, primed_state
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

# ---- the one engine: record a drawing, replay it in the same state ---------------

_LIMIT = 64  # recordings per flowable: more states than this are not worth keeping


def draw_recorded(owner: Any, canvas: Canvas, draw: Callable[[], None], *extra: Any) -> None:
    """`draw()` on `canvas`, or the operators it wrote last time in the same state.
    `owner` keeps the recordings: one owner per drawing (a paragraph, an option), and
    `extra` is whatever else its drawing depends on (the width it was laid out at)."""
    replay_or_draw(owner.__dict__.setdefault("_recordings", {}), extra, canvas, draw, True, "exam-replay")


def join_fonts(doc: Any, names: tuple[str, ...]) -> None:
    """The fonts named join the PDF's fonts, in order, as drawing with them would."""
    used = getattr(doc, "fonts_used", None)
    for name in names:
        if name not in doc.fontMapping:
            font = pdfmetrics.getFont(name)
            doc.fontMapping[name] = "/" + font.state[doc].internalName
            doc.delayedFonts.append(font)
        if used is not None and name not in used:
            used.append(name)


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


_KEPT = 512  # recordings (and forms) kept per leaflet layout


class _Kept(OrderedDict):
    """A bounded cache, the least recently used let go: a leaflet's body, used by every
    PDF, stays; a practice's cover and stamp, used by its own outputs only, make room
    for the next practice's."""

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
    used: tuple[str, ...]  # the fonts it drew with, in order
    fonts: tuple[_FontState, ...]  # every font's state after it (none: the state it found)
    graphics: dict[str, Any]  # the graphics state it left
    pdf_version: tuple[int, int]  # at least this (1.4 once anything set an opacity)

    def replay(self, canvas: Canvas) -> None:
        page_operators(canvas).extend(self.code)
        doc = pdf_document(canvas)
        raise_pdf_version(doc, self.pdf_version)
        for kept in self.fonts:
            kept.install(doc)
        join_fonts(doc, self.used)
        canvas.__dict__.update(self.graphics)


# What the operators depend on besides the fonts: the graphics state, without where
# the drawing is on the page for a flowable's own drawing (`here`: it draws after a
# translation to its place).
_GRAPHICS = {True: (GRAPHICS_HERE, attrgetter(*GRAPHICS_HERE)), False: (GRAPHICS, attrgetter(*GRAPHICS))}


def replay_or_draw(recordings: dict, what: Any, canvas: Canvas, draw: Callable[[], None],
                   here: bool, trick: str) -> None:
    """`draw()` on `canvas`, or the operators a drawing of `what` wrote before in the
    same font and graphics state, kept in `recordings` (a `_Kept`, or a flowable's
    own dictionary of at most `_LIMIT`); `trick` turns replaying off."""
    if not tricks_on(trick):
        draw()
        return
    doc = pdf_document(canvas)
    fonts = _font_key(doc)
    names, graphics = _GRAPHICS[here]
    try:
        key = (what, fonts, graphics(canvas), _transparency(canvas)) if fonts is not None else None
        recording = recordings.get(key) if key is not None else None
    except TypeError:  # a dash pattern given as a list
        key = recording = None
    if recording is not None:
        recording.replay(canvas)
        return
    code = page_operators(canvas)
    start, before, outer = len(code), side_effects(canvas), getattr(doc, "fonts_used", None)
    last = code[-1] if code else None
    doc.fonts_used = []
    try:
        draw()
        used = tuple(doc.fonts_used)
    finally:
        doc.fonts_used = outer
    if outer is not None:
        outer.extend(name for name in used if name not in outer)
    if key is None:
        return
    # Only a drawing whose one trace is its operators and font use can be replayed;
    # and one that starts with a `cm` would have merged it into the line before.
    if (side_effects(canvas) != before or _transparency(canvas) != key[3]
            or (code[start - 1] if start else None) != last
            or (len(code) > start and code[start].endswith(" cm"))):
        return
    if isinstance(fonts, FontPriming):  # the drawing must leave the priming as it was
        states: tuple[_FontState, ...] | None = () if primed_state(doc) is fonts else None
    elif _font_key(doc) == fonts:  # it numbered no new character: nothing to put back
        states = ()
    else:
        states = _font_states(doc)
    if states is not None:
        recording = _Recording(tuple(code[start:]), used, states,
                               dict(zip(names, graphics(canvas), strict=True)), pdf_version(doc))
        if isinstance(recordings, _Kept):
            recordings.keep(key, recording)
        elif len(recordings) < _LIMIT:
            recordings[key] = recording


class Recordings:
    """The recorded drawings of one leaflet layout, for all its PDFs."""

    def __init__(self) -> None:
        self._recorded = _Kept()  # (what, font state, graphics state) → _Recording
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
        replay_or_draw(self._recorded, placed, canvas, draw, False, "leaflet-replay")

    def draw_here(self, canvas: Canvas, flowable: Flowable, draw: Callable[[], None]) -> None:
        """A flowable's own drawing (`draw`, called where `drawOn` put the origin),
        replayed wherever the flowable is, in a table cell or on its own."""
        replay_or_draw(self._recorded, ("here", flowable), canvas, draw, True, "leaflet-replay")


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


def _font_key(doc: Any) -> FontPriming | tuple | None:
    """What the fonts' states in `doc` are, as a dictionary key: a primed document's
    priming (which fonts it has named so far changes no operator), or else each font's
    subsets (which code each character has); None for a document primed but no longer
    in that state, or one that names a font that is not TrueType."""
    if hasattr(doc, "primed"):
        return primed_state(doc)
    fonts = _fonts(doc)
    if fonts is None:
        return None
    mapping = doc.fontMapping
    key = tuple((font.fontName, mapping.get(font.fontName), font.state[doc].internalName,
                 font.state[doc].nextCode, tuple(map(tuple, font.state[doc].subsets)))
                for font in fonts)
    # One object per state in a document: every recording made in it keeps this key.
    return doc.__dict__.setdefault("font_keys", {}).setdefault(key, key)


def _transparency(canvas: Canvas) -> tuple:
    """The opacities set and named so far and the spot colours used, as a key."""
    set_so_far, named, colours = transparency_and_colours(canvas)
    if not (set_so_far or named or colours):
        return ()
    return tuple(set_so_far.items()), tuple(named.items()), colours


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
