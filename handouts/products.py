"""What a build makes, before it is written: file contents in memory (or, for a
folder set's many files, in a temporary folder: `Options.store`), so a build that
fails anywhere in a document writes nothing of that document."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from handouts.errors import Diagnostic


@dataclass(frozen=True)
class Product:
    target: Path  # relative to the output folder
    data: bytes
    pages: int = 0  # 0 for files that are not PDFs (key.csv)
    spooled: bool = False  # written already as it was made (`Options.store`): `data` is left empty


@dataclass(frozen=True)
class Options:
    """Build options from the command line, handed to every document kind."""

    strict: bool = False
    practice: Path | None = None  # leaflets: one practice file, a folder of them, or a CSV
    large_print: bool = False  # leaflets: the large-print edition (body 16 pt or more)
    versions: int | None = None  # exams: override the spec's number of versions
    seed: int | None = None  # exams: override the spec's seed
    roster: Path | None = None  # exams: one personal version per student
    jobs: int = 1  # processes a document kind may use for its own parts (exam versions)
    print_shop: bool = False  # leaflets: 3 mm bleed, crop marks and trim box for a print shop
    notes: bool = False  # `handouts check`: also report notes (a leaflet's reading ease per section)
    # Exams: told (versions made, versions in all) after each version, for a progress bar.
    # Only in the main process: the build leaves it out of what goes to worker processes.
    on_part: Callable[[int, int], None] | None = field(default=None, compare=False, repr=False)
    # Exams: where each finished file goes as it is made. The build writes it into the
    # exam's temporary folder at once and keeps its name only, so that a thousand
    # versions' PDFs are not all held in memory; None keeps each in its `Product`.
    store: Callable[[Product], Product] | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Job:
    """One source file and the kind that makes it."""

    kind: str  # "markdown" or "exam"
    source: Path


@dataclass(frozen=True)
class Outcome:
    job: Job
    products: tuple[Product, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()

    @property
    def failed(self) -> bool:
        return any(d.severity == "error" for d in self.diagnostics)

    @property
    def partial(self) -> bool:
        """Failed in part: a leaflet whose bad practice file is an error while the
        other practices' leaflets were made. Those are written; its earlier files stay."""
        return self.failed and bool(self.products)
