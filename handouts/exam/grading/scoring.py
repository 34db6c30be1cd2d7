"""One answer, as key.csv writes it, against one question: its points.

`read_answer` turns the text of a cell into an answer for the question's type, or
says what is wrong with it (a letter the question does not have, a word where a number
belongs); `score` gives the points under the spec's rules. Points are `Fraction`s, so
partial credit adds up exactly.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from handouts.exam.grading.draw import Item
from handouts.exam.grading.rules import GradingRules
from handouts.exam.numbers import parse_number

_SEPARATORS = re.compile(r"[;,\s]+")
_TRUE_FALSE_WORDS = {"juist": "A", "waar": "A", "true": "A", "j": "A", "t": "A",
                     "onjuist": "B", "onwaar": "B", "false": "B", "o": "B", "f": "B"}


class BadAnswer(ValueError):
    """A cell that cannot be an answer to its question; the text says why and what fits."""


@dataclass(frozen=True)
class Answer:
    """A student's answer to one item, read; `text` as written (empty: no answer)."""

    text: str
    letters: tuple[str, ...] = ()  # single, multiple, truefalse, ordering
    pairs: tuple[tuple[int, str], ...] = ()  # matching: (prompt number, letter)
    words: tuple[str, ...] = ()  # blanks
    number: Decimal | None = None  # numeric, open (the marker's points)


@dataclass(frozen=True)
class Scored:
    points: Fraction
    full: bool  # all the question's points
    answered: bool
    chosen: tuple[int, ...] = ()  # choice types: bank options ticked


def read_answer(item: Item, text: str) -> Answer:
    """The cell `text` as an answer to `item`; `BadAnswer` when it cannot be one."""
    text = text.strip()
    if not text:
        return Answer("")
    kind = item.question.type
    if kind in ("single", "truefalse"):
        letter = _TRUE_FALSE_WORDS.get(text.lower(), text.upper()) if kind == "truefalse" else text.upper()
        return Answer(text, (_letter(item, letter),))
    if kind in ("multiple", "ordering"):
        tokens = [t for t in _SEPARATORS.split(text.upper()) if t]
        if len(tokens) == 1 and len(tokens[0]) > 1 and tokens[0].isalpha():
            tokens = list(tokens[0])  # "AD" for "A;D"
        letters = tuple(_letter(item, t) for t in tokens)
        if kind == "ordering" and len(set(letters)) != len(letters):
            raise BadAnswer(f"{text!r} names a letter twice; an order names each of "
                            f"{', '.join(item.letters)} once, as B;C;A")
        return Answer(text, tuple(dict.fromkeys(letters)) if kind == "multiple" else letters)
    if kind == "matching":
        return Answer(text, pairs=_pairs(item, text))
    if kind == "blanks":
        return Answer(text, words=tuple(w.strip() for w in text.split(";")))
    number = parse_number(text)
    if number is None:
        what = "the points the marker gave" if kind == "open" else "a number"
        raise BadAnswer(f"{text!r} is not a number; this question takes {what}, as 7 or 7,5")
    if kind == "open" and number < 0:
        raise BadAnswer(f"{text!r}: the marker's points are 0 to {item.entry.points}")
    return Answer(text, number=number)


def _letter(item: Item, token: str) -> str:
    if token not in item.letters:
        raise BadAnswer(f"question {item.position} has no option {token!r}; its letters are "
                        f"{', '.join(item.letters)}")
    return token


def _pairs(item: Item, text: str) -> tuple[tuple[int, str], ...]:
    pairs = []
    count = len(item.paper.prompts)
    for part in (p.strip() for p in text.split(";") if p.strip()):
        number, _, letter = part.partition("=")
        if not number.strip().isdigit() or not 1 <= int(number) <= count or not letter.strip():
            raise BadAnswer(f"{part!r} is not a pair; write number=letter for the numbers 1 to {count}, "
                            "as 1=C;2=A")
        pairs.append((int(number), _letter(item, letter.strip().upper())))
    return tuple(pairs)


def score(item: Item, answer: Answer, rules: GradingRules) -> Scored:
    """The points `answer` earns on `item` under `rules`."""
    points = Fraction(item.entry.points)
    if not answer.text:
        return Scored(Fraction(0), False, False)
    share, chosen = _share(item, answer, rules)
    return Scored(points * share, share == 1, True, chosen)


def _share(item: Item, answer: Answer, rules: GradingRules) -> tuple[Fraction, tuple[int, ...]]:
    """The share of the points earned, and the bank options chosen."""
    kind = item.question.type
    key = item.entry.answer
    if kind in ("single", "truefalse"):
        chosen = tuple(item.options[item.letters.index(x)] for x in answer.letters)
        return Fraction(answer.letters[0] == key), chosen
    if kind == "multiple":
        chosen = tuple(sorted(item.options[item.letters.index(x)] for x in answer.letters))
        return multiple_share(set(answer.letters), set(key.split(";")), rules), chosen
    if kind == "matching":
        right = dict(p.split("=") for p in key.split(";"))
        hits = sum(1 for n, letter in dict(answer.pairs).items() if right.get(str(n)) == letter)
        return _parts(hits, len(right), rules.matching == "all_or_nothing"), ()
    if kind == "ordering":
        order = key.split(";")
        hits = sum(1 for given, right in zip(answer.letters, order, strict=False) if given == right)
        return _parts(hits, len(order), rules.ordering == "all_or_nothing"), ()
    if kind == "blanks":
        accepted = item.body.blanks
        hits = sum(1 for given, ok in zip(answer.words, accepted, strict=False)
                   if _fold(given) in {_fold(a) for a in ok})
        return Fraction(hits, len(accepted)), ()
    if kind == "numeric":
        numeric = item.entry.numeric
        assert numeric is not None and answer.number is not None  # a numeric question's entry has its range
        return Fraction(numeric.low <= answer.number <= numeric.high), ()
    # open: the marker's points, at most the question's
    assert answer.number is not None  # an open question's cell holds the marker's points
    return min(Fraction(answer.number) / item.entry.points, Fraction(1)), ()


def multiple_share(given: set[str], right: set[str], rules: GradingRules) -> Fraction:
    if rules.multiple == "all_or_nothing":
        return Fraction(given == right)
    # partial: each correct option ticked earns its share, each wrong one costs as much
    hits, misses = len(given & right), len(given - right)
    return max(Fraction(0), Fraction(hits - misses, len(right)))


def _parts(hits: int, count: int, whole: bool) -> Fraction:
    return Fraction(hits == count) if whole else Fraction(hits, count)


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def guessing_score(item: Item, rules: GradingRules) -> Fraction:
    """The points expected from guessing alone: every answer the paper allows equally
    likely (choice questions, matching and ordering; nothing for written answers)."""
    points = Fraction(item.entry.points)
    kind = item.question.type
    n = len(item.letters)
    if kind in ("single", "truefalse"):
        return points / n
    if kind == "multiple":
        right = set(item.entry.answer.split(";"))
        sizes = [item.paper.choose] if item.paper.choose else range(1, n + 1)
        picks = [set(c) for k in sizes for c in itertools.combinations(item.letters, k)]
        return points * sum(multiple_share(p, right, rules) for p in picks) / len(picks)
    if kind == "matching":
        pairs = len(item.paper.prompts)
        if rules.matching == "all_or_nothing":
            return points / math.perm(n, pairs)
        return points / n
    if kind == "ordering":
        return points / (math.factorial(n) if rules.ordering == "all_or_nothing" else n)
    return Fraction(0)
