"""Reading a user's text file: UTF-8 only, with a message that says how to fix it.

Every content file (Markdown, YAML, CSV) is read here, so this is also where the
invisible characters that pasting leaves behind are caught, at their line and column:
control characters, C1 controls from a wrong encoding conversion, noncharacters. A
vertical tab (Word's Shift+Enter) is kept, and Unicode's line and paragraph separators
become one: it is a line break within a paragraph (`LINE_BREAK`), which each reader
turns into its own (a Markdown line break, a newline in a YAML value, a space in a CSV
cell).
"""

from __future__ import annotations

import re
from pathlib import Path

from handouts.errors import Diagnostic, HandoutsError, SourceRef, fail

LINE_BREAK = "\v"  # a vertical tab: a line break within a paragraph

_C0_NAMES = (
    "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR",
    "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB",
    "ESC", "FS", "GS", "RS", "US",
)
_SHOWN = 10  # problems listed per file; a pasted block can hold hundreds


def _bad_characters() -> re.Pattern[str]:
    """C0 controls but tab, newline and the vertical tab; DEL and the C1 controls;
    surrogates (only a YAML escape can make one); noncharacters."""
    planes = "".join(f"\\U{plane:04X}FFFE\\U{plane:04X}FFFF" for plane in range(1, 17))
    return re.compile(
        "[\x00-\x08\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff" + planes + "]"
    )


UNPRINTABLE = _bad_characters()


def read_text(path: Path, shown: str) -> str:
    """The file's text; a clear error for a missing file, one that is not UTF-8, or one
    that holds characters no page can print."""
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
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    check_characters(text, shown)
    if "\u2028" in text or "\u2029" in text:  # Unicode's line and paragraph separators
        text = text.replace("\u2028", LINE_BREAK).replace("\u2029", LINE_BREAK)
    return text


def check_characters(text: str, shown: str, first_line: int = 1) -> None:
    """Raise an error at the line and column of each character no page can print."""
    if UNPRINTABLE.search(text) is None:  # nearly every file: one scan, nothing found
        return
    problems = []
    for found in UNPRINTABLE.finditer(text):
        start = found.start()
        line = text.count("\n", 0, start) + first_line
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        problems.append(Diagnostic(SourceRef(shown, line, column), character_problem(found.group())))
    if len(problems) > _SHOWN:
        more = len(problems) - _SHOWN
        problems = problems[:_SHOWN] + [Diagnostic(problems[_SHOWN].ref, f"and {more} more such characters")]
    raise HandoutsError(problems)


def character_problem(char: str) -> str:
    """What is wrong with `char`, one that `check_characters` refuses, and the fix."""
    code = ord(char)
    label = f"U+{code:04X}"
    if code < 0x20 or code == 0x7F:
        name = "DEL" if code == 0x7F else _C0_NAMES[code]
        return (f"control character {label} ({name}) in the text; delete it "
                "(it often comes from pasting)")
    if code <= 0x9F:
        try:
            meant = bytes([code]).decode("cp1252")
        except UnicodeDecodeError:
            meant = ""
        hint = f' (probably "{meant}", as Windows-1252 has it)' if meant else ""
        return (f"control character {label} (C1 control) in the text: the text was converted "
                f"from another encoding the wrong way; type the character again{hint}")
    if 0xD800 <= code <= 0xDFFF:
        return f"broken character {label} (half of a pair, a lone surrogate) in the text; delete it"
    return f"character {label} (a noncharacter, never text) in the text; delete it"
