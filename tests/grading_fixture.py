"""A small exam with one question of every type, for the grading tests, and helpers to
write responses that answer each printed paper right, wrong or not at all."""

from __future__ import annotations

import csv
from pathlib import Path

from handouts.exam.grading.draw import Paper, printed_papers
from handouts.exam.spec import load_exam

BANK = """\
questions:
  - id: q-single
    type: single
    tags: [t]
    difficulty: 1
    stem: Welke wervel draagt het hoofd?
    options:
      - {text: De atlas, correct: true}
      - De draaier
      - Het heiligbeen
      - Het staartbeen
    feedback: De atlas draagt de schedel.
  - id: q-multi
    type: multiple
    tags: [t]
    difficulty: 2
    points: 2
    stem: Welke zijn spieren van de rug?
    options:
      - {text: m. trapezius, correct: true}
      - {text: m. latissimus dorsi, correct: true}
      - m. biceps
      - m. quadriceps
  - id: q-tf
    type: truefalse
    tags: [t]
    difficulty: 1
    stem: Het heiligbeen bestaat uit vergroeide wervels.
    answer: juist
  - id: q-match
    type: matching
    tags: [t]
    difficulty: 2
    points: 3
    stem: Koppel de regio aan het aantal wervels.
    pairs:
      - [hals, zeven]
      - [borst, twaalf]
      - [lenden, vijf]
    extra: [negen]
  - id: q-order
    type: ordering
    tags: [t]
    difficulty: 2
    points: 3
    stem: Zet van boven naar beneden.
    items: [hals, borst, lenden]
  - id: q-blank
    type: blanks
    tags: [t]
    difficulty: 1
    points: 2
    stem: De halswervels heten ___ en de lendenwervels ___.
    blanks:
      - [cervicaal, cervicale wervels]
      - lumbaal
  - id: q-num
    type: numeric
    tags: [t]
    difficulty: 1
    stem: Hoeveel lendenwervels, gemiddeld, per halve rug?
    answer: 7,5
    tolerance: 0.5
  - id: q-open
    type: open
    tags: [t]
    difficulty: 3
    points: 3
    stem: Leg uit waarom het wervelkanaal naar beneden toe smaller wordt.
    model_answer: Er lopen steeds minder zenuwen door.
"""

SPEC = """\
title: Proeftoets
language: {language}
banks: [bank.yaml]
versions: 2
seed: 5
pass_mark: 9
{extra}
sections:
  - title: Alles
    shuffle: false
    blueprint:
      - ids: [q-single, q-multi, q-tf, q-match, q-order, q-blank, q-num, q-open]
"""
IDS = ("q-single", "q-multi", "q-tf", "q-match", "q-order", "q-blank", "q-num", "q-open")
MAX = 1 + 2 + 1 + 3 + 3 + 2 + 1 + 3  # 16


def write_exam(root: Path, extra: str = "", language: str = "nl") -> Path:
    (root / "content").mkdir(parents=True, exist_ok=True)
    (root / "content" / "bank.yaml").write_text(BANK, encoding="utf-8")
    spec = root / "content" / "proef.yaml"
    spec.write_text(SPEC.format(extra=extra, language=language), encoding="utf-8")
    return spec


def papers_of(spec: Path, root: Path) -> list[Paper]:
    exam, bank = load_exam(spec, root)
    return printed_papers(exam, bank)


def right_answers(paper: Paper) -> list[str]:
    """Every position's fully correct answer, as a teacher types it."""
    out = []
    for _, item in sorted(paper.items.items()):
        kind = item.question.type
        if kind == "blanks":
            out.append(";".join(b[0] for b in item.body.blanks))
        elif kind == "numeric":
            out.append("7,5")
        elif kind == "open":
            out.append(str(item.entry.points))
        else:
            out.append(item.entry.answer)
    return out


def letter_of(paper: Paper, qid: str, option: int) -> str:
    """The letter under which bank option `option` (0-based) is printed in `paper`."""
    item = next(i for i in paper.items.values() if i.entry.question_id == qid)
    return item.letters[item.options.index(option)]


def write_responses(path: Path, rows: list[list[str]], delimiter: str = ",",
                    header: list[str] | None = None) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f, delimiter=delimiter, lineterminator="\n")
        out.writerow(header or ["student_number", "name", "version", *map(str, range(1, 9))])
        out.writerows(rows)
    return path
