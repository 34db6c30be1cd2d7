"""Tables as a reader sees them: columns as wide as their content needs, words in cells
broken only at hyphenation points, a too-wide table set smaller or on a landscape page
of its own, and a warning when even that cannot hold it (layout/tables.py)."""

from __future__ import annotations

import ctypes
import shutil
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

from handouts.layout.hyphenation import Hyphenation
from handouts.layout.tables import Cell, Word, browser_share, fit_columns

from conftest import REPO, Project, page_texts

FRONT = "---\ntitle: Tabel\ncourse: Anatomie\n---\n\n"
SPIEREN = ("| Latijn | Nederlands | Functie |\n|---|---|---|\n"
           "| *m. trapezius* | monnikskapspier | beweegt de schouderbladen naar elkaar toe |\n"
           "| *m. latissimus dorsi* | brede rugspier | trekt de arm naar achteren |\n"
           "| *m. rhomboideus major* | grote ruitvormige spier | fixeert het schouderblad |\n"
           "| *m. supraspinatus* | bovendoornspier | stabiliseert |\n"
           "| *m. teres minor* | kleine ronde spier | draait de arm |\n"
           "| *m. iliocostalis* | heup-ribspier | strekt de rug |\n")
HEAD8 = ["Spier", "Oorsprong", "Aanhechting", "Innervatie", "Functie", "Bloedvoorziening", "Antagonist",
         "Opmerking"]
ROW8 = ["Monnikskapspier", "Achterhoofdsbeen", "Schouderblad", "Hersenzenuw", "Optrekken", "Halsslagader",
        "Borstspier", "Oppervlakkig"]


def table(head: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in rows]) + "\n"


@dataclass(frozen=True)
class Printed:
    """A word as printed: its text, left and right edges, baseline and font size."""

    text: str
    left: float
    right: float
    baseline: float
    size: float


def printed_words(pdf: Path, page_index: int) -> list[Printed]:
    """The words of a page: runs of characters between spaces on one baseline, in the
    order they are drawn."""
    doc = pdfium.PdfDocument(str(pdf))
    words: list[Printed] = []
    try:
        textpage = doc[page_index].get_textpage()
        joined = False  # whether the next character goes on with the last word
        for i in range(textpage.count_chars()):
            char = textpage.get_text_range(i, 1).replace("\ufffe", "-")  # pdfium's mark for a line-end hyphen
            if not char.strip():
                joined = False
                continue
            _, _, right, _ = textpage.get_charbox(i)
            x, y = ctypes.c_double(), ctypes.c_double()
            pdfium.raw.FPDFText_GetCharOrigin(textpage, i, x, y)
            left = x.value
            size, baseline = pdfium.raw.FPDFText_GetFontSize(textpage, i), round(y.value, 1)
            w = words[-1] if words else None
            if joined and w is not None and w.baseline == baseline and left - w.right < size * 0.5:
                words[-1] = Printed(w.text + char, w.left, max(right, w.right), baseline, w.size)
            else:
                words.append(Printed(char, left, right, baseline, size))
            joined = True
    finally:
        doc.close()
    return words


def build(project: Project, body: str) -> tuple[Path, object]:
    project.write("content/doc.md", FRONT + body)
    result = project.run("build")
    assert result.exit_code == 0, result.output + result.stderr
    return project.root / "build/doc.pdf", result


def lines_of(words: list[Printed]) -> list[list[Printed]]:
    out: dict[float, list[Printed]] = {}
    for w in words:
        out.setdefault(w.baseline, []).append(w)
    return [out[b] for b in sorted(out, reverse=True)]


# -- column widths ---------------------------------------------------------------------

def test_short_names_stand_on_one_line_beside_a_column_of_sentences(project):
    """Where a row's function is short, its Latin and Dutch names stand on one line
    each: the names' columns take the width that saves those lines, the long sentence
    wraps. (Shared in proportion to what each column would like, the sentence took
    most of the room and "m. rhomboideus major" broke over two lines.)"""
    pdf, _ = build(project, SPIEREN)
    lines = [" ".join(w.text for w in line) for line in lines_of(printed_words(pdf, 0))]
    for row in ("m. latissimus dorsi brede rugspier trekt de arm naar achteren",
                "m. rhomboideus major grote ruitvormige spier fixeert het schouderblad"):
        assert row in lines, (row, lines)


def test_every_cell_of_a_column_starts_at_one_x_right_of_the_column_before(project):
    """Column positions: the cells of a column share their left edge, right of the
    widest text of the column before it; the table stays in the text column."""
    pdf, _ = build(project, SPIEREN)
    words = printed_words(pdf, 0)
    rows = [line for line in lines_of(words) if line[0].text in ("Latijn", "m.")]
    assert len(rows) == 7
    dutch = {round(w.left, 1) for line in rows for w in line
             if w.text in ("Nederlands", "monnikskapspier", "brede", "grote", "bovendoornspier", "kleine",
                           "heup-ribspier")}
    assert len(dutch) == 1, dutch
    assert max(w.right for line in rows for w in line[:3] if w.left < min(dutch)) < min(dutch) - 6
    text_right = 210 * 72 / 25.4 - 60  # the page less its right margin and the side-note column
    assert max(w.right for w in words if w.baseline >= rows[-1][0].baseline - 40) < text_right


def test_a_table_that_fits_is_as_wide_as_its_content():
    """Columns that fit on one line each keep their whole width (at least 18 mm)."""
    cells = [[Cell(((Word(30.0),),), 2.5, 11), Cell(((Word(80.0), Word(40.0)),), 2.5, 11)]]
    fit = fit_columns(cells, 400, 9.2)
    assert fit.scale == 1 and not fit.overfull
    assert fit.widths[0] == pytest.approx(18 * 72 / 25.4)
    assert fit.widths[1] == pytest.approx(80 + 2.5 + 40 + 12.5)


def test_the_room_goes_where_it_saves_lines():
    """Names beside a column with one long sentence and short words: the names get
    their whole width (one line each), the sentence the rest."""
    names = [Cell(((Word(40.0), Word(40.0)),), 3, 11) for _ in range(5)]
    sentence = Cell((tuple(Word(30.0) for _ in range(20)),), 3, 11)  # 20 words of 30 pt
    rows = [[names[0], sentence]] + [[name, Cell(((Word(30.0),),), 3, 11)] for name in names[1:]]
    fit = fit_columns(rows, 300, 9.2)
    assert fit.widths[0] >= 40 + 3 + 40 + 12  # "two words" on one line
    assert sum(fit.widths) == pytest.approx(300)


def test_the_first_guess_is_the_browsers_share():
    """Each column its least width, the rest in proportion to how much more it would like."""
    assert browser_share([20, 30, 50], [20, 130, 350], 200) == pytest.approx([20, 30 + 100 * 100 / 400,
                                                                               50 + 100 * 300 / 400])


# -- breaking words ----------------------------------------------------------------------

def column_words(words: list[Printed], top: str) -> list[tuple[str, list[int]]]:
    """The words of a table whose header starts with `top`, column by column, top to
    bottom: each as a whole word and where its lines were broken (after a hyphen)."""
    first = next(w for w in words if w.text == top)
    columns: dict[int, list[Printed]] = {}
    for w in words:
        if w.baseline <= first.baseline and w.baseline > 60:  # the table, not the page number
            columns.setdefault(round(w.left), []).append(w)
    out = []
    for column in columns.values():
        word, cuts = "", []
        for w in sorted(column, key=lambda v: -v.baseline):
            if w.text.endswith("-"):
                word += w.text[:-1]
                cuts.append(len(word))
                continue
            out.append((word + w.text, cuts))
            word, cuts = "", []
    return out


def test_words_in_a_narrow_column_break_only_at_hyphenation_points(project):
    """An 8-column table: a word too wide for its column breaks where pyphen allows it,
    with a hyphen; no word is split between letters ("Oor/spro/ng")."""
    pdf, _ = build(project, table(HEAD8, [ROW8] * 3))
    points = Hyphenation("nl_NL").points
    found = column_words(printed_words(pdf, 0), "Spier")
    assert sorted(w for w, _ in found) == sorted(HEAD8 + ROW8 * 3)  # every word, whole
    broken = [(w, cuts) for w, cuts in found if cuts]
    assert broken, "an 8-column table must hyphenate some word"
    for word, cuts in broken:
        assert set(cuts) <= set(points(word)), (word, cuts, points(word))


# -- too wide: smaller, landscape, warning ----------------------------------------------------

def test_a_too_wide_table_is_set_smaller_but_not_below_8_pt(project):
    pdf, _ = build(project, "Tekst.\n\n" + table(HEAD8, [ROW8] * 2))
    body = next(w for w in printed_words(pdf, 0) if w.text == "Tekst.")
    cells = [w for w in printed_words(pdf, 0) if w.text.rstrip("-") and w.baseline < body.baseline
             and w.text[0].isalpha()]
    sizes = {round(w.size, 1) for w in cells}
    assert min(sizes) >= 8 - 0.05 and max(sizes) < body.size * 0.9, sizes


def test_a_table_marked_landscape_gets_a_landscape_page_of_its_own(project):
    body = ("# Spieren\n\nTekst ervoor.\n\n## Overzicht\n\n{.landscape}\n" + table(HEAD8, [ROW8] * 3)
            + "\nTekst erna.\n")
    pdf, _ = build(project, body)
    reader = PdfReader(pdf)
    sizes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]
    assert [w > h for w, h in sizes] == [False, True, False], sizes
    texts = page_texts(reader)
    assert "Tekst ervoor." in texts[0] and "Tekst erna." in texts[2]
    turned = texts[1]
    # the heading goes with its table; the running head and "page 2 of 3" are on it
    assert "Overzicht" in turned and "Anatomie" in turned and "pagina 2 van 3" in turned
    for word in HEAD8 + ROW8:  # at full size, every word whole on the wide page
        assert word in turned.split(), word
    label = next(w for w in printed_words(pdf, 1) if w.text == "pagina")
    assert label.left > sizes[0][0]  # the page number at the landscape page's right margin
    assert "{.landscape}" not in " ".join(texts)


def test_a_table_too_wide_even_at_8_pt_is_a_warning_at_its_line_and_prints_every_letter(project):
    word = "Bloedvoorzieningsgebied"
    body = "Tekst.\n\n" + table([f"k{i}" for i in range(12)], [[word] * 12])
    pdf, result = build(project, body)
    assert "content/doc.md:8: warning: this table is too wide for the page even with its text at 8 pt" \
        in result.stderr, result.stderr
    assert "{.landscape}" in result.stderr  # the way out, in a handout
    letters = "".join(page_texts(PdfReader(pdf))).replace("\n", "").replace("-", "")
    assert letters.count(word) == 12


def test_strict_turns_the_too_wide_table_into_an_error(project):
    project.write("content/doc.md", FRONT + table([f"k{i}" for i in range(12)], [["Bloedvoorzieningsgebied"] * 12]))
    result = project.run("build", "--strict")
    assert result.exit_code == 1 and "too wide" in result.stderr


def test_landscape_written_above_something_else_is_an_error_at_its_line(project):
    project.write("content/doc.md", FRONT + "Tekst.\n\n{.landscape}\nGeen tabel.\n")
    result = project.run("build")
    assert result.exit_code == 1
    assert "content/doc.md:8: error: a line of attributes such as {.landscape} belongs right above a table" \
        in result.stderr, result.stderr


def test_an_unknown_table_attribute_is_an_error_with_a_suggestion(project):
    project.write("content/doc.md", FRONT + "{.landscap}\n" + table(["a", "b"], [["c", "d"]]))
    result = project.run("build")
    assert result.exit_code == 1
    assert "content/doc.md:6: error: a table knows only the attribute {.landscape}" in result.stderr
    assert 'did you mean "landscape"' in result.stderr


def test_an_attribute_line_at_the_end_prints_as_written(project):
    pdf, _ = build(project, "Tekst.\n\n{.landscape}\n")
    assert "{.landscape}" in page_texts(PdfReader(pdf))[0]


def test_the_sample_chapters_term_tables_keep_short_cells_on_one_line(project):
    """The bundled English chapter: "12, T1–T12" and both names of the latissimus
    stand on one line each (before, they broke over two beside a one-line cell)."""
    shutil.copytree(REPO / "content/handouts", project.root / "content/handouts")
    result = project.run("build", "content/handouts/back-basics.md")
    assert result.exit_code == 0, result.output + result.stderr
    pdf = project.root / "build/handouts/back-basics.pdf"
    lines = [" ".join(w.text for w in line) for page in range(len(PdfReader(pdf).pages))
             for line in lines_of(printed_words(pdf, page))]
    assert any(line.startswith("Thoracic (chest) 12, T1–T12 each one") for line in lines), lines
    assert any(line.startswith("m. latissimus dorsi latissimus dorsi pulls") for line in lines), lines


def test_a_wide_table_in_a_leaflet_keeps_body_size_text(project):
    """Leaflet table text is body text (12 pt or more): a table too wide for its
    panel is never set smaller."""
    project.write("content/leaflets/t.md", "---\ntitle: Tabel\nfold: trifold\nreviewed: 2026-09-01\n---\n\n"
                  + table(["Oefening", "Herhalingen", "Rustpauze", "Moment"],
                          [["Bruggetje", "Tienmaal", "Halfminuut", "Ochtendrust"]]))
    assert project.run("build").exit_code == 0
    pdf = project.root / "build/leaflets/t-screen.pdf"
    words = [w for page in range(len(PdfReader(pdf).pages)) for w in printed_words(pdf, page)]
    sizes = {round(w.size, 1) for w in words if w.text.rstrip("-")[:4] in ("Brug", "Tien", "Oefe", "Herh", "Half")}
    assert sizes and min(sizes) >= 12, sizes


def test_a_table_of_more_columns_than_a_page_holds_is_an_error_at_its_line(project):
    project.write("content/doc.md", FRONT + "Tekst.\n\n" + table([str(i) for i in range(40)], [["x"] * 40]))
    result = project.run("build")
    assert result.exit_code == 1
    assert "content/doc.md:8: error: this table has 40 columns, and at most 18 fit the page" in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_a_landscape_table_in_a_list_stays_in_the_list_with_a_warning(project):
    body = "- Een punt met een tabel:\n\n  {.landscape}\n  | a | b |\n  |---|---|\n  | c | d |\n\nTekst erna.\n"
    pdf, result = build(project, body)
    reader = PdfReader(pdf)
    assert len(reader.pages) == 1 and reader.pages[0].mediabox.width < reader.pages[0].mediabox.height
    assert "content/doc.md:9: warning: this table cannot have a landscape page of its own here" in result.stderr
    assert "c d" in page_texts(reader)[0] or "c\nd" in page_texts(reader)[0]
