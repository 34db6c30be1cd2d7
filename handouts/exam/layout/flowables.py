"""Exam flowables: paragraphs that keep their broken lines, questions that stay on
one page and draw as one piece, lettered options with tick boxes, and answer space
drawn as vector shapes. The builders in exam/layout/blocks.py put them together."""

from __future__ import annotations

from typing import Any

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph
from reportlab.platypus.flowables import Flowable
from reportlab.rl_config import paraFontSizeHeightOffset

from handouts.layout import paragraph
from handouts.layout.glyphs import draw_text
from handouts.layout.replay import draw_recorded
from handouts.layout.reportlab_internals import kept_together, lines_go_around_a_picture, note_kept_measure

INDENT = 8 * mm  # questions hang their text after the number
BOX = 3.6 * mm  # a tick box
LINE_GAP = 9 * mm  # between answer lines


class Para(paragraph.Para):
    """The core paragraph (layout/paragraph.py: one line break per width, shared by the
    copies that an exam's documents lay out), with what only an exam needs: it is drawn
    once per exam and replayed in every other document (layout/replay.py), and a
    one-line paragraph is drawn as one string.

    Its lines are reportlab's first fit, not the total fit of reading text: questions
    and options are short, ragged and never hyphenated, and a version rebuilt from its
    seed must print as it did (a late student's paper the same as the class's)."""

    total_fit = False

    def one_line(self) -> str | None:
        """The text, when this paragraph (wrapped) is one line in one font, left aligned:
        then a plain string drawn at `ascent()` below the top looks the same."""
        lines, style = self.blPara, self.style
        if (lines.kind == 0 and len(lines.lines) == 1 and lines.lines[0][0] > -1e-8
                and not (lines.us_lines or lines.link or self.bulletText or style.backColor
                         or style.borderWidth or style.wordWrap or getattr(style, "autoLeading", "") not in ("", "off")
                         or style.alignment != TA_LEFT or lines_go_around_a_picture(self))):
            return " ".join(lines.lines[0][1])
        return None

    def ascent(self) -> float:
        """How far below its top reportlab sets the first line's baseline."""
        lines = self.blPara if self.blPara.kind == 0 else self.blPara.lines[0]
        return lines.fontSize if paraFontSizeHeightOffset else getattr(lines, "ascent", lines.fontSize)

    def draw(self):
        # Drawn once per exam; the other documents replay what it wrote (layout/replay.py).
        draw_recorded(self, self.canv, self._draw, self.width, self.height)

    def _draw(self):
        # Most exam paragraphs are one line in one font (options, hints): set those as
        # one string, as reportlab would, without its general machinery.
        text = self.one_line()
        if text is None:
            return super().draw()
        lines, style, canvas = self.blPara, self.style, self.canv
        canvas.setFillColor(lines.textColor)
        canvas.setFont(lines.fontName, lines.fontSize, style.leading)
        canvas.drawString(style.leftIndent + style.firstLineIndent, self.height - self.ascent(), text)


class Together(KeepTogether):
    """Flowables that never split across pages. Unlike KeepTogether, which the frame
    always takes apart, it is placed and drawn as one flowable while it fits: fewer
    placements, and no copy of the frame to measure it. Spacing is the frame's own
    (space before and after overlap), so the parts stand where the frame would put them;
    what does not fit splits as KeepTogether does. `question` is the number of the
    question it holds, which the pieces of a split carry too: a layout error names it."""

    def __init__(self, flowables: list, question: str = ""):
        super().__init__(flowables)
        self.question = question

    def split(self, availWidth, availHeight):
        pieces = super().split(availWidth, availHeight)
        if self.question:
            for piece in pieces:  # the document's own flowables (exam.layout.blocks.own_copy)
                if isinstance(piece, Flowable) and not getattr(piece, "question", ""):
                    piece.question = self.question
        return pieces

    def wrap(self, availWidth, availHeight):
        canv = getattr(self, "canv", None)
        content = kept_together(self)
        sizes = [f.wrapOn(canv, availWidth, 0xFFFFFFF) for f in content]
        height, after = 0.0, None
        for f, (_, h) in zip(content, sizes, strict=True):
            if after is not None:
                height += after + max(f.getSpaceBefore() - after, 0)
            after = f.getSpaceAfter()
            height += h
        self._sizes = sizes
        note_kept_measure(self, height, sizes[0][1] if sizes else 0, availWidth, availHeight)
        self.width, self.height = availWidth, height
        return availWidth, height

    def draw(self):
        y, after = self.height, None
        for f, (w, h) in zip(kept_together(self), self._sizes, strict=True):
            if after is not None:
                y -= after + max(f.getSpaceBefore() - after, 0)
            y -= h
            f.drawOn(self.canv, 0, y, _sW=self.width - w)
            after = f.getSpaceAfter()


class Lettered(Flowable):
    """A bold label drawn before the first line of a paragraph indented to make room."""

    parts = ("text",)  # flowables it is made of: a document's copy has copies of them

    def __init__(self, label: str, font: str, x: float, text: Paragraph):
        super().__init__()
        self.label, self.font, self.x, self.text, self.style = label, font, x, text, text.style

    def wrap(self, availWidth, availHeight):
        self.width, self.height = self.text.wrap(availWidth, availHeight)
        return self.width, self.height

    def draw(self):
        draw_recorded(self, self.canv, self._draw, self.width, self.height)

    def _draw(self):
        style = self.style
        self.canv.setFillColor(style.textColor)
        self.canv.setFont(self.font, style.fontSize)
        draw_text(self.canv, self.x, self.height - self.text.ascent(), self.label, self.font, style.fontSize,
                  getattr(style, "fallback", ()))
        self.text.drawOn(self.canv, 0, 0)


class Choice(Flowable):
    """An option line: an optional tick box, then the lettered text, hanging indented."""

    parts = ("text",)

    def __init__(self, text: Flowable, indent: float, box: bool):
        super().__init__()
        self.text, self.indent, self.box = text, indent, box

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        offset = self.indent + (BOX + 3 * mm if self.box else 0)
        _, self.height = self.text.wrap(availWidth - offset, availHeight)
        self.height += 3
        return availWidth, self.height

    def draw(self):
        draw_recorded(self, self.canv, self._draw, self.width, self.height)

    def _draw(self):
        if self.box:  # beside the first line, its middle at the middle of the letters
            style = self.text.style
            baseline = self.height - style.fontSize  # where reportlab sets the first line
            self.canv.setLineWidth(0.7)
            self.canv.rect(self.indent, baseline + style.fontSize * 0.35 - BOX / 2, BOX, BOX)
        self.text.drawOn(self.canv, self.indent + (BOX + 3 * mm if self.box else 0), 3)


# ---- vector shapes -------------------------------------------------------------


class TickBox(Flowable):
    def __init__(self, size: float = BOX, width: float | None = None):
        super().__init__()
        self.size, self.box_width = size, width or size

    def wrap(self, availWidth, availHeight):
        return self.box_width, self.size

    def draw(self):
        self.canv.setLineWidth(0.7)
        self.canv.rect(0, 0, self.box_width, self.size, stroke=1, fill=0)


class AnswerSpace(Flowable):
    """Room to write: `lines` ruled lines, or (lines=0) an open box `height` high."""

    def __init__(self, height: float, lines: int, colour: Any):
        super().__init__()
        self.space, self.lines, self.colour = height, lines, colour

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        return availWidth, self.space

    def draw(self):
        self.canv.setStrokeColor(self.colour)
        self.canv.setLineWidth(0.5 if self.lines else 0.7)
        if not self.lines:
            self.canv.rect(INDENT, 0, self.width - INDENT, self.space, stroke=1, fill=0)
        for i in range(self.lines):
            self.canv.line(INDENT, i * LINE_GAP, self.width, i * LINE_GAP)
