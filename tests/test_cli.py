"""The command line: exit codes, messages without tracebacks, nothing lost on failure."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO

DOC = "---\ntitle: Les 1\nchapter: 1\n---\n\n# Begin\n\nTekst.\n"


def test_build_writes_pdf_and_prints_a_summary(project):
    project.write("content/les.md", DOC)
    result = project.run("build")
    assert result.exit_code == 0, result.output
    assert (project.root / "build/les.pdf").read_bytes().startswith(b"%PDF")
    assert "built 1 PDF, 1 page in" in result.output


def test_out_folder_and_explicit_path(project):
    path = project.write("content/sub/les.md", DOC)
    result = project.run("build", str(path), "--out", "pdfs")
    assert result.exit_code == 0, result.output
    assert (project.root / "pdfs/sub/les.pdf").is_file()


def test_check_writes_nothing(project):
    project.write("content/les.md", DOC)
    result = project.run("check")
    assert result.exit_code == 0
    assert "no errors" in result.output
    assert not (project.root / "build").exists()


def test_content_error_exit_1_no_traceback_last_good_pdf_kept(project):
    project.write("content/les.md", DOC)
    assert project.run("build").exit_code == 0
    good = (project.root / "build/les.pdf").read_bytes()
    project.write("content/les.md", "---\ntitle: Les 1\nchaptre: 1\n---\n\nTekst.\n")
    result = project.run("build")
    assert result.exit_code == 1
    assert "content/les.md:3: error: unknown key" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert (project.root / "build/les.pdf").read_bytes() == good
    # no temporary files left; the record of the files the builds wrote
    assert sorted(p.name for p in (project.root / "build").iterdir()) == [".handouts-files", "les.pdf"]


def test_one_bad_document_does_not_stop_the_others(project):
    project.write("content/a.md", DOC)
    project.write("content/b.md", "---\ntitle: B\n---\n\n::: tipp\nx\n:::\n")
    result = project.run("build")
    assert result.exit_code == 1
    assert (project.root / "build/a.pdf").is_file() and not (project.root / "build/b.pdf").exists()


def test_strict_turns_warnings_into_errors(project):
    project.write("content/fig.svg", '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')
    project.write("content/les.md", "---\ntitle: x\n---\n\n![](fig.svg \"Bijschrift\")\n")
    assert project.run("check").exit_code == 0
    result = project.run("check", "--strict")
    assert result.exit_code == 1 and "alt text" in result.stderr


def test_usage_errors_exit_2(project):
    assert project.run("build", "--no-such-option").exit_code == 2
    assert project.run("frobnicate").exit_code == 2


def test_a_path_that_does_not_exist_is_a_usage_error(project):
    result = project.run("build", "content/nope.md")
    assert result.exit_code == 2 and "'content/nope.md' does not exist" in result.stderr
    assert project.run("check", "nope").exit_code == 2
    assert project.run("build", "--exam", "--roster", "klas.csv").exit_code == 2


def test_no_content_is_an_error(project):
    result = project.run("build")
    assert result.exit_code == 1 and "no content files" in result.stderr


def test_help_documents_exit_codes():
    result = subprocess.run([sys.executable, "-m", "handouts", "build", "--help"], capture_output=True, text=True,
                            cwd=REPO)
    assert result.returncode == 0
    assert "Exit codes" in result.stdout and "2    usage errors" in result.stdout
    assert "130  interrupted" in result.stdout


def test_version_works_from_a_source_checkout_too():
    result = subprocess.run([sys.executable, "-m", "handouts", "--version"], capture_output=True, text=True,
                            cwd=REPO)
    assert result.returncode == 0 and result.stdout.startswith("handouts, version "), result.stderr


def test_same_content_gives_identical_bytes(project, tmp_path):
    project.write("content/les.md", DOC + "\nMeer[^1].\n\n[^1]: Noot.\n")
    project.run("build", "--out", "one")
    project.run("build", "--out", str(tmp_path / "elsewhere"))
    assert (project.root / "one/les.pdf").read_bytes() == (tmp_path / "elsewhere/les.pdf").read_bytes()


def test_pdfs_get_the_usual_file_mode_not_a_private_one(project):
    import os
    import stat

    project.write("content/les.md", DOC)
    assert project.run("build").exit_code == 0
    mask = os.umask(0)
    os.umask(mask)
    mode = stat.S_IMODE((project.root / "build/les.pdf").stat().st_mode)
    assert mode == 0o666 & ~mask


def test_an_output_folder_that_cannot_be_made_is_a_clear_error(project):
    project.write("content/les.md", DOC)
    project.write("pdfs", "a file where the output folder should be\n")
    result = project.run("build", "--out", "pdfs/sub")
    assert result.exit_code == 1
    assert "error: cannot write the output" in result.output and "--out" in result.output
    assert "Traceback" not in result.output


def test_exam_versions_are_told_as_they_are_made_also_beside_other_documents():
    """The progress display hears of every version; its callback never has to cross to
    a worker process (the handouts beside the exam are made in workers)."""
    import tempfile
    from pathlib import Path

    from handouts.build import build
    from handouts.products import Options
    from handouts.project import load_project

    told = []
    with tempfile.TemporaryDirectory() as out:
        report = build([REPO / "content/exams", REPO / "content/handouts"], load_project(REPO),
                       Options(versions=3, on_part=lambda made, total: told.append((made, total))),
                       out_dir=Path(out), workers=2)
    assert not report.failed
    assert told == [(1, 3), (2, 3), (3, 3)]
