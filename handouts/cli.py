"""The `handouts` command. Thin on purpose: it parses options, calls the library
and turns its errors into messages and exit codes. Imports are lazy so that
`handouts --help` answers at once."""

from __future__ import annotations

import atexit
import gc
import os
import signal
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from handouts import __version__
from handouts.limits import MAX_VERSIONS

EXIT_CODES = """\b
Exit codes:
  0    success (warnings may have been printed)
  1    content or build errors: each printed as path:line: error: ...
  2    usage errors: unknown option, a path that does not exist
  130  interrupted (Ctrl-C); nothing is left half-written
  143  stopped by SIGTERM, as cleanly as by Ctrl-C"""


def _fail_unexpected(exc: BaseException) -> NoReturn:
    if os.environ.get("HANDOUTS_DEBUG"):
        raise exc
    click.echo(f"handouts: internal error: {type(exc).__name__}: {exc}", err=True)
    click.echo("This is a bug in handouts, not in your content; rerun with HANDOUTS_DEBUG=1 "
               "and send us the output.", err=True)
    sys.exit(1)


def _project(paths: tuple[Path, ...]):
    from handouts.project import find_root, load_project

    return load_project(find_root(paths[0] if paths else Path.cwd()))


def _print_diagnostics(diagnostics) -> None:
    for diagnostic in diagnostics:
        colour = {"error": "red", "warning": "yellow"}.get(diagnostic.severity, "cyan")
        click.secho(str(diagnostic), err=True, fg=colour if sys.stderr.isatty() else None)


@click.group(epilog=EXIT_CODES, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(version=__version__, prog_name="handouts")
def main() -> None:
    """Turn content files (Markdown, YAML) into print-ready PDFs: course handouts,
    patient leaflets and randomized exams with answer keys."""


@main.command(epilog=EXIT_CODES)
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the PDFs (default: build/ in the project).")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Documents built in parallel.")
@click.option("--exam", is_flag=True, help="Build only exams (PATHS are exam specs).")
@click.option("--versions", type=click.IntRange(1, MAX_VERSIONS), help="Exams: number of versions.")
@click.option("--seed", type=int, help="Exams: random seed (same seed, same exams).")
@click.option("--roster", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Exams: CSV of students (student number, name), one version each.")
@click.option("--practice", type=click.Path(exists=True, path_type=Path),
              help="Leaflets: practice file, folder of practice files, or CSV.")
@click.option("--print-shop", is_flag=True,
              help="Leaflets: 3 mm bleed, crop marks and trim box, for a print shop.")
@click.option("--large-print", is_flag=True,
              help="Leaflets: the large-print edition (body 16 pt), files named NAME-large.pdf.")
def build(paths, out_dir, strict, jobs, exam, versions, seed, roster, practice, print_shop, large_print) -> None:
    """Build PDFs from PATHS (content files or folders; default: content/)."""
    _run(paths, out_dir=out_dir, strict=strict, jobs=jobs, exam=exam, versions=versions,
         seed=seed, roster=roster, practice=practice, dry_run=False, print_shop=print_shop,
         large_print=large_print)


@main.command(epilog=EXIT_CODES)
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--practice", type=click.Path(exists=True, path_type=Path),
              help="Leaflets: practice file(s) to check with.")
@click.option("--exam", is_flag=True, help="Check only exams (PATHS are exam specs).")
@click.option("--seed", type=int, help="Exams: random seed to check with.")
@click.option("--stress", type=click.IntRange(1, 100_000), metavar="N",
              help="Exams: draw N versions in memory and print how the answers spread; "
                   "exit 1 when an answer is predictable from the version.")
def check(paths, strict, practice, exam, seed, stress) -> None:
    """Check PATHS (default: content/) and print problems; writes nothing."""
    if stress:
        _stress(paths, stress, seed, strict)
    _run(paths, out_dir=None, strict=strict, jobs=1, exam=exam, versions=None, seed=seed,
         roster=None, practice=practice, dry_run=True)


@main.command(epilog=EXIT_CODES)
@click.argument("spec", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--responses", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The students' answers: a CSV (, or ;) or an Excel workbook (.xlsx).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the results (default: the exam's folder, build/exams/<spec name>/).")
@click.option("--seed", type=int, help="The seed the exam was built with, when not the spec's.")
@click.option("--roster", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The roster the exam was built with, when not the spec's.")
def grade(spec, responses, out_dir, seed, roster) -> None:
    """Grade the students' answers to the exam SPEC: results.csv/.xlsx, items.csv, the
    teacher's report and one result slip per student."""
    try:
        from handouts.errors import HandoutsError
        from handouts.exam.grading.make import grade_exam
    except Exception as exc:  # pragma: no cover - broken installation
        _fail_unexpected(exc)
    try:
        report = grade_exam(spec, responses, _project((spec,)), out_dir, seed=seed, roster=roster)
    except HandoutsError as exc:
        _print_diagnostics(exc.diagnostics)
        sys.exit(1)
    except Exception as exc:
        _fail_unexpected(exc)
    test = report.graded.test
    click.echo(f"graded {_count(test.students, 'student')}: {test.pass_rate:.0%} passed → "
               f"{os.path.relpath(report.folder)}/")


def _stress(paths, count: int, seed: int | None, strict: bool) -> None:
    try:
        from handouts.errors import HandoutsError
        from handouts.exam.stress import stress_check
    except Exception as exc:  # pragma: no cover - broken installation
        _fail_unexpected(exc)
    try:
        results = stress_check([Path(p) for p in paths], _project(paths), count, seed)
    except HandoutsError as exc:
        _print_diagnostics(exc.diagnostics)
        sys.exit(1)
    except Exception as exc:
        _fail_unexpected(exc)
    bad = ("error", "warning") if strict else ("error",)
    for lines, diagnostics in results:
        for line in lines:
            click.echo(line)
        _print_diagnostics(diagnostics)
    sys.exit(1 if any(d.severity in bad for _, found in results for d in found) else 0)


def _run(paths, *, out_dir, strict, jobs, exam, versions, seed, roster, practice, dry_run,
         print_shop=False, large_print=False) -> None:
    from handouts.layout.speed_tricks import tricks_on

    # Modules, fonts and templates loaded at start-up live as long as the process: the
    # cycle collector need not walk them while they load (some 70 times, finding
    # nothing), nor over and over while documents are made.
    freeze = tricks_on("gc-freeze-cli")
    paused = freeze and gc.isenabled()
    if paused:
        gc.disable()
    try:
        from dataclasses import replace

        from handouts.build import build as run_build
        from handouts.errors import HandoutsError
        from handouts.products import Options
    except Exception as exc:  # pragma: no cover - broken installation
        if paused:
            gc.enable()
        _fail_unexpected(exc)
    from handouts import stopping
    stopped = stopping.listen()  # Ctrl-C 130, SIGTERM 143; see stopping.py
    try:
        try:
            project = _project(paths)
            if freeze:
                gc.freeze()
                # Nor at exit, where its last walk of all that is left finds the same
                # nothing: what is made from here on is frozen too, before it.
                atexit.unregister(gc.freeze)
                atexit.register(gc.freeze)
        finally:
            if paused:
                gc.enable()
        options = Options(strict=strict, practice=practice, versions=versions, seed=seed,
                          roster=roster, notes=dry_run, print_shop=print_shop,
                          large_print=large_print)
        report = _with_progress(lambda progress: run_build(
            [Path(p) for p in paths], project,
            replace(options, on_part=progress.part) if progress else options, out_dir=out_dir,
            workers=jobs, kinds=("exam",) if exam else None, progress=progress, dry_run=dry_run))
    except HandoutsError as exc:
        _print_diagnostics(exc.diagnostics)
        sys.exit(1)
    except KeyboardInterrupt:
        _interrupted(stopped)
    except Exception as exc:
        if stopped:  # an interrupt that a C extension turned into its own error
            _interrupted(stopped)
        _fail_unexpected(exc)
    if stopped:  # asked to stop, and the stop's exception was dropped on the way
        _interrupted(stopped)
    _print_diagnostics(report.diagnostics)
    failed = sum(1 for o in report.outcomes if o.failed)
    if dry_run:
        verdict = (f"{failed} of {len(report.outcomes)} {'has' if failed == 1 else 'have'} errors"
                   if failed else "no errors")
        click.echo(f"checked {_count(len(report.outcomes), 'file')}: {verdict}")
    else:
        where = os.path.relpath(out_dir or project.output_dir)
        click.echo(f"built {_count(report.documents, 'PDF')}, {_count(report.pages, 'page')} in "
                   f"{report.seconds:.1f} s → {where}/"
                   + (f"; {_count(failed, 'file')} failed" if failed else ""))
    sys.exit(1 if report.failed else 0)


def _interrupted(stopped: list[int]) -> NoReturn:
    # The write stage removed its temporary files and replaced nothing, or all.
    click.echo("handouts: interrupted; no file was left half-written", err=True)
    sys.exit(128 + (stopped[0] if stopped else signal.SIGINT))


def _count(number: int, thing: str) -> str:
    return f"{number} {thing}" + ("" if number == 1 else "s")


class _ProgressBar:
    """A progress bar on the terminal: over the documents when there are several, or
    over the versions of a single exam (300 versions take a while)."""

    def __init__(self) -> None:
        self.bar: Any = None  # click's progress bar, once shown
        self.documents = 0

    def start(self, total: int) -> None:
        self.documents = total
        if total > 1:
            self.bar = self._open(total, "building")

    def __call__(self, outcome) -> None:
        if self.bar is not None and self.documents > 1:
            self.bar.update(1)

    def part(self, made: int, total: int) -> None:
        """An exam version made; shown when the exam is the only document."""
        if self.documents > 1 or total < 2:
            return
        if self.bar is None:
            self.bar = self._open(total, "versions")
        self.bar.update(made - self.bar.pos)

    @staticmethod
    def _open(length: int, label: str):
        bar = click.progressbar(length=length, label=label, file=sys.stderr)
        bar.__enter__()
        return bar

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def _with_progress(call):
    """Run `call(progress)`, with a progress bar when stderr is a terminal."""
    if not sys.stderr.isatty():
        return call(None)
    bar = _ProgressBar()
    try:
        return call(bar)
    finally:
        bar.close()


if __name__ == "__main__":  # pragma: no cover
    main()
