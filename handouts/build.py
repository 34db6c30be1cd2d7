"""The build: find the sources, make every document, write what succeeded.

Reads top to bottom: jobs → outcomes (in parallel processes when asked) → write.
Documents are independent: one that fails writes nothing and leaves its last good
PDFs untouched, the others are still written.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from handouts.errors import Diagnostic, HandoutsError, SourceRef, display_path
from handouts.kinds import SOURCES, named
from handouts.output_record import OutputRecord, source_name
from handouts.pdf import OLD_PREFIX, TEMP_PREFIX, Spool, Spools, Staging, recover, uninterrupted
from handouts.products import Job, Options, Outcome
from handouts.project import Project
from handouts.workers import worker_pool


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
    jobs: list[Job] = []
    for kind, source_kind in SOURCES.items():
        if kinds is None or kind in kinds:
            jobs.extend(Job(kind, source) for source in named(source_kind.discover)(paths, project))
    if not jobs:
        where = ", ".join(display_path(p, project.root) for p in paths) or display_path(project.content_dir, project.root)
        raise HandoutsError(Diagnostic(SourceRef(where), "no content files found (Markdown .md, exam specs .yaml)"))
    return jobs


def make(job: Job, project: Project, options: Options, spools: Spools | None = None) -> Outcome:
    """One source's products, or its diagnostics: never raises for bad content. With
    `spools`, a kind whose files fill a folder writes them as they are made."""
    spool = spools.new(job) if spools is not None and SOURCES[job.kind].whole_folder else None
    try:
        products, warnings = named(SOURCES[job.kind].make)(
            job.source, project, replace(options, store=spool.put) if spool else options)
    except HandoutsError as exc:
        if spool:
            spool.discard()
        return Outcome(job, (), exc.diagnostics)
    if options.strict and any(w.severity == "warning" for w in warnings):
        if spool:
            spool.discard()
        # --strict turns warnings into errors; notes stay information.
        return Outcome(job, (), tuple(replace(w, severity="error") if w.severity == "warning"
                                      else w for w in warnings))
    return Outcome(job, tuple(products), tuple(warnings))


def _make_star(args: tuple[Job, Project, Options]) -> Outcome:
    return make(*args)


def run(jobs: list[Job], project: Project, options: Options, workers: int = 1,
        progress: Callable[[Outcome], None] | None = None, spools: Spools | None = None) -> list[Outcome]:
    """Outcomes in the order of `jobs`; whole documents over `workers` processes. A kind
    made in this process whose files fill a folder writes them into `spools` as it goes."""
    options = replace(options, jobs=workers)
    outcomes: dict[int, Outcome] = {}

    def done(index: int, outcome: Outcome) -> None:
        outcomes[index] = outcome
        if progress:
            progress(outcome)

    # Kinds that spread their own parts over processes (exam versions) run in this
    # process, with the workers, instead of inside one worker where they could not.
    pooled = [i for i, job in enumerate(jobs) if not SOURCES[job.kind].splits_itself]
    if workers > 1 and len(pooled) > 1:
        with worker_pool(min(workers, len(pooled))) as pool:
            alone = replace(options, on_part=None)  # a display callback stays in this process
            tasks = [(jobs[i], project, alone) for i in pooled]
            for index, outcome in zip(pooled, pool.imap(_make_star, tasks)):
                done(index, outcome)
    for index, job in enumerate(jobs):
        if index not in outcomes:
            done(index, make(job, project, options, spools))
    return [outcomes[i] for i in range(len(jobs))]


def write(outcomes: list[Outcome], out_dir: Path, root: Path | None = None,
          spools: Spools | None = None) -> list[Path]:
    """Every product of the documents that succeeded, each file whole or not at all
    and an exam's folder as one, flushed to disk together (one flush per file costs
    more than the rest of a small document's build). Files an earlier build made
    from these documents (or from content files that are gone) and that are no
    longer made are removed: only those the record lists (`output_record.py`)."""
    try:
        return _write(outcomes, out_dir, root or Path.cwd(), spools)
    except OSError as exc:
        where = exc.filename or out_dir
        raise HandoutsError(Diagnostic(SourceRef(display_path(Path(where))),
                                       f"cannot write the output: {exc.strerror or exc}; check "
                                       "that the output folder exists, is writable and has room "
                                       "(--out chooses another)")) from None


def _write(outcomes: list[Outcome], out_dir: Path, root: Path, spools: Spools | None) -> list[Path]:
    record = OutputRecord.load(out_dir)
    made = {source_name(o.job.source, root): o for o in outcomes if not o.failed or o.partial}
    project = root.resolve().as_posix()
    # Files of content files that are gone go too; not when the record is another
    # project's (one output folder for two projects): its sources are not ours to judge.
    gone = [s for s in record.documents if s not in made and not (root / s).exists()
            and record.project in ("", project)]
    new = {out_dir / p.target for o in made.values() for p in o.products}
    spooled = spools.temporary() if spools else set()
    for folder in {out_dir} | {d for f in record.all_files() | new for d in f.parents if out_dir in d.parents}:
        recover(folder, spooled)  # what a build killed while writing left behind (not this build's)
    staging = Staging()
    try:
        for source, outcome in made.items():
            _stage(staging, outcome, out_dir, record.files(source), spools.of(outcome.job) if spools else None)
        staging.flush()
        stale = {f for s in [*made, *gone] if not (s in made and made[s].partial)
                 for f in record.files(s)} - new
        after = OutputRecord(out_dir, dict(record.documents), project)
        for source, outcome in made.items():
            kept = record.files(source) if outcome.partial else []
            after.set(source, sorted({*kept, *(out_dir / p.target for p in outcome.products)}))
        for source in gone:
            del after.documents[source]
        with uninterrupted():
            # The record first holds the old files and the new: whichever a kill leaves
            # in place, the next build knows them for its own.
            OutputRecord(out_dir, {**record.documents, **{
                s: sorted({*record.documents.get(s, ()), *after.documents[s]}) for s in made}}, project).save()
            staging.commit()
            _remove_stale(stale, out_dir)
            after.save()
    finally:
        staging.discard()
    return staging.targets


def _stage(staging: Staging, outcome: Outcome, out_dir: Path, recorded: set[Path], spool: Spool | None) -> None:
    files = [(out_dir / p.target, p.data) for p in outcome.products if not p.spooled]
    # A kind whose files fill a folder of their own (an exam's) has the folder replaced as
    # one, so that its versions, keys and key.csv are never of two different draws.
    if not SOURCES[outcome.job.kind].whole_folder or not outcome.products:
        for target, data in files:
            staging.file(target, data)
        return
    targets = [out_dir / p.target for p in outcome.products]
    folder = targets[0].parent
    ours = recorded | set(targets)
    # What the folder holds that no build of this document made is the user's: it stays.
    keep = [entry for entry in (folder.iterdir() if folder.is_dir() else ())
            if entry not in ours and not entry.name.startswith((TEMP_PREFIX, OLD_PREFIX))]
    staging.folder(folder, files, keep, spool)


def _remove_stale(stale: set[Path], out_dir: Path) -> None:
    """Remove files the record lists that are no longer made, and the folders they
    leave empty (up to the output folder)."""
    for path in sorted(stale):
        if path.is_file() or path.is_symlink():
            path.unlink()
        folder = path.parent
        while folder != out_dir and out_dir in folder.parents:
            try:
                folder.rmdir()  # only when empty
            except OSError:
                break
            folder = folder.parent


def build(paths: list[Path], project: Project, options: Options, *, out_dir: Path | None = None,
          workers: int = 1, kinds: tuple[str, ...] | None = None,
          progress: Callable[[Outcome], None] | None = None, dry_run: bool = False) -> Report:
    """Build (or with `dry_run`, only check) every document under `paths`."""
    started = time.perf_counter()
    jobs = find_jobs(paths, project, kinds)
    if progress is not None and hasattr(progress, "start"):
        progress.start(len(jobs))
    out = out_dir or project.output_dir
    # An exam's files are written as they are made, into a temporary folder that takes
    # its folder's place with the rest, or is removed whatever stops the build.
    with Spools(out) as spools:
        outcomes = run(jobs, project, options, workers, progress, None if dry_run else spools)
        written = [] if dry_run else write(outcomes, out, project.root, spools)
    return Report(tuple(outcomes), tuple(written), time.perf_counter() - started)


def default_workers() -> int:
    return max(1, min(4, os.cpu_count() or 1))
