"""A reportlab Paragraph that reads its markup faster and breaks its lines once per width.

Reading: reportlab feeds paragraph markup through Python's generic `HTMLParser`, whose
scanning costs more than the fragments it makes. Our markup is regular (made by
ElementTree: double-quoted attributes, escaped text), so a single regular expression
finds the same tags, entities and text runs, in the same order, and hands them to
reportlab's own parser callbacks: the same fragments, the PDF byte-identical. Markup
that does not fit the simple grammar goes through reportlab's way unchanged.

Breaking: platypus asks a paragraph for its size several times at the same width: a
table sizes its cells and then lays them out, keep-together groups measure and then
place, a heading kept with its next block is measured twice. Each ask re-runs the line
breaker (with hyphenation), the biggest cost of a build. Line breaking depends only on
the width, so the last answer is kept and reused; the PDF stays byte-identical.
"""

from __future__ import annotations

import re
from html import unescape
from typing import Any

from reportlab.lib.colors import Color, toColor
from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import cleanBlockQuotedText, textTransformFrags
from reportlab.platypus.paraparser import ParaFrag, ParaParser, _re_para

from handouts.layout.glyphs import visual_order, with_fallback

# What HTMLParser (as reportlab sets it up: character references not converted) would
# report for well-formed markup: a text run up to the next "<" or "&", an entity, a
# character reference, a start tag (maybe self-closing) with double-quoted attributes,
# an end tag. Anything else (comments, odd quoting, a stray "<" or "&") falls back.
_TOKENS = re.compile(
    r"""(?P<text>[^<&]+)
      | &(?P<entity>[a-zA-Z][-.a-zA-Z0-9]*);
      | &\#(?P<charref>[0-9]+|x[0-9a-fA-F]+);
      | <(?P<tag>[a-zA-Z][-.:a-zA-Z0-9_]*)
         (?P<attrs>(?:\s+[a-zA-Z_][-.:a-zA-Z0-9_]*="[^"<]*")*)
         \s*(?P<empty>/?)>
      | </(?P<end>[a-zA-Z][-.:a-zA-Z0-9_]*)\s*>""",
    re.X,
)
_ATTR = re.compile(r'([a-zA-Z_][-.:a-zA-Z0-9_]*)="([^"]*)"')
_RAW_TEXT_TAGS = {"script", "style"}  # HTMLParser reads their content as raw text
_colours: dict[str, Color] = {}  # colour attribute → its colour, converted once


def _colour(value: str) -> object:
    known = _colours.get(value)
    if known is None:
        try:
            known = _colours[value] = toColor(value)
        except Exception:  # noqa: BLE001 - reportlab's parser reports it, as before
            return value
    return known


def _events(text: str) -> list[tuple] | None:
    """HTMLParser's callbacks for `text`, or None when it is not simple markup."""
    events: list[tuple] = []
    position, end = 0, len(text)
    match = _TOKENS.match
    while position < end:
        m = match(text, position)
        if m is None:
            return None
        position = m.end()
        kind = m.lastgroup
        if kind == "text":
            events.append(("data", m.group("text")))
        elif kind == "entity":
            events.append(("entity", m.group("entity")))
        elif kind == "charref":
            events.append(("charref", m.group("charref")))
        elif kind == "end":
            events.append(("end", m.group("end").lower()))
        else:
            tag = m.group("tag").lower()
            if tag in _RAW_TEXT_TAGS:
                return None
            attrs = []
            for name, value in _ATTR.findall(m.group("attrs")):
                name = name.lower()
                value = unescape(value) if value else value
                attrs.append((name, _colour(value) if name == "color" else value))
            events.append(("start", tag, attrs))
            if m.group("empty"):
                events.append(("end", tag))
    return events


def _plain_frags(text: str, style) -> list | None:
    """The one fragment reportlab's parser makes of text without tags or entities:
    its starting fragment for the style (`_initial_frag`), copied with the text."""
    frag = ParaFrag()
    frag.rise = 0
    frag.greek = 0
    frag.link = []
    try:
        frag.fontName, frag.bold, frag.italic = ps2tt(style.fontName)
    except Exception:  # noqa: BLE001 - reportlab's way reports it
        return None
    frag.fontSize = style.fontSize
    frag.textColor = style.textColor
    frag.us_lines = []
    frag.__tag__ = "para"
    frag.fontName = tt2ps(frag.fontName, frag.bold, frag.italic)
    frag.text = text
    return [frag]


def parse_markup_fast(text: str, style, case_sensitive: int = 1):
    """(style, frags, bullet frags) as reportlab's `ParaParser.parse` gives them for the
    (cleaned) paragraph markup `text`, or None when `text` needs reportlab's own way."""
    if "<" not in text and "&" not in text:  # plain text: most paragraphs, cells, items
        frags = _plain_frags(text, style) if text else []
        return None if frags is None else (style, frags, None)
    if not (len(text) >= 6 and text[0] == "<" and _re_para.match(text)):
        events = _events(text)
        if events is None:
            return None
        events = [("start", "para", []), *events, ("end", "para")]
    else:
        events = _events(text)
        if events is None:
            return None
    parser = ParaParser()
    parser.caseSensitive = case_sensitive
    parser._setup_for_parse(style)
    try:
        for event in events:
            kind = event[0]
            if kind == "data":
                parser.handle_data(event[1])
            elif kind == "start":
                parser.handle_starttag(event[1], event[2])
            elif kind == "end":
                parser.handle_endtag(event[1])
            elif kind == "entity":
                parser.handle_entityref(event[1])
            else:
                parser.handle_charref(event[1])
        parsed = parser._complete_parse()
    except Exception:  # noqa: BLE001 - reportlab's way raises its own message
        return None
    return None if parsed[1] is None else parsed


class WithFallback(Paragraph):
    """A paragraph whose characters its fonts lack are set in the style's fallback fonts
    (`style.fallback`, see glyphs.py), and whose right-to-left runs are in visual order."""

    def _setup(self, text, style, bulletText, frags, cleaner):
        super()._setup(text, style, bulletText, frags, cleaner)
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
    _wrapped: tuple | None = None  # (width, wrap widths, broken lines, height)

    def _setup(self, text, style, bulletText, frags, cleaner):
        if frags is None and cleaner is cleanBlockQuotedText:
            cleaned = cleaner(text)
            parsed = parse_markup_fast(cleaned, style, self.caseSensitive)
            if parsed is not None:
                style, frags, bullet = parsed
                textTransformFrags(frags, style)
                return super()._setup(cleaned, style, bullet or bulletText, frags, cleaner)
        return super()._setup(text, style, bulletText, frags, cleaner)

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
