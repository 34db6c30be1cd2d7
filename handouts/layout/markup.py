"""Reading the block markup the templates produce."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

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


def resolve_marks(text: str, figures: dict[str, str], figure_word: str, mark_style: str) -> str:
    """Turn the private `<fn>` and `<figref>` tags into printable paragraph markup."""
    if "<f" not in text:  # neither tag: most texts
        return text
    text = _FOOTNOTE.sub(
        lambda m: f'<super>{mark_style}{m.group(1)}</font></super><onDraw name="fnmark" label="{m.group(1)}"/>', text
    )
    return _FIGREF.sub(
        lambda m: f'<a href="#{m.group(1)}">{figure_word}&nbsp;{figures.get(m.group(1), "?")}</a>', text
    )


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
