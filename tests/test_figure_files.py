"""Figure file names as people save them: with spaces, accents (in either Unicode form)
or %-escapes they are found; a web, file:// or Windows address is an error, never raw
Markdown on the page."""

from __future__ import annotations

import unicodedata

import pytest
from PIL import Image

from conftest import page_texts

NFD_CAFE = unicodedata.normalize("NFD", "café.png")


_COLOURS = iter(range(10, 250, 7))


def picture(path) -> None:
    """A small PNG of a colour of its own: reportlab stores equal pictures once."""
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (40, 20), (next(_COLOURS), 40, 90)).save(path)


def images_on_pages(reader) -> int:
    """How many different pictures the PDF shows."""
    return len({image.data for page in reader.pages for image in page.images})


def test_names_with_spaces_accents_and_escapes_find_their_files(project):
    figures = project.root / "content/figures"
    picture(figures / "Figuur 1.png")
    picture(figures / NFD_CAFE)  # as macOS saves it; the text below is NFC
    picture(figures / "100%20.png")  # a name that holds "%20" itself
    project.write("content/les.md", """\
        ---
        title: Les
        ---

        ![Een](<figures/Figuur 1.png> "Een spatie")

        ![Twee](figures/Figuur%201.png "Gecodeerd")

        ![Drie](figures/café.png "Accent")

        ![Vier](<figures/café.png> "Accent tussen haken")

        ![Vijf](figures/100%20.png "Procent")
        """)
    result = project.run("build")
    assert result.exit_code == 0, result.output
    reader = project.pdf("build/les.pdf")
    assert images_on_pages(reader) == 3
    text = " ".join(page_texts(reader))
    for caption in ("1 Een spatie", "2 Gecodeerd", "3 Accent", "4 Accent tussen haken", "5 Procent"):
        assert caption in text
    assert "![" not in text


@pytest.mark.parametrize(("written", "says"), [
    ("file:///C:/Users/anna/foto.png", 'the figure "file:///C:/Users/anna/foto.png" is a place on your computer'),
    ("C:\\Users\\anna\\foto.png", 'the figure "C:\\Users\\anna\\foto.png" is a place on your computer'),
    ("https://example.org/foto.png", 'the figure "https://example.org/foto.png" is on the internet, and '
                                     "handouts never uses the network: download the picture into the project"),
    ("data:image/png;base64,AAAA", 'the figure "data:image/png;base64,AAAA" is a "data:" address, not a file'),
    ("figures/Figuur 1.png", "this figure cannot be read: a file name with spaces goes between < and >"),
])
def test_an_address_that_is_no_project_file_is_an_error(project, written, says):
    project.write("content/les.md", f"---\ntitle: Les\n---\n\nTekst.\n\n![Foto]({written})\n")
    result = project.run("check")
    assert result.exit_code == 1
    assert f"content/les.md:7: error: {says}" in result.stderr


def test_a_link_to_a_file_on_the_computer_is_an_error(project):
    project.write("content/les.md", "---\ntitle: Les\n---\n\nZie [het verslag](file:///C:/verslag.pdf).\n")
    result = project.run("check")
    assert result.exit_code == 1
    assert 'content/les.md:5: error: the link "file:///C:/verslag.pdf" is no web or e-mail address' in result.stderr


def test_exam_stems_and_leaflet_covers_find_accented_names(project):
    exams = project.root / "content/exams"
    picture(exams / "figuren" / NFD_CAFE)
    picture(exams / "wervel 1.png")
    project.write("content/exams/bank.yaml", """\
        questions:
          - id: f1
            type: truefalse
            tags: [rug]
            difficulty: 1
            stem: |
              Dit is een wervel.

              ![Een wervel](<wervel 1.png>)

              ![Koffie](figuren/café.png)
            answer: juist
        """)
    project.write("content/exams/toets.yaml", "title: T\nbanks: [bank.yaml]\nversions: 1\n"
                  "sections:\n  - title: S\n    blueprint:\n      - ids: [f1]\n")
    picture(project.root / "content/leaflets" / NFD_CAFE)
    project.write("content/leaflets/folder.md", "---\ntitle: Folder\ncover: café.png\n---\n\nTekst.\n")
    result = project.run("build")
    assert result.exit_code == 0, result.output
    assert images_on_pages(project.pdf("build/exams/toets/versie-A.pdf")) == 2
    assert images_on_pages(project.pdf("build/leaflets/folder-screen.pdf")) >= 1


@pytest.mark.parametrize(("stem", "says"), [
    ("https://example.org/wervel.png", 'the figure "https://example.org/wervel.png" in question f1 is on the internet'),
    ("wervel 1.png", "a picture in question f1 cannot be read: a file name with spaces goes between < and >"),
])
def test_a_web_address_or_a_bare_space_in_an_exam_stem_is_an_error(project, stem, says):
    project.write("content/exams/bank.yaml", f"""\
        questions:
          - id: f1
            type: truefalse
            tags: [rug]
            difficulty: 1
            stem: "Kijk: ![Een wervel]({stem})"
            answer: juist
        """)
    project.write("content/exams/toets.yaml", "title: T\nbanks: [bank.yaml]\nversions: 1\n"
                  "sections:\n  - title: S\n    blueprint:\n      - ids: [f1]\n")
    result = project.run("build")
    assert result.exit_code == 1
    assert f"content/exams/bank.yaml:2: error: {says}" in result.stderr
