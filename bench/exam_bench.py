"""Benchmark scenarios for exams, run by bench/run.py (`python bench/run.py exam`).

The sample exam (content/exams/rug-toets.yaml) built in 30, 100 and 300 versions with
everything the build writes (versions, keys, overview, key.csv, print file). Targets:
at most 40 ms per version with its key on a 2-core machine, that cost flat within 20%
from 30 to 300 versions, peak memory under 200 MB at 300 versions, and `--jobs 2`
faster than `--jobs 1`. For comparison: auto-multiple-choice prepares 30 versions of a
20-question exam in about 4.4 s; we aim at least 5x faster (<= 0.88 s).
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SPEC = REPO / "content/exams/rug-toets.yaml"
SIZES = (30, 100, 300)
TARGET_MS = 40.0  # per version with its key
FLAT = 0.20  # cost per version may vary this much from 30 to 300 versions
TARGET_MB = 200.0  # peak RSS at 300 versions
AMC_30 = 4.4  # seconds: auto-multiple-choice, 30 versions of a 20-question exam


def build_exam(versions: int, out: Path, jobs: int = 1) -> float:
    """Seconds to build the sample exam in `versions` versions into `out`."""
    from handouts.build import build
    from handouts.products import Options
    from handouts.project import load_project

    cpu = _cpu()
    started = time.perf_counter()
    report = build([SPEC], load_project(REPO), Options(versions=versions), out_dir=out,
                   workers=jobs, kinds=("exam",))
    seconds = time.perf_counter() - started
    CPU.setdefault((versions, jobs), []).append(_cpu() - cpu)
    assert not report.failed, [str(d) for d in report.diagnostics]
    return seconds


# Processor seconds of each build (this process and its finished workers), by
# (versions, jobs): on a busy machine they tell more than the clock does.
CPU: dict[tuple[int, int], list[float]] = {}


def _cpu() -> float:
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def peak_rss_mb(versions: int, out: Path) -> float:
    """Peak RSS (MB) of a fresh `handouts build --exam` process. A small go-between
    starts it and reads its children's peak: a child forked from this (large) process
    would count this one's memory until it execs."""
    command = [sys.executable, "-m", "handouts", "build", "--exam", str(SPEC),
               "--versions", str(versions), "--out", str(out)]
    measure = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
               "stdout=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    done = subprocess.run([sys.executable, "-c", measure, *command], cwd=REPO, capture_output=True,
                          text=True, check=True)
    return int(done.stdout.split()[-1]) / 1024  # Linux reports KiB


def question_count() -> int:
    from handouts.exam.sampler import sample
    from handouts.exam.spec import load_exam

    spec, bank = load_exam(SPEC, REPO, versions=1, seed=None, roster=None)
    return len(sample(spec, bank)[0].key.entries)


def scenarios(rounds: int) -> list[str]:
    """Medians of `rounds` builds at 30 versions, fewer (at least 3) at 100 and 300."""
    from handouts.build import default_workers

    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        build_exam(SIZES[0], out)  # warm up: imports, fonts, caches
        CPU.clear()
        # --jobs 1 and the command's default --jobs take turns, as below.
        ones, defaults = [], []
        for _ in range(rounds):
            ones.append(build_exam(SIZES[0], out))
            defaults.append(build_exam(SIZES[0], out, jobs=default_workers()))
        medians = {SIZES[0]: statistics.median(ones)}
        x30_default = statistics.median(defaults)
        # --jobs 1 and --jobs 2 take turns, so that noise from other work hits both alike.
        single, double = [], []
        for _ in range(max(3, rounds // 2)):
            single.append(build_exam(100, out, jobs=1))
            double.append(build_exam(100, out, jobs=2))
        medians[100] = statistics.median(single)
        medians[300] = statistics.median(build_exam(300, out) for _ in range(3))
        rss = peak_rss_mb(300, out / "rss")

    per_version = {n: seconds / n * 1000 for n, seconds in medians.items()}
    for n in SIZES:
        mark = "ok" if per_version[n] <= TARGET_MS else "MISSED"
        lines.append(f"exam x{n}: {medians[n]:.2f} s, {per_version[n]:.1f} ms per version with its key "
                     f"(target <= {TARGET_MS:.0f} ms: {mark})")
    spread = max(per_version.values()) / min(per_version.values()) - 1
    lines.append(f"exam cost per version 30 -> 300: {per_version[30]:.1f} -> {per_version[300]:.1f} ms, "
                 f"spread {spread:.0%} (target flat within {FLAT:.0%}: {'ok' if spread <= FLAT else 'MISSED'})")
    lines.append(f"exam x300 peak memory: {rss:.0f} MB RSS in a fresh process "
                 f"(target < {TARGET_MB:.0f} MB: {'ok' if rss < TARGET_MB else 'MISSED'})")
    one, two = medians[100], statistics.median(double)
    lines.append(f"exam x100 --jobs 2: {two:.2f} s ({two * 10:.1f} ms per version) against --jobs 1 {one:.2f} s, "
                 f"{one / two:.2f}x (target faster: {'ok' if two < one else 'MISSED'}; {os.cpu_count()} cores)")
    cpu = {key: statistics.median(times) for key, times in CPU.items()}
    lines.append("exam processor time per version with its key (clock times above include waiting for "
                 "other work): " + ", ".join(f"x{n} --jobs {jobs} {seconds / n * 1000:.1f} ms"
                                             for (n, jobs), seconds in sorted(cpu.items())))
    CPU.clear()
    for label, seconds in (("--jobs 1", medians[30]),
                           (f"default --jobs ({default_workers()} here)", x30_default)):
        ratio = AMC_30 / seconds
        lines.append(f"exam x30 {label} ({question_count()} questions) against auto-multiple-choice "
                     f"~{AMC_30} s for 30 versions of 20 questions: {seconds:.2f} s, {ratio:.1f}x faster "
                     f"(target >= 5x, <= {AMC_30 / 5:.2f} s: {'ok' if ratio >= 5 else 'MISSED'})")
    return lines
