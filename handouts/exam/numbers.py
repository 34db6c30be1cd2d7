"""Numeric answers: a number as a teacher writes it (`7,5` or `7.5`), a tolerance
(`0.5` or `5%`), and the forms the answer key and key.csv print.

Numbers are kept as `Decimal`s, so "7,5 ± 8%" gives 6,9 – 8,1 exactly, not
6.8999999. key.csv always writes a decimal point (`7.5±0.5`): it is read by
spreadsheets and scripts; the key PDF writes the exam language's separator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

# One decimal separator, either kind; no thousands separators (is 1.000 a thousand?).
_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)")
_MINUS = "\u2212"  # a typographic minus, as a copied text may hold


def parse_number(value: Any) -> Decimal | None:
    """`value` (a YAML number, or text such as "7,5", "-3" or "0.25") as a Decimal;
    None when it is not one plain number."""
    if isinstance(value, bool) or value is None:
        return None
    text = str(value).strip().replace(_MINUS, "-")
    if not _NUMBER.fullmatch(text):
        return None
    return Decimal(text.replace(",", "."))


def parse_tolerance(value: Any) -> tuple[Decimal, bool] | None:
    """A tolerance: (amount, is a percentage), from `0.5`, `"0,5"` or `"5%"`; None
    when it is neither, or below zero."""
    text = str(value).strip() if value is not None and not isinstance(value, bool) else ""
    percent = text.endswith("%")
    amount = parse_number(text[:-1] if percent else text)
    if amount is None or amount < 0:
        return None
    return amount, percent


def plain(number: Decimal, decimal: str = ".") -> str:
    """`number` without trailing zeros or exponent: 7.50 → "7.5", 1E+1 → "10"."""
    text = format(number.normalize(), "f")
    if text in ("-0", "+0"):
        text = "0"
    return text.replace(".", decimal)


@dataclass(frozen=True)
class NumericAnswer:
    value: Decimal
    tolerance: Decimal = Decimal(0)
    percent: bool = False  # the tolerance is a share of the value
    unit: str = ""  # printed after the answer box, and in the key

    @property
    def margin(self) -> Decimal:
        """How far an accepted answer may lie from the value."""
        return abs(self.value) * self.tolerance / 100 if self.percent else self.tolerance

    @property
    def low(self) -> Decimal:
        return self.value - self.margin

    @property
    def high(self) -> Decimal:
        return self.value + self.margin

    def grading(self) -> str:
        """key.csv's form: `7`, `7±0.5` or `12±5%` (always with a decimal point)."""
        if not self.tolerance:
            return plain(self.value)
        return f"{plain(self.value)}±{plain(self.tolerance)}{'%' if self.percent else ''}"

    def shown(self, decimal: str) -> str:
        """The key's form, with the language's decimal separator: `7,5 (6,9 – 8,1) cm`."""
        text = plain(self.value, decimal)
        if self.tolerance:
            text += f" ({plain(self.low, decimal)} – {plain(self.high, decimal)})"
        return f"{text} {self.unit}" if self.unit else text
