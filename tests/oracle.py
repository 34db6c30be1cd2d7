"""The oracle: what an author wrote must be what the PDF says.

Shared by test_oracle_handout.py, test_oracle_leaflet.py and test_oracle_exam.py:
hypothesis strategies for words (Dutch and English, diacritics, numbers, symbols) and
the checker `assert_every_word`, which reads the text of a PDF back with pypdf and
checks that the words of every region (body, footnotes, side notes, ...) appear in
the order written, and that no word is printed fewer times than it was written.

HANDOUTS_ORACLE_EXAMPLES=2000 runs that many examples per test instead of the few
the suite runs (the draw is derandomized: CI always runs the same examples).
"""

from __future__ import annotations

import importlib
import io
import os
import pkgutil
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from pypdf import PdfReader

import handouts


def _load_every_module() -> None:
    """Hypothesis also draws numbers and strings it finds in the loaded modules of the
    project (its "local constants"), so a derandomized test's examples would depend on
    what the process loaded before: one test file alone, the whole suite, a build that
    brought in the exam wing. Every module of handouts loaded first: the same examples
    in every process."""
    for module in pkgutil.walk_packages(handouts.__path__, "handouts."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)


_load_every_module()

# -- vocabulary ---------------------------------------------------------------------
# Content words only: none of them is a word the layout prints by itself ("pagina",
# "van", "Tip", "Vraag", ...), so a word the author wrote cannot be mistaken for one
# the PDF added. Long compounds get hyphenated; some words carry a real hyphen.
DUTCH = (
    "café", "één", "coördinatie", "ruggenmerg", "naïef", "reünie", "vóór", "hé",
    "wervelkolom", "tussenwervelschijf", "rugwervel", "schouderblad", "patiënt",
    "knieën", "zeeën", "ideeën", "financiële", "geïnteresseerd", "reëel", "coöperatie",
    "België", "enquête", "crème", "ruggengraat", "fysiotherapeut", "ontspanning",
    "kraakbeen", "lendenwervels", "gewricht", "tintelingen", "hernia", "beweeglijk",
    "zee-egel", "Noord-Brabant", "e-mail", "rugspierversterkingsoefeningen",
    "arbeidsongeschiktheidsverzekering", "doornuitsteeksels", "monnikskapspier",
    "bekkenbodemspieren", "Überweisung", "geëmigreerd", "priëlen", "oceaanstomer",
)
ENGLISH = (
    "naïve", "façade", "résumé", "spine", "muscle", "vertebra", "exercise", "shoulder",
    "physiotherapy", "well-being", "self-care", "posture", "stretching", "ligament",
    "cartilage", "electroencephalography", "counterintuitively", "Zoë", "coördinate",
    "daïs", "piñata", "Ångström", "smörgåsbord", "jalapeño", "œuvre", "Æsir",
)
# Symbols every bundled font has a glyph for, and those some lack today: those print
# nothing until a fallback font covers them. The leaflet font (Atkinson Hyperlegible)
# also lacks the Dutch letters Ĳ and ĳ.
SAFE_SYMBOLS = ("±", "°", "½", "µ", "€", "•")
MISSING_SYMBOLS = ("≤", "≥", "≠", "≈", "→", "←", "✓", "✗", "√", "∞")
SYMBOLS = SAFE_SYMBOLS + MISSING_SYMBOLS
IJ_WORDS = ("Ĳsselmeer", "ĳs", "ĳzer", "Ĳmuiden", "bĳ")


@st.composite
def words(draw: st.DrawFn, symbols: tuple[str, ...] = SAFE_SYMBOLS) -> str:
    """One word as an author types it: mostly a Dutch or English word, else a number,
    a symbol, or a number with a symbol. With all `SYMBOLS`, words with the letters
    Ĳ and ĳ come in too."""
    vocabulary = DUTCH + ENGLISH + (IJ_WORDS if set(MISSING_SYMBOLS) & set(symbols) else ())
    kind = draw(st.integers(0, 11 if symbols else 8))
    if kind < 8:
        return draw(st.sampled_from(vocabulary))
    number = str(draw(st.integers(0, 99999))) if draw(st.booleans()) else \
        f"{draw(st.integers(0, 999))},{draw(st.integers(0, 99))}"
    if kind == 8:
        return number
    symbol = draw(st.sampled_from(symbols))
    return {9: symbol, 10: number + symbol, 11: symbol + number}[kind]


def text(symbols: tuple[str, ...], min_size: int = 1, max_size: int = 12) -> st.SearchStrategy[list[str]]:
    return st.lists(words(symbols), min_size=min_size, max_size=max_size)


@st.composite
def styled(draw: st.DrawFn, ws: list[str]) -> str:
    """The words as Markdown, with some of them bold or italic and some punctuation."""
    out = []
    for word in ws:
        how = draw(st.sampled_from(("", "", "", "", "**", "*", ",", ".")))
        if how in ("**", "*") and word[0].isalpha():
            out.append(f"{how}{word}{how}")
        elif how in (",", ".") and not word[-1].isdigit():  # "12." could start a list
            out.append(word + how)
        else:
            out.append(word)
    return " ".join(out)


# -- what the PDF says ---------------------------------------------------------------
_LIGATURES = {chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0xFB00, 0xFB07)}
_BROKEN = "\x1f"  # stands where a line ends: a word may have been broken there
_LINE_END = re.compile(r"[-\u00ad\u2010][ \t]*\n\s*|[-\u00ad\u2010][ \t]+|[ \t]*\n\s*")
_TOKEN = re.compile(r"[^\W\d_]+|\d+|\x1f|[^\w\s]", re.UNICODE)
_NEAR = 600  # printed words that may stand between two halves of a broken word (the page's footnotes)


def pdf_pages(data: bytes) -> list[str]:
    """The text of every page as pypdf reads it, leaving out what is drawn outside the
    page (a reader never sees it)."""
    reader = PdfReader(io.BytesIO(data))
    pages = []
    for page in reader.pages:
        box = page.mediabox
        left, bottom, right, top = (float(v) for v in (box.left, box.bottom, box.right, box.top))
        kept: list[str] = []

        def visit(chunk, cm, tm, font, size, kept=kept, box=(left, bottom, right, top)):
            if not chunk:
                return
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            inside = box[0] - 2 <= x <= box[2] + 2 and box[1] - 2 <= y <= box[3] + 2
            kept.append(chunk if inside else "\n")

        page.extract_text(visitor_text=visit)
        pages.append("".join(kept))
    return pages


def normalise(text: str) -> str:
    """NFC, ligatures spelled out, every line end marked (a word may be broken there,
    with a hyphen or, in a narrow table column, without), and every other hyphen
    dropped, so that the author's "zee-egel" and a printed "zee-" / "egel" compare
    as written."""
    text = unicodedata.normalize("NFC", text)
    for lig, letters in _LIGATURES.items():
        text = text.replace(lig, letters)
    text = _LINE_END.sub(" " + _BROKEN + " ", text)
    return text.replace("-", "").replace("\u2010", "")


@dataclass(frozen=True)
class Printed:
    """The words of a PDF in the order pypdf reads them. `broken` holds the words that
    end a line: one may be the first half of a broken word, whose other half follows,
    on the next line or, when the page ended there, after the footnotes, the footer
    and the next page's header."""

    words: list[str]
    broken: frozenset[int]
    pages: list[int]  # the page of every word
    glued: frozenset[int] = frozenset()  # words printed as one with the next (see `unglued`)

    def find(self, word: str, start: int) -> int | None:
        """Where `word` ends being printed at or after `start`, whole or broken: the
        earliest end, so that the next word is looked for from there."""
        best = None
        for i in range(start, len(self.words)):
            if best is not None and i > best:
                break
            end = self._ends(word, i)
            if end is not None and (best is None or end < best):
                best = end
        return best

    def count(self, word: str) -> int:
        """How often `word` is printed, whole or broken (an upper bound)."""
        return self.words.count(word) + sum(1 for i in self.broken | self.glued
                                            if self._ends(word, i, whole=False) is not None)

    def _ends(self, word: str, i: int, first: bool = True, whole: bool = True) -> int | None:
        """Where `word` ends when it starts at word i: i itself, or the last of its
        pieces when it was broken over lines. The second piece may stand after the
        foot and head of the page (`_NEAR`); further pieces (a long word in a narrow
        table column) follow each on the next line."""
        here = self.words[i]
        if here == word:
            return i if whole else None
        if len(word) <= len(here) or not word.startswith(here):
            return None
        rest = word[len(here):]
        if i in self.glued:  # "00" taken apart as "0" "0": it may be one word, or a broken word's rest
            return self._ends(rest, i + 1, first=False)
        if i not in self.broken:
            return None
        reach = _NEAR if first else 1
        for j in range(i + 1, min(i + 1 + reach, len(self.words))):
            end = self._ends(rest, j, first=False)
            if end is not None:
                return end
        return None


def tokens(text: str) -> list[str]:
    """Runs of letters, runs of digits, and every other mark on its own: a footnote
    number glued to its word ("wervel3") still leaves the word whole."""
    return [t for t in _TOKEN.findall(normalise(text)) if t != _BROKEN]


def printed_words(pages: list[str]) -> Printed:
    words: list[str] = []
    broken: set[int] = set()
    on: list[int] = []
    for number, page in enumerate(pages, 1):
        for token in _TOKEN.findall(normalise(page)):
            if token == _BROKEN:
                if words:
                    broken.add(len(words) - 1)
                continue
            words.append(token)
            on.append(number)
    return Printed(words, frozenset(broken), on)


def unglued(printed: Printed, known: set[str]) -> Printed:
    """Two written words that pypdf read as one ("caféelectroencephalography": it
    guesses spaces from the gaps between glyphs, and misses some where the font
    changes) taken apart again; only where both halves are words that were written."""
    words, broken, pages, glued = [], set(), [], set()
    for i, (word, page) in enumerate(zip(printed.words, printed.pages)):
        cut = 0 if word in known else next((n for n in range(1, len(word)) if word[:n] in known
                                            and word[n:] in known), 0)
        parts = [word[:cut], word[cut:]] if cut else [word]
        if cut:
            glued.add(len(words))
        for part in parts:
            words.append(part)
            pages.append(page)
        if i in printed.broken:
            broken.add(len(words) - 1)
    return Printed(words, frozenset(broken), pages, frozenset(glued))


def source_tokens(written: Iterable[str]) -> list[str]:
    return [t for w in written for t in tokens(w)]


# -- the check -----------------------------------------------------------------------
@dataclass
class Expected:
    """What an author wrote, by region, each region's words in reading order."""

    regions: dict[str, list[str]] = field(default_factory=dict)

    def add(self, region: str, ws: Iterable[str]) -> None:
        self.regions.setdefault(region, []).extend(ws)


def _around(items: list[str], index: int, before: int = 8, after: int = 8) -> str:
    start = max(index - before, 0)
    here = items[index] if index < len(items) else ""
    return " ".join([*items[start:index], f"[[{here}]]", *items[index + 1:index + 1 + after]])


def first_missing(region: list[str], printed: Printed) -> tuple[int, int] | None:
    """(index in `region`, printed position reached) of the first word of `region`
    not printed in order, or None when all are."""
    at = 0
    for i, word in enumerate(region):
        found = printed.find(word, at)
        if found is None:
            return i, at
        at = found + 1
    return None


def assert_every_word(data: bytes, expected: Expected, what: str, in_order: bool = True) -> None:
    """Every word of every region is in the PDF, in its order within the region
    (`in_order=False`: a print file whose panels stand in folding order, not reading
    order), and no word is printed fewer times than it was written."""
    assert_pages_hold(pdf_pages(data), expected, what, in_order)


def assert_pages_hold(pages: list[str], expected: Expected, what: str, in_order: bool = True) -> None:
    """`assert_every_word` on the text of the pages."""
    printed = unglued(printed_words(pages), {t for w in expected.regions.values() for t in source_tokens(w)})
    problems = []
    if in_order:
        for name, written in expected.regions.items():
            region = source_tokens(written)
            missing = first_missing(region, printed)
            if missing is not None:
                index, at = missing
                page = printed.pages[at - 1] if at else 1
                problems.append(
                    f"{name}: the word {region[index]!r} is not printed (in order) after page {page}:\n"
                    f"    written: {_around(region, index)}\n"
                    f"    printed: {_around(printed.words, at, 12, 12)}")
    want = Counter(t for written in expected.regions.values() for t in source_tokens(written))
    for word, count in sorted(want.items()):
        have = printed.count(word)
        if have < count:
            where = [name for name, written in expected.regions.items() if word in source_tokens(written)]
            problems.append(f"{word!r} is written {count} times ({', '.join(where)}) but printed {have} times")
    if problems:
        raise AssertionError(f"{what}: words written but not printed\n  " + "\n  ".join(problems[:8]))


# -- Markdown documents (handouts and leaflets) ------------------------------------
SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">'
       '<rect x="10" y="10" width="180" height="80" fill="#2b5d8a"/></svg>')


@dataclass(frozen=True)
class Coverage:
    """What a generated document may hold. `symbols`: the symbols its words use;
    `footnotes`: "short" puts marks only in short paragraphs at the top level (a
    paragraph that never splits over two pages), "anywhere" in paragraphs of any
    length, list items, table cells and boxes."""

    symbols: tuple[str, ...] = SAFE_SYMBOLS
    footnotes: str = "short"
    max_blocks: int = 10
    long_paragraphs: bool = True


@dataclass
class MarkdownDoc:
    """A Markdown body being written, and what it must print."""

    coverage: Coverage
    lines: list[str] = field(default_factory=list)
    expected: Expected = field(default_factory=Expected)
    notes: list[str] = field(default_factory=list)  # footnote definitions, in mark order
    figures: int = 0

    def markdown(self) -> str:
        return "\n".join(self.lines + [""] + [n + "\n" for n in self.notes])


@st.composite
def marked(draw: st.DrawFn, doc: MarkdownDoc, ws: list[str], marks: bool) -> str:
    """The words as Markdown, with footnote marks after some of them when `marks`;
    each footnote's text goes to the "footnotes" region in the order of the marks."""
    if not marks or not ws:
        return draw(styled(ws))
    # after a word that ends in a letter: a mark after "183" would read as "1831"
    letters = [i for i, w in enumerate(ws) if w[-1].isalpha()]
    if not letters:
        return draw(styled(ws))
    places = draw(st.sets(st.sampled_from(letters), max_size=min(3, len(letters))))
    out, start = [], 0
    for place in sorted(places):
        out.append(draw(styled(ws[start:place + 1])))
        start = place + 1
        number = len(doc.notes) + 1
        note = draw(st.one_of(text(doc.coverage.symbols, 1, 12), text(doc.coverage.symbols, 12, 90)))
        doc.notes.append(f"[^n{number}]: {draw(styled(note))}")
        doc.expected.add("footnotes", note)
        out[-1] += f"[^n{number}]"
    if start < len(ws):
        out.append(draw(styled(ws[start:])))
    return " ".join(out)


def _paragraph_words(coverage: Coverage) -> st.SearchStrategy[list[str]]:
    short = text(coverage.symbols, 1, 30)
    if not coverage.long_paragraphs:
        return short
    return st.one_of(short, short, text(coverage.symbols, 30, 120), text(coverage.symbols, 120, 400))


@st.composite
def paragraph(draw: st.DrawFn, doc: MarkdownDoc, region: str = "body", indent: str = "",
              nested: bool = False) -> list[str]:
    ws = draw(_paragraph_words(doc.coverage) if not nested else text(doc.coverage.symbols, 1, 25))
    anywhere = doc.coverage.footnotes == "anywhere"
    marks = anywhere or (not nested and region == "body" and len(ws) <= 30)
    line = draw(marked(doc, ws, marks and draw(st.booleans())))
    doc.expected.add(region, ws)
    return [indent + line]


@st.composite
def bullet_list(draw: st.DrawFn, doc: MarkdownDoc, region: str = "body", indent: str = "",
                depth: int = 1) -> list[str]:
    ordered = draw(st.booleans())
    marks = doc.coverage.footnotes == "anywhere"
    lines: list[str] = []
    for n in range(1, draw(st.integers(1, 5)) + 1):
        marker = f"{n}. " if ordered else "- "
        ws = draw(text(doc.coverage.symbols, 1, 20))
        lines.append(indent + marker + draw(marked(doc, ws, marks and draw(st.booleans()))))
        doc.expected.add(region, ws)
        if depth < 3 and draw(st.integers(0, 3)) == 0:
            lines += draw(bullet_list(doc, region, indent + " " * len(marker), depth + 1))
    return lines


@st.composite
def table(draw: st.DrawFn, doc: MarkdownDoc) -> list[str]:
    columns = draw(st.integers(1, 4))
    marks = doc.coverage.footnotes == "anywhere"
    rows = []
    for r in range(draw(st.integers(1, 8)) + 1):
        cells = []
        for _ in range(columns):
            ws = draw(text(doc.coverage.symbols, 1, 6 if r == 0 else 10))
            cells.append(draw(marked(doc, ws, marks and r > 0 and draw(st.integers(0, 5)) == 0)))
            doc.expected.add("body", ws)
        rows.append("| " + " | ".join(cells) + " |")
    return [rows[0], "|" + "---|" * columns, *rows[1:]]


@st.composite
def box(draw: st.DrawFn, doc: MarkdownDoc) -> list[str]:
    kind = draw(st.sampled_from(("tip", "let op", "nb", "waarschuwing", "note", "github", "quote")))
    title = draw(st.one_of(st.just([]), text(doc.coverage.symbols, 1, 5))) if kind != "quote" else []
    doc.expected.add("body", title)
    inner: list[str] = []
    for i in range(draw(st.integers(1, 3))):
        if i:
            inner.append("")
        if draw(st.integers(0, 3)) == 0:
            inner += draw(bullet_list(doc, "body", depth=2))
        else:
            inner += draw(paragraph(doc, nested=doc.coverage.footnotes != "anywhere"))
    heading = " ".join(title)
    if kind in ("github", "quote"):
        first = [f"> [!{draw(st.sampled_from(('TIP', 'NOTE', 'WARNING')))}] {heading}".rstrip()] \
            if kind == "github" else []
        return first + [("> " + line).rstrip() for line in inner]
    return [f"::: {kind} {heading}".rstrip(), *inner, ":::"]


@st.composite
def side_note(draw: st.DrawFn, doc: MarkdownDoc) -> list[str]:
    inner: list[str] = []
    for i in range(draw(st.integers(1, 2))):
        if i:
            inner.append("")
        if draw(st.integers(0, 3)) == 0:
            inner += draw(bullet_list(doc, "side notes", depth=3))
        else:
            ws = draw(text(doc.coverage.symbols, 1, 25))
            doc.expected.add("side notes", ws)
            inner.append(draw(styled(ws)))
    return [f"::: {draw(st.sampled_from(('kanttekening', 'sidenote')))}", *inner, ":::"]


@st.composite
def figure(draw: st.DrawFn, doc: MarkdownDoc) -> list[str]:
    doc.figures += 1
    alt = draw(text(doc.coverage.symbols, 1, 8))  # not printed: no PDF carries alt text
    caption = draw(text(doc.coverage.symbols, 0, 15))
    # A handout's figure may wait for the next page while the text goes on: captions
    # keep their order among themselves, not within the body text.
    doc.expected.add("figure captions", caption)
    width = draw(st.integers(10, 100))
    quoted = f' "{" ".join(caption)}"' if caption else ""
    return [f'![{" ".join(alt)}](fig.svg{quoted}){{#fig-{doc.figures} width="{width}%"}}']


@st.composite
def heading(draw: st.DrawFn, doc: MarkdownDoc) -> list[str]:
    ws = draw(text(doc.coverage.symbols, 1, 8))
    doc.expected.add("body", ws)
    return ["#" * draw(st.integers(1, 3)) + " " + draw(styled(ws))]


@st.composite
def markdown_body(draw: st.DrawFn, coverage: Coverage) -> MarkdownDoc:
    """A Markdown body of headings, paragraphs, lists, tables, boxes, side notes,
    figures and page breaks, and the words each region must print."""
    doc = MarkdownDoc(coverage)
    kinds = st.sampled_from(("heading", "paragraph", "paragraph", "paragraph", "list", "table",
                             "box", "side note", "figure", "page break"))
    makers = {"heading": heading, "paragraph": paragraph, "list": bullet_list, "table": table,
              "box": box, "side note": side_note, "figure": figure}
    for _ in range(draw(st.integers(1, coverage.max_blocks))):
        kind = draw(kinds)
        block = ["---"] if kind == "page break" else draw(makers[kind](doc))
        doc.lines += [*block, ""]
    return doc


def theme_yaml(sizes: dict[str, float], page: dict[str, float], fonts: dict[str, str]) -> str:
    """A project theme file with these sizes (points), page measures (mm) and fonts."""
    def section(name: str, values: dict) -> str:
        return f"{name}:\n" + "".join(f"  {k}: {v}\n" for k, v in values.items())
    return section("fonts", fonts) + section("sizes", sizes) + section("page", page)


# -- hypothesis settings --------------------------------------------------------------
def examples(default: int) -> int:
    """How many examples a test runs: `default` in the suite, HANDOUTS_ORACLE_EXAMPLES
    when set."""
    return int(os.environ.get("HANDOUTS_ORACLE_EXAMPLES") or default)


def oracle_settings(default: int, shrink: bool = True) -> settings:
    """Deterministic (derandomized, no example database) and without time limits: a
    build takes what it takes. `shrink=False` for a test known to fail today: it stops
    at the first failure instead of searching for the smallest one."""
    phases = (Phase.explicit, Phase.generate) + ((Phase.shrink,) if shrink else ())
    return settings(max_examples=examples(default), deadline=None, derandomize=True, database=None,
                    phases=phases, print_blob=False,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.large_base_example, HealthCheck.function_scoped_fixture])
