"""Contents entries and numbered headings break their lines as the markup they replace did;
the inner markup handed to reportlab is what ElementTree writes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus.paragraph import Paragraph

from handouts.layout.paragraph import Para


@pytest.mark.parametrize("text", [
    "3.1\xa0\xa0Functies van de rug",
    "3.2.1\xa0\xa0Opbouw in vijf regio\u2019s",
    "3.4\xa0\xa0Een heel lange titel die in de inhoudsopgave zeker over twee regels loopt, "
    "en misschien zelfs over drie als de kolom smal is",
    "<b>vet</b> en gewoon",
])
def test_a_contents_entry_ends_where_a_callback_at_its_end_would_be(text):
    """The dots of a contents entry start where reportlab's drawing would have called
    back at the end of the text (the old way, with an onDraw tag)."""
    import io

    from reportlab.pdfgen.canvas import Canvas

    from handouts.layout.headings import ContentsEntry

    style = ParagraphStyle("toc", fontName="Helvetica", fontSize=10.5, leading=14.5,
                           leftIndent=52, firstLineIndent=-30, rightIndent=30)
    canvas = Canvas(io.BytesIO())
    seen = []
    canvas.setNamedCB("end", lambda c, kind, label: seen.append((c._curr_tx_info["cur_x"], c._curr_tx_info["cur_y"])))
    old = Paragraph(text + '<onDraw name="end" label="x"/>', style)
    old.wrapOn(canvas, 200, 500)
    old.drawOn(canvas, 0, 0)
    new = ContentsEntry(text, style, anchor="h1")
    new.wrapOn(canvas, 200, 500)
    assert len(new.blPara.lines) == len(old.blPara.lines)
    assert new._text_end() == pytest.approx(seen[-1], abs=1e-9)


@pytest.mark.parametrize("title", ["Functies van de rug", "Een heel lange kop die over twee regels loopt "
                                   "omdat hij zoveel woorden heeft als niemand ooit zou willen lezen"])
def test_a_heading_number_as_bullet_breaks_the_words_as_the_mixed_markup_did(title):
    from reportlab.lib.colors import HexColor

    from handouts.layout.headings import HeadingParagraph, numbered_heading_style

    style = ParagraphStyle("h2", fontName="Helvetica-Bold", fontSize=12, leading=15)
    accent = HexColor("#24557f")
    old = Para(f'<font color="#24557f">3.2.1</font>&nbsp;&nbsp;&nbsp;{title}', style)
    numbered = numbered_heading_style(style, "3.2.1", accent)
    new = HeadingParagraph(title, numbered, level=2, entry="", anchor="h1", bulletText="3.2.1")
    assert old.wrap(250, 500) == new.wrap(250, 500)
    old_lines = [" ".join(w.text for w in line.words).replace("\xa0", " ").split() for line in old.blPara.lines]
    new_lines = [" ".join(w.text for w in line.words).split() if new.blPara.kind else " ".join(line[1]).split()
                 for line in new.blPara.lines]
    old_lines[0] = old_lines[0][1:]  # the number
    assert [" ".join(x) for x in old_lines] == [" ".join(x) for x in new_lines]
    assert len(new.frags) == 1 and numbered.bulletColor == accent


@settings(max_examples=200, deadline=None)
@given(st.recursive(
    st.tuples(st.sampled_from(["b", "i", "a", "font", "onDraw", "super"]),
              st.dictionaries(st.sampled_from(["href", "name", "color", "label"]),
                              st.text(alphabet="ab<>&\"'\n\t\r é", max_size=6), max_size=2),
              st.text(alphabet="xy<>&\n é", max_size=5), st.text(alphabet="z&<> ", max_size=4), st.just([])),
    lambda children: st.tuples(st.sampled_from(["b", "i", "a"]), st.just({}), st.text(max_size=3),
                               st.text(max_size=3), st.lists(children, max_size=3)),
    max_leaves=8))
def test_inner_markup_is_what_elementtree_writes(tree):
    import xml.etree.ElementTree as ET

    from handouts.layout.markup import inner

    def build(node):
        tag, attrs, text, tail, children = node
        elem = ET.Element(tag, attrs)
        elem.text, elem.tail = text or None, tail or None
        elem.extend(build(c) for c in children)
        return elem

    root = ET.Element("p")
    root.text = "start & <"
    root.append(build(tree))
    expected = (root.text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                + "".join(ET.tostring(c, encoding="unicode") for c in root)).strip()
    assert inner(root) == expected
