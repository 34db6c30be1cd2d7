"""What every kind of document shares from the core: one paragraph (its line breaking),
one `Laid`, and one "page X of Y" (its mechanism and its words, once per language)."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from handouts import language
from handouts.layout.page_numbers import NumberingCanvas, PageLabel
from handouts.layout.theme import load_theme, paragraph_styles

from conftest import page_texts, write_figure_exam
from pdfcheck import squash


def test_every_kind_prints_page_x_of_y_in_the_one_wording_of_its_language(project, monkeypatch):
    # The words live in language.py alone: changed there, handouts and exams both follow.
    monkeypatch.setitem(language.LABELS["nl"], "page_of", "blad {page} van de {pages}")
    project.write("content/handouts/doc.md", "---\ntitle: Blad\n---\n\nEen korte tekst.\n")
    write_figure_exam(project.root, "De atlas draagt het hoofd.", 1, "f1, f2")
    result = project.run("build")
    assert result.exit_code == 0, result.output
    handout = page_texts(project.pdf("build/handouts/doc.pdf"))
    assert "blad 1 van de 1" in squash(handout[0])
    for name in ("versie-A.pdf", "alle-versies.pdf", "sleutel-A.pdf"):
        texts = page_texts(project.pdf(f"build/exams/toets/{name}"))
        assert "versie A · blad 1 van de" in squash(texts[0]), (name, texts[0])
    overview = page_texts(project.pdf("build/exams/toets/docentoverzicht.pdf"))
    assert "blad 1 van de 1" in squash(overview[0])


def test_each_part_of_a_file_counts_its_own_pages():
    # The exam's print file: every version is a part, numbered 1 to its own total.
    theme = load_theme("default", None)
    style = paragraph_styles(theme, "nl")["body"]
    label = PageLabel("versie {code} · {page} / {pages}", style, theme.fonts, 500, 30)
    buffer = io.BytesIO()
    canvas = NumberingCanvas(buffer, invariant=1)
    for part, page, code in [(0, 1, "A"), (0, 2, "A"), (0, 3, "A"), (1, 1, "B"), (1, 2, "B")]:
        canvas.setFont(style.fontName, 10)
        canvas.drawString(50, 700, f"tekst {code}{page}")
        canvas.number_page(label, page, part, code)
        canvas.showPage()
    canvas.save()
    texts = [squash(page.extract_text()) for page in PdfReader(buffer).pages]
    wanted = ["versie A · 1 / 3", "versie A · 2 / 3", "versie A · 3 / 3", "versie B · 1 / 2", "versie B · 2 / 2"]
    assert [w in t for w, t in zip(wanted, texts, strict=True)] == [True] * 5, texts


def test_one_paragraph_and_one_laid_for_every_kind():
    # The exam's paragraph is the core one with only its drawing added: a second line
    # breaker or size cache would break lines differently from the rest of the house.
    from handouts.exam.layout.flowables import Para as ExamPara
    from handouts.layout.laid import Laid
    from handouts.layout.paragraph import Para
    from handouts.leaflet.layout import pages as leaflet_pages

    assert issubclass(ExamPara, Para)
    assert not {"wrap", "breakLines", "split"} & set(vars(ExamPara))
    assert leaflet_pages.Laid is Laid


def test_a_long_web_address_in_an_exam_question_stays_on_the_page(project):
    # The core paragraph breaks a run reportlab leaves whole after its first slash or
    # hyphen; the exam's own paragraph did not, and the address ran off the paper.
    word = "".join("bcdefghijklmnopqrstuvwxyz"[(i * 7) % 25] for i in range(600))
    address = "https://example.org/" + word
    project.write("content/exams/bank.yaml",
                  "questions:\n  - id: q1\n    type: truefalse\n    tags: [t]\n    difficulty: 1\n"
                  f"    stem: Zie {address} en verder.\n    answer: juist\n")
    project.write("content/exams/toets.yaml",
                  "title: T\nbanks: [bank.yaml]\nversions: 1\nsections:\n"
                  "  - title: S\n    blueprint:\n      - ids: [q1]\n")
    result = project.run("build")
    assert result.exit_code == 0, result.output
    lines = page_texts(project.pdf("build/exams/toets/versie-A.pdf"))[0].splitlines()
    assert max(len(line) for line in lines) < 120, max(lines, key=len)
    assert address in "".join("".join(lines).split())


def test_an_answer_sheet_of_several_pages_says_page_x_of_y_on_each():
    from handouts.exam.labels import exam_labels
    from handouts.exam.sheet import SheetContent, SheetRow, sheet_pdf

    rows = tuple(SheetRow(n, True, ("A", "B", "C", "D")) for n in range(1, 121))
    data, count = sheet_pdf(SheetContent("proef", "Proef", "A", rows), load_theme("default", None),
                            exam_labels("nl"), "nl")
    texts = [squash(page.extract_text()) for page in PdfReader(io.BytesIO(data)).pages]
    assert count == len(texts) > 1
    assert [f"pagina {n} van {count}" in text for n, text in enumerate(texts, 1)] == [True] * count, texts


def test_a_number_that_cannot_be_filled_in_stops_the_build(monkeypatch):
    # Should reportlab keep a page's operators other than as text, the marks would stay
    # unfilled and the pages without their numbers: that must not pass unseen.
    from reportlab.pdfbase import pdfdoc

    monkeypatch.setattr(pdfdoc.PDFPage, "setStream", lambda page, code: setattr(page, "stream", list(code)))
    theme = load_theme("default", None)
    label = PageLabel("{page} / {pages}", paragraph_styles(theme, "nl")["body"], theme.fonts, 500, 30)
    canvas = NumberingCanvas(io.BytesIO(), invariant=1)
    canvas.number_page(label, 1)
    canvas.showPage()
    with pytest.raises(RuntimeError, match="1 of 1 late numbers"):
        canvas.fill_marks()
