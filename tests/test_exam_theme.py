"""An exam follows its theme file as it is now: a theme edited between two builds in
one process (tests, a watcher) changes the exam as it changes a handout."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from conftest import Project


def _stem_size(pdf: Path) -> float:
    """The font size the question's stem is drawn in."""
    sizes = []

    def visit(text, cm, tm, font, size):
        if "Wervelkolom" in text:
            sizes.append(round(size * tm[0], 1))

    for page in PdfReader(pdf).pages:
        page.extract_text(visitor_text=visit)
    assert sizes, "the stem is not on the paper"
    return sizes[0]


def test_an_edited_theme_changes_the_next_exam_built_in_the_same_process(project: Project):
    project.write("content/exams/bank.yaml", """
        questions:
          - id: q0
            type: truefalse
            tags: [rug]
            difficulty: 1
            stem: Wervelkolom heeft vier krommingen.
            answer: juist
        """)
    project.write("content/exams/toets.yaml", """
        title: Toets
        banks: [bank.yaml]
        versions: 1
        theme: huis
        sections:
          - title: Een
            blueprint:
              - ids: [q0]
        """)
    theme = "templates/themes/huis.yaml"
    paper = project.root / "build/exams/toets/versie-A.pdf"
    project.write(theme, "sizes:\n  body: 10\n  leading: 14\n")
    assert project.run("build", "--exam").exit_code == 0
    assert _stem_size(paper) == 10

    project.write(theme, "sizes:\n  body: 16\n  leading: 21\n")
    assert project.run("build", "--exam").exit_code == 0
    assert _stem_size(paper) == 16
