"""Things a reader notices at a glance, measured from the PDF's character boxes: a
footnote mark keeps clear of the descenders of the line above, and the running head's
rule keeps clear of the head's letters and of the first line of text."""

from __future__ import annotations

import ctypes
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from conftest import Project

# Every line of the first paragraph is full of descenders (g, j, p, y); every word of
# the second carries a footnote mark, so some mark stands under a descender.
DESCENDERS = " ".join(["jaagpij gyp"] * 40)
MARKED = " ".join(f"ja{n}[^{n}] m^2^" for n in range(1, 25))  # a superscript too
NOTES = "\n".join(f"[^{n}]: Noot {n}." for n in range(1, 25))


def _chars(pdf: Path, page: int = 0) -> list[tuple[str, float, float, float, float, float, float]]:
    """(character, font size, left, bottom, right, top, baseline) of every character."""
    doc = pdfium.PdfDocument(str(pdf))
    text = doc[page].get_textpage()
    out = []
    for i in range(text.count_chars()):
        ch = chr(pdfium_c.FPDFText_GetUnicode(text.raw, i))
        if ch.isspace():
            continue
        left, bottom, right, top = text.get_charbox(i)
        x, y = ctypes.c_double(), ctypes.c_double()
        pdfium_c.FPDFText_GetCharOrigin(text.raw, i, ctypes.byref(x), ctypes.byref(y))
        out.append((ch, pdfium_c.FPDFText_GetFontSize(text.raw, i), left, bottom, right, top, y.value))
    doc.close()
    return out


def test_a_footnote_mark_or_superscript_keeps_clear_of_the_descenders_of_the_line_above(project: Project):
    project.write("content/doc.md", f"---\ntitle: Noten\n---\n\n{DESCENDERS} {MARKED}\n\n{NOTES}\n")
    result = project.run("build")
    assert result.exit_code == 0, result.output
    chars = _chars(project.root / "build/doc.pdf")
    body = max({round(c[1], 1) for c in chars}, key=lambda s: sum(1 for c in chars if round(c[1], 1) == s))
    text = [c for c in chars if abs(c[1] - body) < 0.2]
    baselines = sorted({round(c[6], 1) for c in text}, reverse=True)
    marks = [c for c in chars if c[0].isdigit() and c[1] < body - 0.5 and c[6] > min(baselines) - 1]
    assert marks, "no footnote marks found in the text"
    clearances = []
    for mark in marks:
        own = max(b for b in baselines if b < mark[6])  # the line the mark sits on
        above = [b for b in baselines if b > own]
        if not above:
            continue
        line_above = min(above)
        lowest_ink = min(c[3] for c in text if round(c[6], 1) == line_above)
        clearances.append(lowest_ink - mark[5])
    assert clearances, "no mark under a line of text"
    assert min(clearances) >= 1.0, f"a mark comes within {min(clearances):.2f} pt of the line above"


def _rule_y(pdf: Path, page: int) -> float:
    """The height of the running head's rule: the highest thin horizontal line drawn."""
    doc = pdfium.PdfDocument(str(pdf))
    found = []
    for obj in doc[page].get_objects():
        if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
            left, bottom, right, top = obj.get_bounds()
            if right - left > 100 and top - bottom < 2:
                found.append((bottom + top) / 2)
    doc.close()
    assert found, "no rule under the running head"
    return max(found)


def test_the_running_head_rule_keeps_clear_of_the_head_and_of_the_text(project: Project):
    body = "\n\n".join(["Tekst over de rug, met woorden als Japan en gypsum. " * 12] * 8)
    project.write("content/doc.md", f"---\ntitle: Rug\ncourse: Jaargang gympje\n---\n\n{body}\n\n"
                  "# Een kop bovenaan Égypte\n\nMeer tekst.\n\n" + body)
    result = project.run("build")
    assert result.exit_code == 0, result.output
    pdf = project.root / "build/doc.pdf"
    for page in (1, 2):
        rule = _rule_y(pdf, page)
        chars = _chars(pdf, page)
        head = [c for c in chars if c[6] > rule]
        text = [c for c in chars if c[6] < rule]
        assert head and text
        cap = max(c[5] - c[6] for c in head if c[0].isupper())  # the head's capital height
        head_clearance = min(c[3] for c in head) - rule
        text_clearance = rule - max(c[5] for c in text)
        assert head_clearance >= 0.45 * cap, f"page {page + 1}: rule {head_clearance:.1f} pt under the head"
        assert text_clearance >= 1.5 * cap, f"page {page + 1}: first line {text_clearance:.1f} pt under the rule"
