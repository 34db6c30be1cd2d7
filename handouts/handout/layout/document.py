"""Lays out a handout's block markup on handout pages."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from copy import copy
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import Frame, PageBreak, PageBreakIfNotEmpty, PageTemplate

from handouts.errors import Diagnostic, SourceRef
from handouts.handout.layout.pages import HandoutDoc, column_width
from handouts.language import PDF_LANG
from handouts.layout.blocks import BUILDERS, Context, story
from handouts.layout.figures import group_figures, label_size_warning, shares
from handouts.layout.glyphs import check_markup
from handouts.layout.laid import Laid
from handouts.layout.markup import FOOTNOTE_MARK_OPEN, parse_markup, src
from handouts.layout.page_numbers import DEFAULT_WORDS
from handouts.layout.paragraph import Para
from handouts.layout.tables import LandscapePages
from handouts.layout.theme import Theme, paragraph_styles


def lay_out_handout(markup: str, theme: Theme, meta: dict[str, Any], template: str) -> Laid:
    root = parse_markup(markup, template)
    check_markup(root, theme.fonts, theme.name, SourceRef(template))
    root = side_by_side(root)
    warnings = figure_warnings(root, column_width(theme), theme)
    laid = _lay_out_with_references(root, theme, meta)
    laid.doc.warnings = [*warnings, *laid.doc.warnings]  # the figures', then the tables'
    laid.doc.figure_numbers = {f.get("anchor", ""): f.get("n", "") for f in root.iter("figure-number")}
    return laid


def first_figure_references(root: ET.Element) -> dict[str, SourceRef]:
    """Figure id → the block (its line) of the first reference to it and, for a figure
    that is not referred to, the figure's own place."""
    first: dict[str, SourceRef] = {}
    figures = {f.get("anchor", "") for f in root.iter("figure")}

    def walk(elem: ET.Element) -> None:
        for block in elem:
            if block.tag == "body":
                walk(block)
                continue
            for ref in block.iter("figref"):
                if ref.get("target") in figures:
                    first.setdefault(ref.get("target", ""), src(block))
            for figure in block.iter("figure"):
                first.setdefault(figure.get("anchor", ""), src(figure))

    walk(root)
    return first


def far_figure_notes(doc: HandoutDoc) -> list[Diagnostic]:
    """After printing: a note at every first reference (or place) of a figure that is
    printed more than a page away from it, so the author can move one or the other."""
    found = []
    numbers = getattr(doc, "figure_numbers", {})
    for anchor, ref in getattr(doc, "first_references", {}).items():
        printed, referred = doc.figure_pages.get(anchor), doc.block_pages.get(ref)
        if printed is None or referred is None or abs(printed - referred) <= 1:
            continue
        way = "later" if printed > referred else "earlier"
        found.append(Diagnostic(ref, f"figure {numbers.get(anchor, '?')} (#{anchor}), referred to here on page "
                                     f"{referred}, is printed on page {printed}, {abs(printed - referred)} pages "
                                     f"{way}; a reader looks for it within a page: put the figure nearer to its "
                                     "first reference, or refer to it where it stands", "note"))
    return found


def _lay_out_with_references(root: ET.Element, theme: Theme, meta: dict[str, Any]) -> Laid:
    headings = {h.get("anchor", ""): h for h in root.iter("h")}
    if not any(ref.get("target") in headings for ref in root.iter("figref")):
        return _lay_out(root, theme, meta, {})
    # A reference prints its heading's page: lay out once to learn the pages, then
    # again with them (the reference's words may move a heading: then once more).
    pages: dict[str, int] = {}
    for _ in range(3):
        probe = _lay_out(root, theme, meta, pages)
        probe.doc.multiBuild(probe.story)
        if probe.doc.heading_pages == pages:
            break
        pages = dict(probe.doc.heading_pages)
    return _lay_out(root, theme, meta, pages)


def side_by_side(elem: ET.Element) -> ET.Element:
    """The markup with every run of figures that fit in one row made a `figrow`."""
    grouped = group_figures(elem) if elem.find("figure") is not None else copy(elem)
    out = ET.Element(grouped.tag, grouped.attrib)
    out.text, out.tail = grouped.text, grouped.tail
    out.extend(side_by_side(child) if child.tag in ("body", "callout") else child for child in grouped)
    return out


def figure_warnings(root: ET.Element, column: float, theme: Theme) -> list[Diagnostic]:
    """A warning for every figure whose text would print too small (`label_size_warning`),
    at the width the figure builders give it."""
    sized: dict[int, float] = {}
    for row in root.iter("figrow"):
        sized.update((id(f), w) for f, w in zip(row, shares(list(row), column)))
    found = []
    for elem in root.iter("figure"):
        width = sized.get(id(elem))
        asked, most = (width, width) if width is not None else (column * float(elem.get("width", "1")), column)
        warning = label_size_warning(elem.get("path", ""), asked, most, theme, src(elem))
        if warning is not None:
            found.append(warning)
    return found


def _section_references(root, pages: dict[str, int]) -> dict[str, str]:
    """Heading id → what a reference to it prints: "paragraaf 3.2 (pagina 5)"."""
    label = root.get("section-ref", "{number} ({page})")
    out = {}
    for h in root.iter("h"):
        number = h.get("number", "") or f"“{h.get('plain', '')}”"
        words = label.format(number=number, page=pages.get(h.get("anchor", ""), "?"))
        out[h.get("anchor", "")] = words.replace(" ", "&nbsp;", 1)
    return out


def _lay_out(root, theme: Theme, meta: dict[str, Any], pages: dict[str, int]) -> Laid:
    language = root.get("lang", "nl")
    styles = paragraph_styles(theme, language)
    ctx = Context(theme, styles, column_width(theme), figure_word=root.get("figure-ref", "afbeelding"), plain_cells=True,
                  page_rules=True)
    ctx.figures = {f.get("anchor", ""): f.get("n", "") for f in root.iter("figure-number")}
    ctx.sections = _section_references(root, pages)
    for note in root.iter("footnote"):
        n = note.get("n", "0")
        ctx.footnotes[int(n)] = Para(f"{FOOTNOTE_MARK_OPEN}{ctx.accent_font}{n}</font></super>&nbsp;{ctx.text(note)}",
                                     styles["footnote"])
    buffer = io.BytesIO()
    doc = HandoutDoc(
        buffer,
        theme=theme,
        styles=styles,
        header=(root.get("header-left", ""), root.get("header-right", "")),
        page_label=root.get("page-label", DEFAULT_WORDS),
        title=meta.get("title", ""),
        author=meta.get("author", ""),
        subject=meta.get("subtitle") or meta.get("course", ""),
        creator="handouts",
        producer="handouts",
        lang=PDF_LANG.get(language, language),
        footnotes=ctx.footnotes,
    )
    doc.first_references = first_figure_references(root)  # (the figures' look-ahead reads them)
    ctx.landscape = landscape_pages(doc, theme)
    flowables = story(_body_parts(root), ctx)
    doc.warnings = list(ctx.warnings)
    return Laid(doc, flowables, buffer)


def landscape_pages(doc: HandoutDoc, theme: Theme) -> LandscapePages:
    """A landscape page template for tables marked `{.landscape}`: the same margins,
    running head and page number as the other pages, no side-note column. Such a table
    starts a new page (unless one has just begun) and the text after it another."""
    p = theme.page
    size = landscape(A4)
    width = size[0] - p["left"] - p["right"]
    frame = Frame(p["left"], p["bottom"], width, size[1] - p["top"] - p["bottom"],
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="landscape")
    doc.addPageTemplates([PageTemplate("landscape", [frame], pagesize=size, onPage=doc._decorate,
                                       onPageEnd=doc.end_page)])
    return LandscapePages(width, column_width(theme),
                          lambda made: [PageBreakIfNotEmpty("landscape"), *made, PageBreak("page")])


def _body_parts(root):
    """The document root without the lookup sections (figures, footnotes)."""
    part = ET.Element("document")
    part.extend(child for child in root if child.tag in BUILDERS)
    return part
