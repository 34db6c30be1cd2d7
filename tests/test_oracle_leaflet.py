"""The oracle for leaflets: random Markdown leaflets, every fold, with and without a
practice, at random text sizes, must print every word the author wrote in every file
(the print file and the screen file), or stop with a clean error at the leaflet's
line when the text does not fit its panels (see tests/oracle.py)."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import given, note
from hypothesis import strategies as st

from handouts.documents import make_document
from handouts.errors import HandoutsError
from handouts.products import Options
from handouts.project import load_project

from oracle import (
    SAFE_SYMBOLS,
    SVG,
    SYMBOLS,
    Coverage,
    Expected,
    MarkdownDoc,
    assert_every_word,
    markdown_body,
    oracle_settings,
    text,
    theme_yaml,
)

# fold → (file in reading order, other files), as the README names them
FILES = {"trifold": ("oracle-screen.pdf", ("oracle.pdf",)),
         "booklet": ("oracle.pdf", ("oracle-a4.pdf",)),
         "single": ("oracle.pdf", ())}


@st.composite
def leaflet_themes(draw: st.DrawFn) -> str:
    """The leaflet look at a random size: body text from 12 (the least a leaflet
    allows) to 16 pt."""
    body = draw(st.integers(120, 160)) / 10
    sizes = {"body": body, "leading": round(body * draw(st.floats(1.2, 1.5)), 2),
             "small": draw(st.integers(100, 120)) / 10, "title": draw(st.integers(18, 30)),
             "h1": draw(st.integers(13, 20)), "h2": draw(st.integers(12, 16)), "h3": body}
    return theme_yaml(sizes, {}, {"body": "Atkinson Hyperlegible", "heading": "Atkinson Hyperlegible"})


@st.composite
def practices(draw: st.DrawFn, symbols: tuple[str, ...]) -> tuple[str, list[str]] | None:
    """None, or a practice file and the words of its name and therapist."""
    if draw(st.booleans()):
        return None
    name = draw(text(symbols, 1, 3))
    therapist = draw(text(symbols, 1, 2))
    yaml = (f'id: praktijk\nname: "{" ".join(name)}"\naddress: Dorpsstraat 1\npostcode: 9999 AA\n'
            f'city: Linderveen\ntherapists:\n  - "{" ".join(therapist)}"\n')
    return yaml, name + therapist


def build_leaflet(markdown: str, theme: str, practice: str | None) -> dict[str, bytes]:
    """Every file of the leaflet, built in this process as `handouts build` builds it."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "content/leaflets").mkdir(parents=True)
        (root / "templates/themes").mkdir(parents=True)
        (root / "templates/themes/oracle.yaml").write_text(theme, encoding="utf-8")
        (root / "content/leaflets/fig.svg").write_text(SVG, encoding="utf-8")
        source = root / "content/leaflets/oracle.md"
        source.write_text(markdown, encoding="utf-8")
        options = Options()
        if practice is not None:
            (root / "practice.yaml").write_text(practice, encoding="utf-8")
            options = Options(practice=root / "practice.yaml")
        products, _ = make_document(source, load_project(root), options)
    return {p.target.name.replace("-praktijk", ""): p.data for p in products}


def check(doc: MarkdownDoc, fold: str, theme: str, practice: tuple[str, list[str]] | None) -> None:
    markdown = f"---\ntitle: Oracle\nfold: {fold}\ntheme: oracle\n---\n\n" + doc.markdown()
    note(markdown)
    note(theme)
    expected = Expected(dict(doc.expected.regions))
    if practice is not None:
        note(practice[0])
        expected.add("practice", practice[1])
    try:
        files = build_leaflet(markdown, theme, practice and practice[0])
    except HandoutsError as exc:
        # Too much text for the panels: a clean error at a line of the leaflet, never a
        # PDF with words missing.
        where = [d.ref for d in exc.diagnostics]
        assert all(r.path.endswith("oracle.md") and r.line > 0 for r in where), str(exc)
        assert "left over" in str(exc) or re.search("taller than a (panel|page)", str(exc)), str(exc)
        return
    reading, others = FILES[fold]
    assert sorted(files) == sorted((reading, *others))
    assert_every_word(files[reading], expected, f"{fold} leaflet, {reading}")
    for name in others:  # panels or pages in folding order
        assert_every_word(files[name], expected, f"{fold} leaflet, {name}", in_order=False)


LEAFLET = Coverage(max_blocks=8, long_paragraphs=False)


@given(doc=markdown_body(LEAFLET), fold=st.sampled_from(tuple(FILES)), theme=leaflet_themes(),
       practice=practices(SAFE_SYMBOLS))
@oracle_settings(50)
def test_a_leaflet_prints_every_word_in_every_file(doc, fold, theme, practice):
    check(doc, fold, theme, practice)


@given(doc=markdown_body(Coverage(symbols=SYMBOLS, max_blocks=4, long_paragraphs=False)),
       fold=st.sampled_from(tuple(FILES)), theme=leaflet_themes(), practice=practices(SYMBOLS))
@oracle_settings(10, shrink=False)
def test_a_leaflet_prints_every_symbol_and_the_letters_ij(doc, fold, theme, practice):
    """The leaflet font lacks ≤ ≥ ≠ ≈ → ← ✓ ✗ √ ∞ and Ĳ ĳ: a fallback must print them."""
    check(doc, fold, theme, practice)
