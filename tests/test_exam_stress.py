"""`handouts check --exam --stress N`, and the warnings for questions that give their
answer away or ask what another question asks."""

from __future__ import annotations

import os
import random
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from handouts.cli import main
from handouts.errors import SourceRef
from handouts.exam import load_exam, sample
from handouts.exam.giveaways import exam_warnings
from handouts.exam.model import Bank, Blueprint, BlueprintRow, Body, ExamSpec, Question, Section
from handouts.exam.stress import _predictable, predictions, report_lines, stress

REPO = Path(__file__).resolve().parent.parent
SPEC = REPO / "content/exams/rug-toets.yaml"


def _run(args: list[str], cwd: Path = REPO):
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, args, catch_exceptions=False)
    finally:
        os.chdir(old)


@pytest.fixture(scope="module")
def rug():
    return load_exam(SPEC, REPO)


def test_stress_of_the_sample_exam_finds_nothing_predictable(rug):
    spec, bank = rug
    report, versions = stress(spec, bank, 300)
    assert len(versions) == 300 and report.versions == 300
    assert report.predictable == () and predictions(report) == ()
    assert report.distinct_keys == 300 and report.same_papers == ()
    assert abs(report.agreement - report.agreement_chance) < 0.05
    assert abs(report.next_letter - report.next_letter_chance) < 0.05
    figures = {q.question_id: q for q in report.questions}
    assert all(q.exposure == 1.0 for q in figures.values())  # same_questions: true
    regio = figures["wk-regio-aantal"]
    assert {letter for letter, _ in regio.answers} == set("ABCD")
    assert sum(n for _, n in regio.parameter_sets) == 300 and len(regio.parameter_sets) == 3


def test_exposure_with_questions_drawn_per_version(rug):
    spec, bank = rug
    report, _ = stress(replace(spec, same_questions=False), bank, 200)
    exposures = [q.exposure for q in report.questions]
    assert min(exposures) < 1.0 and max(exposures) == 1.0  # the case group is named
    assert report.predictable == ()


def test_versions_that_are_the_same_paper_are_named():
    question = Question("q", "truefalse", ("rug",), 1, 1, (Body("Stelling.", answer=True),),
                        SourceRef("bank.yaml", 3))
    section = Section("Deel", Blueprint((BlueprintRow(SourceRef("t.yaml", 5), ids=("q",)),)),
                      SourceRef("t.yaml", 4))
    spec = ExamSpec("t", "T", (section,), SourceRef("t.yaml", 1))
    report, _ = stress(spec, Bank((question,)), 3)
    assert report.same_papers == (("A", "B"), ("A", "C"))
    assert "versions that are the same paper: A = B, A = C" in report_lines(report, "t.yaml")


def _letters(rule, versions: int = 1000, k: int = 4) -> list[tuple[int, str]]:
    return [(v, "ABCD"[rule(v) % k]) for v in range(versions)]


@pytest.mark.parametrize("rule, says", [
    (lambda v: 2 + v, "modulo 2"),  # the old rule: free[(offset + version) % k]
    (lambda v: 0, "in every version"),
    (lambda v: 2 * v + (v // 2) % 2, "modulo 2"),  # parity tells half of it
])
def test_an_answer_that_follows_the_version_is_predictable(rule, says):
    assert says in _predictable(_letters(rule), 4, 4, "single")


def test_an_answer_that_follows_the_neighbour_is_predictable():
    """Each version's letter one on from the version before, from a random start: no
    remainder tells it, the neighbour does."""
    draw, letters, now = random.Random(3), [], 0
    for v in range(1000):
        now = now + 1 if draw.random() < 0.9 else draw.randrange(4)
        letters.append((v, "ABCD"[now % 4]))
    assert "follows the version before it" in _predictable(letters, 4, 4, "single")


def test_free_draws_are_not_called_predictable():
    """20 seeds x 1000 versions drawn at random, for k = 2..5: never flagged (the gain
    from a remainder is a few points; the threshold is 25)."""
    for seed in range(20):
        draw = random.Random(seed)
        for k in (2, 3, 4, 5):
            letters = [(v, "ABCDE"[draw.randrange(k)]) for v in range(1000)]
            assert _predictable(letters, k, k, "single") == ""


def test_too_few_versions_are_not_judged():
    assert _predictable(_letters(lambda v: 0, versions=99), 4, 4, "single") == ""


def test_check_stress_prints_the_figures_and_writes_nothing(tmp_path):
    project = tmp_path / "toets"
    (project / "content").mkdir(parents=True)
    os.symlink(REPO / "content/exams", project / "content/exams")
    result = _run(["check", "--exam", "--stress", "200", "content/exams/rug-toets.yaml"],
                  project)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "stress test of content/exams/rug-toets.yaml: 200 versions drawn with seed 20261214" in out
    assert "wk-regio-aantal" in out and "parameter sets:" in out
    assert "answer keys: 200 different in 200 versions" in out
    assert "questions whose answer is predictable from the version: none" in out
    assert not (project / "build").exists()


def test_check_stress_fails_at_the_question_line_when_an_answer_is_predictable(monkeypatch):
    """The sampler of old (letter = free[(offset + version) % k]) put back for one
    question: the stress test names it and exits 1."""
    import handouts.exam.stress as stress_module

    def by_rule(spec, bank, seed=None):
        versions = sample(spec, bank, seed)
        return [replace(v, key=replace(v.key, entries=tuple(
            replace(e, answer="ABCD"[n % 4]) if e.question_id == "hernia-wat" else e
            for e in v.key.entries))) for n, v in enumerate(versions)]

    monkeypatch.setattr(stress_module, "sample", by_rule)
    result = _run(["check", "--exam", "--stress", "400", "--seed", "5", str(SPEC)])
    assert result.exit_code == 1, result.output
    line = next(q.ref.line for q in load_exam(SPEC, REPO)[1].questions() if q.id == "hernia-wat")
    assert (f'content/exams/vragen/rug.yaml:{line}: error: question "hernia-wat": over 400 '
            "versions its answer follows the version number modulo 2") in result.output
    assert "with seed 5" in result.output


def test_check_stress_of_a_missing_spec_is_a_usage_error():
    result = _run(["check", "--exam", "--stress", "10", "geen-toets.yaml"])
    assert result.exit_code == 2 and "geen-toets.yaml" in result.output and "does not exist" in result.output


BANK = """\
questions:
  - id: volgorde-twee
    type: ordering
    tags: [rug]
    difficulty: 1
    stem: Zet in volgorde, van boven naar beneden.
    items: [hals, borst]
  - id: koppel-twee
    type: matching
    tags: [rug]
    difficulty: 1
    stem: Koppel de wervel aan zijn naam.
    pairs:
      - [C1, atlas]
      - [C2, draaier]
  - id: koppel-extra
    type: matching
    tags: [rug]
    difficulty: 1
    stem: Koppel de wervel aan zijn bijnaam.
    pairs:
      - [C1, atlas]
      - [C2, draaier]
    extra: [prominens]
  - id: regio-aantal
    type: single
    tags: [rug]
    difficulty: 1
    params:
      - {regio: hals, aantal: 7}
      - {regio: borst, aantal: 12}
    stem: Hoeveel {{ regio }}wervels heeft een mens?
    options:
      - text: "{{ aantal }}"
        correct: true
      - "{{ aantal + 1 }}"
      - "{{ aantal * 2 }}"
  - id: halswervels
    type: single
    tags: [rug]
    difficulty: 1
    stem: Hoeveel halswervels heeft een mens normaal?
    options:
      - text: "7"
        correct: true
      - "5"
      - "12"
  - id: ribben
    type: single
    tags: [rug]
    difficulty: 1
    stem: Hoeveel ribbenparen heeft een mens?
    options:
      - text: "12"
        correct: true
      - "10"
      - "14"
"""
TOETS = """\
title: Toets
banks: [bank.yaml]
versions: 6
sections:
  - title: Deel 1
    blueprint:
      - ids: [volgorde-twee, koppel-twee, koppel-extra, regio-aantal, halswervels, ribben]
"""


def _bank_line(text: str, qid: str) -> int:
    return text.splitlines().index(f"  - id: {qid}") + 1


def test_warnings_for_two_items_and_for_a_parameter_set_that_asks_another_question(tmp_path):
    (tmp_path / "bank.yaml").write_text(BANK, encoding="utf-8")
    (tmp_path / "toets.yaml").write_text(TOETS, encoding="utf-8")
    spec, bank = load_exam(tmp_path / "toets.yaml", tmp_path)
    found = [str(d) for d in exam_warnings(bank, sample(spec, bank))]
    assert len(found) == 3, found
    assert found[0].startswith(f"bank.yaml:{_bank_line(BANK, 'volgorde-twee')}: warning: "
                               'question "volgorde-twee": with only 2 items to put in order')
    assert found[1].startswith(f"bank.yaml:{_bank_line(BANK, 'koppel-twee')}: warning: "
                               'question "koppel-twee": with only 2 pairs and no extra answers')
    assert found[2].startswith(
        f"bank.yaml:{_bank_line(BANK, 'regio-aantal')}: warning: question \"regio-aantal\" "
        'with parameters regio=hals, aantal=7 asks the same as question "halswervels" '
        f"(bank.yaml:{_bank_line(BANK, 'halswervels')}), and version ")
    # "Hoeveel borstwervels" (12) and "Hoeveel ribbenparen" (12): other questions.


def test_the_build_prints_the_warnings_and_strict_stops_it(tmp_path):
    exams = tmp_path / "content/exams"
    exams.mkdir(parents=True)
    (exams / "bank.yaml").write_text(BANK, encoding="utf-8")
    (exams / "toets.yaml").write_text(TOETS, encoding="utf-8")
    result = _run(["check", "--exam"], tmp_path)
    assert result.exit_code == 0, result.output
    assert result.output.count(": warning: ") == 3
    assert _run(["check", "--exam", "--strict"], tmp_path).exit_code == 1
    stressed = _run(["check", "--exam", "--stress", "20"], tmp_path)
    assert stressed.exit_code == 0 and stressed.output.count(": warning: ") == 3
    assert "not judged with fewer than 100 versions" in stressed.output
