"""Exam documents start from one font state, so that what one draws is replayed in
the others (layout/replay.py), the print file takes the versions' pages as written,
and identical font subsets are made once. None of it may show, or leak answers."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader

from conftest import write_figure_exam

REPO = Path(__file__).resolve().parent.parent


def _exam(versions: int, seed: int = 11, jobs: int = 1) -> dict[str, bytes]:
    from handouts.exam.make import make_exam
    from handouts.products import Options
    from handouts.project import load_project

    products, _ = make_exam(REPO / "content/exams/rug-toets.yaml", load_project(REPO),
                            Options(versions=versions, seed=seed, jobs=jobs))
    return {p.target.name: p.data for p in products}


def _contents(data: bytes) -> list[bytes]:
    return [page.get_contents().get_data() for page in PdfReader(io.BytesIO(data)).pages]


def _font_files(data: bytes) -> dict[str, bytes]:
    """Each embedded font's subset file (compressed, as written), by its base name."""
    found = {}
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/FontDescriptor"].get_object()
            found[str(font["/BaseFont"])] = descriptor["/FontFile2"].get_object()._data
    return found


def _unicode_maps(data: bytes) -> str:
    maps = []
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            maps.append(font.get_object()["/ToUnicode"].get_object().get_data().decode("latin-1"))
    return " ".join(maps)


def test_print_file_pages_are_the_versions_pages_as_written():
    made = _exam(2)
    printed = _contents(made["alle-versies.pdf"])
    first, second = _contents(made["versie-A.pdf"]), _contents(made["versie-B.pdf"])
    assert printed[:len(first)] == first
    assert second == printed[-len(second):]


def test_versions_embed_the_same_font_subsets():
    """Versions draw the same characters in other orders; primed alike, their subsets
    (and so the bytes of their font files) are the same."""
    made = _exam(3)
    a, b = _font_files(made["versie-A.pdf"]), _font_files(made["versie-C.pdf"])
    assert a and a == b


def test_worker_processes_and_replays_give_the_print_file_of_one_process():
    alone, shared = _exam(13, seed=5), _exam(13, seed=5, jobs=2)
    assert alone["alle-versies.pdf"] == shared["alle-versies.pdf"]


def test_student_fonts_hold_no_character_only_the_key_shows(tmp_path):
    """A character that only feedback uses is numbered in the keys' fonts, never in a
    student's: the font subsets and their text maps would show it."""
    from click.testing import CliRunner

    from handouts.cli import main

    exams = tmp_path / "content/exams"
    exams.mkdir(parents=True)
    (exams / "bank.yaml").write_text(
        "questions:\n"
        "  - id: q1\n    type: truefalse\n    tags: [rug]\n    difficulty: 1\n"
        "    stem: De atlas draagt het hoofd.\n    answer: juist\n    feedback: Zie Ørsted.\n"
        "  - id: q2\n    type: truefalse\n    tags: [rug]\n    difficulty: 1\n"
        "    stem: Het heiligbeen is één bot.\n    answer: juist\n", encoding="utf-8")
    (exams / "toets.yaml").write_text(
        "title: T\nbanks: [bank.yaml]\nversions: 2\nsections:\n"
        "  - title: S\n    blueprint:\n      - ids: [q1, q2]\n", encoding="utf-8")
    import os

    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = CliRunner().invoke(main, ["build", "--exam"], catch_exceptions=False)
    finally:
        os.chdir(old)
    assert result.exit_code == 0, result.output
    out = tmp_path / "build/exams/toets"
    for name in ("versie-A.pdf", "versie-B.pdf", "alle-versies.pdf"):
        maps = _unicode_maps((out / name).read_bytes())
        assert "00E9" in maps.upper()  # é, in a stem
        assert "00D8" not in maps.upper(), name  # Ø, only in feedback
    assert "00D8" in _unicode_maps((out / "sleutel-A.pdf").read_bytes()).upper()


def test_a_drawing_outside_the_primed_state_is_drawn_not_replayed():
    from reportlab.pdfgen.canvas import Canvas

    from handouts.layout.fonts import FontPriming, primed_state, register_family
    from handouts.layout.replay import draw_recorded

    regular = register_family("Noto Serif", REPO)
    priming = FontPriming((regular,), "é")
    owner, other = type("Owner", (), {})(), type("Owner", (), {})()  # one per drawing

    def canvas() -> Canvas:
        made = Canvas(io.BytesIO(), invariant=1)
        priming.prime(made._doc)
        return made

    def write(text: str):
        def draw():
            c.setFont(regular, 10)
            c.drawString(0, 0, text)
        return draw

    c = canvas()
    draw_recorded(owner, c, write("één"))
    assert primed_state(c._doc) is priming and len(owner._recordings) == 1
    c = canvas()
    draw_recorded(other, c, write("Ørsted"))  # Ø is not primed: numbered now
    assert primed_state(c._doc) is None and not other._recordings
    draw_recorded(owner, c, write("één"))  # out of the primed state: drawn again
    assert len(owner._recordings) == 1
    c.showPage()
    c.save()


def test_priming_and_replays_change_no_pixels(monkeypatch):
    """Built with fonts left unprimed (nothing replayed, the print file drawn again),
    every page looks as it does when primed."""
    import pypdfium2 as pdfium
    from PIL import ImageChops

    from handouts.exam.layout.doc import ExamDoc
    from handouts.exam.make import clear_shared

    primed = _exam(2, seed=3)
    clear_shared()
    monkeypatch.setattr(ExamDoc, "_primed", lambda self, canvas: canvas)
    plain = _exam(2, seed=3)
    clear_shared()
    for name in ("versie-B.pdf", "sleutel-B.pdf", "alle-versies.pdf"):
        assert primed[name] != plain[name]
        ours, theirs = pdfium.PdfDocument(primed[name]), pdfium.PdfDocument(plain[name])
        assert len(ours) == len(theirs)
        for n in range(len(ours)):
            a = ours[n].render(scale=1).to_pil().convert("RGB")
            b = theirs[n].render(scale=1).to_pil().convert("RGB")
            assert ImageChops.difference(a, b).getbbox() is None, (name, n)


def test_pages_with_pictures_from_workers_are_laid_out_again(tmp_path):
    """A page with a picture cannot be taken as written (the picture is a resource
    beside its operators): from a worker process, it is laid out again here."""
    from handouts.exam.make import make_exam
    from handouts.products import Options
    from handouts.project import load_project

    exams = write_figure_exam(tmp_path, "Het heiligbeen is één bot.", 13, "f1, f2")
    project = load_project(tmp_path)
    alone, _ = make_exam(exams / "toets.yaml", project, Options(jobs=1))
    shared, _ = make_exam(exams / "toets.yaml", project, Options(jobs=2))
    printed = {p.target.name: p.data for p in shared}["alle-versies.pdf"]
    assert printed == {p.target.name: p.data for p in alone}["alle-versies.pdf"]
    pictures = [page for page in PdfReader(io.BytesIO(printed)).pages if "/XObject" in page["/Resources"]]
    assert len(pictures) == 13


def test_a_shared_paragraph_moved_to_the_next_page_twice_is_laid_out():
    """The versions of an exam share their paragraphs. reportlab marks one it moves on
    to the next page and never unmarks it, and took a marked one that had to move on
    again for one too large for any page (the sample exam, seed 11: version C's
    "Totaal" line, moved on in version B before, stopped the build)."""
    import inspect

    from reportlab.platypus import BaseDocTemplate

    from handouts.exam.layout.pages import lay_out_exam
    from handouts.exam.make import _shared
    from handouts.pdf import render

    assert "_postponed" in inspect.getsource(BaseDocTemplate.handle_flowable), (
        "reportlab no longer marks postponed flowables as _postponed: "
        "see exam.layout.recording.forget_postponed")
    shared = _shared("default", REPO, "nl", ())
    lines = "".join(f"<p>Regel {i} van de toets.</p>" for i in range(90))
    markup = ('<exam lang="nl" title="T" header-left="T" header-right="Versie {code}" '
              'page-label="pagina {page} van {pages}" blank-label="leeg">'
              f'<part index="0" code="A">{lines}</part></exam>')
    for _ in range(2):  # every first line of a page is moved on, in both documents
        laid = lay_out_exam(markup, shared.theme, "exam/version.xml.j2", shared)
        pages = PdfReader(io.BytesIO(render(laid))).pages
        assert len(pages) >= 2 and "Regel 89" in pages[-1].extract_text()
