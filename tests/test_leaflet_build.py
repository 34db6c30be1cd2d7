"""Leaflets end to end: folds, panels measured from the PDF, practices, errors."""

from __future__ import annotations

import shutil

import pypdfium2 as pdfium
import pytest

from handouts.leaflet.folds import MM, fold_geometry

from conftest import REPO, STANDARD_14, fonts_used, outline_titles, page_texts

SAMPLE = REPO / "content"
FRONT = "---\ntitle: {title}\nfold: {fold}\nreviewed: 2026-09-01\n---\n\n"


@pytest.fixture
def sample(project):
    """The bundled leaflet and practices in a throw-away project."""
    for folder in ("leaflets", "practices"):
        shutil.copytree(SAMPLE / folder, project.root / "content" / folder)
    return project


def text_lines(path, page_index):
    """(text, left, bottom, right, top) of every text run on a page, in points."""
    page = pdfium.PdfDocument(path)[page_index]
    textpage = page.get_textpage()
    lines = []
    for i in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(i)
        text = textpage.get_text_bounded(left, bottom, right, top).strip()
        if text:
            lines.append((text, left, bottom, right, top))
    return lines


def panel_of(side, x):
    return next(p for p in side.panels if p.rect.x <= x < p.rect.right)


def sizes_mm(path):
    return [tuple(round(v / MM) for v in p.get_size()) for p in pdfium.PdfDocument(path)]


def test_trifold_outputs_and_page_sizes(sample):
    result = sample.run("build")
    assert result.exit_code == 0, result.output
    out = sample.root / "build" / "leaflets"
    assert sizes_mm(out / "rugpijn.pdf") == [(297, 210), (297, 210)]
    assert sizes_mm(out / "rugpijn-screen.pdf") == [
        (100, 210), (97, 210), (100, 210), (100, 210), (97, 210), (100, 210)]


@pytest.mark.parametrize("practice", [None, "content/practices/wilgenhof.yaml"])
def test_every_text_line_stays_inside_its_panel(sample, practice):
    args = ["build"] + (["--practice", practice] if practice else [])
    assert sample.run(*args).exit_code == 0
    name = "rugpijn-wilgenhof.pdf" if practice else "rugpijn.pdf"
    fold = fold_geometry("trifold")
    for index, side in enumerate(fold.sides):
        lines = text_lines(sample.root / "build" / "leaflets" / name, index)
        assert len(lines) > 20
        for text, left, bottom, right, top in lines:
            frame = panel_of(side, (left + right) / 2).frame
            # Ink, not the pen: a line starting with "j" overhangs its start by under 1 pt.
            assert frame.x - 1 <= left and right <= frame.right + 0.5, (side.name, text)
            assert frame.y - 0.5 <= bottom and top <= frame.top + 0.5, (side.name, text)


def test_cover_title_on_the_right_third_of_the_outside(sample):
    assert sample.run("build").exit_code == 0
    lines = text_lines(sample.root / "build/leaflets/rugpijn.pdf", 0)
    title = [line for line in lines if "Minder last" in line[0]]
    assert title and all(line[1] >= 197 * MM for line in title)
    inside = text_lines(sample.root / "build/leaflets/rugpijn.pdf", 1)
    assert not [line for line in inside if "Minder last" in line[0]]
    # set in balanced lines: no word alone on the last line of the title
    below = [line for line in lines if line[0] == "van uw rug"]
    assert [line[0] for line in title] == ["Minder last"] and below


def ink_left_edge(image, top, bottom, left, right):
    """The x (pixels) of the first column between left and right with any ink (not
    white) in the rows top..bottom, or None."""
    for x in range(left, right):
        for y in range(top, bottom):
            r, g, b = image.getpixel((x, y))[:3]
            if r + g + b < 735:
                return x
    return None


def test_cover_band_picture_and_stamp_box_line_up_with_the_text(sample):
    """The series band and the cover picture start where the title starts, the stamp box
    where the back panel's text starts: nothing is centred in a wider frame."""
    assert sample.run("build", "--practice", "content/practices/wilgenhof.yaml").exit_code == 0
    path = sample.root / "build/leaflets/rugpijn-wilgenhof.pdf"
    scale = 4  # pixels per point
    image = pdfium.PdfDocument(path)[0].render(scale=scale).to_pil()
    outside = fold_geometry("trifold").side("outside")
    for name, top_mm, bottom_mm in (("cover", 8, 14), ("cover", 90, 100), ("back", 120, 160)):
        frame = outside.panel(name).frame
        top, bottom = int(top_mm * MM * scale), int(bottom_mm * MM * scale)
        edge = ink_left_edge(image, top, bottom, int((frame.x - 4 * MM) * scale),
                             int((frame.x + 20 * MM) * scale))
        assert edge is not None, (name, top_mm)
        assert abs(edge / scale - frame.x) <= 0.3 * MM, (name, top_mm, (edge / scale - frame.x) / MM)


def test_practice_details_on_the_back_panel(sample):
    assert sample.run("build", "--practice", "content/practices/zonnekade.yaml").exit_code == 0
    lines = text_lines(sample.root / "build/leaflets/rugpijn-zonnekade.pdf", 0)
    back = fold_geometry("trifold").side("outside").panel("back").rect
    for wanted in ("Beweegpraktijk Zonnekade", "Kadeplein 3", "020-000 00 02",
                   "Uw fysiotherapeut:", "Laatst herzien: 1 september 2026"):
        found = [line for line in lines if wanted in line[0]]
        assert found, wanted
        assert all(back.x <= line[1] and line[3] <= back.right for line in found), wanted


def test_without_practice_an_empty_stamp_area(sample):
    assert sample.run("build").exit_code == 0
    text = page_texts(sample.pdf("build/leaflets/rugpijn.pdf"))[0]
    assert "Uw fysiotherapeut:" in text
    assert "Wilgenhof" not in text and "Zonnekade" not in text


def test_one_leaflet_per_practice_from_a_folder(sample):
    result = sample.run("build", "--practice", "content/practices")
    assert result.exit_code == 0, result.output
    built = sorted(p.name for p in (sample.root / "build/leaflets").iterdir())
    assert built == ["rugpijn-wilgenhof-screen.pdf", "rugpijn-wilgenhof.pdf",
                     "rugpijn-zonnekade-screen.pdf", "rugpijn-zonnekade.pdf"]


def test_one_leaflet_per_practice_from_a_csv(sample):
    sample.write("praktijken.csv", "id;name;city\nnoord;Praktijk Noord;Noorddorp\n"
                 "zuid;Praktijk Zuid;Zuiddorp\n")
    result = sample.run("build", "--practice", "praktijken.csv")
    assert result.exit_code == 0, result.output
    text = page_texts(sample.pdf("build/leaflets/rugpijn-zuid.pdf"))[0]
    assert "Praktijk Zuid" in text and "Zuiddorp" in text


def test_broken_practice_csv_is_an_error_with_its_line(sample):
    sample.write("praktijken.csv", "name,city\nA,Ergens\nB,Daar,extra\n")
    result = sample.run("build", "--practice", "praktijken.csv")
    assert result.exit_code == 1
    assert "praktijken.csv:3: error: this row has 3 cells" in result.output
    assert not (sample.root / "build/leaflets").exists()


def test_overflow_is_an_error_that_says_how_much_and_suggests_booklet(sample):
    assert sample.run("build").exit_code == 0
    good = (sample.root / "build/leaflets/rugpijn.pdf").read_bytes()
    long_text = "\n\n".join(f"# Deel {i}\n\nDit is een korte zin. " * 1 + "Nog een zin. " * 30
                            for i in range(12))
    sample.write("content/leaflets/rugpijn.md", FRONT.format(title="Te lang", fold="trifold")
                 + long_text + "\n")
    result = sample.run("build")
    assert result.exit_code == 1
    message = result.output
    assert "content/leaflets/rugpijn.md:" in message
    assert "does not fit the tri-fold" in message and "fold: booklet" in message
    assert " lines (" in message and " mm of panel height)" in message
    assert (sample.root / "build/leaflets/rugpijn.pdf").read_bytes() == good


def test_forced_panel_break_starts_the_next_panel(project):
    project.write("content/leaflets/kort.md", FRONT.format(title="Kort", fold="trifold")
                  + "# Eerste\n\nTekst een.\n\n---\n\n# Tweede\n\nTekst twee.\n")
    assert project.run("build").exit_code == 0
    screen = page_texts(project.pdf("build/leaflets/kort-screen.pdf"))
    assert "Eerste" in screen[1] and "Tweede" not in screen[1]
    assert "Tweede" in screen[2]


def booklet(body_pages: int) -> str:
    pages = [f"# Deel {n}\n\nPAGINA{n} staat hier.\n" for n in range(2, body_pages + 2)]
    return FRONT.format(title="BOEKJE", fold="booklet") + "\n---\n\n".join(pages)


def halves(path):
    """Per sheet side: the texts on its left and right A5 half."""
    sides = []
    for index in range(len(pdfium.PdfDocument(path))):
        left, right = [], []
        for text, x0, _, x1, _ in text_lines(path, index):
            (left if (x0 + x1) / 2 < 148.5 * MM else right).append(text)
        sides.append((" ".join(left), " ".join(right)))
    return sides


def page_number(text, last):
    if "BOEKJE" in text:
        return 1
    if "Uw fysiotherapeut" in text:
        return last
    for word in text.split():
        if word.startswith("PAGINA"):
            return int(word.removeprefix("PAGINA"))
    return None


@pytest.mark.parametrize("body_pages, expected", [
    (2, [(4, 1), (2, 3)]),
    (6, [(8, 1), (2, 7), (6, 3), (4, 5)]),
    (10, [(12, 1), (2, 11), (10, 3), (4, 9), (8, 5), (6, 7)]),
    # 5 body pages + cover + back = 7: one blank, just before the back cover
    (5, [(8, 1), (2, None), (6, 3), (4, 5)]),
])
def test_booklet_imposition_order(project, body_pages, expected):
    project.write("content/leaflets/boekje.md", booklet(body_pages))
    result = project.run("build")
    assert result.exit_code == 0, result.output
    out = project.root / "build/leaflets"
    a5 = sizes_mm(out / "boekje.pdf")
    assert a5 == [(148, 210)] * (body_pages + 2)
    assert sizes_mm(out / "boekje-a4.pdf") == [(297, 210)] * len(expected)
    last = -(-(body_pages + 2) // 4) * 4
    sides = [(page_number(left, last), page_number(right, last))
             for left, right in halves(out / "boekje-a4.pdf")]
    assert sides == expected


def test_single_is_a4_portrait_with_short_lines(project):
    project.write("content/leaflets/een.md", FRONT.format(title="Een", fold="single")
                  + "# Kop\n\n" + "Dit is een gewone zin met gewone woorden erin. " * 40 + "\n")
    assert project.run("build").exit_code == 0
    path = project.root / "build/leaflets/een.pdf"
    assert sizes_mm(path)[0] == (210, 297)
    longest = max(len(text) for text, *_ in text_lines(path, 0))
    assert 50 <= longest <= 72


def test_fonts_embedded_and_legible(sample):
    assert sample.run("build").exit_code == 0
    for name in ("rugpijn.pdf", "rugpijn-screen.pdf"):
        fonts = fonts_used(sample.pdf(f"build/leaflets/{name}"))
        assert fonts and all(fonts.values())
        assert not set(fonts) & STANDARD_14
        assert all("AtkinsonHyperlegible" in font for font in fonts)


def test_screen_version_has_an_outline(sample):
    assert sample.run("build").exit_code == 0
    titles = outline_titles(sample.pdf("build/leaflets/rugpijn-screen.pdf"))
    assert "Blijf bewegen" in titles and "Tillen" in titles


def test_builds_are_byte_identical(sample):
    assert sample.run("build").exit_code == 0
    first = (sample.root / "build/leaflets/rugpijn.pdf").read_bytes()
    assert sample.run("build").exit_code == 0
    assert (sample.root / "build/leaflets/rugpijn.pdf").read_bytes() == first


def test_readability_warnings_and_strict(project):
    long_sentence = " ".join(["woord"] * 24) + "."
    project.write("content/leaflets/lang.md", FRONT.format(title="Lang", fold="trifold")
                  + f"# Kop\n\nKorte zin.\n\n{long_sentence}\n")
    result = project.run("check")
    assert result.exit_code == 0
    assert "content/leaflets/lang.md:11: warning: sentence of 24 words" in result.output
    strict = project.run("check", "--strict")
    assert strict.exit_code == 1
    assert "content/leaflets/lang.md:11: error: sentence of 24 words" in strict.output


def test_check_lists_every_sections_reading_ease_as_a_note(sample):
    result = sample.run("check")
    assert result.exit_code == 0
    notes = [line for line in result.output.splitlines() if ": note: section " in line]
    # one note per section of the sample, each at the line of its heading
    assert 'content/leaflets/rugpijn.md:39: note: section "Blijf bewegen": Flesch-Douma' in result.output
    assert len(notes) >= 10
    assert all(line.startswith("content/leaflets/rugpijn.md:") for line in notes)
    # notes are information: --strict does not fail on them, and build does not print them
    assert sample.run("check", "--strict").exit_code == 0
    assert ": note: " not in sample.run("build").output


def test_unknown_fold_and_missing_cover_are_errors(project):
    project.write("content/leaflets/x.md", "---\ntitle: X\nfold: trifoId\n---\n\nTekst.\n")
    result = project.run("build")
    assert result.exit_code == 1
    assert 'content/leaflets/x.md:3: error: "fold" must be one of' in result.output
    assert 'did you mean "trifold"?' in result.output
    project.write("content/leaflets/x.md", "---\ntitle: X\ncover: weg.svg\n---\n\nTekst.\n")
    result = project.run("build")
    assert result.exit_code == 1
    assert 'content/leaflets/x.md:3: error: cover image "weg.svg" not found' in result.output


def test_missing_practice_logo_is_an_error(sample):
    sample.write("p.yaml", "name: P\nlogo: weg.svg\n")
    result = sample.run("build", "--practice", "p.yaml")
    assert result.exit_code == 1
    assert 'p.yaml:2: error: logo "weg.svg" not found' in result.output


def test_low_contrast_or_small_theme_is_refused(project):
    project.write("content/leaflets/x.md", FRONT.format(title="X", fold="trifold") + "Tekst.\n")
    project.write("templates/themes/leaflet.yaml", "colours:\n  text: '#aaaaaa'\n"
                  "fonts:\n  body: Atkinson Hyperlegible\n  heading: Atkinson Hyperlegible\n"
                  "sizes:\n  body: 12\n")
    result = project.run("build")
    assert result.exit_code == 1
    assert "contrast of 2.3:1" in result.output
    project.write("templates/themes/leaflet.yaml", "sizes:\n  body: 10\n")
    result = project.run("build")
    assert result.exit_code == 1
    assert "at least 12 pt" in result.output


def stamp_stream(reader) -> bytes:
    xobjects = reader.pages[0]["/Resources"]["/XObject"]
    return next(x.get_object().get_data() for name, x in xobjects.items() if "stamp" in name)


def test_qr_code_to_the_practice_website(sample):
    assert sample.run("build", "--practice", "content/practices/wilgenhof.yaml").exit_code == 0
    with_qr = stamp_stream(sample.pdf("build/leaflets/rugpijn-wilgenhof.pdf"))
    leaflet = sample.root / "content/leaflets/rugpijn.md"
    leaflet.write_text(leaflet.read_text(encoding="utf-8").replace(
        "fold: trifold", "fold: trifold\nqr: false"), encoding="utf-8")
    assert sample.run("build", "--practice", "content/practices/wilgenhof.yaml").exit_code == 0
    without = stamp_stream(sample.pdf("build/leaflets/rugpijn-wilgenhof.pdf"))
    # the code's dark modules are one filled path of rectangles
    assert with_qr.count(b" re") - without.count(b" re") > 100


def test_qr_rectangles_cover_exactly_the_dark_modules():
    from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel

    from handouts.leaflet.layout.blocks import QR_SIZE, _qr_rectangles

    url = "https://www.wilgenhof.example.org"
    encoder = QRCode(None, QRErrorCorrectLevel.M)
    encoder.addData(url)
    encoder.make()
    count = encoder.getModuleCount()
    module = QR_SIZE / (count + 8)  # a quiet zone of four modules on each side
    dark = set()
    for x, y, width, height in _qr_rectangles(url, QR_SIZE):
        columns, rows = round(width / module), round(height / module)
        assert (columns * module, rows * module) == pytest.approx((width, height))
        left, top = round(x / module) - 4, count + 3 - round(y / module) - rows + 1
        for row in range(top, top + rows):
            for column in range(left, left + columns):
                assert (row, column) not in dark  # rectangles never overlap
                dark.add((row, column))
    assert dark == {(r, c) for r in range(count) for c in range(count) if encoder.isDark(r, c)}
    assert len(_qr_rectangles(url, QR_SIZE)) < len(dark) / 2  # runs merged into rectangles


def test_english_leaflet_labels_and_score(project):
    project.write("content/leaflets/back.md", "---\ntitle: Back pain\nlanguage: en\n"
                  "reviewed: 2026-03-05\n---\n\n# Keep moving\n\nWalk a little every day.\n")
    result = project.run("build")
    assert result.exit_code == 0, result.output
    text = page_texts(project.pdf("build/leaflets/back.pdf"))[0]
    assert "Your physiotherapist:" in text and "Last reviewed: 5 March 2026" in text


def test_cover_that_does_not_fit_is_an_error(project):
    title = "Een heel lange titel " * 30
    project.write("content/leaflets/x.md", FRONT.format(title=title, fold="trifold") + "Tekst.\n")
    result = project.run("build")
    assert result.exit_code == 1
    assert "content/leaflets/x.md:1: error: the cover does not fit" in result.output


def test_practice_details_too_long_for_the_stamp_area(sample):
    hours = "\n".join(f"  - 'dag {n}: 8.00 - 17.00 uur'" for n in range(14))
    sample.write("p.yaml", f"name: Praktijk P\ncity: Ergens\nhours:\n{hours}\n")
    result = sample.run("build", "--practice", "p.yaml")
    assert result.exit_code == 1
    assert "p.yaml:1: error: the practice details take" in result.output
    assert "leave out opening hours" in result.output


def test_footnotes_follow_the_text_and_side_notes_are_boxes(project):
    project.write("content/leaflets/x.md", FRONT.format(title="X", fold="trifold") + (
        "# Kop\n\nTekst met een noot[^1].\n\n::: kanttekening\nEen kanttekening.\n:::\n\n"
        "Meer tekst.\n\n[^1]: De voetnoot.\n"))
    result = project.run("build")
    assert result.exit_code == 0, result.output
    text = " ".join(" ".join(page_texts(project.pdf(f"build/leaflets/{name}.pdf")))
                    for name in ("x", "x-screen"))
    assert "Een kanttekening." in text and "1 De voetnoot." in text.replace("\xa0", " ")


def test_block_taller_than_a_panel_is_an_error_at_its_line(project):
    tip = "Dit is een zin in een lange tip. " * 120
    project.write("content/leaflets/x.md", FRONT.format(title="X", fold="booklet") + (
        f"# Kop\n\nTekst.\n\n::: tip\n{tip}\n:::\n"))
    result = project.run("build")
    assert result.exit_code == 1
    assert ("content/leaflets/x.md:11: error: this block is taller than a page and cannot be "
            "split over two") in result.output


def test_a_practice_gets_the_same_pdf_alone_or_with_others(sample):
    # The body is laid out once and shared: that must not change any practice's PDF.
    assert sample.run("build", "--practice", "content/practices/zonnekade.yaml").exit_code == 0
    alone = {name: (sample.root / "build/leaflets" / name).read_bytes()
             for name in ("rugpijn-zonnekade.pdf", "rugpijn-zonnekade-screen.pdf")}
    assert sample.run("build", "--practice", "content/practices").exit_code == 0
    for name, data in alone.items():
        assert (sample.root / "build/leaflets" / name).read_bytes() == data, name


def test_table_text_in_a_leaflet_is_body_size(project):
    project.write("content/leaflets/t.md", FRONT.format(title="Tabel", fold="single")
                  + "# Oefeningen\n\n| Oefening | Hoe vaak |\n|---|---|\n| Brug | 10 keer |\n")
    assert project.run("build").exit_code == 0
    textpage = pdfium.PdfDocument(project.root / "build/leaflets/t.pdf")[0].get_textpage()
    text = textpage.get_text_range()
    for word in ("Oefening", "Brug", "10 keer"):
        start = text.index(word)
        sizes = {round(pdfium.raw.FPDFText_GetFontSize(textpage, i), 1)
                 for i in range(start, start + len(word)) if not text[i].isspace()}
        assert min(sizes) >= 12, (word, sizes)


def test_png_figures_and_logos_give_the_same_pdf_alone_or_with_others(sample):
    # A PNG is an image object in each PDF: drawings holding one are drawn every
    # time, never replayed from another PDF of the run.
    from PIL import Image

    folder = sample.root / "content"
    Image.new("RGB", (160, 120), "#2b5d8a").save(folder / "leaflets/figures/foto.png")
    Image.new("RGB", (80, 30), "#d0a020").save(folder / "practices/logos/logo.png")
    leaflet = folder / "leaflets/rugpijn.md"
    leaflet.write_text(leaflet.read_text(encoding="utf-8").replace(
        "figures/tillen-goed.svg", "figures/foto.png"), encoding="utf-8")
    zonnekade = folder / "practices/zonnekade.yaml"
    zonnekade.write_text(zonnekade.read_text(encoding="utf-8").replace(
        "logos/zonnekade.svg", "logos/logo.png"), encoding="utf-8")
    result = sample.run("build", "--practice", "content/practices/zonnekade.yaml")
    assert result.exit_code == 0, result.output
    alone = {name: (sample.root / "build/leaflets" / name).read_bytes()
             for name in ("rugpijn-zonnekade.pdf", "rugpijn-zonnekade-screen.pdf")}
    assert sample.run("build", "--practice", "content/practices").exit_code == 0
    for name, data in alone.items():
        assert (sample.root / "build/leaflets" / name).read_bytes() == data, name
    assert b"/Subtype /Image" in alone["rugpijn-zonnekade.pdf"]


def test_a_link_prints_its_address_and_a_long_one_stays_inside_the_panel(project):
    address = "www.thuisarts.nl/lage-rugpijn/ik-heb-lage-rugpijn/wat-kan-ik-zelf-doen/oefeningen"
    project.write("content/leaflets/l.md", FRONT.format(title="Links", fold="trifold")
                  + f"# Meer weten?\n\nKijk op [Thuisarts](https://{address}) of bel ons.\n")
    result = project.run("check")
    assert "long word" not in result.output  # an address is not a word to read
    assert project.run("build").exit_code == 0
    path = project.root / "build/leaflets/l.pdf"
    text = "".join(page_texts(project.pdf("build/leaflets/l.pdf"))).replace("\n", "")
    assert f"https://{address}" in text.replace(" ", "")
    fold = fold_geometry("trifold")
    for index, side in enumerate(fold.sides):
        for line, left, _, right, _ in text_lines(path, index):
            frame = panel_of(side, (left + right) / 2).frame
            assert frame.x - 0.5 <= left and right <= frame.right + 0.5, line


def test_a_leaflet_that_starts_with_a_sub_heading_gets_its_bookmarks(project):
    project.write("content/leaflets/kort.md", FRONT.format(title="Kort", fold="trifold")
                  + "## Eerst een subkop\n\nWat tekst.\n\n# Dan een kop\n\nMeer tekst.\n")
    result = project.run("build")
    assert result.exit_code == 0, result.output
    titles = outline_titles(project.pdf("build/leaflets/kort-screen.pdf"))
    assert "Eerst een subkop" in titles and "Dan een kop" in titles
