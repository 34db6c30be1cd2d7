"""How long `handouts grade` takes for a big class: 300 students × 40 questions, with
both PDFs (the teacher's report and 300 result slips). Target: under 2 s.

    python bench/grading_bench.py          # median of 3 runs
"""

from __future__ import annotations

import csv
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from handouts.exam.grading.draw import printed_papers  # noqa: E402
from handouts.exam.grading.make import grade_exam  # noqa: E402
from handouts.exam.spec import load_exam  # noqa: E402
from handouts.project import load_project  # noqa: E402

STUDENTS, QUESTIONS = 300, 40


def write_project(root: Path) -> Path:
    """A project with a 40-question exam (single, multiple, truefalse, numeric, open)."""
    (root / "content").mkdir(parents=True)
    kinds = ["single"] * 24 + ["multiple"] * 6 + ["truefalse"] * 6 + ["numeric"] * 2 + ["open"] * 2
    lines = ["questions:"]
    for n, kind in enumerate(kinds, 1):
        lines += [f"  - id: q{n}", f"    type: {kind}", "    tags: [t]", "    difficulty: 2",
                  f"    stem: Vraag {n} over de rug, met een stam van enige lengte om te zetten.",
                  f"    feedback: Toelichting bij vraag {n}; zie het hoofdstuk over de wervelkolom."]
        if kind in ("single", "multiple"):
            lines.append("    options:")
            for o in range(4):
                right = o == 0 or (kind == "multiple" and o == 1)
                lines.append(f"      - {{text: Optie {o + 1} van vraag {n}, correct: {str(right).lower()}}}")
        elif kind == "truefalse":
            lines.append("    answer: juist")
        elif kind == "numeric":
            lines += ["    answer: 7.5", "    tolerance: 0.5"]
        else:
            lines += ["    points: 3", "    model_answer: Een modelantwoord van een paar woorden."]
    (root / "content" / "bank.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "content" / "exam.yaml").write_text(
        "title: Grote toets\nbanks: [bank.yaml]\nversions: 4\npass_mark: 25\n"
        f"sections:\n  - title: Alles\n    blueprint:\n      - tags: [t]\n        count: {QUESTIONS}\n",
        encoding="utf-8")
    return root / "content" / "exam.yaml"


def write_responses(spec_path: Path, root: Path) -> Path:
    spec, bank = load_exam(spec_path, root)
    papers = printed_papers(spec, bank)
    rng = random.Random(3)
    path = root / "antwoorden.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["student_number", "name", "version", *range(1, QUESTIONS + 1)])
        for s in range(STUDENTS):
            paper = papers[s % len(papers)]
            ability = rng.random()
            row = [str(1000000 + s), f"Student {s}", paper.version.code]
            for _, item in sorted(paper.items.items()):
                kind, key = item.question.type, item.entry.answer
                right = rng.random() < ability
                if kind in ("single", "truefalse"):
                    row.append(key if right else rng.choice(item.letters))
                elif kind == "multiple":
                    row.append(key if right else ";".join(rng.sample(item.letters, 2)))
                elif kind == "numeric":
                    row.append("7,5" if right else "9")
                else:
                    row.append(str(rng.randint(0, 3)))
            out.writerow(row)
    return path


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        spec = write_project(root)
        responses = write_responses(spec, root)
        project = load_project(root)
        times = []
        for _ in range(3):
            start = time.perf_counter()
            report = grade_exam(spec, responses, project, root / "out")
            times.append(time.perf_counter() - start)
        pages = sum(1 for _ in report.files)
        print(f"grade {STUDENTS} students x {QUESTIONS} questions: median {statistics.median(times):.2f} s "
              f"(runs {', '.join(f'{t:.2f}' for t in times)}; {pages} files; target < 2 s)")


if __name__ == "__main__":
    main()
