"""The grade formulas, with the worked examples README gives."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from grading_fixture import write_exam

from handouts.errors import HandoutsError
from handouts.exam.grading.grades import cesuur_grade, n_term_grade, rounded
from handouts.exam.grading.rules import GradingRules, grading_rules
from handouts.exam.spec import load_spec


@pytest.mark.parametrize(("score", "grade"), [
    (0, "1.0"), (10, "3.5"), (18, "5.5"), (24, "7.8"), (30, "10.0"),
])
def test_cesuur_18_of_30(score, grade):  # README: 24 points: 5.5 + 4.5 × 6 / 12 = 7.75 → 7.8
    assert f"{float(cesuur_grade(F(score), F(30), F(18))):.1f}" == grade


def test_a_percentage_cesuur_is_a_share_of_the_points():
    rules = GradingRules(pass_share=F(55, 100))
    assert rules.pass_mark(F(40)) == 22
    assert cesuur_grade(F(30), F(40), rules.pass_mark(F(40))) == F(75, 10)


def test_guessing_correction_maps_the_guessing_score_to_one():
    # README: 40 four-option questions, g = 10, cesuur 25: 16 points → 1 + 4.5 × 6 / 15 = 2.8
    assert cesuur_grade(F(10), F(40), F(25), F(10)) == 1
    assert cesuur_grade(F(4), F(40), F(25), F(10)) == 1  # below chance: still 1.0
    assert cesuur_grade(F(16), F(40), F(25), F(10)) == F(28, 10)
    assert cesuur_grade(F(25), F(40), F(25), F(10)) == F(55, 10)
    assert cesuur_grade(F(16), F(40), F(25)) == F(39, 10)  # without the correction


def test_n_term():
    assert n_term_grade(F(20), F(40), F(1)) == F(55, 10)  # 9 × 0.5 + 1.0
    assert n_term_grade(F(4), F(40), F(15, 10)) == F(24, 10)  # 9 × 0.1 + 1.5
    assert n_term_grade(F(0), F(40), F(15, 10)) == 1  # N above 1: at most 1 + 18 × S / M
    assert n_term_grade(F(40), F(40), F(15, 10)) == 10
    assert n_term_grade(F(38), F(40), F(5, 10)) == F(91, 10)  # N below 1: at least 10 − 18 × (M − S) / M
    assert n_term_grade(F(4), F(40), F(2, 10)) == F(15, 10)  # ... and at least 1 + 4.5 × S / M = 1.45


def test_rounding_is_half_up():
    assert rounded(F(545, 100)) == F(55, 10)
    assert rounded(F(544, 100)) == F(54, 10)


def test_grading_rules_from_the_spec(tmp_path):
    spec = write_exam(tmp_path, "grading:\n  multiple: gedeeltelijk\n  pass_mark: 60%\n"
                                "  guessing_correction: true\n")
    rules = grading_rules(load_spec(spec, tmp_path))
    assert (rules.multiple, rules.pass_points, rules.pass_share, rules.guessing_correction) == \
        ("partial", None, F(60, 100), True)
    spec = write_exam(tmp_path, "beoordeling:\n  cesuur: 12\n")
    assert grading_rules(load_spec(spec, tmp_path)).pass_mark(F(16)) == 12
    assert grading_rules(load_spec(write_exam(tmp_path), tmp_path)).pass_mark(F(16)) == 9  # the spec's


def test_a_wrong_grading_value_is_an_error_at_its_line(tmp_path):
    spec = write_exam(tmp_path, "grading:\n  multiple: partial\n  pass_mark: 150%\n")
    with pytest.raises(HandoutsError) as caught:
        grading_rules(load_spec(spec, tmp_path))
    assert str(caught.value).startswith("content/proef.yaml:9: error:") or ":9: error:" in str(caught.value)
    assert "pass_mark" in str(caught.value)


def test_a_grading_mistake_stops_the_build_too(tmp_path):
    from conftest import Project

    project = Project(tmp_path / "proj")
    write_exam(project.root, "grading:\n  multiple: sometimes\n")
    result = project.run("build", "--exam", "content/proef.yaml")
    assert result.exit_code == 1
    assert "content/proef.yaml:8: error:" in result.stderr and "sometimes" in result.stderr


@pytest.mark.parametrize("block", [
    "grading:\n  guessing_correction: true\n  n_term: 1.0\n",
    "beoordeling:\n  raadkanscorrectie: true\n  normeringsterm: 1,2\n",
])
def test_guessing_correction_with_an_n_term_is_an_error_saying_which_to_choose(tmp_path, block):
    # The N-term grades the plain score: the correction would be silently ignored.
    spec = write_exam(tmp_path, block)
    with pytest.raises(HandoutsError) as caught:
        grading_rules(load_spec(spec, tmp_path))
    message = str(caught.value)
    assert "proef.yaml:8: error:" in message  # the guessing correction's line
    assert "(line 9)" in message and "choose one" in message
    key = block.split("\n")[1].split(":")[0].strip()
    assert key in message


def test_an_n_term_alone_or_a_guessing_correction_alone_is_fine(tmp_path):
    spec = write_exam(tmp_path, "grading:\n  guessing_correction: false\n  n_term: 1.0\n")
    assert grading_rules(load_spec(spec, tmp_path)).n_term == 1
