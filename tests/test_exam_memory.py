"""A thousand exam versions fit in a small memory: each version is let go once it is
made, and the print file's pages are compressed as each is finished, to the very bytes
reportlab writes when it compresses them at the end, and kept in a temporary file until
the print file is saved."""

from __future__ import annotations

import io
import weakref
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from handouts.layout.reportlab_internals import pdf_document
from handouts.pdf import PagesCompressedCanvas

REPO = Path(__file__).resolve().parent.parent
SPEC = REPO / "content/exams/rug-toets.yaml"


def _pages(canvas_class: type) -> tuple[bytes, list]:
    out = io.BytesIO()
    canvas = canvas_class(out, invariant=1)
    canvas.setTitle("Toets")
    for page in range(3):
        canvas.setFont("Helvetica", 12)
        for line in range(40):
            canvas.drawString(72, 800 - 18 * line, f"Vraag {page}.{line}: wat doet de m. erector spinae?")
        canvas.showPage()
    held = [page.stream or getattr(page.Contents, "content", None) for page in pdf_document(canvas).Pages.pages]
    canvas.save()
    return out.getvalue(), held


def test_finished_pages_are_compressed_at_once_into_the_same_bytes():
    plain, plain_held = _pages(Canvas)
    compressed, compressed_held = _pages(PagesCompressedCanvas)
    assert compressed == plain
    assert all(len(text) > 2000 for text in plain_held)  # reportlab holds each page's operators
    assert compressed_held == [None, None, None]  # these keep theirs, compressed, in a file


def test_an_exam_lets_go_of_each_version_once_it_is_made(tmp_path: Path, monkeypatch):
    import handouts.exam.make as exam_make
    from handouts.build import build
    from handouts.products import Options
    from handouts.project import load_project

    drawn: list[weakref.ref] = []
    real_sample = exam_make.sample

    def sample(spec, bank):
        versions = real_sample(spec, bank)
        drawn.extend(weakref.ref(v) for v in versions)
        return versions

    alive: list[int] = []
    monkeypatch.setattr(exam_make, "sample", sample)
    report = build([SPEC], load_project(REPO), Options(versions=8, on_part=lambda made, total: alive.append(
        sum(ref() is not None for ref in drawn))), out_dir=tmp_path, kinds=("exam",))
    assert not report.failed, [str(d) for d in report.diagnostics]
    assert alive == [8 - made for made in range(1, 9)], alive  # only those still to be made
    folder = tmp_path / "exams/rug-toets"
    assert len(list(folder.glob("versie-*.pdf"))) == 8
    assert (folder / "key.csv").read_text(encoding="utf-8").count("\n") > 8 * 10
