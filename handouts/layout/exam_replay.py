"""Drawing a flowable once and replaying its PDF operators in every other exam PDF.

Thirty versions draw the same paragraphs in other orders, and the print file draws
them all again. What a drawing writes depends only on the canvas's graphics state
and on the fonts' state (each PDF numbers the characters of its font subsets): the
exam's documents are put in one fixed font state before they draw (`FontPriming`),
so that a paragraph drawn in the same graphics state writes the same operators in
every one of them. `draw_recorded` (for a flowable's own drawing) and `draw_on` (for
a placed flowable) hand those back instead of drawing again.

A drawing that leaves any other trace (a new character, a link, transparency) is
never recorded: it is drawn every time.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus.flowables import Flowable

from handouts.layout.fonts import primed_state

# What the operators depend on besides the fonts; the matrix moves with the position
# only (a flowable draws after a translation to its place).
_GRAPHICS = tuple(name for name in Canvas.STATE_ATTRIBUTES if name not in ("_extgstate", "_currentMatrix"))
_graphics = attrgetter(*_GRAPHICS)
_LIMIT = 64  # recordings per flowable: more states than this are not worth keeping


def _trace(canvas: Canvas) -> tuple:
    """What a drawing can leave in the PDF besides operators and font use."""
    doc = canvas._doc
    return (len(canvas._annotationrefs), doc._pdfVersion, len(doc.idToObject), len(canvas._extgstate._c),
            len(canvas._formsinuse), len(canvas._colorsUsed), len(canvas._shadingUsed))


def draw_recorded(owner: Any, canvas: Canvas, draw: Callable[[], None], *extra: Any) -> None:
    """`draw()` on `canvas`, or the operators it wrote last time in the same state.
    `owner` keeps the recordings: one owner per drawing (a paragraph, an option), and
    `extra` is whatever else its drawing depends on (the width it was laid out at)."""
    priming = primed_state(canvas._doc)
    if priming is None:
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
        canvas._code.extend(code)
        doc = canvas._doc
        for name in fonts:  # the fonts this drawing used join the PDF's, as drawing would
            if name not in doc.fontMapping:
                font = doc.primed_fonts[name]
                doc.fontMapping[name] = "/" + font.state[doc].internalName
                doc.delayedFonts.append(font)
        canvas.__dict__.update(after)
        return
    doc = canvas._doc
    start, before, used = len(canvas._code), _trace(canvas), getattr(doc, "fonts_used", None)
    doc.fonts_used = []
    try:
        draw()
        fonts = tuple(doc.fonts_used)
    finally:
        doc.fonts_used = used
    if used is not None:
        used.extend(name for name in fonts if name not in used)
    if primed_state(doc) is priming and _trace(canvas) == before and len(recordings) < _LIMIT:
        after = dict(zip(_GRAPHICS, _graphics(canvas), strict=True))
        recordings[key] = (tuple(canvas._code[start:]), fonts, after)


def draw_on(flowable: Flowable, canvas: Canvas, x: float, y: float, spare: float = 0) -> None:
    """`flowable.drawOn(canvas, x, y, spare)`, its drawing recorded once and replayed
    after: a version's pages are drawn again in the print file."""
    if type(flowable).drawOn is not Flowable.drawOn or getattr(flowable, "_showBoundary", False):
        flowable.drawOn(canvas, x, y, spare)
        return
    x = flowable._hAlignAdjust(x, spare)
    canvas.saveState()
    canvas.translate(x, y)
    # A copy made to be laid out apart (`replay_as`) draws as the one it copies.
    draw_recorded(getattr(flowable, "replay_as", flowable), canvas, lambda: flowable._drawOn(canvas), "drawOn",
                  getattr(flowable, "width", None), getattr(flowable, "height", None))
    canvas.restoreState()
