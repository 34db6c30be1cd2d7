"""For a print shop, colour that reaches the edge of the sheet runs on into the 3 mm
bleed, so no white line shows where the cut wanders: the cover's series band runs up
to the top and out past the sheet's edge. Read from the rendered PDF."""

from __future__ import annotations

import shutil

import pypdf
import pypdfium2 as pdfium
import pytest

from handouts.leaflet.folds import MM

from conftest import REPO

SCALE = 3  # pixels per point
SHOP = 13  # mm from the media box's edge to the trim (bleed 3 mm, then the crop marks)


@pytest.fixture
def sample(project):
    for folder in ("leaflets", "practices"):
        shutil.copytree(REPO / "content" / folder, project.root / "content" / folder)
    return project


def colour_at(page, image, x_mm: float, y_mm: float) -> tuple[int, int, int]:
    """The rendered colour at a point given in mm from the media box's bottom-left."""
    height = page.get_height()
    return image.getpixel((round(x_mm * MM * SCALE), round((height - y_mm * MM) * SCALE)))


def close(a, b, tolerance: int = 12) -> bool:
    return all(abs(p - q) <= tolerance for p, q in zip(a, b, strict=False))


WHITE = (255, 255, 255)


def rendered(path, index: int = 0):
    page = pdfium.PdfDocument(str(path))[index]
    return page, page.render(scale=SCALE).to_pil().convert("RGB")


def build(project, fold: str = "trifold", language: str = ""):
    source = project.root / "content" / "leaflets" / "rugpijn.md"
    text = source.read_text("utf-8").replace("fold: trifold", f"fold: {fold}")
    if language:
        text = text.replace("language: nl", f"language: {language}")
    source.write_text(text, "utf-8")
    result = project.run("build", "--print-shop")
    assert result.exit_code == 0, result.output
    return project.root / "build" / "leaflets"


def test_the_cover_band_runs_into_the_bleed_of_a_tri_fold(sample):
    path = build(sample) / "rugpijn.pdf"
    page, image = rendered(path)
    width, height = 297, 210  # the trimmed sheet
    band = colour_at(page, image, SHOP + 197 + 50, SHOP + height - 2)  # cover, 2 mm from the top
    assert band != WHITE and not close(band, WHITE)
    # above the top edge and right of the sheet's edge, in the bleed: the band's colour
    assert close(colour_at(page, image, SHOP + 197 + 50, SHOP + height + 1.5), band)
    assert close(colour_at(page, image, SHOP + width + 1.5, SHOP + height - 2), band)
    assert close(colour_at(page, image, SHOP + width + 1.5, SHOP + height + 1.5), band)
    # not past the bleed, and not over the fold onto the back panel
    assert colour_at(page, image, SHOP + width + 3.5, SHOP + height - 2) == WHITE
    assert colour_at(page, image, SHOP + 197 + 50, SHOP + height + 3.5) == WHITE
    assert colour_at(page, image, SHOP + 197 - 1, SHOP + height - 2) == WHITE
    # the boxes still say where to cut
    trim = [round(float(v) / MM) for v in pypdf.PdfReader(path).pages[0].trimbox]
    assert trim == [SHOP, SHOP, SHOP + width, SHOP + height]


def test_an_office_print_keeps_the_band_inside_the_margin(sample):
    source = sample.root / "content" / "leaflets" / "rugpijn.md"
    assert sample.run("build").exit_code == 0
    page, image = rendered(source.parents[2] / "build" / "leaflets" / "rugpijn.pdf")
    assert colour_at(page, image, 197 + 50, 210 - 2) == WHITE  # printers leave the edge


def test_the_cover_band_of_a_booklet_runs_into_the_bleed(sample):
    page, image = rendered(build(sample, "booklet") / "rugpijn-a4.pdf")
    # the cover is the right half of the outer sheet's front
    band = colour_at(page, image, SHOP + 148.5 + 70, SHOP + 210 - 2)
    assert not close(band, WHITE)
    assert close(colour_at(page, image, SHOP + 148.5 + 70, SHOP + 210 + 1.5), band)
    assert close(colour_at(page, image, SHOP + 297 + 1.5, SHOP + 210 - 2), band)
    assert colour_at(page, image, SHOP + 148.5 - 1, SHOP + 210 - 2) == WHITE  # the back


def test_a_right_to_left_cover_bleeds_off_the_left_edge(sample):
    page, image = rendered(build(sample, language="ar") / "rugpijn.pdf")
    band = colour_at(page, image, SHOP + 50, SHOP + 210 - 2)  # the cover is on the left
    assert not close(band, WHITE)
    assert close(colour_at(page, image, SHOP - 1.5, SHOP + 210 - 2), band)
    assert close(colour_at(page, image, SHOP + 50, SHOP + 210 + 1.5), band)
    assert colour_at(page, image, SHOP + 100 + 1, SHOP + 210 - 2) == WHITE  # the back
