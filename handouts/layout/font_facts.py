"""What a font file has, kept per user so that a build reads only the fonts it draws with.

Reading a TrueType file with reportlab takes 5-15 ms; a theme names 30-odd faces
(its own and the fallback chain), and most documents draw with five of them. What a
build needs of the others is small: which characters each has (to pick a fallback
and to report a character that no font has) and the face's PostScript name (reportlab
files fonts by it). These facts are kept in the user's cache folder
(`$XDG_CACHE_HOME/handouts/fonts` or `~/.cache/handouts/fonts`), one file per font file,
made from reportlab's own reading of it, so they are the very characters reportlab
would find. A cache file is used only when it was made by the same reportlab and Python
from the same file (path, size, modification time) and its checksum matches; anything
else, a missing or damaged file included, is made again. Each font file (and version of
reportlab and Python) has a cache file of its own, so the installs that share the folder
keep theirs side by side; the key is not the content, which would mean reading every
font file, the very thing the cache saves. A folder that cannot be
written only means the fonts are read, as before: the cache never fails a build.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import reportlab

from handouts.user_cache import entry, read_kept
from handouts.user_cache import keep as keep_data

# Raised to throw away every cache file when the layout below changes.
FORMAT = 1


@dataclass(frozen=True)
class FontFacts:
    """What a build needs of a font file it may not draw with."""

    name: bytes  # the face's PostScript name, as reportlab reads it
    characters: str  # every character the font has a glyph for, in code order


def facts_of(charToGlyph: dict[int, int], name: bytes) -> FontFacts:  # noqa: N803 - reportlab's
    """The facts of a face reportlab has read (its `charToGlyph` and `name`)."""
    return FontFacts(bytes(name), "".join(chr(code) for code in sorted(charToGlyph) if code))


def read(path: Path) -> FontFacts | None:
    """The kept facts of the font file `path`, or None when missing, stale or damaged."""
    try:
        kept = read_kept(_target(path), _key(path))
    except OSError:  # the font file itself is gone
        return None
    if not (isinstance(kept, tuple) and len(kept) == 2
            and isinstance(kept[0], bytes) and isinstance(kept[1], str)):
        return None
    return FontFacts(*kept)


def keep(path: Path, facts: FontFacts) -> None:
    """Keep the facts of `path` for the next process."""
    try:
        keep_data(_target(path), _key(path), (facts.name, facts.characters))
    except OSError:
        pass


def read_face(path: Path) -> dict[str, Any] | None:
    """What reportlab read from the font file `path` when a build last drew with it
    (`reportlab_internals.face_facts`), or None when missing, stale or damaged.
    Reading it back is a fifth of reading the file with reportlab."""
    try:
        kept = read_kept(_target(path, "face"), _key(path, "face"))
    except OSError:
        return None
    return kept if isinstance(kept, dict) else None


def keep_face(path: Path, facts: dict[str, Any]) -> None:
    """Keep what reportlab read from `path` for the next process."""
    try:
        keep_data(_target(path, "face"), _key(path, "face"), facts)
    except OSError:
        pass


def _key(path: Path, what: str = "facts") -> str:
    stat = path.stat()
    return (f"handouts-font-{what} {FORMAT} reportlab {reportlab.Version} python "
            f"{sys.version_info[0]}.{sys.version_info[1]} {os.path.abspath(path)} "
            f"{stat.st_size} {stat.st_mtime_ns}")


def _target(path: Path, what: str = "facts") -> Path:
    # One cache file per font file, reader and kind of reading (its facts, its face): an
    # edited font replaces its own, and two installs keep theirs side by side.
    suffix = "" if what == "facts" else f"-{what}"
    return entry(path.stem + suffix, f"{FORMAT} {what} reportlab {reportlab.Version} python "
                 f"{sys.version_info[0]}.{sys.version_info[1]} {os.path.abspath(path)}", folder="fonts")
