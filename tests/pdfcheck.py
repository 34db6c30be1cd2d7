"""Reading back what a reader sees in a PDF: text per page, ink outside a box."""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium

MM = 72 / 25.4


def ink_outside(pdf: Path, left_mm: float, right_mm: float, top_mm: float, bottom_mm: float,
                scale: float = 1.0) -> list[tuple[int, str]]:
    """Pages (1-based) and sides where anything is drawn outside the given box."""
    found = []
    doc = pdfium.PdfDocument(str(pdf))
    for index in range(len(doc)):
        image = doc[index].render(scale=scale, grayscale=True).to_pil()
        w, h = image.size
        px = scale * MM
        boxes = {
            "left": (0, 0, int(left_mm * px), h),
            "right": (w - int(right_mm * px), 0, w, h),
            "top": (0, 0, w, int(top_mm * px)),
            "bottom": (0, h - int(bottom_mm * px), w, h),
        }
        for side, box in boxes.items():
            lo, _ = image.crop(box).getextrema()
            if lo < 245:
                found.append((index + 1, side))
    doc.close()
    return found


def squash(text: str) -> str:
    """Text with hyphenation at line ends undone and white space folded."""
    text = re.sub(r"-\s*\n\s*", "", text)
    return re.sub(r"\s+", " ", text)


def line_text_at(pdf: Path, page_index: int, needle: str) -> str | None:
    """The whole text line (full page width) on which `needle` first appears."""
    doc = pdfium.PdfDocument(str(pdf))
    try:
        page = doc[page_index]
        text = page.get_textpage()
        searcher = text.search(needle)
        hit = searcher.get_next()
        if hit is None:
            return None
        left, bottom, right, top = text.get_charbox(hit[0])
        width = page.get_width()
        middle = (bottom + top) / 2
        return text.get_text_bounded(left=0, bottom=middle - 1, right=width, top=middle + 1)
    finally:
        doc.close()


def inline_texts(blocks) -> list[str]:
    """Every piece of inline markup in a document's blocks, however nested."""
    out: list[str] = []
    for block in blocks:
        if hasattr(block, "text"):
            out.append(block.text)
        for row in ((block.header,) + block.rows if block.kind == "table" else ()):
            out.extend(row)
        for item in getattr(block, "items", ()):
            out.extend(inline_texts(item))
        out.extend(inline_texts(getattr(block, "blocks", ())))
    return out


def text_lines(pdf: Path, page_index: int) -> list[list[tuple[str, tuple[float, float, float, float]]]]:
    """The characters of a page with their boxes (left, bottom, right, top), grouped
    into lines by baseline, top to bottom."""
    doc = pdfium.PdfDocument(str(pdf))
    try:
        text = doc[page_index].get_textpage()
        lines: dict[int, list] = {}
        for i in range(text.count_chars()):
            char = text.get_text_range(i, 1)
            if not char.strip():
                continue
            box = text.get_charbox(i)
            lines.setdefault(round(box[1]), []).append((char, box))
        return [sorted(chars, key=lambda c: c[1][0]) for _, chars in sorted(lines.items(), reverse=True)]
    finally:
        doc.close()
