"""Saddle-stitch imposition: which A5 page goes where on each A4 landscape sheet.

A booklet of n A5 pages is padded with blank pages to a multiple of four, then
printed on n/4 A4 landscape sheets, two pages per side. Nest the sheets, fold
them in the middle and staple the fold: the pages read 1, 2, 3, ...

The sheets are printed duplex, turned over on the short edge, so the back side
is drawn upright like the front (no 180 degree turn).

A right-to-left booklet (Arabic) is stapled on its right edge: every sheet side is
the mirror image, its left and right pages swapped.
"""

from __future__ import annotations

from dataclasses import dataclass

Slot = int | None  # a 1-based page number, or None for a blank page


@dataclass(frozen=True)
class SheetSide:
    left: Slot
    right: Slot


@dataclass(frozen=True)
class Sheet:
    """One A4 sheet: the front (outer) side and the back (inner) side."""

    front: SheetSide
    back: SheetSide


def padded_order(page_count: int) -> list[Slot]:
    """The pages in reading order, with blanks added to reach a multiple of four.

    Blanks go just before the last page, which stays the back cover (where the
    practice details are).
    """
    if page_count < 1:
        raise ValueError("a booklet needs at least one page")
    blanks = -page_count % 4
    pages: list[Slot] = list(range(1, page_count + 1))
    if page_count == 1:
        return pages + [None] * blanks
    return pages[:-1] + [None] * blanks + pages[-1:]


def impose(page_count: int, right_to_left: bool = False) -> list[Sheet]:
    """The sheets for a saddle-stitched booklet of `page_count` A5 pages; `right_to_left`:
    one that opens from the left, stapled on the right."""
    slots = padded_order(page_count)
    total = len(slots)
    sheets = []
    for i in range(total // 4):
        # Outer sheets carry the first and last pages; each sheet moves two inward.
        front = (slots[total - 1 - 2 * i], slots[2 * i])
        back = (slots[2 * i + 1], slots[total - 2 - 2 * i])
        if right_to_left:
            front, back = front[::-1], back[::-1]
        sheets.append(Sheet(front=SheetSide(*front), back=SheetSide(*back)))
    return sheets


def printed_sides(page_count: int, right_to_left: bool = False) -> list[SheetSide]:
    """Sheet sides in printing order (front, back, front, back, ...)."""
    return [side for sheet in impose(page_count, right_to_left)
            for side in (sheet.front, sheet.back)]
