"""Small helpers shared by the bank and spec schemas."""

from __future__ import annotations

import re
from typing import Any

from handouts.errors import Collector, SourceRef
from handouts.exam.model import DIFFICULTIES
from handouts.limits import MAX_VERSIONS
from handouts.load.schema import Schema


def positive(value: Any) -> str | None:
    return None if value > 0 else "must be more than 0"


def version_count(value: Any) -> str | None:
    if value < 1:
        return "must be more than 0"
    if value > MAX_VERSIONS:
        return (f"must be at most {MAX_VERSIONS} (each version is a PDF of its own); lower it, "
                "or build the exam again with another seed for more")
    return None


def difficulty(value: Any) -> str | None:
    return None if value in DIFFICULTIES else "must be 1 (easy), 2 or 3 (hard)"


def identifier(value: Any) -> str | None:
    if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", str(value)):
        return None
    return f"must be one word of letters, digits, - or _ (not {value!r})"


def validate(schema: Schema, data: Any, ref: SourceRef, found: Collector) -> dict:
    """`schema.validate`, without a second "needs x:" for a key that is there but wrong."""
    scratch = Collector()
    values = schema.validate(data, ref, scratch)
    present = {schema.by_name[k].name for k in (data or {}) if k in schema.by_name}
    for d in scratch.items:
        if not any(d.message.startswith(f'the {schema.what} needs "{name}:"')
                   for name in present):
            found.items.append(d)
    return values


def with_refs(entries: Any, ref: SourceRef) -> list[tuple[Any, SourceRef]]:
    """The items of a YAML list with their lines (`ref` where lines are unknown)."""
    refs = getattr(entries, "item_refs", None) or [ref] * len(entries)
    return list(zip(entries, refs, strict=True))
