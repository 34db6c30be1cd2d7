"""Font registration, in one place and idempotent.

A theme names families ("Noto Serif"); the files are found as
`<FamilyWithoutSpaces>-{Regular,Bold,Italic,BoldItalic}.ttf` under the project's
`fonts/` folder first and the bundled one last. TrueType fonts are always embedded
(as subsets) by reportlab, so no PDF depends on the reader's fonts.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from handouts.errors import SourceRef, fail
from handouts.resources import builtin_dir

STYLES = {"Regular": (0, 0), "Bold": (1, 0), "Italic": (0, 1), "BoldItalic": (1, 1)}

_registered: dict[str, str] = {}


def _find(stem: str, style: str, folders: list[Path]) -> Path | None:
    for folder in folders:
        hits = sorted(folder.rglob(f"{stem}-{style}.ttf")) if folder.is_dir() else []
        if hits:
            return hits[0]
    return None


def register_family(family: str, project_root: Path | None = None) -> str:
    """Register `family` with reportlab (once) and return its regular font name."""
    if family in _registered:
        return _registered[family]
    stem = family.replace(" ", "")
    folders = ([project_root / "fonts"] if project_root else []) + [builtin_dir("fonts")]
    regular = _find(stem, "Regular", folders)
    if regular is None:
        raise fail(
            SourceRef("theme"),
            f'font "{family}" not found: put {stem}-Regular.ttf (and -Bold, -Italic, '
            "-BoldItalic) in your project's fonts/ folder",
        )
    names = {}
    for style, (bold, italic) in STYLES.items():
        path = _find(stem, style, folders) or regular
        name = f"{stem}-{style}"
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(path)))
        names[style] = name
        # Lets <b> and <i> in paragraph markup pick the right face of the family.
        addMapping(f"{stem}-Regular", bold, italic, name)
    _registered[family] = names["Regular"]
    return names["Regular"]


def face(regular: str, bold: bool = False, italic: bool = False) -> str:
    """The registered name of a face of a family given its regular name."""
    stem = regular.rsplit("-", 1)[0]
    style = {(0, 0): "Regular", (1, 0): "Bold", (0, 1): "Italic", (1, 1): "BoldItalic"}[(int(bold), int(italic))]
    return f"{stem}-{style}"
