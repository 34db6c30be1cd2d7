"""A build writes each exam version's PDFs as they are made, into the exam's temporary
folder, instead of holding them all until the end: memory stays that of a few PDFs
however many versions there are. The set still appears as one, and only when whole."""

from __future__ import annotations

import gc
from pathlib import Path

from handouts.products import Product

REPO = Path(__file__).resolve().parent.parent
SPEC = REPO / "content/exams/rug-toets.yaml"


def _pdfs_held() -> int:
    """PDF files the process holds in memory right now, as made for writing."""
    return sum(1 for o in gc.get_objects() if isinstance(o, Product) and o.data.startswith(b"%PDF"))


def test_a_20_version_exam_holds_a_few_pdfs_at_once_and_writes_the_set_when_whole(tmp_path: Path):
    from handouts.build import build
    from handouts.products import Options
    from handouts.project import load_project

    out = tmp_path / "out"
    held: list[int] = []
    in_place: list[int] = []
    written: list[int] = []

    def after_version(made: int, total: int) -> None:
        held.append(_pdfs_held())
        pdfs = [p.relative_to(out) for p in out.rglob("*.pdf")]
        in_place.append(sum(1 for p in pdfs if not p.parts[1].startswith(".handouts-tmp-")))
        written.append(len(pdfs))

    report = build([SPEC], load_project(REPO), Options(versions=20, on_part=after_version), out_dir=out,
                   kinds=("exam",))
    assert not report.failed, [str(d) for d in report.diagnostics]
    assert len(held) == 20
    assert max(held) <= 3, held
    assert in_place == [0] * 20  # nothing where a reader looks before the set is whole
    # The teacher overview first, then each version's paper and key, as made.
    assert written == [1 + 2 * made for made in range(1, 21)]
    folder = out / "exams/rug-toets"
    assert len(list(folder.glob("versie-*.pdf"))) == 20 and len(list(folder.glob("sleutel-*.pdf"))) == 20
    assert [p.name for p in out.rglob(".handouts-tmp-*")] == []


def test_an_exam_that_fails_after_some_versions_were_written_leaves_the_old_set(tmp_path: Path, monkeypatch):
    import handouts.exam.make as exam_make
    from handouts.build import build
    from handouts.errors import SourceRef, fail
    from handouts.products import Options
    from handouts.project import load_project

    out = tmp_path / "out"
    project = load_project(REPO)
    assert not build([SPEC], project, Options(versions=2), out_dir=out, kinds=("exam",)).failed
    folder = out / "exams/rug-toets"
    old = {p.name: p.read_bytes() for p in folder.iterdir()}

    made = exam_make.make_version

    def third_fails(task, record=False):
        if task.paper_target.name == "versie-C.pdf":
            assert len(list(out.glob("exams/.handouts-tmp-*/versie-B.pdf"))) == 1  # A and B written
            raise fail(SourceRef("content/exams/rug-toets.yaml", 1), "version C cannot be made")
        return made(task, record)

    monkeypatch.setattr(exam_make, "make_version", third_fails)
    report = build([SPEC], project, Options(versions=4), out_dir=out, kinds=("exam",))
    assert report.failed and "version C cannot be made" in str(report.diagnostics[0])
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == old
    assert sorted(p.name for p in (out / "exams").iterdir()) == ["rug-toets"]
