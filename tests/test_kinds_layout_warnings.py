"""What is written is what prints, in leaflets and exams too: an SVG's text never prints
below 6 pt (and the author is told, at the figure's line), every warning the shared
table layout makes reaches the author at the table's line, `{.landscape}` where a page
cannot turn says what is done instead, and a leaflet's section warning names the
section that runs on, not an empty heading above it."""

from __future__ import annotations

import re

import pypdfium2 as pdfium
from test_leaflet_panels import FRONT, section_text, sentences

GROUND, GROUND_UNITS = (0x7F, 0x3F, 0xBF), 380


def small_text_svg(size: float) -> str:
    """Text `size` units high in a 400-unit drawing, on a ground of a colour nothing else prints in."""
    return ('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="100" viewBox="0 0 400 100">'
            '<rect x="10" y="10" width="380" height="80" fill="#7f3fbf"/>'
            f'<text x="200" y="55" font-family="sans-serif" font-size="{size}" fill="#fff" '
            'text-anchor="middle">Wervel</text></svg>')


LEAFLET_TEXT, EXAM_TEXT = 14, 8  # at full width: 8.3 pt in a leaflet's column, 9.2 pt in an exam's


def printed_text_size(path, units: float, word: str = "Wervel") -> float:
    """The size (points) the SVG's text prints at: its size in the drawing times the
    scale the drawing prints at, measured as the width of its coloured ground in pixels."""
    from PIL import Image, ImageChops

    pdf = pdfium.PdfDocument(str(path))
    page = next(p for p in pdf if p.get_textpage().search(word).get_next())
    scale = 4
    image = page.render(scale=scale).to_pil().convert("RGB")
    off = ImageChops.difference(image, Image.new("RGB", image.size, GROUND)).split()
    farthest = ImageChops.lighter(ImageChops.lighter(off[0], off[1]), off[2])
    box = farthest.point(lambda v: 255 if v < 12 else 0).getbbox()
    assert box, "the figure is not printed"
    return (box[2] - box[0]) / scale / GROUND_UNITS * units


def leaflet(project, body: str, fold: str = "trifold"):
    project.write("content/leaflets/figures/wervel.svg", small_text_svg(LEAFLET_TEXT))
    project.write("content/leaflets/rug.md", FRONT.format(fold=fold) + body)
    return project.run("build")


def test_a_leaflet_figure_whose_text_would_print_below_6_pt_is_printed_wider_and_told(project):
    result = leaflet(project, "# Kort\n\nEen zin.\n\n![Wervel](figures/wervel.svg \"Klein\"){width=\"40%\"}\n")
    assert result.exit_code == 0, result.output
    found = re.search(r'rug\.md:11: warning: the text in the figure "wervel\.svg" would print at (\d\.\d) pt '
                      r'at 40% width, below 6 pt; it is printed at (\d+)% instead: write width="\2%"', result.output)
    assert found, result.output
    assert float(found.group(1)) < 6
    assert result.output.count("wervel.svg") == 1  # told once, however often the panels are balanced
    assert 5.99 < printed_text_size(project.root / "build/leaflets/rug-screen.pdf", LEAFLET_TEXT) < 6.5
    assert project.run("build", "--strict").exit_code == 1


def test_leaflet_figures_side_by_side_are_each_told_at_their_line(project):
    row = "\n".join(f'![Wervel {n}](figures/wervel.svg "{n}"){{width="45%"}}\n' for n in (1, 2))
    result = leaflet(project, f"# Kort\n\nEen zin.\n\n{row}")
    assert result.exit_code == 0, result.output
    # side by side, a figure can be no wider than its share of the row: the SVG must change
    for line in (11, 13):
        assert re.search(rf'rug\.md:{line}: warning: the text in the figure "wervel\.svg" would print at \d\.\d pt '
                         r"at \d+% width \(\d\.\d pt at the most the page allows\), below 6 pt; make the text in "
                         r"the SVG at least \d+\.\d units high", result.output), result.output


def test_a_leaflet_figure_with_text_large_enough_gives_no_warning(project):
    result = leaflet(project, "# Kort\n\nEen zin.\n\n![Wervel](figures/wervel.svg \"Groot\")\n", fold="single")
    assert result.exit_code == 0, result.output
    assert "wervel.svg" not in result.output


TABLES = (
    "# Oefeningen\n\nEen zin over de rug.\n\n"
    "{.landscape}\n| Oefening | Hoe vaak |\n|---|---|\n| Lopen | elke dag |\n\n"
    "| Spier | Oorsprong | Aanhechting | Innervatie | Functie | Bloed |\n|---|---|---|---|---|---|\n"
    "| trapezius | achterhoofdsbeen | schouderblad | accessorius | heffen | arteria |\n"
)


def test_a_leaflet_tells_each_table_warning_once_at_the_tables_line(project):
    result = leaflet(project, TABLES, fold="single")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if "table" in line]
    assert warnings == [
        "content/leaflets/rug.md:12: warning: this table cannot have a landscape page of its own here (a "
        "leaflet's panels and pages are never turned); it is set in the column: remove {.landscape}",
        "content/leaflets/rug.md:16: warning: this table is too wide for the page even with its text at 12 pt: "
        "its longest words are broken between letters; use fewer columns or shorter words",
    ], result.output
    assert project.run("build", "--strict").exit_code == 1


def exam(project, stem: str, figure: bool = False):
    exams = project.root / "content/exams"
    project.write("content/exams/wervel.svg", small_text_svg(EXAM_TEXT))
    picture = "\n\n      ![Een wervel](wervel.svg)" if figure else ""
    project.write("content/exams/bank.yaml",
                  "questions:\n"
                  "  - id: f1\n    type: truefalse\n    tags: [rug]\n    difficulty: 1\n"
                  f"    stem: |\n      {stem}{picture}\n    answer: juist\n"
                  "  - id: f2\n    type: truefalse\n    tags: [rug]\n    difficulty: 1\n"
                  "    stem: De rug heeft wervels.\n    answer: juist\n")
    project.write("content/exams/toets.yaml", "title: T\nbanks: [bank.yaml]\nversions: 1\nsections:\n"
                  "  - title: S\n    blueprint:\n      - ids: [f1, f2]\n")
    return exams, project.run("build")


def test_an_exam_figure_whose_text_would_print_below_6_pt_is_printed_wider_and_told(project):
    exams, result = exam(project, "Dit is de atlas.", figure=True)
    assert result.exit_code == 0, result.output
    found = re.search(r'bank\.yaml:2: warning: the text in the figure "wervel\.svg" would print at (\d\.\d) pt '
                      r"at 60% width, below 6 pt; it is printed at \d+% instead: to print it at 60%, make "
                      r"the text in the SVG at least (\d+\.\d) units high", result.output)
    assert found, result.output
    assert float(found.group(1)) < 6 and float(found.group(2)) > EXAM_TEXT
    assert 5.99 < printed_text_size(project.root / "build/exams/toets/versie-A.pdf", EXAM_TEXT) < 6.5


def test_a_table_written_in_a_question_is_a_warning_that_says_what_to_write(project):
    _, result = exam(project, "Klopt de tabel?\n\n      {.landscape}\n      | a | b |\n      |---|---|\n"
                              "      | 1 | 2 |")
    assert result.exit_code == 0, result.output
    assert ('bank.yaml:2: warning: question "f1": its text holds a table, and a question\'s text is set as '
            "running text: the table prints as one run of words and | signs; write its facts as sentences or "
            "as the options, or show the table as a picture (![what it shows](tabel.png)), and remove "
            "{.landscape} (an exam's pages are never turned)") in result.output
    _, result = exam(project, "Klopt het?\n\n      {.landscape}")
    assert 'question "f1": {.landscape} in its text prints as written' in result.output
    _, result = exam(project, "Is | een streep?")
    assert "warning" not in result.output, result.output


def test_a_section_warning_names_the_section_not_an_empty_heading_of_the_same_level_above_it(project):
    # As in test_leaflet_panels: the second section cannot move off the flap; an empty
    # section of the same level stands right above its heading.
    text = section_text(sentences("Een", 10), "\n\n".join(sentences("Twee", 5) for _ in range(6)))
    text = text.replace("# Tweede deel", "# Leeg\n\n# Tweede deel")
    project.write("content/leaflets/rugpijn.md", text)
    result = project.run("build")
    assert result.exit_code == 0, result.output
    assert ('rugpijn.md:13: warning: the section "Tweede deel" runs from the flap panel onto the inside left '
            "panel") in result.output
    assert '"Leeg"' not in result.output


def test_a_practice_logo_whose_text_would_print_below_6_pt_in_the_stamp_is_a_warning(project):
    from conftest import REPO

    logo = (REPO / "content/practices/logos/zonnekade.svg").read_text("utf-8")
    project.write("practices/klein.svg", logo.replace('font-size="16"', 'font-size="15"'))
    project.write("practices/goed.svg", logo)
    for name in ("klein", "goed"):
        project.write(f"practices/{name}.yaml", f"name: Praktijk {name}\ncity: Linderveen\nlogo: {name}.svg\n")
    project.write("content/leaflets/rug.md", FRONT.format(fold="single") + "# Kort\n\nEen zin over de rug.\n")
    result = project.run("build", "--practice", "practices")
    assert result.exit_code == 0, result.output
    # 15 units of an 80-unit-high logo printed 11 mm high: 5.8 pt
    assert ('practices/klein.yaml:3: warning: the text in the logo "klein.svg" prints at 5.8 pt in the stamp '
            "area, where the logo is 11 mm high, below 6 pt; make the text in the SVG at least 15.4 units "
            "high") in result.output
    assert "goed.svg" not in result.output  # the sample's logos: 16 units, 6.2 pt


def test_a_cover_picture_whose_text_prints_below_6_pt_is_a_warning_at_its_line_once(project):
    project.write("content/leaflets/figures/omslag.svg", small_text_svg(EXAM_TEXT))  # 4.7 pt on the cover
    front = FRONT.format(fold="trifold").replace("---\n\n", "cover: figures/omslag.svg\n---\n\n", 1)
    project.write("content/leaflets/rug.md", front + "# Kort\n\nEen zin over de rug.\n")
    for name in ("a", "b"):
        project.write(f"practices/{name}.yaml", f"name: Praktijk {name}\ncity: Linderveen\n")
    result = project.run("build", "--practice", "practices")
    assert result.exit_code == 0, result.output
    message = ('rug.md:5: warning: the text in the cover picture "omslag.svg" prints at 4.7 pt, below 6 pt (the '
               "picture is fitted into the room the title leaves it); make the text in the SVG at least 10.2 "
               "units high")
    assert result.output.count(message) == 1, result.output  # the same cover for both practices: told once
    assert 4.6 < printed_text_size(project.root / "build/leaflets/rug-a-screen.pdf", EXAM_TEXT) < 4.8
    # `fold: single` prints no cover picture, so there is nothing to say about it
    project.write("content/leaflets/rug.md", front.replace("trifold", "single") + "# Kort\n\nEen zin.\n")
    assert "cover picture" not in project.run("build").output


def test_a_table_in_a_case_text_is_told_too_not_only_in_a_first_stem(project):
    """Every text set as running text is looked at, as the text check looks at them all."""
    project.write("content/exams/bank.yaml",
                  "questions:\n  - case: c1\n    title: Casus\n    tags: [rug]\n    difficulty: 1\n"
                  "    text: |\n      De waarden:\n\n      | dag | pijn |\n      |---|---|\n      | 1 | 7 |\n"
                  "    questions:\n      - id: q0\n        type: truefalse\n"
                  "        stem: De pijn is hoog.\n        answer: juist\n")
    project.write("content/exams/toets.yaml", "title: T\nbanks: [bank.yaml]\nversions: 1\nsections:\n"
                  "  - title: S\n    blueprint:\n      - ids: [c1]\n")
    result = project.run("build")
    assert result.exit_code == 0, result.output
    assert 'bank.yaml:2: warning: case "c1": its text holds a table' in result.output, result.output
