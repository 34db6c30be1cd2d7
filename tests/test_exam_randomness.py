"""Randomisation that gives nothing away: over many versions, the correct letters of
one version say nothing about another's.

Every test draws with a fixed seed, so it gives the same result each run; the bounds
are still set where a free draw lands with a wide margin (the reasoning is given with
each), so that another seed, or a change in how the draws are seeded, would pass as
well, while the old rule (letter = free[(offset + version) % k]) fails each one.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from itertools import pairwise

import pytest

from handouts.errors import SourceRef
from handouts.exam import sample
from handouts.exam.balance import MAX_RUN, letter_limits
from handouts.exam.model import (
    Bank,
    Blueprint,
    BlueprintRow,
    Body,
    ExamSpec,
    Option,
    Question,
    Section,
)
from handouts.exam.sampler import choice_letters

HERE = SourceRef("bank.yaml", 1)
VERSIONS = 500
QUESTIONS = 40
K = 4  # options per question, none pinned


def _single(n: int) -> Question:
    options = tuple(Option(f"vraag {n} optie {i}", correct=i == n % K) for i in range(K))
    return Question(f"q{n:02}", "single", ("rug",), 1, 1, (Body(f"Vraag {n}?", options),), HERE)


def _exam(shuffle: bool, letters: str = "random") -> tuple[ExamSpec, Bank]:
    bank = Bank(tuple(_single(n) for n in range(QUESTIONS)))
    row = BlueprintRow(SourceRef("toets.yaml", 5), ids=tuple(q.id for q in bank.units))
    section = Section("Deel 1", Blueprint((row,)), SourceRef("toets.yaml", 3), shuffle=shuffle)
    spec = ExamSpec("toets", "Toets", (section,), SourceRef("toets.yaml", 1),
                    versions=VERSIONS, seed=20261214, letters=letters)
    return spec, bank


def _letters_by_question(versions) -> list[dict[str, str]]:
    return [{e.question_id: e.answer for e in v.key.entries} for v in versions]


@pytest.fixture(scope="module", params=["random", "balanced"])
def drawn(request):
    spec, bank = _exam(shuffle=False, letters=request.param)
    versions = sample(spec, bank)
    return request.param, versions, _letters_by_question(versions), bank


def test_two_versions_agree_on_about_one_letter_in_k(drawn):
    """For versions d apart (d = 1..8, where the old rule gave 0% or 100%), the share of
    questions with the same letter: 1/k = 25% when drawn freely. Each share is a mean
    over ~20,000 question pairs (sd ~0.3 points, ~0.5 with the balance's redraws): the
    bounds 15-35% lie 20 sd away. No pair of versions may agree on 80% of 40 letters
    (a binomial(40, 1/4) tail of about 1e-12 per pair)."""
    _, versions, letters, _ = drawn
    for distance in range(1, 9):
        same = total = 0
        for a, b in zip(letters, letters[distance:], strict=False):
            same += sum(a[q] == b[q] for q in a)
            total += len(a)
        assert 0.15 < same / total < 0.35, (distance, same / total)
    worst = max(sum(a[q] == b[q] for q in a) for a, b in pairwise(letters))
    assert worst < 0.8 * QUESTIONS


def test_next_version_is_not_this_letter_plus_one(drawn):
    """'The next version's letter = this letter + 1' held always under the old rule; a
    free draw gives it 1/k = 25% of the time (499 x 40 pairs, sd 0.3 points)."""
    _, _, letters, _ = drawn
    hits = total = 0
    for a, b in pairwise(letters):
        for q in a:
            hits += b[q] == chr(65 + (ord(a[q]) - 65 + 1) % K)
            total += 1
    assert 0.15 < hits / total < 0.35, hits / total


def test_practically_every_version_has_its_own_key(drawn):
    """4^40 keys: two of 500 versions share one with a chance of about 1e-19 (the old rule
    made 4 keys in all). The letter counts vary too: all four exactly 10 happens in 0.4%
    of free draws (about 1% of balanced ones), so in far fewer than 50 of 500 versions
    (the old rule: in all)."""
    _, versions, letters, _ = drawn
    keys = {tuple(sorted(a.items())) for a in letters}
    assert len(keys) == VERSIONS
    even = sum(Counter(a.values()) == Counter(dict.fromkeys("ABCD", 10)) for a in letters)
    assert even < 50


def test_each_letter_is_as_likely_at_each_question(drawn):
    """Per question, each letter about 125 times in 500 versions (sd 9.7): 75-175 is five
    sd either side, for 160 counts."""
    _, _, letters, _ = drawn
    for q in letters[0]:
        counts = Counter(a[q] for a in letters)
        assert set(counts) == set("ABCD") and all(75 < n < 175 for n in counts.values()), q


def test_blocks_of_k_questions_do_not_hold_each_letter_once(drawn):
    """In a section that keeps its order, the old rule put A-D once in every block of 4
    questions; drawn freely a block holds 4 different letters with chance 4!/4^4 = 9.4%
    (5,000 blocks: sd 0.4 points), so in far fewer than 20% of blocks."""
    _, _, letters, _ = drawn
    blocks = all_different = 0
    for a in letters:
        ordered = [a[q] for q in sorted(a)]
        for start in range(0, QUESTIONS, K):
            blocks += 1
            all_different += len(set(ordered[start:start + K])) == K
    assert all_different / blocks < 0.2


def test_balanced_letters_are_mildly_balanced(drawn):
    """letters: balanced: no letter more than ceil(40/4) + 2 = 12 times in a version, and
    no run of more than 3 equal letters in the printed order. Drawn freely, about half
    the versions break one of the two (so more than 100 of 500 do)."""
    mode, versions, _, bank = drawn
    known = {q.id: q for q in bank.questions()}
    broken = 0
    for version in versions:
        choices = choice_letters(version, known)
        assert set(letter_limits(choices).values()) == {12}
        runs = [1]
        for a, b in pairwise(choices):
            runs.append(runs[-1] + 1 if a.letter == b.letter else 1)
        broken += max(Counter(c.letter for c in choices).values()) > 12 or max(runs) > MAX_RUN
    assert broken == 0 if mode == "balanced" else broken > 100, broken


def test_question_order_is_drawn_per_version():
    """Shuffled sections: the first question is any of the 40 about equally often
    (12.5 times each in 500 versions) and no order repeats (40! orders)."""
    spec, bank = _exam(shuffle=True)
    versions = sample(spec, bank)
    firsts = Counter(v.key.entries[0].question_id for v in versions)
    assert len(firsts) > 30 and max(firsts.values()) < 35
    assert len({tuple(e.question_id for e in v.key.entries) for v in versions}) == VERSIONS
    assert sample(replace(spec, versions=3), bank) == versions[:3]


def _small(kind: str, **fields) -> tuple[ExamSpec, Bank]:
    question = Question("q", kind, ("rug",), 1, 1, (Body("Vraag?", **fields),), HERE)
    row = BlueprintRow(SourceRef("toets.yaml", 5), ids=("q",))
    section = Section("Deel 1", Blueprint((row,)), SourceRef("toets.yaml", 3))
    spec = ExamSpec("toets", "Toets", (section,), SourceRef("toets.yaml", 1), versions=400,
                    seed=7)
    return spec, Bank((question,))


@pytest.mark.parametrize("kind, fields, in_order", [
    ("ordering", {"items": ("hals", "borst")}, "A;B"),
    ("matching", {"pairs": (("C1", "atlas"), ("C2", "draaier"))}, "1=A;2=B"),
])
def test_two_items_are_left_in_order_by_chance(kind, fields, in_order):
    """Two items were always printed swapped, so the answer was certain; now they stay
    in order half the time (400 versions: sd 2.5 points; bounds at 5 sd)."""
    spec, bank = _small(kind, **fields)
    answers = Counter(v.key.entries[0].answer for v in sample(spec, bank))
    assert 0.37 < answers[in_order] / 400 < 0.63, answers


def test_pinned_option_stays_and_the_correct_one_is_drawn_among_the_others():
    """'Geen van bovenstaande' pinned last: the correct option is A, B or C, each about a
    third of 400 versions (sd 2.4 points; bounds at 5 sd)."""
    options = (Option("7", correct=True), Option("8"), Option("14"),
               Option("Geen van bovenstaande", pinned=True))
    spec, bank = _small("single", options=options)
    versions = sample(spec, bank)
    assert all(v.questions()[0].choices[3].text == "Geen van bovenstaande" for v in versions)
    letters = Counter(v.key.entries[0].answer for v in versions)
    assert set(letters) == {"A", "B", "C"}
    assert all(0.21 < n / 400 < 0.46 for n in letters.values()), letters
