"""The sampler's guarantees, as properties over random banks and blueprints."""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handouts.errors import HandoutsError, SourceRef
from handouts.exam import key_csv, load_exam, overview, sample
from handouts.exam.model import (
    Bank,
    Blueprint,
    BlueprintRow,
    Body,
    Case,
    ExamSpec,
    ExamVersion,
    Option,
    Question,
    RubricItem,
    Section,
    Student,
)
from handouts.exam.sampler import version_code

REPO = Path(__file__).resolve().parent.parent
TAGS = ("anatomie", "zenuwen", "spieren")
TYPES = ("single", "multiple", "truefalse", "matching", "blanks", "ordering", "open")
HERE = SourceRef("bank.yaml", 1)
QUICK = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FEWER = settings(QUICK, max_examples=25)  # properties that sample an exam twice or more


# ---- random banks -----------------------------------------------------------


@st.composite
def bodies(draw, qid: str, kind: str, label: str) -> Body:
    stem = f"Vraag {qid} {label}"
    if kind in ("single", "multiple"):
        size = draw(st.integers(2, 6))
        if kind == "single":
            right = {draw(st.integers(0, size - 1))}
        else:
            right = set(draw(st.lists(st.integers(0, size - 1), min_size=1, unique=True)))
        pinned = size - 1 if size > 2 and draw(st.booleans()) else None
        options = tuple(Option(f"{qid}{label} optie {i}", i in right, i == pinned)
                        for i in range(size))
        return Body(stem, options=options, label=label)
    if kind == "truefalse":
        return Body(stem, answer=draw(st.booleans()), label=label)
    if kind == "matching":
        pairs = tuple((f"{qid} links {i}", f"{qid}{label} rechts {i}")
                      for i in range(draw(st.integers(2, 4))))
        extra = tuple(f"{qid} extra {i}" for i in range(draw(st.integers(0, 2))))
        return Body(stem, pairs=pairs, extra=extra, label=label)
    if kind == "blanks":
        count = draw(st.integers(1, 3))
        return Body(stem + " ___" * count,
                    blanks=tuple((f"{label}{i}", f"alt{i}") for i in range(count)), label=label)
    if kind == "ordering":
        return Body(stem, items=tuple(f"{qid}{label} stap {i}"
                                      for i in range(draw(st.integers(2, 5)))), label=label)
    return Body(stem, model_answer=f"model {qid}", rubric=(RubricItem("kern", 1),), label=label)


@st.composite
def questions(draw, qid: str, tag: str, difficulty: int, case: str = "") -> Question:
    kind = draw(st.sampled_from(TYPES))
    labels = [""] if draw(st.integers(0, 4)) else ["p=1", "p=2", "p=3"][: draw(st.integers(2, 3))]
    variants = [draw(bodies(qid, kind, labels[0]))]
    for label in labels[1:]:  # every parameter set has the same shape, other texts
        variants.append(_relabel(variants[0], qid, label))
    return Question(qid, kind, (tag,), difficulty, 1, tuple(variants), HERE, case=case,
                    lines=3 if kind == "open" else 0)


def _relabel(body: Body, qid: str, label: str) -> Body:
    options = tuple(replace(o, text=o.text.replace(qid, qid + label, 1)) for o in body.options)
    pairs = tuple((left, right + label) for left, right in body.pairs)
    return replace(body, options=options, pairs=pairs, label=label,
                   items=tuple(i + label for i in body.items))


@st.composite
def banks(draw) -> Bank:
    units = []
    for n in range(draw(st.integers(3, 24))):
        tag, difficulty = draw(st.sampled_from(TAGS)), draw(st.integers(1, 3))
        if draw(st.integers(0, 7)) == 0:
            subs = tuple(draw(questions(f"c{n}-{i}", tag, difficulty, case=f"c{n}"))
                         for i in range(draw(st.integers(2, 3))))
            units.append(Case(f"c{n}", "Casus", "Een casus.", subs, HERE))
        else:
            units.append(draw(questions(f"q{n}", tag, difficulty)))
    return Bank(tuple(units))


def _size(unit) -> int:
    return len(unit.questions) if isinstance(unit, Case) else 1


def _group(unit) -> tuple[str, int]:
    first = unit.questions[0] if isinstance(unit, Case) else unit
    return first.tags[0], first.difficulty


@st.composite
def exams(draw) -> tuple[ExamSpec, Bank]:
    """A bank and a blueprint it can meet: counts are sums of real unit sizes."""
    bank = draw(banks())
    units = list(bank.units)
    named = draw(st.lists(st.sampled_from(units), max_size=2, unique_by=lambda u: u.id))
    rows = [BlueprintRow(SourceRef("toets.yaml", 100), ids=(u.id,), count=_size(u))
            for u in named]
    groups: dict[tuple[str, int], list] = {}
    for unit in units:
        if unit not in named:
            groups.setdefault(_group(unit), []).append(unit)
    for line, ((tag, difficulty), members) in enumerate(sorted(groups.items())):
        chosen = draw(st.lists(st.sampled_from(members), unique_by=lambda u: u.id))
        if chosen:
            rows.append(BlueprintRow(SourceRef("toets.yaml", 10 + line),
                                     count=sum(map(_size, chosen)), tags=(tag,),
                                     difficulty=difficulty))
    if not rows:
        first = units[0]
        rows.append(BlueprintRow(SourceRef("toets.yaml", 9), ids=(first.id,),
                                 count=_size(first)))
    rows = draw(st.permutations(rows))
    cut = sorted(draw(st.lists(st.integers(1, max(len(rows) - 1, 1)), max_size=2)))
    parts = [rows[a:b] for a, b in zip([0, *cut], [*cut, len(rows)], strict=True)]
    sections = tuple(
        Section(f"Deel {i + 1}", Blueprint(tuple(part)), SourceRef("toets.yaml", 5 + i),
                shuffle=draw(st.booleans()))
        for i, part in enumerate(p for p in parts if p)
    )
    spec = ExamSpec("toets", "Toets", sections, SourceRef("toets.yaml", 1),
                    versions=draw(st.integers(1, 6)), seed=draw(st.integers(0, 10**6)),
                    same_questions=draw(st.booleans()))
    return spec, bank


# ---- helpers ----------------------------------------------------------------


def bank_questions(bank: Bank) -> dict[str, Question]:
    return {q.id: q for q in bank.questions()}


def section_ids(version: ExamVersion) -> list[list[str]]:
    ids = {e.position: e.question_id for e in version.key.entries}
    return [[ids[q.position] for q in section.questions()] for section in version.sections]


def body_of(question: Question, label: str) -> Body:
    return next(b for b in question.variants if b.label == label)


def letters(answer: str) -> list[str]:
    return answer.split(";")


# ---- properties -------------------------------------------------------------


@QUICK
@given(exams())
def test_every_version_meets_the_blueprint_without_duplicates(exam):
    spec, bank = exam
    known = bank_questions(bank)
    units = {u.id: u for u in bank.units}
    versions = sample(spec, bank)
    assert len(versions) == spec.versions
    for version in versions:
        ids = [e.question_id for e in version.key.entries]
        assert len(ids) == len(set(ids)), "a question appears twice"
        assert [e.position for e in version.key.entries] == list(range(1, len(ids) + 1))
        for section, in_section in zip(spec.sections, section_ids(version), strict=True):
            expected = Counter()
            for row in section.blueprint.rows:
                if row.ids:
                    for ident in row.ids:
                        unit = units[ident]
                        members = unit.questions if isinstance(unit, Case) else (unit,)
                        assert {q.id for q in members} <= set(in_section)
                else:
                    expected[(row.tags[0], row.difficulty)] += row.count
            named = {q.id for r in section.blueprint.rows for i in r.ids
                     for q in (units[i].questions if isinstance(units[i], Case) else (units[i],))}
            found = Counter((known[q].tags[0], known[q].difficulty)
                            for q in in_section if q not in named)
            assert found == expected


@QUICK
@given(exams())
def test_key_matches_what_is_printed(exam):
    spec, bank = exam
    known = bank_questions(bank)
    for version in sample(spec, bank):
        printed = {q.position: q for q in version.questions()}
        for entry in version.key.entries:
            question, paper = known[entry.question_id], printed[entry.position]
            body = body_of(question, entry.variant)
            assert paper.type == question.type and paper.stem == body.stem
            check_answer(question.type, body, paper, entry.answer)


def check_answer(kind, body, paper, answer):
    text_at = {c.letter: c.text for c in paper.choices}
    if kind in ("single", "multiple"):
        right = {o.text for o in body.options if o.correct}
        assert {text_at[letter] for letter in letters(answer)} == right
        assert sorted(c.text for c in paper.choices) == sorted(o.text for o in body.options)
        for i, option in enumerate(body.options):
            if option.pinned:
                assert paper.choices[i].text == option.text, "a pinned option moved"
        if kind == "single":
            assert len(answer) == 1
    elif kind == "truefalse":
        assert answer == ("A" if body.answer else "B")
    elif kind == "matching":
        for part in letters(answer):
            number, letter = part.split("=")
            left, right = body.pairs[int(number) - 1]
            assert paper.prompts[int(number) - 1] == left and text_at[letter] == right
    elif kind == "ordering":
        assert [text_at[letter] for letter in letters(answer)] == list(body.items)
    elif kind == "blanks":
        assert answer == ";".join("|".join(a) for a in body.blanks)
        assert paper.blank_count == len(body.blanks)
    else:
        assert answer == body.model_answer and paper.lines == 3


@QUICK
@given(exams())
def test_same_seed_same_versions(exam):
    spec, bank = exam
    first = sample(spec, bank)
    assert sample(spec, bank) == first
    assert key_csv(sample(spec, bank, seed=spec.seed)) == key_csv(first)


@FEWER
@given(exams(), st.integers(1, 3))
def test_a_version_stays_the_same_paper_when_versions_are_added(exam, added):
    """A version depends on the seed and its own code only: adding versions E, F, ...
    leaves A-D as they were, also when every version draws its own questions."""
    spec, bank = exam
    fewer = sample(spec, bank)
    more = sample(replace(spec, versions=spec.versions + added), bank)
    assert more[: len(fewer)] == fewer


@FEWER
@given(exams(), st.integers(0, 4))
def test_a_late_student_leaves_the_other_papers_as_they_were(exam, where):
    """With a roster a paper depends on the student's number: a student added anywhere
    in the list changes no one else's paper (their version codes may move)."""
    spec, bank = exam
    students = tuple(Student(str(4021300 + i), f"Student {i}", HERE)
                     for i in range(spec.versions))
    before = sample(replace(spec, roster=students), bank)
    late = Student("4029999", "Laat", HERE)
    at = min(where, len(students))
    after = sample(replace(spec, roster=(*students[:at], late, *students[at:])), bank)
    papers = {v.student.number: (v.sections, v.key.entries) for v in after}
    for version in before:
        assert papers[version.student.number] == (version.sections, version.key.entries)


@FEWER
@given(exams())
def test_balanced_letters_keep_the_key_right(exam):
    spec, bank = exam
    known = bank_questions(bank)
    for version in sample(replace(spec, letters="balanced"), bank):
        printed = {q.position: q for q in version.questions()}
        for entry in version.key.entries:
            body = body_of(known[entry.question_id], entry.variant)
            check_answer(known[entry.question_id].type, body, printed[entry.position],
                         entry.answer)


@QUICK
@given(exams(), st.integers(1, 3))
def test_unsatisfiable_blueprint_names_section_tags_and_missing(exam, extra):
    spec, bank = exam
    for s, section in enumerate(spec.sections):
        for r, row in enumerate(section.blueprint.rows):
            if row.ids:
                continue
            pool = sum(_size(u) for u in bank.units if _group(u) == (row.tags[0], row.difficulty)
                       and not any(u.id in x.ids for sec in spec.sections
                                   for x in sec.blueprint.rows))
            rows = list(section.blueprint.rows)
            rows[r] = replace(row, count=pool + extra)
            sections = list(spec.sections)
            sections[s] = replace(section, blueprint=Blueprint(tuple(rows)))
            with pytest.raises(HandoutsError) as caught:
                sample(replace(spec, sections=tuple(sections)), bank)
            message = str(caught.value)
            assert message.startswith(f"toets.yaml:{row.ref.line}: error: section "
                                      f'"{section.title}": the blueprint row (tags '
                                      f"[{row.tags[0]}], difficulty {row.difficulty})")
            assert f"({extra} missing)" in message
            return


# ---- the sample exam --------------------------------------------------------


@pytest.fixture(scope="module")
def rug():
    return load_exam(REPO / "content/exams/rug-toets.yaml", REPO)


def test_sample_versions_differ_in_question_and_option_order(rug):
    spec, bank = rug
    versions = sample(spec, bank)
    orders = [tuple(e.question_id for e in v.key.entries) for v in versions]
    assert len(set(orders)) == len(versions)
    assert all(set(o) == set(orders[0]) for o in orders)  # same questions, reordered
    single = [qid for qid in orders[0] if bank_questions(bank)[qid].type == "single"]
    for qid in single:
        options = [
            tuple(c.text for c in v.questions()[o.index(qid)].choices)
            for v, o in zip(versions, orders, strict=True)
        ]
        assert len(set(options)) > 1, f"{qid} has the same option order in every version"


def test_another_seed_gives_other_versions(rug):
    spec, bank = rug
    assert key_csv(sample(spec, bank, seed=1)) != key_csv(sample(spec, bank, seed=2))


def test_parameter_sets_are_drawn_per_version(rug):
    """Each version draws its own set (no turns to count on): over 300 versions each of
    the 3 sets comes up about a third of the time (sd 2.7 points; bounds at 4 sd)."""
    spec, bank = rug
    versions = sample(replace(spec, versions=300), bank)
    drawn = Counter(e.variant for v in versions for e in v.key.entries
                    if e.question_id == "wk-regio-aantal")
    assert len(drawn) == 3 and all(0.22 < n / 300 < 0.45 for n in drawn.values()), drawn


def test_key_csv_has_exactly_the_columns(rug):
    spec, bank = rug
    versions = sample(spec, bank)
    rows = list(csv.reader(io.StringIO(key_csv(versions))))
    assert rows[0] == ["version", "position", "question_id", "type", "answer", "points",
                       "student_number", "student_name"]
    assert len(rows) == 1 + sum(len(v.key.entries) for v in versions)
    assert {r[0] for r in rows[1:]} == {"A", "B", "C", "D"}


def test_overview_places_every_question(rug):
    spec, bank = rug
    versions = sample(spec, bank)
    table = overview(versions)
    assert table.codes == ("A", "B", "C", "D")
    for row in table.rows:
        for version, position in zip(versions, row.positions, strict=True):
            assert version.key.entries[position - 1].question_id == row.question_id


def test_blueprint_table_counts_topics_by_difficulty(rug):
    spec, bank = rug
    key = sample(spec, bank)[0].key
    table = key.blueprint_table()
    assert sum(sum(cell.counts) for cell in table) == len(key.entries)
    assert sum(cell.points for cell in table) == key.total_points


def test_case_group_stays_together_and_in_order(rug):
    spec, bank = rug
    for version in sample(spec, bank, seed=7):
        ids = [e.question_id for e in version.key.entries]
        start = ids.index("hernia-wat")
        assert ids[start:start + 3] == ["hernia-wat", "hernia-eerst", "hernia-aanpak"]


def test_a_case_comes_first_in_its_section_in_every_version_of_every_seed(rug):
    """The section's instruction says "Lees de casus goed; de vragen erna gaan over deze
    cliënt": nothing else may come between it and the case. The other questions still
    come in a drawn order: each is first after the case about equally often."""
    spec, bank = rug
    case = ["hernia-wat", "hernia-eerst", "hernia-aanpak"]
    after = Counter()
    for seed in range(60):
        for version in sample(spec, bank, seed=seed):
            section = version.sections[2]
            assert section.instructions.startswith("Lees de casus goed")
            ids = section_ids(version)[2]
            assert ids[:3] == case, (seed, version.code, ids)
            after[ids[3]] += 1
    # 240 papers; each question of a row is drawn about as often as the others, and
    # none of them holds the place after the case more than half the time.
    assert len(after) >= 3 and max(after.values()) < 120, after


@QUICK
@given(exams())
def test_case_groups_lead_their_shuffled_section(exam):
    spec, bank = exam
    cases = {q.id for u in bank.units if isinstance(u, Case) for q in u.questions}
    for version in sample(spec, bank):
        for section, ids in zip(spec.sections, section_ids(version), strict=True):
            if section.shuffle:
                flags = [i in cases for i in ids]
                assert flags == sorted(flags, reverse=True), ids


def test_per_version_draws_and_many_versions(rug):
    spec, bank = rug
    versions = sample(replace(spec, same_questions=False, versions=30), bank)
    assert len({tuple(e.question_id for e in v.key.entries) for v in versions}) == 30


def test_version_codes():
    assert [version_code(i) for i in (0, 1, 25, 26, 27, 701, 702)] == [
        "A", "B", "Z", "AA", "AB", "ZZ", "AAA"]
