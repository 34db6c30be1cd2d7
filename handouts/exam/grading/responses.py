"""The students' answers: a CSV (`,` or `;`) or an Excel workbook (.xlsx), one row per
student: student number, name (optional), version, and one column per question
position ("1", "2", ...) holding the answer as key.csv writes it. Dutch headers
(studentnummer, naam, versie) work too. Every row keeps its line, every cell its
column, for messages.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from handouts.errors import SourceRef, fail
from handouts.load.textfile import LINE_BREAK, read_text

_COLUMNS = {
    "number": ("student_number", "studentnummer", "student number", "studentnumber", "nummer", "number"),
    "name": ("name", "naam", "student_name"),
    "version": ("version", "versie"),
}
_COLUMN_OF = {word: column for column, words in _COLUMNS.items() for word in words}


@dataclass(frozen=True)
class Cell:
    text: str
    where: str  # how a message names it: 'column "7"' or 'cell G5'


@dataclass(frozen=True)
class Response:
    """One student's row."""

    ref: SourceRef
    number: str
    name: str
    version: str
    cells: dict[int, Cell]  # by question position


@dataclass(frozen=True)
class Responses:
    shown: str  # the file as messages name it
    positions: tuple[int, ...]  # the question columns, in the file's order
    rows: tuple[Response, ...]
    has_version: bool
    header_line: int = 1


def read_responses(path: Path, shown: str) -> Responses:
    """Every row of the responses file at `path`; `shown` names it in messages."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        table = _workbook_rows(path, shown)
    elif path.suffix.lower() in (".csv", ".txt"):
        table = _csv_rows(path, shown)
    else:
        raise fail(SourceRef(shown), "the responses must be a .csv file (comma or semicolon) or an "
                                     "Excel workbook (.xlsx); save the spreadsheet as one of these")
    return _read(table, shown)


def _csv_rows(path: Path, shown: str) -> list[tuple[int, list[str], list[str]]]:
    text = read_text(path, shown).lstrip("\ufeff").replace(LINE_BREAK, " ")
    first = next((line for line in text.splitlines() if line.strip()), "")
    reader = csv.reader(text.splitlines(), delimiter=max(",;\t", key=first.count))
    out = []
    header: list[str] | None = None
    for row in reader:
        if header is None:
            header = [c.strip() for c in row]
        out.append((reader.line_num, row, [f'column "{h}"' if h else f"column {i + 1}"
                                           for i, h in enumerate(header)]))
    return out


def _workbook_rows(path: Path, shown: str) -> list[tuple[int, list[str], list[str]]]:
    from openpyxl import load_workbook  # only when a workbook is graded
    from openpyxl.utils import get_column_letter

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a broken file
        raise fail(SourceRef(shown), f"this workbook cannot be read ({exc}); save it again from "
                                     "the spreadsheet program as .xlsx") from None
    sheet = book.worksheets[0]
    out = []
    for line, values in enumerate(sheet.iter_rows(values_only=True), 1):
        cells = [_cell_text(v) for v in values]
        out.append((line, cells, [f"cell {get_column_letter(i + 1)}{line}" for i in range(len(cells))]))
    book.close()
    return out


def _cell_text(value: object) -> str:
    """A workbook cell as key.csv would write it: 3 not 3.0, 7.5 not 7.500000001."""
    if value is None:
        return ""
    if isinstance(value, float):
        return format(Decimal(repr(value)).normalize(), "f") if value != int(value) else str(int(value))
    return str(value)


def _read(table: list[tuple[int, list[str], list[str]]], shown: str) -> Responses:
    rows = [(line, [c.strip() for c in cells], where) for line, cells, where in table if any(c.strip() for c in cells)]
    if not rows:
        raise fail(SourceRef(shown, 1), "the responses file holds no rows; give a header row "
                                        "(student_number, name, version, 1, 2, ...) and one row per student")
    line, header, _ = rows[0]
    header_line = line
    columns: dict[str, int] = {}
    positions: dict[int, int] = {}  # question position → column index
    for index, title in enumerate(header):
        word = " ".join(title.lower().split())
        if word in _COLUMN_OF:
            columns.setdefault(_COLUMN_OF[word], index)
        elif word.isdigit() and int(word) > 0:
            if int(word) in positions:
                raise fail(SourceRef(shown, line), f'the header names question column "{word}" twice')
            positions[int(word)] = index
        elif word:
            raise fail(SourceRef(shown, line), f'unknown column "{title}" in the header; the columns are '
                                               "student_number (studentnummer), name (naam), version (versie) "
                                               "and one per question number: 1, 2, ...")
    if "number" not in columns:
        raise fail(SourceRef(shown, line), "the header needs a student_number (studentnummer) column")
    if not positions:
        raise fail(SourceRef(shown, line), "the header names no question columns; add one per question "
                                           "number: 1, 2, 3, ...")
    out = []
    for line, cells, where in rows[1:]:
        def cell(index: int | None, cells: list[str] = cells) -> str:
            return cells[index] if index is not None and index < len(cells) else ""

        out.append(Response(SourceRef(shown, line), cell(columns["number"]), cell(columns.get("name")),
                            cell(columns.get("version")).upper(),
                            {p: Cell(cell(i), where[i] if i < len(where) else f"column {i + 1}")
                             for p, i in positions.items()}))
    return Responses(shown, tuple(positions), tuple(out), "version" in columns, header_line)
