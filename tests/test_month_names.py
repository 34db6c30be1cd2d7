"""Month names have one home, each language's words file: a handout, a leaflet and an
exam print the same names, and a project's own file changes them for every kind."""

from __future__ import annotations

from handouts.dates import month_names
from handouts.language import LANGUAGES

from conftest import REPO, page_texts

LABELS = REPO / "templates/leaflet/labels"


def test_every_language_has_its_twelve_month_names_in_its_words_file():
    for language in LANGUAGES:
        assert len(month_names(language)) == 12
    assert month_names("fr")[8] == "septembre" and month_names("nl")[8] == "september"


def test_a_handout_writes_its_date_with_the_month_names_of_its_language(project):
    project.write("content/les.md", "---\ntitle: Leçon\nlanguage: fr\ndate: 2026-09-01\n---\n\nTexte.\n")
    result = project.run("build")
    assert result.exit_code == 0, result.output
    assert "1 septembre 2026" in page_texts(project.pdf("build/les.pdf"))[0]


def test_a_project_s_own_words_file_names_the_months_of_handouts_and_leaflets(project):
    own = (LABELS / "nl.yaml").read_text(encoding="utf-8").replace("september,", "herfstmaand,")
    project.write("templates/leaflet/labels/nl.yaml", own)
    project.write("content/les.md", "---\ntitle: Les\ndate: 2026-09-01\n---\n\nTekst.\n")
    project.write("content/leaflets/folder.md", "---\ntitle: Folder\nreviewed: 2026-09-01\n---\n\nTekst.\n")
    result = project.run("build")
    assert result.exit_code == 0, result.output
    assert "1 herfstmaand 2026" in page_texts(project.pdf("build/les.pdf"))[0]
    leaflet = next((project.root / "build").rglob("folder*.pdf"))
    assert "1 herfstmaand 2026" in " ".join(page_texts(project.pdf(str(leaflet.relative_to(project.root)))))
