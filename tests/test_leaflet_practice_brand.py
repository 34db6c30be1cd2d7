"""A practice's own leaflet: its words per language, brand colour, version code,
one bad practice file among good ones, ids made from names."""

from __future__ import annotations

import pypdfium2 as pdfium
from pypdf import PdfReader

from handouts.leaflet.practice import contrast_on_white, darker_passing, load_practices

from conftest import page_texts

LEAFLET = """\
---
title: {title}
series: Voorlichting
language: {language}
reviewed: 2026-09-01
version: 2026-1
---

# {heading}

{body}
"""


def leaflet(project, language="nl", title="Rugpijn", heading="Wat u kunt doen",
            body="Blijf in beweging. Wandel elke dag een stukje."):
    project.write("content/leaflets/folder.md", LEAFLET.format(
        title=title, language=language, heading=heading, body=body))


def practice(project, name, extra=""):
    project.write(f"practices/{name}.yaml", f"name: Praktijk {name}\ncity: Linderveen\n{extra}")


def all_text(path) -> str:
    return " ".join(page_texts(PdfReader(path)))


def test_dutch_labels_date_and_version_on_the_back(project):
    leaflet(project)
    practice(project, "a")
    result = project.run("build", "--practice", "practices")
    assert result.exit_code == 0, result.output
    text = all_text(project.root / "build/leaflets/folder-a.pdf")
    assert "Uw fysiotherapeut:" in text
    assert "Laatst herzien: 1 september 2026" in text and "Versie 2026-1" in text


def test_turkish_leaflet_gets_turkish_labels(project):
    leaflet(project, "tr", title="Bel ağrısı", heading="Neler yapabilirsiniz",
            body="Hareket etmeye devam edin. Her gün biraz yürüyün.")
    practice(project, "a")
    result = project.run("build", "--practice", "practices")
    assert result.exit_code == 0, result.output
    text = " ".join(all_text(project.root / "build/leaflets/folder-a.pdf").split())
    assert "Fizyoterapistiniz:" in text and "Uw fysiotherapeut" not in text
    assert "Son güncelleme: 1 Eylül 2026" in text and "Sürüm 2026-1" in text
    assert "Her gün biraz yürüyün." in text


def test_a_project_adds_a_language_by_adding_a_file(project):
    leaflet(project, "de", body="Bleiben Sie in Bewegung.")
    project.write("templates/leaflet/labels/de.yaml", (
        'number: "Nr."\nstamp: "Ihre Praxis:"\nreviewed: "Stand"\nversion: "Fassung"\n'
        'phone: "Tel."\nhours: "Sprechzeiten"\ntherapists: "Team"\n'
        "months: [Januar, Februar, März, April, Mai, Juni, Juli, August, September, "
        "Oktober, November, Dezember]\n"))
    result = project.run("build")
    assert result.exit_code == 0, result.output
    text = all_text(project.root / "build/leaflets/folder.pdf")
    assert "Ihre Praxis:" in text and "Stand: 1 September 2026" in text


def test_one_bad_practice_file_does_not_stop_the_others(project):
    leaflet(project)
    practice(project, "a")
    practice(project, "b", "emial: x@y.nl\n")
    practice(project, "c")
    result = project.run("build", "--practice", "practices")
    assert result.exit_code == 1
    assert "practices/b.yaml:3: error" in result.output, result.output
    out = project.root / "build/leaflets"
    assert (out / "folder-a.pdf").is_file() and (out / "folder-c.pdf").is_file()
    assert not (out / "folder-b.pdf").exists()
    # once fixed, b is built and a and c stay
    practice(project, "b")
    assert project.run("build", "--practice", "practices").exit_code == 0
    assert {p.name for p in out.glob("folder-*.pdf")} >= {"folder-a.pdf", "folder-b.pdf", "folder-c.pdf"}


def test_ids_from_names_keep_their_letters(project):
    project.write("practices.csv", "name;city\nFysio Coöperatie Zoë;Linderveen\n")
    [found] = load_practices(project.root / "practices.csv")
    assert found.id == "fysio-cooperatie-zoe"


def test_brand_colour_needs_contrast_and_gets_a_darker_suggestion(project):
    assert contrast_on_white("#2a6f4e") >= 4.5
    suggestion = darker_passing("#66bb88")
    assert contrast_on_white(suggestion) >= 4.5 and contrast_on_white("#66bb88") < 4.5
    leaflet(project)
    practice(project, "a", 'colour: "#66bb88"\n')
    result = project.run("build", "--practice", "practices")
    assert result.exit_code == 1
    assert "practices/a.yaml:3: error" in result.output
    assert f'"{suggestion}"' in result.output and "2.3:1" in result.output


def test_brand_colour_is_used_for_the_band_and_headings(project):
    leaflet(project, heading="Wat u kunt doen")
    practice(project, "a", 'colour: "#8a1c1c"\n')
    practice(project, "b")
    assert project.run("build", "--practice", "practices").exit_code == 0
    out = project.root / "build/leaflets"

    def brand_pixels(name: str, words: str) -> tuple[int, int]:
        """(pixels of the brand colour on the page, of them inside the line `words`)."""
        page = pdfium.PdfDocument(out / name)[0]
        image = page.render(scale=2).to_pil().convert("RGB")
        textpage = page.get_textpage()
        [(left, bottom, right, top)] = [textpage.get_rect(i) for i in range(textpage.count_rects())
                                        if words in textpage.get_text_bounded(*textpage.get_rect(i))]
        height = page.get_height()
        box = image.crop((int(left * 2), int((height - top) * 2), int(right * 2) + 1,
                          int((height - bottom) * 2) + 1))

        def count(img) -> int:
            return sum(n for n, px in img.getcolors(1 << 20) if px == (0x8a, 0x1c, 0x1c))
        return count(image), count(box)

    whole, heading = brand_pixels("folder-a.pdf", "Wat u kunt doen")
    assert heading > 50  # the heading is set in the practice's colour
    assert whole - heading > 10000  # and so is the series band, a filled bar
    assert brand_pixels("folder-b.pdf", "Wat u kunt doen") == (0, 0)


def test_a_logo_with_too_few_pixels_or_too_thin_is_a_warning(project):
    from PIL import Image

    leaflet(project)
    (project.root / "practices").mkdir()
    Image.new("RGB", (60, 20), "navy").save(project.root / "practices/klein.png")
    Image.new("RGB", (3000, 1000), "navy").save(project.root / "practices/groot.png")
    Image.new("RGB", (4000, 100), "navy").save(project.root / "practices/dun.png")
    practice(project, "a", "logo: klein.png\n")
    practice(project, "b", "logo: groot.png\n")
    practice(project, "c", "logo: dun.png\n")
    result = project.run("build", "--practice", "practices")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if "warning: logo" in line]
    assert len(warnings) == 2, result.output
    assert warnings[0].startswith("practices/a.yaml:3: warning:") and "ppi, below 200" in warnings[0]
    assert warnings[1].startswith("practices/c.yaml:3: warning:") and "mm high or wide" in warnings[1]
    assert (project.root / "build/leaflets/folder-a.pdf").is_file()


def font_size_of(path, words: str) -> float:
    """The font size (pt) of the first character of `words` on any page."""
    import pypdfium2.raw as raw

    for page in pdfium.PdfDocument(path):
        textpage = page.get_textpage()
        text = textpage.get_text_range()
        if words in text:
            return raw.FPDFText_GetFontSize(textpage, text.index(words))
    raise AssertionError(f"{words!r} not found")


def test_large_print_edition_from_the_same_text(project):
    import shutil

    from conftest import REPO

    shutil.copytree(REPO / "content/practices", project.root / "practices")
    leaflet(project)
    assert project.run("build", "--practice", "practices/wilgenhof.yaml").exit_code == 0
    out = project.root / "build/leaflets"
    assert font_size_of(out / "folder-wilgenhof.pdf", "Blijf in beweging") == 12
    result = project.run("build", "--large-print", "--practice", "practices/wilgenhof.yaml")
    assert result.exit_code == 0, result.output
    large = out / "folder-large-wilgenhof.pdf"
    assert font_size_of(large, "Blijf in beweging") >= 16
    # the stamp area still holds every detail of the practice, inside its box
    text = " ".join(all_text(large).split())
    for detail in ("Fysiotherapie Het Wilgenhof", "Lijsterbesweg 12", "za: 9.00 - 12.00 uur",
                   "Joris Bakker"):
        assert detail in text


def test_large_print_from_the_front_matter(project):
    project.write("content/leaflets/groot.md",
                  "---\ntitle: Rugpijn\nedition: large\n---\n\n# Wat u kunt doen\n\nBlijf in beweging.\n")
    assert project.run("build").exit_code == 0
    assert font_size_of(project.root / "build/leaflets/groot.pdf", "Blijf in beweging") >= 16
