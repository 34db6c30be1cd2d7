"""A correct option that stands out by its form gives the answer away: `check` warns at
that option's line (the only one in lower case, the only capital, far the longest)."""

from __future__ import annotations

from pathlib import Path

from handouts.exam import load_exam, sample
from handouts.exam.giveaways import exam_warnings

REPO = Path(__file__).resolve().parent.parent

BANK = """\
questions:
  - id: klein
    type: single
    tags: [rug]
    difficulty: 1
    stem: Wat doen afferente zenuwen?
    options:
      - Ze sturen alleen de spieren aan
      - text: prikkels naar de hersenen brengen
        correct: true
      - Ze maken hormonen aan
  - id: hoofdletter
    type: single
    tags: [rug]
    difficulty: 1
    stem: Welke spier is het grootst?
    options:
      - text: M. latissimus dorsi
        correct: true
      - m. trapezius
      - m. multifidus
  - id: lang
    type: single
    tags: [rug]
    difficulty: 1
    stem: Wat is een hernia?
    options:
      - text: Een uitgestulpte tussenwervelschijf die op een zenuw drukt en pijn geeft
        correct: true
      - Een breuk
      - Een ontsteking
      - Een kneuzing
  - id: per-set
    type: single
    tags: [rug]
    difficulty: 1
    params:
      - {soort: afferente, goed: "aanvoerend"}
      - {soort: efferente, goed: "Afvoerend"}
    stem: Wat betekent {{ soort }}?
    options:
      - text: "{{ goed }}"
        correct: true
      - Versterkend
      - Verdovend
  - id: gewoon
    type: single
    tags: [rug]
    difficulty: 1
    stem: Hoeveel wervels telt de halswervelkolom?
    options:
      - text: "7"
        correct: true
      - "12"
      - "5"
  - id: twee
    type: single
    tags: [rug]
    difficulty: 1
    stem: Welke wervel draagt het hoofd?
    options:
      - text: de atlas
        correct: true
      - De draaier
  - id: alle-klein
    type: single
    tags: [rug]
    difficulty: 1
    stem: Welke spier ligt het diepst?
    options:
      - text: mm. transversospinales
        correct: true
      - m. trapezius
      - m. latissimus dorsi
"""
TOETS = """\
title: Toets
banks: [bank.yaml]
versions: 2
sections:
  - title: Deel 1
    blueprint:
      - ids: [klein, hoofdletter, lang, per-set, gewoon, twee, alle-klein]
"""


def _line(text: str, starts: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if line.strip().startswith(starts))


def _warnings(tmp_path: Path) -> list[str]:
    (tmp_path / "bank.yaml").write_text(BANK, encoding="utf-8")
    (tmp_path / "toets.yaml").write_text(TOETS, encoding="utf-8")
    spec, bank = load_exam(tmp_path / "toets.yaml", tmp_path)
    return [str(d) for d in exam_warnings(bank, sample(spec, bank))]


def test_a_correct_option_that_stands_out_is_warned_at_its_line(tmp_path):
    found = _warnings(tmp_path)
    assert len(found) == 4, found
    lower, capital, long, per_set = found
    assert lower.startswith(f"bank.yaml:{_line(BANK, '- text: prikkels')}: warning: "
                            'question "klein": the correct option is the only one that starts '
                            "with a lower-case letter")
    assert capital.startswith(f"bank.yaml:{_line(BANK, '- text: M. latissimus')}: warning: "
                              'question "hoofdletter": the correct option is the only one that '
                              "starts with a capital")
    assert long.startswith(f"bank.yaml:{_line(BANK, '- text: Een uitgestulpte')}: warning: "
                           'question "lang": the correct option is more than 1.5 times as long')
    # only the set that writes its answer in lower case gives it away
    goed = _line(BANK, '- text: "{{ goed }}"')
    assert per_set.startswith(f"bank.yaml:{goed}: warning: "
                              'question "per-set" (with parameters soort=afferente, '
                              "goed=aanvoerend): the correct option is the only one that "
                              "starts with a lower-case letter")


def test_check_prints_it_and_the_sample_bank_gives_nothing_away(project):
    project.write("content/exams/bank.yaml", BANK)
    project.write("content/exams/toets.yaml", TOETS)
    result = project.run("check", "--exam")
    assert result.exit_code == 0, result.output
    assert result.output.count("gives the answer away") == 4
    spec, bank = load_exam(REPO / "content/exams/rug-toets.yaml", REPO)
    assert [str(d) for d in exam_warnings(bank, sample(spec, bank))] == []
