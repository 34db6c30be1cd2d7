"""Load stage: front matter, body blocks, numbering, figures, and every bad input
the issue names, each reported as path:line: error with exit code 1."""

from __future__ import annotations

import pytest

from handouts.errors import HandoutsError
from handouts.load.content import load_document
from handouts.project import load_project

from conftest import SVG

GOOD = """\
---
title: De rug
course: Massage
chapter: 3
---

# Functies

Tekst met een noot[^a] en een verwijzing naar [](#fig-wervel).

![Een wervel](fig/wervel.svg "De wervel"){#fig-wervel}

## Onderdeel

::: tip
Rustig beginnen.
:::

::: let op
Niet drukken.
:::

::: kanttekening
In de kantlijn.
:::

# Tweede

[^a]: De noot.
"""


def load(project, text: str, name: str = "content/doc.md"):
    path = project.write(name, text)
    project.write("content/fig/wervel.svg", SVG)
    return load_document(path, load_project(project.root))


def errors_of(project, text: str, name: str = "content/doc.md") -> list[str]:
    with pytest.raises(HandoutsError) as caught:
        load(project, text, name)
    return [str(d) for d in caught.value.diagnostics]


def test_headings_are_numbered_from_the_chapter(project):
    doc = load(project, GOOD)
    headings = [b for b in doc.blocks if b.kind == "heading"]
    assert [(h.number, h.plain) for h in headings] == [("3.1", "Functies"), ("3.1.1", "Onderdeel"), ("3.2", "Tweede")]


def test_blocks_figures_callouts_and_footnotes(project):
    doc = load(project, GOOD)
    kinds = [b.kind for b in doc.blocks]
    assert kinds == ["heading", "paragraph", "figure", "heading", "callout", "callout", "sidenote", "heading"]
    figure = doc.blocks[2]
    assert (figure.number, figure.anchor, figure.alt) == (1, "fig-wervel", "Een wervel")
    assert [c.callout for c in doc.blocks if c.kind == "callout"] == ["tip", "warning"]
    assert doc.footnotes[0].text == "De noot."
    assert '<fn n="1"/>' in doc.blocks[1].text and 'figref target="fig-wervel"' in doc.blocks[1].text


def test_content_markup_is_escaped_not_interpreted(project):
    doc = load(project, "---\ntitle: x\n---\n\nA <b>bold</b> & {{ x }} {% if %}\n")
    assert doc.blocks[0].text == "A &lt;b&gt;bold&lt;/b&gt; &amp; {{ x }} {% if %}"


def test_unknown_front_matter_key_suggests_the_right_one(project):
    [message] = errors_of(project, "---\ntitle: x\nchaptre: 3\n---\n\nTekst.\n")
    assert message.startswith("content/doc.md:3: error:")
    assert 'did you mean "chapter"' in message


def test_broken_yaml_names_the_line(project):
    [message] = errors_of(project, "---\ntitle: x\ncourse: [open\n---\n\nTekst.\n")
    assert message.startswith("content/doc.md:") and "YAML" in message


def test_a_tab_in_front_matter_is_named(project):
    [message] = errors_of(project, "---\ntitle: x\nauthors:\n\t- An\n---\n\nTekst.\n")
    assert message.startswith("content/doc.md:4: error:")
    assert "tab" in message and "spaces" in message


def test_missing_figure(project):
    [message] = errors_of(project, "---\ntitle: x\n---\n\n![Alt](fig/weg.svg \"C\")\n")
    assert message.startswith("content/doc.md:5: error:") and "does not exist" in message


def test_figure_outside_the_project(project):
    [message] = errors_of(project, "---\ntitle: x\n---\n\n![Alt](../../elders.png \"C\")\n")
    assert "outside the project" in message


def test_unknown_callout_kind(project):
    [message] = errors_of(project, "---\ntitle: x\n---\n\n::: tipp\nTekst\n:::\n")
    assert message.startswith("content/doc.md:5: error:") and 'did you mean "tip"' in message


def test_github_style_alerts_are_boxes_of_their_kind(project):
    doc = load(project, "---\ntitle: x\n---\n\n> [!TIP]\n> Rustig aan.\n\n"
               "> [!WARNING] Pas op\n> Stop bij pijn.\n\n> Een citaat.\n")
    boxes = [(b.callout, b.title, [c.text for c in b.blocks]) for b in doc.blocks]
    assert boxes == [("tip", "", ["Rustig aan."]), ("warning", "Pas op", ["Stop bij pijn."]),
                     ("note", "", ["Een citaat."])]
    [message] = errors_of(project, "---\ntitle: x\n---\n\n> [!TIPP]\n> Tekst\n")
    assert message.startswith("content/doc.md:5: error:") and 'did you mean "tip"' in message


def test_a_link_prints_where_it_goes_unless_its_words_say_so(project):
    doc = load(project, "---\ntitle: x\n---\n\n[Thuisarts](https://www.thuisarts.nl/rug/), "
               "[thuisarts.nl](https://thuisarts.nl), <https://kngf.nl> en [mail](mailto:a@b.nl).\n")
    text = doc.blocks[0].text
    assert ('Thuisarts</a> (<a href="https://www.thuisarts.nl/rug/">https://www.thuisarts.nl/rug</a>)'
            in text)
    assert text.count("(<a") == 2  # words that show the address, or are it, get none
    assert '(<a href="mailto:a@b.nl">a@b.nl</a>)' in text


def test_empty_document(project):
    [message] = errors_of(project, "")
    assert "empty" in message


def test_document_without_body(project):
    [message] = errors_of(project, "---\ntitle: x\n---\n")
    assert "no text" in message


def test_file_that_is_not_utf8(project):
    path = project.write("content/doc.md", "---\ntitle: caf\xe9\n---\n\nTekst.\n".encode("latin-1"))
    with pytest.raises(HandoutsError) as caught:
        load_document(path, load_project(project.root))
    assert "content/doc.md:2: error: the file is not UTF-8" in str(caught.value)


def test_reference_to_unknown_figure(project):
    messages = errors_of(project, "---\ntitle: x\n---\n\nZie [](#fig-weg).\n")
    assert any("points to no figure" in m for m in messages)


def test_several_errors_are_reported_at_once(project):
    messages = errors_of(project, "---\ntitle: x\ncolour: red\n---\n\n::: tipp\nx\n:::\n\n![A](nope.png \"c\")\n")
    assert len(messages) == 3


def test_link_to_an_unknown_anchor(project):
    messages = errors_of(project, "---\ntitle: x\n---\n\nZie [het plaatje](#fig-weg).\n")
    assert any("points to no figure" in m for m in messages)


def test_a_wrong_required_value_is_one_error_not_two(project):
    [message] = errors_of(project, "---\ntitle: [a, b]\n---\n\nTekst.\n")
    assert message.startswith("content/doc.md:2: error:") and "must be text" in message


def test_a_footnote_without_a_mark_is_an_error_not_lost(project):
    [message] = errors_of(project, "---\ntitle: x\n---\n\nTekst[^a].\n\n[^a]: Wel.\n\n[^weg]: Niemand noemt mij.\n")
    assert message.startswith("content/doc.md:9: error:") and "[^weg] has no mark" in message
