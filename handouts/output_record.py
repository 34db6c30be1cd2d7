"""The record of the files the builds wrote into an output folder (`.handouts-files`,
JSON): what lets a build remove a file that is no longer made (a version of an
earlier draw, the PDF of a renamed handout) and never a file of the user's own,
which the record does not hold."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from handouts.pdf import Staging

RECORD_NAME = ".handouts-files"
_FORMAT = 1


@dataclass
class OutputRecord:
    """Per source (a content file, relative to the project), the files made from it
    (relative to the output folder)."""

    out_dir: Path
    documents: dict[str, list[str]] = field(default_factory=dict)
    project: str = ""  # the project folder the sources are relative to

    @classmethod
    def load(cls, out_dir: Path) -> OutputRecord:
        """The folder's record; an empty one when there is none (or it is unreadable:
        then nothing is removed that a good record would have let go)."""
        try:
            data = json.loads((out_dir / RECORD_NAME).read_text(encoding="utf-8"))
            documents = {str(k): [str(f) for f in v] for k, v in data["documents"].items()}
            project = str(data.get("project", ""))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            documents, project = {}, ""
        return cls(out_dir, documents, project)

    def files(self, source: str) -> set[Path]:
        """The files recorded for `source`: only ever inside the output folder."""
        names = (PurePosixPath(name) for name in self.documents.get(source, ()))
        return {self.out_dir / name for name in names if not name.is_absolute() and ".." not in name.parts}

    def all_files(self) -> set[Path]:
        return {path for source in self.documents for path in self.files(source)}

    def set(self, source: str, files: list[Path]) -> None:
        self.documents[source] = sorted({path.relative_to(self.out_dir).as_posix() for path in files})

    def save(self) -> None:
        """Written whole (temporary file, flushed, renamed), sources in order."""
        text = json.dumps({"format": _FORMAT, "project": self.project,
                           "documents": dict(sorted(self.documents.items()))}, indent=1, ensure_ascii=False) + "\n"
        staging = Staging()
        try:
            staging.file(self.out_dir / RECORD_NAME, text.encode("utf-8"))
            staging.flush()
            staging.commit()
        finally:
            staging.discard()


def source_name(source: Path, root: Path) -> str:
    """How the record names a content file: relative to the project, as on any system."""
    try:
        return Path(os.path.relpath(source.resolve(), root.resolve())).as_posix()
    except ValueError:  # another drive
        return source.resolve().as_posix()
