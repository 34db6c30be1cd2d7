"""The front matter of a patient leaflet: its own fields, declared once with docs.

The common fields (title, subtitle, language, template, theme, ...) come from
`handouts.load.frontmatter.COMMON_FIELDS`; these are added for `kind: leaflet`:

```
---
title: Minder last van uw rug
subtitle: Wat u zelf kunt doen tegen pijn onder in uw rug
series: Voorlichting Fysiotherapie
number: 4
fold: trifold
reviewed: 2026-09-01
version: 2026-1
publisher: "Uitgave: Werkgroep Voorlichting Fysiotherapie"
cover: figures/omslag.svg
---
```
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from handouts.errors import SourceRef, display_path, fail
from handouts.leaflet.folds import FOLDS
from handouts.load.figurefile import address_problem, on_disk
from handouts.load.project_files import outside_problem, project_file
from handouts.load.schema import Field, check_date

IMAGE_TYPES = (".svg", ".png", ".jpg", ".jpeg")


def _check_image(value: Any) -> str | None:
    if Path(str(value)).suffix.lower() not in IMAGE_TYPES:
        return f"must be an image file ({', '.join(IMAGE_TYPES)}), not {value!r}"
    return None


LEAFLET_FIELDS = (
    Field("series", 'the series, e.g. "Voorlichting Fysiotherapie"', default=""),
    Field("number", "the leaflet's number in the series, e.g. 4", default=""),
    Field("fold", "how the leaflet is folded", default="trifold", choices=FOLDS),
    Field("reviewed", "date of the last review, printed as 'laatst herzien'", type=dt.date,
          aliases=("review_date",), check=check_date),
    Field("version", "a version code printed on the back beside the review date, e.g. 2026-1",
          default=""),
    Field("edition", "large: the large-print edition of this text (body 16 pt or more)",
          default="standard", choices=("standard", "large")),
    Field("publisher", "the publisher line on the back", default=""),
    Field("cover", "cover image, relative to the leaflet file", check=_check_image),
    Field("cover_alt", "what the cover image shows (not printed; not yet carried in the PDF)", default=""),
    Field("qr", "print a QR code to the practice's website on the back", type=bool,
          default=True),
    Field("numbered", "number the headings (leaflets usually do not)", type=bool,
          default=False),
    Field("allow_words", "long words the text explains; not flagged as too long",
          type=list, default=[]),
)


@dataclass(frozen=True)
class LeafletMeta:
    """A leaflet's checked front matter, the fields the leaflet layout uses."""

    title: str
    subtitle: str
    series: str
    number: str
    language: str
    fold: str
    reviewed: dt.date | None
    version: str
    edition: str
    publisher: str
    cover: Path | None
    cover_alt: str
    qr: bool
    allow_words: tuple[str, ...]


def leaflet_meta(meta: dict[str, Any], source: Path, shown: str) -> LeafletMeta:
    """The leaflet fields of a document's front matter; a missing cover is an error."""
    cover = None
    if meta.get("cover"):
        problem = address_problem(str(meta["cover"]))
        if problem:
            raise fail(SourceRef(shown, key_line(source, "cover")), f'the cover image "{meta["cover"]}" {problem}')
        cover = project_file(meta["cover"], Path(source))
        if cover is None:
            raise fail(SourceRef(shown, key_line(source, "cover")),
                       outside_problem("cover image", meta["cover"], Path(source)))
        cover = on_disk(cover) or cover  # the name in either Unicode form
        if not cover.is_file():
            raise fail(SourceRef(shown, key_line(source, "cover")),
                       f'cover image "{meta["cover"]}" not found (looked for '
                       f"{display_path(cover)}); check the file name")
    return LeafletMeta(
        title=meta["title"] or "",
        subtitle=meta.get("subtitle") or "",
        series=meta.get("series") or "",
        number=str(meta.get("number") or ""),
        language=meta.get("language") or "nl",
        fold=meta.get("fold") or "trifold",
        reviewed=meta.get("reviewed"),
        version=str(meta.get("version") or ""),
        edition=meta.get("edition") or "standard",
        publisher=meta.get("publisher") or "",
        cover=cover,
        cover_alt=meta.get("cover_alt") or "",
        qr=bool(meta.get("qr", True)),
        allow_words=tuple(str(w).lower() for w in meta.get("allow_words") or ()),
    )


def key_line(source: Path, key: str) -> int:
    """The front-matter line of `key`; the loader keeps values, not their lines."""
    try:
        lines = Path(source).read_text(encoding="utf-8-sig").splitlines()
    except OSError:
        return 0
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() == "---":
            break
        if re.match(rf"{re.escape(key)}\s*:", line):
            return number
    return 0
