"""Our block markup (what the handout template makes of a Markdown file) written as a
Typst document, so that Typst sets the same structure under the same constraints: the
title block and contents, headings at our sizes and spacing (kept with the next block,
as Typst does anyway), paragraphs, nested lists, tables with the same columns and rows
(header repeated, rows not split, as ours), callout boxes (breakable), footnotes at the
foot of the page, page breaks, and the figures floating (`placement: auto`).

Each construct is set as a Typst user would set it, with the sizes, fonts and spacings
of our theme; where ours has a rule Typst has no word for (a table's columns shared out
from its cells, a box split only between its paragraphs), Typst keeps its own.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from handouts.layout.theme import Theme, paragraph_styles

LIST_INDENT = 16.0  # ours: a list's text 16 pt in from its bullet's left edge
CALLOUT_ICON = 14 * mm  # ours: the icon's column of a box
CALLOUT_PADDING = 6.0


def literal(text: str) -> str:
    """Text as a Typst string in markup: nothing in it is read as Typst."""
    return '#"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def family(font: str) -> str:
    """The family a registered font name belongs to: "NotoSans-Regular" → "Noto Sans"."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", font.split("-")[0])


def _colour(theme: Theme, name: str) -> str:
    c = theme.colour(name)
    return f"rgb({round(c.red * 255)}, {round(c.green * 255)}, {round(c.blue * 255)})"


class TypstWriter:
    def __init__(self, root: ET.Element, theme: Theme, with_figures: bool):
        self.theme, self.with_figures = theme, with_figures
        self.styles = paragraph_styles(theme, root.get("lang", "nl"))
        self.notes = {int(n.get("n", "0")): n for n in root.iter("footnote")}
        self.figure_numbers = {f.get("anchor", ""): f.get("n", "") for f in root.iter("figure-number")}
        self.figure_word = root.get("figure-ref", "afbeelding")

    # -- inline text
    def inline(self, elem: ET.Element) -> str:
        out = [literal(elem.text)] if elem.text else []
        for child in elem:
            out.append(self._inline_one(child))
            if child.tail:
                out.append(literal(child.tail))
        return "".join(out)

    def _inline_one(self, child: ET.Element) -> str:
        tag = child.tag
        inner = self.inline(child)
        if tag == "b":
            return f"#strong[{inner}]"
        if tag == "i":
            return f"#emph[{inner}]"
        if tag == "super":
            return f"#super[{inner}]"
        if tag == "sub":
            return f"#sub[{inner}]"
        if tag == "strike":
            return f"#strike[{inner}]"
        if tag == "br":
            return "#linebreak()"
        if tag == "fn":
            note = self.notes.get(int(child.get("n", "0")))
            return f"#footnote[{self.inline(note)}]" if note is not None else ""
        if tag == "figref":
            return literal(f"{self.figure_word} {self.figure_numbers.get(child.get('target', ''), '?')}")
        return inner  # a link, a font: its words

    # -- blocks
    def blocks(self, elem: ET.Element) -> list[str]:
        out: list[str] = []
        for child in elem:
            made = getattr(self, "_" + child.tag.replace("-", "_"), None)
            if made is not None:
                out.extend(made(child))
        return out

    def _body(self, elem: ET.Element) -> list[str]:
        return self.blocks(elem)

    def _p(self, elem: ET.Element) -> list[str]:
        return [self.inline(elem) + "\n"]

    def _h(self, elem: ET.Element) -> list[str]:
        level = min(int(elem.get("level", "1")), 3)
        number = elem.get("number", "")
        shown = (f"#text(fill: {_colour(self.theme, 'accent')})[{literal(number)}]#h(0.9em)" if number else "")
        return [f"#heading(level: {level})[{shown}{self.inline(elem)}]\n"]

    def _list(self, elem: ET.Element) -> list[str]:
        kind = "enum" if elem.get("ordered") == "1" else "list"
        items = []
        for item in elem.findall("item"):
            items.append("[" + "".join(self.blocks(item)) + "]")
        start = f"start: {int(elem.get('start', '1'))}, " if kind == "enum" else ""
        return [f"#{kind}({start}{', '.join(items)})\n"]

    def _deflist(self, elem: ET.Element) -> list[str]:
        out = []
        for child in elem:
            if child.tag == "term":
                out.append(f"#block(below: 1pt, sticky: true)[#strong[{self.inline(child)}]]\n")
            elif child.tag == "definition":
                out.append(f"#pad(left: 16pt)[{''.join(self.blocks(child))}]\n")
        return out

    def _code(self, elem: ET.Element) -> list[str]:
        text = "".join(elem.itertext())
        return [f"#raw(block: true, {literal(text)[1:]})\n"]

    def _table(self, elem: ET.Element) -> list[str]:
        rows = elem.findall("row")
        if not rows:
            return []
        columns = max(len(r.findall("cell")) for r in rows)
        header = [r for r in rows if r.get("header") == "1"][:1]
        cells = []
        for row in rows:
            texts = [f"[{self.inline(c)}]" for c in row.findall("cell")]
            texts += ["[]"] * (columns - len(texts))
            if row in header:
                cells.append("table.header(" + ", ".join(texts) + ")")
            else:
                cells.extend(texts)
        return [f"#table(columns: {columns}, " + ", ".join(cells) + ")\n"]

    def _callout(self, elem: ET.Element) -> list[str]:
        kind = elem.get("kind", "note")
        colour = _colour(self.theme, kind if kind in self.theme.colours else "note")
        title = elem.find("title")
        label = literal(elem.get("label", "")) + (literal(": ") + self.inline(title) if title is not None else "")
        body = "".join(self.blocks(elem))
        heading = family(self.theme.heading_font)
        size = self.styles["body"].fontSize
        return [f"#block(width: 100%, breakable: true, fill: {colour}.transparentize(92%), "
                f"stroke: (left: 2.5pt + {colour}), inset: (left: {CALLOUT_ICON:.2f}pt, right: {CALLOUT_PADDING}pt, "
                f"top: {CALLOUT_PADDING}pt, bottom: {CALLOUT_PADDING}pt), below: 8pt, above: 3pt + 8pt)["
                f"#place(dx: {-CALLOUT_ICON + CALLOUT_PADDING:.2f}pt, circle(radius: 5pt, fill: {colour}))"
                f"#block(below: 6pt, sticky: true)[#text(font: \"{heading}\", weight: \"bold\", size: {size}pt, "
                f"fill: {colour})[{label}]]{body}]\n"]

    def _figure(self, elem: ET.Element) -> list[str]:
        if not self.with_figures:
            return []
        width = round(float(elem.get("width", "1")) * 100)
        caption = elem.find("caption")
        words = self.inline(caption) if caption is not None else ""
        path = literal(str(Path(elem.get("path", "")).resolve()))[1:]
        return [f"#figure(image({path}, width: {width}%), placement: auto, caption: [{words}])\n"]

    def _pagebreak(self, elem: ET.Element) -> list[str]:
        return ["#pagebreak(weak: true)\n"]

    def _titleblock(self, elem: ET.Element) -> list[str]:
        out = []
        for child in elem:
            style = self.styles.get(child.tag)
            if style is None:
                continue
            weight = "bold" if "Bold" in style.fontName else "regular"
            c = style.textColor
            fill = f"rgb({round(c.red * 255)}, {round(c.green * 255)}, {round(c.blue * 255)})"
            face = family(self.theme.heading_font)
            out.append(f"#block(above: 0pt, below: {style.spaceAfter + style.leading - style.fontSize}pt)"
                       f"[#set par(leading: {style.leading - style.fontSize}pt, justify: false)\n"
                       f"#text(font: \"{face}\", size: {style.fontSize}pt, weight: \"{weight}\", fill: {fill})"
                       f"[{self.inline(child)}]]\n")
        return [*out, "#v(10pt)\n"]

    def _contents(self, elem: ET.Element) -> list[str]:
        if not elem.findall("entry"):
            return []
        return [f"#outline(title: [{literal(elem.get('title', ''))}], depth: 2)\n#v(14pt)\n"]


def typst_source(root: ET.Element, theme: Theme, with_figures: bool = True) -> str:
    """The Typst document for our markup `root`, in our theme's fonts, sizes and page."""
    writer = TypstWriter(root, theme, with_figures)
    styles = writer.styles
    body = styles["body"]
    p = theme.page
    lead = body.leading
    # Typst measures leading and spacing from one line's baseline to the next line's
    # top (its capitals): a gap of our leading less about 0.75 em between baselines.
    gap = f"{lead}pt - 0.75em"
    heading_font = family(theme.heading_font)
    lines = [
        f'#set page(paper: "a4", margin: (top: {p["top"]}pt, bottom: {p["bottom"]}pt, left: {p["left"]}pt, '
        f'right: {p["right"] + p["sidenote_width"] + p["sidenote_gap"]}pt))',
        f'#set text(font: "{family(theme.body_font)}", size: {body.fontSize}pt, lang: "{root.get("lang", "nl")}", '
        f'hyphenate: true, fill: {_colour(theme, "text")})',
        f"#set par(justify: true, leading: {gap}, spacing: {body.spaceAfter}pt + {gap})",
        "#set heading(numbering: none)",
    ]
    for level in (1, 2, 3):
        h = styles[f"h{level}"]
        colour = _colour(theme, "accent") if level == 1 else _colour(theme, "text")
        # ours: the heading's space before, its own line (1.25 em) and its space after
        lines.append(f"#show heading.where(level: {level}): set text(font: \"{heading_font}\", size: {h.fontSize}pt, "
                     f"weight: \"bold\", fill: {colour})")
        lines.append(f"#show heading.where(level: {level}): set block(above: {h.spaceBefore}pt + {gap} + "
                     f"{h.leading - h.fontSize}pt, below: {h.spaceAfter}pt + {gap})")
    item = styles["item"]
    cell, head = styles["cell"], styles["cellhead"]
    caption, note = styles["caption"], styles["footnote"]
    marker = _colour(theme, "accent")
    lines += [
        f"#set list(indent: 0pt, body-indent: {LIST_INDENT - stringWidth('•', body.fontName, body.fontSize):.2f}pt, "
        f"spacing: {item.spaceAfter}pt + {gap}, marker: text(fill: {marker})[•])",
        f"#set enum(indent: 0pt, body-indent: {LIST_INDENT - stringWidth('1.', body.fontName, body.fontSize):.2f}pt, "
        f"spacing: {item.spaceAfter}pt + {gap}, numbering: n => text(fill: {marker})[#n.])",
        f"#set table(stroke: (x: none, bottom: 0.4pt + {_colour(theme, 'rule')}, top: none), "
        f"inset: (x: 6pt, top: 3pt, bottom: 4pt + {cell.leading}pt - 0.75em), "
        f"fill: (_, y) => if y == 0 {{ {_colour(theme, 'accent')} }} else if calc.even(y) {{ rgb(242, 245, 247) }})",
        "#set table.cell(breakable: false)",
        f"#show table: set par(justify: false, leading: {cell.leading}pt - 0.75em)",
        f"#show table: set text(size: {cell.fontSize}pt, hyphenate: false)",
        f"#show table.cell.where(y: 0): set text(font: \"{heading_font}\", weight: \"bold\", size: {head.fontSize}pt, "
        "fill: white)",
        f"#show table: set block(below: {body.spaceAfter * 1.5}pt + {gap}, above: 2pt + {gap})",
        f"#show figure.caption: set text(font: \"{heading_font}\", size: {caption.fontSize}pt, "
        f"fill: {_colour(theme, 'muted')})",
        "#show figure.caption: it => align(left, it.body)",
        f"#show footnote.entry: set text(size: {note.fontSize}pt)",
        f"#show outline.entry.where(level: 1): it => block(above: 5pt + {gap}, strong(it))",
        f"#set outline(indent: {22}pt)",
        "#show outline: set heading(outlined: false)",
        "",
    ]
    return "\n".join(lines) + "\n" + "\n".join(writer.blocks(root))


def typst_pdf(root: ET.Element, theme: Theme, out: Path, font_folder: Path, with_figures: bool = True) -> Path:
    """`root` set by Typst (the `typst` package: the bench's own dependency) into `out`."""
    import typst

    typ = out.with_suffix(".typ")
    typ.write_text(typst_source(root, theme, with_figures), encoding="utf-8")
    out.write_bytes(typst.compile(str(typ), root="/", font_paths=[str(font_folder)]))
    return out
