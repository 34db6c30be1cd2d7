"""Rosters with named columns, and the students in key.csv."""

from __future__ import annotations

import csv
import io
import re
import textwrap
from pathlib import Path

import pytest
from pypdf import PdfReader

from handouts.errors import HandoutsError
from handouts.exam import load_roster

BANK = """\
questions:
  - id: q1
    type: truefalse
    tags: [rug]
    difficulty: 1
    stem: "Stelling: de rug heeft wervels."
    answer: juist
"""

SPEC = """\
title: Toets
banks: [bank.yaml]
versions: 2
sections:
  - title: Alles
    blueprint:
      - ids: [q1]
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def build(root: Path, *args: str, spec: str = SPEC):
    import os

    from click.testing import CliRunner

    from handouts.cli import main

    write(root / "content/exams/bank.yaml", BANK)
    write(root / "content/exams/toets.yaml", spec)
    old = os.getcwd()
    os.chdir(root)
    try:
        result = CliRunner().invoke(main, ["build", "--exam", *args], catch_exceptions=False)
    finally:
        os.chdir(old)
    assert result.exit_code == 0, result.output
    return root / "build/exams/toets"


def key_csv(out: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO((out / "key.csv").read_text(encoding="utf-8"))))


@pytest.mark.parametrize("header, row", [
    ("studentnummer;voornaam;tussenvoegsel;achternaam", "4021337;Jan;de;Vries"),
    ("achternaam;tussenvoegsel;voornaam;studentnummer", "Vries;de;Jan;4021337"),
    ("Voornaam,Achternaam,Tussenvoegsel,Studentnummer,E-mail", "Jan,Vries,de,4021337,jan@example.org"),
])
def test_columns_in_any_order_give_the_full_name(tmp_path, header, row):
    path = write(tmp_path / "klas.csv", f"{header}\n{row}\n")
    (student,) = load_roster(path, "klas.csv")
    assert (student.number, student.name) == ("4021337", "Jan de Vries")


def test_full_name_on_the_paper_and_in_key_csv(tmp_path):
    write(tmp_path / "klas.csv", "achternaam;voornaam;tussenvoegsel;studentnummer\n"
          "Vries;Jan;de;4021337\nBakker;Lotte;;4021342\n")
    out = build(tmp_path, "--roster", "klas.csv")
    first = re.sub(r"\s+", " ", PdfReader(out / "versie-A-4021337.pdf").pages[0].extract_text())
    assert "Jan de Vries" in first and "4021337" in first
    second = re.sub(r"\s+", " ", PdfReader(out / "versie-B-4021342.pdf").pages[0].extract_text())
    assert "Lotte Bakker" in second
    rows = key_csv(out)
    assert [(r["version"], r["student_number"], r["student_name"]) for r in rows] == [
        ("A", "4021337", "Jan de Vries"), ("B", "4021342", "Lotte Bakker")]


def test_a_class_column_fills_in_the_klas_line(tmp_path):
    write(tmp_path / "klas.csv", "studentnummer;naam;klas\n4021337;Jan de Vries;4B\n")
    out = build(tmp_path, "--roster", "klas.csv", spec=SPEC + "class_field: true\n")
    first = re.sub(r"\s+", " ", PdfReader(out / "versie-A-4021337.pdf").pages[0].extract_text())
    assert "Klas 4B" in first


def test_without_a_roster_the_student_columns_are_empty(tmp_path):
    rows = key_csv(build(tmp_path))
    assert len(rows) == 2
    assert all(r["student_number"] == "" and r["student_name"] == "" for r in rows)


def test_plain_two_columns_still_work(tmp_path):
    path = write(tmp_path / "klas.csv", "1001,Sanne de Vries\n1002,Daan Jansen\n")
    assert [s.name for s in load_roster(path, "klas.csv")] == ["Sanne de Vries", "Daan Jansen"]


def test_header_without_a_number_column(tmp_path):
    path = write(tmp_path / "klas.csv", "voornaam;achternaam\nJan;Vries\n")
    with pytest.raises(HandoutsError) as caught:
        load_roster(path, "klas.csv")
    assert str(caught.value) == (
        "klas.csv:1: error: the header row needs a column for the student number "
        "(studentnummer) and one for the name (naam, or voornaam and achternaam); it has: "
        "voornaam, achternaam")


def test_a_row_without_a_name(tmp_path):
    path = write(tmp_path / "klas.csv", "studentnummer;voornaam;achternaam\n1001;;\n")
    with pytest.raises(HandoutsError, match="^klas.csv:2: error: this line has no student "
                       "number or no name; fill in both$"):
        load_roster(path, "klas.csv")
