"""Warnings for questions a student can answer without knowing the subject.

- An ordering question with two items, or a matching question with two pairs and no
  extra answers: knowing one place gives the other, and a guess is right half the time.
- A single-choice question whose correct option stands out by its form: the only one
  that starts with a lower-case letter (or a capital), or much longer than every
  distractor. Test-wise students pick the odd one out without reading.
- A parameter set that turns a question into another question of the same version
  (the "hals" set of "Hoeveel {{ regio }}wervels ...?" beside a plain question on the
  halswervels): the one answers the other.

Pure: bank and versions in, warnings at the question's line out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from handouts.errors import Diagnostic
from handouts.exam.model import Bank, Body, ExamVersion, Option, Question

_OVERLAP = 0.9  # share of the shorter question's words the other must hold as well:
# "Hoeveel ribbenparen heeft een mens?" and "Hoeveel borstwervels ..." share 4 of 5
_MIN_WORDS = 3  # shorter stems are too general to call two questions the same
_WORD = re.compile(r"\w+")
_LONGER = 1.5  # the correct option this many times the longest distractor stands out
_MIN_EXTRA = 10  # ... and at least this many characters longer ("12" beside "7" is not)


def exam_warnings(bank: Bank, versions: Sequence[ExamVersion]) -> tuple[Diagnostic, ...]:
    """Every coin-toss question of the bank, every correct option that stands out by its
    form, and every parameter set that makes a question the same as another one in a
    version."""
    return (*_coin_tosses(bank), *_odd_ones_out(bank), *_twins(bank, versions))


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


def _odd_ones_out(bank: Bank) -> Iterator[Diagnostic]:
    """Single-choice questions whose correct option differs in form from all the others,
    warned once per question and kind, at the correct option's line."""
    for q in bank.questions():
        if q.type != "single":
            continue
        found: dict[str, tuple[Option, list[str]]] = {}
        for body in q.variants:
            for kind in _stands_out(body):
                correct = next(o for o in body.options if o.correct)
                found.setdefault(kind, (correct, []))[1].append(body.label)
        for kind, (correct, labels) in found.items():
            some = "" if len(labels) == len(q.variants) else \
                f" (with parameters {'; '.join(labels)})"
            yield Diagnostic(correct.ref or q.ref, f'question "{q.id}"{some}: the correct '
                             f"option {_ODD[kind]}, which gives the answer away to a student "
                             f"who guesses; {_FIX[kind]}", "warning")


_ODD = {
    "lower": "is the only one that starts with a lower-case letter",
    "upper": "is the only one that starts with a capital",
    "long": f"is more than {_LONGER:g} times as long as the longest other option",
}
_FIX = {
    "lower": "start every option the same way (all with a capital, or all without)",
    "upper": "start every option the same way (all with a capital, or all without)",
    "long": "shorten it, or make the other options as full and precise",
}


def _stands_out(body: Body) -> list[str]:
    """How the correct option differs from every distractor: "lower", "upper", "long"."""
    right = [o for o in body.options if o.correct]
    others = [o.text.strip() for o in body.options if not o.correct]
    if len(right) != 1 or len(others) < 2:
        return []  # with one distractor there is no odd one out
    text, out = right[0].text.strip(), []
    first, rest = _first_letter(text), {_first_letter(t) for t in others}
    if first is not None and None not in rest and len(rest) == 1 and first != rest.pop():
        out.append("lower" if first else "upper")
    longest = max(len(t) for t in others)
    if len(text) > _LONGER * longest and len(text) - longest >= _MIN_EXTRA:
        out.append("long")
    return out


def _first_letter(text: str) -> bool | None:
    """True when the first letter of `text` is lower-case, False for a capital, None
    when the text starts with something else (a number, a formula)."""
    first = next((c for c in text if not c.isspace() and c not in "*_\"'‘“(¿¡"), "")
    if not first.isalpha() or first.lower() == first.upper():
        return None
    return first.islower()


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
