"""Words whose hyphens pyphen's patterns get wrong: the bundled list per language, and a
project's own list in handouts.yaml, seen in the PDF's line ends."""

from __future__ import annotations

import re

from handouts.layout.hyphenation import Hyphenation, bundled_words

from conftest import Project, page_texts


def shown(word: str, lang: str = "nl_NL") -> str:
    points = Hyphenation(lang).points(word)
    for i in reversed(points):
        word = word[:i] + "-" + word[i:]
    return word


def test_the_bundled_list_breaks_compounds_where_their_parts_meet():
    # pyphen alone: door-nuit-steek-sels, hal-slordose, in-ter-ver-teb-ral
    assert shown("doornuitsteeksels") == "doorn-uit-steek-sels"
    assert shown("Doornuitsteeksels,") == "Doorn-uit-steek-sels,"
    assert shown("halslordose") == "hals-lor-dose"  # the book margins still apply
    assert shown("intervertebral", "en_GB") == "in-ter-ver-te-bral"
    assert shown("wervelkolom") == "wer-vel-ko-lom"  # words not listed: the patterns


def test_every_bundled_word_is_written_as_letters_and_hyphens():
    for language in ("nl", "en"):
        words = bundled_words(language)
        assert words
        for word in words:
            assert re.fullmatch(r"[^\W\d_]+(?:-[^\W\d_]+)*", word), (language, word)


LONG = " ".join(["bindweefselmassage"] * 60)


def _line_ends(project: Project) -> list[str]:
    text = page_texts(project.pdf("build/doc.pdf"))[0]
    return [line.split()[-1] for line in text.splitlines() if line.strip()]


def test_a_project_lists_its_own_words_with_their_hyphens(project: Project):
    project.write("handouts.yaml", "hyphenation:\n  nl:\n    - bind-weefselmassage\n")
    project.write("content/doc.md", f"---\ntitle: Massage\n---\n\n{LONG}\n")
    result = project.run("build")
    assert result.exit_code == 0, result.output
    hyphenated = [end for end in _line_ends(project) if end.endswith("-")]
    assert hyphenated and set(hyphenated) == {"bind-"}  # pyphen alone: bind-weef-sel-mas-sage


def test_a_word_listed_without_hyphens_is_never_broken(project: Project):
    project.write("handouts.yaml", "hyphenation:\n  nl: [bindweefselmassage]\n")
    project.write("content/doc.md", f"---\ntitle: Massage\n---\n\n{LONG}\n")
    result = project.run("build")
    assert result.exit_code == 0, result.output
    assert not [end for end in _line_ends(project) if end.endswith("-")]


def test_a_wrong_hyphenation_list_is_an_error_at_its_line(project: Project):
    project.write("handouts.yaml", "language: nl\nhyphenation:\n  nl:\n    - spier-groep\n    - doorn--uit\n  nll: [rug]\n")
    project.write("content/doc.md", "---\ntitle: Massage\n---\n\nTekst.\n")
    result = project.run("build")
    assert result.exit_code != 0
    assert "handouts.yaml:5: error: hyphenation: \"doorn--uit\" must be one word of letters" in result.output
    assert 'handouts.yaml:6: error: hyphenation: unknown language "nll"' in result.output
    assert "did you mean" in result.output and "Traceback" not in result.output
