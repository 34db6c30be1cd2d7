"""Block markup → reportlab flowables. One small builder per tag, found through the
plain dict `BUILDERS`; nothing here knows about content files or templates."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    ActionFlowable,
    CondPageBreak,
    Indenter,
    KeepTogether,
    ListFlowable,
    ListItem,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from handouts.errors import Diagnostic, SourceRef, fail
from handouts.layout.code import CodeBlock, code_fallback, too_wide
from handouts.layout.figures import LEAST_LABEL_SIZE, FigureBlock, figure_flowable, figures_side_by_side, shares
from handouts.layout.flowables import SideNote
from handouts.layout.fonts import face, register_family
from handouts.layout.footnotes import WithFootnotes
from handouts.layout.headings import ContentsEntry, HeadingParagraph, numbered_heading_style
from handouts.layout.icons import callout_icon
from handouts.layout.markup import (
    INLINE,
    INLINE_MARKUP,
    MarkupTable,
    inner,
    resolve_marks,
    src,
    tag,
    without_footnote_marks,
)
from handouts.layout.paragraph import Para
from handouts.layout.reportlab_internals import RowsKeptTable, TextList
from handouts.layout.tables import PADDING, SMALLEST_TEXT, LandscapePages, fit_columns, measure
from handouts.layout.theme import Theme


@dataclass
class Context:
    theme: Theme
    styles: dict[str, Any]
    width: float  # the text column
    figure_word: str = "afbeelding"
    figures: dict[str, str] = field(default_factory=dict)
    sections: dict[str, str] = field(default_factory=dict)  # heading id → "paragraaf 3.2 (pagina 5)"
    footnotes: dict[int, Paragraph] = field(default_factory=dict)
    body_style: str = "body"  # list items and callouts set their own
    plain_cells: bool = False  # table cells of one plain line drawn as strings (handouts)
    accent_font: str = ""  # the opening font tag in the accent colour (made once)
    list_depth: int = 0  # numbered lists inside numbered lists count 1. / a. / i.
    landscape: LandscapePages | None = None  # where a table marked {.landscape} goes (handouts)
    upright: str = ""  # why this kind never turns a page for {.landscape}, in the warning's words
    smallest_table_text: float = SMALLEST_TEXT  # a too-wide table is set no smaller (points)
    room_name: str = "the page"  # where a table is set, in a message's words: "the panel", "the box"
    # handout pages: a list item splits where its paragraph may, a table keeps two rows
    # on either side of a page end
    page_rules: bool = False
    warnings: list[Diagnostic] = field(default_factory=list)  # found while laying out

    def warn(self, ref: SourceRef, message: str) -> None:
        self.warnings.append(Diagnostic(ref, message, "warning"))

    def __post_init__(self) -> None:
        if not self.accent_font:
            self.accent_font = f'<font color="#{self.theme.colour("accent").hexval()[2:]}">'

    def text(self, elem: ET.Element) -> str:
        return resolve_marks(inner(elem), self.figures, self.figure_word, self.accent_font, self.sections)

    def para(self, elem: ET.Element, style: str) -> Paragraph:
        return Para(self.text(elem), self.styles[style])


Builder = Callable[[ET.Element, Context], list]


def build_children(elem: ET.Element, ctx: Context, page_level: bool = False) -> list:
    """Flowables for the element's child blocks. At the page level, the blocks with
    footnote marks keep their notes on the page where the marks are printed."""
    out: list = []
    previous = None
    for child in elem:
        builder = BUILDERS.get(child.tag)
        if builder is None:
            continue
        made = builder(child, ctx)
        # A heading right under a heading: the first one's check for room at the page's
        # foot stands for both (one between them would leave the first alone there).
        if child.tag == "h" and out and isinstance(getattr(out[-1], "inner", out[-1]), HeadingParagraph) and made \
                and isinstance(made[0], CondPageBreak):
            made = made[1:]
        # (only a context with footnote texts prints them at the foot of its pages)
        marks = footnote_marks(child) if page_level and ctx.footnotes and child.tag != "body" else ()
        if marks:
            made = [f if isinstance(f, (Spacer, ActionFlowable, PageBreak)) else WithFootnotes(f, marks) for f in made]
        ref = src(child)
        for flowable in made if ref.path else ():  # a layout error names the block's line (pdf.render)
            if getattr(flowable, "source_ref", None) is None:
                flowable.source_ref = ref
        # A sentence that announces a list ("... zijn:") never ends a page alone.
        if child.tag == "list" and previous is not None and previous.tag == "p" and out:
            if "".join(previous.itertext()).rstrip().endswith(":"):
                out[-1].keepWithNext = 1
        if made and isinstance(made[0], PageBreak):
            _kept_after_break(out, made)
        out.extend(made)
        previous = child
    return out


def _kept_after_break(out: list, made: list) -> None:
    """A block that starts with a page break (a table on a landscape page of its own)
    takes the heading kept with it to its new page, after the break."""
    moved = 0
    while moved < len(out) and getattr(out[-1 - moved], "getKeepWithNext", lambda: 0)():
        moved += 1
    if not moved:
        return
    kept = out[-moved:]
    del out[-moved:]
    if out and isinstance(out[-1], CondPageBreak):  # the heading's own: no longer needed
        out.pop()
    made[1:1] = kept


def footnote_marks(elem: ET.Element) -> tuple[int, ...]:
    """The numbers of the footnote marks in a block, in reading order."""
    return tuple(dict.fromkeys(int(e.get("n", "0")) for e in elem.iter("fn")))


def story(elem: ET.Element, ctx: Context) -> list:
    """The page-level flowables; those with footnote marks keep their notes on their page."""
    return build_children(elem, ctx, page_level=True)


def heading(elem: ET.Element, ctx: Context) -> list:
    level = int(elem.get("level", "1"))
    number = elem.get("number", "")
    entry = f"{number}  {elem.get('plain', '')}".strip()
    style = ctx.styles[f"h{min(level, 3)}"]
    words = ctx.text(elem)
    numbered = numbered_heading_style(style, number, ctx.theme.colour("accent")) if number and words else None
    if numbered is not None:  # the number drawn as the heading's bullet
        para = HeadingParagraph(words, numbered, level=level, entry=entry, anchor=elem.get("anchor", ""),
                                bulletText=number)
    else:
        shown = f'{ctx.accent_font}{number}</font>&nbsp;&nbsp;&nbsp;{words}' if number else words
        para = HeadingParagraph(shown, style, level=level, entry=entry, anchor=elem.get("anchor", ""))
    # Never start a section in the last few lines of a page.
    return [CondPageBreak(style.leading * 4), para]


def paragraph(elem: ET.Element, ctx: Context) -> list:
    return [ctx.para(elem, ctx.body_style)]


CODE_FAMILY = "Noto Mono"  # fonts/mono: a full monospace face (the fallback one is a subset)


def code(elem: ET.Element, ctx: Context) -> list:
    """A code block: a monospace face, every line and its leading spaces as written."""
    body = ctx.styles["body"]
    style = ParagraphStyle("code", parent=body, fontName=register_family(CODE_FAMILY), fontSize=body.fontSize * 0.85,
                           leading=body.fontSize * 1.15, leftIndent=8, backColor=colors.Color(0.95, 0.96, 0.97),
                           borderPadding=(3, 4, 3, 4), spaceBefore=4, spaceAfter=body.spaceAfter + 3,
                           alignment=TA_LEFT, hyphenationLang="")
    style.fallback = code_fallback(getattr(body, "fallback", ()))
    block = CodeBlock("".join(elem.itertext()), style)
    too_wide(block, ctx.width - style.leftIndent, src(elem))
    return [block]


def definition_list(elem: ET.Element, ctx: Context) -> list:
    """Each term in bold, kept with its definition, which is indented below it."""
    body = ctx.styles["body"]
    term_style = body.clone("term", fontName=face(body.fontName, bold=True), spaceAfter=1, keepWithNext=1)
    out: list = []
    for child in elem:
        if child.tag == "term":
            out.append(Para(ctx.text(child), term_style))
        elif child.tag == "definition":
            out += [Indenter(left=16), *build_children(child, replace(ctx, width=ctx.width - 16)), Indenter(left=-16)]
    return out


def bullet_list(elem: ET.Element, ctx: Context) -> list:
    ordered = elem.get("ordered") == "1"
    body = ctx.styles["body"]
    items = []
    # (a table in a list item stays in it: no landscape page of its own)
    tight = replace(ctx, body_style="item", list_depth=ctx.list_depth + (1 if ordered else 0), landscape=None)
    for item in elem.findall("item"):
        inner_flowables = build_children(item, tight)
        items.append(ListItem(inner_flowables or [Spacer(0, 0)]))
    common = dict(bulletFontName=body.fontName, bulletFontSize=body.fontSize, leftIndent=16,
                  bulletColor=ctx.theme.colour("accent"), spaceAfter=body.spaceAfter * 0.5)
    after = Spacer(0, body.spaceAfter * 0.6)
    kind = TextList if ctx.page_rules else ListFlowable
    if ordered:
        start = int(elem.get("start", "1"))
        numbering = NUMBERING[ctx.list_depth % len(NUMBERING)]
        return [kind(items, bulletType=numbering, start=start, bulletFormat="%s.", **common), after]
    return [kind(items, bulletType="bullet", start="•", **common), after]


NUMBERING = ("1", "a", "i")  # reportlab's bullet types: 1. 2. / a. b. / i. ii.


def table(elem: ET.Element, ctx: Context) -> list:
    """A table whose column widths come from its cells (layout/tables.py): set smaller
    when it is too wide, or on a landscape page of its own when marked so."""
    rows = elem.findall("row")
    if not rows:
        return []
    wanted = elem.get("landscape") == "1"
    turned = ctx.landscape if wanted and ctx.landscape is not None and ctx.width == ctx.landscape.column else None
    if wanted and turned is None:
        why = ctx.upright or "only a handout's own text has them, not a box, a list or a leaflet"
        ctx.warn(src(elem), f"this table cannot have a landscape page of its own here ({why}); it is set "
                 "in the column: remove {.landscape}")
    room = turned.width if turned is not None else ctx.width
    room_name = "the landscape page" if turned is not None else ctx.room_name
    head, cell = ctx.styles["cellhead"], ctx.styles["cell"]
    texts = [[(ctx.text(c), c.get("align")) for c in row.findall("cell")] for row in rows]
    heads = [row.get("header") == "1" for row in rows]
    columns = max(len(r) for r in texts)
    for r in texts:
        r.extend(("", None) for _ in range(columns - len(r)))
    most = int(room // (PADDING + 8))  # columns of one or two letters each, at the least
    if columns > most:
        raise fail(src(elem), f"this table has {columns} columns, and at most {most} fit {room_name}; "
                   "split it into tables of fewer columns" + (", or put {.landscape} on the line above it"
                                                             if ctx.landscape and not turned else ""))
    data = _cells(texts, heads, head, cell)
    points = getattr(ctx.styles["body"].hyphenationLang, "points", None)
    smallest = min(cell.fontSize, head.fontSize)  # no text of the table below the floor
    fit = fit_columns([[measure(p.frags, p.style.leading, points) for p in r] for r in data], room, smallest,
                      min(ctx.smallest_table_text, smallest))
    if fit.scale < 1:
        head, cell = _smaller(head, fit.scale), _smaller(cell, fit.scale)
        data = _cells(texts, heads, head, cell)
    if fit.overfull:
        smallest = min(cell.fontSize, head.fontSize)
        ctx.warn(src(elem), f"this table is too wide for {room_name} even with its text at {smallest:.0f} pt: "
                 "its longest words are broken between letters; use fewer columns or shorter words"
                 + (", or put {.landscape} on the line above the table" if ctx.landscape and not turned else ""))
    widths = list(fit.widths)
    _hyphenate_where_needed(data, widths, points is not None and ctx.styles["body"].hyphenationLang)
    header = 1 if heads[0] else 0
    c = ctx.theme.colours
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), ctx.theme.body_font),  # reportlab's default is Helvetica
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, c["rule"]),
    ]
    if header:
        commands += [("BACKGROUND", (0, 0), (-1, 0), c["accent"])]
    commands += [("BACKGROUND", (0, i), (-1, i), colors.Color(0.95, 0.96, 0.97))
                 for i in range(header + 1, len(data), 2)]
    if ctx.plain_cells:
        commands += _plain_cells(data, widths, header, head, cell)
    kind = RowsKeptTable if ctx.page_rules else Table
    made = [Spacer(0, 2), kind(data, colWidths=widths, repeatRows=header, style=TableStyle(commands),
                               hAlign="LEFT", spaceAfter=ctx.styles["body"].spaceAfter * 1.5)]
    return turned.place(made) if turned is not None else made


def _cells(texts: list[list[tuple[str, str | None]]], heads: list[bool], head: Any, cell: Any) -> list[list]:
    return [[Para(text, _aligned(head if is_head else cell, align)) for text, align in row]
            for row, is_head in zip(texts, heads)]


def _smaller(style: Any, scale: float) -> Any:
    return style.clone(f"{style.name}-small", fontSize=style.fontSize * scale, leading=style.leading * scale)


def _hyphenate_where_needed(data: list[list], widths: list[float], hyphenator: Any) -> None:
    """A cell with a word wider than its column is hyphenated (at its hyphenation
    points only); the others keep their words whole."""
    if not hyphenator:
        return
    hyphenated: dict[int, Any] = {}
    for row in data:
        for i, para in enumerate(row):
            room = widths[i] - PADDING + 0.01
            if not any(stringWidth(t, f.fontName, f.fontSize) > room
                       for f in para.frags if isinstance(getattr(f, "text", None), str) for t in f.text.split()):
                continue
            style = hyphenated.get(id(para.style))
            if style is None:
                style = hyphenated[id(para.style)] = para.style.clone(para.style.name + "-hyphenated",
                                                                      hyphenationLang=hyphenator)
            para.style = style


def _plain_cells(data: list[list], widths: list[float], header: int, head: Any, cell_style: Any) -> list:
    """Cells whose paragraph is one plain, left-aligned fragment that fits on one line
    become the string itself, drawn by the table in the cell's font, size, colour and
    leading: the same baseline (the cell's top, less its padding and the font size, for
    both) and the same row height, without a paragraph to break and draw. The style
    commands that give string cells their font; nothing else changes."""
    rows = [(range(0, header), head), (range(header, len(data)), cell_style)]
    commands: list = []
    for span, style in rows:
        if not span:
            continue
        first, last = span[0], span[-1]
        changed = False
        for r in span:
            for col, cell in enumerate(data[r]):
                frags: list = getattr(cell, "frags", None) or []
                if not isinstance(cell, Para) or cell.style is not style or len(frags) != 1:
                    continue
                frag = frags[0]
                if (hasattr(frag, "cbDefn") or frag.link or frag.us_lines or frag.rise or not frag.text
                        or frag.fontName != style.fontName or frag.fontSize != style.fontSize
                        or frag.textColor != style.textColor):
                    continue
                room = widths[col] - PADDING
                if stringWidth(frag.text, frag.fontName, frag.fontSize) > room - 0.5:
                    continue  # it might wrap: keep the paragraph
                data[r][col] = frag.text
                changed = True
        if changed:
            commands += [("FONTNAME", (0, first), (-1, last), style.fontName),
                         ("FONTSIZE", (0, first), (-1, last), style.fontSize),
                         ("LEADING", (0, first), (-1, last), style.leading),
                         ("TEXTCOLOR", (0, first), (-1, last), style.textColor)]
    return commands


def _aligned(style: Any, align: str | None) -> Any:
    alignment = {"center": TA_CENTER, "right": TA_RIGHT}.get(align or "")
    return style if alignment is None else style.clone(f"{style.name}-{align}", alignment=alignment)


def figure(elem: ET.Element, ctx: Context) -> list:
    width = ctx.width * float(elem.get("width", "1"))
    # A figure and its caption are one block; a handout's pages may float it.
    return [FigureBlock(_figure_parts(elem, ctx, width, ctx.width), space_before=10, space_after=12,
                        anchors=(elem.get("anchor", ""),))]


def figure_row(elem: ET.Element, ctx: Context) -> list:
    """Figures side by side, each at its own width (made by `group_figures`)."""
    figures = list(elem)
    widths = shares(figures, ctx.width)
    cells = [_figure_parts(f, ctx, w, w) for f, w in zip(figures, widths)]
    row = figures_side_by_side(cells, widths, ctx.theme.body_font, align="CENTER")
    return [FigureBlock([row], space_before=10, space_after=12, anchors=tuple(f.get("anchor", "") for f in figures))]


def _figure_parts(elem: ET.Element, ctx: Context, width: float, most: float) -> list:
    """The picture (wider, up to `most`, when its text would print too small) and its caption."""
    picture = figure_flowable(elem.get("path", ""), width, most, ctx.theme, src(elem), least_text=LEAST_LABEL_SIZE)
    caption_elem = elem.find("caption")
    anchor = f'<a name="{elem.get("anchor", "")}"/>'
    caption = Para(anchor + (ctx.text(caption_elem) if caption_elem is not None else ""), ctx.styles["caption"])
    picture.hAlign = "CENTER"
    return [picture, caption]


def callout(elem: ET.Element, ctx: Context) -> list:
    kind = elem.get("kind", "note")
    colour = ctx.theme.colour(kind if kind in ctx.theme.colours else "note")
    label_style = ctx.styles["label"].clone("calloutlabel", textColor=colour, fontSize=ctx.styles["body"].fontSize)
    title = elem.find("title")
    label = f'{elem.get("label", "")}' + (f": {ctx.text(title)}" if title is not None else "")
    icon = callout_icon(kind, colour, face(ctx.theme.heading_font, bold=True))
    inner_width = ctx.width - 14 * mm
    sub = replace(ctx, width=inner_width, room_name="the box")
    body = build_children(elem, sub)
    rows = [[icon, Para(label, label_style)]] + [["", f] for f in body]
    tint = colors.Color(colour.red, colour.green, colour.blue, alpha=0.08)
    style = TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), ctx.theme.body_font),
        ("BACKGROUND", (0, 0), (-1, -1), tint),
        ("LINEBEFORE", (0, 0), (0, -1), 2.5, colour),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (0, -1), 6),
        ("TOPPADDING", (0, 0), (-1, 0), 6),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
        ("TOPPADDING", (0, 1), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 0),
        # a table cell drops its paragraph's space after: give it back between blocks
        ("BOTTOMPADDING", (0, 1), (-1, -2), ctx.styles["body"].spaceAfter),
        # the label never stands alone at the foot of a page
        ("NOSPLIT", (0, 0), (-1, min(1, len(rows) - 1))),
    ])
    box = Table(rows, colWidths=[ctx.width - inner_width, inner_width], style=style, hAlign="LEFT")
    return [Spacer(0, 3), box, Spacer(0, 8)]


def sidenote(elem: ET.Element, ctx: Context) -> list:
    # Every block of the note (a list too, not only its paragraphs), set in the
    # side-note style across the margin column.
    style = ctx.styles["sidenote"]
    margin = replace(ctx, width=ctx.theme.page["sidenote_width"], body_style="sidenote", room_name="the side note",
                     styles={**ctx.styles, "body": style, "item": style})
    return [SideNote(build_children(elem, margin), src(elem))]


def pagebreak(elem: ET.Element, ctx: Context) -> list:
    return [PageBreak()]


def titleblock(elem: ET.Element, ctx: Context) -> list:
    out: list = []
    for child in elem:
        if child.tag in ("kicker", "title", "subtitle", "byline"):
            out.append(ctx.para(child, child.tag))
    out.append(Spacer(0, 10))
    return [KeepTogether(out)]


def contents(elem: ET.Element, ctx: Context) -> list:
    """The table of contents; page numbers are filled in when the pages are known."""
    entries = []
    for entry in elem.findall("entry"):
        style = ctx.styles["toc1" if entry.get("level") == "1" else "toc2"]
        # a heading's footnote mark is printed by the heading, not in the contents
        entries.append(ContentsEntry(ctx.text(without_footnote_marks(entry)), style, anchor=entry.get("anchor", "")))
    if not entries:
        return []
    return [Para(elem.get("title", ""), ctx.styles["h2"]), *entries, Spacer(0, 14)]


def body(elem: ET.Element, ctx: Context) -> list:
    return build_children(elem, ctx, page_level=True)  # a container: its blocks join the page level


BUILDERS: dict[str, Builder] = {
    "h": heading,
    "p": paragraph,
    "code": code,
    "deflist": definition_list,
    "list": bullet_list,
    "table": table,
    "figure": figure,
    "figrow": figure_row,  # made by the layout (`figures.group_figures`), never written
    "callout": callout,
    "sidenote": sidenote,
    "pagebreak": pagebreak,
    "titleblock": titleblock,
    "contents": contents,
    "body": body,
}

BLOCKS = frozenset(BUILDERS) - {"figrow"}
_TEXT = tag("", INLINE)  # a tag that holds paragraph markup only

# Every tag and attribute of a handout's markup, as the builders above read it; the
# template stage checks what a template makes against it (templating.render).
HANDOUT_MARKUP = MarkupTable({
    **INLINE_MARKUP,
    "document": tag("kind lang title header-left header-right page-label figure-ref section-ref src",
                    BLOCKS | {"figures", "footnotes"}),
    "figures": tag("", "figure-number"),
    "figure-number": tag("anchor n"),
    "footnotes": tag("", "footnote"),
    "footnote": tag("n src", INLINE),
    "body": tag("", BLOCKS),
    "h": tag("level number anchor plain src", INLINE),
    "p": tag("src", INLINE),
    "code": tag("src", INLINE),
    "deflist": tag("src", "term definition"),
    "term": tag("", INLINE),
    "definition": tag("", BLOCKS),
    "list": tag("ordered start src", "item"),
    "item": tag("", BLOCKS),
    "table": tag("src landscape", "row"),
    "row": tag("header", "cell"),
    "cell": tag("align", INLINE),
    "figure": tag("path width anchor alt src", "caption"),
    "caption": _TEXT,
    "callout": tag("kind label src", BLOCKS | {"title"}),
    "sidenote": tag("src", "p list"),  # the margin prints paragraphs and lists
    "pagebreak": tag("src"),
    "titleblock": tag("", "kicker title subtitle byline"),
    "kicker": _TEXT, "title": _TEXT, "subtitle": _TEXT, "byline": _TEXT,
    "contents": tag("title", "entry"),
    "entry": tag("level anchor", INLINE),
}, frozenset({"document"}))

