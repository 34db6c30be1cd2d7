"""The built sample chapter, read back as a reader sees it: pages, fonts, bookmarks,
contents, footnotes, running footer, margins, metadata."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from handouts.build import build
from handouts.load.content import load_document
from handouts.products import Options
from handouts.project import load_project

from conftest import REPO, STANDARD_14, fonts_used, outline_titles, page_texts
from pdfcheck import ink_outside, inline_texts, line_text_at, squash, text_lines

CHAPTER = REPO / "content/handouts/03-de-rug.md"
A4 = (595.27, 841.89)


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sample")
    project = load_project(REPO)
    report = build([REPO / "content/handouts"], project, Options(), out_dir=out)
    assert not report.failed, [str(d) for d in report.diagnostics]
    return out


@pytest.fixture(scope="session")
def chapter(built) -> PdfReader:
    return PdfReader(built / "handouts/03-de-rug.pdf")


@pytest.fixture(scope="session")
def document():
    return load_document(CHAPTER, load_project(REPO))


def test_pages_are_a4_and_the_chapter_has_substance(chapter):
    assert 6 <= len(chapter.pages) <= 20
    for page in chapter.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4, abs=0.5)


def test_every_font_is_embedded_and_none_is_a_standard_font(built):
    for pdf in built.rglob("*.pdf"):
        fonts = fonts_used(PdfReader(pdf))
        assert fonts, pdf
        assert all(fonts.values()), (pdf, fonts)
        assert not {name.split("+")[-1] for name in fonts} & STANDARD_14, (pdf, fonts)


def test_bookmarks_match_the_headings(chapter, document):
    headings = [f"{b.number}  {b.plain}".strip() for b in document.blocks if b.kind == "heading"]
    assert outline_titles(chapter) == headings


def test_every_page_says_page_x_of_n(chapter):
    texts = page_texts(chapter)
    for number, text in enumerate(texts, start=1):
        assert f"pagina {number} van {len(texts)}" in text


def test_numbers_known_late_are_drawn_in_the_page_itself(chapter):
    """The page total and the contents' page numbers replace their marks in the page
    stream: no form object per number, and no mark left behind."""
    for page in chapter.pages:
        assert not (page["/Resources"].get_object().get("/XObject") or {})
        assert b"handouts-late" not in page.get_contents().get_data()


def test_contents_page_numbers_match_where_headings_landed(built, chapter):
    landed = {}

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                landed[item.title] = chapter.get_destination_page_number(item) + 1

    walk(chapter.outline)
    checked = 0
    for title, page in landed.items():
        number = title.split()[0]
        if not number[0].isdigit() or number.count(".") > 2:
            continue  # unnumbered and deeper headings are not in the contents
        line = line_text_at(built / "handouts/03-de-rug.pdf", 0, title.split(None, 1)[1])
        assert line, title
        assert int(re.findall(r"\d+", line)[-1]) == page, (title, line)
        checked += 1
    assert checked >= 5


def test_footnotes_print_on_the_page_of_their_mark(chapter, document):
    texts = [squash(t) for t in page_texts(chapter)]
    assert document.footnotes, "the sample must have footnotes"
    paragraphs = inline_texts(document.blocks)
    for note in document.footnotes:
        note_start = squash(re.sub(r"<[^>]+>", "", note.text))[:40]
        pages = [i for i, t in enumerate(texts) if note_start in t]
        assert len(pages) == 1, note_start
        marked = next(p for p in paragraphs if f'<fn n="{note.number}"/>' in p)
        before = re.sub(r"<[^>]+>", "", marked.split(f'<fn n="{note.number}"/>')[0])
        words = " ".join(before.replace("&amp;", "&").split()[-2:])
        assert words in texts[pages[0]], (note.number, words)


def test_dutch_and_latin_text_keeps_its_diacritics(chapter):
    text = " ".join(page_texts(chapter))
    source = CHAPTER.read_text(encoding="utf-8")
    special = sorted({w.strip(".,;:()*") for w in source.split() if re.search(r"[ëïéèàöüóáíú’“”–—½°]", w)})
    assert len(special) >= 5
    missing = [w for w in special if w and w not in squash(text) and "[" not in w and "]" not in w and "*" not in w]
    assert len(missing) <= len(special) // 5, missing


def test_nothing_is_drawn_outside_the_margins(built):
    for pdf in built.rglob("*.pdf"):
        assert ink_outside(pdf, left_mm=20, right_mm=12, top_mm=12, bottom_mm=12) == []


def test_the_margin_check_sees_ink_in_a_margin(tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    pdf = tmp_path / "bad.pdf"
    canvas = Canvas(str(pdf), pagesize=A4)
    canvas.rect(5, 400, 20, 20, fill=1)
    canvas.save()
    assert ink_outside(pdf, left_mm=20, right_mm=12, top_mm=12, bottom_mm=12) == [(1, "left")]


def test_metadata_title_author_language(chapter, document):
    info = chapter.metadata
    assert info.title == document.meta["title"]
    assert info.author == document.meta["author"]
    assert str(chapter.trailer["/Root"].get("/Lang")) == "nl-NL"


def test_headings_never_end_a_page(chapter, document):
    texts = page_texts(chapter)
    for block in (b for b in document.blocks if b.kind == "heading"):
        for text in texts:
            lines = [line for line in text.splitlines() if line.strip() and not line.startswith("pagina ")]
            if lines and lines[-1].strip().endswith(block.plain):
                pytest.fail(f"heading {block.plain!r} ends a page")


def test_contents_numbers_end_at_the_text_column_and_are_not_spread(built):
    pdf = built / "handouts/03-de-rug.pdf"
    body_right = max(box[2] for line in text_lines(pdf, 2) for _, box in line)
    entries = [line for line in text_lines(pdf, 0) if "".join(c for c, _ in line).count(".") > 10]
    assert len(entries) >= 10
    for line in entries:
        digits = []
        for char, box in reversed(line):
            if not char.isdigit():
                break
            digits.insert(0, box)
        assert digits, line
        assert digits[-1][2] <= body_right + 0.5, "the page number sticks out of the text column"
        for left_box, right_box in zip(digits, digits[1:]):
            assert right_box[0] - left_box[2] < 2.5, "the digits of a page number are spread apart"


def test_a_printed_web_address_breaks_at_a_slash_instead_of_stretching_the_line(built):
    """The English sample's link address comes where the line is nearly full: it is
    broken after a slash, so the line before it keeps its normal word spacing."""
    import pypdfium2 as pdfium

    page = pdfium.PdfDocument(built / "handouts/back-basics.pdf")[0].get_textpage()
    [line] = [text.strip() for text in page.get_text_range().splitlines() if "vertebral column" in text]
    assert re.search(r"\(https://\S*/$", line), line  # the address goes on on the next line
