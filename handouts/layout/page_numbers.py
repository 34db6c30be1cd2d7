"""Page X of Y, the one way for every kind of document, and other numbers known only
when a document ends (the page of each contents entry's heading).

The total is known only when the last page is laid out. Rather than laying the
document out twice, the canvas (`NumberingCanvas`) leaves a marked line in the page's
content stream where a number goes (`mark_late`); just before the PDF is written it
learns what each mark draws (`fill_late`) and the marks become those drawing
operators, in the page itself: no second pass, no form object per number. A page's
"page X of Y" is such a mark (`number_page`), drawn by the document's `PageLabel`.

A document whose totals are known beforehand (an exam's print file, whose parts were
built before) draws each label at once (`PageLabel.draw`). The label's words are the
document's `page-label` markup attribute, which the built-in templates fill from
language.py's "page_of", the one place per language where they are written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab import Version
from reportlab.pdfgen.canvas import Canvas

from handouts.layout.glyphs import draw_text
from handouts.layout.reportlab_internals import page_operators, pages_written, put_page_operators

LATE_MARK = "%handouts-late "  # a content-stream comment line: text drawn there at save time
DEFAULT_WORDS = "{page} / {pages}"  # a template without a page-label


def right_text(text: str, font: str, size: float, colour: Any, x: float = 0, y: float = 0,
               fallback: tuple[str, ...] = ()) -> Callable[[Canvas], None]:
    """A drawing of `text` right-aligned at (x, y), for `NumberingCanvas.fill_late`."""

    def draw(canvas: Canvas) -> None:
        canvas.setFont(font, size)
        canvas.setFillColor(colour)
        draw_text(canvas, x, y, text, font, size, fallback, align="right")

    return draw


@dataclass(frozen=True)
class PageLabel:
    """The words of "page X of Y" (with `{page}`, `{pages}` and, on an exam, the
    version's `{code}`), and where they print: right-aligned at (x, y), in a style's
    font, size and colour, with the theme's fallback fonts."""

    words: str
    style: Any  # a ParagraphStyle
    fallback: tuple[str, ...]
    x: float
    y: float

    @classmethod
    def at_foot(cls, words: str, style: Any, fallback: tuple[str, ...], page_width: float,
                margins: dict[str, float]) -> PageLabel:
        """The label of a page with these margins: at the right margin, below the text."""
        return cls(words, style, fallback, page_width - margins["right"], margins["bottom"] - 14)

    def drawing(self, page: int, pages: int, code: str = "") -> Callable[[Canvas], None]:
        """What draws the label of page `page` of `pages`."""
        text = self.words.format(page=page, pages=pages, code=code)
        return right_text(text, self.style.fontName, self.style.fontSize, self.style.textColor,
                          self.x, self.y, self.fallback)

    def draw(self, canvas: Canvas, page: int, pages: int, code: str = "") -> None:
        """Draw the label now, in its own saved graphics state (the total is known)."""
        canvas.saveState()
        try:
            self.drawing(page, pages, code)(canvas)
        finally:
            canvas.restoreState()


class NumberingCanvas(Canvas):
    """A canvas for numbers known only at the end (see the module's docstring). The
    hooks in `before_save` run just before the marks are replaced, after the page
    labels are known, and say with `fill_late` what their own marks draw.

    (A marked line cannot come from text: strings in a content stream have their line
    breaks escaped.)"""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.before_save: list[Callable[[NumberingCanvas], None]] = []
        self._late: dict[str, str] = {}
        self._numbered: list[tuple[PageLabel, int, int, str]] = []  # (label, part, page, code)
        self._filled = False
        self._marks = 0  # made so far

    def mark_late(self, key: str) -> None:
        """Reserve this place in the current page for what `fill_late(key, ...)` draws."""
        page_operators(self).append(LATE_MARK + key)
        self._marks += 1

    def fill_late(self, key: str, draw: Callable[[Canvas], None]) -> None:
        """The operators `draw(canvas)` makes, in their own saved graphics state, are
        what the marks of `key` become."""
        page_code = put_page_operators(self, [])
        self.saveState()
        try:
            draw(self)
        finally:
            self.restoreState()
            self._late[key] = "\n".join(put_page_operators(self, page_code))

    def number_page(self, label: PageLabel, page: int, part: int = 0, code: str = "") -> None:
        """This page is page `page` of `part` (an exam's version in a file of several;
        else 0): its label is drawn here when the document ends, when the part's
        total (its highest page number) is known."""
        self.mark_late(f"page-{len(self._numbered)}")
        self._numbered.append((label, part, page, code))

    def fill_marks(self) -> None:
        """Say what every mark draws (page labels, then the `before_save` hooks) and put
        it in place of the marks, in every page written so far. Done once."""
        if self._filled:
            return
        self._filled = True
        totals: dict[int, int] = {}
        for _, part, page, _ in self._numbered:
            totals[part] = max(totals.get(part, 0), page)
        for n, (label, part, page, code) in enumerate(self._numbered):
            self.fill_late(f"page-{n}", label.drawing(page, totals[part], code))
        for hook in self.before_save:
            hook(self)
        replaced = 0
        for page_object in pages_written(self):
            stream = page_object.stream
            if isinstance(stream, str) and LATE_MARK in stream:
                replaced += stream.count("\n" + LATE_MARK)
                page_object.stream = self.filled(stream)
        if replaced != self._marks:  # a number would be missing from its page
            raise RuntimeError(f"reportlab {Version}: {self._marks - replaced} of {self._marks} late numbers "
                               "are not in a page's content stream as text; see handouts/layout/page_numbers.py")

    def filled(self, stream: str) -> str:
        """`stream` (content-stream lines) with each marked line replaced by what it draws."""
        if LATE_MARK not in stream:
            return stream
        pieces = ("\n" + stream).split("\n" + LATE_MARK)  # each piece after the first starts with a key
        out = [pieces[0]]
        for piece in pieces[1:]:
            key, newline, rest = piece.partition("\n")
            out.append("\n" + self._late.get(key, "") + newline + rest)
        return "".join(out)[1:]

    def save(self) -> None:
        self.fill_marks()
        super().save()


def draw_running_head(canvas: Canvas, theme: Any, style: Any, texts: tuple[str, str], width: float,
                      height: float, rise: float, rule_below: float) -> None:
    """A page's running head, for every kind: its left and right texts `rise` over the
    text area, at the margins, and a thin rule `rule_below` under their baseline."""
    p = theme.page
    y = height - p["top"] + rise
    canvas.saveState()
    canvas.setFont(style.fontName, style.fontSize)
    canvas.setFillColor(style.textColor)
    draw_text(canvas, p["left"], y, texts[0], style.fontName, style.fontSize, theme.fonts)
    draw_text(canvas, width - p["right"], y, texts[1], style.fontName, style.fontSize, theme.fonts,
              align="right")
    canvas.setStrokeColor(theme.colour("rule"))
    canvas.setLineWidth(0.5)
    canvas.line(p["left"], y - rule_below, width - p["right"], y - rule_below)
    canvas.restoreState()
