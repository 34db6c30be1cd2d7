"""The front matter of a patient leaflet: declared once, with its documentation.

```
---
title: Minder last van uw rug
subtitle: Wat u zelf kunt doen tegen lage rugpijn
series: Voorlichting Fysiotherapie
number: 4
language: nl
fold: trifold
reviewed: 2026-09-01
publisher: Uitgave van de praktijk
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

from handouts.errors import Collector, SourceRef, display_path, fail
from handouts.leaflet.folds import FOLDS
from handouts.schema import Field, Schema
from handouts.textfile import read_text
from handouts.yamlfile import LinedDict, load_yaml

LANGUAGES = ("nl", "en")
IMAGE_TYPES = (".svg", ".png", ".jpg", ".jpeg")


def _check_image(value: Any) -> str | None:
    if Path(str(value)).suffix.lower() not in IMAGE_TYPES:
        return f"must be an image file ({', '.join(IMAGE_TYPES)}), not {value!r}"
    return None


LEAFLET_SCHEMA = Schema(
    "leaflet front matter",
    (
        Field("title", "the title on the cover", required=True, aliases=("titel",)),
        Field("kind", "the kind of document", default="leaflet", choices=("leaflet",)),
        Field("subtitle", "a line under the title", aliases=("ondertitel",)),
        Field("series", 'the series, e.g. "Voorlichting Fysiotherapie"', aliases=("reeks",)),
        Field("number", "the leaflet's number in the series, e.g. 4", aliases=("nummer",)),
        Field("language", "language of the text", default="nl", choices=LANGUAGES,
              aliases=("taal",)),
        Field("fold", "how the leaflet is folded", default="trifold", choices=FOLDS,
              aliases=("vouw",)),
        Field("reviewed", "date of the last review (printed as 'laatst herzien')",
              type=dt.date, aliases=("review_date", "herzien")),
        Field("publisher", "the publisher line on the back panel", aliases=("uitgave",)),
        Field("cover", "cover image, relative to the leaflet file", check=_check_image,
              aliases=("omslag",)),
        Field("cover_alt", "what the cover image shows, for screen readers"),
        Field("qr", "print a QR code to the practice's website on the back", type=bool,
              default=True),
        Field("template", "template to render the leaflet with", default="leaflet"),
        Field("allow_words", "long words the text explains; not flagged as too long",
              type=list, default=[]),
    ),
)


@dataclass(frozen=True)
class LeafletMeta:
    """A leaflet's checked front matter."""

    title: str
    subtitle: str | None
    series: str | None
    number: str | None
    language: str
    fold: str
    reviewed: dt.date | None
    publisher: str | None
    cover: Path | None
    cover_alt: str | None
    qr: bool
    template: str
    allow_words: tuple[str, ...]
    ref: SourceRef


def leaflet_meta(data: Any, ref: SourceRef, folder: Path, found: Collector) -> LeafletMeta:
    """Checked front matter; `folder` is where relative paths (the cover) start."""
    values = LEAFLET_SCHEMA.validate(data, ref, found)
    cover = None
    if values["cover"]:
        cover = folder / values["cover"]
        if not cover.is_file():
            at = data.key_ref("cover") if isinstance(data, LinedDict) else ref
            found.error(at, f'cover image "{values["cover"]}" not found (looked for '
                        f"{display_path(cover)}); check the file name")
            cover = None
    return LeafletMeta(
        title=values["title"] or "",
        subtitle=values["subtitle"],
        series=values["series"],
        number=values["number"],
        language=values["language"],
        fold=values["fold"],
        reviewed=values["reviewed"],
        publisher=values["publisher"],
        cover=cover,
        cover_alt=values["cover_alt"],
        qr=values["qr"],
        template=values["template"],
        allow_words=tuple(str(w).lower() for w in values["allow_words"]),
        ref=ref,
    )


_FENCE = re.compile(r"^---[ \t]*$", re.MULTILINE)


def split_front_matter(text: str, shown: str) -> tuple[Any, str, int]:
    """(front matter data, body, line number of the body's first line)."""
    if not text.startswith("---"):
        raise fail(SourceRef(shown, 1), "a leaflet starts with front matter between "
                   "two '---' lines (title, fold, ...)")
    end = _FENCE.search(text, 4)
    if end is None:
        raise fail(SourceRef(shown, 1), "the front matter has no closing '---' line")
    yaml_text = text[text.index("\n") + 1 : end.start()]
    data = load_yaml(yaml_text, shown, line_offset=1)
    body_line = text[: end.end()].count("\n") + 2
    return data, text[end.end() + 1 :], body_line


def read_leaflet(path: Path, found: Collector) -> tuple[LeafletMeta, str, int]:
    """A leaflet file: (checked front matter, Markdown body, first body line)."""
    shown = display_path(path)
    data, body, body_line = split_front_matter(read_text(path, shown), shown)
    meta = leaflet_meta(data, SourceRef(shown, 1), Path(path).parent, found)
    return meta, body, body_line
