"""Footnotes in handouts: every note printed once, at the foot of the page where its
mark is printed, whatever splits the text: a paragraph over a page end, a note too
long for the rest of its page, several notes on a page, marks in list items, table
cells, boxes and side notes.

The documents mark each footnote after the word "mrk" (printed "mrk3") and start
each note with "NootN", followed by words "nNwI" that say where they belong."""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

from handouts.build import build
from handouts.products import Options
from handouts.project import load_project

FILLER = ("de wervelkolom draagt het hoofd en beschermt het ruggenmerg terwijl spieren banden "
          "en pezen samen zorgen voor houding beweging en stabiliteit van de romp bij tillen "
          "bukken draaien en lopen masseren vraagt rustige aandacht voor adem en spanning").split()
MM = 72 / 25.4
HEAD = "---\ntitle: Voetnoten\nlanguage: nl\ncontents: false\n---\n\n"


class Notes:
    """Writes a document's text with numbered marks and remembers each note's words."""

    def __init__(self, seed: int = 0):
        self.rng = random.Random(seed)
        self.words: dict[int, list[str]] = {}

    def filler(self, count: int) -> str:
        return " ".join(self.rng.choice(FILLER) for _ in range(count))

    def mark(self, length: int) -> str:
        """A mark whose note has `length` words after "NootN" (numbered in reading order)."""
        n = len(self.words) + 1
        self.words[n] = [f"Noot{n}"] + [f"n{n}w{i}" for i in range(1, length + 1)]
        return f"mrk[^n{n}]"

    def text(self, count: int, marks: dict[int, int]) -> str:
        """`count` filler words with a mark after word i for every i → note length."""
        words = [self.rng.choice(FILLER) for _ in range(count)]
        out = []
        for i, word in enumerate(words, start=1):
            out.append(word)
            if i in marks:
                out.append(self.mark(marks[i]))
        return " ".join(out)

    def definitions(self) -> str:
        return "\n".join(f"[^n{n}]: {' '.join(words)}\n" for n, words in self.words.items())


def build_all(root: Path, documents: dict[str, str]) -> dict[str, Path]:
    for name, text in documents.items():
        path = root / "content" / f"{name}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    report = build([root / "content"], load_project(root), Options(), out_dir=root / "build")
    assert not report.failed, [str(d) for d in report.diagnostics]
    return {name: root / "build" / f"{name}.pdf" for name in documents}


def page_texts(pdf: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(pdf).pages]


def check_notes(pdf: Path, notes: dict[int, list[str]]) -> dict[int, tuple[int, int]]:
    """Asserts what a reader must find: marks 1..N once each, in reading order; every
    note's words once each, in order, starting on the page of its mark (after its
    number) and ending there or on the next page. Returns number → (mark page, last
    page of the note)."""
    texts = page_texts(pdf)
    marks = [(int(n), page) for page, text in enumerate(texts) for n in re.findall(r"mrk(\d+)", text)]
    assert [n for n, _ in marks] == list(range(1, len(notes) + 1)), "marks missing, doubled or out of order"
    mark_page = dict(marks)
    found = {}
    everything = "\n".join(texts)
    starts = [sum(len(t) + 1 for t in texts[:i]) for i in range(len(texts))]
    spots_of: dict[str, list[int]] = {}
    for m in re.finditer(r"(?<!\w)(?:Noot\d+|n\d+w\d+)(?!\w)", everything):
        spots_of.setdefault(m.group(), []).append(m.start())
    for n, words in notes.items():
        spots = []
        for word in words:
            hits = spots_of.get(word, [])
            assert len(hits) == 1, f"note {n}: {word!r} printed {len(hits)} times"
            spots.append(hits[0])
        assert spots == sorted(spots), f"note {n}: words out of order"
        pages = [max(i for i, s in enumerate(starts) if s <= spot) for spot in (spots[0], spots[-1])]
        assert pages[0] == mark_page[n], f"note {n} starts on page {pages[0] + 1}, its mark is on page {mark_page[n] + 1}"
        assert pages[-1] - pages[0] <= 1, f"note {n} runs over more than two pages"
        assert re.search(rf"(?<!\d){n}\s+Noot{n}\b", texts[pages[0]]), f"note {n} without its number"
        found[n] = (pages[0], pages[-1])
    return found


def word_top(pdf: Path, page: int, word: str) -> float:
    """The top of `word` on a page (points from the bottom)."""
    doc = pdfium.PdfDocument(str(pdf))
    try:
        text = doc[page].get_textpage()
        hit = text.search(word, match_whole_word=True).get_next()
        assert hit is not None, word
        return text.get_charbox(hit[0])[3]
    finally:
        doc.close()


COLUMN = (22 * MM, (210 - 14 - 34 - 6) * MM)  # the text column's left and right edge
BOTTOM = 22 * MM  # the bottom margin


def _chars(pdf: Path, page: int) -> list[tuple[float, tuple[float, float, float, float]]]:
    """(font size, box) of every printed character in the text column of a page."""
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return _page_chars(doc[page])
    finally:
        doc.close()


def _page_chars(page) -> list[tuple[float, tuple[float, float, float, float]]]:
    text = page.get_textpage()
    out = []
    for i in range(text.count_chars()):
        box = text.get_charbox(i)
        if COLUMN[0] - 1 < box[0] < COLUMN[1] and box[2] > box[0]:  # a glyph, not a space
            out.append((pdfium.raw.FPDFText_GetFontSize(text.raw, i), box))
    return out


def lowest_body_line(pdf: Path, page: int) -> float:
    """The bottom of the lowest line of text (9.5 pt or more: body, items, cells) on a page."""
    return min(box[1] for size, box in _chars(pdf, page) if size >= 9.5)


def gaps_above_foot(pdf: Path) -> list[float]:
    """For every page but the last: points between its lowest line of text and the
    top of its notes (or the bottom margin, without notes)."""
    doc = pdfium.PdfDocument(str(pdf))
    try:
        gaps = []
        for index in range(len(doc) - 1):
            chars = _page_chars(doc[index])
            body = min(box[1] for size, box in chars if size >= 9.5)
            notes = [box[3] for size, box in chars if size < 9.5 and box[3] < body and box[1] > BOTTOM - 2]
            gaps.append(body - max(notes, default=BOTTOM))
        return gaps
    finally:
        doc.close()


# -- the cases, one document each -------------------------------------------------------

def split_paragraph() -> tuple[str, dict]:
    notes = Notes(1)
    text = (notes.text(260, {}) + "\n\n"
            + notes.text(480, {60: 25, 470: 25}) + "\n\n" + notes.text(80, {}) + "\n\n")
    return HEAD + text + notes.definitions(), notes.words


def long_note() -> tuple[str, dict]:
    notes = Notes(2)
    text = (notes.text(300, {}) + "\n\n" + notes.text(90, {80: 220}) + "\n\n"
            + notes.text(120, {}) + "\n\n" + notes.text(120, {100: 10}) + "\n\n")
    return HEAD + text + notes.definitions(), notes.words


def long_note_at_the_end() -> tuple[str, dict]:
    """The last mark of the document near the foot of its last page, with a note
    that needs a page more."""
    notes = Notes(6)
    text = notes.text(380, {}) + "\n\n" + notes.text(40, {36: 260}) + "\n\n"
    return HEAD + text + notes.definitions(), notes.words


def several_on_a_page() -> tuple[str, dict]:
    """Five marks on the first page, the last two in a paragraph that goes on over
    the page end."""
    notes = Notes(3)
    text = (notes.text(90, {10: 8, 40: 30, 41: 5}) + "\n\n" + notes.text(200, {}) + "\n\n"
            + notes.text(400, {20: 12, 60: 3}) + "\n\n")
    return HEAD + text + notes.definitions(), notes.words


def in_blocks(lead: int) -> tuple[str, dict]:
    """Marks in a list item, a table cell, a box and a side note, after `lead` words."""
    notes = Notes(4 + lead)
    parts = [
        notes.text(lead, {}),
        f"- {notes.text(12, {})}\n- {notes.text(20, {8: 30})}\n- {notes.text(6, {})}",
        "| Latijn | Nederlands |\n|---|---|\n"
        f"| {notes.filler(2)} | {notes.text(10, {4: 20})} |\n| {notes.filler(3)} | {notes.filler(8)} |",
        f"::: tip Let op\n{notes.text(40, {30: 25})}\n:::",
        f"::: kanttekening\n{notes.text(10, {5: 15})}\n:::",
        notes.text(120, {100: 6}),
    ]
    return HEAD + "\n\n".join(parts) + "\n\n" + notes.definitions(), notes.words


def sweep_case(seed: int, kinds: tuple[str, ...] = ("p", "p", "p", "list", "table", "box")) -> tuple[str, dict]:
    """A random mix of paragraphs, lists, tables and boxes with marks and notes of
    any length, for the sweep below."""
    notes = Notes(100 + seed)
    rng = notes.rng
    parts = []
    for _ in range(rng.randint(3, 7)):
        kind = rng.choice(kinds)
        def marked(count: int) -> str:
            marks = {rng.randint(1, count): rng.choice([3, 12, 40, 90, 160])
                     for _ in range(rng.choice([0, 1, 1, 2, 3]))}
            return notes.text(count, marks)
        if kind == "p":
            parts.append(marked(rng.randint(20, 500)))
        elif kind == "list":
            parts.append("\n".join(f"- {marked(rng.randint(5, 60))}" for _ in range(rng.randint(2, 6))))
        elif kind == "table":
            rows = [f"| {notes.filler(2)} | {marked(rng.randint(3, 30))} |" for _ in range(rng.randint(2, 8))]
            parts.append("| Term | Uitleg |\n|---|---|\n" + "\n".join(rows))
        else:
            parts.append(f"::: nb\n{marked(rng.randint(10, 120))}\n:::")
    return HEAD + "\n\n".join(parts) + "\n\n" + notes.definitions(), notes.words


CASES = {"split": split_paragraph(), "long": long_note(), "end": long_note_at_the_end(),
         "several": several_on_a_page(),
         **{f"blocks{lead}": in_blocks(lead) for lead in (20, 430, 520, 600)}}
SWEEP = {**{f"mixed{seed}": sweep_case(seed) for seed in range(30)},
         **{f"prose{seed}": sweep_case(seed, ("p",)) for seed in range(30, 42)}}


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("footnotes")
    return build_all(root, {name: text for name, (text, _) in {**CASES, **SWEEP}.items()})


def test_a_paragraph_split_over_a_page_end_keeps_each_note_with_its_mark(pdfs):
    pages = check_notes(pdfs["split"], CASES["split"][1])
    assert pages[1][0] + 1 == pages[2][0], "the paragraph must be split between its two marks"


def test_a_note_too_long_for_the_rest_of_the_page_continues_at_the_foot_of_the_next(pdfs):
    pdf, words = pdfs["long"], CASES["long"][1]
    pages = check_notes(pdf, words)
    first, last = pages[1]
    assert last == first + 1, "the long note must start on its mark's page and go on on the next"
    assert pages[2] == (last, last), "the second note is on the page where the long note goes on"
    continued = next(w for w in words[1] if w not in page_texts(pdf)[first])
    # at the foot of that page: under its text, above the page's own note
    assert word_top(pdf, last, continued) < lowest_body_line(pdf, last)
    assert word_top(pdf, last, continued) > word_top(pdf, last, "Noot2")


def test_a_note_cut_on_the_last_page_goes_on_at_a_page_of_its_own(pdfs):
    pages = check_notes(pdfs["end"], CASES["end"][1])
    assert pages[1][1] == pages[1][0] + 1 == len(page_texts(pdfs["end"])) - 1


def test_several_notes_on_one_page_stand_in_order_under_the_text(pdfs):
    pdf, words = pdfs["several"], CASES["several"][1]
    pages = check_notes(pdf, words)
    assert {p for p, _ in pages.values()} == {0}
    assert "mrk" not in page_texts(pdf)[1] and len(page_texts(pdf)) > 1, "the last paragraph must go on"
    tops = [word_top(pdf, 0, f"Noot{n}") for n in words]
    assert tops == sorted(tops, reverse=True)
    assert tops[0] < lowest_body_line(pdf, 0)


@pytest.mark.parametrize("lead", [20, 430, 520, 600])
def test_notes_of_marks_in_lists_tables_boxes_and_side_notes(pdfs, lead):
    check_notes(pdfs[f"blocks{lead}"], CASES[f"blocks{lead}"][1])


@pytest.mark.parametrize("name", sorted(SWEEP))
def test_no_footnote_is_lost_whatever_the_lengths(pdfs, name):
    check_notes(pdfs[name], SWEEP[name][1])


def test_no_room_is_kept_for_notes_that_are_not_there(pdfs):
    """Above its notes (or the bottom margin) a page's text stops at most a few lines
    short: no gap where a note would have been."""
    leading = 14.5
    for name in ["split", "long", *(n for n in SWEEP if n.startswith("prose"))]:
        for page, gap in enumerate(gaps_above_foot(pdfs[name]), start=1):
            # 4 lines: the next line may bring a mark whose note (a few lines) must come too
            assert gap < 4 * leading, f"{name}, page {page}: {gap:.0f} pt between the text and its foot"


def test_a_mark_in_a_heading_prints_its_note_once_and_not_in_the_contents(tmp_path):
    from conftest import outline_titles

    notes = Notes(5)
    text = ("---\ntitle: Voetnoten\nlanguage: nl\n---\n\n"
            f"# Eerste deel\n\n{notes.text(300, {})}\n\n# Tweede deel {notes.mark(20)}\n\n"
            f"{notes.text(200, {})}\n\n" + notes.definitions())
    pdf = build_all(tmp_path, {"kop": text})["kop"]
    check_notes(pdf, notes.words)  # the contents line of the heading has no mark
    assert any("Tweede deel" in title for title in outline_titles(PdfReader(pdf)))


def test_a_split_paragraph_part_is_read_as_it_is_drawn():
    """The layout reads the lines platypus gives the first part of a split paragraph
    (to measure it and find its marks without drawing it); they must say what
    drawing the part says. Fails when a reportlab release changes those lines."""
    import io

    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfgen.canvas import Canvas

    from handouts.layout.footnotes import marks_printed, split_part_marks
    from handouts.layout.paragraph import Para

    style = ParagraphStyle("t", fontSize=10, leading=12, allowWidows=0, allowOrphans=0)
    words = [f"woord{i}" for i in range(300)]
    for n, at in enumerate((5, 120, 250), start=1):
        words[at] += f'<super>{n}</super><onDraw name="fnmark" label="{n}"/>'
    canvas = Canvas(io.BytesIO())
    for room in (60, 150, 250, 400):
        para = Para(" ".join(words), style)
        para.wrap(300, room)
        first = para.split(300, room)[0]
        read, height = split_part_marks(first), first.height
        assert read is not None
        assert read == marks_printed(first, canvas, 300)
        assert height == first.wrap(300, room)[1]
    assert read == (1, 2)


@pytest.mark.parametrize("shift", [0, 276])
def test_the_bundled_chapter_keeps_its_notes_wherever_its_pages_break(tmp_path, shift):
    """The Dutch sample chapter (3 footnotes, one in a list item), moved down the
    pages by `shift` words of text before it: each note once, on its mark's page."""
    from conftest import REPO
    from pdfcheck import squash

    source = (REPO / "content/handouts/03-de-rug.md").read_text(encoding="utf-8")
    head, body = source.split("\n---\n", 1)
    shutil.copytree(REPO / "content/handouts/figures", tmp_path / "content/figures")
    pdf = build_all(tmp_path, {"rug": f"{head}\n---\n{Notes(7).filler(shift)}\n\n{body}"})["rug"]
    texts = [squash(t) for t in page_texts(pdf)]
    marks = {"Voor de borstwervels zie je twee": "D1–D121", "Deze indeling wijkt op één punt": "vier2",
             "De traditionele Chinese geneeskunde is een eigen": "geneeskunde3"}
    for note, mark in marks.items():
        pages = [i for i, t in enumerate(texts) if note in t]
        assert len(pages) == 1, f"{note!r} printed on pages {[p + 1 for p in pages]}"
        assert mark in texts[pages[0]], f"{note!r} is not on the page of its mark"
