"""Markdown constructs seen in the PDF: heading ids and references to them,
strike-through, superscript and subscript, nested numbered lists."""

from __future__ import annotations

from pypdf import PdfReader

from conftest import Project, outline_titles, page_texts


def build_one(project: Project, text: str) -> PdfReader:
    project.write("content/doc.md", text)
    result = project.run("build")
    assert result.exit_code == 0, result.output + result.stderr
    return project.pdf("build/doc.pdf")


REFERENCES = """---
title: Rug
chapter: 3
---

# Inleiding

Zie [](#sec-rug) voor de rug.

---

# De rug {#sec-rug}

Tekst over de rug.
"""


def test_a_reference_prints_the_number_and_page_of_its_heading(project):
    pages = page_texts(build_one(project, REFERENCES))
    assert "paragraaf 3.2 (pagina 2)" in " ".join(pages[0].split())
    assert "De rug" in pages[1]
    assert not any("{#" in text or "sec-rug" in text for text in pages)
    assert "3.2  De rug" in outline_titles(project.pdf("build/doc.pdf"))


def test_a_reference_in_english_says_section_and_page(project):
    pages = page_texts(build_one(project, REFERENCES.replace("chapter: 3", "chapter: 3\nlanguage: en")))
    assert "section 3.2 (page 2)" in " ".join(pages[0].split())


def test_a_reference_to_no_heading_is_an_error_at_its_line(project):
    project.write("content/doc.md", REFERENCES.replace("](#sec-rug)", "](#sec-rig)"))
    result = project.run("build")
    assert result.exit_code != 0
    assert "doc.md:8" in result.output and "sec-rug" in result.output


def _sizes(reader: PdfReader, page: int = 0) -> dict[str, float]:
    """Each piece of text on the page → the size it is drawn at."""
    found: dict[str, float] = {}

    def visit(text, cm, tm, font, size):
        if text.strip():
            found[text.strip()] = size * tm[0] if tm[0] else size

    reader.pages[page].extract_text(visitor_text=visit)
    return found


def test_subscript_and_superscript_are_smaller_and_strike_through_prints_its_words(project):
    pdf = build_one(project, "---\ntitle: S\n---\n\nWater is H~2~O en de vloer is 4 m^2^ en ~~oud~~ nieuw.\n")
    text = " ".join(page_texts(pdf)[0].split())
    assert "H2O" in text.replace(" ", "") and "~" not in text and "^" not in text
    assert "oud nieuw" in text
    sizes = _sizes(pdf)
    body = max(size for piece, size in sizes.items() if "Water" in piece)
    assert sizes["2"] < body * 0.9
