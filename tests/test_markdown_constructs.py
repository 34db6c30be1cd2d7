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


def _baselines(reader: PdfReader, page: int = 0) -> dict[str, float]:
    """Each piece of text on the page → the height of its baseline."""
    found: dict[str, float] = {}

    def visit(text, cm, tm, font, size):
        if text.strip():
            found.setdefault(text.strip(), cm[5] + tm[5] * cm[3])

    reader.pages[page].extract_text(visitor_text=visit)
    return found


def test_nested_numbered_lists_count_1_a_i(project):
    pdf = build_one(project, "---\ntitle: L\n---\n\n1. Een\n   1. Sub een\n   2. Sub twee\n      1. Diep\n2. Twee\n")
    words = page_texts(pdf)[0].split()
    assert words[words.index("Een") - 1] == "1."
    assert words[words.index("Sub") - 1] == "a."
    assert words[words.index("Diep") - 1] == "i."
    assert words[words.index("Twee") - 1] == "2."


def test_paragraphs_in_a_box_keep_the_space_between_paragraphs(project):
    box = "> [!TIP]\n> Eerste alinea in de box.\n>\n> Tweede alinea in de box.\n>\n> Derde.\n"
    loose = "Eerste alinea buiten.\n\nTweede alinea buiten.\n"
    lines = _baselines(build_one(project, f"---\ntitle: B\n---\n\n{loose}\n{box}"))
    outside = lines["Eerste alinea buiten."] - lines["Tweede alinea buiten."]
    inside = lines["Eerste alinea in de box."] - lines["Tweede alinea in de box."]
    assert inside >= outside - 0.5


def test_a_code_block_prints_in_a_monospace_face_with_its_indentation(project):
    pdf = build_one(project, "---\ntitle: C\n---\n\nVoor.\n\n```\ndef f(x):\n    return x < 2\n```\n\nNa.\n")
    lines: dict[str, str] = {}

    def visit(text, cm, tm, font, size):
        if text.strip() and font is not None:
            lines[text.rstrip("\n")] = str(font.get("/BaseFont"))

    pdf.pages[0].extract_text(visitor_text=visit)
    assert lines["def f(x):"].endswith("NotoMono")
    assert lines["    return x < 2"].endswith("NotoMono")
    assert lines["Voor."].endswith("NotoSerif-Regular")


def test_a_definition_list_prints_its_terms_in_bold_and_indents_their_definitions(project):
    pdf = build_one(project, "---\ntitle: D\n---\n\nVoor.\n\nFlexie\n: buigen van een gewricht.\n\nNa.\n")
    found: dict[str, tuple[str, float]] = {}

    def visit(text, cm, tm, font, size):
        if text.strip() and font is not None:
            found[text.strip()] = (str(font.get("/BaseFont")), cm[4] + tm[4])

    pdf.pages[0].extract_text(visitor_text=visit)
    assert found["Flexie"][0].endswith("-Bold")
    assert found["buigen van een gewricht."][1] > found["Voor."][1] + 10
    assert ":" not in page_texts(pdf)[0]


def test_a_handout_date_is_written_the_way_its_language_writes_it(project):
    assert "1 september 2026" in page_texts(build_one(project, "---\ntitle: D\ndate: 2026-09-01\n---\n\nTekst.\n"))[0]
    english = "---\ntitle: D\ndate: 2026-09-01\nlanguage: en\n---\n\nText.\n"
    assert "1 September 2026" in page_texts(build_one(project, english))[0]
