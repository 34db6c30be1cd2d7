"""Write stage: build the PDF in memory, then put it in place atomically.

A failed build leaves no half-written file and never touches the last good PDF:
the bytes go to a temporary file in the target folder, renamed over the target
only when complete.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from reportlab.platypus.doctemplate import LayoutError

from handouts.errors import SourceRef, fail


def render(laid) -> bytes:
    """The PDF bytes of a laid-out document (several passes for contents and page totals)."""
    try:
        laid.doc.multiBuild(laid.story)
    except LayoutError as exc:
        raise fail(SourceRef(laid.doc.title or "document"), f"the layout failed: {exc}") from None
    return laid.buffer.getvalue()


def write_atomic(target: Path, data: bytes) -> None:
    """Write `data` to `target` so that readers only ever see the old or the new file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
