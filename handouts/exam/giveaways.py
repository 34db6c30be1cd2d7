"""Warnings for questions a student can answer without knowing the subject.

- An ordering question with two items, or a matching question with two pairs and no
  extra answers: knowing one place gives the other, and a guess is right half the time.
- A parameter set that turns a question into another question of the same version
  (the "hals" set of "Hoeveel {{ regio }}wervels ...?" beside a plain question on the
  halswervels): the one answers the other.

Pure: bank and versions in, warnings at the question's line out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from handouts.errors import Diagnostic
from handouts.exam.model import Bank, Body, ExamVersion, Question

_OVERLAP = 0.9  # share of the shorter question's words the other must hold as well:
# "Hoeveel ribbenparen heeft een mens?" and "Hoeveel borstwervels ..." share 4 of 5
_MIN_WORDS = 3  # shorter stems are too general to call two questions the same
_WORD = re.compile(r"\w+")


def exam_warnings(bank: Bank, versions: Sequence[ExamVersion]) -> tuple[Diagnostic, ...]:
    """Every coin-toss question of the bank, and every parameter set that makes a
    question the same as another one in a version."""
    return (*_coin_tosses(bank), *_twins(bank, versions))


def _coin_tosses(bank: Bank) -> Iterator[Diagnostic]:
    for q in bank.questions():
        body = q.variants[0]
        if q.type == "ordering" and len(body.items) == 2:
            yield Diagnostic(q.ref, f'question "{q.id}": with only 2 items to put in order, '
                             "a student who knows one place knows the other, and a guess is "
                             "right half the time; add a third item, or ask it as a "
                             "true/false statement", "warning")
        elif q.type == "matching" and len(body.pairs) == 2 and not body.extra:
            yield Diagnostic(q.ref, f'question "{q.id}": with only 2 pairs and no extra '
                             "answers, matching one pair gives away the other; add a pair, "
                             "or an extra answer that matches nothing (extra:)", "warning")


def _twins(bank: Bank, versions: Sequence[ExamVersion]) -> Iterator[Diagnostic]:
    """Pairs (parametric question and set, other question and set) that ask the same,
    reported once, with a version that holds both."""
    questions = list(bank.questions())
    candidates = {}
    for i, q in enumerate(questions):
        for other in questions[i + 1:]:
            if len(q.variants) == 1 and len(other.variants) == 1:
                continue  # two plain questions: not a parameter set's doing
            first, second = (q, other) if len(q.variants) > 1 else (other, q)
            for a in first.variants:
                for b in second.variants:
                    if _same_question(first, a, second, b):
                        candidates[(first.id, a.label, second.id, b.label)] = (first, second)
    if not candidates:
        return
    for version in versions:
        held = {(e.question_id, e.variant) for e in version.key.entries}
        for key in list(candidates):
            first_id, first_set, second_id, second_set = key
            if (first_id, first_set) in held and (second_id, second_set) in held:
                first, second = candidates.pop(key)
                also = f" with parameters {second_set}" if second_set else ""
                yield Diagnostic(first.ref, f'question "{first.id}" with parameters '
                                 f'{first_set} asks the same as question "{second.id}"{also} '
                                 f"({second.ref}), and version {version.code} holds both; "
                                 "change or drop that parameter set, or draw the two from "
                                 "different blueprint rows so they never meet", "warning")


def _same_question(q: Question, a: Body, other: Question, b: Body) -> bool:
    """The same stem without a different answer, or stems that share most words and
    the same answer."""
    answer_a, answer_b = _answer(q, a), _answer(other, b)
    known = bool(answer_a and answer_b)
    if known and not _answers_meet(q, answer_a, other, answer_b):
        return False
    words_a, words_b = set(_words(a.stem)), set(_words(b.stem))
    if _words(a.stem) == _words(b.stem):
        return True
    shorter = min(len(words_a), len(words_b))
    return known and shorter >= _MIN_WORDS and len(words_a & words_b) / shorter >= _OVERLAP


def _answers_meet(q: Question, answer_a: frozenset[str], other: Question,
                  answer_b: frozenset[str]) -> bool:
    if "multiple" in (q.type, other.type):
        return answer_a == answer_b  # all correct options together are the answer
    return bool(answer_a & answer_b)  # one accepted answer in common


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _answer(q: Question, body: Body) -> frozenset[str]:
    """The answers a student could give, in words; empty where words do not say it."""
    if q.type in ("single", "multiple"):
        return frozenset(" ".join(_words(o.text)) for o in body.options if o.correct)
    if q.type == "blanks" and len(body.blanks) == 1:
        return frozenset(" ".join(_words(a)) for a in body.blanks[0])
    return frozenset()
