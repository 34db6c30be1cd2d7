"""What a drawing on a reportlab canvas depends on, and what it may leave behind.

The exam and leaflet layouts draw the same flowables into many PDFs and replay the
operators of the first drawing (exam/layout/replay.py, leaflet/layout/replay.py). A replay is only
right when the canvas is in the same graphics state, and only possible when the
drawing left nothing in the PDF but its operators and its use of fonts.
"""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

# The canvas's graphics state: what the next operators depend on besides the fonts.
GRAPHICS = tuple(name for name in Canvas.STATE_ATTRIBUTES if name != "_extgstate")
# Inside a flowable's own drawing, where it is on the page is the PDF's business (the
# `cm` before it); the canvas only tracks it for links, which are never recorded.
GRAPHICS_HERE = tuple(name for name in GRAPHICS if name != "_currentMatrix")


def side_effects(canvas: Canvas) -> tuple:
    """What a drawing could leave in the canvas or the PDF besides operators and font
    use: compare before and after; a drawing that changed it is drawn every time."""
    doc = canvas._doc
    return (len(canvas._formsinuse), len(canvas._annotationrefs), len(canvas._colorsUsed),
            len(canvas._shadingUsed), len(canvas._extgstate._c), len(canvas._destinations),
            len(canvas.state_stack), len(doc.idToObject), len(doc.fontMapping) - len(
                doc.delayedFonts))
