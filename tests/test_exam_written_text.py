"""What a teacher writes in a question prints: every inline construct README promises
for handouts, written in a stem, an option, a case text and feedback, is printed as in a
handout (or as written), in the paper and in the key alike; what cannot print (a link to
a file, a footnote, a reference to a figure) stops the build at its line, with the fix."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from tests.conftest import Project

# (name, what the teacher writes, what the PDF's text must hold, what it must not)
PRINTED = [
    ("bold", "een **vette** tekst", "een vette tekst", "**"),
    ("italic", "een *schuine* tekst", "een schuine tekst", "*"),
    ("code", "de toets `Ctrl` indrukken", "de toets Ctrl indrukken", "`"),
    ("strike-through", "~~drie~~ vier herhalingen", "drie vier herhalingen", "~"),
    ("superscript", "een oppervlak van 2 m^2^ groot", "een oppervlak van 2 m2 groot", "^"),
    ("subscript", "een glas H~2~O drinken", "een glas H2O drinken", "~"),
    ("smart quotes", 'de "lage rug" en collega\'s', "de “lage rug” en collega’s", '"'),
    ("letters left out", "'s ochtends en 't is 'n dag", "’s ochtends en ’t is ’n dag", "‘"),
    ("dashes and dots", "links -- rechts --- en verder ...", "links – rechts — en verder …", "--"),
    ("HTML as written", "de tag <b>vet</b> blijft", "de tag <b>vet</b> blijft", "\x00"),
    ("math-like", "als pijn ≥ 7 → stop ± 2", "als pijn ≥ 7 → stop ± 2", "\x00"),
    ("web link", "lees [Wikipedia](https://nl.wikipedia.org/wiki/Rug) eens",
     "lees Wikipedia (https://nl.wikipedia.org/wiki/Rug) eens", "]("),
    ("link that shows its address", "zie [thuisarts.nl](https://www.thuisarts.nl) daar",
     "zie thuisarts.nl daar", "(https"),
    ("address as link", "zie <https://www.thuisarts.nl> daar", "zie https://www.thuisarts.nl daar", "<https"),
    ("e-mail link", "[mail ons](mailto:info@praktijk.nl) gerust", "mail ons (info@praktijk.nl) gerust", "mailto"),
]


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _bank(questions: list[tuple[str, str, str, str]]) -> str:
    """(id, stem, correct option, feedback) → a bank of single-choice questions."""
    lines = ["questions:"]
    for qid, stem, option, feedback in questions:
        lines += [f"  - id: {qid}", "    type: single", "    tags: [rug]", "    difficulty: 1",
                  f"    stem: {_quoted(stem)}", "    options:", f"      - text: {_quoted(option)}",
                  "        correct: true", "      - Iets anders", f"    feedback: {_quoted(feedback)}"]
    return "\n".join(lines) + "\n"


def _exam(project: Project, bank: str, ids: list[str]) -> None:
    project.write("content/exams/bank.yaml", bank)
    project.write("content/exams/toets.yaml",
                  f"title: T\nbanks: [bank.yaml]\nversions: 1\nsections:\n"
                  f"  - title: S\n    blueprint:\n      - ids: [{', '.join(ids)}]\n")


def _text(path) -> str:
    """The PDF's text with all white space taken out (a long address breaks after a slash)."""
    return re.sub(r"\s+", "", "".join(page.extract_text() or "" for page in PdfReader(path).pages))


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One exam with a question per construct: the construct in its stem, its correct
    option (which the key prints too) and its feedback (printed only in the key)."""
    project = Project(tmp_path_factory.mktemp("written") / "proj")
    questions = [(f"q{i}", f"Vraag {i}: {written}", f"Optie {i}: {written}", f"Uitleg {i}: {written}")
                 for i, (_, written, _, _) in enumerate(PRINTED)]
    _exam(project, _bank(questions), [q[0] for q in questions])
    result = project.run("build", "--exam")
    assert result.exit_code == 0, result.output
    folder = project.root / "build/exams/toets"
    return _text(folder / "versie-A.pdf"), _text(folder / "sleutel-A.pdf")


@pytest.mark.parametrize(("i", "case"), list(enumerate(PRINTED)), ids=[c[0] for c in PRINTED])
def test_each_construct_prints_in_stem_option_and_key(built, i, case):
    paper, key = built
    _, _, shown, never = case
    for where, text, prefixes in (("paper", paper, ("Vraag", "Optie")), ("key", key, ("Optie", "Uitleg"))):
        for prefix in prefixes:
            assert _squeezed(f"{prefix} {i}: {shown}") in text, (where, prefix)
    for text in (paper, key):
        found = text.split(f"Vraag{i}:" if text is paper else f"Optie{i}:", 1)[1][:len(_squeezed(shown)) + 2]
        assert never not in found


# (name, what the teacher writes, the error's words after 'question "qN": ')
REFUSED = [
    ("file link", "[het verslag](file:///C:/verslag.pdf)",
     'the link "file:///C:/verslag.pdf" is no web or e-mail address a reader can open'),
    ("Windows path", r"[het verslag](C:\mappen\verslag.pdf)",
     r'the link "C:\mappen\verslag.pdf" is no web or e-mail address a reader can open'),
    ("address without https", "[thuisarts](www.thuisarts.nl)",
     'the link "www.thuisarts.nl" does not say it is a web address, so it cannot print; '
     "write it in full: https://www.thuisarts.nl"),
    ("link to a file", "[de les](les.md)", 'the link "les.md" goes to no web or e-mail address'),
    ("figure reference", "zie [](#fig-wervel)", 'the reference "[](#fig-wervel)" has nothing to point to'),
    ("heading reference", "zie [paragraaf 3](#sec-rug)", 'the reference to "#sec-rug" has nothing to point to'),
    ("footnote", "de atlas[^1] draagt", 'the footnote mark "[^1]" would print as written: an exam prints no footnotes'),
    ("attributes after a picture", "zie ![een wervel](wervel.png){width=60%}",
     '"{width=60%}" after a picture would print as written'),
]


def test_what_cannot_print_stops_the_build_at_its_line(tmp_path):
    project = Project(tmp_path / "proj")
    questions = [(f"q{i}", f"Vraag {i}: {written}", "Ja", "") for i, (_, written, _) in enumerate(REFUSED)]
    _exam(project, _bank(questions), [q[0] for q in questions])
    result = project.run("build", "--exam")
    assert result.exit_code == 1
    for i, (_, _, message) in enumerate(REFUSED):
        line = 1 + 10 * i + 1  # "questions:", then ten lines per question
        assert f'content/exams/bank.yaml:{line}: error: question "q{i}": {message}' in result.output, i
    assert "Traceback" not in result.output


def test_a_bad_link_in_an_option_or_feedback_is_told_at_its_line(tmp_path):
    project = Project(tmp_path / "proj")
    _exam(project, _bank([("q0", "Vraag", "[zie](file:///x.pdf)", "meer: [hier](C:/x.pdf)")]), ["q0"])
    result = project.run("build", "--exam")
    assert result.exit_code == 1
    assert 'bank.yaml:8: error: question "q0": the link "file:///x.pdf"' in result.output  # the option's line
    assert 'bank.yaml:2: error: question "q0": the link "C:/x.pdf"' in result.output


def test_a_picture_outside_the_stem_is_an_error(tmp_path):
    project = Project(tmp_path / "proj")
    _exam(project, _bank([("q0", "Vraag", "![een wervel](wervel.png)", "")]), ["q0"])
    result = project.run("build", "--exam")
    assert result.exit_code == 1
    assert "a picture prints only under a question's stem" in result.output


def test_case_text_instructions_and_unit_print_as_the_key_shows_them(tmp_path):
    project = Project(tmp_path / "proj")
    project.write("content/exams/bank.yaml", """
        questions:
          - case: c1
            title: Casus
            text: 'Mirjam leest [Thuisarts](https://www.thuisarts.nl/rugpijn) over "hernia".'
            tags: [rug]
            difficulty: 1
            questions:
              - id: q0
                type: numeric
                stem: Hoe groot is het vlak?
                answer: 7,5
                unit: m^2^
    """)
    project.write("content/exams/toets.yaml", """
        title: T
        instructions: 'Vragen? [Mail ons](mailto:docent@school.nl).'
        banks: [bank.yaml]
        versions: 1
        sections:
          - title: S
            instructions: 'Lees eerst -- rustig -- de casus.'
            blueprint:
              - ids: [c1]
    """)
    result = project.run("build", "--exam")
    assert result.exit_code == 0, result.output
    paper = _text(project.root / "build/exams/toets/versie-A.pdf")
    key = _text(project.root / "build/exams/toets/sleutel-A.pdf")
    for shown in ("Mirjam leest Thuisarts (https://www.thuisarts.nl/rugpijn) over “hernia”.",
                  "Vragen? Mail ons (docent@school.nl).", "Lees eerst – rustig – de casus."):
        assert _squeezed(shown) in paper
    assert "m2" in paper and "7,5m2" in key  # the unit as the paper prints it, in the key too
    for text in (paper, key):
        assert "^" not in text and "<super" not in text


@pytest.mark.parametrize(("written", "shown"), [
    (r"C:\mappen\verslag.pdf", r"C:\mappen\verslag.pdf"), ("C:/mappen/verslag.pdf", "C:/mappen/verslag.pdf"),
    (r"\\server\map\verslag.pdf", r"\server\map\verslag.pdf"),  # Markdown reads \\ as one backslash
])
def test_a_handout_link_to_a_windows_path_is_an_error_too(project, written, shown):
    """The rule the exam shares: a handout's link to a file on the writer's computer no
    longer prints only its words."""
    project.write("content/les.md", f"---\ntitle: Les\n---\n\nZie [het verslag]({written}).\n")
    result = project.run("check")
    assert result.exit_code == 1
    assert f'content/les.md:5: error: the link "{shown}" is no web or e-mail address' in result.stderr
