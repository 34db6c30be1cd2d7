"""An Arabic leaflet (language: ar): Arabic labels, paragraphs right-aligned, lines
broken in reading order and each drawn in visual order, so a line's first word
stands at its right."""

from __future__ import annotations

import pypdf
import pypdfium2 as pdfium
import pytest

from handouts.leaflet.folds import MM

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
    flap = in_panel(page, 200, 297)  # folded the other way, the flap is on the right
    lines = [line.strip() for line in flap.splitlines() if line.strip()]
    # the Arabic labels and date, and the Latin practice name in its own order
    assert "الخاص الطبيعي العلاج أخصائي" in text and "سبتمبر" in text
    # pdfium may read the words of a Latin run on an Arabic page backwards; pypdf reads
    # the name as it is drawn
    path = project.root / "build/leaflets/ar-a.pdf"
    assert "Praktijk Noor" in pypdf.PdfReader(path).pages[0].extract_text()
    # pdfium reads each line left to right: the heading and the paragraph's first line
    # end (at the right) with their first words, and the first line holds the
    # paragraph's beginning, broken in reading order
    assert lines[0] == "تفعل أن يمكنك ماذا"
    assert lines[1].endswith("الحركة في استمر") and "السرير" in lines[1]
    assert lines[2].endswith("لفترة")  # "... في السرير" / "لفترة طويلة ..."


# Five sections, one per text panel (a panel break between them), each headed by its
# ordinal, and a booklet of three text pages.
PANELS = ["أولا", "ثانيا", "ثالثا", "رابعا", "خامسا"]
SENTENCE = "استمر في الحركة وامش قليلا كل يوم."


def panels_text(fold: str = "trifold") -> str:
    sections = "\n\n---\n\n".join(f"# {word}\n\n{SENTENCE}" for word in PANELS)
    return TEXT.split("# ")[0].replace("reviewed:", f"fold: {fold}\nreviewed:") + sections + "\n"


def in_panel(page, left_mm: float, right_mm: float) -> str:
    """The text of a page between two distances from its left edge."""
    height = page.get_height()
    return page.get_textpage().get_text_bounded(left_mm * MM, 0, right_mm * MM, height)


def built(project, fold: str, *args: str):
    project.write("content/leaflets/ar.md", panels_text(fold))
    result = project.run("build", *args)
    assert result.exit_code == 0, result.output
    return project.root / "build/leaflets"


def test_arabic_tri_fold_is_folded_the_other_way(project):
    """Mirrored sheet: outside cover | back | flap (97 mm), inside 97 | 100 | 100 mm. The
    cover opens from the left; the flap is read first, then the inside from the right."""
    document = pdfium.PdfDocument(built(project, "trifold") / "ar.pdf")
    outside, inside = document[0], document[1]
    assert "الظهر" in in_panel(outside, 0, 100)  # the title: the cover is on the left
    assert PANELS[0] in in_panel(outside, 200, 297)  # the flap, on the right
    assert PANELS[4] in in_panel(outside, 100, 200)  # the back, with the stamp area
    assert "أخصائي" in in_panel(outside, 100, 200)
    # inside: the back of the cover (right) first, the panel that folds in (left) last
    assert [word for left, right in ((197, 297), (97, 197), (0, 97))
            for word in PANELS if word in in_panel(inside, left, right)] == PANELS[1:4]
    # text keeps 7 mm from the folds of the mirrored sheet
    for page, folds in ((outside, (100, 200)), (inside, (97, 197))):
        textpage = page.get_textpage()
        for i in range(textpage.count_rects()):
            left, _, right, _ = textpage.get_rect(i)
            for x in folds:
                assert right <= (x - 6.9) * MM or left >= (x + 6.9) * MM, (x, left / MM)


@pytest.mark.parametrize("page, folds", [(0, (100, 200)), (1, (97, 197))])
def test_arabic_fold_marks_sit_on_the_mirrored_folds(project, page, folds):
    image = pdfium.PdfDocument(built(project, "trifold") / "ar.pdf")[page].render(
        scale=4).to_pil().convert("L")
    row = int(image.height - 6 * MM * 4)  # 6 mm above the bottom edge, inside the marks
    inked = [x / 4 / MM for x in range(image.width) if image.getpixel((x, row)) < 200]
    assert inked and all(any(abs(x - f) < 0.5 for f in folds) for x in inked), inked
    assert all(any(abs(x - f) < 0.5 for x in inked) for f in folds), inked


def test_arabic_screen_version_reads_cover_flap_inside_from_the_right_back(project):
    document = pdfium.PdfDocument(built(project, "trifold") / "ar-screen.pdf")
    texts = [document[i].get_textpage().get_text_range() for i in range(len(document))]
    assert "الظهر" in texts[0]
    assert [next(i for i, t in enumerate(texts) if word in t) for word in PANELS] == [1, 2, 3, 4, 5]
    assert pypdf.PdfReader(project.root / "build/leaflets/ar-screen.pdf").trailer[
        "/Root"]["/ViewerPreferences"]["/Direction"] == "/R2L"


def test_arabic_booklet_is_stapled_on_the_right(project):
    """On the outer sheet the cover (page 1) is left of the fold and the back right of it;
    inside, page 2 is right of the fold, read first. The A5 file opens right to left."""
    out = built(project, "booklet")
    sheets = pdfium.PdfDocument(out / "ar-a4.pdf")
    front, back = sheets[0], sheets[1]
    assert "الظهر" in in_panel(front, 0, 148.5) and "أخصائي" in in_panel(front, 148.5, 297)
    assert PANELS[0] in in_panel(back, 148.5, 297)  # page 2
    assert PANELS[0] not in in_panel(back, 0, 148.5)
    a5 = pypdf.PdfReader(out / "ar.pdf")
    assert a5.trailer["/Root"]["/ViewerPreferences"]["/Direction"] == "/R2L"
    assert "الظهر" in in_panel(pdfium.PdfDocument(out / "ar.pdf")[0], 0, 148)
