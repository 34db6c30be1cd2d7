"""Write stage: build the PDF in memory, then put it in place atomically.

A failed build leaves no half-written file and never touches the last good PDF:
the bytes go to a temporary file in the target folder, renamed over the target
only when complete.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from reportlab.platypus.doctemplate import LayoutError

from handouts.errors import SourceRef, fail


def _file_mode() -> int:
    """The mode a plain `open()` would give a new file (0666 less the umask):
    temporary files start private (0600), and the PDFs should not stay so."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


FILE_MODE = _file_mode()

def render(laid, source: SourceRef | None = None) -> bytes:
    """The PDF bytes of a laid-out document (several passes for contents and page totals);
    a layout that cannot be done is an error at `source` (by default the title)."""
    try:
        laid.doc.multiBuild(laid.story)
    except LayoutError as exc:
        where = source or SourceRef(laid.doc.title or "document")
        if "too large" in str(exc):  # reportlab names the block by its Python object: no use
            raise fail(where, "a block (a question, a table row, a picture) is taller than a page "
                       "and cannot be split over two; shorten it or split it up") from None
        raise fail(where, f"the layout failed: {exc}") from None
    return laid.buffer.getvalue()


def write_all_atomic(files: Iterable[tuple[Path, bytes]]) -> list[Path]:
    """Write many files so that readers only ever see the old or the new file: each
    goes to a temporary file in its folder, renamed over its target when complete.
    They are flushed to disk together, a few threads at a time (the disk takes about as
    long for many flushes at once as for one: the 63 files of a 30-version exam take
    ~150 ms one by one, ~10 ms together), with few files open at once, so a thousand
    versions stay within the limit on open files. Nothing is replaced until every file
    is written and flushed. Returns the targets."""
    written: list[tuple[Path, str]] = []
    try:
        for target, data in files:
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            written.append((target, temp))
            with os.fdopen(handle, "wb") as out:
                out.write(data)
                os.fchmod(out.fileno(), FILE_MODE)
        if written:
            with ThreadPoolExecutor(max_workers=min(16, len(written))) as pool:
                list(pool.map(_flush, [temp for _, temp in written]))
        for target, temp in written:
            os.replace(temp, target)
    except BaseException:
        for _, temp in written:
            Path(temp).unlink(missing_ok=True)  # those already renamed are gone already
        raise
    return [target for target, _ in written]


def _flush(path: str) -> None:
    handle = os.open(path, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
