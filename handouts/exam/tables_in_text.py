"""A table written in a question's text. An exam sets a stem as running text (bold,
italic, line breaks and pictures; see `inline.py`), so a Markdown table in it would
print as one run of words and | signs, and `{.landscape}` as it is written: an
exam's pages are never turned. Both are warnings at the question, with what to write.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from markdown_it import MarkdownIt

from handouts.errors import Diagnostic
from handouts.exam.model import Bank

_LANDSCAPE = re.compile(r"^[ \t]*\{[ \t]*\.landscape[ \t]*\}[ \t]*$", re.MULTILINE)


@functools.lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False}).enable("table")


def _has_table(text: str) -> bool:
    return "|" in text and any(t.type == "table_open" for t in _parser().parse(text))


def table_warnings(bank: Bank) -> tuple[Diagnostic, ...]:
    """A warning for every question whose text holds a table or `{.landscape}`."""
    return tuple(_warnings(bank))


def _warnings(bank: Bank) -> Iterator[Diagnostic]:
    for q in bank.questions():
        stem = q.variants[0].stem
        table, landscape = _has_table(stem), bool(_LANDSCAPE.search(stem))
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
        yield Diagnostic(q.ref, f'question "{q.id}": {message}', "warning")
