"""Reading the block markup the templates produce."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass

from handouts.errors import SourceRef, fail

_FOOTNOTE = re.compile(r'<fn n="(\d+)"\s*/>')
_FIGREF = re.compile(r'<figref target="([^"]*)"\s*/>')


def parse_markup(text: str, template: str) -> ET.Element:
    try:
        return ET.fromstring(text)
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else 0
        raise fail(SourceRef(template, 0), f"the template produced broken markup (line {line} of its output): {exc}") from None


def inner(elem: ET.Element) -> str:
    """The element's content as reportlab paragraph markup (text and child tags)."""
    parts = [_escape(elem.text or "")]
    for child in elem:
        parts.append(ET.tostring(child, encoding="unicode"))
    return "".join(parts).strip()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# A footnote mark: smaller and lower than reportlab's <super> (8.5 pt raised half the
# size of 10.5 pt text), whose digits come within 0.6 pt of the descenders of the line
# above; at 70% raised a third their top stays 3 pt under them at the body's leading.
FOOTNOTE_MARK_OPEN = '<super rise="33%" size="70%">'


def resolve_marks(text: str, figures: dict[str, str], figure_word: str, mark_style: str,
                  sections: dict[str, str] | None = None) -> str:
    """Turn the private `<fn>` and `<figref>` tags into printable paragraph markup; a
    reference to a heading prints `sections[target]` (its number and page)."""
    if "<f" not in text:  # neither tag: most texts
        return text
    text = _FOOTNOTE.sub(
        lambda m: f'{FOOTNOTE_MARK_OPEN}{mark_style}{m.group(1)}</font></super><onDraw name="fnmark" label="{m.group(1)}"/>', text
    )
    def reference(m: re.Match) -> str:
        target = m.group(1)
        if sections and target in sections and target not in figures:
            return f'<a href="#{target}">{sections[target]}</a>'
        return f'<a href="#{target}">{figure_word}&nbsp;{figures.get(target, "?")}</a>'

    return _FIGREF.sub(reference, text)


def without_footnote_marks(elem: ET.Element) -> ET.Element:
    """`elem`, or a copy of it without its footnote marks (`<fn>`), keeping the text
    after them."""
    if elem.find(".//fn") is None:
        return elem
    copy = ET.fromstring(ET.tostring(elem))
    for parent in copy.iter():
        for child in list(parent):
            if child.tag == "fn":
                index = list(parent).index(child)
                tail = child.tail or ""
                if index:
                    previous = parent[index - 1]
                    previous.tail = (previous.tail or "") + tail
                else:
                    parent.text = (parent.text or "") + tail
                parent.remove(child)
    return copy


def src(elem: ET.Element) -> SourceRef:
    """The content file and line an element came from (its `src` attribute)."""
    where = elem.get("src", "")
    path, _, line = where.rpartition(":")
    return SourceRef(path, int(line)) if path and line.isdigit() else SourceRef(where)


@dataclass(frozen=True)
class Tag:
    """What one tag of the markup may carry: its attributes and the tags inside it.
    Each kind of document declares its tags in one table (tag name → `Tag`), beside
    its builders; a tag or attribute that is not in it would print nothing."""

    attributes: frozenset[str] = frozenset()
    children: frozenset[str] = frozenset()


def tag(attributes: str = "", children: str | frozenset[str] = "") -> Tag:
    """A `Tag` from space-separated names (or a set of child tags)."""
    kids = children if isinstance(children, frozenset) else frozenset(children.split())
    return Tag(frozenset(attributes.split()), kids)


# Paragraph markup inside a block: reportlab's inline tags the project supports, and
# its own two marks (resolved by `resolve_marks`).
_LINE_STYLE = "color width offset gap kind"
_FONT = "name face size color fg backcolor"
INLINE_MARKUP: dict[str, Tag] = {
    name: tag(attributes) for name, attributes in {
        "b": "", "i": "", "strong": "", "em": "", "nobr": "", "br": "",
        "u": _LINE_STYLE, "strike": _LINE_STYLE,
        "sub": "rise size", "sup": "rise size", "super": "rise size",
        "font": _FONT, "span": _FONT + " style", "a": "href name color fg underline",
        "fn": "n", "figref": "target",
    }.items()
}
INLINE = frozenset(INLINE_MARKUP)
for _name in INLINE_MARKUP:  # inline tags nest in each other
    INLINE_MARKUP[_name] = Tag(INLINE_MARKUP[_name].attributes, INLINE)


@dataclass(frozen=True)
class Misfit:
    """A tag or attribute of the markup that its table does not declare."""

    element: ET.Element
    parent: ET.Element | None  # None for the root element
    attribute: str = ""  # empty: the tag itself does not belong where it stands


@dataclass(frozen=True)
class MarkupTable:
    """The markup one kind of document is laid out from: its tags (inline ones too)
    and the tags its markup may start with."""

    tags: dict[str, Tag]
    roots: frozenset[str]


def misfits(root: ET.Element, markup: MarkupTable) -> Iterator[Misfit]:
    """Every tag that may not stand where it is and every unknown attribute, in
    document order."""
    table = markup.tags
    if root.tag not in markup.roots:
        yield Misfit(root, None)
        return
    stack = [(root, table[root.tag])]
    while stack:
        elem, spec = stack.pop()
        for name in elem.attrib:
            if name not in spec.attributes:
                yield Misfit(elem, None, name)
        kids = []
        for child in elem:
            known = table.get(child.tag)
            if known is None or child.tag not in spec.children:
                yield Misfit(child, elem)
            else:
                kids.append((child, known))
        stack.extend(reversed(kids))
