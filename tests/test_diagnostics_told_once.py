"""Every problem is told once: a paragraph with two figures, a bad link written twice,
two references to one missing figure on a line, figures in two cells of a table row,
a leaflet's long sentence written twice in one paragraph."""

from __future__ import annotations

import pytest

from handouts.errors import HandoutsError
from handouts.load.content import load_document
from handouts.project import load_project

from conftest import SVG

FAULTY = """\
---
title: Fouten
---

# Kop

Twee figuren ![een](fig/a.svg) en ![twee](fig/a.svg) in een alinea.

![een](fig/a.svg) ![twee](fig/a.svg)

Links [a](file:///x) en [b](file:///x) op een regel.

Verwijs [](#nergens) en [](#nergens).

| a | b |
|---|---|
| ![c](fig/a.svg) | ![d](fig/a.svg) |
"""


def _told(project) -> list[str]:
    project.write("content/fig/a.svg", SVG)
    path = project.write("content/doc.md", FAULTY)
    with pytest.raises(HandoutsError) as caught:
        load_document(path, load_project(project.root))
    return [str(d) for d in caught.value.diagnostics]


def test_each_problem_is_told_once_at_its_line(project):
    told = _told(project)
    alone = "error: a figure must stand alone in its own paragraph"
    assert [t.split(": error")[0] for t in told if alone in t] == [
        "content/doc.md:7", "content/doc.md:9", "content/doc.md:17"]  # a cell: its row's line
    assert sum('the link "file:///x"' in t for t in told) == 1
    assert sum('"#nergens" points to no figure' in t for t in told) == 1
    assert len(told) == len(set(told)), told


def test_a_long_sentence_written_twice_in_a_leaflet_paragraph_is_told_once(project):
    from test_kinds_layout_warnings import leaflet

    long = ("Dit is een hele lange zin die maar doorgaat met woorden over lopen en nog veel meer "
            "woorden zodat de lezer het spoor bijster raakt en niet meer weet waar het over ging.")
    result = leaflet(project, f"# Kort\n\n{long} {long}\n", fold="single")
    assert result.exit_code == 0, result.output
    told = [line for line in result.output.splitlines() if "sentence of" in line]
    assert len(told) == 1 and told[0].startswith("content/leaflets/rug.md:9: warning: sentence of "), told
