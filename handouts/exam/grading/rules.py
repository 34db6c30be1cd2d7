"""The spec's `grading:` (beoordeling) block: how answers are scored and graded."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from handouts.errors import Collector, SourceRef, fail
from handouts.exam.fields import validate
from handouts.exam.model import ExamSpec
from handouts.exam.numbers import parse_number
from handouts.exam.schemas import GRADING

_DUTCH = {"alles_of_niets": "all_or_nothing", "gedeeltelijk": "partial", "per_paar": "per_pair",
          "per_plaats": "per_position"}
DEFAULT_PASS_SHARE = Fraction(55, 100)  # without any cesuur: 55% of the points


@dataclass(frozen=True)
class GradingRules:
    multiple: str = "all_or_nothing"  # or "partial"
    matching: str = "per_pair"  # or "all_or_nothing"
    ordering: str = "per_position"  # or "all_or_nothing"
    pass_points: Fraction | None = None  # the cesuur in points, or
    pass_share: Fraction = DEFAULT_PASS_SHARE  # as a share of the maximum
    guessing_correction: bool = False
    n_term: Fraction | None = None  # central-exam style instead of the cesuur

    def pass_mark(self, max_score: Fraction) -> Fraction:
        """The cesuur in points for a paper worth `max_score`."""
        return self.pass_points if self.pass_points is not None else self.pass_share * max_score


def grading_rules(spec: ExamSpec) -> GradingRules:
    """The rules of `spec` (defaults where it says nothing); a wrong value is an error
    at its line."""
    raw = spec.grading
    ref = getattr(raw, "ref", spec.ref)
    found = Collector()
    values = validate(GRADING, raw, ref, found)
    found.raise_if_errors()

    def key_ref(name: str) -> SourceRef:  # the line of the key, English or Dutch
        return _written_ref(raw, name, ref)

    points, share = _pass_mark(values["pass_mark"], spec.pass_mark, key_ref("pass_mark"))
    n_term = None
    if values["n_term"] is not None:
        number = parse_number(values["n_term"])
        if number is None or not 0 <= number <= 3:
            raise fail(key_ref("n_term"), f'"n_term" must be a number from 0.0 to 3.0 (as 1.0 or 1,2), '
                                          f"not {values['n_term']!r}")
        n_term = Fraction(number)
    if n_term is not None and values["guessing_correction"]:
        raise fail(key_ref("guessing_correction"),
                   f"{_written(raw, 'guessing_correction')} and {_written(raw, 'n_term')} "
                   f"(line {key_ref('n_term').line}) cannot be used together: the N-term "
                   "grades the plain score and would ignore the guessing correction; "
                   "choose one of the two and remove the other")
    return GradingRules(
        multiple=_DUTCH.get(values["multiple"], values["multiple"]),
        matching=_DUTCH.get(values["matching"], values["matching"]),
        ordering=_DUTCH.get(values["ordering"], values["ordering"]),
        pass_points=points, pass_share=share, guessing_correction=values["guessing_correction"],
        n_term=n_term)


def _written(raw: object, name: str) -> str:
    """How the spec spells the grading key `name` (English or Dutch)."""
    spellings = [key for key, field in GRADING.by_name.items() if field.name == name]
    return next((key for key in spellings if isinstance(raw, dict) and key in raw), name)


def _written_ref(raw: object, name: str, ref: SourceRef) -> SourceRef:
    key_refs = getattr(raw, "key_refs", {})
    return key_refs.get(_written(raw, name), ref)


def _pass_mark(written: str | None, spec_points: int | None,
               ref: SourceRef) -> tuple[Fraction | None, Fraction]:
    """(cesuur in points, or None; share of the maximum) from "15", "55%" or the spec."""
    if written is None:
        return (Fraction(spec_points) if spec_points is not None else None), DEFAULT_PASS_SHARE
    text = str(written).strip()
    percent = text.endswith("%")
    number = parse_number(text[:-1] if percent else text)
    if number is None or number <= 0 or (percent and number >= 100):
        raise fail(ref, f'"pass_mark" must be points (15) or a percentage below 100 (55%), not {written!r}')
    if percent:
        return None, Fraction(number) / 100
    return Fraction(number), DEFAULT_PASS_SHARE
