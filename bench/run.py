"""Benchmarks, one command: `python bench/run.py` (`--quick` for fewer rounds; name
scenarios to run only those, e.g. `python bench/run.py exam`).

Reports medians over several runs, and ratios: our chapter build against the bare
reportlab floor (target <= 1.5x; the two run in turns), the chapter x10 split into
fixed cost and cost per page, and `handouts --help` (target < 0.3 s). Exams and
leaflets keep theirs in exam_bench.py and leaflet_bench.py.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from handouts.build import build  # noqa: E402
from handouts.load.content import load_document  # noqa: E402
from handouts.products import Options  # noqa: E402
from handouts.project import load_project  # noqa: E402

import floor  # noqa: E402
from timing import median_time  # noqa: E402

CHAPTER = REPO / "content/handouts/03-de-rug.md"


def build_file(source: Path, out: Path) -> int:
    project = load_project(REPO)
    report = build([source], project, Options(), out_dir=out)
    assert not report.failed, [str(d) for d in report.diagnostics]
    return report.pages


def repeated_chapter(folder: Path, times: int) -> Path:
    text = CHAPTER.read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    # Footnote and figure ids must stay unique in the repeated body.
    parts = []
    for i in range(times):
        part = body.replace("[^", f"[^r{i}").replace("#fig-", f"#fig-r{i}-")
        parts.append(part)
    target = CHAPTER.parent / f".bench-x{times}.md"
    target.write_text(head + "\n---\n" + "\n\n".join(parts), encoding="utf-8")
    return target


def paired_medians(first, second, rounds: int) -> tuple[float, float]:
    """Median seconds of `first` and of `second`, run in turns after one warm-up each,
    so that both meet the same machine (one after the other, a busy spell on a shared
    machine could land on either and make the ratio say nothing)."""
    first(), second()
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(rounds):
        for call, kept in ((first, times[0]), (second, times[1])):
            started = time.perf_counter()
            call()
            kept.append(time.perf_counter() - started)
    return statistics.median(times[0]), statistics.median(times[1])


def chapter_scenarios(rounds: int) -> list[str]:
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        blocks = floor.prepare(load_document(CHAPTER, load_project(REPO)))
        ours, bare = paired_medians(lambda: build_file(CHAPTER, out), lambda: floor.lay_out(blocks), rounds)
        pages = build_file(CHAPTER, out)
        bare_pages = floor.lay_out(blocks).count(b"/Type /Page\n")
        lines.append(f"chapter: {ours * 1000:.0f} ms for {pages} pages; bare reportlab floor "
                     f"{bare * 1000:.0f} ms for {bare_pages} pages; ratio {ours / bare:.2f}x (target <= 1.5x)")
        big = repeated_chapter(out, 10)
        try:
            ten = median_time(lambda: build_file(big, out), max(3, rounds // 2))
            pages10 = build_file(big, out)
        finally:
            big.unlink()
        per_page = (ten - ours) / max(pages10 - pages, 1)
        fixed = ours - per_page * pages
        lines.append(f"chapter x10: {ten * 1000:.0f} ms for {pages10} pages; "
                     f"{per_page * 1000:.1f} ms per page, {fixed * 1000:.0f} ms fixed per document")
    return lines


def help_scenario(rounds: int) -> list[str]:
    command = [sys.executable, "-m", "handouts", "--help"]
    seconds = median_time(lambda: subprocess.run(command, capture_output=True, check=True, cwd=REPO), rounds)
    return [f"handouts --help: {seconds * 1000:.0f} ms (target < 300 ms)"]


import exam_bench  # noqa: E402
import leaflet_bench  # noqa: E402

SCENARIOS = {
    "chapter": chapter_scenarios,
    "help": help_scenario,
    "exam": exam_bench.scenarios,
    "leaflet": leaflet_bench.scenarios,
}


def main() -> None:
    parser = argparse.ArgumentParser(description="handouts benchmarks: medians and ratios")
    parser.add_argument("--quick", action="store_true", help="fewer rounds, for a quick look")
    parser.add_argument("only", nargs="*", choices=[[], *SCENARIOS], metavar="SCENARIO",
                        help=f"run only these: {', '.join(SCENARIOS)} (default: all)")
    args = parser.parse_args()
    rounds = 3 if args.quick else 7
    print(f"medians of {rounds} runs after one warm-up; {sys.version.split()[0]}, {os.cpu_count()} cores")
    for name in args.only or SCENARIOS:
        for line in SCENARIOS[name](rounds):
            print(line, flush=True)


if __name__ == "__main__":
    main()
