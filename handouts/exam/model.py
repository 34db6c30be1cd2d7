"""What an exam is made of, from the bank a teacher writes to the versions we print.

Three groups of frozen dataclasses, one per stage:
- the bank: `Question` (with one `Body` per parameter set), `Case`, `Bank`;
- the spec: `ExamSpec` with its `Section`s, each with a `Blueprint` of `BlueprintRow`s,
  and an optional roster of `Student`s;
- the sampled result: `ExamVersion` (what a student sees: `PaperSection`,
  `PaperCase`, `PaperQuestion`, `Choice`) with its `AnswerKey` (`KeyEntry`, `KeyRow`).

What a student sees and what the key says are kept apart on purpose: nothing in the
paper classes knows which answer is correct, so a template cannot leak it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from handouts.errors import SourceRef
from handouts.exam.numbers import NumericAnswer

# Canonical question types, with what a teacher can write for them.
QUESTION_TYPES: dict[str, str] = {
    "single": "one correct option (meerkeuze)",
    "multiple": "one or more correct options (meer antwoorden mogelijk)",
    "truefalse": "a statement that is true or false (juist/onjuist)",
    "matching": "pairs to link, the right column shuffled and lettered (koppelen)",
    "blanks": "one or more ___ in a sentence, accepted answers per blank (invullen)",
    "ordering": "items to put in order (volgorde)",
    "open": "an open answer with a model answer and a rubric (open vraag)",
    "numeric": "a number, with a tolerance and an optional unit (getal)",
}
TYPE_ALIASES: dict[str, str] = {
    "meerkeuze": "single",
    "meerdere": "multiple",
    "meer-antwoorden": "multiple",
    "juist-onjuist": "truefalse",
    "waar-onwaar": "truefalse",
    "koppelen": "matching",
    "invullen": "blanks",
    "volgorde": "ordering",
    "getal": "numeric",
}
DIFFICULTIES = (1, 2, 3)


# ---- the bank ---------------------------------------------------------------


@dataclass(frozen=True)
class Option:
    text: str
    correct: bool = False
    pinned: bool = False  # stays at its place, e.g. "geen van bovenstaande" last
    ref: SourceRef | None = field(default=None, compare=False)  # its line, for warnings


@dataclass(frozen=True)
class RubricItem:
    element: str
    points: int


@dataclass(frozen=True)
class Body:
    """The content of a question for one parameter set (or the only one)."""

    stem: str
    options: tuple[Option, ...] = ()  # single, multiple
    answer: bool | None = None  # truefalse
    pairs: tuple[tuple[str, str], ...] = ()  # matching: (left, right)
    extra: tuple[str, ...] = ()  # matching: right-hand answers that match nothing
    blanks: tuple[tuple[str, ...], ...] = ()  # blanks: accepted answers per ___
    items: tuple[str, ...] = ()  # ordering, in the correct order
    model_answer: str = ""  # open
    rubric: tuple[RubricItem, ...] = ()  # open
    numeric: NumericAnswer | None = None  # numeric
    feedback: str = ""
    label: str = ""  # the parameter set, e.g. "regio=hals, aantal=7"


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    tags: tuple[str, ...]
    difficulty: int
    points: int
    variants: tuple[Body, ...]  # one per parameter set; one when there are none
    ref: SourceRef
    handout: str = ""  # the handout section it tests
    show_count: bool = True  # multiple: say how many options are correct
    lines: int = 0  # open: answer lines
    box: float = 0.0  # open: height of an answer box in cm (instead of lines)
    case: str = ""  # id of the case group it belongs to

    @property
    def topic(self) -> str:
        return self.tags[0] if self.tags else ""


@dataclass(frozen=True)
class Case:
    """A shared text with sub-questions that stay together and in order."""

    id: str
    title: str
    text: str
    questions: tuple[Question, ...]
    ref: SourceRef


Unit = Question | Case  # what the sampler draws: one question or a whole case


@dataclass(frozen=True)
class Topic:
    tag: str
    name: str


@dataclass(frozen=True)
class Bank:
    units: tuple[Unit, ...]
    topics: tuple[Topic, ...] = ()  # declared tags; empty means any tag is fine
    paths: tuple[str, ...] = ()

    def questions(self) -> Iterator[Question]:
        for unit in self.units:
            yield from unit_questions(unit)

    def topic_name(self, tag: str) -> str:
        for topic in self.topics:
            if topic.tag == tag:
                return topic.name
        return tag


def unit_questions(unit: Unit) -> tuple[Question, ...]:
    return unit.questions if isinstance(unit, Case) else (unit,)


# ---- the spec ---------------------------------------------------------------


@dataclass(frozen=True)
class BlueprintRow:
    """How many questions of which tags, difficulty and type; or explicit ids."""

    ref: SourceRef
    count: int = 0
    tags: tuple[str, ...] = ()
    difficulty: int | None = None
    type: str | None = None
    ids: tuple[str, ...] = ()

    def describe(self) -> str:
        if self.ids:
            return "ids " + ", ".join(self.ids)
        parts = [f"tags [{', '.join(self.tags)}]" if self.tags else "any tags"]
        if self.difficulty is not None:
            parts.append(f"difficulty {self.difficulty}")
        if self.type:
            parts.append(f"type {self.type}")
        return ", ".join(parts)


@dataclass(frozen=True)
class Blueprint:
    rows: tuple[BlueprintRow, ...]


@dataclass(frozen=True)
class Section:
    title: str
    blueprint: Blueprint
    ref: SourceRef
    instructions: str = ""
    shuffle: bool = True


@dataclass(frozen=True)
class Student:
    number: str
    name: str
    ref: SourceRef
    group: str = ""  # the class (klas), when the roster has a column for it


@dataclass(frozen=True)
class ExamSpec:
    id: str
    title: str
    sections: tuple[Section, ...]
    ref: SourceRef
    banks: tuple[str, ...] = ()  # paths of the bank files, as the build should open them
    course: str = ""
    date: dt.date | str | None = None
    duration: int | None = None  # minutes
    language: str = "nl"
    instructions: str = ""
    versions: int = 4
    roster: tuple[Student, ...] = ()
    seed: int = 1
    pass_mark: int | None = None
    same_questions: bool = True  # every version holds the same questions, reordered
    class_field: bool = False  # a Klas line on the cover
    marker_box: bool = False  # a box on the cover for points and grade
    theme: str = ""  # the exam's own theme; the project's when empty
    letters: str = "random"  # "balanced": no letter far above its share, no long runs
    answer_sheet: bool = False  # an answer sheet per version, after each paper
    grading: dict | None = None  # the spec's grading: block, read by exam/grading/rules.py

    @property
    def version_count(self) -> int:
        return len(self.roster) or self.versions


# ---- the sampled versions ---------------------------------------------------


@dataclass(frozen=True)
class Choice:
    letter: str
    text: str


@dataclass(frozen=True)
class PaperQuestion:
    """A question as printed for the student: nothing here says what is correct."""

    position: int
    type: str
    points: int
    stem: str
    choices: tuple[Choice, ...] = ()  # options, right column, or items to order
    prompts: tuple[str, ...] = ()  # matching: the left column, numbered
    blank_count: int = 0
    choose: int = 0  # multiple: how many to tick, 0 for "meer antwoorden mogelijk"
    lines: int = 0
    box: float = 0.0
    unit: str = ""  # numeric: printed after the answer box


@dataclass(frozen=True)
class PaperCase:
    title: str
    text: str
    questions: tuple[PaperQuestion, ...]


PaperItem = PaperQuestion | PaperCase


@dataclass(frozen=True)
class PaperSection:
    title: str
    instructions: str
    items: tuple[PaperItem, ...]

    def questions(self) -> tuple[PaperQuestion, ...]:
        out: list[PaperQuestion] = []
        for item in self.items:
            out.extend(item.questions if isinstance(item, PaperCase) else (item,))
        return tuple(out)

    @property
    def points(self) -> int:
        return sum(q.points for q in self.questions())


@dataclass(frozen=True)
class KeyRow:
    """One line of key.csv, in its column order."""

    version: str
    position: int
    question_id: str
    type: str
    answer: str
    points: int
    student_number: str = ""  # with a roster: whose version this is
    student_name: str = ""


@dataclass(frozen=True)
class KeyEntry:
    position: int
    question_id: str
    type: str
    answer: str  # the grading form: "C", "A;C", "1=C;2=A", "7|zeven;12"
    answer_text: tuple[str, ...]  # the correct answer(s) in words, for the key PDF
    points: int
    topic: str
    difficulty: int
    feedback: str = ""
    model_answer: str = ""
    rubric: tuple[RubricItem, ...] = ()
    handout: str = ""
    variant: str = ""  # the parameter set drawn for this version
    numeric: NumericAnswer | None = None  # numeric: the value and accepted range


@dataclass(frozen=True)
class BlueprintCell:
    topic: str
    counts: tuple[int, int, int]  # questions at difficulty 1, 2, 3
    points: int


@dataclass(frozen=True)
class AnswerKey:
    version: str
    seed: int
    entries: tuple[KeyEntry, ...]

    @property
    def total_points(self) -> int:
        return sum(e.points for e in self.entries)

    def rows(self) -> tuple[KeyRow, ...]:
        return tuple(
            KeyRow(self.version, e.position, e.question_id, e.type, e.answer, e.points)
            for e in self.entries
        )

    def blueprint_table(self) -> tuple[BlueprintCell, ...]:
        """Topics x difficulty: how many questions and points, in order of appearance."""
        counts: dict[str, list[int]] = {}
        points: dict[str, int] = {}
        for e in self.entries:
            counts.setdefault(e.topic, [0, 0, 0])[e.difficulty - 1] += 1
            points[e.topic] = points.get(e.topic, 0) + e.points
        return tuple(
            BlueprintCell(topic, (c[0], c[1], c[2]), points[topic])
            for topic, c in counts.items()
        )


@dataclass(frozen=True)
class ExamVersion:
    code: str  # "A", "B", ... printed on every page
    number: int  # 1-based
    sections: tuple[PaperSection, ...]
    key: AnswerKey
    student: Student | None = None
    seed: int = 0

    @property
    def total_points(self) -> int:
        return sum(s.points for s in self.sections)

    def questions(self) -> tuple[PaperQuestion, ...]:
        return tuple(q for s in self.sections for q in s.questions())
