"""Declared schemas for everything a user writes in YAML.

Each schema is declared once, with a line of documentation per field; the same
declaration validates input (unknown keys get a "did you mean"), fills in
defaults and documents the format (README and `describe()`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from handouts.errors import Collector, SourceRef, did_you_mean
from handouts.load.yamlfile import LinedDict

_TYPE_NAMES: dict[type, str] = {
    str: "text",
    int: "a whole number",
    float: "a number",
    bool: "true or false",
    list: "a list",
    dict: "a mapping (key: value lines)",
    dt.date: "a date (YYYY-MM-DD)",
}


# Dates as people write them by hand: 14-12-2026, 14/12/2026, 14.12.2026, 2026/12/14;
# and a YAML timestamp with a time, once read as text: 2026-12-14 09:00:00.
_WRITTEN_DATE = re.compile(r"(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})")
_DATE_AND_TIME = re.compile(r"\d{4}-\d\d?-\d\d?(?:[Tt]|\s+)\d")


def check_date(value: Any) -> str | None:
    """A problem with a date field's value, or None: a date is written YYYY-MM-DD, alone."""
    if isinstance(value, dt.datetime) or isinstance(value, str) and _DATE_AND_TIME.match(value.strip()):
        return f"must be a date alone, written YYYY-MM-DD (e.g. 2026-12-14), without a time; not {str(value)!r}"
    written = _WRITTEN_DATE.fullmatch(value.strip()) if isinstance(value, str) else None
    if written is None:
        return None
    first, month, last = written.groups()
    year, day = (first, last) if len(first) == 4 else (last, first)
    try:
        iso = dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return f"is no date that exists ({value!r}); write a real date as YYYY-MM-DD, e.g. 2026-12-14"
    return None if iso == value.strip() else f"must be written YYYY-MM-DD: {iso}, not {value!r}"


@dataclass(frozen=True)
class Field:
    name: str
    doc: str
    type: type = str
    default: Any = None
    required: bool = False
    choices: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()  # other accepted spellings, e.g. Dutch key names
    check: Callable[[Any], str | None] | None = None  # returns a problem, or None


@dataclass(frozen=True)
class Schema:
    what: str  # how the user calls this thing: "front matter", "practice file"
    fields: tuple[Field, ...]
    by_name: dict[str, Field] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        names = {}
        for f in self.fields:
            names[f.name] = f
            for alias in f.aliases:
                names[alias] = f
        object.__setattr__(self, "by_name", names)

    def validate(self, data: Any, ref: SourceRef, found: Collector) -> dict[str, Any]:
        """Checked values for every field (defaults filled in); problems go to `found`."""
        if data is None:
            data = LinedDict()
            data.ref, data.key_refs = ref, {}
        if not isinstance(data, dict):
            found.error(ref, f"the {self.what} must be a list of `key: value` lines")
            return {f.name: f.default for f in self.fields}
        values: dict[str, Any] = {}
        reported: set[str] = set()  # present but wrong: already has its own error
        for key, value in data.items():
            key_ref = data.key_ref(key) if isinstance(data, LinedDict) else ref
            spec = self.by_name.get(key)
            if spec is None:
                found.error(
                    key_ref,
                    f'unknown key "{key}" in the {self.what}'
                    f"{did_you_mean(key, self.by_name)}; known keys: "
                    + ", ".join(f.name for f in self.fields),
                )
                continue
            problem = _check_value(spec, value)
            if problem:
                found.error(key_ref, f'"{key}" {problem}')
                reported.add(spec.name)
                continue
            values[spec.name] = _coerce(spec, value)
        for spec in self.fields:
            if spec.name not in values:
                if spec.required and spec.name not in reported:
                    found.error(ref, f'the {self.what} needs "{spec.name}:" ({spec.doc})')
                values[spec.name] = spec.default
        return values

    def describe(self) -> str:
        """The schema as documentation lines, one per field."""
        lines = []
        for f in self.fields:
            extra = f" (one of: {', '.join(f.choices)})" if f.choices else ""
            need = "required" if f.required else f"default: {f.default!r}"
            lines.append(f"  {f.name}: {f.doc}{extra} [{_TYPE_NAMES[f.type]}, {need}]")
        return "\n".join(lines)


def _check_value(spec: Field, value: Any) -> str | None:
    if value is None:
        return None if not spec.required else f"needs a value ({spec.doc})"
    if spec.type is str and isinstance(value, (int, float, dt.date)) and not isinstance(value, bool):
        value = str(value)  # "chapter: 3" or "date: 2026-09-01" read as text is fine
    elif spec.type is float and isinstance(value, int) and not isinstance(value, bool):
        pass
    elif spec.type is int and isinstance(value, bool) or not isinstance(value, spec.type):
        return f"must be {_TYPE_NAMES[spec.type]}, not {value!r}"
    if spec.choices and str(value).lower() not in spec.choices:
        return (
            f"must be one of {', '.join(spec.choices)}, not {value!r}"
            f"{did_you_mean(str(value).lower(), spec.choices)}"
        )
    if spec.check:
        return spec.check(value)
    return None


def _coerce(spec: Field, value: Any) -> Any:
    if value is None:
        return spec.default
    if spec.type is str:
        text = value.isoformat() if isinstance(value, dt.date) else str(value)
        return text.lower() if spec.choices else text
    if spec.type is float:
        return float(value)
    return value
