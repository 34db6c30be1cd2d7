"""The numeric question type: loading (with its errors at their lines), the paper
(a box with the unit after it), the key (the accepted range) and key.csv."""

from __future__ import annotations

import csv
import io
import re
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from handouts.errors import HandoutsError
from handouts.exam import load_bank
from handouts.exam.numbers import NumericAnswer, parse_number, parse_tolerance

SPEC = """\
title: Toets getallen
language: {language}
banks: [bank.yaml]
versions: 2
seed: 3
sections:
  - title: Rekenen
    shuffle: false
    blueprint:
      - ids: [{ids}]
"""

BANK = """\
questions:
  - id: lengte
    type: numeric
    tags: [rug]
    difficulty: 1
    stem: Hoe lang is de wervelkolom van een volwassene ongeveer?
    answer: 7,5
    tolerance: 8%
    unit: dm
  - id: aantal
    type: getal
    tags: [rug]
    difficulty: 1
    points: 2
    params:
      - {regio: hals, aantal: 7}
      - {regio: borst, aantal: 12}
    stem: Hoeveel {{ regio }}wervels heeft een mens?
    antwoord: "{{ aantal }}"
    marge: 0.5
  - id: precies
    type: numeric
    tags: [rug]
    difficulty: 1
    stem: Hoeveel lendenwervels?
    answer: 5
"""


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def write(root: Path, name: str, text: str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def bank_errors(tmp_path: Path, text: str) -> list[str]:
    path = write(tmp_path, "bank.yaml", text)
    with pytest.raises(HandoutsError) as caught:
        load_bank([path], tmp_path)
    return [str(d) for d in caught.value.diagnostics]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The three numeric questions built as a Dutch exam; the PDFs' text and key.csv."""
    project = tmp_path_factory.mktemp("numeric")
    exams = project / "content/exams"
    write(exams, "bank.yaml", BANK)
    write(exams, "toets.yaml", SPEC.format(language="nl", ids="lengte, aantal, precies"))
    result = _build(project)
    assert result.exit_code == 0, result.output
    out = project / "build/exams/toets"
    return {
        "paper": flat(" ".join(p.extract_text() for p in PdfReader(out / "versie-A.pdf").pages)),
        "key": flat(" ".join(p.extract_text() for p in PdfReader(out / "sleutel-A.pdf").pages)),
        "csv": list(csv.DictReader(io.StringIO((out / "key.csv").read_text(encoding="utf-8")))),
        "out": out,
    }


def _build(project: Path):
    import os

    from click.testing import CliRunner

    from handouts.cli import main

    old = os.getcwd()
    os.chdir(project)
    try:
        return CliRunner().invoke(main, ["build", "--exam"], catch_exceptions=False)
    finally:
        os.chdir(old)


def test_numbers_in_dutch_and_english_style():
    assert parse_number("7,5") == parse_number("7.5") == parse_number(7.5) == Decimal("7.5")
    assert parse_number("-3") == Decimal(-3) and parse_number("\u22123") == Decimal(-3)
    assert [parse_number(t) for t in ("1.000,5", "7 cm", "", "zeven", True)] == [None] * 5
    assert parse_tolerance("5%") == (Decimal(5), True)
    assert parse_tolerance("0,5") == (Decimal("0.5"), False)
    assert parse_tolerance("-1") is None


def test_key_forms():
    assert NumericAnswer(Decimal(7)).grading() == "7"
    assert NumericAnswer(Decimal(7), Decimal("0.5")).grading() == "7±0.5"
    assert NumericAnswer(Decimal(12), Decimal(5), True).grading() == "12±5%"
    assert NumericAnswer(Decimal("7.5"), Decimal(8), True).shown(",") == "7,5 (6,9 – 8,1)"
    assert NumericAnswer(Decimal("7.50"), Decimal("0.5"), unit="cm").shown(".") == "7.5 (7 – 8) cm"


def test_paper_shows_a_box_with_the_unit_after_it(built):
    paper = built["paper"]
    assert "1. Hoe lang is de wervelkolom van een volwassene ongeveer? (1 punt)" in paper
    assert "Schrijf het getal in het vak. dm" in paper  # the unit is printed after the box
    # No answer reaches the student.
    assert "7,5" not in paper and "6,9" not in paper and "±" not in paper
    # The box is drawn: a rectangle 40 mm wide, 9 mm high on the first page.
    page = PdfReader(built["out"] / "versie-A.pdf").pages[0]
    operators = page.get_contents().get_data().decode("latin-1")
    assert re.search(r"\s113\.3858\d* 25\.5118\d* re\b", operators), "no 40 x 9 mm answer box"


def test_key_shows_the_accepted_range_with_dutch_decimals(built):
    key = built["key"]
    assert "Antwoord: 7,5 (6,9 – 8,1) dm" in key
    assert "Parameters: regio=borst, aantal=12 Antwoord: 12 (11,5 – 12,5)" in key  # version A's set
    assert "Antwoord: 5 " in key


def test_key_csv_forms(built):
    answers = {(r["version"], r["question_id"]): r["answer"] for r in built["csv"]}
    assert answers[("A", "lengte")] == "7.5±8%"
    assert answers[("A", "precies")] == "5"
    assert {answers[("A", "aantal")], answers[("B", "aantal")]} == {"7±0.5", "12±0.5"}
    assert {r["type"] for r in built["csv"]} == {"numeric"}


def test_english_exam_uses_a_decimal_point(tmp_path):
    exams = tmp_path / "content/exams"
    write(exams, "bank.yaml", BANK)
    write(exams, "toets.yaml", SPEC.format(language="en", ids="lengte"))
    assert _build(tmp_path).exit_code == 0
    key = flat(PdfReader(tmp_path / "build/exams/toets/key-A.pdf").pages[0].extract_text())
    assert "Answer: 7.5 (6.9 – 8.1) dm" in key


def test_an_answer_that_is_not_a_number(tmp_path):
    text = BANK.replace("answer: 7,5", "answer: 7,5 dm")
    assert bank_errors(tmp_path, text) == [
        "bank.yaml:7: error: the answer of a numeric question must be a number, e.g. 7 or "
        "7,5 (not '7,5 dm'); write it without a unit or thousands separator, and put the "
        "unit under unit:"]


def test_a_wrong_tolerance(tmp_path):
    text = BANK.replace("tolerance: 8%", "tolerance: ongeveer")
    assert bank_errors(tmp_path, text) == [
        "bank.yaml:8: error: the tolerance must be a number of 0 or more, e.g. 0.5, or a "
        "percentage, e.g. 5% (not 'ongeveer')"]


def test_a_computed_answer_must_be_a_number(tmp_path):
    text = BANK.replace("{regio: borst, aantal: 12}", "{regio: borst, aantal: twaalf}")
    (message,) = bank_errors(tmp_path, text)
    assert message.startswith("bank.yaml:19: error: the answer of a numeric question must "
                              "be a number, e.g. 7 or 7,5 (not 'twaalf')")
    assert message.endswith("(with parameters regio=borst, aantal=twaalf)")


def test_a_numeric_question_needs_its_answer(tmp_path):
    text = BANK.replace("    answer: 5\n", "")
    assert bank_errors(tmp_path, text)[0].startswith(
        'bank.yaml:21: error: a numeric question needs "answer:"')


def test_unit_does_not_belong_to_other_types(tmp_path):
    text = BANK + "  - id: tf\n    type: truefalse\n    tags: [rug]\n    difficulty: 1\n" \
        "    stem: Juist?\n    answer: ja\n    unit: cm\n"
    assert bank_errors(tmp_path, text) == [
        'bank.yaml:33: error: "unit" does not belong in a truefalse question (it is for '
        "numeric); remove it or change the type"]
