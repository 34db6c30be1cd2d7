"""`handouts grade`: one straight recipe from the spec and the responses file to the
results, written next to the exam's files, all at once or not at all."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from handouts.errors import display_path
from handouts.exam.grading.draw import check_key_file, printed_papers
from handouts.exam.grading.reports import report_pdf
from handouts.exam.grading.responses import read_responses
from handouts.exam.grading.results import Graded, grade_responses
from handouts.exam.grading.rules import grading_rules
from handouts.exam.grading.slips import slips_pdf
from handouts.exam.grading.tables import items_csv, results_csv, results_xlsx
from handouts.exam.grading.words import grading_words
from handouts.exam.spec import load_exam
from handouts.layout.theme import load_theme
from handouts.pdf import write_all_atomic
from handouts.project import Project


@dataclass(frozen=True)
class GradeReport:
    graded: Graded
    folder: Path
    files: tuple[Path, ...]


def grade_exam(source: Path, responses: Path, project: Project, out_dir: Path | None = None, *,
               seed: int | None = None, roster: Path | None = None) -> GradeReport:
    """Grade the responses to the exam at `source`; writes results.csv, results.xlsx,
    items.csv, the teacher's report and the result slips into the exam's folder
    (`out_dir`, or build/exams/<spec name>/). An error writes nothing."""
    spec, bank = load_exam(source, project.root, seed=seed, roster=roster)
    rules = grading_rules(spec)
    papers = printed_papers(spec, bank)
    built = project.output_dir / "exams" / spec.id  # where the build put key.csv
    check_key_file(built, papers, display_path(built, project.root))
    folder = out_dir if out_dir is not None else built
    answers = read_responses(responses, display_path(responses, project.root))
    graded = grade_responses(answers, papers, rules, spec.ref)
    words = grading_words(spec.language)
    theme = load_theme(spec.theme or project.theme, project.root, project.hyphenation)
    refs = {q.id: str(q.ref) for q in bank.questions()}
    report, _ = report_pdf(graded, spec, theme, words, refs.__getitem__)
    slips, _ = slips_pdf(graded, spec, theme, words)
    files = [(folder / "results.csv", results_csv(graded, words).encode("utf-8")),
             (folder / "results.xlsx", results_xlsx(graded, words)),
             (folder / "items.csv", items_csv(graded).encode("utf-8")),
             (folder / f"{words['report_file']}.pdf", report),
             (folder / f"{words['slips_file']}.pdf", slips)]
    folder.mkdir(parents=True, exist_ok=True)
    return GradeReport(graded, folder, tuple(write_all_atomic(files)))
