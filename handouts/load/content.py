"""Load stage: find content files and turn each into a checked `Document`.

A Markdown file is YAML front matter plus a body; the front matter is checked
against the schema of the document's kind, the body is parsed into blocks.
Every problem is collected with its line, so the user sees all of them at once.
"""

from __future__ import annotations

from pathlib import Path

from handouts.errors import Collector, SourceRef, display_path, fail
from handouts.kinds import DEFAULT_KIND, MARKDOWN_KINDS
from handouts.load import model
from handouts.load.frontmatter import schema as front_matter_schema
from handouts.load.markdown import parse_body, split_front_matter, unmarked_footnotes
from handouts.load.textfile import read_text
from handouts.load.yamlfile import load_yaml
from handouts.project import Project


def discover(paths: list[Path], project: Project) -> list[Path]:
    """The Markdown content files named by `paths` (files or folders), sorted."""
    found: list[Path] = []
    for path in paths or [project.content_dir]:
        if path.is_dir():
            found.extend(
                p for p in path.rglob("*.md") if p.is_file() and not any(part.startswith((".", "_")) for part in p.relative_to(path).parts)
            )
        elif path.suffix.lower() == ".md":
            found.append(path)
    return sorted(set(p.resolve() for p in found))


def default_kind(path: Path) -> str:
    """Files under a kind's folder (`leaflets/`) are of that kind unless they say otherwise."""
    folders = {part.lower() for part in path.parts}
    return next((name for name, kind in MARKDOWN_KINDS.items() if kind.folder in folders), DEFAULT_KIND)


def load_document(path: Path, project: Project) -> model.Document:
    """Read, check and parse one Markdown content file."""
    shown = display_path(path, project.root)
    text = read_text(path, shown)
    if not text.strip():
        raise fail(SourceRef(shown, 1), "the file is empty; start with front matter (---, title: ..., ---) and some text")
    parsed: dict = {}
    front, body = split_front_matter(text, parsed)
    if front is None:
        raise fail(
            SourceRef(shown, 1),
            "the file has no front matter; start it with a line ---, then title: Your title, then ---",
        )
    raw = load_yaml(front.content, shown, line_offset=1)
    found = Collector()
    kind = str(raw.get("kind", default_kind(path))).lower() if isinstance(raw, dict) else default_kind(path)
    schema = front_matter_schema(kind if kind in MARKDOWN_KINDS else DEFAULT_KIND)
    meta = schema.validate(raw, SourceRef(shown, 1), found)
    meta["kind"] = kind if kind in MARKDOWN_KINDS else meta["kind"]
    meta["language"] = meta.get("language") or project.language
    if not any(tok.type != "footnote_block_open" for tok in body):
        found.error(SourceRef(shown, front.map[1] + 1 if front.map else 1), "the document has no text after the front matter")
    blocks, footnotes = parse_body(
        body,
        source=path,
        shown=shown,
        root=project.root,
        found=found,
        chapter=str(meta.get("chapter") or ""),
        numbered=bool(meta.get("numbered", True)),
    )
    unmarked_footnotes(parsed, text, shown, found)
    found.raise_if_errors()
    return model.Document(
        kind=meta["kind"],
        source=path,
        shown=shown,
        meta=meta,
        blocks=blocks,
        footnotes=footnotes,
        warnings=tuple(found.warnings),
    )
