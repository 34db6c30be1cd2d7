"""Mild balance of the correct letters within one version (`letters: balanced`).

A teacher may ask that no letter is the answer far more often than its share, and that
the answer sheet shows no long run of one letter. The sampler gets there by drawing a
version's options again, never by placing letters by a rule (a rule is what students
learn); these functions only say how far a drawn version is from balanced.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

MAX_RUN = 3  # no more than three equal letters in a row
SLACK = 2  # a letter may be the answer its expected number of times + 2


@dataclass(frozen=True)
class ChoiceLetter:
    """The correct option of one single-choice question, as printed in a version."""

    letter: int  # 0 = A
    free: tuple[int, ...]  # the places the correct option could have been drawn to


def letter_limits(choices: Sequence[ChoiceLetter]) -> dict[int, int]:
    """How often each letter may be the answer: ⌈its expected count⌉ + 2, which is
    ⌈n/k⌉ + 2 when all n questions have k free options."""
    expected: dict[int, Fraction] = {}
    for choice in choices:
        for place in choice.free:
            expected[place] = expected.get(place, Fraction(0)) + Fraction(1, len(choice.free))
    return {place: math.ceil(share) + SLACK for place, share in expected.items()}


def imbalance(choices: Sequence[ChoiceLetter], limits: dict[int, int] | None = None) -> int:
    """0 when the version is balanced; otherwise how many answers stand above their
    letter's limit or make a run longer than three (in the order printed). `limits`
    are `letter_limits(choices)`, given when known already."""
    limits = letter_limits(choices) if limits is None else limits
    counts = Counter(c.letter for c in choices)
    over = sum(max(0, n - limits.get(letter, SLACK)) for letter, n in counts.items())
    run, previous, longer = 0, None, 0
    for choice in choices:
        run = run + 1 if choice.letter == previous else 1
        previous = choice.letter
        longer += run > MAX_RUN
    return over + longer
