"""`handouts grade` end to end: responses in, results, item analysis and PDFs out."""

from __future__ import annotations

import csv
import io
import re
import shutil

import pytest
from grading_fixture import MAX, letter_of, papers_of, right_answers, write_exam, write_responses
from pypdf import PdfReader

from conftest import Project, page_texts

OUT = "build/exams/proef"


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """The small exam built, and four students graded: all right, nothing, half, one."""
    project = Project(tmp_path_factory.mktemp("grade") / "proj")
    spec = write_exam(project.root)
    assert project.run("build", "--exam", "content/proef.yaml").exit_code == 0
    a, b = papers_of(spec, project.root)
    half = right_answers(a)[:4] + [""] * 4
    one = [letter_of(b, "q-single", 2)] + [""] * 7
    write_responses(project.root / "content/antwoorden.csv", [
        ["1001", "Sanne de Vries", "A", *right_answers(a)],
        ["1002", "Daan Jansen", "B", *[""] * 8],
        ["1003", "Lotte Bakker", "A", *half],
        ["1004", "Priya Ramdin", "b", *one],
    ])
    result = project.run("grade", "content/proef.yaml", "--responses", "content/antwoorden.csv")
    assert result.exit_code == 0, result.output
    return project, a, b, result


def rows(path):
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_results_csv_holds_score_grade_and_points_per_question(graded):
    project, *_ = graded
    table = rows(project.root / OUT / "results.csv")
    assert table[0][:7] == ["student_number", "name", "version", "score", "max_score", "grade", "passed"]
    assert table[0][7:] == ["q-single", "q-multi", "q-tf", "q-match", "q-order", "q-blank", "q-num", "q-open"]
    assert table[1][:7] == ["1001", "Sanne de Vries", "A", str(MAX), str(MAX), "10.0", "ja"]
    assert table[1][7:] == ["1", "2", "1", "3", "3", "2", "1", "3"]
    assert table[2][:7] == ["1002", "Daan Jansen", "B", "0", str(MAX), "1.0", "nee"]
    # 1 + 2 + 1 + 3 = 7 of 16, cesuur 9: 1 + 4.5 × 7 / 9 = 4.5
    assert table[3][3:7] == ["7", str(MAX), "4.5", "nee"]


def test_items_csv_maps_letters_back_to_bank_options(graded):
    project, a, b, _ = graded
    table = {row[0]: row for row in rows(project.root / OUT / "items.csv")}
    assert table["question_id"][:7] == ["question_id", "n", "p_value", "rit", "rir", "option_1", "option_2"]
    single = table["q-single"]
    assert single[1] == "4"
    assert single[2] == "0.5"  # two of four right
    # bank option 1 (the right one) by two students, option 3 by one, whatever its letter
    assert single[5:9] == ["0.5", "0", "0.25", "0"]


def test_results_xlsx_holds_the_same_rows(graded):
    from openpyxl import load_workbook

    project, *_ = graded
    sheet = load_workbook(project.root / OUT / "results.xlsx").worksheets[0]
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert values[0][:3] == ["student_number", "name", "version"]
    assert values[1][:7] == ["1001", "Sanne de Vries", "A", MAX, MAX, 10.0, "ja"]
    assert values[3][3] == 7


def test_the_teachers_report_holds_the_figures_and_flags(graded):
    project, *_ = graded
    reader = PdfReader(project.root / OUT / "resultaten.pdf")
    text = flat(" ".join(page_texts(reader)))
    assert "Aantal studenten 4" in text
    assert "Gemiddelde score 5,75 / 16" in text  # (16 + 0 + 7 + 0) / 4
    assert "Geslaagd 25%" in text
    assert "KR-20 (Cronbachs alfa, goed/fout-vragen)" in text  # every score here is 0 or full
    assert "Standaardmeetfout" in text and "Cesuur 9" in text
    assert "q-single" in text and "afleider 4 door niemand gekozen" in text
    assert "content/bank.yaml:2" in text  # the flagged question's file and line


def test_one_result_slip_per_student(graded):
    project, *_ = graded
    reader = PdfReader(project.root / OUT / "uitslagen.pdf")
    assert len(reader.pages) == 4
    texts = [flat(t) for t in page_texts(reader)]
    assert "Sanne de Vries · 1001" in texts[0] and "Cijfer 10,0" in texts[0] and "Geslaagd" in texts[0]
    assert "Daan Jansen · 1002" in texts[1] and "Cijfer 1,0" in texts[1] and "geen antwoord" in texts[1]
    assert "De atlas draagt de schedel." in texts[0]  # the bank's feedback
    assert "Er lopen steeds minder zenuwen door." in texts[2]  # the model answer


def test_grading_again_gives_the_same_bytes(graded, tmp_path):
    project, *_ = graded
    first = {p.name: p.read_bytes() for p in (project.root / OUT).iterdir()}
    assert project.run("grade", "content/proef.yaml", "--responses", "content/antwoorden.csv",
                       "--out", str(tmp_path)).exit_code == 0
    for name in ("results.csv", "results.xlsx", "items.csv", "resultaten.pdf", "uitslagen.pdf"):
        assert (tmp_path / name).read_bytes() == first[name], name


def test_a_workbook_and_dutch_semicolon_csv_read_alike(graded, tmp_path):
    from openpyxl import Workbook

    project, *_ = graded
    source = rows(project.root / "content/antwoorden.csv")
    book = Workbook()
    for row in source:
        book.active.append([int(c) if c.isdigit() and len(c) < 3 else c for c in row])
    book.save(project.root / "content/antwoorden.xlsx")
    dutch = [["studentnummer", "naam", "versie", *source[0][3:]], *source[1:]]
    write_responses(project.root / "content/nl.csv", dutch[1:], ";", dutch[0])
    nl = project.root / "content/nl.csv"
    nl.write_bytes(b"\xef\xbb\xbf" + nl.read_bytes().replace(b"\n", b"\r\n"))  # as Excel saves it
    expected = (project.root / OUT / "results.csv").read_text(encoding="utf-8")
    for name in ("antwoorden.xlsx", "nl.csv"):
        out = tmp_path / name
        assert project.run("grade", "content/proef.yaml", "--responses", f"content/{name}",
                           "--out", str(out)).exit_code == 0
        assert (out / "results.csv").read_text(encoding="utf-8") == expected, name


def _error_case(project, a, case):
    right = right_answers(a)
    header = None
    body = [["1001", "Sanne", "A", *right], ["1002", "Daan", "B", *[""] * 8]]
    if case == "version":
        body[1][2] = "Q"
    elif case == "letter":
        body[1][3] = "F"
    elif case == "twice":
        body.append(["1001", "Sanne", "A", *right])
    elif case == "column":
        header = ["student_number", "name", "version", *map(str, range(1, 8))]
        body = [row[:-1] for row in body]
    return header, body


@pytest.mark.parametrize(("case", "where", "says"), [
    ("version", "content/fout.csv:3: error: student 1002, version:", 'unknown version "Q"'),
    ("letter", 'content/fout.csv:3: error: student 1002, column "1":', "has no option 'F'"),
    ("twice", "content/fout.csv:4: error:", "student 1001 appears twice (also at content/fout.csv:2)"),
    ("column", "content/fout.csv:1: error:", "no column for question 8"),
])
def test_bad_responses_name_row_and_column_and_write_nothing(graded, case, where, says):
    project, a, _, _ = graded
    before = {p.name: p.read_bytes() for p in (project.root / OUT).iterdir()}
    header, body = _error_case(project, a, case)
    write_responses(project.root / "content/fout.csv", body, header=header)
    result = project.run("grade", "content/proef.yaml", "--responses", "content/fout.csv")
    assert result.exit_code == 1
    assert where in result.stderr and says in result.stderr, result.stderr
    assert "Traceback" not in result.output
    assert {p.name: p.read_bytes() for p in (project.root / OUT).iterdir()} == before


def test_responses_for_another_draw_are_refused(graded, tmp_path):
    project, *_ = graded
    other = Project(tmp_path / "other")
    shutil.copytree(project.root / "content", other.root / "content", dirs_exist_ok=True)
    assert other.run("build", "--exam", "--seed", "99", "content/proef.yaml").exit_code == 0
    result = other.run("grade", "content/proef.yaml", "--responses", "content/antwoorden.csv")
    assert result.exit_code == 1
    assert f"{OUT}/key.csv:2: error: this key is not the draw of the spec" in result.stderr, result.stderr
    assert not (other.root / OUT / "results.csv").exists()
    # with the build's seed it grades
    again = other.run("grade", "content/proef.yaml", "--responses", "content/antwoorden.csv", "--seed", "99")
    assert again.exit_code == 0, again.stderr


def test_a_roster_student_who_is_not_on_it(tmp_path):
    project = Project(tmp_path / "proj")
    write_exam(project.root, "roster: klas.csv")
    project.write("content/klas.csv", "studentnummer,naam\n1001,Sanne de Vries\n1002,Daan Jansen\n")
    write_responses(project.root / "content/antwoorden.csv", [["1001", "", "", *[""] * 8],
                                                              ["1009", "", "", *[""] * 8]])
    result = project.run("grade", "content/proef.yaml", "--responses", "content/antwoorden.csv")
    assert result.exit_code == 1
    assert "content/antwoorden.csv:3: error: student 1009 is not on the exam's roster" in result.stderr


def test_the_readme_walkthrough_grades_the_sample_exam(tmp_path):
    from conftest import REPO

    project = Project(tmp_path / "proj")
    shutil.copytree(REPO / "content/exams", project.root / "content/exams")
    assert project.run("build", "--exam").exit_code == 0
    result = project.run("grade", "content/exams/rug-toets.yaml", "--responses",
                         "content/exams/rug-toets-antwoorden.csv")
    assert result.exit_code == 0, result.stderr
    assert "graded 16 students" in result.output
    folder = project.root / "build/exams/rug-toets"
    assert len(PdfReader(folder / "uitslagen.pdf").pages) == 16
    assert len(rows(folder / "results.csv")) == 17


def test_guessing_correction_lowers_the_grades_below_the_cesuur(tmp_path):
    project = Project(tmp_path / "proj")
    spec = write_exam(project.root, "grading:\n  guessing_correction: true")
    a, _ = papers_of(spec, project.root)
    one = [right_answers(a)[0]] + [""] * 7  # 1 point of 16
    write_responses(project.root / "content/r.csv", [["1", "", "A", *one]])
    assert project.run("grade", "content/proef.yaml", "--responses", "content/r.csv").exit_code == 0
    # guessing: 1/4 + 2/6 + 1/2 + 3/4 (per pair 1/4) + 3/3 = 2.8333 points; cesuur 9:
    # 1 + 4.5 × (1 − 2.8333) / (9 − 2.8333) is below 1, so 1.0 (without the correction 1.5)
    assert rows(project.root / OUT / "results.csv")[1][5] == "1.0"
    text = flat(" ".join(page_texts(PdfReader(project.root / OUT / "resultaten.pdf"))))
    assert "Raadkanscorrectie: 2,83 punten door gokken geven een 1,0" in text


def test_a_responses_file_with_no_students_is_an_error(tmp_path):
    project = Project(tmp_path / "proj")
    write_exam(project.root)
    write_responses(project.root / "content/r.csv", [])
    result = project.run("grade", "content/proef.yaml", "--responses", "content/r.csv")
    assert result.exit_code == 1
    assert "content/r.csv:1: error:" in result.stderr and "no students" in result.stderr


def test_every_font_in_the_grading_pdfs_is_embedded(graded):
    from conftest import STANDARD_14, fonts_used

    project, *_ = graded
    for name in ("resultaten.pdf", "uitslagen.pdf"):
        fonts = fonts_used(PdfReader(project.root / OUT / name))
        assert fonts and all(fonts.values()) and not set(fonts) & STANDARD_14, (name, fonts)
