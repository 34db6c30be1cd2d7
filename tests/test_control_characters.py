"""Characters pasted from other programs: a vertical tab (Word's Shift+Enter) is a line
break; any other control character or noncharacter is an error at the content file's
line and column that names it, in Markdown, YAML and CSV alike."""

from __future__ import annotations

import re

import pytest

from conftest import page_texts

BANK = """\
questions:
  - id: q1
    type: truefalse
    tags: [rug]
    difficulty: 1
    stem: {stem}
    answer: juist
"""
SPEC = ("title: {title}\nbanks: [bank.yaml]\nversions: 1\n{extra}"
        "sections:\n  - title: S\n    blueprint:\n      - ids: [q1]\n")


def write_exam(project, stem="De rug heeft wervels.", title="Toets", extra="", roster=None):
    project.write("content/exams/bank.yaml", BANK.format(stem=stem))
    project.write("content/exams/toets.yaml", SPEC.format(title=title, extra=extra))
    if roster is not None:
        project.write("content/exams/klas.csv", roster)


@pytest.mark.parametrize(("char", "says"), [
    ("\x07", "control character U+0007 (BEL) in the text; delete it (it often comes from pasting)"),
    ("\x1b", "control character U+001B (ESC)"),
    ("\x0c", "control character U+000C (FF)"),
    ("\x00", "control character U+0000 (NUL)"),
    ("\x7f", "control character U+007F (DEL)"),
    ("\x92", 'control character U+0092 (C1 control) in the text: the text was converted from '
             'another encoding the wrong way; type the character again (probably "’"'),
    ("\ufffe", "character U+FFFE (a noncharacter, never text)"),
    ("\uffff", "character U+FFFF (a noncharacter, never text)"),
    ("\U0001fffe", "character U+1FFFE (a noncharacter, never text)"),
])
def test_a_control_character_in_markdown_is_an_error_at_its_line_and_column(project, char, says):
    project.write("content/les.md", f"---\ntitle: Les\n---\n\nEerste zin.\n\nHier {char}staat het.\n")
    result = project.run("build")
    assert result.exit_code == 1
    assert f"content/les.md:7:6: error: {says}" in result.stderr
    assert "broken markup" not in result.output and "internal error" not in result.output


def test_every_bad_character_is_listed_also_in_the_front_matter(project):
    project.write("content/les.md", "---\ntitle: Les \x07 een\n---\n\nA\x1bB\x1bC\n")
    result = project.run("check")
    assert result.exit_code == 1
    assert "content/les.md:2:12: error: control character U+0007 (BEL)" in result.stderr
    assert "content/les.md:5:2: error: control character U+001B (ESC)" in result.stderr
    assert "content/les.md:5:4: error: control character U+001B (ESC)" in result.stderr


def test_a_vertical_tab_is_a_line_break(project):
    project.write("content/les.md", "---\ntitle: Rug\x0bpijn\n---\n\n"
                  "Een eerste regel\x0bdaaronder een tweede regel.\n")
    result = project.run("build")
    assert result.exit_code == 0, result.output
    text = page_texts(project.pdf("build/les.pdf"))[0]
    assert re.search(r"Een eerste regel\s*\n\s*daaronder een tweede regel\.", text), text
    assert "Rug" in text and "pijn" in text


def test_unicode_line_separators_are_line_breaks_in_markdown_and_yaml(project):
    project.write("content/les.md", "---\ntitle: Les\n---\n\nEen eerste regel\u2028daaronder een tweede.\n")
    write_exam(project, stem="De rug\u2028heeft wervels.")
    result = project.run("build")
    assert result.exit_code == 0, result.output
    text = page_texts(project.pdf("build/les.pdf"))[0]
    assert re.search(r"Een eerste regel\s*\n\s*daaronder een tweede\.", text), text
    paper = " ".join(" ".join(page_texts(project.pdf("build/exams/toets/versie-A.pdf"))).split())
    assert "De rug heeft wervels." in paper


def test_yaml_and_csv_files_are_checked_too(project):
    write_exam(project, title="Toets \x07", extra="roster: klas.csv\n", roster="1;Anna\x0cde Boer\n")
    result = project.run("check")
    assert result.exit_code == 1
    assert "content/exams/toets.yaml:1:14: error: control character U+0007 (BEL)" in result.stderr
    write_exam(project, extra="roster: klas.csv\n", roster="1;Anna\x0cde Boer\n")
    result = project.run("check")
    assert "content/exams/klas.csv:1:7: error: control character U+000C (FF)" in result.stderr


def test_an_escape_between_quotes_is_checked(project):
    write_exam(project, stem='"Een \\e[1m vraag"')
    result = project.run("check")
    assert result.exit_code == 1
    assert ("content/exams/bank.yaml:6: error: control character U+001B (ESC) in the text; "
            "delete it (it often comes from pasting); here it is an escape between quotes") in result.stderr


def test_a_vertical_tab_in_yaml_and_csv_keeps_every_word(project):
    write_exam(project, stem="De rug\x0bheeft wervels.", extra="roster: klas.csv\n",
               roster="4021337;Anna\x0bde Boer\n")
    result = project.run("build", "--exam")
    assert result.exit_code == 0, result.output
    text = " ".join(" ".join(page_texts(project.pdf("build/exams/toets/versie-A-4021337.pdf"))).split())
    assert "De rug heeft wervels." in text
    assert "Anna de Boer" in text
