"""A reportlab Paragraph that breaks its lines once per width.

Platypus asks a paragraph for its size several times at the same width: a table
sizes its cells and then lays them out, keep-together groups measure and then place,
a heading kept with its next block is measured twice. Each ask re-runs the line
breaker (with hyphenation), the biggest cost of a build. Line breaking depends only on
the width, so the last answer is kept and reused; the PDF stays byte-identical.
"""

from __future__ import annotations

from reportlab.platypus import Paragraph


class Para(Paragraph):
    _wrapped: tuple | None = None  # (width, wrap widths, broken lines, height)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        last = self._wrapped
        if last is not None and last[0] == availWidth:
            self.width, self._wrapWidths, self.blPara, self.height = last
            return availWidth, self.height
        size = super().wrap(availWidth, availHeight)
        if hasattr(self, "blPara"):  # reportlab skips breaking in a too-narrow space
            self._wrapped = (availWidth, self._wrapWidths, self.blPara, self.height)
        return size
