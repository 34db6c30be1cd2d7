"""Full panels: the text balanced over a leaflet's panels or pages, the cover composed
top to bottom, a text too short or too long for its fold told, and a section kept on one
side of a tri-fold's sheet. Everything measured from the built PDFs."""

from __future__ import annotations

import re
import shutil

import pypdfium2 as pdfium
import pytest
from panel_fill import panel_fill

from handouts.leaflet.folds import MM, fold_geometry

from conftest import REPO, page_texts

MOST_EMPTY = 0.25
SAMPLE = (REPO / "content" / "leaflets" / "rugpijn.md").read_text("utf-8")
FRONT = "---\ntitle: Rug\nfold: {fold}\nreviewed: 2026-09-01\n---\n\n"
EXTRA = "Hier staat nog een extra zin over de rug, nummer {i}, die ongeveer twee regels vult."


def sample_text(drop: int = 0, extra: int = 0, fold: str = "trifold") -> str:
    """The sample leaflet without its last `drop` sections, or with `extra` paragraphs."""
    head, body = SAMPLE.split("\n---\n", 1)
    sections = re.split(r"\n(?=# )", body)
    kept = sections[:len(sections) - drop]
    more = "".join("\n\n" + EXTRA.format(i=i) for i in range(extra))
    return (head + "\n---\n" + "\n".join(kept) + more + "\n").replace("fold: trifold",
                                                                          f"fold: {fold}")


@pytest.fixture
def leaflet(project):
    shutil.copytree(REPO / "content" / "leaflets" / "figures",
                    project.root / "content" / "leaflets" / "figures")

    def build(text: str, *args: str):
        project.write("content/leaflets/rugpijn.md", text)
        return project.run("build", *args)
    build.project = project
    return build


# The sample less its last one or three sections (about 4.2 and 3.6 panels of text),
# and the sample with two more lines: every text panel stays at most a quarter empty.
@pytest.mark.parametrize(("drop", "extra"), [(1, 0), (3, 0), (0, 1)])
def test_tri_fold_panels_are_full_for_shorter_and_longer_texts(leaflet, drop, extra):
    result = leaflet(sample_text(drop, extra))
    assert result.exit_code == 0, result.output
    fill = panel_fill(leaflet.project.root / "build/leaflets/rugpijn.pdf", "trifold")
    assert all(empty <= MOST_EMPTY for _, empty in fill), fill
    assert "warning: the text fills too little" not in result.output


@pytest.mark.parametrize(("fold", "drop", "extra"), [("booklet", 2, 0), ("booklet", 0, 4),
                                                     ("single", 2, 0)])
def test_pages_are_full_for_shorter_and_longer_texts(leaflet, fold, drop, extra):
    result = leaflet(sample_text(drop, extra, fold))
    assert result.exit_code == 0, result.output
    fill = panel_fill(leaflet.project.root / "build/leaflets/rugpijn.pdf", fold)
    assert all(empty <= MOST_EMPTY for _, empty in fill[:-1]), fill
    # The text is spread over the pages it needs: the last holds more than half a page.
    assert fill[-1][1] <= 0.5, fill


def ink_rows(path, page_index, left, right):
    """Heights (points from the bottom) of the rows with ink between x = left and right."""
    scale = 2
    image = pdfium.PdfDocument(str(path))[page_index].render(scale=scale).to_pil().convert("L")
    rows = []
    for y in range(image.height):
        if min(image.getpixel((x, y)) for x in range(int(left * scale), int(right * scale))) < 200:
            rows.append((image.height - y) / scale)
    return rows


def test_cover_is_composed_top_to_bottom_with_the_practice_at_the_foot(leaflet):
    shutil.copytree(REPO / "content" / "practices", leaflet.project.root / "content/practices")
    result = leaflet(SAMPLE, "--practice", "content/practices/wilgenhof.yaml")
    assert result.exit_code == 0, result.output
    cover = fold_geometry("trifold").side("outside").panel("cover")
    rows = ink_rows(leaflet.project.root / "build/leaflets/rugpijn-wilgenhof.pdf", 0,
                    cover.frame.x, cover.frame.right)
    frame = cover.frame
    # The logo at the foot: the cover's ink ends where the text panels' text ends.
    assert min(rows) - frame.y <= 3 * MM, (min(rows) - frame.y) / MM
    # No blank band of a third of the panel anywhere: band, title, picture, logo.
    heights = sorted(rows)
    gaps = [b - a for a, b in zip(heights, heights[1:], strict=False)]
    assert max(gaps) < frame.height / 5, max(gaps) / MM
    # The picture fills the middle: ink in the middle third of the frame.
    middle = [r for r in rows if frame.y + frame.height / 3 <= r <= frame.top - frame.height / 3]
    assert len(middle) > 0.5 * (frame.height / 3) * 2  # rows of half a point


def test_a_text_too_short_for_a_tri_fold_is_a_warning_with_the_numbers(leaflet):
    text = FRONT.format(fold="trifold") + "# Kort\n\nDit is een korte tekst over de rug.\n"
    result = leaflet(text)
    assert result.exit_code == 0, result.output
    message = next(line for line in result.output.splitlines() if "too little" in line)
    assert message.startswith("content/leaflets/rugpijn.md:3: warning: ")  # the fold: line
    assert re.search(r"flap \d+%, inside left 0%, inside middle 0%, inside right 0%", message)
    assert "fold: single" in message
    assert leaflet(text, "--strict").exit_code == 1


def test_a_full_tri_fold_and_a_booklet_of_several_pages_are_not_too_short(leaflet):
    assert "too little" not in leaflet(SAMPLE).output
    result = leaflet(sample_text(fold="booklet"))
    assert "warning" not in result.output, result.output


def test_a_booklet_of_one_page_is_too_short(leaflet):
    result = leaflet(FRONT.format(fold="booklet") + "Een korte tekst over de rug.\n")
    assert "rugpijn.md:3: warning: the text fills one A5 page" in result.output
    assert "fold: single" in result.output


def overflow_lines(output: str) -> int:
    found = re.search(r"about (\d+) lines? \((\d+) mm of panel height\)", output)
    assert found, output
    return int(found.group(1))


def test_overflow_before_a_panel_break_counts_what_does_not_fit(leaflet):
    """Paragraphs added before a panel break push the text after the break off the
    tri-fold: what does not fit is what was added, not the text after the break."""
    counts = {}
    for extra in (4, 5, 6, 7):
        more = "".join(f"\n{EXTRA.format(i=i)}\n" for i in range(extra))
        text = SAMPLE.replace("# Zeker van goede zorg", more + "\n---\n\n# Zeker van goede zorg")
        result = leaflet(text)
        assert result.exit_code == 1
        counts[extra] = overflow_lines(result.output)
    # Each added paragraph is two lines and a paragraph's space.
    assert counts[4] < counts[5] < counts[6] < counts[7], counts
    for extra, lines in counts.items():
        assert 2 * extra - 3 <= lines <= 3 * extra, counts


def sentences(word: str, count: int) -> str:
    return " ".join(f"{word} zin {i} gaat over de rug en over bewegen." for i in range(count))


def section_text(first: str, second: str) -> str:
    return (FRONT.format(fold="trifold") + "# Eerste deel\n\n" + first + "\n\n# Tweede deel\n\n"
            + second + "\n\n"
            + "".join(f"# Deel {n}\n\n{sentences('Meer', 10)}\n\n" for n in range(3, 6)))


def test_a_section_does_not_run_from_the_flap_onto_the_inside(leaflet):
    """Once the cover is opened, the inside-left panel is read before the flap, to
    its right: a section that would run from one onto the other starts on the inside."""
    result = leaflet(section_text("\n\n".join(sentences("Een", 11) for _ in range(2)),
                                  "\n\n".join(sentences("Twee", 2) for _ in range(12))))
    assert result.exit_code == 0, result.output
    screen = page_texts(leaflet.project.pdf("build/leaflets/rugpijn-screen.pdf"))
    flap, inside_left = screen[1], screen[2]
    assert "Eerste deel" in flap and "Twee" not in flap
    assert inside_left.lstrip().startswith("Tweede deel")
    assert "runs from the flap" not in result.output
    fill = dict(panel_fill(leaflet.project.root / "build/leaflets/rugpijn.pdf", "trifold"))
    assert fill["flap"] <= MOST_EMPTY, fill


def test_a_section_that_cannot_move_off_the_flap_is_a_warning_at_its_heading(leaflet):
    # Moved whole, the second section would leave the flap two thirds empty.
    result = leaflet(section_text(sentences("Een", 10),
                                  "\n\n".join(sentences("Twee", 5) for _ in range(6))))
    assert result.exit_code == 0, result.output
    assert ('rugpijn.md:11: warning: the section "Tweede deel" runs from the flap panel onto '
            "the inside left panel") in result.output
    assert re.search(r"would leave the flap panel \d+% empty: put a heading about \d+ lines",
                     result.output)


def test_a_section_longer_than_the_flap_is_a_warning_at_its_heading(leaflet):
    text = (FRONT.format(fold="trifold") + "# Eerste deel\n\n" + sentences("Een", 40)
            + "\n\n" + "".join(f"# Deel {n}\n\n{sentences('Meer', 10)}\n\n" for n in range(2, 5)))
    result = leaflet(text)
    assert result.exit_code == 0, result.output
    assert ('rugpijn.md:7: warning: the section "Eerste deel" runs from the flap panel onto '
            "the inside left panel") in result.output
    assert re.search(r"longer than the flap panel: shorten it by about \d+ lines", result.output)


def pages_with_room(share: float) -> int:
    """Pages of a PDF with a figure and its caption after text that leaves `share` of
    the figure's height on the first page: 1 if the figure fits there."""
    import io
    import xml.etree.ElementTree as ET

    from pypdf import PdfReader
    from reportlab.platypus import SimpleDocTemplate, Spacer

    from handouts.layout.blocks import Context
    from handouts.layout.theme import load_theme
    from handouts.leaflet.layout.blocks import figure, leaflet_styles

    theme = load_theme("leaflet", None)
    ctx = Context(theme, leaflet_styles(theme, "nl"), 240)
    elem = ET.Element("figure", {"path": str(REPO / "content/leaflets/figures/tillen-goed.svg")})
    ET.SubElement(elem, "caption").text = "Goed"
    parts = figure(elem, ctx)
    natural = sum(f.wrap(240, 1000)[1] + f.getSpaceBefore() for f in parts[1]._content)
    height, buffer = 500.0, io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=(240, height), leftMargin=0, rightMargin=0,
                            topMargin=0, bottomMargin=0, invariant=1)
    doc.build([Spacer(0, height - 12 - 4 - natural * share), *parts])
    return len(PdfReader(buffer).pages)


def test_a_figure_a_little_taller_than_the_room_left_is_set_smaller_to_fill_it():
    assert pages_with_room(1.05) == 1
    assert pages_with_room(0.9) == 1  # set smaller, it ends the page
    assert pages_with_room(0.7) == 2  # much too little room: it starts the next one
