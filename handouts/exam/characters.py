"""Every character of an exam has a font: checked when the exam is loaded, at the line
of the bank or spec that wrote it, and the fonts the exam draws with named up front."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import fields, is_dataclass
from typing import Any

from handouts.errors import SourceRef
from handouts.exam.model import Bank, Case, ExamSpec
from handouts.layout.fonts import face
from handouts.layout.glyphs import check_texts, covered
from handouts.layout.theme import Theme


def check_characters(spec: ExamSpec, bank: Bank, theme: Theme) -> None:
    """Raise, at its question's (or the spec's) line, for a character no font of the
    theme has."""
    check_texts(_texts(spec, bank), theme.fonts, theme.name)


def _texts(spec: ExamSpec, bank: Bank) -> Iterator[tuple[SourceRef, str]]:
    for question in bank.questions():
        yield question.ref, "".join(_strings(question.variants))
    for unit in bank.units:
        if isinstance(unit, Case):
            yield unit.ref, unit.title + unit.text
    yield spec.ref, "".join((spec.title, spec.course, spec.instructions))
    for section in spec.sections:
        yield section.ref, section.title + section.instructions
    for student in spec.roster:
        yield student.ref, student.number + student.name


def _strings(item: Any) -> Iterator[str]:
    stack = [item]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
        elif is_dataclass(item):
            stack.extend(getattr(item, f.name) for f in fields(item))


def priming_fonts(theme: Theme, chars: set[str]) -> tuple[str, ...]:
    """Every face the exam's documents may draw `chars` with: the theme's own, and those
    of each fallback family that has one of the characters they lack."""
    own = covered(theme.body_font) | covered(theme.heading_font)
    lacking = {c for c in chars if c not in own}
    families = [theme.body_font, theme.heading_font]
    families += [f for f in theme.fallback if lacking and f not in families and not covered(f).isdisjoint(lacking)]
    return tuple(dict.fromkeys(face(family, bold, italic) for family in families
                               for bold, italic in ((False, False), (True, False), (False, True), (True, True))))
