"""Small vector icons for callouts, so a callout's kind shows by shape and label,
not by colour alone."""

from __future__ import annotations

from reportlab.graphics.shapes import Circle, Drawing, Polygon, String
from reportlab.lib import colors

SIZE = 14


def callout_icon(kind: str, colour: colors.Color, font: str) -> Drawing:
    d = Drawing(SIZE, SIZE)
    d.initialFontName = font  # the renderer would otherwise start in Times-Roman
    if kind == "warning":  # a triangle with "!"
        d.add(Polygon([SIZE / 2, SIZE, 0, 0.5, SIZE, 0.5], fillColor=colour, strokeColor=None))
        glyph, y = "!", 2.2
    else:  # a disc with "i" (note) or "✓"-like plus for a tip
        d.add(Circle(SIZE / 2, SIZE / 2, SIZE / 2, fillColor=colour, strokeColor=None))
        glyph, y = ("i" if kind == "note" else "+"), 3.4
    d.add(String(SIZE / 2, y, glyph, fontName=font, fontSize=9, fillColor=colors.white, textAnchor="middle"))
    return d
