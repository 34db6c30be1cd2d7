"""From the address an author writes for a picture to the file on disk.

Markdown stores an image address %-encoded (`Figuur 1.png` and `café.png` become
`Figuur%201.png` and `caf%C3%A9.png`), so the address is decoded before it is looked
up; a name written in one Unicode form finds a file saved in the other (macOS saves
"é" as "e" plus an accent). Web and `file://` addresses are no file of the project.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from urllib.parse import unquote

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")


def address_problem(address: str) -> str | None:
    """Why `address` (decoded) is no file name relative to the text, or None."""
    scheme = _SCHEME.match(address)
    if scheme is None:
        return None
    name = scheme.group(1).lower()
    if name in ("http", "https"):
        return ("is on the internet, and handouts never uses the network: download the "
                "picture into the project (e.g. into figures/ next to the text) and write its file name")
    if name == "file" or len(name) == 1:  # file:///C:/..., or C:\Users\... on Windows
        return ("is a place on your computer, not in the project: copy the picture into the "
                "project and write its name relative to the text, e.g. figures/picture.png")
    return (f'is a "{name}:" address, not a file: save the picture as a PNG, JPEG or SVG file '
            "in the project and write its file name")


def written_names(address: str) -> list[str]:
    """The file names an image address may mean: decoded, then as written (a file
    whose name holds "%20" itself)."""
    decoded = unquote(address)
    return [decoded] if decoded == address else [decoded, address]


def on_disk(path: Path) -> Path | None:
    """`path` if it is a file, else the file whose name is `path`'s in another Unicode
    normal form (composed or decomposed accents); None when there is neither."""
    if path.is_file():
        return path
    found = Path(path.parts[0])
    for part in path.parts[1:]:
        step = found / part
        if not step.exists():
            wanted = unicodedata.normalize("NFC", part)
            try:
                same = next((c for c in found.iterdir() if unicodedata.normalize("NFC", c.name) == wanted), None)
            except OSError:
                return None
            if same is None:
                return None
            step = same
        found = step
    return found if found.is_file() else None
