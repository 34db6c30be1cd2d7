"""The user's cache folder: what a build keeps for the next one (parsed hyphenation
patterns, what each font file has, compiled templates). Anything in it can be deleted
at any time, and the cache never fails a build: a file that is missing, stale or
damaged is made again, and a folder that cannot be written only means no file is kept."""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from pathlib import Path
from typing import Any


def cache_folder() -> Path:
    """`$XDG_CACHE_HOME/handouts`, or `~/.cache/handouts`, as XDG describes it."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "handouts"


def entry(name: str, identity: str, folder: str = "") -> Path:
    """The cache file of what `identity` names (a source and the versions that read it):
    a file of its own, so that two installs, or two versions, which every venv of a user
    shares this folder with, keep their entries side by side instead of replacing each
    other's on every build."""
    digest = hashlib.blake2b(identity.encode("utf-8", "surrogateescape"), digest_size=10).hexdigest()
    return cache_folder() / folder / f"{name}-{digest}.marshal"


def content_digest(path: Path) -> str:
    """A checksum of a file's bytes: a key that a reinstall (new times, same file) keeps."""
    return hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()


def read_kept(target: Path, key: str) -> Any:
    """The plain data (`marshal`) kept in `target` under `key`, or None when the file is
    missing, was kept under another key, or does not match its checksum."""
    try:
        header, payload = target.read_bytes().split(b"\n", 1)
        stored_key, digest = header.decode("utf-8").rsplit(" ", 1)
        if stored_key != key or hashlib.blake2b(payload).hexdigest() != digest:
            return None
        return marshal.loads(payload)
    except (OSError, ValueError, EOFError, TypeError, UnicodeDecodeError):
        return None


def keep(target: Path, key: str, data: Any) -> None:
    """Keep plain data in `target` under `key` for the next process. Written to a
    temporary file and renamed, so another process never reads half a file."""
    temporary = None
    try:
        payload = marshal.dumps(data)
        header = f"{key} {hashlib.blake2b(payload).hexdigest()}\n".encode()
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
