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
else, a missing or damaged file included, is made again. A folder that cannot be
written only means the fonts are read, as before: the cache never fails a build.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import reportlab

from handouts.user_cache import cache_folder

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
        key = _key(path)
        data = _target(path).read_bytes()
        header, payload = data.split(b"\n", 1)
        stored_key, digest = header.decode("utf-8").rsplit(" ", 1)
        if stored_key != key or hashlib.blake2b(payload).hexdigest() != digest:
            return None
        name, characters = marshal.loads(payload)
        if not (isinstance(name, bytes) and isinstance(characters, str)):
            return None
        return FontFacts(name, characters)
    except (OSError, ValueError, EOFError, TypeError, UnicodeDecodeError):
        return None


def keep(path: Path, facts: FontFacts) -> None:
    """Keep the facts of `path` for the next process. Written to a temporary file and
    renamed, so another process never reads half a file; a folder that cannot be
    written is no error."""
    temporary = None
    try:
        payload = marshal.dumps((facts.name, facts.characters))
        header = f"{_key(path)} {hashlib.blake2b(payload).hexdigest()}\n".encode()
        target = _target(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
        with os.fdopen(handle, "wb") as out:
            out.write(header + payload)
        os.replace(temporary, target)
    except (OSError, ValueError):
        if temporary is not None:
            try:
                os.unlink(temporary)
            except OSError:
                pass


def _key(path: Path) -> str:
    stat = path.stat()
    return (f"handouts-font-facts {FORMAT} reportlab {reportlab.Version} python "
            f"{sys.version_info[0]}.{sys.version_info[1]} {os.path.abspath(path)} "
            f"{stat.st_size} {stat.st_mtime_ns}")


def _target(path: Path) -> Path:
    # One cache file per font file: named by its path, so an edited font replaces its own.
    where = hashlib.blake2b(os.path.abspath(path).encode("utf-8", "surrogateescape"), digest_size=10)
    return cache_folder() / "fonts" / f"{path.stem}-{where.hexdigest()}.marshal"
