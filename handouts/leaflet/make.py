"""Leaflets through the pipeline: one Markdown file → PDFs, one set per practice.

`make_leaflet` is the maker `handouts.documents` calls for `kind: leaflet`;
`check_leaflet` adds the plain-language warnings; `leaflet_notes` gives every
section's reading-ease score as a note, for `handouts check` to list.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from handouts.errors import Collector, Diagnostic
from handouts.language import labels
from handouts.layout.theme import load_theme
from handouts.leaflet.frontmatter import LeafletMeta, leaflet_meta
from handouts.leaflet.layout.blocks import LEAFLET_MARKUP
from handouts.leaflet.layout.pages import OUTPUTS, LeafletLayout
from handouts.leaflet.practice import Practice, load_practices
from handouts.leaflet.readability import (
    SectionScore,
    check_sections,
    document_sections,
    score_notes,
)
from handouts.load import model
from handouts.pdf import render
from handouts.products import Options, Product
from handouts.project import Project
from handouts.templating import render as render_template

DEFAULT_THEME = "leaflet"
# Output → file name suffix; the main output of each fold has none.
VARIANTS = {"print": "", "screen": "-screen", "a5": "", "a4": "-a4", "page": ""}

WORDS = {
    "nl": {"number": "nr.", "stamp": "Uw fysiotherapeut:", "reviewed": "Laatst herzien",
           "phone": "Tel.", "hours": "Openingstijden", "therapists": "Fysiotherapeuten"},
    "en": {"number": "no.", "stamp": "Your physiotherapist:", "reviewed": "Last reviewed",
           "phone": "Phone", "hours": "Opening hours", "therapists": "Physiotherapists"},
}
MONTHS = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}


def make_leaflet(document: model.Document, project: Project, options: Options) -> list[Product]:
    """The PDFs of one leaflet: for each practice (or none), every output of its fold."""
    leaflet = leaflet_meta(document.meta, document.source, document.shown)
    practices: list[Practice | None] = (
        list(load_practices(options.practice)) if options.practice else [None])
    theme_name = document.meta.get("theme") or DEFAULT_THEME
    template = f"{document.meta.get('template') or 'leaflet'}/document.xml.j2"
    layout = LeafletLayout(load_theme(theme_name, project.root), theme_name, leaflet.fold,
                           template, document.meta)
    shop = options.print_shop or project.print == "shop"
    products = []
    for practice in practices:
        markup = render_template(template, _context(document, leaflet, practice), project.root, LEAFLET_MARKUP)
        placed = layout.place(markup)  # the body is laid out once, for the first practice
        for output in OUTPUTS[leaflet.fold]:
            laid = layout.output(placed, output, print_shop=shop)
            data = render(laid)
            products.append(Product(_target(document, practice, output), data,
                                    laid.doc.composed_pages))
    return products


def check_leaflet(document: model.Document) -> tuple[Diagnostic, ...]:
    """Plain-language warnings: long sentences, long words, hard sections."""
    found = Collector()
    leaflet_scores(document, found)
    return tuple(found.items)


def leaflet_notes(document: model.Document) -> tuple[Diagnostic, ...]:
    """The score of every section as a note (severity "note"), for `handouts check`."""
    scores = leaflet_scores(document, Collector())
    return tuple(score_notes(scores, document.language))


def leaflet_scores(document: model.Document, found: Collector) -> list[SectionScore]:
    """The reading-ease score of every section; warnings go to `found`."""
    allow = document.meta.get("allow_words") or ()
    return check_sections(document_sections(document.blocks), document.language, found,
                          [str(w) for w in allow])


def _context(document: model.Document, leaflet: LeafletMeta, practice: Practice | None) -> dict:
    language = document.language if document.language in WORDS else "en"
    return {
        "doc": document,
        "labels": labels(document.language),
        "leaflet": leaflet,
        "practice": practice,
        "words": WORDS[language],
        "reviewed": _date(leaflet.reviewed, language),
    }


def _date(day: dt.date | None, language: str) -> str:
    if day is None:
        return ""
    return f"{day.day} {MONTHS[language][day.month - 1]} {day.year}"


def _target(document: model.Document, practice: Practice | None, output: str) -> Path:
    name = document.stem + (f"-{practice.id}" if practice else "") + VARIANTS[output]
    return Path("leaflets") / f"{name}.pdf"
