"""Composers: the real pages of each leaflet output, made of the panel forms.

Each composer runs when the document is saved, after every body page has become
a form ("panel1", "panel2", ...); it draws the cover and stamp forms and places
all the forms on sheets: the two sides of a tri-fold, one panel per screen page,
A5 pages in saddle-stitch order on A4, or one A4 page after another.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from handouts.leaflet.folds import MM, Panel, fold_marks_at
from handouts.leaflet.imposition import printed_sides
from handouts.leaflet.layout.forms import FORM_SIZE, LeafletDoc, PanelCanvas


def _forms(doc: LeafletDoc) -> dict[str, list[str]]:
    """Panel name → form names, in page order."""
    forms: dict[str, list[str]] = {}
    for i, tid in enumerate(doc.page_ids):
        forms.setdefault(tid, []).append(f"panel{i + 1}")
    return forms


def _draw_cover_and_stamp(canvas: PanelCanvas, doc: LeafletDoc) -> None:
    canvas.placed_form("cover", doc.parts.cover)
    canvas.placed_form("stamp", doc.parts.stamp)


def _fold_marks(canvas: PanelCanvas, marks: Any, colour: Any) -> None:
    canvas.saveState()
    canvas.setStrokeColor(colour)
    canvas.setLineWidth(0.5)
    for mark in marks:
        canvas.line(mark.x, mark.y0, mark.x, mark.y1)
    canvas.restoreState()


BLEED = 3 * MM  # print shops trim 3 mm into the printed area
SHOP_MARGIN = 13 * MM  # trim to paper edge: the bleed and room for the crop marks


def _begin_sheet(canvas: PanelCanvas, doc: LeafletDoc, width: float, height: float) -> None:
    """A new sheet side; for a print shop, larger than the trimmed sheet, with its boxes."""
    if not doc.print_shop:
        canvas.setPageSize((width, height))
        return
    m = SHOP_MARGIN
    canvas.setPageSize((width + 2 * m, height + 2 * m))
    canvas.setTrimBox((m, m, m + width, m + height))
    canvas.setBleedBox((m - BLEED, m - BLEED, m + width + BLEED, m + height + BLEED))
    canvas.saveState()
    canvas.translate(m, m)


TRIM_TOUCH = 1 * MM  # a panel this close to the sheet's edge is cut there


def _bleed_bands(canvas: PanelCanvas, doc: LeafletDoc, x: float, panel_width: float,
                 width: float, height: float) -> None:
    """For a print shop, the cover's bands under the cover panel drawn at `x`: from the
    band up to the top edge and across the panel, and past every edge of the sheet it
    reaches by the bleed, so no white shows where the shop's cut wanders."""
    if not doc.print_shop:
        return
    left = x - BLEED if x < TRIM_TOUCH else x
    right = x + panel_width + (BLEED if x + panel_width > width - TRIM_TOUCH else 0)
    canvas.saveState()
    for band in doc.parts.bands:
        canvas.setFillColor(band.colour)
        bottom = band.rect.y
        canvas.rect(left, bottom, right - left, height + BLEED - bottom, stroke=0, fill=1)
    canvas.restoreState()


def _end_sheet(canvas: PanelCanvas, doc: LeafletDoc, width: float, height: float,
               folds: list[float], marks: Any) -> None:
    """Fold marks, crop marks for a print shop, and the sheet side is done."""
    if not doc.print_shop:
        _fold_marks(canvas, marks, doc.mark_colour)
        canvas.showPage()
        return
    canvas.restoreState()
    m, gap, end = SHOP_MARGIN, BLEED + 1 * MM, SHOP_MARGIN - 1 * MM
    lines = []
    for x in (m, m + width):  # crop marks: the trim's edges continued outside the bleed
        lines += [(x, m - gap, x, m - end), (x, m + height + gap, x, m + height + end)]
    for y in (m, m + height):
        lines += [(m - gap, y, m - end, y), (m + width + gap, y, m + width + end, y)]
    canvas.saveState()
    canvas.setStrokeColorRGB(0, 0, 0)
    canvas.setLineWidth(0.25)
    for x0, y0, x1, y1 in lines:
        canvas.line(x0, y0, x1, y1)
    canvas.setDash(2, 1.5)  # fold marks dashed, outside the trim like the crop marks
    for x in folds:
        canvas.line(m + x, m - gap, m + x, m - end)
        canvas.line(m + x, m + height + gap, m + x, m + height + end)
    canvas.restoreState()
    canvas.showPage()


def compose_trifold_print(canvas: PanelCanvas, doc: LeafletDoc) -> None:
    """Two sheet sides: outside (flap, back, cover) and inside (three panels)."""
    fold = doc.leaflet_fold
    _draw_cover_and_stamp(canvas, doc)
    forms = _forms(doc)
    for side in fold.sides:
        _begin_sheet(canvas, doc, side.width, side.height)
        for panel in side.panels:
            for name in forms.get(panel.name, [])[:1]:
                canvas.draw_form(name, panel.rect.x)
            if panel.name == "cover":
                _bleed_bands(canvas, doc, panel.rect.x, panel.rect.width, side.width,
                             side.height)
                canvas.draw_form("cover", panel.rect.x)
            if panel.name == "back":
                canvas.draw_form("stamp", panel.rect.x)
        _end_sheet(canvas, doc, side.width, side.height,
                   [p.rect.right for p in side.panels[:-1]], side.fold_marks)


def compose_trifold_screen(canvas: PanelCanvas, doc: LeafletDoc) -> None:
    """One panel per page in reading order: cover, flap, inside, back."""
    fold = doc.leaflet_fold
    outside = fold.side("outside")
    _draw_cover_and_stamp(canvas, doc)
    forms = _forms(doc)
    _page(canvas, outside.panel("cover"), ["cover"], doc, [])
    for (_, name), panel in zip(fold.flow, fold.flow_panels(), strict=True):
        extra = ["stamp"] if name == "back" else []
        _page(canvas, panel, forms.get(name, [])[:1] + extra, doc, forms.get(name, [])[:1])


def _page(canvas: PanelCanvas, panel: Panel, names: list[str], doc: LeafletDoc,
          flow_forms: list[str]) -> None:
    """A screen page: the forms, and outline entries for the headings on it."""
    canvas.setPageSize((panel.rect.width, panel.rect.height))
    for name in names:
        canvas.draw_form(name, 0)
    pages = {int(n.removeprefix("panel")) for n in flow_forms}
    levels = _outline_levels(doc.headings)
    for number, (page, _, text) in enumerate(doc.headings):
        if page in pages:
            key = f"heading{number}"
            canvas.bookmarkPage(key)
            canvas.addOutlineEntry(text, key, level=levels[number], closed=False)
    canvas.showPage()


def _outline_levels(headings: tuple[tuple[int, int, str], ...]) -> list[int]:
    """The outline level of every heading (0 or 1): never deeper than one below the
    heading before it, so a leaflet that starts with "##" still gets its bookmarks
    (the PDF outline cannot jump a level)."""
    levels, previous = [], -1
    for _, level, _ in headings:
        previous = min(level - 1, 1, previous + 1)
        levels.append(previous)
    return levels


def _booklet_pages(canvas: PanelCanvas, doc: LeafletDoc) -> list[list[str]]:
    """The forms of each A5 page in reading order: cover, body pages, back."""
    page = doc.leaflet_fold.sides[0].panels[0]
    _draw_cover_and_stamp(canvas, doc)
    body = []
    for i in range(len(doc.page_ids)):
        number = i + 2  # the cover is page 1
        canvas.in_form = True
        canvas.beginForm(f"folio{number}", 0, 0, FORM_SIZE, FORM_SIZE)
        canvas.setFont(doc.number_font, 10)
        canvas.setFillColor(doc.mark_colour)
        canvas.drawCentredString(page.rect.width / 2, 7 * MM, str(number))
        canvas.endForm()
        canvas.in_form = False
        body.append([f"panel{i + 1}", f"folio{number}"])
    return [["cover"], *body, ["stamp"]]


def compose_booklet_a5(canvas: PanelCanvas, doc: LeafletDoc) -> None:
    page = doc.leaflet_fold.sides[0].panels[0]
    for names in _booklet_pages(canvas, doc):
        _page(canvas, page, names, doc, [n for n in names if n.startswith("panel")])


def compose_booklet_a4(canvas: PanelCanvas, doc: LeafletDoc) -> None:
    """A5 pages two by two on A4 landscape sheets, in saddle-stitch order."""
    pages = _booklet_pages(canvas, doc)
    width, height = 297 * MM, 210 * MM
    half = 148 * MM
    left_x = (width - 2 * half) / 2
    for side in printed_sides(len(pages), doc.leaflet_fold.right_to_left):
        _begin_sheet(canvas, doc, width, height)
        for slot, x in ((side.left, left_x), (side.right, left_x + half)):
            if slot == 1:  # the cover
                _bleed_bands(canvas, doc, x, half, width, height)
            for name in pages[slot - 1] if slot is not None else []:
                canvas.draw_form(name, x)
        _end_sheet(canvas, doc, width, height, [width / 2], fold_marks_at([width / 2], height))


def compose_single(canvas: PanelCanvas, doc: LeafletDoc) -> None:
    page = doc.leaflet_fold.sides[0].panels[0]
    for i in range(len(doc.page_ids)):
        _page(canvas, page, [f"panel{i + 1}"], doc, [f"panel{i + 1}"])


# (fold, output) → its composer; `leaflet.layout.pages.OUTPUTS` lists the outputs of each fold.
COMPOSERS: dict[tuple[str, str], Callable[[PanelCanvas, LeafletDoc], None]] = {
    ("trifold", "print"): compose_trifold_print,
    ("trifold", "screen"): compose_trifold_screen,
    ("booklet", "a5"): compose_booklet_a5,
    ("booklet", "a4"): compose_booklet_a4,
    ("single", "page"): compose_single,
}
