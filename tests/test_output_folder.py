"""The output folder holds exactly what the content makes now: an exam's folder is
replaced as one, files earlier builds made and that are no longer made are removed
(only those: the record `.handouts-files` lists them), and what a killed build left
behind is cleaned up or rolled back by the next one."""

from __future__ import annotations

import csv
import io
import os
import shutil
import signal
from pathlib import Path

import pytest

from handouts.pdf import OLD_PREFIX, TEMP_PREFIX, Staging, recover, uninterrupted, write_all_atomic

REPO = Path(__file__).resolve().parent.parent
EXAM = "build/exams/rug-toets"
DOC = "---\ntitle: Les\n---\n\nTekst.\n"


@pytest.fixture
def exam(project):
    shutil.copytree(REPO / "content/exams", project.root / "content/exams")
    return project


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def draw(versions: str) -> list[str]:
    return sorted([f"versie-{v}.pdf" for v in versions] + [f"sleutel-{v}.pdf" for v in versions]
                  + ["alle-versies.pdf", "docentoverzicht.pdf", "key.csv"])


def test_fewer_versions_leave_only_the_new_draw_and_the_users_own_file(exam):
    assert exam.run("build", "--exam", "--versions", "4").exit_code == 0
    assert names(exam.root / EXAM) == draw("ABCD")
    exam.write(f"{EXAM}/aantekeningen.txt", "mijn eigen notities")
    result = exam.run("build", "--exam", "--versions", "2")
    assert result.exit_code == 0, result.stderr
    assert names(exam.root / EXAM) == sorted([*draw("AB"), "aantekeningen.txt"])
    assert (exam.root / EXAM / "aantekeningen.txt").read_text() == "mijn eigen notities"
    rows = csv.DictReader(io.StringIO((exam.root / EXAM / "key.csv").read_text(encoding="utf-8")))
    assert {row["version"] for row in rows} == {"A", "B"}
    assert not [p for p in (exam.root / "build").rglob(".handouts-*") if p.name != ".handouts-files"]


def test_a_roster_build_leaves_no_plain_versions(exam):
    assert exam.run("build", "--exam", "--versions", "2").exit_code == 0
    assert exam.run("build", "--exam", "--roster", "content/exams/klas-4b.csv").exit_code == 0
    left = names(exam.root / EXAM)
    assert "versie-A.pdf" not in left and "versie-B.pdf" not in left
    assert any(name.startswith("versie-A-") for name in left)


def test_a_renamed_handout_takes_its_pdf_along_and_a_users_file_stays(project):
    project.write("content/les-1.md", DOC)
    project.write("content/les-2.md", DOC)
    assert project.run("build").exit_code == 0
    project.write("build/rooster.pdf", b"%PDF- my own timetable")
    (project.root / "content/les-1.md").rename(project.root / "content/les-een.md")
    assert project.run("build", "content/les-2.md").exit_code == 0  # a build of another file
    assert names(project.root / "build") == [".handouts-files", "les-2.pdf", "rooster.pdf"]  # les-1.md is gone
    assert project.run("build").exit_code == 0
    assert names(project.root / "build") == [".handouts-files", "les-2.pdf", "les-een.pdf", "rooster.pdf"]


def test_a_leaflet_for_practices_leaves_no_plain_leaflet(project):
    for folder in ("leaflets", "practices"):
        shutil.copytree(REPO / "content" / folder, project.root / "content" / folder)
    assert project.run("build", "content/leaflets").exit_code == 0
    assert "rugpijn.pdf" in names(project.root / "build/leaflets")
    result = project.run("build", "content/leaflets", "--practice", "content/practices/wilgenhof.yaml")
    assert result.exit_code == 0, result.stderr
    assert names(project.root / "build/leaflets") == ["rugpijn-wilgenhof-screen.pdf", "rugpijn-wilgenhof.pdf"]


def test_a_failed_document_keeps_its_files_and_its_record(project):
    project.write("content/les.md", DOC)
    assert project.run("build").exit_code == 0
    project.write("content/les.md", "---\ntitle: Les\nchaptre: 1\n---\n\nTekst.\n")
    assert project.run("build").exit_code == 1
    project.write("content/les.md", DOC.replace("Les", "Les 1"))
    assert project.run("build").exit_code == 0
    assert names(project.root / "build") == [".handouts-files", "les.pdf"]


def test_leftovers_of_a_killed_build_are_removed(exam):
    assert exam.run("build", "--exam", "--versions", "2").exit_code == 0
    exams = exam.root / "build/exams"
    exam.write(f"build/exams/{TEMP_PREFIX}rug-toets.k2j4x9q1/versie-A.pdf", b"half")
    exam.write(f"{EXAM}/{TEMP_PREFIX}versie-A.pdf.abc.tmp", b"half")
    exam.write(f"{EXAM}/.versie-B.pdf.k2j4_x9q.tmp", b"half")  # as earlier versions named them
    assert exam.run("build", "--exam", "--versions", "2").exit_code == 0
    assert names(exams) == ["rug-toets"]
    assert names(exams / "rug-toets") == draw("AB")


def test_a_kill_between_the_two_renames_of_a_folder_is_rolled_back(exam):
    """The old folder moved aside, the new one not yet in its place: the next build
    puts the old set back, whole, even when it writes nothing itself."""
    assert exam.run("build", "--exam", "--versions", "3").exit_code == 0
    exams = exam.root / "build/exams"
    old = {p.name: p.read_bytes() for p in (exams / "rug-toets").iterdir()}
    (exams / "rug-toets").rename(exams / f"{OLD_PREFIX}rug-toets")
    exam.write(f"build/exams/{TEMP_PREFIX}rug-toets.k2j4x9q1/versie-A.pdf", b"new, complete or not")
    (exam.root / "content/exams/rug-toets.yaml").write_text("title: kapot\nsections: 5\n", encoding="utf-8")
    assert exam.run("build", "--exam", "content/exams/rug-toets.yaml").exit_code == 1
    assert names(exams) == ["rug-toets"]
    assert {p.name: p.read_bytes() for p in (exams / "rug-toets").iterdir()} == old


def test_recover_removes_an_old_folder_once_the_new_one_is_in_place(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "new.pdf").write_bytes(b"new")
    (tmp_path / f"{OLD_PREFIX}x").mkdir()
    (tmp_path / f"{OLD_PREFIX}x" / "old.pdf").write_bytes(b"old")
    recover(tmp_path)
    assert names(tmp_path) == ["x"] and names(tmp_path / "x") == ["new.pdf"]


def test_an_interrupt_while_writing_leaves_the_old_files(tmp_path):
    old = tmp_path / "versie-A.pdf"
    old.write_bytes(b"old")

    def files():
        yield old, b"new"
        yield tmp_path / "versie-B.pdf", b"new"
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_all_atomic(files())
    assert names(tmp_path) == ["versie-A.pdf"] and old.read_bytes() == b"old"


def test_ctrl_c_during_the_renames_waits_until_all_are_in_place(tmp_path):
    staging = Staging()
    targets = [tmp_path / f"versie-{n}.pdf" for n in range(5)]
    for target in targets:
        staging.file(target, b"new")
    staging.folder(tmp_path / "exam", [(tmp_path / "exam" / "key.csv", b"new")])
    with pytest.raises(KeyboardInterrupt):
        with uninterrupted():
            os.kill(os.getpid(), signal.SIGINT)
            staging.commit()
            assert all(t.read_bytes() == b"new" for t in targets)  # not stopped halfway
    staging.discard()
    assert names(tmp_path) == ["exam", *sorted(t.name for t in targets)]
    assert names(tmp_path / "exam") == ["key.csv"]


def test_only_files_inside_the_output_folder_are_ever_removed(project):
    """A record edited by hand (or broken) cannot make a build delete anything else."""
    project.write("content/les.md", DOC)
    project.write("buiten.txt", "van mij")
    project.write("build/.handouts-files", '{"format": 1, "documents": {"content/weg.md": '
                                           '["../buiten.txt", "/etc/hostname", "weg.pdf"]}}')
    project.write("build/weg.pdf", b"%PDF- of a file that is gone")
    assert project.run("build").exit_code == 0
    assert (project.root / "buiten.txt").read_text() == "van mij"
    assert names(project.root / "build") == [".handouts-files", "les.pdf"]
