"""`handouts check` reports every warning and error `handouts build` would, for every
kind: it lays each document out as the build does (a leaflet's panels too), and only
writes nothing. Checked on one project of faulty inputs of each kind."""

from __future__ import annotations

import re

from test_kinds_layout_warnings import EXAM_TEXT, LEAFLET_TEXT, TABLES, small_text_svg
from test_leaflet_panels import FRONT, section_text, sentences

WIDE_TABLE = ("| " + " | ".join(f"Kolom {n}" for n in range(12)) + " |\n|" + "---|" * 12 + "\n| "
              + " | ".join(f"Bloedvoorzieningsgebied{n}" for n in range(12)) + " |\n")


def faulty_project(project) -> None:
    project.write("content/figures/wervel.svg", small_text_svg(LEAFLET_TEXT))
    project.write("content/les.md", "---\ntitle: Les\n---\n\n# Les\n\nEen zin.\n\n"
                  "![](figures/wervel.svg \"Klein\"){width=\"20%\"}\n\n" + WIDE_TABLE + "\n"
                  "- Een lijst met een tabel:\n\n  {.landscape}\n  | a | b |\n  |---|---|\n  | 1 | 2 |\n")
    project.write("content/kapot.md", "---\ntitle: Kapot\n---\n\n![Weg](figures/weg.png)\n")
    project.write("content/leaflets/figures/wervel.svg", small_text_svg(LEAFLET_TEXT))
    project.write("content/leaflets/kort.md", FRONT.format(fold="trifold") + TABLES
                  + "\n![Wervel](figures/wervel.svg \"Klein\"){width=\"40%\"}\n")
    text = section_text(sentences("Een", 10), "\n\n".join(sentences("Twee", 5) for _ in range(6)))
    project.write("content/leaflets/delen.md", text.replace("# Tweede deel", "# Leeg\n\n# Tweede deel"))
    project.write("content/exams/wervel.svg", small_text_svg(EXAM_TEXT))
    project.write("content/exams/bank.yaml",
                  "questions:\n"
                  "  - id: f1\n    type: truefalse\n    tags: [rug]\n    difficulty: 1\n"
                  "    stem: |\n      Dit is de atlas.\n\n      ![Een wervel](wervel.svg)\n    answer: juist\n"
                  "  - id: f2\n    type: ordering\n    tags: [rug]\n    difficulty: 1\n"
                  "    stem: |\n      Zet op volgorde.\n\n      | a | b |\n      |---|---|\n      | 1 | 2 |\n"
                  "    items: [boven, onder]\n")
    project.write("content/exams/toets.yaml", "title: T\nbanks: [bank.yaml]\nversions: 2\nsections:\n"
                  "  - title: S\n    blueprint:\n      - ids: [f1, f2]\n")


def diagnostics(output: str) -> list[str]:
    """The errors and warnings printed (notes are `check`'s own extra)."""
    return [line for line in output.splitlines() if re.search(r": (error|warning): ", line)]


def test_check_prints_every_warning_and_error_that_build_prints(project):
    faulty_project(project)
    for strict in ((), ("--strict",)):
        checked = project.run("check", *strict)
        assert not (project.root / "build").exists()  # check writes nothing
        built = project.run("build", *strict)
        if not strict:
            assert list((project.root / "build").rglob("*.pdf"))
            for path in (project.root / "build").rglob("*"):  # the next check has nothing to find
                if path.is_file():
                    path.unlink()
            (project.root / "build").rename(project.root / "built")
        assert built.exit_code == checked.exit_code == 1
        assert diagnostics(checked.output) == diagnostics(built.output), (checked.output, built.output)
    found = "\n".join(diagnostics(built.output))
    # every kind had something to say, also what only laying out finds
    for expected in ('les.md:9: error: the text in the figure "wervel.svg"',  # --strict: warnings are errors
                     "les.md:11: error: this table is too wide",
                     "les.md:18: error: this table cannot have a landscape page",
                     "kapot.md:5: error:",
                     "kort.md:3: error: the text fills too little of the tri-fold",
                     "kort.md:12: error: this table cannot have a landscape page",
                     'kort.md:20: error: the text in the figure "wervel.svg"',
                     'delen.md:13: error: the section "Tweede deel" runs from the flap',
                     'bank.yaml:2: error: the text in the figure "wervel.svg"',
                     'bank.yaml:11: error: question "f2": its text holds a table',
                     'bank.yaml:11: error: question "f2": with only 2 items'):
        assert expected in found, (expected, found)
