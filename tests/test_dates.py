"""Dates in front matter and exam specs: an impossible or oddly written date is an
error at its line, for that document alone; the other documents still build."""

from __future__ import annotations

import pytest

BANK = """\
questions:
  - id: q1
    type: truefalse
    tags: [rug]
    difficulty: 1
    stem: De rug heeft wervels.
    answer: juist
"""


def spec(date: str) -> str:
    return (f"title: Toets\ndate: {date}\nbanks: [bank.yaml]\nversions: 1\n"
            "sections:\n  - title: S\n    blueprint:\n      - ids: [q1]\n")


def test_an_impossible_date_fails_its_own_document_only(project):
    project.write("content/handouts/a.md", "---\ntitle: A\ndate: 2026-02-30\n---\n\nTekst.\n")
    project.write("content/handouts/b.md", "---\ntitle: B\ndate: 2026-02-28\n---\n\nTekst.\n")
    project.write("content/leaflets/l.md", "---\ntitle: L\nreviewed: 2026-02-29\n---\n\nTekst.\n")
    project.write("content/exams/bank.yaml", BANK)
    project.write("content/exams/toets.yaml", spec("2026-04-31"))
    result = project.run("build")
    assert result.exit_code == 1
    assert "internal error" not in result.output
    assert "content/handouts/a.md:3: error: there is no such date as 2026-02-30" in result.stderr
    assert "content/leaflets/l.md:3: error: there is no such date as 2026-02-29" in result.stderr
    assert "content/exams/toets.yaml:2: error: there is no such date as 2026-04-31" in result.stderr
    assert (project.root / "build/handouts/b.pdf").is_file()
    assert not (project.root / "build/handouts/a.pdf").exists()


@pytest.mark.parametrize(("written", "says"), [
    ("30-02-2026", "is no date that exists ('30-02-2026'); write a real date as YYYY-MM-DD"),
    ("14-12-2026", "must be written YYYY-MM-DD: 2026-12-14, not '14-12-2026'"),
    ("14/12/2026", "must be written YYYY-MM-DD: 2026-12-14"),
    ("2026-12-14 09:00", "must be a date alone, written YYYY-MM-DD"),
    ("2026-12-14 09:00:00", "must be a date alone, written YYYY-MM-DD"),
])
def test_a_date_written_another_way_says_the_accepted_form(project, written, says):
    project.write("content/les.md", f"---\ntitle: Les\ndate: {written}\n---\n\nTekst.\n")
    project.write("content/exams/bank.yaml", BANK)
    project.write("content/exams/toets.yaml", spec(written))
    result = project.run("check")
    assert result.exit_code == 1
    assert f'content/les.md:3: error: "date" {says}' in result.stderr
    assert f'content/exams/toets.yaml:2: error: "date" {says}' in result.stderr


def test_a_real_date_and_plain_words_still_print(project):
    project.write("content/a.md", "---\ntitle: A\ndate: 2026-09-01\n---\n\nTekst.\n")
    project.write("content/b.md", "---\ntitle: B\ndate: najaar 2026\n---\n\nTekst.\n")
    result = project.run("build")
    assert result.exit_code == 0, result.output
    assert "1 september 2026" in project.pdf("build/a.pdf").pages[0].extract_text()
    assert "najaar 2026" in project.pdf("build/b.pdf").pages[0].extract_text()
