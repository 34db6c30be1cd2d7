"""The exam as it was printed, for grading: per version and position, the key entry,
the printed question, the bank question, and which bank option each letter stands for.

The versions are drawn again from the spec and seed (the sampler is pure), so grading
needs no file of the build; key.csv, when the exam folder holds one, is compared with
this draw so that responses are never scored against another seed's key.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from handouts.errors import SourceRef, fail
from handouts.exam.keycsv import key_csv
from handouts.exam.model import Bank, Body, ExamSpec, ExamVersion, KeyEntry, PaperQuestion, Question
from handouts.exam.sampler import sample
from handouts.load.textfile import read_text

CHOICE_TYPES = ("single", "multiple", "truefalse")


@dataclass(frozen=True)
class Item:
    """One question at one position of one version."""

    entry: KeyEntry
    paper: PaperQuestion
    question: Question
    body: Body
    options: tuple[int, ...] = ()  # choice types: the bank option of each letter, A first

    @property
    def position(self) -> int:
        return self.entry.position

    @functools.cached_property
    def letters(self) -> tuple[str, ...]:
        return tuple(c.letter for c in self.paper.choices)

    @property
    def option_count(self) -> int:
        """How many options the bank question has (truefalse: true and false)."""
        return 2 if self.question.type == "truefalse" else len(self.body.options)

    def correct_options(self) -> tuple[int, ...]:
        if self.question.type == "truefalse":
            return (0 if self.body.answer else 1,)
        return tuple(i for i, o in enumerate(self.body.options) if o.correct)


@dataclass(frozen=True)
class Paper:
    """One version as printed: its code, student (with a roster) and items by position."""

    version: ExamVersion
    items: dict[int, Item]

    @property
    def max_score(self) -> int:
        return sum(item.entry.points for item in self.items.values())


def printed_papers(spec: ExamSpec, bank: Bank) -> list[Paper]:
    """Every version of the exam, as the build with this spec and seed printed it."""
    questions = {q.id: q for q in bank.questions()}
    papers = []
    for version in sample(spec, bank):
        printed = {q.position: q for q in version.questions()}
        items = {}
        for entry in version.key.entries:
            question = questions[entry.question_id]
            body = next((b for b in question.variants if b.label == entry.variant), question.variants[0])
            paper = printed[entry.position]
            items[entry.position] = Item(entry, paper, question, body, _option_map(question, body, paper))
        papers.append(Paper(version, items))
    return papers


def _option_map(question: Question, body: Body, paper: PaperQuestion) -> tuple[int, ...]:
    """Per printed letter, the bank option it shows (texts matched in order)."""
    if question.type == "truefalse":
        return (0, 1)  # A is true, B is false (see paper.py)
    if question.type not in ("single", "multiple"):
        return ()
    free = list(range(len(body.options)))
    out = []
    for choice in paper.choices:
        index = next(i for i in free if body.options[i].text == choice.text)
        free.remove(index)
        out.append(index)
    return tuple(out)


def check_key_file(folder: Path, papers: list[Paper], shown_folder: str) -> None:
    """An error when `folder`/key.csv was written for another draw than `papers`."""
    path = folder / "key.csv"
    if not path.is_file():
        return
    shown = f"{shown_folder}/key.csv"
    written = read_text(path, shown).splitlines()
    drawn = key_csv([p.version for p in papers]).splitlines()
    for line, (old, new) in enumerate(zip(written, drawn, strict=False), 1):
        if old != new:
            raise fail(SourceRef(shown, line),
                       f"this key is not the draw of the spec as it is now (expected {new!r}); the "
                       "exam was built with another seed, roster or spec. Grade with the same --seed and "
                       "--roster as the build, or build the exam again before printing")
    if len(written) != len(drawn):
        raise fail(SourceRef(shown, min(len(written), len(drawn)) + 1),
                   f"this key has {len(written) - 1} rows, the spec's draw {len(drawn) - 1}: the exam was "
                   "built with other versions or another roster; grade with the same options as the build")
