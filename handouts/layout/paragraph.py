"""A reportlab Paragraph that breaks its lines once per width.

Total fit: justified and ragged-right paragraphs of more than one line are broken by
linebreak.py (all break points weighed together) into reportlab's own line structures
(`ParaLines` of `FragLine`s, kind 1), which reportlab then draws and splits as its own.
What that breaker does not take (pictures or marks in the text, forced line breaks, soft
hyphens, shaping, right-to-left text, a word wider than the line) goes reportlab's way.

Platypus asks a paragraph for its size several times at the same width: a
table sizes its cells and then lays them out, keep-together groups measure and then
place, a heading kept with its next block is measured twice. Each ask re-runs the line
breaker (with hyphenation), the biggest cost of a build. Line breaking depends only on
the width, so the answer for each width is kept and reused; the PDF stays byte-identical.
An exam's documents lay out copies of one paragraph (exam/layout/blocks.py, `own_copy`),
which share those answers too.

`Para` is the one paragraph of every kind; the exam's (exam/layout/flowables.py) only
adds how it is drawn once and replayed.
"""

from __future__ import annotations

import re
from typing import Any

from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.pdfbase.pdfmetrics import getAscentDescent, getFont, stringWidth
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import FragLine, ParaLines

from handouts.layout import linebreak
from handouts.layout.glyphs import visual_order, with_fallback
from handouts.layout.hyphenation import SHORTEST_WORD
from handouts.layout.reportlab_internals import (
    ParsedParagraph,
    is_split_part,
    note_broken_lines,
    restore_wrap_widths,
    wrap_widths,
)


class WithFallback(ParsedParagraph):
    """A paragraph whose characters its fonts lack are set in the style's fallback fonts
    (`style.fallback`, see glyphs.py), and whose right-to-left runs are in visual order."""

    # reportlab's, set while parsing: declared for the type checker
    frags: list[Any]
    style: Any

    def text_parsed(self) -> None:
        if self.frags:
            style = self.style
            self.frags = with_fallback(self.frags, getattr(style, "fallback", ()), getattr(style, "theme_name", ""),
                                       rtl=style.wordWrap == "RTL")

    def breakLines(self, width):  # noqa: N802 - reportlab's name
        """Lines broken in reading order; for a right-to-left style (wordWrap "RTL",
        which reportlab leaves alone without its optional rlbidi), each line's words
        are then put in drawing order."""
        broken = super().breakLines(width)
        if self.style.wordWrap == "RTL":
            broken = right_to_left(broken, self.style.fontName)
        return broken


def right_to_left(broken: Any, space_font: str) -> Any:
    """reportlab's broken lines with every line's words in visual order (glyphs.visual_order).
    Kind 0 lines are (extra space, words). Kind 1 lines hold fragments of one or more
    words, and a word may span fragments (a full stop in the main font after an
    Arabic word): the line is cut into words of pieces, reordered, and the spaces
    between them set in `space_font`, the paragraph's own font."""
    if broken.kind == 0:
        broken.lines = [(extra, [words[i] for i in visual_order(words)]) for extra, words in broken.lines]
        return broken
    for line in broken.lines:
        if any(not isinstance(getattr(f, "text", None), str) or hasattr(f, "cbDefn") for f in line.words):
            continue  # a footnote mark or picture in the line: left as laid out
        words: list[list[tuple[Any, str]]] = [[]]
        for frag in line.words:
            for n, part in enumerate(frag.text.split(" ")):
                if n and words[-1]:
                    words.append([])  # a space: the next word starts
                if part:
                    words[-1].append((frag, part))
        words = [w for w in words if w]
        if not words:
            continue
        order = visual_order(["".join(text for _, text in w) for w in words])
        pieces = []
        for n, i in enumerate(order):
            if n:
                first = words[i][0][0]
                pieces.append(first.clone(text=" ", fontName=space_font))
            pieces.extend(frag.clone(text=text) for frag, text in words[i])
        line.words = pieces
    return broken


class Para(WithFallback):
    """A paragraph with fallback fonts whose lines are broken once per width, by the
    total-fit breaker where it can take them (`total_fit`), else by reportlab."""

    # False: reportlab's first-fit breaking only (a subclass that needs its lines as
    # reportlab breaks them: the exam's, see exam/layout/flowables.py).
    total_fit = True

    # reportlab's, set by `wrap`: declared for the type checker
    blPara: Any
    height: float

    def breakLines(self, width):  # noqa: N802 - reportlab's name
        """The lines of the total-fit breaker where it can take the paragraph, else
        reportlab's (`_first_fit_lines`)."""
        widths = list(width) if isinstance(width, (list, tuple)) else [width]
        preset = getattr(self, "_preset_lines", None)
        if preset is not None and all(abs(line.maxWidth - widths[min(i, len(widths) - 1)]) < 1e-6
                                      for i, line in enumerate(preset.lines)):
            return preset  # the second part of a split keeps the lines it had
        lines = total_fit_lines(self, widths) if self.total_fit else None
        return lines if lines is not None else self._first_fit_lines(width)

    def split(self, availWidth, availHeight):  # noqa: N803 - reportlab's names
        """reportlab's split; both parts keep the lines they had in the whole paragraph
        (broken again, the first part's last line would no longer be justified, and
        the second part's first lines could change)."""
        parts = super().split(availWidth, availHeight)
        whole = getattr(self, "blPara", None)
        if len(parts) == 2 and whole is not None and whole.kind == 1 and getattr(whole, "total_fit", False):
            first, second = parts
            cut = len(first.blPara.lines)
            first._preset_lines = ParaLines(kind=1, lines=whole.lines[:cut], total_fit=True)
            second._preset_lines = ParaLines(kind=1, lines=whole.lines[cut:], total_fit=True)
        return parts

    def _first_fit_lines(self, width):
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
        # Kept in the instance's own dict, which a copy's dict shares (`own_copy`). Keyed
        # by the style too, and the style it leaves: a line that ran past the margin sends
        # the paragraph on without hyphenation (`_first_fit_lines`), and every copy must
        # break as it would have alone, whatever other documents' copies did before.
        known = self.__dict__.setdefault("_line_breaks", {})  # (width, style) → (wrap widths, lines, height, style)
        key = (availWidth, self.style)
        hit = known.get(key)
        if hit is None:
            size = super().wrap(availWidth, availHeight)
            if hasattr(self, "blPara"):  # reportlab skips breaking in a too-narrow space
                # under the style it leaves too: asked again at this width, the same lines
                known[key] = known[availWidth, self.style] = (wrap_widths(self), self.blPara, self.height, self.style)
            return size
        self.width = availWidth
        widths, self.blPara, self.height, self.style = hit
        restore_wrap_widths(self, widths)
        return availWidth, self.height


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


# --- total fit -------------------------------------------------------------------------

_SPACES = re.compile(r"[ \t\r\n]+")  # where words end (a no-break space does not)
_COSTS = linebreak.Costs()
_ADDRESS = re.compile(r"(?:https?|ftp)://|www\.")
_SLASH = re.compile(r"/(?!/)")


def total_fit_lines(para: Paragraph, widths: list[float]) -> ParaLines | None:
    """`para` broken by the total-fit breaker into reportlab's kind-1 lines, or None
    when reportlab's own breaker should take it (see the module's docstring), or when
    the paragraph fits on one line (reportlab's lines are then the same, and simpler)."""
    style = para.style
    ragged = style.alignment == TA_LEFT
    if not (ragged or style.alignment == TA_JUSTIFY) or style.endDots or style.justifyLastLine:
        return None
    if (style.wordWrap or "").upper() in ("RTL", "CJK") or is_split_part(para):
        return None
    frags = para.frags
    if not frags or isinstance(frags[0], list):
        return None  # reportlab's broken words, from a split of its own lines
    for f in frags:
        text = getattr(f, "text", None)
        if text is None or getattr(f, "lineBreak", False) or "\xad" in text:
            return None
        if hasattr(f, "cbDefn") and (getattr(f.cbDefn, "width", None) or f.cbDefn.kind == "img"):
            return None  # a picture in the text; a mark (an anchor, a callback) is taken
        if style.shaping and getattr(getFont(f.fontName), "shapable", False):
            return None
    words, spaces = _words(frags)
    if len(words) < 2:
        return None
    widths = list(widths)
    _bullet_room(para.bulletText, style, widths)
    word_widths = [_width(pieces) for pieces in words]
    space_widths = [_space(f) for f in spaces]
    if sum(word_widths) + sum(space_widths) <= widths[0]:
        return None  # one line
    items = _items(words, word_widths, spaces, space_widths, style, ragged)
    if any(isinstance(item, linebreak.Box) and item.width > min(widths) for item in items):
        return None  # a word wider than the line: broken inside, reportlab's way
    breaks = linebreak.break_lines(items, widths, ragged=ragged, costs=_COSTS)
    if breaks is None:
        return None
    lines, start, width_max = [], 0, 0.0
    for number, end in enumerate(breaks):
        while start < end and not isinstance(items[start], linebreak.Box):
            start += 1
        line = _line(items, start, end, widths[min(number, len(widths) - 1)])
        width_max = max(width_max, line.maxWidth - line.extraSpace)
        lines.append(line)
        start = end + 1
    note_broken_lines(para, width_max, sum(1 for end in breaks[:-1] if isinstance(items[end], linebreak.Penalty)))
    return ParaLines(kind=1, lines=lines, total_fit=True)


def _words(frags: list) -> tuple[list[list[tuple]], list]:
    """The paragraph's words, each a list of (fragment, text) pieces: a word can change
    font inside (bold in the middle, a character from a fallback font); and the
    fragment of each space between them (its font, as the author's text has it)."""
    words: list[list[tuple]] = [[]]
    spaces: list = []  # the fragment each space between words is in
    for f in frags:
        if hasattr(f, "cbDefn"):  # a mark of no width: it goes with the word it touches
            words[-1].append((f, ""))
            continue
        parts = _SPACES.split(f.text)
        for i, part in enumerate(parts):
            if i and words[-1]:
                words.append([])
                spaces.append(f)
            if part:
                words[-1].append((f, part))
    if not words[-1]:
        words.pop()
        spaces = spaces[:len(words) - 1]
    return words, spaces


def _text_frag(pieces: list[tuple]):
    """The last fragment of a word that is text (not a mark)."""
    for f, _ in reversed(pieces):
        if not hasattr(f, "cbDefn"):
            return f
    return pieces[-1][0]


def _width(pieces: list[tuple]) -> float:
    if len(pieces) == 1:
        f, t = pieces[0]
        return stringWidth(t, f.fontName, f.fontSize)
    return sum(stringWidth(t, f.fontName, f.fontSize) for f, t in pieces)


_SPACE_WIDTHS: dict[tuple[str, float], float] = {}


def _space(f) -> float:
    key = (f.fontName, f.fontSize)
    width = _SPACE_WIDTHS.get(key)
    if width is None:
        width = _SPACE_WIDTHS[key] = stringWidth(" ", f.fontName, f.fontSize)
    return width


def _items(words: list[list[tuple]], word_widths: list[float], spaces: list, space_widths: list[float],
           style, ragged: bool) -> list:
    """Boxes, glue and penalties for the breaker; each box holds its pieces."""
    hyphenator = style.hyphenationLang
    points_of = getattr(hyphenator, "points", None)
    embedded = style.embeddedHyphenation
    cost = _COSTS.hyphen_penalty
    Box, Glue, Penalty = linebreak.Box, linebreak.Glue, linebreak.Penalty
    items: list = []
    nobr_anywhere = any(getattr(f, "nobr", False) for pieces in words for f, _ in pieces)
    addresses = style.uriWasteReduce
    for number, pieces in enumerate(words):
        if number:
            space = space_widths[number - 1]
            f = spaces[number - 1]
            items.append(Glue(space, 0.0, 0.0, f) if ragged else Glue(space, space * 0.5, space / 3, f))
        text = pieces[0][1] if len(pieces) == 1 else "".join(t for _, t in pieces)
        if len(text) < SHORTEST_WORD and "-" not in text:  # too short to break
            items.append(_box(word_widths[number], pieces, ragged))
            continue
        nobr = nobr_anywhere and any(getattr(f, "nobr", False) for f, _ in pieces)
        address = addresses and not nobr and "/" in text and _ADDRESS.search(text)
        if address:  # a web address breaks after a slash, with no hyphen added
            cuts = tuple(m.end() for m in _SLASH.finditer(text, address.end()) if m.end() < len(text) - 1)
        else:
            cuts = _cuts(text[:_before_marks(pieces, len(text))], points_of, embedded) if not nobr else ()
        if not cuts:
            items.append(_box(word_widths[number], pieces, ragged))
            continue
        previous = 0
        single = pieces[0][0] if len(pieces) == 1 else None
        for cut in (*cuts, len(text)):
            part = [(single, text[previous:cut])] if single is not None else _slice(pieces, previous, cut)
            if cut < len(text):
                items.append(Box(_width(part), part))
                f = _text_frag(part)
                hyphen = stringWidth("-", f.fontName, f.fontSize)
                hang = 0.0 if ragged else HANG["-"] * hyphen
                if address:
                    items.append(Penalty(0.0, cost, False))
                elif text[cut - 1] == "-":  # the word's own hyphen ends the line
                    items.append(Penalty(0.0, cost / 2, True, None, hang))
                else:
                    items.append(Penalty(hyphen, cost, True, None, hang))
            else:
                items.append(_box(_width(part), part, ragged))
            previous = cut
    return items


# How much of a mark at a justified line's end stands in the margin (Typst's shares):
# the edge then looks straight, and the line has that much more room.
HANG = {"-": 0.55, "\u2013": 0.2, "\u2014": 0.2, ".": 0.8, ",": 0.8, ":": 0.3, ";": 0.3}


def _box(width: float, pieces: list[tuple], ragged: bool):
    """A word's last box: its final mark may hang past the end of a justified line."""
    f, t = pieces[-1]
    share = 0.0 if ragged or not t else HANG.get(t[-1], 0.0)
    if not share or hasattr(f, "cbDefn"):
        return linebreak.Box(width, pieces)
    return linebreak.Box(width, pieces, share * stringWidth(t[-1], f.fontName, f.fontSize))


def _before_marks(pieces: list[tuple], length: int) -> int:
    """How many characters of a word come before a raised end (a footnote mark, a
    superscript): 'geneeskunde' of 'geneeskunde³' is hyphenated, the mark's digit
    would otherwise make the whole count as a number."""
    for f, t in reversed(pieces):
        if t and not getattr(f, "rise", 0):
            break
        length -= len(t)
    return length


def _cuts(text: str, points_of, embedded: bool) -> tuple[int, ...]:
    """Where a word may break: its hyphenation points, and after a hyphen it has."""
    if "-" not in text or not embedded:
        return points_of(text) if points_of else ()
    cuts: list[int] = []
    offset = 0
    parts = text.split("-")
    for i, part in enumerate(parts):
        if points_of:
            cuts.extend(offset + p for p in points_of(part))
        offset += len(part) + 1
        if i < len(parts) - 1 and part and parts[i + 1] and part[-1].isalpha() and parts[i + 1][0].isalpha():
            cuts.append(offset)
    return tuple(sorted(set(cuts)))


def _slice(pieces: list[tuple], start: int, end: int) -> list[tuple]:
    """The pieces of characters start..end of the word they make."""
    out, position = [], 0
    total = sum(len(t) for _, t in pieces)
    for f, t in pieces:
        if not t:  # a mark: in the part where it stands (at the word's end: the last)
            if start <= position < end or position == end == total:
                out.append((f, t))
            continue
        a, b = max(start - position, 0), min(end - position, len(t))
        if a < b:
            out.append((f, t[a:b]))
        position += len(t)
    return out


def _line(items: list, start: int, end: int, max_width: float) -> FragLine:
    """reportlab's line structure for items start..end (end: the break)."""
    words: list = []
    source: Any = None
    g: Any = None
    count, width = 1, 0.0
    for item in items[start:end]:
        if isinstance(item, linebreak.Box):
            for f, t in item.content:
                if f is source:
                    g.text += t
                else:
                    clone = f.clone()
                    clone.text = t
                    words.append(clone)
                    if hasattr(f, "cbDefn"):
                        continue  # a mark: text goes on in the fragment before it
                    g, source = clone, f
            width += item.width
        elif isinstance(item, linebreak.Glue):
            if item.content is source:
                g.text += " "
            else:  # a space in a fragment of its own (after a word in a fallback font)
                g = item.content.clone()
                g.text, source = " ", item.content
                words.append(g)
            count += 1
            width += item.width
    hang = 0.0
    if end < len(items) and isinstance(items[end], linebreak.Penalty):
        hang = items[end].hang
        if items[end].width:
            g.text += "-"
            width += items[end].width
    elif end < len(items):
        hang = items[end - 1].hang  # the word before the space that ends the line
    if g is None:  # only marks: reportlab's way
        g = words[0]
    size = max(f.fontSize for f in words)
    ascent = max(getAscentDescent(f.fontName, f.fontSize)[0] for f in words)
    descent = min(getAscentDescent(f.fontName, f.fontSize)[1] for f in words)
    return FragLine(extraSpace=max_width + hang - width, wordCount=count, lineBreak=False, words=words,
                    fontSize=size, ascent=ascent, descent=descent, maxWidth=max_width)


def _bullet_room(bullet, style, widths: list[float]) -> None:
    """Narrow the first line by as much as a bullet runs past the indent (what reportlab
    does before it breaks lines)."""
    if not bullet:
        return
    if isinstance(bullet, str):
        width = stringWidth(bullet, style.bulletFontName, style.bulletFontSize)
    else:
        width = sum(stringWidth(f.text, f.fontName, f.fontSize) for f in bullet)
    over = style.bulletIndent + width + 0.6 * style.bulletFontSize - (style.leftIndent + style.firstLineIndent)
    if over > 0:
        widths[0] -= over
