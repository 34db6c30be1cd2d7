"""Headings and table-of-contents lines: paragraphs that know what the outline and the
contents say. Shared by every kind that prints headings (handouts, leaflets)."""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.rl_config import paraFontSizeHeightOffset

from handouts.layout.paragraph import Para
from handouts.layout.reportlab_internals import document_of


class ContentsEntry(Para):
    """A line of the table of contents: its text, then dots to the page number of the
    heading `anchor` (filled in at save time). The dots start where the text ends,
    worked out from the broken lines, so the text stays one plain fragment (a callback
    at its end made every entry a mixed-fragment paragraph, three times the work)."""

    def __init__(self, text, style, bulletText=None, frags=None, *, anchor: str = "", **kwargs):
        super().__init__(text, style, bulletText=bulletText, frags=frags, **kwargs)
        self.anchor = anchor

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        if parts:  # only the part with the last line ends in dots
            parts[-1].anchor = self.anchor
        return parts

    def draw(self):
        super().draw()
        doc = document_of(self.canv)
        if not self.anchor or doc is None or not hasattr(doc, "contents_leader"):
            return
        doc.contents_leader(self.canv, self.anchor, *self._text_end())

    def _text_end(self) -> tuple[float, float]:
        """Where the last line's text ends, on its baseline (paragraph coordinates),
        worked out as reportlab's drawing does."""
        style, para = self.style, self.blPara
        last = len(para.lines) - 1
        if para.kind == 0:
            first = para
            width = stringWidth(" ".join(para.lines[last][1]), para.fontName, para.fontSize)
        else:
            first = para.lines[0]
            width = sum(stringWidth(f.text, f.fontName, f.fontSize)
                        for f in para.lines[last].words if not hasattr(f, "cbDefn"))
        top = first.fontSize if paraFontSizeHeightOffset else getattr(first, "ascent", first.fontSize)
        offset = style.firstLineIndent if last == 0 else 0
        return style.leftIndent + offset + width, self.height - top - last * style.leading


class HeadingParagraph(Para):
    """A heading that knows what the outline and the table of contents should say.
    Its number, if any, may be its bullet (see `numbered_heading_style`)."""

    def __init__(self, text: str | None, style: Any, *, level: int = 0, entry: str = "",
                 anchor: str = "", bulletText: str | None = None, **kwargs: Any):
        # reportlab makes the parts of a split paragraph through this constructor too
        super().__init__(text, style, bulletText=bulletText, **kwargs)
        self.level, self.entry, self.anchor = level, entry, anchor

    def split(self, availWidth: float, availHeight: float) -> list:  # noqa: N803
        """A heading too long for the rest of the page: the first part carries the
        outline entry and anchor, the rest is plain text (one bookmark, not two)."""
        parts = super().split(availWidth, availHeight)
        if len(parts) > 1:
            parts[0].level, parts[0].entry, parts[0].anchor = self.level, self.entry, self.anchor
            for part in parts[1:]:
                part.__class__ = Para
        return parts


NUMBER_GAP = "\xa0\xa0\xa0"  # between a heading's number and its words
_numbered_styles: dict[tuple[int, str, float], tuple[Any, Any]] = {}


def numbered_heading_style(style: Any, number: str, colour: Any) -> Any | None:
    """The heading style with `number` as its bullet, in `colour`, and the words
    starting where they would after the number and NUMBER_GAP: the same place on the
    page as number, gap and words set as one line of mixed markup, but the words stay
    one plain fragment (a mixed paragraph costs three times as much to break and draw).
    None when the style or font does not allow it (reportlab would move the words)."""
    font, size = style.fontName, style.fontSize
    indent = stringWidth(number + NUMBER_GAP, font, size)
    # reportlab starts the words no earlier than 0.6 em after the bullet
    if style.leftIndent or style.firstLineIndent or indent < stringWidth(number, font, size) + 0.6 * size:
        return None
    key = (id(style), colour.hexval(), indent)
    made = _numbered_styles.get(key)
    if made is None or made[0] is not style:
        numbered = style.clone(f"{style.name}-numbered", firstLineIndent=indent, bulletIndent=0,
                               bulletFontName=font, bulletFontSize=size, bulletColor=colour,
                               bulletOffsetY=0, bulletAnchor="start")
        made = _numbered_styles[key] = (style, numbered)
    return made[1]
