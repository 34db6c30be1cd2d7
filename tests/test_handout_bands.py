"""Empty bands on handout pages, as a reader sees them: a figure waiting for the next
page never interrupts a table cut at this page's foot, and a heading right under a
heading never stays alone at the foot of a page."""

from __future__ import annotations

import pytest
from test_handout_figures import BOTTOM, MM, TOP, WORDS, build, filler, largest_blank_band, picture, pictures, text_at


def _table(rows: int) -> str:
    return "| Regio | Wervels |\n|---|---|\n" + "".join(f"| Rij {i} van de tabel | {i} wervels |\n"
                                                    for i in range(1, rows + 1))


def test_a_waiting_figure_goes_after_the_rest_of_a_table_cut_at_the_page_foot(project):
    picture(project.root / "content/figures/groot.png")
    pdf = build(project, filler(5) + "\n\nZoals de figuur laat zien.\n\n"
                "![Groot](figures/groot.png \"Het schema\")\n\n" + _table(14) + "\nNa de tabel.\n",
                meta="contents: false\n")
    (page, _, bottom, _, top), = pictures(pdf)
    assert page == 1 and abs(top - (297 * MM - TOP)) > 12  # not at the top: the table's rest is
    assert text_at(pdf, "Rij 1 van")[0] == 0  # the table starts on the first page...
    last_page, last_y = text_at(pdf, "Rij 14 van")
    assert last_page == 1 and last_y > top  # ...and its rest stands above the figure
    after_page, after_y = text_at(pdf, "Na de tabel")
    assert after_page == 1 and after_y < bottom


@pytest.mark.parametrize("lines", [0, 2])
def test_a_heading_right_under_a_heading_is_never_left_alone_at_a_page_foot(project, lines):
    # the second heading's room check used to break the page between the two headings
    pdf = build(project, filler(7) + " " + "kort " * (12 * lines)
                + "\n\n# Het tweede deel\n\n## De eerste paragraaf\n\nDe eerste regels blijven bij de koppen. "
                + WORDS * 4 + "\n\n" + filler(2, "Verder "), meta="contents: false\n")
    part_page, part_y = text_at(pdf, "Het tweede deel")
    section_page, section_y = text_at(pdf, "De eerste paragraaf")
    text_page, _ = text_at(pdf, "De eerste regels blijven")
    assert part_page == section_page == text_page and section_y < part_y


ITEM = ("Werk met diepere druk van handen en knokkels, met bindweefselmassage en met duimdruk langs "
        "de wervelkolom, zodat je de diepe spieren naast de doornuitsteeksels bereikt en de ontvanger "
        "rustig blijft ademen terwijl de druk langzaam toeneemt. ")


@pytest.mark.parametrize("words", [6, 12])
def test_a_long_list_item_splits_at_the_page_foot_instead_of_leaving_a_band(project, words):
    # reportlab keeps three lines of a justified item for the next page: an item of
    # four lines never split, and up to four lines stayed empty at the foot
    items = "".join(f"{i}. **Stap {i}.** {ITEM}\n" for i in range(1, 9))
    pdf = build(project, filler(5) + " " + "kort " * words + "\n\nDaarna volgt de tekst.\n\n" + items,
                meta="contents: false\n")
    assert len(pdf) >= 2
    assert largest_blank_band(pdf, 0) < 0.045  # less than two lines


def test_a_sentence_announcing_a_list_takes_its_first_item_along_at_the_page_foot(project):
    # a list item "...beweeglijk:" with a list of its own: the two used to move to the
    # next page whole, leaving the foot of this one empty
    items = ("1. De eerste taak van de rug.\n2. De rug maakt het bovenlichaam beweeglijk:\n"
             "   - buigen en strekken;\n   - zijwaarts buigen;\n   - draaien om de lengteas.\n"
             "3. De rug geeft het hoofd steun.\n")
    pdf = build(project, filler(7) + " " + "kort " * 42 + "\n\n" + items, meta="contents: false\n")
    intro_page, intro_y = text_at(pdf, "beweeglijk:")
    first_page, first_y = text_at(pdf, "buigen en strekken")
    assert intro_page == first_page == 0 and first_y < intro_y
    assert text_at(pdf, "draaien om de lengteas")[0] == 1  # (not one line alone: two went on)
    assert text_at(pdf, "zijwaarts buigen")[0] == 1
    assert largest_blank_band(pdf, 0) < 0.05


def test_a_figure_referred_to_on_this_page_goes_to_its_top_rather_than_the_next_page(project):
    # as Typst's `placement: auto`: the figure does not fit below the text before it,
    # and the paragraph that refers to it starts this page
    picture(project.root / "content/figures/groot.png")
    pdf = build(project, filler(2) + "\n\n---\n\n# Tweede deel\n\nZoals [](#fig-groot) laat zien. " + WORDS * 3
                + "\n\n" + filler(5, "Daarna ") + "\n\n![Groot](figures/groot.png \"Het schema\"){#fig-groot}\n\n"
                + filler(1, "Verder "), meta="contents: false\n")
    reference_page, reference_y = text_at(pdf, "Zoals afbeelding 1 laat zien")
    (page, _, bottom, _, top), = pictures(pdf)
    assert reference_page == page == 1
    assert abs(top - (297 * MM - TOP)) < 12 and reference_y < bottom  # at the top, the text below it
    assert len(pdf) == 3  # as many pages as with the figure on the next one


def test_a_page_runs_one_line_long_rather_than_end_in_a_wide_band(project):
    # two headings, a sentence announcing a list, the list's first item: one line more
    # than the page holds; moved whole, they would leave a sixth of the page empty
    picture(project.root / "content/figures/vlak.png", size=(400, 180))
    intro = ("De wervelkolom bestaat uit drie en dertig wervels, van boven naar beneden in vijf regio's, die "
             "we hier een voor een noemen en kort beschrijven, zodat je ze later in de praktijk herkent en "
             "kunt tellen:")
    items = "".join(f"- regio nummer {i} van de wervelkolom{'[^1]' if i == 4 else ''};\n" for i in range(1, 6))
    pdf = build(project, filler(2) + "\n\n![Vlak](figures/vlak.png \"Vlak\")\n\n" + filler(2, "Verder ")
                + "\n\n# Het tweede deel\n\n## De eerste paragraaf\n\n" + intro + "\n\n" + items
                + "\n[^1]: Een voetnoot bij de vierde regio.\n", meta="contents: false\n")
    part_page, _ = text_at(pdf, "Het tweede deel")
    first_page, first_y = text_at(pdf, "regio nummer 1 ")
    assert part_page == first_page == 0
    assert BOTTOM - 14.5 < first_y < BOTTOM - 2  # one line below the foot of the text area
    assert first_y > BOTTOM - 14  # above the page number's line
    assert text_at(pdf, "Een voetnoot bij de vierde")[0] == 1  # no note on the long page
    assert largest_blank_band(pdf, 0) < 0.05


@pytest.mark.parametrize("height", [85, 185, 335])
def test_a_table_cut_at_a_page_end_keeps_two_rows_on_either_side(project, height):
    picture(project.root / "content/figures/vlak.png", size=(400, height))
    pdf = build(project, filler(3) + "\n\n![Vlak](figures/vlak.png \"Vlak\")\n\nDe tabel.\n\n" + _table(9)
                + "\nEen korte tabel.\n\n" + _table(3).replace("Rij ", "Kort "), meta="contents: false\n")
    pages = [text_at(pdf, f"Rij {i} van")[0] for i in range(1, 10)]
    assert pages[0] == pages[1] and pages[-1] == pages[-2]  # no row alone at a foot or a top
    short = [text_at(pdf, f"Kort {i} van")[0] for i in range(1, 4)]
    assert short[0] == short[-1]  # a table of three rows is never cut
