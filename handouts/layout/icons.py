"""Small vector icons for callouts, so a callout's kind shows by shape and label,
not by colour alone.

An icon is two shapes, drawn straight on the canvas: a reportlab Drawing would set up
its renderer's whole graphics state for them, five times the work for the same marks.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus.flowables import Flowable

SIZE = 14


class CalloutIcon(Flowable):
    """A triangle with "!" (warning), or a disc with "i" (note) or "+" (tip)."""

    def __init__(self, kind: str, colour: colors.Color, font: str):
        super().__init__()
        self.kind, self.colour, self.font = kind, colour, font
        self.width = self.height = SIZE

    def wrap(self, availWidth, availHeight):
        return SIZE, SIZE

    def draw(self):
        canvas = self.canv
        canvas.setFillColor(self.colour)
        if self.kind == "warning":
            path = canvas.beginPath()
            path.moveTo(SIZE / 2, SIZE)
            path.lineTo(0, 0.5)
            path.lineTo(SIZE, 0.5)
            path.close()
            canvas.drawPath(path, stroke=0, fill=1)
            glyph, y = "!", 2.2
        else:
            canvas.circle(SIZE / 2, SIZE / 2, SIZE / 2, stroke=0, fill=1)
            glyph, y = ("i" if self.kind == "note" else "+"), 3.4
        canvas.setFillColor(colors.white)
        canvas.setFont(self.font, 9)
        canvas.drawCentredString(SIZE / 2, y, glyph)


def callout_icon(kind: str, colour: colors.Color, font: str) -> Flowable:
    return CalloutIcon(kind, colour, font)
