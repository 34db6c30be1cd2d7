"""Answer sheets: the files, the grid, the fields, the corner marks and a QR code that
reads back as the exam, version and student."""

from __future__ import annotations

import re

import pypdfium2
import pytest
import zxingcpp
from grading_fixture import write_exam
from pypdf import PdfReader

from handouts.exam.sampler import sample
from handouts.exam.sheet import qr_value, sheet_content
from handouts.exam.spec import load_exam

from conftest import Project, page_texts

OUT = "build/exams/proef"


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = Project(tmp_path_factory.mktemp("sheet") / "proj")
    write_exam(project.root, "antwoordblad: true")
    result = project.run("build", "--exam", "content/proef.yaml")
    assert result.exit_code == 0, result.output
    return project


def rendered(path, page=0, scale=3):
    return pypdfium2.PdfDocument(str(path))[page].render(scale=scale).to_pil()


def test_one_sheet_per_version_with_grid_and_fields(built):
    names = sorted(p.name for p in (built.root / OUT).glob("antwoordblad-*.pdf"))
    assert names == ["antwoordblad-A.pdf", "antwoordblad-B.pdf"]
    reader = PdfReader(built.root / OUT / "antwoordblad-A.pdf")
    assert len(reader.pages) == 1
    text = flat(page_texts(reader)[0])
    assert "Antwoordblad · Versie A" in text and "Naam" in text and "Studentnummer" in text
    # q-single: four letter boxes; q-open (3 points): points boxes 0 to 3 for the marker
    assert "1 A B C D" in text and "2 A B C D" in text and "3 A B" in text
    assert "8 0 1 2 3 punten (docent)" in text


def test_the_qr_code_reads_back_as_exam_version_and_student(built):
    for code in ("A", "B"):
        found = zxingcpp.read_barcodes(rendered(built.root / OUT / f"antwoordblad-{code}.pdf"))
        assert [b.text for b in found] == [f"handouts-sheet;exam=proef;version={code};student=;page=1"]


def test_corner_marks_are_solid_black(built):
    image = rendered(built.root / OUT / "antwoordblad-A.pdf", scale=1).convert("L")
    # the theme's frame: 22 mm from the left, 22 from the bottom, 14 right, 24 top; marks 5 mm
    mm = 72 / 25.4
    width, height = image.size
    for x, y in ((22 * mm + 7, height - 22 * mm - 7), (width - 14 * mm - 7, height - 22 * mm - 7),
                 (22 * mm + 7, 24 * mm + 7), (width - 14 * mm - 7, 24 * mm + 7)):
        assert image.getpixel((int(x), int(y))) < 40, (x, y)
    assert image.getpixel((int(width / 2), int(height / 2))) > 200  # and the middle is paper


def test_the_print_file_has_each_sheet_after_its_paper_and_the_paper_says_so(built):
    texts = [flat(t) for t in page_texts(PdfReader(built.root / OUT / "alle-versies.pdf"))]
    sheets = [i for i, t in enumerate(texts) if "Antwoordblad · Versie" in t]
    assert len(sheets) == 2
    assert "Versie A" in texts[sheets[0]] and "Versie B" in texts[sheets[1]]
    assert sheets[0] < next(i for i, t in enumerate(texts) if "versie B · pagina 1" in t) < sheets[1]
    version = flat(page_texts(PdfReader(built.root / OUT / "versie-A.pdf"))[0])
    assert "Geef je antwoorden op het antwoordblad." in version


def test_a_roster_gives_each_student_a_sheet_with_name_and_number(tmp_path):
    project = Project(tmp_path / "proj")
    write_exam(project.root, "answer_sheet: true\nroster: klas.csv", language="en")
    project.write("content/klas.csv", "studentnummer,naam\n1001,Sanne de Vries\n1002,Daan Jansen\n")
    assert project.run("build", "--exam", "content/proef.yaml").exit_code == 0
    sheet = project.root / OUT / "answer-sheet-B-1002.pdf"
    text = flat(page_texts(PdfReader(sheet))[0])
    assert "Answer sheet · Version B" in text and "Daan Jansen" in text and "1002" in text
    assert [b.text for b in zxingcpp.read_barcodes(rendered(sheet))] == [
        "handouts-sheet;exam=proef;version=B;student=1002;page=1"]


def test_the_qr_value_names_what_a_scanner_needs(tmp_path):
    spec, bank = load_exam(write_exam(tmp_path), tmp_path)
    content = sheet_content(spec.id, spec.title, sample(spec, bank)[1])
    assert qr_value(content, 2) == "handouts-sheet;exam=proef;version=B;student=;page=2"
    assert [r.choice for r in content.rows] == [True, True, True, False, False, False, False, False]


def test_every_font_on_the_sheet_is_embedded(built):
    from conftest import STANDARD_14, fonts_used

    for name in ("antwoordblad-A.pdf", "alle-versies.pdf"):
        fonts = fonts_used(PdfReader(built.root / OUT / name))
        assert fonts and all(fonts.values()) and not set(fonts) & STANDARD_14, (name, fonts)
