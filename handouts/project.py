"""A user's project: a folder with `content/`, optional `templates/`, `fonts/` and
`handouts.yaml`. Every setting has a default, so a bare `content/` is a project."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from handouts.errors import Collector, SourceRef, did_you_mean
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
        Field("hyphenation", "per language, words written with a hyphen at every place they may be "
              "broken, e.g. `nl: [doorn-uit-steek-sels]` (a word without hyphens is never broken)",
              dict, default=None),
    ),
)

# A word as the hyphenation list writes it: letters, with single hyphens between them.
_LISTED_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@dataclass(frozen=True)
class Project:
    root: Path
    language: str = "nl"
    theme: str = "default"
    output: str = "build"
    content: str = "content"
    print: str = "office"  # "shop": leaflets get bleed, crop marks and a trim box
    # (language, its words with their hyphens): what the project says about hyphenation
    hyphenation: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def hyphenation_words(self, language: str) -> tuple[str, ...]:
        """The project's own hyphenation words for `language` ("nl")."""
        return next((words for code, words in self.hyphenation if code == language), ())

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
    values["hyphenation"] = _hyphenation(values["hyphenation"], found)
    found.raise_if_errors()
    return Project(root, **values)


def _hyphenation(value, found: Collector) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """`hyphenation:` checked: known languages, each with a list of words written with
    their hyphens; every problem at its own line."""
    if not value:
        return ()
    out = []
    for language, words in value.items():
        ref = value.key_ref(language) if hasattr(value, "key_ref") else SourceRef(SETTINGS_FILE)
        if language not in LANGUAGES:
            found.error(ref, f'hyphenation: unknown language "{language}"{did_you_mean(str(language), LANGUAGES)}; '
                        f"known: {', '.join(LANGUAGES)}")
            continue
        if not isinstance(words, list):
            found.error(ref, f'hyphenation: "{language}" must be a list of words, like [doorn-uit-steek-sels]')
            continue
        refs = getattr(words, "item_refs", [ref] * len(words))
        good = []
        for word, word_ref in zip(words, refs):
            if isinstance(word, str) and _LISTED_WORD.fullmatch(word.strip()):
                good.append(word.strip())
            else:
                found.error(word_ref, f'hyphenation: "{word}" must be one word of letters with a hyphen at '
                            "every place it may be broken, like doorn-uit-steek-sels")
        out.append((language, tuple(good)))
    return tuple(out)
