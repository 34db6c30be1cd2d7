"""The front matter fields of a handout, added to the common ones
(`handouts.load.frontmatter.COMMON_FIELDS`) for `kind: handout`."""

from __future__ import annotations

from handouts.load.schema import Field

HANDOUT_FIELDS = (
    Field("course", "course name in the running header", default=""),
    Field("chapter", "chapter number; headings are numbered from it (3 → 3.1, 3.1.1)", default=""),
    Field("numbered", "number the headings", bool, default=True),
    Field("contents", "print a table of contents", bool, default=True),
)
