"""Handout figures as a reader sees them: a figure that does not fit the rest of a page
opens the next one while the text fills this page (no empty band before it), figures
keep their order and captions, footnotes stay on their mark's page; narrow figures in
a row stand side by side; the text in an SVG never prints below 6 pt."""

from __future__ import annotations

import ctypes

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image

from conftest import page_texts

MM = 72 / 25.4
TOP, BOTTOM = 24 * MM, 22 * MM  # the default theme's text area on A4
TEXT_HEIGHT = 297 * MM - TOP - BOTTOM

WORDS = ("De rug draagt het hoofd en de armen, beweegt bij elke stap mee en beschermt het "
         "ruggenmerg dat in het wervelkanaal ligt. ")


def filler(count: int, tag: str = "") -> str:
    return "\n\n".join(f"{tag}Alinea {i}. " + WORDS * 3 for i in range(count))


def picture(path, size=(400, 300), colour=(40, 90, 160)) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, colour).save(path)


def build(project, body: str, *args: str, meta: str = "") -> pdfium.PdfDocument:
    project.write("content/les.md", "---\ntitle: Figuren\n" + meta + "---\n\n" + body + "\n")
    result = project.run("build", *args)
    assert result.exit_code == 0, result.output
    return pdfium.PdfDocument(str(project.root / "build/les.pdf"))


def pictures(pdf: pdfium.PdfDocument) -> list[tuple[int, float, float, float, float]]:
    """Every picture: (page index, left, bottom, right, top) in points."""
    found = []
    for number in range(len(pdf)):
        for obj in pdf[number].get_objects(max_depth=3):
            if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
                found.append((number, *obj.get_bounds()))
    return found


def text_at(pdf: pdfium.PdfDocument, words: str) -> tuple[int, float]:
    """The page index and the baseline height of the first place `words` are printed."""
    for number in range(len(pdf)):
        text = pdf[number].get_textpage()
        search = text.search(words)
        hit = search.get_next()
        if hit:
            return number, text.get_charbox(hit[0])[1]
    raise AssertionError(f"{words!r} is not printed")


def largest_blank_band(pdf: pdfium.PdfDocument, number: int) -> float:
    """The tallest run of blank pixel rows inside the text area of a page, as a share of
    its height (the header above and the footer below it are left out)."""
    scale = 2
    image = pdf[number].render(scale=scale).to_pil().convert("L")
    width, height = image.size
    top, bottom = int(TOP * scale), int((297 * MM - BOTTOM) * scale)
    pixels = image.load()
    longest = run = 0
    for y in range(top, bottom):
        if all(pixels[x, y] > 245 for x in range(0, width, 2)):
            run += 1
            longest = max(longest, run)
        else:
            run = 0
    return longest / (bottom - top)


def test_a_figure_that_does_not_fit_opens_the_next_page_while_the_text_fills_this_one(project):
    picture(project.root / "content/figures/groot.png")
    pdf = build(project, filler(6) + "\n\n"
                "![Een groot schema](figures/groot.png \"Het grote schema\")\n\n"
                "::: kanttekening\nEen kanttekening naast de tekst.\n:::\n\n"
                "Na de figuur gaat de tekst door[^n]. " + WORDS * 2 + "\n\n" + filler(3, "Verder ")
                + "\n\n[^n]: De voetnoot bij de tekst na de figuur.\n")
    (page, left, bottom, right, top), = pictures(pdf)
    assert page == 1  # the second page
    assert abs(top - (297 * MM - TOP)) < 12  # at its top
    mark_page, _ = text_at(pdf, "Na de figuur gaat de tekst door")
    assert mark_page == 0  # the text after the figure filled the first page
    assert text_at(pdf, "De voetnoot bij de tekst na de figuur")[0] == 0  # its note with it
    assert text_at(pdf, "Een kanttekening naast")[0] == 0  # a side note stays beside its text
    caption_page, caption_y = text_at(pdf, "Het grote schema")
    assert caption_page == 1 and caption_y < bottom  # the caption below its picture
    assert len(pdf) == 2
    assert largest_blank_band(pdf, 0) < 0.15


def test_figures_keep_their_order_when_one_waits_for_the_next_page(project):
    picture(project.root / "content/figures/groot.png")
    picture(project.root / "content/figures/klein.png", size=(400, 60), colour=(160, 60, 40))
    pdf = build(project, filler(6) + "\n\n"
                "![Groot](figures/groot.png \"Eerste schema\")\n\n"
                "Een korte zin.\n\n"
                "![Klein](figures/klein.png \"Tweede schema\")\n\n" + filler(4, "Verder "))
    first, second = sorted(pictures(pdf), key=lambda p: (p[0], -p[4]))
    assert first[0] == second[0] == 1  # the small one does not jump ahead onto page 1
    assert first[4] > second[4]  # and stands below the first
    texts = page_texts(project.pdf("build/les.pdf"))
    assert "Afbeelding 1 Eerste schema" in texts[1] and "Afbeelding 2 Tweede schema" in texts[1]
    assert texts[1].index("Afbeelding 1") < texts[1].index("Afbeelding 2")


def test_a_waiting_figure_at_the_end_of_the_text_is_printed(project):
    picture(project.root / "content/figures/groot.png")
    pdf = build(project, filler(6) + "\n\n![Groot](figures/groot.png \"Het slot\")\n")
    assert [p[0] for p in pictures(pdf)] == [1]
    assert text_at(pdf, "Het slot")[0] == 1
    assert len(pdf) == 2


def test_a_waiting_figure_opens_the_page_after_a_page_break_without_a_page_of_its_own(project):
    picture(project.root / "content/figures/groot.png")
    pdf = build(project, filler(6) + "\n\n![Groot](figures/groot.png \"Voor de breuk\")\n\n"
                "Nog een zin.\n\n---\n\n# Deel twee\n\nHet tweede deel.\n", meta="contents: false\n")
    assert len(pdf) == 2
    assert text_at(pdf, "Nog een zin")[0] == 0
    (page, _, bottom, _, _), = pictures(pdf)
    part_page, part_y = text_at(pdf, "Deel twee")
    assert page == part_page == 1 and part_y < bottom


def test_a_figure_that_fits_stays_where_it_is_written(project):
    picture(project.root / "content/figures/groot.png")
    pdf = build(project, filler(2) + "\n\n![Groot](figures/groot.png \"Hier\")\n\nNa de figuur.\n")
    (page, _, bottom, _, _), = pictures(pdf)
    after_page, after_y = text_at(pdf, "Na de figuur")
    assert page == after_page == 0 and after_y < bottom


def test_narrow_figures_in_a_row_stand_side_by_side(project):
    picture(project.root / "content/figures/goed.png", colour=(40, 140, 60))
    picture(project.root / "content/figures/fout.png", colour=(160, 40, 40))
    pdf = build(project, "Zo til je.\n\n"
                "![Goed](figures/goed.png \"Goed\"){width=\"45%\"}\n\n"
                "![Fout](figures/fout.png \"Fout\"){width=\"45%\"}\n\nDaarna de tekst.\n")
    (page_a, left_a, bottom_a, right_a, _), (page_b, left_b, bottom_b, right_b, _) = sorted(
        pictures(pdf), key=lambda p: p[1])
    assert page_a == page_b
    assert abs(bottom_a - bottom_b) < 1  # one row, aligned at the foot
    assert right_a < left_b  # beside each other, not one above the other
    assert abs((right_a - left_a) - (right_b - left_b)) < 1
    texts = page_texts(project.pdf("build/les.pdf"))
    assert "Afbeelding 1 Goed" in texts[0] and "Afbeelding 2 Fout" in texts[0]


SMALL_TEXT_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">'
    '<rect x="10" y="10" width="180" height="80" fill="#2b5d8a"/>'
    '<text x="100" y="55" font-family="sans-serif" font-size="14" fill="#fff" text-anchor="middle">Wervel</text>'
    "</svg>"
)


def _printed_size(pdf: pdfium.PdfDocument, word: str) -> float:
    """The size (points) `word` is printed at: its text object's font size times the
    scale that object is drawn at on the page."""
    page = pdf[0]
    text = page.get_textpage()
    hit = text.search(word).get_next()
    assert hit, f"{word!r} is not printed"
    left, bottom, right, top = text.get_charbox(hit[0])
    x, y = (left + right) / 2, (bottom + top) / 2
    for obj in page.get_objects(max_depth=5):
        if obj.type != pdfium_c.FPDF_PAGEOBJ_TEXT:
            continue
        x0, y0, x1, y1 = obj.get_bounds()
        if x0 <= x <= x1 and y0 <= y <= y1:
            size = ctypes.c_float()
            pdfium_c.FPDFTextObj_GetFontSize(obj.raw, size)
            a, b2, c, d, _, _ = obj.get_matrix().get()
            return size.value * (abs(a * d - b2 * c) ** 0.5)
    raise AssertionError(f"no text object holds {word!r}")


def test_text_in_a_figure_never_prints_below_6_pt_and_the_author_is_told(project):
    project.write("content/figures/wervel.svg", SMALL_TEXT_SVG)
    body = "Een zin.\n\n![Wervel](figures/wervel.svg \"Klein\"){width=\"20%\"}\n\nNog een zin.\n"
    project.write("content/les.md", "---\ntitle: Figuren\n---\n\n" + body)
    result = project.run("build")
    assert result.exit_code == 0, result.output
    # 14 units in a 200-unit drawing at 20% of the 134 mm column: 5.3 pt
    assert ('content/les.md:7: warning: the text in the figure "wervel.svg" would print at 5.3 pt at 20% '
            'width, below 6 pt; it is printed at 23% instead: write width="23%" (or more), '
            "or make the text in the SVG larger") in result.output
    size = _printed_size(pdfium.PdfDocument(str(project.root / "build/les.pdf")), "Wervel")
    assert 5.99 < size < 6.5
    assert project.run("build", "--strict").exit_code == 1


def test_text_in_a_figure_large_enough_gives_no_warning(project):
    project.write("content/figures/wervel.svg", SMALL_TEXT_SVG)
    body = "Een zin.\n\n![Wervel](figures/wervel.svg \"Groot\"){width=\"50%\"}\n"
    project.write("content/les.md", "---\ntitle: Figuren\n---\n\n" + body)
    result = project.run("build", "--strict")
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output


def test_a_heading_at_the_foot_of_a_page_takes_the_first_lines_of_its_text_along(project):
    pdf = build(project, filler(7) + "\n\n## Een nieuwe paragraaf\n\nDe eerste regels blijven bij de kop. "
                + WORDS * 8 + "\n\n" + filler(2, "Verder "), meta="contents: false\n")
    heading_page, heading_y = text_at(pdf, "Een nieuwe paragraaf")
    first_page, first_y = text_at(pdf, "De eerste regels blijven")
    assert heading_page == first_page == 0 and first_y < heading_y
    assert largest_blank_band(pdf, 0) < 0.15


def test_check_notes_a_figure_printed_far_from_its_first_reference(project):
    picture(project.root / "content/figures/groot.png")
    body = ("Zie [](#fig-groot) verderop.\n\n" + filler(30) + "\n\n"
            "![Groot](figures/groot.png \"Ver weg\"){#fig-groot}\n\nHier staat [](#fig-groot).\n")
    project.write("content/les.md", "---\ntitle: Figuren\n---\n\n" + body)
    result = project.run("check")
    assert result.exit_code == 0, result.output
    assert ("content/les.md:5: note: figure 1 (#fig-groot), referred to here on page 1, is printed on page 4, "
            "3 pages later; a reader looks for it within a page") in result.output
    assert project.run("check", "--strict").exit_code == 0  # a note is information
    assert ": note: " not in project.run("build").output
