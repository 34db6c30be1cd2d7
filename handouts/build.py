"""The build: find the sources, make every document, write what succeeded.

Reads top to bottom: jobs → outcomes (in parallel processes when asked) → write.
Documents are independent: one that fails writes nothing and leaves its last good
PDFs untouched, the others are still written.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from handouts.content import discover as discover_markdown
from handouts.documents import make_document
from handouts.errors import Diagnostic, HandoutsError, SourceRef, display_path
from handouts.exam.make import discover_exams, make_exam
from handouts.pdf import write_all_atomic
from handouts.products import Job, Options, Outcome, Product
from handouts.project import Project

Discover = Callable[[list[Path], Project], list[Path]]
Make = Callable[[Path, Project, Options], tuple[list[Product], tuple[Diagnostic, ...]]]

# Source kind → how to find its files and how to make them. Exams add theirs here.
SOURCES: dict[str, tuple[Discover, Make]] = {
    "markdown": (discover_markdown, make_document),
    "exam": (discover_exams, make_exam),
}


@dataclass(frozen=True)
class Report:
    outcomes: tuple[Outcome, ...]
    written: tuple[Path, ...]
    seconds: float

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [d for o in self.outcomes for d in o.diagnostics]

    @property
    def failed(self) -> bool:
        return any(o.failed for o in self.outcomes)

    @property
    def pages(self) -> int:
        return sum(p.pages for o in self.outcomes if not o.failed for p in o.products)

    @property
    def documents(self) -> int:
        return sum(1 for o in self.outcomes if not o.failed for p in o.products if p.pages)


def find_jobs(paths: list[Path], project: Project, kinds: tuple[str, ...] | None = None) -> list[Job]:
    for path in paths:
        if not path.exists():
            raise HandoutsError(Diagnostic(SourceRef(str(path)), "no such file or folder"))
    jobs = []
    for kind, (discover, _) in SOURCES.items():
        if kinds is None or kind in kinds:
            jobs.extend(Job(kind, source) for source in discover(paths, project))
    if not jobs:
        where = ", ".join(display_path(p, project.root) for p in paths) or display_path(project.content_dir, project.root)
        raise HandoutsError(Diagnostic(SourceRef(where), "no content files found (Markdown .md, exam specs .yaml)"))
    return jobs


def make(job: Job, project: Project, options: Options) -> Outcome:
    """One source's products, or its diagnostics: never raises for bad content."""
    try:
        products, warnings = SOURCES[job.kind][1](job.source, project, options)
    except HandoutsError as exc:
        return Outcome(job, (), exc.diagnostics)
    if options.strict and any(w.severity == "warning" for w in warnings):
        # --strict turns warnings into errors; notes stay information.
        return Outcome(job, (), tuple(replace(w, severity="error") if w.severity == "warning"
                                      else w for w in warnings))
    return Outcome(job, tuple(products), tuple(warnings))


def _make_star(args: tuple[Job, Project, Options]) -> Outcome:
    return make(*args)


# Kinds that spread their own parts over processes (exam versions): they run in this
# process, with the workers, instead of inside one worker where they could not.
SPLITS_ITSELF = {"exam"}


def run(jobs: list[Job], project: Project, options: Options, workers: int = 1,
        progress: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    """Outcomes in the order of `jobs`; whole documents over `workers` processes."""
    options = replace(options, jobs=workers)
    outcomes: dict[int, Outcome] = {}

    def done(index: int, outcome: Outcome) -> None:
        outcomes[index] = outcome
        if progress:
            progress(outcome)

    pooled = [i for i, job in enumerate(jobs) if job.kind not in SPLITS_ITSELF]
    if workers > 1 and len(pooled) > 1:
        with ProcessPoolExecutor(max_workers=min(workers, len(pooled))) as pool:
            alone = replace(options, on_part=None)  # a display callback stays in this process
            tasks = [(jobs[i], project, alone) for i in pooled]
            for index, outcome in zip(pooled, pool.map(_make_star, tasks)):
                done(index, outcome)
    for index, job in enumerate(jobs):
        if index not in outcomes:
            done(index, make(job, project, options))
    return [outcomes[i] for i in range(len(jobs))]


def write(outcomes: list[Outcome], out_dir: Path) -> list[Path]:
    """Every product of the documents that succeeded, each file whole or not at all,
    flushed to disk together (one flush per file costs more than the rest of a small
    document's build)."""
    files = [(out_dir / p.target, p.data) for o in outcomes if not o.failed for p in o.products]
    try:
        return write_all_atomic(files)
    except OSError as exc:
        where = exc.filename or out_dir
        raise HandoutsError(Diagnostic(SourceRef(display_path(Path(where))),
                                       f"cannot write the output: {exc.strerror or exc}; check "
                                       "that the output folder exists, is writable and has room "
                                       "(--out chooses another)")) from None


def build(paths: list[Path], project: Project, options: Options, *, out_dir: Path | None = None,
          workers: int = 1, kinds: tuple[str, ...] | None = None,
          progress: Callable[[Outcome], None] | None = None, dry_run: bool = False) -> Report:
    """Build (or with `dry_run`, only check) every document under `paths`."""
    started = time.perf_counter()
    jobs = find_jobs(paths, project, kinds)
    if progress is not None and hasattr(progress, "start"):
        progress.start(len(jobs))
    outcomes = run(jobs, project, options, workers, progress)
    written = [] if dry_run else write(outcomes, out_dir or project.output_dir)
    return Report(tuple(outcomes), tuple(written), time.perf_counter() - started)


def default_workers() -> int:
    return max(1, min(4, os.cpu_count() or 1))
