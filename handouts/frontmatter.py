"""Front matter schemas, one per document kind, declared once with their docs."""

from __future__ import annotations

from handouts.language import LANGUAGES
from handouts.leaflet.frontmatter import LEAFLET_FIELDS
from handouts.schema import Field, Schema, check_date

KINDS = ("handout", "leaflet")

COMMON_FIELDS = (
    Field("title", "the title on the cover and in the PDF's properties", required=True),
    Field("subtitle", "a line under the title", default=""),
    Field("kind", "what to make of the file", choices=KINDS, default="handout"),
    Field("language", "language of the text: nl or en (hyphenation, page labels)", choices=LANGUAGES),
    Field("author", "author shown on the cover and in the PDF's properties", default=""),
    Field("date", "date shown on the cover (e.g. 2026-09-01)", default="", check=check_date),
    Field("template", "template folder to use instead of the kind's own", default=""),
    Field("theme", "theme to use instead of the project's", default=""),
)

HANDOUT = Schema(
    "front matter",
    COMMON_FIELDS
    + (
        Field("course", "course name in the running header", default=""),
        Field("chapter", "chapter number; headings are numbered from it (3 → 3.1, 3.1.1)", default=""),
        Field("numbered", "number the headings", bool, default=True),
        Field("contents", "print a table of contents", bool, default=True),
    ),
)

LEAFLET = Schema("front matter", COMMON_FIELDS + LEAFLET_FIELDS)

# Kind → schema; the loader picks the schema by the `kind:` key or the folder.
SCHEMAS: dict[str, Schema] = {"handout": HANDOUT, "leaflet": LEAFLET}
