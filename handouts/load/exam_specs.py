"""Finding exam specs among the content files, without loading any exam code: a
build of handouts alone looks for specs too, and should not pay for the exam wing."""

from __future__ import annotations

import re
from pathlib import Path

from handouts.project import Project

# A YAML file is an exam spec when a line starts with `sections:` (or `onderdelen:`).
_SPEC_KEY = re.compile(r"^(sections|onderdelen)\s*:", re.MULTILINE)


def discover_exams(paths: list[Path], project: Project) -> list[Path]:
    """The exam spec files among `paths` (files or folders; default: content/)."""
    found: list[Path] = []
    for path in paths or [project.content_dir]:
        if path.is_dir():
            found.extend(p for p in path.rglob("*.y*ml") if not any(
                part.startswith((".", "_")) for part in p.relative_to(path).parts))
        elif path.suffix.lower() in (".yaml", ".yml"):
            found.append(path)
    return sorted({p.resolve() for p in found if _is_spec(p)})


def _is_spec(path: Path) -> bool:
    try:
        return bool(_SPEC_KEY.search(path.read_text(encoding="utf-8", errors="replace")))
    except OSError:
        return False
