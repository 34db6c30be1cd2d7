"""A block that cannot be laid out stops the build at its own file and line, not at
the document's title, and without reportlab's name for the Python object."""

from __future__ import annotations

from conftest import Project

WORDS = " ".join(["wervelkolom"] * 1500)


def test_a_table_row_taller_than_a_page_is_an_error_at_the_tables_line(project: Project):
    project.write("content/handouts/rug.md", f"""---
title: De rug
---

# Een

Gewone tekst met een noot[^1].

## Twee

| a | b |
|---|---|
| kort | x |
| {WORDS} | y[^1] |

[^1]: Een voetnoot.
""")
    result = project.run("build")
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "error:" in line]
    assert lines == ["content/handouts/rug.md:11: error: this block does not fit on a page, even on a page of "
                     "its own (a box, a table row, or a text with its footnotes is not split over two pages); "
                     "shorten it or split it up"], result.output
    assert "De rug" not in result.output and "<" not in result.output
