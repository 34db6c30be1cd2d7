"""The oracle for handouts: random Markdown handouts, built at random font sizes,
margins and fonts, must print every word the author wrote (see tests/oracle.py)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, note
from hypothesis import strategies as st

from handouts.documents import make_document
from handouts.errors import HandoutsError
from handouts.products import Options
from handouts.project import load_project

from oracle import (
    SVG,
    SYMBOLS,
    Coverage,
    MarkdownDoc,
    assert_every_word,
    markdown_body,
    oracle_settings,
    theme_yaml,
)

FONTS = ("Noto Serif", "Noto Sans", "Atkinson Hyperlegible")


@st.composite
def themes(draw: st.DrawFn) -> str:
    """A project theme: body text from 7 to 16 pt, margins from 8 to 40 mm."""
    body = draw(st.integers(70, 160)) / 10
    sizes = {"body": body, "leading": round(body * draw(st.floats(1.15, 1.6)), 2),
             "small": draw(st.integers(60, 100)) / 10, "title": draw(st.integers(14, 30)),
             "h1": draw(st.integers(11, 20)), "h2": draw(st.integers(10, 16)), "h3": body}
    page = {"top": draw(st.integers(12, 40)), "bottom": draw(st.integers(12, 40)),
            "left": draw(st.integers(10, 35)), "right": draw(st.integers(8, 30)),
            "sidenote_width": draw(st.integers(22, 50)), "sidenote_gap": draw(st.integers(3, 10))}
    fonts = {"body": draw(st.sampled_from(FONTS)), "heading": draw(st.sampled_from(FONTS))}
    return theme_yaml(sizes, page, fonts)


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    chapter = draw(st.one_of(st.none(), st.integers(1, 12)))
    return ("---\ntitle: Oracle\ncourse: Proef\n"
            f"language: {draw(st.sampled_from(('nl', 'en')))}\n"
            f"numbered: {str(draw(st.booleans())).lower()}\n"
            f"contents: {str(draw(st.booleans())).lower()}\n"
            + (f"chapter: {chapter}\n" if chapter else "") + "---\n\n")


def build_handout(markdown: str, theme: str) -> bytes:
    """The handout's PDF, built in this process as `handouts build` builds it."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "content").mkdir()
        (root / "templates/themes").mkdir(parents=True)
        (root / "templates/themes/oracle.yaml").write_text(theme, encoding="utf-8")
        (root / "handouts.yaml").write_text("theme: oracle\n", encoding="utf-8")
        (root / "content/fig.svg").write_text(SVG, encoding="utf-8")
        source = root / "content/oracle.md"
        source.write_text(markdown, encoding="utf-8")
        products, _ = make_document(source, load_project(root), Options())
    return products[0].data


def check(doc: MarkdownDoc, matter: str, theme: str) -> None:
    markdown = matter + doc.markdown()
    note(markdown)
    note(theme)
    try:
        data = build_handout(markdown, theme)
    except HandoutsError as exc:
        # A box or side note taller than a page (large type, small page): a clean error
        # at its line, never a PDF with words missing.
        assert all(d.ref.path.endswith("oracle.md") and d.ref.line > 0 for d in exc.diagnostics), str(exc)
        assert "does not fit on a page" in str(exc) or "side note is taller" in str(exc), str(exc)
        return
    assert_every_word(data, doc.expected, "the handout")


@given(doc=markdown_body(Coverage()), matter=front_matter(), theme=themes())
@oracle_settings(80)
def test_a_handout_prints_every_word(doc, matter, theme):
    """Body, captions, cells, boxes, side notes and footnotes (marks in short
    paragraphs), with the symbols the bundled fonts have."""
    check(doc, matter, theme)


@given(doc=markdown_body(Coverage(symbols=SYMBOLS, max_blocks=5)), matter=front_matter(), theme=themes())
@oracle_settings(15, shrink=False)
def test_a_handout_prints_every_symbol(doc, matter, theme):
    """≤ ≥ ≠ ≈ → ← ✓ ✗ √ ∞ too: the bundled fonts lack them, a fallback must print them."""
    check(doc, matter, theme)


@given(doc=markdown_body(Coverage(footnotes="anywhere")), matter=front_matter(), theme=themes())
@oracle_settings(30, shrink=False)
def test_a_handout_prints_every_footnote_wherever_its_mark_stands(doc, matter, theme):
    """Marks in long paragraphs that split over two pages, in list items, cells and boxes."""
    check(doc, matter, theme)
