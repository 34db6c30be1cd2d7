"""Markdown documents: load one, check it, and make it with its kind's maker
(`handouts.kinds.MARKDOWN_KINDS`: handouts, leaflets)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from handouts.errors import HandoutsError
from handouts.kinds import MARKDOWN_KINDS, named
from handouts.load import model
from handouts.load.content import load_document
from handouts.products import Options, Product
from handouts.project import Project


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
    from handouts.layout.speed_tricks import tricks_on
    if not gc.isenabled() or not tricks_on("gc-pause-doc"):
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def make_document(source: Path, project: Project, options: Options) -> tuple[list[Product], tuple]:
    """The products of one Markdown file and its warnings (and notes when asked);
    raises HandoutsError."""
    with cyclic_gc_paused():
        document = load_document(source, project)
        kind = MARKDOWN_KINDS[document.kind]
        found = document.warnings + (named(kind.check)(document) if kind.check else ())
        found += named(kind.notes)(document) if kind.notes and options.notes else ()
        try:
            made = named(kind.make)(document, project, options)
        except HandoutsError as exc:  # shown with the warnings found so far, to fix all at once
            raise HandoutsError((*(d for d in found if d.severity == "warning"), *exc.diagnostics)) from None
        if isinstance(made, tuple):  # (products, errors of some parts): a leaflet's bad practice files
            made, errors = made
            found += errors
        return made, found
