"""Scoring rules: every question type against answers as key.csv writes them."""

from __future__ import annotations

from fractions import Fraction

import pytest
from grading_fixture import letter_of, papers_of, write_exam

from handouts.exam.grading.rules import GradingRules
from handouts.exam.grading.scoring import BadAnswer, guessing_score, read_answer, score

ALL_OR_NOTHING = GradingRules()
PARTIAL = GradingRules(multiple="partial")
WHOLE = GradingRules(matching="all_or_nothing", ordering="all_or_nothing")


@pytest.fixture(scope="module")
def paper(tmp_path_factory):
    root = tmp_path_factory.mktemp("scoring")
    return papers_of(write_exam(root), root)[0]


def item(paper, qid):
    return next(i for i in paper.items.values() if i.entry.question_id == qid)


def points(paper, qid, text, rules=ALL_OR_NOTHING):
    found = item(paper, qid)
    return score(found, read_answer(found, text), rules).points


def test_single_choice_is_right_or_wrong_and_lowercase_letters_count(paper):
    right = letter_of(paper, "q-single", 0)
    wrong = letter_of(paper, "q-single", 1)
    assert points(paper, "q-single", right) == 1
    assert points(paper, "q-single", right.lower()) == 1
    assert points(paper, "q-single", wrong) == 0
    assert points(paper, "q-single", "") == 0


def test_multiple_all_or_nothing_and_partial(paper):
    a, b = letter_of(paper, "q-multi", 0), letter_of(paper, "q-multi", 1)
    wrong = letter_of(paper, "q-multi", 2)
    assert points(paper, "q-multi", f"{a};{b}") == 2
    assert points(paper, "q-multi", f"{b};{a}") == 2  # order does not matter
    assert points(paper, "q-multi", a) == 0
    # partial: 2 points over 2 correct options, 1 per correct one, minus 1 per wrong one
    assert points(paper, "q-multi", a, PARTIAL) == 1
    assert points(paper, "q-multi", f"{a};{b};{wrong}", PARTIAL) == 1
    assert points(paper, "q-multi", f"{a};{wrong}", PARTIAL) == 0
    assert points(paper, "q-multi", wrong, PARTIAL) == 0  # never below 0


def test_truefalse_takes_the_letter_or_the_word(paper):
    assert points(paper, "q-tf", "A") == 1
    assert points(paper, "q-tf", "juist") == 1
    assert points(paper, "q-tf", "B") == 0


def test_matching_per_pair_or_all_or_nothing(paper):
    key = item(paper, "q-match").entry.answer  # "1=C;2=A;3=D"
    pairs = key.split(";")
    assert points(paper, "q-match", key) == 3
    one_wrong = ";".join(pairs[:2] + ["3=" + next(x for x in "ABCD" if f"3={x}" != pairs[2])])
    assert points(paper, "q-match", one_wrong) == 2
    assert points(paper, "q-match", one_wrong, WHOLE) == 0
    assert points(paper, "q-match", ";".join(pairs[:1])) == 1  # the other pairs unanswered


def test_ordering_per_position_or_all_or_nothing(paper):
    key = item(paper, "q-order").entry.answer.split(";")
    assert points(paper, "q-order", ";".join(key)) == 3
    swapped = [key[1], key[0], key[2]]
    assert points(paper, "q-order", ";".join(swapped)) == 1
    assert points(paper, "q-order", ";".join(swapped), WHOLE) == 0
    assert points(paper, "q-order", "".join(key)) == 3  # "BCA" for "B;C;A"


def test_blanks_accept_alternatives_ignoring_case_and_spaces(paper):
    assert points(paper, "q-blank", "cervicaal;lumbaal") == 2
    assert points(paper, "q-blank", "  Cervicale   Wervels ; LUMBAAL ") == 2
    assert points(paper, "q-blank", "cervicaal;thoracaal") == 1
    assert points(paper, "q-blank", "lumbaal;cervicaal") == 0


def test_numeric_within_the_tolerance(paper):
    assert points(paper, "q-num", "7,5") == 1
    assert points(paper, "q-num", "7") == 1  # 7.5 - 0.5: the edge counts
    assert points(paper, "q-num", "8.0") == 1
    assert points(paper, "q-num", "8.01") == 0


def test_open_takes_the_markers_points_capped(paper):
    assert points(paper, "q-open", "2") == 2
    assert points(paper, "q-open", "1,5") == Fraction(3, 2)
    assert points(paper, "q-open", "5") == 3


@pytest.mark.parametrize(("qid", "text", "says"), [
    ("q-single", "E", "has no option 'E'"),
    ("q-multi", "A;Z", "has no option 'Z'"),
    ("q-match", "4=A", "number=letter for the numbers 1 to 3"),
    ("q-order", "A;A;B", "names a letter twice"),
    ("q-num", "zeven", "is not a number"),
    ("q-open", "-1", "0 to 3"),
])
def test_an_answer_the_question_cannot_have_is_refused(paper, qid, text, says):
    with pytest.raises(BadAnswer, match=says):
        read_answer(item(paper, qid), text)


def test_guessing_scores(paper):
    assert guessing_score(item(paper, "q-single"), ALL_OR_NOTHING) == Fraction(1, 4)
    assert guessing_score(item(paper, "q-tf"), ALL_OR_NOTHING) == Fraction(1, 2)
    # "choose 2" of 4: one of the 6 pairs is right
    assert guessing_score(item(paper, "q-multi"), ALL_OR_NOTHING) == Fraction(2, 6)
    assert guessing_score(item(paper, "q-order"), GradingRules()) == Fraction(3, 3)
    assert guessing_score(item(paper, "q-open"), ALL_OR_NOTHING) == 0
