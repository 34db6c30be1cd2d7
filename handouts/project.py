"""A user's project: a folder with `content/`, optional `templates/`, `fonts/` and
`handouts.yaml`. Every setting has a default, so a bare `content/` is a project."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from handouts.errors import Collector, SourceRef
from handouts.language import LANGUAGES
from handouts.load.schema import Field, Schema
from handouts.load.textfile import read_text
from handouts.load.yamlfile import load_yaml

SETTINGS_FILE = "handouts.yaml"

SETTINGS = Schema(
    "project settings",
    (
        Field("language", "language of documents that do not say their own", default="nl", choices=LANGUAGES),
        Field("theme", "theme name (templates/themes/NAME.yaml) or path to a theme file", default="default"),
        Field("output", "folder the PDFs are written to, relative to the project", default="build"),
        Field("content", "folder with the content files, relative to the project", default="content"),
        Field("print", "leaflets: office (A4 as it is) or shop (bleed and crop marks)",
              default="office", choices=("office", "shop")),
    ),
)


@dataclass(frozen=True)
class Project:
    root: Path
    language: str = "nl"
    theme: str = "default"
    output: str = "build"
    content: str = "content"
    print: str = "office"  # "shop": leaflets get bleed, crop marks and a trim box

    @property
    def content_dir(self) -> Path:
        return self.root / self.content

    @property
    def output_dir(self) -> Path:
        return self.root / self.output


def find_root(start: Path) -> Path:
    """The project folder for a path: the nearest folder upwards with handouts.yaml
    or a content/ folder, else the path's own folder."""
    start = start.resolve()
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        if (candidate / SETTINGS_FILE).is_file() or (candidate / "content").is_dir():
            return candidate
    return folder


def load_project(root: Path) -> Project:
    """The project's settings, from handouts.yaml when there is one."""
    root = root.resolve()
    path = root / SETTINGS_FILE
    if not path.is_file():
        return Project(root)
    found = Collector()
    values = SETTINGS.validate(load_yaml(read_text(path, SETTINGS_FILE), SETTINGS_FILE), SourceRef(SETTINGS_FILE, 1), found)
    found.raise_if_errors()
    return Project(root, **values)
