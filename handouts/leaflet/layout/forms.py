"""Writing a placed leaflet: every page platypus ends becomes a PDF form.

A leaflet's outputs put the same panels in different places (side by side on a
tri-fold sheet, one per screen page, two by two on booklet sheets), so each body
page is drawn once into a form, "panelN", and a composer (`leaflet.layout.compose`)
places the forms on the real pages when the document is saved.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable, Sequence
from typing import Any

from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from handouts.layout.flowables import FOOTNOTE_MARK
from handouts.layout.placing import Placed
from handouts.layout.replay import Recordings
from handouts.layout.reportlab_internals import form_being_drawn, pdf_document
from handouts.layout.speed_tricks import tricks_on
from handouts.leaflet.folds import MM, Fold

FORM_SIZE = 300 * MM  # larger than any panel or page: forms never clip


class PanelCanvas(Canvas):
    """A canvas that turns each page platypus ends into a form named "panelN"."""

    def __init__(self, *args: Any, compose: Callable[[PanelCanvas], None],
                 recordings: Recordings, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._compose, self.recordings = compose, recordings
        self.panels = 0
        self.in_form = True
        self.setNamedCB(FOOTNOTE_MARK, lambda *_: None)  # the notes follow the text
        # Printed at actual size, or the folds and panels no longer meet.
        self.setViewerPreference("PrintScaling", "None")
        self.beginForm("panel1", 0, 0, FORM_SIZE, FORM_SIZE)

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        if not self.in_form:
            return super().showPage()
        self.endForm()
        self.panels += 1
        self.beginForm(f"panel{self.panels + 1}", 0, 0, FORM_SIZE, FORM_SIZE)

    def save(self) -> None:
        self.endForm()
        self.in_form = False
        self._compose(self)
        super().save()

    def endForm(self, **attributes: Any) -> None:  # noqa: N802 - reportlab's name
        name = form_being_drawn(self)
        super().endForm(**attributes)
        form = pdf_document(self).idToObject[pdfdoc.xObjectName(name)]
        if form.compression and form.stream and tricks_on("leaflet-forms"):
            form.Contents = self.recordings.encoded_stream(form.stream)
            form.format = functools.partial(self.recordings.written_form, form)

    def draw_form(self, name: str, x: float, y: float = 0) -> None:
        self.saveState()
        self.translate(x, y)
        self.doForm(name)
        self.restoreState()

    def placed_form(self, name: str, placed: tuple[Placed, ...]) -> None:
        """A new form holding placed flowables."""
        self.in_form = True
        self.beginForm(name, 0, 0, FORM_SIZE, FORM_SIZE)
        self.draw_placed(placed)
        self.endForm()
        self.in_form = False

    def draw_placed(self, placed: tuple[Placed, ...]) -> None:
        """Placed flowables, drawn or replayed as another PDF of the run drew them."""
        self.recordings.draw(self, placed)

    # Forms cannot hold links or bookmarks; on paper they are plain text anyway.
    def linkURL(self, *args: Any, **kwargs: Any) -> None:  # noqa: N802
        if not self.in_form:
            super().linkURL(*args, **kwargs)

    def linkRect(self, *args: Any, **kwargs: Any) -> None:  # noqa: N802
        if not self.in_form:
            super().linkRect(*args, **kwargs)

    def bookmarkPage(self, *args: Any, **kwargs: Any) -> None:  # noqa: N802
        if not self.in_form:
            super().bookmarkPage(*args, **kwargs)


def draw_on_panel(canvas: PanelCanvas, placed: Sequence[Placed]) -> None:
    """How a body page (`placing.PlacedPage`) is drawn into its panel's form."""
    canvas.draw_placed(tuple(placed))


class LeafletDoc(BaseDocTemplate):
    """Writes one output of a placed leaflet (a `pages.PlacedLeaflet`, typed loosely as
    pages imports this module): its pages become forms, then sheets."""

    def __init__(self, buffer: io.BytesIO, *, leaflet: Any, fold: Fold,
                 compose: Callable[[PanelCanvas, LeafletDoc], None], recordings: Recordings,
                 mark_colour: Any, number_font: str, print_shop: bool = False, **meta: Any):
        side = fold.sides[0]
        template = PageTemplate("panel", [Frame(0, 0, side.width, side.height, 0, 0, 0, 0)],
                                pagesize=(side.width, side.height))
        super().__init__(buffer, pageTemplates=[template], invariant=1, **meta)
        self.leaflet, self.parts, self._compose = leaflet, leaflet.parts, compose
        self._recordings = recordings
        self.leaflet_fold, self.mark_colour, self.number_font = fold, mark_colour, number_font
        self.page_ids = [name for name, _ in leaflet.body.pages]
        self.headings = leaflet.body.headings
        self.composed_pages = 0
        self.print_shop = print_shop

    def build(self, flowables: list, **kwargs: Any) -> None:  # noqa: D102 - reportlab's verb
        kwargs["canvasmaker"] = lambda *a, **k: PanelCanvas(
            *a, compose=self._finish, recordings=self._recordings, **k)
        super().build(flowables, **kwargs)

    def _finish(self, canvas: PanelCanvas) -> None:
        if self.leaflet_fold.right_to_left:  # viewers show two pages side by side from the right
            canvas.setViewerPreference("Direction", "R2L")
        self._compose(canvas, self)
        self.composed_pages = canvas.getPageNumber() - 1
