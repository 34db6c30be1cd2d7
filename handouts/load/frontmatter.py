"""Front matter schemas: the fields every Markdown document may carry, declared once
with their docs, and each kind's own fields from its wing (see `handouts.kinds`)."""

from __future__ import annotations

import functools

from handouts.kinds import MARKDOWN_KINDS, named
from handouts.language import LANGUAGES
from handouts.load.schema import Field, Schema, check_date

KINDS = tuple(MARKDOWN_KINDS)

COMMON_FIELDS = (
    Field("title", "the title on the cover and in the PDF's properties", required=True),
    Field("subtitle", "a line under the title", default=""),
    Field("kind", "what to make of the file", choices=KINDS, default="handout"),
    Field("language", "language of the text: nl, en, de, fr, pl, tr or ar (hyphenation, page labels)", choices=LANGUAGES),
    Field("author", "author shown on the cover and in the PDF's properties", default=""),
    Field("date", "date shown on the cover (e.g. 2026-09-01)", default="", check=check_date),
    Field("template", "template folder to use instead of the kind's own", default=""),
    Field("theme", "theme to use instead of the project's", default=""),
)


@functools.cache
def schema(kind: str) -> Schema:
    """The front matter schema of `kind`: the common fields and the kind's own."""
    return Schema("front matter", COMMON_FIELDS + named(MARKDOWN_KINDS[kind].fields))
