"""Every place `handouts` reaches past reportlab's public API, named by what it does.

reportlab documents flowables, frames, page templates and the canvas's drawing calls,
but not the state behind them. A few things the project needs have no public door:
the operators a canvas has written so far (to replay them), the PDF document behind a
canvas (to give every exam version the same font state), which resources a drawing
used (to know whether a replay is safe). Each such reach is a small function here, with
the reason the public API does not suffice; tests/test_reportlab_internals.py checks
every assumption directly against the installed reportlab and names the version and the
name when a release changes one.

Instance patches (a function put over a method of one reportlab object) count as
reaches too. tests/test_reportlab_wall.py scans every other module for private
reportlab names and fails on a new one; the reaches some modules still make (page
totals in the handout's pages, paragraph and footnote internals, the exam's own
flowables, the leaflet's panel cursor, and `fonts.SubsetFont`'s patch of its face's
`makeSubset` and `addSubsetObjects`) are listed there, each checked in
tests/test_reportlab_internals.py, to be moved here.
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

# The canvas's graphics state: what the next operators depend on besides the fonts.
# `Canvas.STATE_ATTRIBUTES` is public, but it names private attributes.
GRAPHICS = tuple(name for name in Canvas.STATE_ATTRIBUTES if name != "_extgstate")
# Inside a flowable's own drawing, where it is on the page is the PDF's business (the
# `cm` before it); the canvas only tracks it for links, which are never recorded.
GRAPHICS_HERE = tuple(name for name in GRAPHICS if name != "_currentMatrix")


def pdf_document(canvas: Canvas) -> Any:
    """The PDFDocument a canvas writes into. No public accessor: the font state (which
    fonts are named F1, F2…, which code each character has) lives there, and exams
    give every version the same one."""
    return canvas._doc


def resources_used(canvas: Canvas) -> tuple:
    """Counts of everything a drawing can add to a PDF besides page operators and font
    use: forms, annotations, colour spaces, shadings, transparency states, link targets,
    saved states, objects, fonts. reportlab has no public way to ask; comparing the
    counts before and after a drawing says whether its operators alone reproduce it."""
    doc = canvas._doc
    return (len(canvas._formsinuse), len(canvas._annotationrefs), len(canvas._colorsUsed),
            len(canvas._shadingUsed), len(canvas._extgstate._c), len(canvas._destinations),
            len(canvas.state_stack), len(doc.idToObject), len(doc.fontMapping) - len(
                doc.delayedFonts))


def font_state(font: TTFont, doc: Any) -> Any:
    """A TrueType font's per-document state (its internal name, the next character
    code), made when missing. `TTFont` only makes it while drawing text; exams make it
    first, so every version numbers fonts and characters in one order."""
    return font._assignState(doc)


def registered_fonts() -> list:
    """Every font registered with reportlab. `pdfmetrics` has `getRegisteredFontNames`,
    but it answers only the names, and only those of fonts looked up once."""
    return list(pdfmetrics._fonts.values())


def note_frame_and_canvas(flowable: Any, frame: Any, canvas: Canvas) -> None:
    """Give a flowable the frame and canvas a frame gives it while it wraps (`Frame._add`
    does so, undocumented): tables and keep-togethers measure against them."""
    flowable._frame, flowable.canv = frame, canvas


def forget_frame_and_canvas(flowable: Any) -> None:
    """Undo `note_frame_and_canvas`, as a frame does after drawing a flowable (whose
    own drawing may have let go of the canvas already)."""
    flowable.__dict__.pop("_frame", None)
    flowable.__dict__.pop("canv", None)


def forget_postponed(flowable: Any) -> None:
    """Unmark a flowable reportlab moved on to the next page, once it is placed there.

    reportlab marks such a flowable (`_postponed`, in `BaseDocTemplate.handle_flowable`)
    and, when it meets a marked one that does not fit, calls it too large for any page;
    it never unmarks it. The versions of an exam share their paragraphs, so a line moved
    on in one version would stop the next version that moves it on."""
    flowable.__dict__.pop("_postponed", None)


def page_operators(canvas: Canvas) -> list[str]:
    """The operators a canvas has written on its current page (or form) so far, the list
    itself: a replay reads what a drawing added and adds it again elsewhere. reportlab
    has `getpdfdata` for a whole document only."""
    return canvas._code


def pdf_version(doc: Any) -> tuple[int, int]:
    """The PDF version a document will declare (1.4 once anything set an opacity)."""
    return doc._pdfVersion


def raise_pdf_version(doc: Any, version: tuple[int, int]) -> None:
    """Declare at least `version`, as the drawing replayed would have."""
    doc._pdfVersion = max(doc._pdfVersion, version)


def page_holds_only_operators(canvas: Canvas) -> bool:
    """Whether the current page is nothing but its operators and fonts: no picture or
    form, link, spot colour, shading, transparency or PostScript beside them, so that
    the operators alone, written on another page, reproduce it."""
    return not (canvas._formsinuse or canvas._annotationrefs or canvas._colorsUsed or canvas._shadingUsed
                or canvas._psCommandsBeforePage or canvas._psCommandsAfterPage or canvas._extgstate._c)


def start_page(canvas: Canvas) -> None:
    """Begin a fresh page without ending the current one (`showPage` does both): a
    canvas that holds its pages back until their totals are known."""
    canvas._startPage()


def draws_its_boundary(flowable: Any) -> bool:
    """Whether a flowable draws its bounding box (platypus's debugging aid)."""
    return bool(getattr(flowable, "_showBoundary", False))


def aligned_x(flowable: Any, x: float, spare: float) -> float:
    """Where `Flowable.drawOn` puts a flowable's left edge, given its `hAlign` and the
    width left over (`_hAlignAdjust`)."""
    return flowable._hAlignAdjust(x, spare)


def draw_here(flowable: Any, canvas: Canvas) -> None:
    """A flowable's own drawing at the canvas's origin, as `Flowable.drawOn` does it
    after moving there (`_drawOn`: sets `canv`, draws, lets go of it)."""
    flowable._drawOn(canvas)


def kept_together(keep: Any) -> list:
    """The flowables a `KeepTogether` holds (it has no public accessor)."""
    return keep._content


def transparency_and_colours(canvas: Canvas) -> tuple:
    """The opacities set and named so far (`_extgstate`) and the spot colours used:
    what the next operators' names depend on, besides the graphics state."""
    return canvas._extgstate._d, canvas._extgstate._c, tuple(canvas._colorsUsed)


def form_being_drawn(canvas: Canvas) -> str:
    """The name of the form (`beginForm`) a canvas is drawing into."""
    return canvas._formData[0]


def draw_instead(flowable: Any, draw: Any) -> None:
    """An instance patch: `flowable.draw` becomes `draw`, for this flowable only (the
    replay of shared pictures and QR codes). A reportlab `Drawing` checks the names of
    attributes set on it and refuses `draw`, so the function goes in its `__dict__`,
    where `Flowable.drawOn` finds it first."""
    vars(flowable)["draw"] = draw
