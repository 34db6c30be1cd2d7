"""Benchmark scenarios for leaflets, run by bench/run.py (`python bench/run.py leaflet`).

The sample leaflet (content/leaflets/rugpijn.md, a tri-fold: print and screen PDF)
is built for 50 practices in one run, from a CSV made out of the two sample
practices with distinct ids and names (the logos are shared). The cost per practice
after the first is (50 practices - 1 practice) / 49, each a median over rounds;
target under 30 ms on a 2-core machine. The single leaflet (one practice) is timed
on its own too. The same runs are also timed in CPU time of this process, which a
busy machine (other builds, tests) disturbs much less than the wall clock; the
wall clock also counts writing the PDFs (fsync).
"""

from __future__ import annotations

import csv
import statistics
import tempfile
import time
from pathlib import Path

from handouts.build import build
from handouts.leaflet.practice import PRACTICE_SCHEMA
from handouts.load.yamlfile import load_yaml
from handouts.products import Options
from handouts.project import load_project

from timing import median_time

REPO = Path(__file__).resolve().parent.parent
LEAFLET = REPO / "content/leaflets/rugpijn.md"
PRACTICES = sorted((REPO / "content/practices").glob("*.yaml"))
TARGET_MS = 30.0


def practices_csv(folder: Path, count: int) -> Path:
    """A CSV of `count` practices cycled from the samples, each with its own id and name."""
    samples = [load_yaml(p.read_text(encoding="utf-8"), p.name) for p in PRACTICES]
    columns = [f.name for f in PRACTICE_SCHEMA.fields]
    target = folder / f"practices-{count}.csv"
    with target.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(columns)
        for i in range(count):
            sample = dict(samples[i % len(samples)])
            sample["id"] = f"{sample['id']}-{i + 1:02d}"
            sample["name"] = f"{sample['name']} {i + 1}"
            sample["logo"] = str(PRACTICES[i % len(PRACTICES)].parent / sample["logo"])
            writer.writerow([_cell(sample.get(c)) for c in columns])
    return target


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "|".join(str(v) for v in value)
    return str(value)


def _build(practice: Path, out: Path) -> tuple[int, int]:
    report = build([LEAFLET], load_project(REPO), Options(practice=practice), out_dir=out)
    assert not report.failed, [str(d) for d in report.diagnostics]
    return report.documents, report.pages


def _cpu_timed(call, seconds: list[float]):
    """`call`, noting the CPU seconds of each run in `seconds`."""
    def timed() -> object:
        started = time.process_time()
        result = call()
        seconds.append(time.process_time() - started)
        return result
    return timed


def scenarios(rounds: int) -> list[str]:
    cpu_one: list[float] = []
    cpu_many: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        one, fifty = practices_csv(folder, 1), practices_csv(folder, 50)
        out = folder / "build"
        single = median_time(_cpu_timed(lambda: _build(one, out), cpu_one), rounds)
        many = median_time(_cpu_timed(lambda: _build(fifty, out), cpu_many), rounds)
        documents, pages = _build(fifty, out)
    per_practice = (many - single) / 49
    # the first run of each is median_time's warm-up
    cpu = (statistics.median(cpu_many[1:]) - statistics.median(cpu_one[1:])) / 49
    verdict = "met" if per_practice * 1000 < TARGET_MS else "missed"
    return [
        f"leaflet, 1 practice: {single * 1000:.0f} ms (tri-fold print + screen PDF)",
        f"leaflet, 50 practices: {many * 1000:.0f} ms for {documents} PDFs, {pages} pages; "
        f"{per_practice * 1000:.1f} ms per practice after the first "
        f"(target < {TARGET_MS:.0f} ms: {verdict}); CPU time {cpu * 1000:.1f} ms per practice",
    ]
