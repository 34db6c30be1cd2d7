"""Leaflets through the pipeline: one Markdown file → PDFs, one set per practice.

`make_leaflet` is the maker `handouts.documents` calls for `kind: leaflet`;
`check_leaflet` adds the plain-language warnings; `leaflet_notes` gives every
section's reading-ease score as a note, for `handouts check` to list.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reportlab.lib import colors

from handouts.errors import Collector, Diagnostic, SourceRef
from handouts.language import labels
from handouts.layout.theme import Theme, load_theme
from handouts.leaflet.frontmatter import (
    LeafletMeta,
    key_line,  # the line of a front-matter key
    leaflet_meta,
)
from handouts.leaflet.labels import date_text, leaflet_words
from handouts.leaflet.layout.blocks import LEAFLET_MARKUP
from handouts.leaflet.layout.pages import OUTPUTS, LeafletLayout
from handouts.leaflet.logo import logo_warnings
from handouts.leaflet.plainwords import b1_notes, b1_warnings
from handouts.leaflet.practice import Practice, load_practices_apart
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
LARGE_BODY = 16.0  # points: the body text of the large-print edition
# Output → file name suffix; the main output of each fold has none.
VARIANTS = {"print": "", "screen": "-screen", "a5": "", "a4": "-a4", "page": ""}

def make_leaflet(document: model.Document, project: Project,
                 options: Options) -> tuple[list[Product], tuple[Diagnostic, ...]]:
    """The PDFs of one leaflet: for each practice (or none), every output of its fold;
    with the errors of bad practice files, whose practices get no leaflet."""
    leaflet = leaflet_meta(document.meta, document.source, document.shown)
    practices: list[Practice | None] = [None]
    errors: tuple[Diagnostic, ...] = ()
    theme_name = document.meta.get("theme") or DEFAULT_THEME
    template = f"{document.meta.get('template') or 'leaflet'}/document.xml.j2"
    theme = load_theme(theme_name, project.root, project.hyphenation)
    if options.practice:
        found, errors = load_practices_apart(options.practice)
        practices = list(found)
        errors += tuple(w for p in found if p.logo and p.logo_ref
                        for w in logo_warnings(p.logo, p.logo_ref, leaflet.fold, theme))
    if options.large_print or leaflet.edition == "large":
        theme = large_print(theme)
    layouts: dict[str | None, LeafletLayout] = {}  # one per brand colour: laid out once each
    words = leaflet_words(document.language, project.root)
    shop = options.print_shop or project.print == "shop"
    products = []
    told: set[int] = set()
    told_parts: set[Diagnostic] = set()  # the cover's, the same for many practices
    for practice in practices:
        markup = render_template(template, _context(document, leaflet, practice, words),
                                 project.root, LEAFLET_MARKUP)
        colour = practice.colour if practice else None
        if colour not in layouts:
            brand = replace(theme, colours={**theme.colours, "accent": colors.HexColor(colour)}) if colour else theme
            layouts[colour] = LeafletLayout(brand, theme_name, leaflet.fold, template, document.meta,
                                             SourceRef(document.shown, key_line(document.source, "fold") or 1))
        layout = layouts[colour]
        placed = layout.place(markup)  # the body is laid out once, for the first practice
        if id(placed.body) not in told:  # what the layout found, once per body
            told.add(id(placed.body))
            errors += placed.body.warnings + _too_short(document, placed.body.too_short)
        errors += tuple(w for w in placed.warnings if w not in told_parts)
        told_parts.update(placed.warnings)
        for output in OUTPUTS[leaflet.fold]:
            laid = layout.output(placed, output, print_shop=shop)
            data = render(laid)
            products.append(Product(_target(document, practice, output, options.large_print), data,
                                    laid.doc.composed_pages))
    return products, errors


def _too_short(document: model.Document, why: str | None) -> tuple[Diagnostic, ...]:
    """The warning for a text too short for its fold, at the front matter's `fold:` line."""
    if why is None:
        return ()
    return (Diagnostic(SourceRef(document.shown, key_line(document.source, "fold") or 1), why,
                       "warning"),)


def check_leaflet(document: model.Document) -> tuple[Diagnostic, ...]:
    """Plain-language warnings: long sentences, long words, hard sections."""
    found = Collector()
    leaflet_scores(document, found)
    b1_warnings(document_sections(document.blocks), document.language, found, _allowed(document))
    return tuple(found.items)


def leaflet_notes(document: model.Document) -> tuple[Diagnostic, ...]:
    """The score of every section as a note (severity "note"), for `handouts check`."""
    scores = leaflet_scores(document, Collector())
    return tuple(score_notes(scores, document.language)) + tuple(
        b1_notes(document_sections(document.blocks), document.language, _allowed(document)))


def _allowed(document: model.Document) -> list[str]:
    return [str(w) for w in document.meta.get("allow_words") or ()]


def leaflet_scores(document: model.Document, found: Collector) -> list[SectionScore]:
    """The reading-ease score of every section; warnings go to `found`."""
    allow = document.meta.get("allow_words") or ()
    return check_sections(document_sections(document.blocks), document.language, found,
                          [str(w) for w in allow])


def _context(document: model.Document, leaflet: LeafletMeta, practice: Practice | None,
             words: dict[str, object]) -> dict:
    return {
        "doc": document,
        "labels": labels(document.language),
        "leaflet": leaflet,
        "practice": practice,
        "words": words,
        "reviewed": date_text(leaflet.reviewed, words),
        "lines": {"cover": key_line(document.source, "cover") or 1},  # for what the layout finds there
    }


def large_print(theme: Theme) -> Theme:
    """The theme's sizes scaled up so the body text is at least LARGE_BODY points;
    headings and line spacing in the same proportion. Small print (the stamp's
    details, the imprint) keeps its size: the stamp area, the same size in every
    edition, must still hold the practice's details."""
    factor = max(1.0, LARGE_BODY / theme.sizes["body"])
    sizes = {k: v if k == "small" else v * factor for k, v in theme.sizes.items()}
    sizes["stamp_name"], sizes["stamp_leading"] = theme.sizes["body"], theme.sizes["leading"]
    return replace(theme, sizes=sizes)


def _target(document: model.Document, practice: Practice | None, output: str,
            large: bool = False) -> Path:
    name = (document.stem + ("-large" if large else "") + (f"-{practice.id}" if practice else "")
            + VARIANTS[output])
    return Path("leaflets") / f"{name}.pdf"
