"""Lays out a handout's block markup on handout pages."""

from __future__ import annotations

import io
from typing import Any

from handouts.errors import SourceRef
from handouts.handout.layout.pages import HandoutDoc, column_width
from handouts.language import PDF_LANG
from handouts.layout.blocks import BUILDERS, Context, story
from handouts.layout.glyphs import check_markup
from handouts.layout.laid import Laid
from handouts.layout.markup import FOOTNOTE_MARK_OPEN, parse_markup
from handouts.layout.paragraph import Para
from handouts.layout.theme import Theme, paragraph_styles


def lay_out_handout(markup: str, theme: Theme, meta: dict[str, Any], template: str) -> Laid:
    root = parse_markup(markup, template)
    check_markup(root, theme.fonts, theme.name, SourceRef(template))
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
    ctx = Context(theme, styles, column_width(theme), figure_word=root.get("figure-ref", "afbeelding"), plain_cells=True)
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
        page_label=root.get("page-label", "{page} / {pages}"),
        title=meta.get("title", ""),
        author=meta.get("author", ""),
        subject=meta.get("subtitle") or meta.get("course", ""),
        creator="handouts",
        producer="handouts",
        lang=PDF_LANG.get(language, language),
        footnotes=ctx.footnotes,
    )
    flowables = story(_body_parts(root), ctx)
    return Laid(doc, flowables, buffer)


def _body_parts(root):
    """The document root without the lookup sections (figures, footnotes)."""
    import xml.etree.ElementTree as ET

    part = ET.Element("document")
    part.extend(child for child in root if child.tag in BUILDERS)
    return part
