"""Empty bands on handout pages, as a reader sees them: a figure waiting for the next
page never interrupts a table cut at this page's foot, and a heading right under a
heading never stays alone at the foot of a page."""

from __future__ import annotations

import pytest

from test_handout_figures import MM, TOP, WORDS, build, filler, picture, pictures, text_at


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
