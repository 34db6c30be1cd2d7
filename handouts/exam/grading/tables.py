"""results.csv, results.xlsx and items.csv: the figures for a spreadsheet."""

from __future__ import annotations

import csv
import io
import zipfile
from fractions import Fraction

from handouts.exam.grading.grades import shown
from handouts.exam.grading.results import Graded

RESULT_COLUMNS = ("student_number", "name", "version", "score", "max_score", "grade", "passed")
ITEM_COLUMNS = ("question_id", "n", "p_value", "rit", "rir")
_FIXED_TIME = (2000, 1, 1, 0, 0, 0)  # zip entries' dates: the same bytes every run


def number(value: Fraction | float | None, places: int = 2) -> str:
    """A figure for a CSV cell: 3, 2.5, 0.67; empty for none."""
    if value is None:
        return ""
    if isinstance(value, Fraction) and value.denominator == 1:
        return str(value.numerator)
    text = f"{float(value):.{places}f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def result_rows(graded: Graded, words: dict[str, str]) -> list[list[object]]:
    """The header and one row per student: totals, grade, then points per question id."""
    rows: list[list[object]] = [[*RESULT_COLUMNS, *graded.question_ids]]
    for s in graded.students:
        by_id = {item.entry.question_id: s.scored[pos].points for pos, item in s.paper.items.items()}
        rows.append([s.number, s.name, s.paper.version.code, s.score, s.max_score, s.grade,
                     words["yes"] if s.passed else words["no"],
                     *(by_id.get(qid) for qid in graded.question_ids)])
    return rows


def results_csv(graded: Graded, words: dict[str, str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in result_rows(graded, words):
        writer.writerow([shown(v) if i == 5 and isinstance(v, Fraction) else
                         number(v) if isinstance(v, Fraction) else "" if v is None else v
                         for i, v in enumerate(row)])
    return out.getvalue()


def items_csv(graded: Graded) -> str:
    """Per bank question: n, p-value, Rit, Rir and, for choice questions, the share of
    students choosing each of its bank options (option_1 is the bank's first)."""
    width = max((len(i.option_shares) for i in graded.items), default=0)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*ITEM_COLUMNS, *(f"option_{n}" for n in range(1, width + 1))])
    for i in graded.items:
        writer.writerow([i.question_id, i.n, number(i.p_value), number(i.rit), number(i.rir),
                         *(number(s) for s in i.option_shares),
                         *([""] * (width - len(i.option_shares)))])
    return out.getvalue()


def results_xlsx(graded: Graded, words: dict[str, str]) -> bytes:
    """results.csv as a workbook, with numbers as numbers; byte-identical per run."""
    import datetime as dt

    from openpyxl import Workbook  # only when grading

    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has one sheet
    sheet.title = words["report"]
    for row in result_rows(graded, words):
        sheet.append([float(round(v, 2)) if isinstance(v, Fraction) and v.denominator != 1 else
                      int(v) if isinstance(v, Fraction) else v for v in row])
    fixed = dt.datetime(2000, 1, 1)
    book.properties.created = book.properties.modified = fixed
    raw = io.BytesIO()
    book.save(raw)
    return _steady_zip(raw.getvalue())


def _steady_zip(data: bytes) -> bytes:
    """The workbook's zip again, every entry dated alike (openpyxl dates them now)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            text = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time in it
                text = _fixed_dates(text)
            target.writestr(zipfile.ZipInfo(info.filename, _FIXED_TIME), text, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _fixed_dates(xml: bytes) -> bytes:
    import re

    return re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", xml)
