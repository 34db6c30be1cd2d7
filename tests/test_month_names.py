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


BANK = ("questions:\n  - id: q1\n    type: truefalse\n    tags: [rug]\n    difficulty: 1\n"
        "    stem: De rug heeft wervels.\n    answer: juist\n")
SPEC = ("title: Toets\ndate: 2026-09-01\nbanks: [bank.yaml]\nversions: 1\n"
        "sections:\n  - title: S\n    blueprint:\n      - ids: [q1]\n")


def test_a_project_s_own_words_file_names_the_months_of_every_kind(project):
    own = (LABELS / "nl.yaml").read_text(encoding="utf-8").replace("september,", "herfstmaand,")
    project.write("templates/leaflet/labels/nl.yaml", own)
    project.write("content/les.md", "---\ntitle: Les\ndate: 2026-09-01\n---\n\nTekst.\n")
    project.write("content/leaflets/folder.md", "---\ntitle: Folder\nreviewed: 2026-09-01\n---\n\nTekst.\n")
    project.write("content/exams/bank.yaml", BANK)
    project.write("content/exams/toets.yaml", SPEC)
    result = project.run("build")
    assert result.exit_code == 0, result.output
    built = project.root / "build"
    assert "1 herfstmaand 2026" in page_texts(project.pdf("build/les.pdf"))[0]
    for pdf in (built / "leaflets/folder.pdf", built / "exams/toets/versie-A.pdf"):
        assert "1 herfstmaand 2026" in " ".join(page_texts(project.pdf(str(pdf.relative_to(project.root))))), pdf
