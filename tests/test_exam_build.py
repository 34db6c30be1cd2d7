"""Exams end to end: build the sample exam and read back what a student gets."""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from handouts.exam import load_exam, sample
from handouts.exam.model import ExamVersion

from conftest import write_figure_exam

REPO = Path(__file__).resolve().parent.parent
OUT = "build/exams/rug-toets"


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("*", "")).strip()


def pages(path: Path) -> list[str]:
    return [flat(page.extract_text() or "") for page in PdfReader(path).pages]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The sample exam built once through the CLI, with the versions it should hold."""
    from click.testing import CliRunner

    from handouts.cli import main

    root = tmp_path_factory.mktemp("exam")
    shutil.copytree(REPO / "content/exams", root / "content/exams")
    result = _run(CliRunner(), main, root, ["build", "--exam"])
    assert result.exit_code == 0, result.output
    spec, bank = load_exam(root / "content/exams/rug-toets.yaml", root)
    return root, sample(spec, bank), bank


def _run(runner, main, root: Path, args: list[str]):
    import os

    old = os.getcwd()
    os.chdir(root)
    try:
        return runner.invoke(main, args, catch_exceptions=False)
    finally:
        os.chdir(old)


def stem_snippet(bank, qid: str, version: ExamVersion) -> str:
    entry = next(e for e in version.key.entries if e.question_id == qid)
    question = next(q for q in bank.questions() if q.id == qid)
    body = next(b for b in question.variants if b.label == entry.variant)
    return flat(body.stem.split("___")[0])[:30]


def test_every_file_is_written(built):
    root, versions, _ = built
    names = sorted(p.name for p in (root / OUT).iterdir())
    assert names == sorted(
        [f"versie-{v.code}.pdf" for v in versions] + [f"sleutel-{v.code}.pdf" for v in versions]
        + ["docentoverzicht.pdf", "alle-versies.pdf", "key.csv"])
    rows = list(csv.reader(io.StringIO((root / OUT / "key.csv").read_text(encoding="utf-8"))))
    assert rows[0] == ["version", "position", "question_id", "type", "answer", "points",
                       "student_number", "student_name"]
    assert all(row[-2:] == ["", ""] for row in rows[1:])  # no roster: empty


def test_key_letters_point_at_the_right_option_in_the_pdf(built):
    root, versions, bank = built
    known = {q.id: q for q in bank.questions()}
    checked = 0
    for version in versions:
        text = " ".join(pages(root / OUT / f"versie-{version.code}.pdf"))
        entries = version.key.entries
        for entry, following in zip(entries, [*entries[1:], None], strict=True):
            if entry.type not in ("single", "multiple", "truefalse"):
                continue
            start = text.index(stem_snippet(bank, entry.question_id, version))
            end = text.index(stem_snippet(bank, following.question_id, version)) if following else len(text)
            segment = text[start:end]
            body = next(b for b in known[entry.question_id].variants if b.label == entry.variant)
            if entry.type == "truefalse":
                right = ["Juist" if body.answer else "Onjuist"]
            else:
                right = [o.text for o in body.options if o.correct]
            letters = entry.answer.split(";")
            assert len(letters) == len(right)
            for letter in letters:
                assert any(f"{letter} {flat(r)}" in segment for r in right), (version.code, entry)
            checked += 1
    assert checked > 20


def test_no_question_is_split_across_pages(built):
    root, versions, bank = built
    for version in versions:
        texts = pages(root / OUT / f"versie-{version.code}.pdf")
        for paper, entry in zip(version.questions(), version.key.entries, strict=True):
            stem = stem_snippet(bank, entry.question_id, version)
            (page,) = [i for i, t in enumerate(texts) if stem in t]
            for choice in paper.choices:
                assert f"{choice.letter} {flat(choice.text)}" in texts[page], (version.code, paper.position)


def test_student_pdfs_carry_no_answer_information(built):
    root, versions, bank = built
    secrets = {q.id for q in bank.questions()}
    for q in bank.questions():
        for body in q.variants:
            secrets |= {flat(body.feedback), flat(body.model_answer)} | {flat(r.element) for r in body.rubric}
    secrets.discard("")
    # An id that is also a word of a printed text ("hernia-klachten") tells nothing.
    printed = " ".join(flat(t) for q in bank.questions() for body in q.variants
                       for t in (body.stem, *(o.text for o in body.options)))
    secrets = {s for s in secrets if s not in printed}
    for version in versions:
        path = root / OUT / f"versie-{version.code}.pdf"
        reader = PdfReader(path)
        text = " ".join(pages(path))
        leaked = [s for s in secrets if s in text]
        assert not leaked, leaked
        assert "Antwoord" not in text and "Toelichting" not in text
        assert all("/Annots" not in page for page in reader.pages)
        catalog = reader.trailer["/Root"]
        assert not {"/AcroForm", "/Names", "/OpenAction"} & set(catalog)
        meta = " ".join(str(v) for v in (reader.metadata or {}).values())
        assert not [s for s in secrets if s in meta]


def test_every_page_has_version_code_and_page_x_of_y(built):
    root, versions, _ = built
    for version in versions:
        texts = pages(root / OUT / f"versie-{version.code}.pdf")
        for n, text in enumerate(texts, 1):
            assert f"versie {version.code} · pagina {n} van {len(texts)}" in text


def test_print_file_starts_every_version_on_a_right_hand_page(built):
    root, versions, _ = built
    texts = pages(root / OUT / "alle-versies.pdf")
    starts = [i + 1 for i, t in enumerate(texts) if re.search(r"versie \w+ · pagina 1 van", t)]
    assert len(starts) == len(versions)
    assert all(page % 2 == 1 for page in starts)
    singles = sum(len(PdfReader(root / OUT / f"versie-{v.code}.pdf").pages) for v in versions)
    assert singles <= len(texts) <= singles + len(versions)


def test_every_font_is_embedded(built):
    """No standard-14 font (reportlab's Helvetica for table cells) in any exam PDF."""
    root, _, _ = built
    for path in sorted((root / OUT).glob("*.pdf")):
        for page in PdfReader(path).pages:
            for font in page["/Resources"]["/Font"].values():
                assert "+" in font.get_object()["/BaseFont"], (path.name, font.get_object()["/BaseFont"])


def test_key_pdf_shows_answers_blueprint_and_seed(built):
    root, versions, _ = built
    text = " ".join(pages(root / OUT / "sleutel-A.pdf"))
    assert "Seed: 20261214" in text and "Toetsmatrijs" in text
    for entry in versions[0].key.entries:
        assert entry.question_id in text


def test_same_seed_same_bytes_and_bad_input_leaves_output_alone(built, tmp_path):
    from click.testing import CliRunner

    from handouts.cli import main

    root, _, _ = built
    shutil.copytree(root / "content", tmp_path / "content")
    first = _run(CliRunner(), main, tmp_path, ["build", "--exam"])
    assert first.exit_code == 0
    before = {p.name: p.read_bytes() for p in (tmp_path / OUT).iterdir()}
    assert before == {p.name: p.read_bytes() for p in (root / OUT).iterdir()}
    bank = tmp_path / "content/exams/vragen/rug.yaml"
    bank.write_text(bank.read_text(encoding="utf-8").replace("id: wervel-atlas", "id: rug-functie-geen"),
                    encoding="utf-8")
    broken = _run(CliRunner(), main, tmp_path, ["build", "--exam"])
    assert broken.exit_code == 1
    assert re.search(r'content/exams/vragen/rug.yaml:\d+: error: the id "rug-functie-geen" is already used',
                     broken.output)
    assert before == {p.name: p.read_bytes() for p in (tmp_path / OUT).iterdir()}


def test_roster_fills_in_names(built, tmp_path):
    from click.testing import CliRunner

    from handouts.cli import main

    root, _, _ = built
    shutil.copytree(root / "content", tmp_path / "content")
    result = _run(CliRunner(), main, tmp_path,
                  ["build", "--exam", "--roster", "content/exams/klas-4b.csv"])
    assert result.exit_code == 0, result.output
    first = pages(tmp_path / OUT / "versie-A-4021337.pdf")[0]
    assert "Sanne de Vries" in first and "4021337" in first
    assert len(list((tmp_path / OUT).glob("versie-*.pdf"))) == 5


# ---- properties over random banks, read back from the PDF ----------------------


def _render_versions(spec, bank):
    from handouts.exam.labels import exam_labels
    from handouts.exam.layout.pages import lay_out_exam
    from handouts.exam.make import exam_view, paper_view
    from handouts.layout.theme import load_theme
    from handouts.pdf import render
    from handouts.templating import render as render_template

    labels = exam_labels("nl")
    versions = sample(spec, bank)
    exam = exam_view(spec, versions[0], labels)
    theme = load_theme("default", None)
    for version in versions:
        markup = render_template("exam/version.xml.j2",
                                 {"exam": exam, "papers": [paper_view(version, {})], "labels": labels}, None)
        data = render(lay_out_exam(markup, theme, "exam/version.xml.j2"))
        yield version, [flat(p.extract_text() or "") for p in PdfReader(io.BytesIO(data)).pages]


def test_random_banks_print_what_the_key_says():
    from dataclasses import replace

    from hypothesis import HealthCheck, given, settings
    from test_exam_sampler import bank_questions, body_of, exams

    @settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
    @given(exams())
    def check(exam):
        spec, bank = exam
        spec = replace(spec, versions=min(spec.versions, 3))
        known = bank_questions(bank)
        for version, texts in _render_versions(spec, bank):
            for paper, entry in zip(version.questions(), version.key.entries, strict=True):
                body = body_of(known[entry.question_id], entry.variant)
                head = f"{paper.position}. {flat(body.stem.split('___')[0])}"
                pattern = re.compile(rf"(^| ){re.escape(head)}( |$)")
                (page,) = [i for i, t in enumerate(texts) if pattern.search(t)]  # never split
                for choice in paper.choices:
                    assert f"{choice.letter} {flat(choice.text)}" in texts[page]
                if entry.type in ("single", "multiple"):
                    right = {o.text for o in body.options if o.correct}
                    for letter in entry.answer.split(";"):
                        assert any(f"{letter} {flat(r)}" in texts[page] for r in right)

    check()


def test_stem_with_a_figure(tmp_path):
    from click.testing import CliRunner

    from handouts.cli import main

    exams = write_figure_exam(tmp_path, "Zie ![x](ontbreekt.png)", 1, "f1")
    result = _run(CliRunner(), main, tmp_path, ["build", "--exam"])
    assert result.exit_code == 1
    assert 'content/exams/bank.yaml:11: error: the figure "ontbreekt.png" in question f2 does not exist' in result.output
    (exams / "bank.yaml").write_text((exams / "bank.yaml").read_text().replace("ontbreekt", "wervel"))
    result = _run(CliRunner(), main, tmp_path, ["build", "--exam"])
    assert result.exit_code == 0, result.output
    for name in ("versie-A.pdf", "alle-versies.pdf"):  # the print file draws it again
        page = PdfReader(tmp_path / "build/exams/toets" / name).pages[0]
        assert "/XObject" in page["/Resources"] and "Dit is de atlas." in page.extract_text()


def test_worker_processes_make_the_same_bytes():
    from handouts.exam.make import make_exam
    from handouts.products import Options
    from handouts.project import load_project

    project = load_project(REPO)
    spec = REPO / "content/exams/rug-toets.yaml"
    alone, _ = make_exam(spec, project, Options(versions=12))
    shared, _ = make_exam(spec, project, Options(versions=12, jobs=2))
    assert [(p.target, p.data) for p in alone] == [(p.target, p.data) for p in shared]


def test_shared_paragraphs_do_not_change_the_bytes():
    """An exam's documents share paragraphs within a process; a second build, with all
    of them already laid out, must give the same bytes as the first."""
    from handouts.exam.make import clear_shared, make_exam
    from handouts.products import Options
    from handouts.project import load_project

    project = load_project(REPO)
    spec = REPO / "content/exams/rug-toets.yaml"
    clear_shared()
    first, _ = make_exam(spec, project, Options(versions=3, seed=7))
    again, _ = make_exam(spec, project, Options(versions=3, seed=7))
    assert [(p.target, p.data) for p in first] == [(p.target, p.data) for p in again]
