"""Makes a handout: its block markup from the template, laid out on handout pages, as PDF bytes."""

from __future__ import annotations

from handouts.documents import output_stem
from handouts.errors import Diagnostic, SourceRef
from handouts.handout.layout.document import far_figure_notes, lay_out_handout
from handouts.language import labels
from handouts.layout.blocks import HANDOUT_MARKUP
from handouts.layout.theme import load_theme
from handouts.load import model
from handouts.pdf import render
from handouts.products import Options, Product
from handouts.project import Project
from handouts.templating import render as render_template


def make_handout(document: model.Document, project: Project,
                 options: Options) -> tuple[list[Product], tuple[Diagnostic, ...]]:
    """The handout's PDF, and the layout's warnings (a figure's text printed too small) and,
    for `handouts check`, notes (a figure printed far from its first reference)."""
    template = f"{document.meta.get('template') or 'handout'}/document.xml.j2"
    markup = render_template(template, {"doc": document, "labels": labels(document.language)}, project.root,
                             HANDOUT_MARKUP)
    theme = load_theme(document.meta.get("theme") or project.theme, project.root, project.hyphenation)
    laid = lay_out_handout(markup, theme, document.meta, template)
    data = render(laid, SourceRef(document.shown))
    found = tuple(laid.doc.warnings) + (tuple(far_figure_notes(laid.doc)) if options.notes else ())
    return [Product(output_stem(document, project).with_suffix(".pdf"), data, laid.doc.page)], found
