"""The oracle for exams: random question banks (every question type, case groups)
with random texts must print every stem and option in every student's paper, and
every answer in the answer key and in key.csv (see tests/oracle.py)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import given, note
from hypothesis import strategies as st

from handouts.exam.make import make_exam
from handouts.products import Options
from handouts.project import load_project

from oracle import SAFE_SYMBOLS, SYMBOLS, Expected, assert_every_word, oracle_settings, text, tokens

TYPES = ("single", "multiple", "truefalse", "matching", "blanks", "ordering", "open")


def q(value: list[str]) -> str:
    """The words as one YAML string (JSON is YAML)."""
    return json.dumps(" ".join(value), ensure_ascii=False)


@st.composite
def distinct_texts(draw: st.DrawFn, symbols: tuple[str, ...], least: int, most: int) -> list[list[str]]:
    return draw(st.lists(text(symbols, 1, 8), min_size=least, max_size=most, unique_by=lambda ws: " ".join(ws)))


@st.composite
def question(draw: st.DrawFn, n: int, symbols: tuple[str, ...], paper: Expected, key: Expected,
             csv: Expected, indent: str) -> str:
    """One question as YAML, and what the paper, the key and key.csv must print."""
    kind = draw(st.sampled_from(TYPES))
    stem = draw(text(symbols, 1, 40))
    lines = [f"- id: q{n}", f"  type: {kind}", "  tags: [t]", "  difficulty: 1"]
    shown_stem = stem
    if kind == "blanks":
        gaps = draw(st.integers(1, 3))
        answers = [draw(distinct_texts(symbols, 1, 2)) for _ in range(gaps)]
        stem_text = " ".join(stem) + "".join(f" ___ {' '.join(draw(text(symbols, 1, 4)))}" for _ in range(gaps))
        shown_stem = stem_text.replace("___", "").split()
        lines.append(f"  stem: {json.dumps(stem_text, ensure_ascii=False)}")
        lines.append("  blanks:")
        lines += [f"    - [{', '.join(q(a) for a in accepted)}]" for accepted in answers]
        for accepted in answers:
            for a in accepted:
                key.add(f"q{n} answer", a)
                csv.add(f"q{n} answer", a)
    else:
        lines.append(f"  stem: {q(stem)}")
    paper.add(f"q{n} stem", shown_stem)
    if kind in ("single", "multiple"):
        options = draw(distinct_texts(symbols, 2, 6))
        right = draw(st.sets(st.integers(0, len(options) - 1), min_size=1,
                             max_size=1 if kind == "single" else len(options)))
        lines.append("  options:")
        for i, option in enumerate(options):
            lines.append(f"    - text: {q(option)}" + ("\n      correct: true" if i in right else ""))
            paper.add(f"q{n} option {i + 1}", option)
            if i in right:
                key.add(f"q{n} answer {i + 1}", option)
    elif kind == "truefalse":
        lines.append(f"  answer: {draw(st.sampled_from(('juist', 'onjuist')))}")
    elif kind == "matching":
        sides = draw(distinct_texts(symbols, 4, 8))
        half = len(sides) // 2
        pairs = list(zip(sides[:half], sides[half:2 * half]))
        lines.append("  pairs:")
        lines += [f"    - [{q(left)}, {q(right)}]" for left, right in pairs]
        for i, (left, right) in enumerate(pairs):
            paper.add(f"q{n} left {i + 1}", left)
            paper.add(f"q{n} right {i + 1}", right)
            key.add(f"q{n} pair {i + 1}", left + right)
    elif kind == "ordering":
        items = draw(distinct_texts(symbols, 2, 5))
        lines.append("  items:")
        lines += [f"    - {q(item)}" for item in items]
        for i, item in enumerate(items):
            paper.add(f"q{n} item {i + 1}", item)
        key.add(f"q{n} order", [w for item in items for w in item])
    elif kind == "open":
        model = draw(text(symbols, 1, 40))
        lines.append(f"  model_answer: {q(model)}")
        key.add(f"q{n} model answer", model)
        csv.add(f"q{n} model answer", model)
        if draw(st.booleans()):
            element = draw(text(symbols, 1, 10))
            lines.append(f"  rubric:\n    - element: {q(element)}\n      points: 1")
            key.add(f"q{n} rubric", element)
    if draw(st.booleans()):
        feedback = draw(text(symbols, 1, 25))
        lines.append(f"  feedback: {q(feedback)}")
        key.add(f"q{n} feedback", feedback)
    return "\n".join(indent + part for line in lines for part in line.split("\n"))


@st.composite
def exams(draw: st.DrawFn, symbols: tuple[str, ...]) -> tuple[str, str, int, Expected, Expected, Expected]:
    """(bank, spec, versions, paper, key, csv): a bank of questions (some in a case
    group) and a spec that draws them all."""
    paper, key, csv = Expected(), Expected(), Expected()
    count = draw(st.integers(1, 6))
    top = [draw(question(n, symbols, paper, key, csv, "  ")) for n in range(1, count + 1)]
    ids = [f"q{n}" for n in range(1, count + 1)]
    body = "\n".join(top)
    if draw(st.booleans()):
        title, case_text = draw(text(symbols, 1, 6)), draw(text(symbols, 5, 60))
        paper.add("case", title + case_text)
        inner = [draw(question(n, symbols, paper, key, csv, "      ")) for n in (count + 1, count + 2)]
        body += (f"\n  - case: casus\n    title: {q(title)}\n    text: {q(case_text)}\n"
                 "    tags: [t]\n    difficulty: 1\n    questions:\n" + "\n".join(inner))
        ids.append("casus")
    bank = "questions:\n" + body + "\n"
    versions = draw(st.integers(1, 2))
    spec = (f"title: Oracle\nbanks: [bank.yaml]\nversions: {versions}\nseed: {draw(st.integers(1, 999))}\n"
            f"sections:\n  - title: Deel\n    shuffle: {str(draw(st.booleans())).lower()}\n"
            f"    blueprint:\n      - ids: [{', '.join(ids)}]\n")
    return bank, spec, versions, paper, key, csv


def build_exam(bank: str, spec: str) -> dict[str, bytes]:
    """Every file of the exam, built in this process as `handouts build` builds it."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "content/exams").mkdir(parents=True)
        (root / "content/exams/bank.yaml").write_text(bank, encoding="utf-8")
        source = root / "content/exams/toets.yaml"
        source.write_text(spec, encoding="utf-8")
        products, _ = make_exam(source, load_project(root), Options())
    return {p.target.name: p.data for p in products}


def check(exam) -> None:
    bank, spec, versions, paper, key, csv = exam
    note(bank)
    note(spec)
    files = build_exam(bank, spec)
    printed_csv = tokens(files["key.csv"].decode("utf-8"))
    for code in "AB"[:versions]:
        assert_every_word(files[f"versie-{code}.pdf"], paper, f"version {code}")
        assert_every_word(files[f"sleutel-{code}.pdf"], key, f"key {code}")
    assert_every_word(files["alle-versies.pdf"], paper, "the print file of all versions")
    for name, written in csv.regions.items():
        missing = [t for w in written for t in tokens(w) if t not in printed_csv]
        assert not missing, f"key.csv lacks {missing} of {name}"


@given(exam=exams(SAFE_SYMBOLS))
@oracle_settings(25)
def test_an_exam_prints_every_stem_option_and_answer(exam):
    check(exam)


@given(exam=exams(SYMBOLS))
@oracle_settings(10, shrink=False)
def test_an_exam_prints_every_symbol(exam):
    check(exam)



# Found by the oracle: with two versions, the key of version B fails to lay out
# ("Flowable <Para>Totaal: 5 punten too large on page 1"); with one version it builds.
# Remove the mark when it builds.
BANK_THAT_FAILS_WITH_TWO_VERSIONS = """\
questions:
  - id: q1
    type: single
    tags: [t]
    difficulty: 1
    stem: "café café café"
    options:
      - text: "café"
        correct: true
      - text: "café café"
      - text: "posture"
    feedback: "spine smörgåsbord ruggengraat ideeën zee-egel café"
  - id: q2
    type: truefalse
    tags: [t]
    difficulty: 1
    stem: "gewricht crème"
    answer: juist
  - id: q3
    type: multiple
    tags: [t]
    difficulty: 1
    stem: "œuvre café façade Æsir œuvre ±143,60 arbeidsongeschiktheidsverzekering café"
    options:
      - text: "café"
        correct: true
      - text: "vertebra café"
      - text: "café résumé rugspierversterkingsoefeningen enquête physiotherapy façade posture piñata"
      - text: "arbeidsongeschiktheidsverzekering ontspanning 0± ±0 arbeidsongeschiktheidsverzekering"
    feedback: "café café café"
  - id: q4
    type: ordering
    tags: [t]
    difficulty: 1
    stem: "±0,0"
    items:
      - "café"
      - "café café café"
      - "±"
  - id: q5
    type: multiple
    tags: [t]
    difficulty: 1
    stem: "piñata rugspierversterkingsoefeningen vertebra ±426,0 ±49,44 spine"
    options:
      - text: "kraakbeen physiotherapy cartilage"
        correct: true
      - text: "jalapeño jalapeño smörgåsbord"
      - text: "doornuitsteeksels"
      - text: "self-care"
      - text: "café café café café café café"
      - text: "café"

"""


def test_every_version_of_this_exam_builds():
    spec = ("title: Oracle\nbanks: [bank.yaml]\nversions: 2\nseed: 1\nsections:\n  - title: Deel\n"
            "    shuffle: false\n    blueprint:\n      - ids: [q1, q2, q3, q4, q5]\n")
    files = build_exam(BANK_THAT_FAILS_WITH_TWO_VERSIONS, spec)
    assert "sleutel-B.pdf" in files
