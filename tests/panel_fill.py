"""How full each text panel of a leaflet PDF is, measured from the PDF's text positions.

Used by the tests and runnable by hand: `python tests/panel_fill.py LEAFLET.pdf FOLD [OUTPUT]`.
A panel's emptiness is the share of its text frame's height below its lowest line of text.
"""

from __future__ import annotations

import sys

import pypdfium2 as pdfium

from handouts.leaflet.folds import fold_geometry


def _text_bottoms(page) -> list[tuple[float, float, float]]:
    """(left, right, bottom) of every text run on a page."""
    textpage = page.get_textpage()
    out = []
    for i in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(i)
        if textpage.get_text_bounded(left, bottom, right, top).strip():
            out.append((left, right, bottom))
    return out


def panel_fill(path, fold: str, output: str = "main") -> list[tuple[str, float]]:
    """(panel, empty share 0..1) for every text panel of a leaflet PDF, in page order.

    Tri-fold print: flap and the three inside panels (the cover and the back, which
    holds the stamp area, are composed, not filled). Booklet A5 and single: every
    body page (a booklet's first page is the cover, its last the back).
    """
    geometry = fold_geometry(fold)
    document = pdfium.PdfDocument(str(path))
    found = []
    if fold == "trifold":
        for index, side in enumerate(geometry.sides):
            runs = _text_bottoms(document[index])
            for panel in side.panels:
                if panel.name in ("cover", "back"):
                    continue
                frame = panel.frame
                bottoms = [b for left, right, b in runs
                           if panel.rect.x <= (left + right) / 2 < panel.rect.right]
                lowest = min(bottoms, default=frame.top)
                found.append((panel.name, max(0.0, (lowest - frame.y) / frame.height)))
        order = ["flap", "inside-left", "inside-middle", "inside-right"]
        return sorted(found, key=lambda item: order.index(item[0]))
    frame = geometry.sides[0].panels[0].frame
    pages = range(1, len(document) - 1) if fold == "booklet" else range(len(document))
    for index in pages:
        # The page number sits below the frame; only text inside the frame counts.
        bottoms = [b for _, _, b in _text_bottoms(document[index]) if b >= frame.y - 1]
        lowest = min(bottoms, default=frame.top)
        found.append((f"page {index + 1}", max(0.0, (lowest - frame.y) / frame.height)))
    return found


if __name__ == "__main__":
    for name, empty in panel_fill(sys.argv[1], sys.argv[2]):
        print(f"{name:14} {100 * empty:5.1f}% empty")
