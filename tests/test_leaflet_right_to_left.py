"""An Arabic leaflet (language: ar): Arabic labels, paragraphs right-aligned, lines
broken in reading order and each drawn in visual order, so a line's first word
stands at its right."""

from __future__ import annotations

import pypdfium2 as pdfium

TEXT = """\
---
title: آلام الظهر
language: ar
reviewed: 2026-09-01
---

# ماذا يمكنك أن تفعل

استمر في الحركة. امش قليلا كل يوم. لا تبق في السرير لفترة طويلة. اطلب المساعدة من
أخصائي العلاج الطبيعي إذا لم تتحسن حالتك بعد أسبوعين أو ثلاثة أسابيع من الراحة.
"""


def test_arabic_leaflet_reads_from_the_right(project):
    project.write("content/leaflets/ar.md", TEXT)
    project.write("practices/a.yaml", "name: Praktijk Noor\ncity: Linderveen\n")
    result = project.run("build", "--practice", "practices/a.yaml")
    assert result.exit_code == 0, result.output
    page = pdfium.PdfDocument(project.root / "build/leaflets/ar-a.pdf")[0]
    text = page.get_textpage().get_text_range()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    # the Arabic labels and date, and the Latin practice name in its own order
    assert "الخاص الطبيعي العلاج أخصائي" in text and "سبتمبر" in text and "Praktijk Noor" in text
    # pdfium reads each line left to right: the heading and the paragraph's first line
    # end (at the right) with their first words, and the first line holds the
    # paragraph's beginning, broken in reading order
    assert lines[0] == "تفعل أن يمكنك ماذا"
    assert lines[1].endswith("الحركة في استمر") and "السرير" in lines[1]
    assert lines[2].endswith("لفترة")  # "... في السرير" / "لفترة طويلة ..."
