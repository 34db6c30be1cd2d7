"""Diagnostics that point a user at the file and line to fix.

The library raises `HandoutsError`; only the CLI prints it. Every diagnostic
carries a `SourceRef` so that a message reads like a compiler's:
``content/hoofdstuk.md:12: error: ...``.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class SourceRef:
    """A place in a content file; `line` and `column` are 1-based, 0 when unknown."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.path
        return f"{self.path}:{self.line}:{self.column}" if self.column else f"{self.path}:{self.line}"

    def at(self, line_offset: int) -> SourceRef:
        """The place `line_offset` lines further down the same file."""
        return SourceRef(self.path, self.line + line_offset if self.line else 0, self.column)


@dataclass(frozen=True)
class Diagnostic:
    ref: SourceRef
    message: str
    severity: str = "error"  # "error", "warning" or "note" (information, never fails)

    def __str__(self) -> str:
        return f"{self.ref}: {self.severity}: {self.message}"


class HandoutsError(Exception):
    """One or more problems in the user's content, each with its source."""

    def __init__(self, diagnostics: Iterable[Diagnostic] | Diagnostic):
        if isinstance(diagnostics, Diagnostic):
            diagnostics = [diagnostics]
        self.diagnostics: tuple[Diagnostic, ...] = tuple(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))


def fail(ref: SourceRef, message: str) -> HandoutsError:
    """Build (not raise) an error with one diagnostic: `raise fail(ref, msg)`."""
    return HandoutsError(Diagnostic(ref, message))


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean "x"?)' when a close match exists, else ''."""
    close = difflib.get_close_matches(str(word), sorted(choices), n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""


def display_path(path: Path, root: Path | None = None) -> str:
    """A path as the user should see it: relative to the project when possible."""
    path = Path(path)
    for base in (root, Path.cwd()):
        if base is None:
            continue
        try:
            return path.resolve().relative_to(Path(base).resolve()).as_posix()
        except ValueError:
            continue
    return path.as_posix()


class Collector:
    """Gathers diagnostics so a user sees every problem at once, not one per run."""

    def __init__(self) -> None:
        self.items: list[Diagnostic] = []
        self._told: set[Diagnostic] = set()

    def error(self, ref: SourceRef, message: str) -> None:
        self._tell(Diagnostic(ref, message))

    def warning(self, ref: SourceRef, message: str) -> None:
        self._tell(Diagnostic(ref, message, "warning"))

    def _tell(self, diagnostic: Diagnostic) -> None:
        # The same words at the same line a second time (a sentence written twice) tell
        # the user nothing new; the checks themselves tell each problem once.
        if diagnostic not in self._told:
            self._told.add(diagnostic)
            self.items.append(diagnostic)

    def extend(self, error: HandoutsError) -> None:
        self.items.extend(error.diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "warning"]

    def raise_if_errors(self, strict: bool = False) -> None:
        bad = self.items if strict else self.errors
        if bad:
            raise HandoutsError(
                Diagnostic(d.ref, d.message, "error") if strict else d for d in bad
            )
