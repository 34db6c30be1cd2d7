"""Files that content names (figures, logos, banks, rosters, themes, pictures inside an
SVG) come from the project: an absolute path, `../` past the project folder, or a link
that leads out of it is refused, so that a build never reads the rest of the machine.
One check, for every kind of file."""

from __future__ import annotations

from pathlib import Path

from handouts.errors import display_path
from handouts.project import find_root


def project_file(name: str | Path, named_in: Path, root: Path | None = None) -> Path | None:
    """The file `name`, written relative to the file `named_in`, with links and `..`
    resolved; None when it lies outside the project (`root`, or else the project that
    `named_in` belongs to)."""
    base = Path(root if root is not None else find_root(Path(named_in))).resolve()
    path = (Path(named_in).parent / name).resolve()
    return path if path.is_relative_to(base) else None


def outside_problem(what: str, name: str | Path, named_in: Path, root: Path | None = None,
                    subject: str | None = None) -> str:
    """The message for a file that `project_file` refused: what it is (`subject`, or else
    'the WHAT "NAME"') and what to do."""
    root = Path(root if root is not None else find_root(Path(named_in)))
    example = display_path(Path(named_in).parent / Path(name).name, root)
    subject = subject or f'the {what} "{name}"'
    return (f"{subject} lies outside the project folder; copy the file into the project, "
            f"e.g. {example}, and name it relative to {display_path(named_in, root)}")
