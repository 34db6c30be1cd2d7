"""Code blocks: a monospace face, every line and its leading spaces as written, on a
grey ground, and every character printed in a font that has it.

reportlab's `Preformatted` draws its text in one font and no background; this is its
markup-reading sibling `XPreformatted` (which keeps spaces and line breaks too) through
the same fallback as every paragraph (`WithFallback`), so a character the monospace face
lacks ("→", "✓") is set in the first font of the chain that has it, never as a box. A
paragraph draws its style's `backColor`, and so does this.
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth

from handouts.errors import SourceRef, fail
from handouts.layout.glyphs import with_fallback
from handouts.layout.reportlab_internals import ParsedPreformatted


class CodeBlock(ParsedPreformatted):
    """`text` (plain, as written; a tab is 4 spaces) in `style`, each line as it is;
    characters the style's font lacks come from `style.fallback`, monospace first."""

    frags: list[Any]  # reportlab's, set while parsing

    def __init__(self, text: str, style: ParagraphStyle):
        super().__init__(escape(text.expandtabs(4)), style)

    def text_parsed(self) -> None:
        style = self.style
        chain, theme = getattr(style, "fallback", ()), getattr(style, "theme_name", "")
        out: list[Any] = []
        # line by line: the fallback drops a line break (it draws nothing), the lines need it
        for frag in self.frags:
            text = getattr(frag, "text", None)
            if not isinstance(text, str) or "\n" not in text:
                out += with_fallback([frag], chain, theme)
                continue
            for number, line in enumerate(text.split("\n")):
                if number:
                    out.append(frag.clone(text="\n"))
                if line:
                    out += with_fallback([frag.clone(text=line)], chain, theme)
        self.frags = out


def code_fallback(chain: tuple[str, ...]) -> tuple[str, ...]:
    """The theme's fallback chain with its monospace families first: a character the
    code face lacks keeps the width of the others where a monospace font has it."""
    return tuple(sorted(chain, key=lambda name: "Mono" not in name))


def too_wide(block: CodeBlock, width: float, where: SourceRef) -> None:
    """A code line is never wrapped (its spaces and line ends mean something): one wider
    than the text column would run off the page, so it is an error at its line."""
    line, length = 0, 0.0
    for frag in block.frags:
        text = getattr(frag, "text", "")
        if text == "\n":
            line, length = line + 1, 0.0
            continue
        length += stringWidth(text, frag.fontName, frag.fontSize)
        if length > width + 0.01:
            at = SourceRef(where.path, where.line + line) if where.line else where
            raise fail(at, f"this code line is too long for the page ({length / width:.0%} of the text "
                           "column); break it into shorter lines")
