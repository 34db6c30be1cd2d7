"""Reading a user's text file: UTF-8 only, with a message that says how to fix it."""

from __future__ import annotations

from pathlib import Path

from handouts.errors import SourceRef, fail


def read_text(path: Path, shown: str) -> str:
    """The file's text; a clear error for a missing file or one that is not UTF-8."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise fail(SourceRef(shown), "file not found; check the path") from None
    except OSError as exc:
        raise fail(SourceRef(shown), f"cannot read the file: {exc.strerror}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise fail(
            SourceRef(shown, line),
            "the file is not UTF-8 text; save it as UTF-8 "
            "(in most editors: Save As, encoding UTF-8)",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")
