"""A reportlab Paragraph that breaks its lines once per width.

Platypus asks a paragraph for its size several times at the same width: a
table sizes its cells and then lays them out, keep-together groups measure and then
place, a heading kept with its next block is measured twice. Each ask re-runs the line
breaker (with hyphenation), the biggest cost of a build. Line breaking depends only on
the width, so the last answer is kept and reused; the PDF stays byte-identical.
"""

from __future__ import annotations

from reportlab.platypus import Paragraph

from handouts.layout.glyphs import with_fallback


class WithFallback(Paragraph):
    """A paragraph whose characters its fonts lack are set in the style's fallback fonts
    (`style.fallback`, see glyphs.py), and whose right-to-left runs are in visual order."""

    def _setup(self, text, style, bulletText, frags, cleaner):
        super()._setup(text, style, bulletText, frags, cleaner)
        if self.frags:
            style = self.style
            self.frags = with_fallback(self.frags, getattr(style, "fallback", ()), getattr(style, "theme_name", ""))


class Para(WithFallback):
    _wrapped: tuple | None = None  # (width, wrap widths, broken lines, height)

    def breakLines(self, width):  # noqa: N802 - reportlab's name
        """reportlab's lines; when one runs past the margin, the lines again without
        hyphenation. The tail that a hyphen or a web address's slash leaves is never broken
        again, so a word of three lines or more (a long address, a pasted code) ran off the
        page; without hyphenation it is broken between characters, wherever it ends. A run
        of more than `LONGEST_RUN` characters goes that way at once: reportlab tries each of
        its hyphens and slashes on every line, seconds for a few thousand."""
        style = self.style
        if not (style.hyphenationLang or style.uriWasteReduce or style.embeddedHyphenation):
            return super().breakLines(width)
        if _longest_run(self.frags) <= LONGEST_RUN:
            broken = super().breakLines(width)
            if not _runs_over(broken, style):
                return broken
        # kept: the parts of a split paragraph are made with it, and must break alike
        self.style = style.clone(style.name, hyphenationLang="", uriWasteReduce=0,
                                 embeddedHyphenation=0)
        return super().breakLines(width)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        last = self._wrapped
        if last is not None and last[0] == availWidth:
            self.width, self._wrapWidths, self.blPara, self.height = last
            return availWidth, self.height
        size = super().wrap(availWidth, availHeight)
        if hasattr(self, "blPara"):  # reportlab skips breaking in a too-narrow space
            self._wrapped = (availWidth, self._wrapWidths, self.blPara, self.height)
        return size


LONGEST_RUN = 1000  # characters without a space: a web address of twelve lines


def _longest_run(frags: list) -> int:
    return max((len(run) for f in frags for run in getattr(f, "text", "").split()), default=0)


def _runs_over(broken, style) -> bool:
    """Whether a line is wider than its width by more than reportlab lets spaces shrink."""
    shrink = style.spaceShrinkage * 0.5 * style.fontSize  # a space is at most half an em
    for line in broken.lines:
        if broken.kind == 0:
            extra, words, size = line[0], len(line[1]), style.fontSize
        else:
            extra, words, size = line.extraSpace, line.wordCount, line.fontSize
        if extra < -(shrink * size / style.fontSize * words + 0.5):
            return True
    return False
