"""Benchmarks, one command: `python bench/run.py` (`--quick` for fewer rounds; name
scenarios to run only those, e.g. `python bench/run.py chapter exam`).

Speed as a user meets it: every scenario is a whole `handouts` process (start-up,
imports, work, exit), run in alternating pairs with a bare reportlab script doing the
same work (the floor: bench/floor.py, exam_floor.py, leaflet_floor.py). The table shows
medians with min-max over the pairs, the median of the pairs' ratios, and each child's
peak memory (ru_maxrss). The floors' text comes from our loader and sampler, saved to
JSON before anything is timed (bench/prepare.py), so a floor does only reportlab work.

The code measured is the one next to this folder (PYTHONPATH), whatever is installed.
What a user's installed handouts has, every child has too, and nothing more: its
bytecode (compiled in the warm-up runs into a folder of the run, even where
PYTHONDONTWRITEBYTECODE is set, as pip compiles an installed package's), and a plain
interpreter start (`bench_python`: no development install's import hooks, which cost
ours and the floors' processes 20-40 ms each). Hyphenation patterns, font facts and
compiled templates are cached in a folder of the run, warm after the warm-up runs, as
they are for a user after their first build.
"""

from __future__ import annotations

import argparse
import os
import shutil
import site
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "bench"
sys.path.insert(0, str(BENCH))  # not REPO: this process imports nothing of handouts

import prepare  # noqa: E402
from process import Pairs, paired, run, spread  # noqa: E402

PY = sys.executable  # replaced in main() by the plain interpreter of the run (`bench_python`)


def bench_python(folder: Path) -> str:
    """An interpreter that starts as a user's does: a virtual environment of the run
    that sees this one's packages through a plain .pth path entry. A development
    install (`pip install -e`) puts an import hook in site-packages that every process
    of this interpreter runs at start; a user's installed handouts has none."""
    env = folder / "python"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True)
    where = subprocess.run([str(env / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                           check=True, capture_output=True, text=True).stdout.strip()
    ours = [p for p in site.getsitepackages() + [site.getusersitepackages()] if Path(p).is_dir()]
    (Path(where) / "handouts-bench.pth").write_text("\n".join(ours) + "\n", encoding="utf-8")
    return str(env / "bin" / "python")


@dataclass(frozen=True)
class Row:
    name: str
    pairs: Pairs
    floor_name: str
    target: str = ""
    met: bool | None = None  # None: no target


@dataclass
class Bench:
    folder: Path
    rounds: int
    env: dict[str, str]
    papers30: Path | None = None

    def pair(self, ours: list[str], floor: list[str] | None, rounds: int | None = None,
             warm_up: bool = True) -> Pairs:
        return paired(ours, floor, rounds or self.rounds, self.env, str(REPO), warm_up)

    def out(self, name: str) -> str:
        return str(self.folder / name)


def _handouts(*args: str) -> list[str]:
    return [PY, "-m", "handouts", *args]


def _ratio(pairs: Pairs) -> float:
    return statistics.median(pairs.ratios)


def _blocks(source: Path, target: Path) -> Path:
    prepare.in_process("blocks", source, target)
    return target


def chapter(b: Bench) -> list[Row]:
    blocks = _blocks(prepare.CHAPTER, b.folder / "chapter.json")
    pairs = b.pair(_handouts("build", str(prepare.CHAPTER), "--out", b.out("chapter")),
                   [PY, str(BENCH / "floor.py"), str(blocks), b.out("chapter-floor.pdf")])
    return [Row("chapter (03-de-rug.md)", pairs, "floor.py", "<= 1.3x", _ratio(pairs) <= 1.3)]


def chapter_x10(b: Bench) -> list[Row]:
    big = prepare.repeated_chapter(10)
    try:
        blocks = _blocks(big, b.folder / "chapter-x10.json")
        pairs = b.pair(_handouts("build", str(big), "--out", b.out("chapter10")),
                       [PY, str(BENCH / "floor.py"), str(blocks), b.out("chapter10-floor.pdf")],
                       max(3, b.rounds // 2))
    finally:
        big.unlink()
    return [Row("chapter x10 (one document)", pairs, "floor.py")]


def help_(b: Bench) -> list[Row]:
    pairs = b.pair(_handouts("--help"), [PY, "-c", "pass"])
    ms = statistics.median(r.seconds for r in pairs.ours) * 1000
    return [Row("handouts --help", pairs, "python -c pass", "< 100 ms", ms < 100)]


def _papers(b: Bench, versions: int) -> Path:
    target = b.folder / f"papers-{versions}.json"
    prepare.in_process("papers", versions, target)
    return target


def _exam_pairs(b: Bench, versions: int, rounds: int | None = None, warm_up: bool = True) -> Pairs:
    papers = _papers(b, versions)
    if versions == 30:
        b.papers30 = papers
    return b.pair(_handouts("build", "--exam", str(prepare.EXAM), "--versions", str(versions),
                            "--out", b.out(f"exam{versions}")),
                  [PY, str(BENCH / "exam_floor.py"), str(papers), b.out(f"exam{versions}-floor")],
                  rounds, warm_up)


def exam(b: Bench) -> list[Row]:
    pairs = _exam_pairs(b, 30)
    rows = [Row("exam x30 with keys", pairs, "exam_floor.py", "<= 1.5x", _ratio(pairs) <= 1.5)]
    return rows + amc(b, pairs)


def exam_x300(b: Bench) -> list[Row]:
    pairs = _exam_pairs(b, 300, max(1, b.rounds // 3))
    return [Row("exam x300 with keys", pairs, "exam_floor.py")]


def exam_x1000(b: Bench) -> list[Row]:
    # No warm-up of 1,000 versions, but the caches and bytecode a user's first build leaves
    # (a cold font cache alone reads every font of the theme, and keeps them in memory).
    run(_handouts("build", "--exam", str(prepare.EXAM), "--versions", "2", "--out", b.out("exam-warm")),
        b.env, str(REPO))
    pairs = _exam_pairs(b, 1000, 1, warm_up=False)
    peak = statistics.median(r.peak_mb for r in pairs.ours)
    return [Row("exam x1000 with keys", pairs, "exam_floor.py", "peak < 150 MB", peak < 150)]


def leaflet(b: Bench) -> list[Row]:
    prepare.in_process("practices", b.folder, 50)
    practices = prepare.PRACTICES[0].parent / ".bench-practices-50.csv"
    try:
        blocks = _blocks(prepare.LEAFLET, b.folder / "leaflet.json")
        pairs = b.pair(_handouts("build", str(prepare.LEAFLET), "--practice", str(practices),
                                 "--out", b.out("leaflet")),
                       [PY, str(BENCH / "leaflet_floor.py"), str(blocks), str(b.folder / "practices-50.json"),
                        b.out("leaflet-floor")], max(3, b.rounds // 2))
    finally:
        practices.unlink()
    return [Row("leaflet x50 practices", pairs, "leaflet_floor.py")]


def amc(b: Bench, ours: Pairs) -> list[Row]:
    """auto-multiple-choice preparing the same 30 copies, when it is installed."""
    command = shutil.which("auto-multiple-choice")
    if command is None:
        print("\nauto-multiple-choice: not installed, no comparison "
              "(Debian: apt-get install auto-multiple-choice)", file=sys.stderr)
        return []
    import amc_source

    source = amc_source.write(b.papers30 or _papers(b, 30), b.folder / "amc")
    job = [command, "prepare", "--mode", "s", "--with", "pdflatex", "--n-copies", "30",
           "--prefix", str(source.parent), str(source)]
    theirs = paired(job, None, max(3, b.rounds // 2), b.env, str(source.parent))
    # Ours against AMC: the ratio of medians (they do not run in pairs).
    mine = statistics.median(r.seconds for r in ours.ours)
    pairs = Pairs(ours.ours[: len(theirs.ours)], theirs.ours)
    ratio = mine / statistics.median(r.seconds for r in theirs.ours)
    return [Row("exam x30 against auto-multiple-choice prepare", pairs, "AMC", "faster", ratio < 1)]


SCENARIOS: dict[str, Callable[[Bench], list[Row]]] = {
    "chapter": chapter,
    "chapter-x10": chapter_x10,
    "help": help_,
    "exam": exam,
    "exam-x300": exam_x300,
    "exam-x1000": exam_x1000,
    "leaflet": leaflet,
}


def table(rows: list[Row]) -> list[str]:
    head = ("scenario", "ours s", "floor s", "ratio", "peak MB ours / floor", "floor", "target")
    lines = [head]
    for row in rows:
        p = row.pairs
        verdict = "" if row.met is None else (" ok" if row.met else " MISSED")
        lines.append((row.name, spread([r.seconds for r in p.ours], digits=2),
                      spread([r.seconds for r in p.floor], digits=2),
                      spread(p.ratios, digits=2) + ("x" if p.ratios else ""),
                      f"{statistics.median(r.peak_mb for r in p.ours):.0f} / "
                      + (f"{statistics.median(r.peak_mb for r in p.floor):.0f}" if p.floor else "-"),
                      row.floor_name, row.target + verdict))
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    out = [" | ".join(cell.ljust(w) for cell, w in zip(line, widths)) for line in lines]
    out.insert(1, "-|-".join("-" * w for w in widths))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description="handouts benchmarks: whole processes against a "
                                                 "bare reportlab floor, medians and ratios")
    parser.add_argument("--quick", action="store_true", help="fewer rounds, for a quick look")
    parser.add_argument("only", nargs="*", choices=[[], *SCENARIOS], metavar="SCENARIO",
                        help=f"run only these: {', '.join(SCENARIOS)} (default: all)")
    args = parser.parse_args()
    rounds = 3 if args.quick else 7
    print(f"whole processes, ours and the floor in {rounds} alternating pairs after one warm-up each "
          f"(fewer for the big ones); median (min-max); {sys.version.split()[0]}, {os.cpu_count()} cores")
    rows: list[Row] = []
    global PY
    with tempfile.TemporaryDirectory(prefix="handouts-bench-") as tmp:
        env = dict(os.environ, PYTHONPATH=str(REPO), XDG_CACHE_HOME=str(Path(tmp) / "cache"),
                   PYTHONPYCACHEPREFIX=str(Path(tmp) / "bytecode"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        PY = bench_python(Path(tmp))
        bench = Bench(Path(tmp), rounds, env)
        for name in args.only or SCENARIOS:
            print(f"{name} ", end="", file=sys.stderr, flush=True)
            rows += SCENARIOS[name](bench)
            print(file=sys.stderr)
    print("\n".join(table(rows)))


if __name__ == "__main__":
    main()
