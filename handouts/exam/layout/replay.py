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

from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus.flowables import Flowable

from handouts.layout.canvas_state import GRAPHICS_HERE, side_effects
from handouts.layout.fonts import primed_state
from handouts.layout.placing import Placed
from handouts.layout.reportlab_internals import (
    aligned_x,
    draw_here,
    draws_its_boundary,
    page_operators,
    pdf_document,
    pdf_version,
)
from handouts.layout.speed_tricks import tricks_on

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
