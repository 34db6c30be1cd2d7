"""Markdown documents (handouts, leaflets): load → template → layout → PDF bytes."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from handouts import model
from handouts.content import load_document
from handouts.errors import SourceRef
from handouts.language import labels
from handouts.layout.blocks import HANDOUT_MARKUP
from handouts.layout.handout import lay_out_handout
from handouts.layout.theme import load_theme
from handouts.leaflet.make import check_leaflet, leaflet_notes, make_leaflet
from handouts.pdf import render
from handouts.products import Options, Product
from handouts.project import Project
from handouts.templating import render as render_template

PdfMaker = Callable[[model.Document, Project, Options], list[Product]]


def output_stem(document: model.Document, project: Project) -> Path:
    """Where a document's PDF goes: its place under content/, without the suffix."""
    try:
        relative = document.source.relative_to(project.content_dir.resolve())
    except ValueError:
        relative = Path(document.source.name)
    return relative.with_suffix("")


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Python's cycle collector held off while a document is laid out and written.

    A build makes hundreds of thousands of objects (tokens, fragments, lines, drawing
    operators); each time enough have piled up, the collector walks those still alive,
    and now and then every object of the process, and finds next to nothing: 5-8% of
    a 12-page chapter, 12% of a 115-page one, growing with the document. Reference
    counting still frees almost everything as soon as it is done with; the few cycles
    left (reportlab's document and canvas point at each other) are collected soon after
    the build, when the document's objects are already gone and cost nothing to walk."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def make_handout(document: model.Document, project: Project, options: Options) -> list[Product]:
    template = f"{document.meta.get('template') or 'handout'}/document.xml.j2"
    markup = render_template(template, {"doc": document, "labels": labels(document.language)}, project.root,
                             HANDOUT_MARKUP)
    theme = load_theme(document.meta.get("theme") or project.theme, project.root)
    laid = lay_out_handout(markup, theme, document.meta, template)
    data = render(laid, SourceRef(document.shown))
    return [Product(output_stem(document, project).with_suffix(".pdf"), data, laid.doc.page)]


# Kind → maker. Leaflets register theirs in `handouts.leaflet` (see docs/PIPELINE.md).
MAKERS: dict[str, PdfMaker] = {"handout": make_handout, "leaflet": make_leaflet}

# Kind → extra checks on a loaded document, reported as warnings (leaflets: plain language).
CHECKS: dict[str, Callable[[model.Document], tuple]] = {"leaflet": check_leaflet}
# Kind → notes for `handouts check` (leaflets: the reading-ease score of every section).
NOTES: dict[str, Callable[[model.Document], tuple]] = {"leaflet": leaflet_notes}


def register(kind: str, maker: PdfMaker) -> None:
    MAKERS[kind] = maker


def make_document(source: Path, project: Project, options: Options) -> tuple[list[Product], tuple]:
    """The products of one Markdown file and its warnings (and notes when asked);
    raises HandoutsError."""
    with cyclic_gc_paused():
        document = load_document(source, project)
        check = CHECKS.get(document.kind)
        found = document.warnings + (check(document) if check else ())
        note = NOTES.get(document.kind) if options.notes else None
        found += note(document) if note else ()
        return MAKERS[document.kind](document, project, options), found
