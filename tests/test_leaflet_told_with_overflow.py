"""A tri-fold leaflet whose text does not fit is an error, told together with what else
the layout found (a table too wide for its panel, a figure's small text), warnings first,
so that the author fixes everything at once; a table's warning names where it is set."""

from __future__ import annotations

from test_kinds_layout_warnings import leaflet
from test_leaflet_panels import sentences

WIDE_TABLE = ("| Oefening | Herhalingen | Rustpauze | Moment |\n|---|---|---|---|\n"
              "| Bruggetjesoefening | Tienmaalherhalen | Halfminuutrust | Ochtendmoment |\n")
FIGURE = '![Wervel](figures/wervel.svg "Klein"){width="40%"}\n'


def test_an_overflowing_trifold_tells_its_layout_warnings_before_the_error(project):
    body = (f"# Kort\n\nEen zin.\n\n{FIGURE}\n{WIDE_TABLE}\n"
            + "".join(f"# Deel {n}\n\n{sentences('Lang', 40)}\n\n" for n in range(8)))
    result = leaflet(project, body)
    assert result.exit_code == 1, result.output
    told = [line for line in result.output.splitlines() if ": warning: " in line or ": error: " in line]
    assert [line.split(": ")[1] for line in told] == ["warning", "warning", "error"], told
    assert told[0].startswith("content/leaflets/rug.md:11: warning: the text in the figure \"wervel.svg\"")
    assert told[1].startswith("content/leaflets/rug.md:13: warning: this table is too wide for the panel")
    assert "does not fit the tri-fold" in told[2]


def test_a_table_too_wide_for_a_leaflet_box_says_box(project):
    result = leaflet(project, f"# Kort\n\nEen zin.\n\n::: tip\n{WIDE_TABLE}:::\n", fold="single")
    assert result.exit_code == 0, result.output
    assert "rug.md:12: warning: this table is too wide for the box even with its text at" in result.output, \
        result.output


def test_a_table_too_wide_for_a_handout_box_says_box(project):
    cells = " | ".join(["Bloedvoorzieningsgebied"] * 12)
    project.write("content/doc.md", "---\ntitle: Tabel\ncourse: Anatomie\n---\n\n::: tip\n"
                  f"| {' | '.join(f'k{i}' for i in range(12))} |\n|{'---|' * 12}\n| {cells} |\n:::\n")
    result = project.run("build")
    assert result.exit_code == 0, result.output
    assert "content/doc.md:7: warning: this table is too wide for the box even with its text at 8 pt" \
        in result.output, result.output


def test_a_layout_error_comes_with_the_warnings_found_before_it(project):
    """A figure without alt text (found at load) is told with the table that cannot be set."""
    project.write("content/fig.svg", '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"/>')
    project.write("content/doc.md", "---\ntitle: Tabel\ncourse: Anatomie\n---\n\n![](fig.svg)\n\n"
                  f"| {' | '.join(str(i) for i in range(40))} |\n|{'---|' * 40}\n| {' | '.join(['x'] * 40)} |\n")
    result = project.run("build")
    assert result.exit_code == 1
    told = [line for line in result.output.splitlines() if line.startswith("content/doc.md")]
    assert [line.split(": ")[1] for line in told] == ["warning", "error"], told
    assert "no alt text" in told[0] and "this table has 40 columns" in told[1]
