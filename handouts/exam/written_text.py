"""Every text of an exam prints as written, or as a handout prints it (`inline.py`):
what cannot (a link to a file, a footnote, a reference to a figure) stops the build
with an error at the line of the question (the option, the case, the spec) that holds
it, and the fix. Checked once per text, before any version is made."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from markdown_it import MarkdownIt

from handouts.errors import Diagnostic, SourceRef
from handouts.exam.inline import text_problems
from handouts.exam.model import Bank, Body, Case, ExamSpec


def text_errors(spec: ExamSpec, bank: Bank) -> tuple[Diagnostic, ...]:
    """An error for every problem `text_problems` finds, each told once at its line."""
    found: dict[Diagnostic, None] = {}
    for ref, what, text, stem in _texts(spec, bank):
        for problem in text_problems(text, stem=stem):
            found[Diagnostic(ref, f"{what}: {problem}", "error")] = None
    return tuple(found)


def table_warnings(spec: ExamSpec, bank: Bank) -> tuple[Diagnostic, ...]:
    """A warning for every text that holds a table or `{.landscape}`: a question's text is
    set as running text, so a table prints as one run of words and | signs, and an exam's
    pages are never turned."""
    found: dict[Diagnostic, None] = {}
    for ref, what, text, _ in _texts(spec, bank):
        table, landscape = _has_table(text), bool(_LANDSCAPE.search(text))
        if table:
            message = ("its text holds a table, and a question's text is set as running text: the table "
                       "prints as one run of words and | signs; write its facts as sentences or as the "
                       "options, or show the table as a picture (![what it shows](tabel.png))"
                       + (", and remove {.landscape} (an exam's pages are never turned)" if landscape else ""))
        elif landscape:
            message = ("{.landscape} in its text prints as written (an exam's pages are never turned, and a "
                       "question holds no tables); remove it")
        else:
            continue
        found[Diagnostic(ref, f"{what}: {message}", "warning")] = None
    return tuple(found)


_LANDSCAPE = re.compile(r"^[ \t]*\{[ \t]*\.landscape[ \t]*\}[ \t]*$", re.MULTILINE)


@functools.lru_cache(maxsize=1)
def _table_parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False}).enable("table")


def _has_table(text: str) -> bool:
    return "|" in text and any(t.type == "table_open" for t in _table_parser().parse(text))


def _texts(spec: ExamSpec, bank: Bank) -> Iterator[tuple[SourceRef, str, str, bool]]:
    """(line, whose text, the text, whether it is a stem) for every text set as inline Markdown."""
    for unit in bank.units:
        if isinstance(unit, Case):
            yield unit.ref, f'case "{unit.id}"', unit.text, False
    for question in bank.questions():
        what = f'question "{question.id}"'
        for body in question.variants:
            yield from _body(body, question.ref, what)
    yield spec.ref, "the exam's instructions", spec.instructions, False
    for section in spec.sections:
        yield section.ref, f'section "{section.title}"', section.instructions, False


def _body(body: Body, ref: SourceRef, what: str) -> Iterator[tuple[SourceRef, str, str, bool]]:
    yield ref, what, body.stem, True
    for option in body.options:
        yield option.ref or ref, what, option.text, False
    for text in (*(side for pair in body.pairs for side in pair), *body.extra, *body.items,
                 *(answer for answers in body.blanks for answer in answers), body.model_answer,
                 *(r.element for r in body.rubric), body.feedback,
                 body.numeric.unit if body.numeric else ""):
        yield ref, what, text, False
