"""A "word" far longer than any real one (pasted base64, a long code) is laid out at
once and printed whole, broken across lines, in every kind of document."""

from __future__ import annotations

import random
import re
import string
import subprocess
import sys

from pypdf import PdfReader

from conftest import Project

random.seed(7)
# Letters only (so it is hyphenated like a word), without "a": page furniture such as
# "pagina 2 van 5" can be told apart from it.
WORD = "".join(random.choice(string.ascii_lowercase[1:]) for _ in range(10_000))
CELL_WORD = WORD[:3000]  # a table row is never split over pages: this one fits one page
# Runs that reportlab breaks at a slash or hyphen once and then never again: before, they
# ran off the page from 150 characters on.
OTHER_RUNS = [
    "https://example.org/" + WORD[:3000],  # a web address without slashes
    "https://example.org/" + "/".join(WORD[i:i + 6] for i in range(0, 3000, 6)),
    "-".join(WORD[i:i + 3] for i in range(0, 3000, 3)),
    "".join(random.choice(string.ascii_letters.replace("a", "").replace("C", "") + "+/=")
            for _ in range(3000)),  # base64, without digits (page numbers) and "Code"
]


def _letters(path) -> tuple[str, int]:
    """The PDF's text without whitespace, and its longest line in characters."""
    lines = [line for page in PdfReader(path).pages for line in (page.extract_text() or "").splitlines()]
    return "".join("".join(lines).split()), max(len(line) for line in lines)


def test_a_ten_thousand_letter_word_is_laid_out_fast_and_printed_whole(project: Project):
    project.write("content/handouts/code.md",
                  f"---\ntitle: Code\n---\n\n# Kop\n\nDe code {WORD} en verder.\n\n"
                  f"| code | ok |\n|---|---|\n| {CELL_WORD} | ja |\n\n"
                  + "".join(f"Zie {run} en verder.\n\n" for run in OTHER_RUNS))
    project.write("content/leaflets/code.md",
                  f"---\ntitle: Code\nfold: booklet\nreviewed: 2026-09-01\n---\n\n# Kop\n\n"
                  f"De code {WORD} en verder.\n")
    project.write("content/exams/bank.yaml",
                  "questions:\n  - id: q1\n    type: single\n    tags: [t]\n    difficulty: 1\n"
                  f"    stem: Welke?\n    options:\n      - text: {CELL_WORD}\n        correct: true\n"
                  "      - Nee\n")
    project.write("content/exams/toets.yaml",
                  "title: T\nbanks: [bank.yaml]\nversions: 1\nsections:\n"
                  "  - title: S\n    blueprint:\n      - ids: [q1]\n")
    # Before, the handout alone took 86 s: the timeout only keeps a regression from hanging.
    done = subprocess.run([sys.executable, "-m", "handouts", "build", "content/handouts",
                           "content/leaflets", "content/exams/toets.yaml"],
                          cwd=project.root, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    for pdf, word in (("handouts/code.pdf", WORD), ("handouts/code.pdf", CELL_WORD),
                      *(("handouts/code.pdf", run) for run in OTHER_RUNS),
                      ("leaflets/code.pdf", WORD), ("exams/toets/versie-A.pdf", CELL_WORD)):
        letters, longest = _letters(project.root / "build" / pdf)
        assert longest < 120, f"{pdf}: a line of {longest} characters runs off the page"
        # Page headers and footers interrupt the word where it crosses a page.
        letters = re.sub(r"\d+|pagina|van|Code", "", letters)
        assert word in letters, pdf


def test_a_table_row_taller_than_a_page_is_a_clear_error(project: Project):
    project.write("content/handouts/code.md",
                  f"---\ntitle: Code\n---\n\n| code | ok |\n|---|---|\n| {WORD} | ja |\n")
    result = project.run("build")
    assert result.exit_code == 1
    assert ("content/handouts/code.md:5: error: a block (a question, a table row, a picture) is "
            "taller than a page and cannot be split over two; shorten it or split it up") in result.output


def test_an_exam_option_taller_than_a_page_is_a_clear_error_at_its_question(project: Project):
    project.write("content/exams/bank.yaml",
                  "questions:\n  - id: q1\n    type: single\n    tags: [t]\n    difficulty: 1\n"
                  f"    stem: Welke?\n    options:\n      - text: {WORD}\n        correct: true\n"
                  "      - Nee\n")
    project.write("content/exams/toets.yaml",
                  "title: T\nbanks: [bank.yaml]\nversions: 1\nsections:\n"
                  "  - title: S\n    blueprint:\n      - ids: [q1]\n")
    result = project.run("build", "--exam")
    assert result.exit_code == 1
    assert ('content/exams/bank.yaml:2: error: question "q1" (number 1 in version A) does not fit '
            "on one page") in result.output
