"""Markdown documents (handouts, leaflets): load → template → layout → PDF bytes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from handouts import model
from handouts.content import load_document
from handouts.language import labels
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


def make_handout(document: model.Document, project: Project, options: Options) -> list[Product]:
    template = f"{document.meta.get('template') or 'handout'}/document.xml.j2"
    markup = render_template(template, {"doc": document, "labels": labels(document.language)}, project.root)
    theme = load_theme(document.meta.get("theme") or project.theme, project.root)
    laid = lay_out_handout(markup, theme, document.meta, template)
    data = render(laid)
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
    document = load_document(source, project)
    check = CHECKS.get(document.kind)
    found = document.warnings + (check(document) if check else ())
    note = NOTES.get(document.kind) if options.notes else None
    found += note(document) if note else ()
    return MAKERS[document.kind](document, project, options), found
