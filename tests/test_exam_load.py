"""Loading banks, specs and rosters: one test per kind of bad input, with its line."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from handouts.errors import HandoutsError
from handouts.exam import load_bank, load_exam, load_roster, sample

GOOD = """\
tags:
  rug: De rug
  spier: Spieren
questions:
  - id: q1
    type: single
    tags: [rug]
    difficulty: 1
    stem: Welke?
    options:
      - text: goed
        correct: true
      - fout
      - text: geen van bovenstaande
        pinned: true
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def messages(tmp_path: Path, bank_text: str) -> list[str]:
    path = write(tmp_path, "bank.yaml", bank_text)
    with pytest.raises(HandoutsError) as caught:
        load_bank([path], tmp_path)
    return [str(d) for d in caught.value.diagnostics]


def test_good_bank_loads(tmp_path):
    bank = load_bank([write(tmp_path, "bank.yaml", GOOD)], tmp_path)
    (question,) = bank.questions()
    assert question.id == "q1" and question.ref.line == 5
    assert question.variants[0].options[2].pinned


def test_duplicate_ids(tmp_path):
    text = GOOD + GOOD.split("questions:\n")[1]
    assert messages(tmp_path, text) == [
        'bank.yaml:16: error: the id "q1" is already used at bank.yaml:5; '
        "every question needs its own id"
    ]


def test_choice_without_correct_option(tmp_path):
    text = GOOD.replace("        correct: true\n", "")
    (message,) = messages(tmp_path, text)
    assert message.startswith("bank.yaml:10: error: no option is marked correct")
    assert "correct: true" in message


def test_single_choice_with_two_correct(tmp_path):
    text = GOOD.replace("      - fout\n", "      - text: ook goed\n        correct: true\n")
    (message,) = messages(tmp_path, text)
    assert message.startswith("bank.yaml:10: error: a single-choice question has exactly "
                              "one correct option, this one has 2 (lines 11, 13)")
    assert "type: multiple" in message


def test_multiple_response_may_have_several(tmp_path):
    text = GOOD.replace("type: single", "type: meerdere").replace(
        "      - fout\n", "      - text: ook goed\n        correct: true\n")
    (question,) = load_bank([write(tmp_path, "bank.yaml", text)], tmp_path).questions()
    assert question.type == "multiple"


MATCHING = """\
questions:
  - id: m1
    type: koppelen
    tags: [spier]
    difficulty: 2
    stem: Koppel.
    pairs:
      - [m. trapezius, monnikskapspier]
      - [m. latissimus dorsi, brede rugspier, extra]
      - [m. multifidus, monnikskapspier]
"""


def test_matching_pairs_that_do_not_line_up(tmp_path):
    found = messages(tmp_path, MATCHING)
    assert found[0].startswith("bank.yaml:9: error: a pair has a left and a right side")
    assert "this one has 3 sides" in found[0]
    assert found[1].startswith('bank.yaml:7: error: the right side "monnikskapspier" '
                               "appears twice")


def test_unknown_type_with_suggestion(tmp_path):
    (message,) = messages(tmp_path, GOOD.replace("type: single", "type: singel"))
    assert message.startswith('bank.yaml:6: error: "type" must be one of')
    assert '(did you mean "single"?)' in message


def test_unknown_tag_with_suggestion(tmp_path):
    (message,) = messages(tmp_path, GOOD.replace("tags: [rug]", "tags: [rugg]"))
    assert message.startswith('bank.yaml:5: error: unknown tag "rugg" in question q1 '
                              '(did you mean "rug"?)')


PARAMS = """\
questions:
  - id: p1
    type: single
    tags: [rug]
    difficulty: 1
    params:
      - {regio: hals, aantal: 7}
      - {regio: borst, aantal: 12}
    stem: Hoeveel {{ regio }}wervels?
    options:
      - text: "{{ aantall }}"
        correct: true
      - "{{ aantal + 1 }}"
"""


def test_undefined_parameter_at_its_line(tmp_path):
    (message,) = messages(tmp_path, PARAMS)
    assert message.startswith('bank.yaml:11: error: the parameter "aantall" is not '
                              'defined (did you mean "aantal"?)')


def test_parameter_sets_become_variants(tmp_path):
    text = PARAMS.replace("aantall", "aantal")
    (question,) = load_bank([write(tmp_path, "bank.yaml", text)], tmp_path).questions()
    assert [v.stem for v in question.variants] == ["Hoeveel halswervels?",
                                                   "Hoeveel borstwervels?"]
    assert [v.options[1].text for v in question.variants] == ["8", "13"]
    assert question.variants[1].label == "regio=borst, aantal=12"


def test_parameter_sets_are_sandboxed(tmp_path):
    text = PARAMS.replace("{{ aantall }}", "{{ aantal.__class__.__mro__ }}")
    (message,) = messages(tmp_path, text)
    assert message.startswith("bank.yaml:11: error:")


def test_problem_in_one_parameter_set_names_it(tmp_path):
    text = PARAMS.replace("{{ aantall }}", "{{ aantal }}").replace(
        '"{{ aantal + 1 }}"', '"{{ 8 if aantal == 7 else 12 }}"')
    (message,) = messages(tmp_path, text)
    assert "appears twice" in message and "(with parameters regio=borst" in message


def test_blanks_must_match_the_stem(tmp_path):
    text = """\
    questions:
      - id: b1
        type: invullen
        tags: [rug]
        difficulty: 1
        stem: De hals telt ___ wervels.
        blanks: [7, 12]
    """
    (message,) = messages(tmp_path, textwrap.dedent(text))
    assert message.startswith("bank.yaml:7: error: the stem has 1 blank(s) (___) but "
                              "blanks: gives 2")


def test_rubric_must_add_up(tmp_path):
    text = """\
    questions:
      - id: o1
        type: open
        tags: [rug]
        difficulty: 3
        points: 3
        stem: Leg uit.
        model_answer: Zo.
        rubric:
          - {element: een, points: 1}
    """
    (message,) = messages(tmp_path, textwrap.dedent(text))
    assert message == ("bank.yaml:9: error: the rubric adds up to 1 points but the "
                       "question gives 3; make them equal")


def test_field_of_another_type_is_refused(tmp_path):
    text = GOOD.replace("    options:", "    pairs: [[a, b], [c, d]]\n    options:")
    (message,) = messages(tmp_path, text)
    assert message.startswith('bank.yaml:10: error: "pairs" does not belong in a single '
                              "question (it is for matching)")


def test_several_problems_reported_at_once(tmp_path):
    text = GOOD.replace("type: single", "type: singel") + MATCHING.split("questions:\n")[1]
    found = messages(tmp_path, text)
    assert [m.split(":")[1] for m in found] == ["6", "23", "21"]


def test_case_group_shares_defaults(tmp_path):
    text = GOOD + """\
  - case: c1
    title: Casus
    text: Een cliënt met rugpijn.
    tags: [rug]
    difficulty: 2
    questions:
      - id: c1-a
        type: juist-onjuist
        stem: Klopt dit?
        answer: true
      - id: c1-b
        type: open
        stem: Waarom?
        model_answer: Daarom.
"""
    bank = load_bank([write(tmp_path, "bank.yaml", text)], tmp_path)
    case = bank.units[1]
    assert [q.id for q in case.questions] == ["c1-a", "c1-b"]
    assert all(q.tags == ("rug",) and q.difficulty == 2 for q in case.questions)
    assert case.questions[0].variants[0].answer is True


# ---- specs, blueprints and rosters ------------------------------------------

SPEC = """\
title: Toets
banks: [bank.yaml]
versions: 2
seed: 3
sections:
  - title: Deel 1
    blueprint:
      - tags: [rug]
        count: 1
"""


def exam(tmp_path: Path, spec_text: str = SPEC, bank_text: str = GOOD):
    write(tmp_path, "bank.yaml", bank_text)
    return load_exam(write(tmp_path, "toets.yaml", spec_text), tmp_path)


def test_spec_loads_and_samples(tmp_path):
    spec, bank = exam(tmp_path)
    assert spec.id == "toets" and spec.seed == 3 and spec.version_count == 2
    versions = sample(spec, bank)
    assert [v.code for v in versions] == ["A", "B"]
    # The pinned option stays last in every version.
    assert all(v.questions()[0].choices[2].text == "geen van bovenstaande"
               for v in versions)


def test_letters_balanced_in_either_language(tmp_path):
    assert exam(tmp_path)[0].letters == "random"
    assert exam(tmp_path, SPEC + "letters: balanced\n")[0].letters == "balanced"
    assert exam(tmp_path, SPEC + "antwoordletters: gespreid\n")[0].letters == "balanced"
    with pytest.raises(HandoutsError, match=r'toets.yaml:\d+: error: "letters" must be one '
                       r"of random, balanced, willekeurig, gespreid, not 'even'"):
        exam(tmp_path, SPEC + "letters: even\n")


def test_unsatisfiable_blueprint_names_section_tags_and_missing(tmp_path):
    spec, bank = exam(tmp_path, SPEC.replace("count: 1", "count: 4"))
    with pytest.raises(HandoutsError) as caught:
        sample(spec, bank)
    assert str(caught.value) == (
        'toets.yaml:8: error: section "Deel 1": the blueprint row (tags [rug]) needs '
        "4 question(s) but the bank has 1 that fit (3 missing); add questions with "
        "these tags and difficulty to a bank, or lower the count")


def test_blueprint_with_unknown_tag(tmp_path):
    spec, bank = exam(tmp_path, SPEC.replace("tags: [rug]", "tags: [spieren]"))
    with pytest.raises(HandoutsError, match=r'toets.yaml:8: error: unknown tag "spieren"'):
        sample(spec, bank)


def test_blueprint_with_unknown_id(tmp_path):
    spec_text = SPEC.replace("      - tags: [rug]\n        count: 1\n", "      - ids: [q11]\n")
    spec, bank = exam(tmp_path, spec_text)
    with pytest.raises(HandoutsError, match=r'toets.yaml:8: error: no question or case '
                       r'group "q11" in the banks \(did you mean "q1"\?\)'):
        sample(spec, bank)


def test_spec_unknown_key_and_missing_bank(tmp_path):
    spec_text = SPEC.replace("versions: 2", "verions: 2").replace("bank.yaml]", "bnk.yaml]")
    write(tmp_path, "bank.yaml", GOOD)
    with pytest.raises(HandoutsError) as caught:
        load_exam(write(tmp_path, "toets.yaml", spec_text), tmp_path)
    found = [str(d) for d in caught.value.diagnostics]
    assert found[0].startswith('toets.yaml:3: error: unknown key "verions" in the exam '
                               'spec (did you mean "versions"?)')
    assert found[1].startswith('toets.yaml:2: error: bank file "bnk.yaml" not found')


ROSTER = "studentnummer;naam\n1001;Sanne de Vries\n1002;Daan Jansen\n"


def test_roster_gives_one_version_per_student(tmp_path):
    write(tmp_path, "klas.csv", ROSTER)
    spec, bank = exam(tmp_path, SPEC + "roster: klas.csv\n")
    versions = sample(spec, bank)
    assert [(v.student.number, v.student.name) for v in versions] == [
        ("1001", "Sanne de Vries"), ("1002", "Daan Jansen")]


def test_roster_with_duplicate_numbers(tmp_path):
    path = write(tmp_path, "klas.csv", ROSTER + "1001;Lotte Bakker\n")
    with pytest.raises(HandoutsError) as caught:
        load_roster(path, "klas.csv")
    assert str(caught.value).startswith(
        "klas.csv:4: error: student number 1001 appears twice (also at klas.csv:2)")


def test_roster_with_bad_encoding(tmp_path):
    path = tmp_path / "klas.csv"
    path.write_bytes("1001,Sanne\n1002,Zoë\n".encode("latin-1"))
    with pytest.raises(HandoutsError, match=r"^klas.csv:2: error: the file is not UTF-8"):
        load_roster(path, "klas.csv")


def test_roster_problem_reported_from_the_spec(tmp_path):
    write(tmp_path, "klas.csv", "1001,Sanne\n1001,Daan\n")
    with pytest.raises(HandoutsError, match=r"klas.csv:2: error: student number 1001"):
        exam(tmp_path, SPEC + "roster: klas.csv\n")


def test_sample_content_loads():
    root = Path(__file__).resolve().parent.parent
    spec, bank = load_exam(root / "content/exams/rug-toets.yaml", root)
    questions = list(bank.questions())
    assert len(questions) >= 40
    types = [q.type for q in questions]
    assert all(types.count(t) >= 3 for t in
               ("single", "multiple", "truefalse", "matching", "blanks", "ordering", "open"))
    assert sum(len(q.variants) > 1 for q in questions) >= 2
    assert any(q.case for q in questions)
    assert len(spec.sections) == 3 and spec.version_count == 4
    roster = load_roster(root / "content/exams/klas-4b.csv", "klas-4b.csv")
    assert len(roster) == 5
    assert len(sample(spec, bank)) == 4
