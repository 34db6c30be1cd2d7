"""The kinds of document `handouts` makes, and where each kind's code lives.

Every entry names its wing's functions by import path ("module:name"), so a wing is
imported only when a document of its kind is built: a handout build never loads the
exam or leaflet code. A new kind is one new wing (`handouts/<kind>/`) and one line here.

Two tables, because sources and documents are not one to one:
- `SOURCES`: how to find the content files of a source, and make one of them.
  Markdown files are one source whatever kind they are; an exam spec is another.
- `MARKDOWN_KINDS`: for a Markdown file, by its `kind:` (or its folder), the front
  matter it may carry, how it is made, and the checks and notes `handouts check` adds.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Source:
    """A kind of content file: how the build finds them and makes one."""

    discover: str  # (paths, project) -> the files of this kind under paths
    make: str  # (file, project, options) -> (products, warnings)
    splits_itself: bool = False  # spreads its own parts over the workers (exam versions)
    whole_folder: bool = False  # its files fill a folder, replaced as one (an exam's)


@dataclass(frozen=True)
class MarkdownKind:
    """A kind of Markdown document (`kind:` in the front matter)."""

    fields: str  # the front matter fields it adds to the common ones
    make: str  # (document, project, options) -> products
    folder: str = ""  # files under a folder of this name are of this kind unless they say otherwise
    check: str = ""  # (document) -> warnings, given with every build
    notes: str = ""  # (document) -> notes, given by `handouts check`


SOURCES: dict[str, Source] = {
    "markdown": Source("handouts.load.content:discover", "handouts.documents:make_document"),
    "exam": Source("handouts.load.exam_specs:discover_exams", "handouts.exam.make:make_exam",
                   splits_itself=True, whole_folder=True),
}

DEFAULT_KIND = "handout"  # a Markdown file that names no kind and lies in no kind's folder

MARKDOWN_KINDS: dict[str, MarkdownKind] = {
    "handout": MarkdownKind("handouts.handout.frontmatter:HANDOUT_FIELDS", "handouts.handout.make:make_handout"),
    "leaflet": MarkdownKind("handouts.leaflet.frontmatter:LEAFLET_FIELDS", "handouts.leaflet.make:make_leaflet",
                            folder="leaflets", check="handouts.leaflet.make:check_leaflet",
                            notes="handouts.leaflet.make:leaflet_notes"),
}


def named(address: str) -> Any:
    """The object at "module:name", importing its module now (and only now)."""
    module, _, name = address.partition(":")
    return getattr(importlib.import_module(module), name)
