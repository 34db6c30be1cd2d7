"""Leaflets as a practice prints them: full panels, fold marks the printer prints,
printed at actual size. Everything measured from the built PDFs."""

from __future__ import annotations

import shutil

import pypdf
import pypdfium2 as pdfium
import pytest
from panel_fill import panel_fill

from handouts.leaflet.folds import MM

from conftest import REPO

MOST_EMPTY = 0.25  # no text panel of the sample is more than a quarter empty


@pytest.fixture
def sample(project):
    for folder in ("leaflets", "practices"):
        shutil.copytree(REPO / "content" / folder, project.root / "content" / folder)
    return project


def built(sample, fold: str):
    source = sample.root / "content" / "leaflets" / "rugpijn.md"
    source.write_text(source.read_text("utf-8").replace("fold: trifold", f"fold: {fold}"),
                      "utf-8")
    result = sample.run("build")
    assert result.exit_code == 0, result.output
    return sample.root / "build" / "leaflets" / "rugpijn.pdf"


def test_the_samples_tri_fold_panels_are_full(sample):
    fill = panel_fill(built(sample, "trifold"), "trifold")
    assert [name for name, _ in fill] == ["flap", "inside-left", "inside-middle", "inside-right"]
    assert all(empty <= MOST_EMPTY for _, empty in fill), fill


@pytest.mark.parametrize("fold", ["booklet", "single"])
def test_the_samples_pages_are_full_except_the_last(sample, fold):
    fill = panel_fill(built(sample, fold), fold)
    assert len(fill) >= 2
    # The last page holds what is left; every page before it is filled.
    assert all(empty <= MOST_EMPTY for _, empty in fill[:-1]), fill


def ink_rows_mm(path, page_index, x_mm):
    """Distances from the bottom edge (mm) of the inked rows in a 1 mm column at x."""
    page = pdfium.PdfDocument(str(path))[page_index]
    scale = 8
    image = page.render(scale=scale).to_pil().convert("L")
    column = int(x_mm * MM * scale)
    height = image.height
    rows = []
    for y in range(height):
        if min(image.getpixel((c, y)) for c in range(column - 2, column + 3)) < 200:
            rows.append((height - y) / scale / MM)
    return rows


@pytest.mark.parametrize("fold, fold_xs", [("trifold", (97, 197)), ("booklet", (148.5,))])
def test_fold_marks_are_printed_by_office_printers(sample, fold, fold_xs):
    path = built(sample, fold)
    if fold == "booklet":
        path = path.with_name("rugpijn-a4.pdf")
    for x in fold_xs:
        rows = ink_rows_mm(path, 0, x)
        bottom = [r for r in rows if r < 20]
        top = [210 - r for r in rows if r > 190]
        assert bottom and top, f"no fold mark at {x} mm"
        # Office printers leave 1 to 4.5 mm of the edge blank: marks start 5 mm in.
        assert min(bottom) >= 4.8 and min(top) >= 4.8, (min(bottom), min(top))


def test_the_pdf_asks_to_be_printed_at_actual_size(sample):
    for name in ("rugpijn.pdf", "rugpijn-screen.pdf"):
        path = built(sample, "trifold").with_name(name)
        preferences = pypdf.PdfReader(path).trailer["/Root"]["/ViewerPreferences"]
        assert preferences["/PrintScaling"] == "/None"


def box_mm(box):
    return tuple(round(float(v) / MM, 1) for v in box)


@pytest.mark.parametrize("how", ["option", "setting"])
def test_print_shop_sheets_have_bleed_trim_box_and_marks_outside_the_trim(sample, how):
    if how == "setting":
        (sample.root / "handouts.yaml").write_text("print: shop\n", "utf-8")
        result = sample.run("build")
    else:
        result = sample.run("build", "--print-shop")
    assert result.exit_code == 0, result.output
    path = sample.root / "build" / "leaflets" / "rugpijn.pdf"
    pages = pypdf.PdfReader(path).pages
    assert len(pages) == 2
    for page in pages:
        assert box_mm(page.trimbox) == (13, 13, 310, 223)  # A4 landscape, 13 mm in
        assert box_mm(page.bleedbox) == (10, 10, 313, 226)  # 3 mm bleed
        assert box_mm(page.mediabox) == (0, 0, 323, 236)
    # Crop marks continue the trim's edges, fold marks sit on the folds: both only
    # beyond the bleed, so nothing of them is left on the trimmed sheet.
    for x in (13, 13 + 97, 13 + 197, 310):
        rows = ink_rows_mm(path, 0, x)
        assert any(r < 10 for r in rows) and any(r > 226 for r in rows), x
        # (above the cover, from its fold to the sheet's edge, the band fills the top bleed)
        top = x not in (13 + 197, 310)
        assert not any(10 <= r <= 13 or (top and 223 <= r <= 226) for r in rows), x
    # The screen version is not for the press.
    screen = pypdf.PdfReader(path.with_name("rugpijn-screen.pdf")).pages[0]
    assert box_mm(screen.mediabox) == box_mm(screen.trimbox) == (0, 0, 100, 210)


def test_office_sheets_are_a4_with_no_bleed(sample):
    page = pypdf.PdfReader(built(sample, "trifold")).pages[0]
    assert box_mm(page.mediabox) == box_mm(page.trimbox) == (0, 0, 297, 210)


def test_single_keeps_the_stamp_label_on_the_page_of_its_box(sample):
    document = pdfium.PdfDocument(str(built(sample, "single")))
    texts = [document[i].get_textpage().get_text_range() for i in range(len(document))]
    label = [i for i, t in enumerate(texts) if "Uw fysiotherapeut" in t]
    imprint = [i for i, t in enumerate(texts) if "Uitgave" in t]
    assert label == imprint == [len(texts) - 1]
