"""One drawn question, placed in one version: what is printed, and what the key says.

The sampler decides which questions a version holds and in which order; this module
decides, per question type, the order of its options (or right column, or items)
and writes the matching key entry. Everything random comes from the question's own
`rng`, and every order is drawn uniformly: no order is avoided or preferred, so the
printed order says nothing about the answer.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from handouts.exam.model import (
    AnswerKey,
    Body,
    Case,
    Choice,
    ExamVersion,
    KeyEntry,
    PaperCase,
    PaperQuestion,
    PaperSection,
    Question,
    Section,
    Student,
    Unit,
)


@dataclass(frozen=True)
class Placing:
    """What a question type needs to know about the version it is placed in."""

    rng: random.Random  # this question's own draw in this version
    true_false: tuple[str, str]


@dataclass(frozen=True)
class Placed:
    paper: dict  # PaperQuestion fields for this type
    answer: str  # the grading form for key.csv
    answer_text: tuple[str, ...]


def _letter(index: int) -> str:
    return chr(ord("A") + index)


def _lettered(texts: Sequence[str]) -> tuple[Choice, ...]:
    return tuple(Choice(_letter(i), text) for i, text in enumerate(texts))


def _shuffled_options(body: Body, rng: random.Random) -> list:
    """The options with the unpinned ones in a uniformly drawn order; pinned ones stay."""
    free = [o for o in body.options if not o.pinned]
    rng.shuffle(free)
    return [o if o.pinned else free.pop() for o in body.options]


def _single(q: Question, body: Body, at: Placing) -> Placed:
    slots = _shuffled_options(body, at.rng)
    target = next(i for i, o in enumerate(slots) if o.correct)
    texts = [o.text for o in slots]
    return Placed({"choices": _lettered(texts)}, _letter(target), (slots[target].text,))


def _multiple(q: Question, body: Body, at: Placing) -> Placed:
    slots = _shuffled_options(body, at.rng)
    right = [i for i, o in enumerate(slots) if o.correct]
    choose = len(right) if q.show_count else 0
    return Placed(
        {"choices": _lettered([o.text for o in slots]), "choose": choose},
        ";".join(_letter(i) for i in right), tuple(slots[i].text for i in right),
    )


def _truefalse(q: Question, body: Body, at: Placing) -> Placed:
    letter = "A" if body.answer else "B"
    return Placed({"choices": _lettered(at.true_false)}, letter,
                  (at.true_false[0 if body.answer else 1],))


def _matching(q: Question, body: Body, at: Placing) -> Placed:
    rights = [right for _, right in body.pairs]
    column = rights + list(body.extra)
    shuffled = at.rng.sample(column, len(column))
    answer = ";".join(f"{n}={_letter(shuffled.index(r))}" for n, r in enumerate(rights, 1))
    return Placed(
        {"choices": _lettered(shuffled), "prompts": tuple(left for left, _ in body.pairs)},
        answer, tuple(f"{left} = {right}" for left, right in body.pairs),
    )


def _blanks(q: Question, body: Body, at: Placing) -> Placed:
    answer = ";".join("|".join(accepted) for accepted in body.blanks)
    return Placed({"blank_count": len(body.blanks)}, answer,
                  tuple(" / ".join(accepted) for accepted in body.blanks))


def _ordering(q: Question, body: Body, at: Placing) -> Placed:
    items = list(body.items)
    shuffled = at.rng.sample(items, len(items))
    answer = ";".join(_letter(shuffled.index(item)) for item in items)
    return Placed({"choices": _lettered(shuffled)}, answer, tuple(items))


def _open(q: Question, body: Body, at: Placing) -> Placed:
    return Placed({"lines": q.lines, "box": q.box}, " ".join(body.model_answer.split()),
                  (body.model_answer,))


def _numeric(q: Question, body: Body, at: Placing) -> Placed:
    answer = body.numeric
    assert answer is not None  # a numeric question's body always has its answer
    return Placed({"unit": answer.unit}, answer.grading(), (answer.shown("."),))


PLACERS: dict[str, Callable[[Question, Body, Placing], Placed]] = {
    "single": _single,
    "multiple": _multiple,
    "truefalse": _truefalse,
    "matching": _matching,
    "blanks": _blanks,
    "ordering": _ordering,
    "open": _open,
    "numeric": _numeric,
}


@dataclass
class VersionBuilder:
    """Builds one version from its arranged units; positions count up as it goes."""

    number: int  # 0-based
    code: str
    seed: int
    variants: dict[str, int]  # the parameter set drawn for each question that has several
    topics: dict[str, str]
    chance: Callable[[str], random.Random]  # a question's own draw in this version, by id
    true_false: tuple[str, str]

    def build(self, sections: Sequence[Section], arranged: Sequence[Sequence[Unit]],
              student: Student | None) -> ExamVersion:
        entries: list[KeyEntry] = []
        papers = []
        for section, units in zip(sections, arranged, strict=True):
            items = tuple(self._unit(unit, entries) for unit in units)
            papers.append(PaperSection(section.title, section.instructions, items))
        key = AnswerKey(self.code, self.seed, tuple(entries))
        return ExamVersion(self.code, self.number + 1, tuple(papers), key, student, self.seed)

    def _unit(self, unit: Unit, entries: list[KeyEntry]):
        if isinstance(unit, Case):
            return PaperCase(unit.title, unit.text,
                             tuple(self._question(q, entries) for q in unit.questions))
        return self._question(unit, entries)

    def _question(self, q: Question, entries: list[KeyEntry]) -> PaperQuestion:
        position = len(entries) + 1
        body = q.variants[self.variants.get(q.id, 0)]
        at = Placing(self.chance(q.id), self.true_false)
        placed = PLACERS[q.type](q, body, at)
        entries.append(KeyEntry(
            position=position, question_id=q.id, type=q.type, answer=placed.answer,
            answer_text=placed.answer_text, points=q.points,
            topic=self.topics.get(q.id, q.topic), difficulty=q.difficulty,
            feedback=body.feedback, model_answer=body.model_answer, rubric=body.rubric,
            handout=q.handout, variant=body.label, numeric=body.numeric,
        ))
        return PaperQuestion(position=position, type=q.type, points=q.points,
                             stem=body.stem, **placed.paper)
