"""The typed content every stage passes on: frozen dataclasses, built once by the loader.

Inline text (`text` fields) is already reportlab paragraph markup with the user's
characters escaped, so nothing a user writes is ever read as markup or template.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from handouts.errors import SourceRef


@dataclass(frozen=True)
class Heading:
    level: int  # 1 = "#", numbered chapter.N
    number: str  # "3.1", "" when unnumbered
    text: str
    plain: str  # for bookmarks and the table of contents
    anchor: str
    ref: SourceRef
    kind: str = "heading"


@dataclass(frozen=True)
class Paragraph:
    text: str
    ref: SourceRef
    kind: str = "paragraph"


@dataclass(frozen=True)
class Code:
    text: str  # escaped markup; lines and their leading spaces kept
    ref: SourceRef
    kind: str = "code"


@dataclass(frozen=True)
class DefinitionList:
    items: tuple[tuple[str, tuple[Block, ...]], ...]  # (term markup, its definition's blocks)
    ref: SourceRef
    kind: str = "deflist"


@dataclass(frozen=True)
class ListBlock:
    ordered: bool
    start: int
    items: tuple[tuple[Block, ...], ...]
    ref: SourceRef
    kind: str = "list"


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    align: tuple[str, ...]  # "left", "center", "right" per column
    ref: SourceRef
    kind: str = "table"
    landscape: bool = False  # `{.landscape}` above it: a landscape page of its own (handouts)


@dataclass(frozen=True)
class Figure:
    path: Path
    alt: str
    caption: str
    number: int
    anchor: str
    width: float  # fraction of the text column, 0 < width <= 1
    ref: SourceRef
    kind: str = "figure"


@dataclass(frozen=True)
class Callout:
    callout: str  # "tip", "warning", "note"
    title: str
    blocks: tuple[Block, ...]
    ref: SourceRef
    kind: str = "callout"


@dataclass(frozen=True)
class SideNote:
    blocks: tuple[Block, ...]
    ref: SourceRef
    kind: str = "sidenote"


@dataclass(frozen=True)
class PageBreak:
    ref: SourceRef
    kind: str = "pagebreak"


@dataclass(frozen=True)
class Footnote:
    number: int
    text: str
    ref: SourceRef


Block = Heading | Paragraph | Code | DefinitionList | ListBlock | Table | Figure | Callout | SideNote | PageBreak


@dataclass(frozen=True)
class Document:
    """One content file, loaded and checked: front matter plus body blocks."""

    kind: str  # "handout" or "leaflet"
    source: Path
    shown: str  # the path as the user sees it in messages
    meta: dict[str, Any]  # validated front matter, defaults filled in
    blocks: tuple[Block, ...]
    footnotes: tuple[Footnote, ...] = ()
    warnings: tuple[Any, ...] = field(default=(), compare=False)

    @property
    def language(self) -> str:
        return self.meta["language"]

    @property
    def stem(self) -> str:
        return self.source.stem
