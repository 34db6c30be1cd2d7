"""Every character prints: runs of characters a face lacks are set in the first font
of the theme's fallback chain that has them, in the same weight where it has one.

Paragraphs get this when their fragments are made (`with_fallback`, used by every
paragraph class), so line breaking measures the glyphs that are drawn; text drawn
straight on a canvas goes through `draw_text`. Right-to-left runs (Hebrew, Arabic)
are joined (arabic-reshaper) and put in visual order (python-bidi) first. A character
that no font of the chain has is an error: `check_markup` reports it before layout,
with the content file and line, and `with_fallback` refuses it at layout.
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from reportlab.pdfbase import pdfmetrics

from handouts.errors import Collector, HandoutsError, SourceRef, fail

STYLE_NAMES = {(0, 0): "Regular", (1, 0): "Bold", (0, 1): "Italic", (1, 1): "BoldItalic"}
_STYLE_OF = {name: key for key, name in STYLE_NAMES.items()}

# Characters that are never drawn (joiners, variation selectors, emoji tags): no glyph
# is needed. Skin-tone modifiers only colour the emoji before them, which a black-outline
# emoji font cannot: drawn alone they would print as a swatch after it.
_INVISIBLE = re.compile("[\u200b-\u200f\u2060-\u2064\ufe00-\ufe0f\ufeff\n\r\t"
                        "\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f]")
_RTL_LETTER = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"
# A right-to-left run: RTL words with the spaces, digits and punctuation between them.
_RTL_RUN = re.compile(f"[{_RTL_LETTER}]+(?:[ \u00a0\\d.,:;!?'\"()-]+[{_RTL_LETTER}]+)*")
_HAS_RTL = re.compile(f"[{_RTL_LETTER}]")
# Attributes of the block markup whose values are printed (headers, labels, codes).
PRINTED_ATTRIBUTES = ("header-left", "header-right", "page-label", "letter", "code", "label", "version-label",
                      "points-label", "number-label", "name-label", "blank-label", "figure-ref", "number")

_PRINTED = frozenset(PRINTED_ATTRIBUTES)

_covered: dict[str, frozenset[str]] = {}
_rtl_fonts: dict[str, bool] = {}
_families: dict[str, str] = {}  # registered regular font name → the family as a theme names it
_stand_ins: set[str] = set()  # registered faces that are their family's regular file
_picked: dict[tuple[str, str, tuple[str, ...]], str | None] = {}


def covered(font_name: str) -> frozenset[str]:
    """The characters the registered font `font_name` has a glyph for (kept per font)."""
    hit = _covered.get(font_name)
    if hit is None:
        font = pdfmetrics.getFont(font_name)
        # A SubsetFont knows its characters without reading its file (fonts.py).
        hit = getattr(font, "characters", None)
        if hit is None:
            hit = frozenset(chr(code) for code in font.face.charToGlyph if code)
        _covered[font_name] = hit
    return hit


def _draws_rtl(font_name: str) -> bool:
    """Whether the font has right-to-left letters (so its text may need reordering)."""
    hit = _rtl_fonts.get(font_name)
    if hit is None:
        # one search of a SubsetFont's characters, not a look at each of thousands
        text = getattr(pdfmetrics.getFont(font_name), "characters_in_order", None)
        hit = _rtl_fonts[font_name] = (_HAS_RTL.search(text) is not None if isinstance(text, str)
                                       else any(_HAS_RTL.match(char) for char in covered(font_name)))
    return hit


def name_family(regular: str, family: str) -> None:
    """Remember how a theme names the family of `regular`, for messages."""
    _families[regular] = family


def styled(font_name: str, regular: str) -> str:
    """The face of the family of `regular` in the weight and slant of `font_name`."""
    stem, _, style = font_name.rpartition("-")
    key = _STYLE_OF.get(style, (0, 0))
    return f"{regular.rpartition('-')[0]}-{STYLE_NAMES[key]}"


def pick_font(char: str, font_name: str, chain: tuple[str, ...]) -> str | None:
    """The font that draws `char` for text set in `font_name`: itself, or a family of
    `chain` (regular names) that has it. Bold or italic text takes the first family
    with a bold or italic face of its own that has the character, and the first family
    that has it at all only when none does. None when no font has it."""
    key = (char, font_name, chain)
    try:
        return _picked[key]
    except KeyError:
        hit = _picked[key] = _pick(char, font_name, chain)
        return hit


def _pick(char: str, font_name: str, chain: tuple[str, ...]) -> str | None:
    if char in covered(font_name):
        return font_name
    if not font_name.endswith("-Regular"):
        for regular in chain:
            face = styled(font_name, regular)
            if face not in _stand_ins and char in covered(face):
                return face
    for regular in chain:
        face = styled(font_name, regular)
        if face not in _stand_ins and char in covered(face):
            return face
        if char in covered(regular):
            return regular  # the regular file itself, not a second copy under the bold name
    return None


def stand_in(name: str) -> None:
    """Note that the registered face `name` is its family's regular file (no file of its own)."""
    _stand_ins.add(name)


def visual(text: str) -> str:
    """`text` with each right-to-left run joined and in visual order; the run's spaces
    become no-break spaces, so that a line break never reverses its words."""
    if not _HAS_RTL.search(text):
        return text
    import arabic_reshaper  # imported here: only right-to-left text needs them (a few ms)
    from bidi import get_display

    return _RTL_RUN.sub(lambda m: get_display(arabic_reshaper.reshape(m.group(0)), base_dir="R")
                        .replace(" ", "\u00a0"), text)


def visual_words(text: str) -> str:
    """For a right-to-left paragraph: each word joined and in visual order, the words
    themselves left in reading order, so lines are broken in reading order; each line
    is then put in visual order (`visual_order`)."""
    if not _HAS_RTL.search(text):
        return text
    import arabic_reshaper  # imported here: only right-to-left text needs them
    from bidi import get_display

    return " ".join(get_display(arabic_reshaper.reshape(w), base_dir="R") if _HAS_RTL.search(w) else w
                    for w in text.split(" "))


_LTR_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")


def visual_order(words: list[str]) -> list[int]:
    """The order in which a right-to-left line's words are drawn, left to right: the
    line reversed, except that a run of left-to-right words (a name, an address in
    Latin letters) keeps its own order."""
    runs: list[list[int]] = []
    for index, word in enumerate(words):
        ltr = bool(_LTR_LETTER.search(word)) and not _HAS_RTL.search(word)
        if ltr and runs and runs[-1][0] == 1:
            runs[-1].append(index)
        else:
            runs.append([1 if ltr else 0, index])
    order: list[int] = []
    for run in reversed(runs):
        order.extend(run[1:])
    return order


def runs(text: str, font_name: str, chain: tuple[str, ...]) -> list[tuple[str, str]]:
    """(font, text) runs that draw `text` (already in visual order) set in `font_name`.
    Raises `MissingGlyph` for a character no font has."""
    text = _INVISIBLE.sub("", text) if _INVISIBLE.search(text) else text
    if covered(font_name).issuperset(text):
        return [(font_name, text)] if text else []
    out: list[tuple[str, str]] = []
    for char in text:
        font = font_name if char == " " else pick_font(char, font_name, chain)
        if font is None:
            raise MissingGlyph(char, (font_name, *chain))
        if out and out[-1][0] == font:
            out[-1] = (font, out[-1][1] + char)
        else:
            out.append((font, char))
    return out


class MissingGlyph(Exception):
    def __init__(self, char: str, fonts: tuple[str, ...]):
        super().__init__(char)
        self.char, self.fonts = char, fonts


def describe(char: str) -> str:
    """ "→" (U+2192 RIGHTWARDS ARROW) """
    name = unicodedata.name(char, "")
    shown = char if char.isprintable() else ""
    return f'"{shown}" (U+{ord(char):04X}{" " + name if name else ""})'


def missing_message(char: str, theme_name: str, fonts: Iterable[str]) -> str:
    tried = ", ".join(dict.fromkeys(_families.get(f"{f.rpartition('-')[0]}-Regular", f) for f in fonts))
    return (f"{describe(char)} is in no font of theme {theme_name} (tried {tried}); "
            "add a font that has it to fonts/, or write another character")


def with_fallback(frags: list, chain: tuple[str, ...], theme_name: str = "default",
                  rtl: bool = False) -> list:
    """Paragraph fragments with every run their font lacks moved to a fallback font,
    and right-to-left runs in visual order (with `rtl`, a right-to-left paragraph:
    each word, see `visual_words`). Fragments done before are left as they are."""
    if not chain:
        return frags
    out: list = []
    changed = False
    for frag in frags:
        text = getattr(frag, "text", None)
        if not isinstance(text, str) or not text or getattr(frag, "fallback_done", False) \
                or hasattr(frag, "cbDefn"):
            out.append(frag)
            continue
        if covered(frag.fontName).issuperset(text) and not _draws_rtl(frag.fontName):
            out.append(frag)  # most fragments: nothing to move, nothing to reorder
            continue
        shown = visual_words(text) if rtl else visual(text)
        if shown is text and covered(frag.fontName).issuperset(text):
            out.append(frag)
            continue
        parts = _runs_or_fail(shown, frag.fontName, chain, theme_name)
        changed = True
        for font, part in parts:
            piece = frag.clone(fontName=font, text=part)
            piece.fallback_done = True
            out.append(piece)
    return out if changed else frags


def _runs_or_fail(text: str, font_name: str, chain: tuple[str, ...], theme_name: str) -> list[tuple[str, str]]:
    # Loaders check every text before layout (check_markup, check_texts); this is the
    # last guard, for text that reached layout another way: an error, never a box.
    try:
        return runs(text, font_name, chain)
    except MissingGlyph as missing:
        raise fail(SourceRef(f"the text {text[:40]!r}"),
                   missing_message(missing.char, theme_name, missing.fonts)) from None


def draw_text(canvas: Any, x: float, y: float, text: str, font_name: str, size: float,
              chain: tuple[str, ...], align: str = "left") -> None:
    """`canvas.drawString` (or drawRightString / drawCentredString with `align` "right"
    or "centre") in the canvas's current font `font_name`, for text that may need
    fallback fonts or be right-to-left. Text the font has is drawn as drawString would."""
    parts = _runs_or_fail(visual(text), font_name, chain, "in use")
    if len(parts) <= 1 and (not parts or parts[0][0] == font_name):
        draw = {"left": canvas.drawString, "right": canvas.drawRightString, "centre": canvas.drawCentredString}
        draw[align](x, y, parts[0][1] if parts else "")
        return
    width = sum(pdfmetrics.stringWidth(part, font, size) for font, part in parts)
    x -= {"left": 0, "right": width, "centre": width / 2}[align]
    for font, part in parts:
        canvas.setFont(font, size)
        canvas.drawString(x, y, part)
        x += pdfmetrics.stringWidth(part, font, size)
    canvas.setFont(font_name, size)


def check_markup(root: ET.Element, fonts: tuple[str, ...], theme_name: str, where: SourceRef) -> None:
    """Report every character of the markup's text that no font of `fonts` (the theme's
    families and fallbacks, regular names) has, at the content line it came from."""
    check_texts(_printed_texts(root, where), fonts, theme_name)


def _printed_texts(root: ET.Element, where: SourceRef) -> Iterator[tuple[SourceRef, str | None]]:
    """Every text of the markup that prints (text, tails, printed attributes), in
    reading order, each with the content line it came from."""
    stack: list[tuple[ET.Element, SourceRef]] = [(root, where)]
    while stack:
        elem, ref = stack.pop()
        ref = _ref(elem, ref)
        if elem.tag == "code" and ref.line and elem.text:
            # a code block's lines are its content's lines: each at its own
            for number, line in enumerate(elem.text.split("\n")):
                yield (replace(ref, line=ref.line + number) if number else ref), line
        else:
            yield ref, elem.text
        yield ref, elem.tail
        if elem.attrib:
            yield from ((ref, value) for name, value in elem.attrib.items() if name in _PRINTED)
        stack.extend((child, ref) for child in reversed(elem))


def check_texts(texts: Iterable[tuple[SourceRef, str | None]], fonts: tuple[str, ...], theme_name: str) -> None:
    """`check_markup` for texts a loader holds, each with the place it was written."""
    # The first font has nearly every character: the others are looked at, one by one,
    # only for a character it lacks (most of a theme's 30-odd faces never are).
    first = covered(fonts[0]) if fonts else frozenset()

    known: dict[str, bool] = {}

    def in_none(char: str) -> bool:
        hit = known.get(char)
        if hit is None:
            hit = known[char] = char not in first and not any(char in covered(font) for font in fonts[1:])
        return hit

    found = Collector()
    reported: set[tuple[str, SourceRef]] = set()
    for ref, text in texts:
        if text and not first.issuperset(text) and any(in_none(char) for char in set(text)):
            for char in _INVISIBLE.sub("", visual(text)):
                if char != " " and (char, ref) not in reported and in_none(char):
                    reported.add((char, ref))
                    found.error(ref, missing_message(char, theme_name, fonts))
    found.raise_if_errors()


def _ref(elem: ET.Element, inherited: SourceRef) -> SourceRef:
    where = elem.get("src")
    if not where:
        return inherited
    path, _, line = where.rpartition(":")
    return SourceRef(path, int(line)) if path and line.isdigit() else SourceRef(where)


__all__ = ["HandoutsError", "MissingGlyph", "check_markup", "check_texts", "covered", "draw_text", "pick_font", "runs",
           "visual", "with_fallback"]
