"""The student's paper as printed: headings that stay with their questions, answer
boxes inside the page, "1 punt" / "2 punten", the cover's fields, and large print.
Read back from the PDFs: text, positions and font sizes (pypdf), pixels (pypdfium2)."""

from __future__ import annotations

import os
import random
import re
import shutil
from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from handouts.cli import main

REPO = Path(__file__).resolve().parent.parent
WORDS = "wervel spier zenuw schijf rug hals borst lenden heiligbeen staartbeen massage huid".split()


def build(root: Path, *args: str) -> None:
    old = os.getcwd()
    os.chdir(root)
    try:
        result = CliRunner().invoke(main, ["build", "--exam", *args], catch_exceptions=False)
    finally:
        os.chdir(old)
    assert result.exit_code == 0, result.output


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def fragments(page) -> list[tuple[float, float, float, str]]:
    """(x, y, font size, text) of every piece of text on `page`, as drawn."""
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((x, y, size, text.strip()))

    page.extract_text(visitor_text=visit)
    return found


def write_exam(root: Path, questions: list[str], sections: list[tuple[str, str, str]],
               extra: str = "", versions: int = 1, seed: int = 1) -> Path:
    """A project with a bank of `questions` (YAML blocks) and a spec of `sections`
    (title, instructions, blueprint rows); returns the exam's output folder."""
    exams = root / "content/exams"
    exams.mkdir(parents=True, exist_ok=True)
    (exams / "bank.yaml").write_text("questions:\n" + "\n".join(questions), encoding="utf-8")
    parts = []
    for title, instructions, rows in sections:
        parts.append(f"  - title: {title}\n" + (f"    instructions: {instructions}\n" if instructions else "")
                     + f"    blueprint:\n{rows}")
    (exams / "toets.yaml").write_text(
        f"title: Toets\nbanks: [bank.yaml]\nversions: {versions}\nseed: {seed}\n{extra}sections:\n"
        + "".join(parts), encoding="utf-8")
    return root / "build/exams/toets"


def long_exam(root: Path, instructions: bool, versions: int, seed: int) -> Path:
    """40 questions of mixed types and lengths in 8 sections of 5."""
    rng = random.Random(5)
    questions = []
    for i in range(40):
        stem = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 30)))
        head = f"  - id: q{i}\n    tags: [t{i // 5}]\n    difficulty: 1\n"
        body = [
            f"    type: single\n    stem: Vraag {stem}?\n    options:\n      - text: goed {i}\n"
            f"        correct: true\n      - fout a {i}\n      - fout b {i}\n      - fout c {i}\n",
            f"    type: open\n    stem: Leg uit {stem}.\n    model_answer: iets\n"
            f"    lines: {rng.randint(2, 6)}\n",
            f"    type: truefalse\n    stem: 'Stelling: {stem}.'\n    answer: juist\n",
            f"    type: multiple\n    stem: Welke {stem}?\n    options:\n      - text: a {i}\n"
            f"        correct: true\n      - text: b {i}\n        correct: true\n      - c {i}\n"
            f"      - d {i}\n      - e {i}\n",
        ][i % 4]
        questions.append(head + body)
    sections = [(f"Onderdeel {s + 1} over t{s}", f"Lees de vragen van onderdeel {s + 1} goed." if instructions
                 else "", f"      - tags: [t{s}]\n        count: 5\n") for s in range(8)]
    return write_exam(root, questions, sections, versions=versions, seed=seed)


# ---- section headings ------------------------------------------------------------


@pytest.mark.parametrize("instructions, versions, seed", [(False, 3, 1), (True, 6, 8)])
def test_a_section_heading_never_ends_a_page(tmp_path, instructions, versions, seed):
    out = long_exam(tmp_path, instructions, versions, seed)
    build(tmp_path)
    bottom = 22 * 72 / 25.4  # the theme's bottom margin: the footer stands below it
    checked = 0
    for pdf in sorted(out.glob("versie-*.pdf")):
        for number, page in enumerate(PdfReader(pdf).pages, 1):
            body = [f for f in fragments(page) if f[1] > bottom]
            lowest = min(body, key=lambda f: f[1])[3]  # the last line above the footer
            assert not lowest.startswith(("Onderdeel", "Lees de vragen")), (pdf.name, number, lowest)
            checked += 1
    assert checked > 20


def test_a_line_moved_to_the_next_page_in_every_version(tmp_path):
    # The versions share their paragraphs. "Totaal: 1 punt" moved to the next page in
    # version A must not stop version B with "too large" (as it did for these boxes).
    for box in (18.0, 18.2, 18.4, 18.6):
        root = tmp_path / str(box)
        out = write_exam(root, [f"  - id: q0\n    type: open\n    tags: [rug]\n    difficulty: 1\n"
                                f"    stem: Leg uit.\n    model_answer: iets\n    box: {box}\n"],
                         (("Een", "", "      - ids: [q0]\n"),), versions=2)
        build(root)
        texts = [flat(p.extract_text()) for p in PdfReader(out / "versie-B.pdf").pages]
        assert "Totaal: 1 punt" in texts[-1]


# ---- answer boxes inside the page ---------------------------------------------------

ORDERING = ("  - id: volgorde\n    type: ordering\n    tags: [rug]\n    difficulty: 1\n"
            "    stem: Zet de vijftien stappen van de massage in volgorde.\n    items:\n"
            + "".join(f"      - stap {n} van de behandeling\n" for n in range(1, 16)))
ONE = (("Alles", "", "      - ids: [volgorde]\n"),)


@pytest.mark.parametrize("theme", ["", "theme: large-print\n"])
def test_an_ordering_question_with_15_items_fits_its_page(tmp_path, theme):
    out = write_exam(tmp_path, [ORDERING], ONE, extra=theme)
    build(tmp_path)
    pdf = pdfium.PdfDocument(out / "versie-A.pdf")
    assert len(pdf) == 1
    image = pdf[0].render(scale=2).to_pil().convert("L")
    right = 14  # mm: both themes' right margin
    band = image.crop((int(image.width * (1 - (right - 1) / 210)), 0, image.width, image.height))
    assert band.getextrema()[0] > 250, "something is drawn in the right margin"
    text = flat(PdfReader(out / "versie-A.pdf").pages[0].extract_text())
    assert "O stap" in text
    assert all(f"{n}." in text.split() for n in range(1, 16)), text  # each box's number whole


# ---- points ------------------------------------------------------------------------


def test_one_punt_two_punten(tmp_path):
    def question(i: int, points: int, stem: str) -> str:
        return (f"  - id: q{i}\n    type: truefalse\n    tags: [rug]\n    difficulty: 1\n"
                f"    points: {points}\n    stem: '{stem}'\n    answer: juist\n")

    # Stems one letter longer each, so that somewhere a line ends right at "(1 punt)".
    questions = [question(k, 1, "Stelling: " + "ab " * 26 + "c" * k) for k in range(36)]
    questions.append(question(99, 2, "Stelling: twee punten."))
    out = write_exam(tmp_path, questions, (("Een", "", "      - ids: [q0]\n"),))
    build(tmp_path)
    cover = flat(PdfReader(out / "versie-A.pdf").pages[0].extract_text())
    assert "1 punt" in cover and "1 punten" not in cover  # the cover and "Totaal"
    key = flat(PdfReader(out / "sleutel-A.pdf").pages[0].extract_text())
    assert "Totaal: 1 punt " in key
    # The whole bank, on paper: "(1 punt)" stays on one line; 2 points are "punten".
    spec = tmp_path / "content/exams/toets.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace(
        "ids: [q0]", "ids: [" + ", ".join(f"q{k}" for k in (*range(36), 99)) + "]"), encoding="utf-8")
    build(tmp_path)
    lines = [line.replace("\u00a0", " ").strip() for page in PdfReader(out / "versie-A.pdf").pages
             for line in page.extract_text().splitlines()]
    text = " ".join(lines)
    assert text.count("(1 punt)") == 36 and "(2 punten)" in text and "Totaal: 38 punten" in text
    assert not [line for line in lines if line.endswith("(1") or line.startswith("punt)")]


# ---- the cover ------------------------------------------------------------------------

TF = "  - id: q0\n    type: truefalse\n    tags: [rug]\n    difficulty: 1\n    stem: Juist?\n    answer: juist\n"


def test_cover_with_class_field_and_marker_box(tmp_path):
    out = write_exam(tmp_path, [TF], (("Een", "", "      - ids: [q0]\n"),),
                     extra="class_field: true\nnakijkvak: true\n")
    build(tmp_path)
    cover = flat(PdfReader(out / "versie-A.pdf").pages[0].extract_text())
    assert "Naam Versie A Studentnummer Klas" in cover
    assert "Voor de docent Punten / 1 Cijfer" in cover


def test_cover_without_them(tmp_path):
    out = write_exam(tmp_path, [TF], (("Een", "", "      - ids: [q0]\n"),))
    build(tmp_path)
    cover = flat(PdfReader(out / "versie-A.pdf").pages[0].extract_text())
    assert "Klas" not in cover and "Voor de docent" not in cover and "Cijfer" not in cover


def test_an_unknown_theme_is_an_error_at_its_line(tmp_path):
    write_exam(tmp_path, [TF], (("Een", "", "      - ids: [q0]\n"),), extra="theme: grote-letters\n")
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = CliRunner().invoke(main, ["build", "--exam"], catch_exceptions=False)
    finally:
        os.chdir(old)
    assert result.exit_code == 1
    assert ('content/exams/toets.yaml:5: error: theme "grote-letters" not found; the bundled '
            "themes are default and large-print") in result.output


# ---- large print -------------------------------------------------------------------


@pytest.fixture(scope="module")
def large_print(tmp_path_factory):
    """The sample exam built twice: as it is, and in large print."""
    roots = {}
    for name, extra in (("plain", ""), ("large", "theme: large-print\n")):
        root = tmp_path_factory.mktemp(name)
        shutil.copytree(REPO / "content/exams", root / "content/exams")
        spec = root / "content/exams/rug-toets.yaml"
        spec.write_text(spec.read_text(encoding="utf-8").replace("versions: 4", "versions: 2\n" + extra),
                        encoding="utf-8")
        build(root)
        roots[name] = root / "build/exams/rug-toets"
    return roots


def test_large_print_body_text_is_14_pt_or_more(large_print):
    sizes: Counter = Counter()
    for page in PdfReader(large_print["large"] / "versie-A.pdf").pages:
        for _, _, size, text in fragments(page):
            sizes[round(size, 1)] += len(text)
    body = sizes.most_common(1)[0][0]
    assert body >= 14, sizes
    assert min(sizes) >= 12, sizes  # hints, points and page numbers too


def test_large_print_has_the_same_key(large_print):
    assert (large_print["large"] / "key.csv").read_bytes() == (large_print["plain"] / "key.csv").read_bytes()


def test_large_print_cover_and_key_keep_their_words_whole(large_print):
    cover = PdfReader(large_print["large"] / "versie-A.pdf").pages[0].extract_text()
    assert "Studentnummer" in cover.splitlines()
    key = [line for page in PdfReader(large_print["large"] / "sleutel-A.pdf").pages
           for line in page.extract_text().splitlines()]
    rows = (large_print["large"] / "key.csv").read_text(encoding="utf-8").splitlines()[1:]
    types = {row.split(",")[3] for row in rows if row.startswith("A,")}
    assert len(types) >= 6 and types <= {line.strip() for line in key}  # the answers table's column
    assert not [line for line in key if line.strip() and any(
        t.startswith(line.strip()) and t != line.strip() and len(line.strip()) > 2 for t in types)]


LONG_OPTION = ("  - id: lang\n    type: single\n    tags: [rug]\n    difficulty: 1\n"
               "    stem: Waaraan herken je de vertebra prominens?\n    options:\n"
               "      - text: Het is de eerste wervel onder in de nek die duidelijk uitsteekt en "
               "goed te voelen is als het hoofd voorover buigt\n        correct: true\n"
               "      - Hij zit vast aan de eerste rib\n")


@pytest.mark.parametrize("theme", ["", "theme: large-print\n"])
def test_options_hang_under_their_own_text(tmp_path, theme):
    out = write_exam(tmp_path, [LONG_OPTION], (("Een", "", "      - ids: [lang]\n"),), extra=theme)
    build(tmp_path)
    found = fragments(PdfReader(out / "versie-A.pdf").pages[0])
    at = next(i for i, f in enumerate(found) if f[3].startswith("Het is de eerste wervel"))
    x, y = found[at][:2]
    after = next(f for f in found[at + 1:] if f[1] < y - 1)  # the option's second line
    assert after[3] != "B" and abs(after[0] - x) < 0.5, (after, x)  # under the text, not its letter


MATCHING_AND_LONG_BLANKS = [
    "  - id: regio-latijn-en-nederlands-koppelen\n    type: matching\n    tags: [rug]\n    difficulty: 1\n    stem: Koppel.\n"
    "    pairs:\n      - [hals, C1]\n      - [borst, D1]\n",
    "  - id: schijf-opbouw-invullen\n    type: blanks\n    tags: [rug]\n    difficulty: 1\n"
    "    stem: Een schijf heeft een ring van ___ en een ___.\n"
    "    blanks:\n      - [vezelig kraakbeen, kraakbeen]\n      - [geleiachtige kern, kern, gelei-achtige kern]\n",
]


def test_large_print_key_keeps_short_words_whole_beside_a_long_answer(tmp_path):
    # The blanks answer cannot fit its column in any case, and the ids leave little
    # room; the type and points columns still can have theirs.
    rows = "      - ids: [regio-latijn-en-nederlands-koppelen, schijf-opbouw-invullen]\n"
    out = write_exam(tmp_path, MATCHING_AND_LONG_BLANKS, (("Een", "", rows),), extra="theme: large-print\n")
    build(tmp_path)
    lines = {line.strip() for line in PdfReader(out / "sleutel-A.pdf").pages[0].extract_text().splitlines()}
    assert {"matching", "blanks", "Punten", "schijf-opbouw-invullen"} <= lines
