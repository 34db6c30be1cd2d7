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

def render(laid) -> bytes:
    """The PDF bytes of a laid-out document (several passes for contents and page totals)."""
    try:
        laid.doc.multiBuild(laid.story)
    except LayoutError as exc:
        ref = getattr(laid.doc, "current_ref", None)
        if ref is not None:  # a handout knows the block it was placing
            raise fail(ref, "this block does not fit on a page, even on a page of its own (a box, a "
                       "table row, or a text with its footnotes is not split over two pages); shorten "
                       "it or split it up") from None
        raise fail(SourceRef(laid.doc.title or "document"), f"the layout failed: {exc}") from None
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
