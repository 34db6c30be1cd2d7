"""The grading outputs as data: the rows of key.csv and the teacher overview.

Pure functions returning text or rows; the build stage writes them to disk.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, replace

from handouts.exam.model import ExamVersion, KeyRow

KEY_COLUMNS = ("version", "position", "question_id", "type", "answer", "points",
               "student_number", "student_name")


def key_rows(versions: Sequence[ExamVersion]) -> list[KeyRow]:
    """One row per question per version, versions in order, positions ascending; with
    a roster, each row names the student (so a spreadsheet needs no file names)."""
    rows = []
    for version in versions:
        student = version.student
        for row in version.key.rows():
            rows.append(replace(row, student_number=student.number, student_name=student.name)
                        if student else row)
    return rows


def key_csv(versions: Sequence[ExamVersion]) -> str:
    """key.csv as text: a header with exactly `KEY_COLUMNS`, then `key_rows`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(KEY_COLUMNS)
    for row in key_rows(versions):
        writer.writerow([getattr(row, column) for column in KEY_COLUMNS])
    return out.getvalue()


@dataclass(frozen=True)
class OverviewRow:
    question_id: str
    topic: str
    difficulty: int
    points: int
    positions: tuple[int | None, ...]  # per version; None when it is not in that version


@dataclass(frozen=True)
class Overview:
    """Which bank question stands at which position in every version."""

    codes: tuple[str, ...]
    rows: tuple[OverviewRow, ...]


def overview(versions: Sequence[ExamVersion]) -> Overview:
    """The teacher overview; questions in the order of their first appearance."""
    found: dict[str, OverviewRow] = {}
    where: dict[str, list[int | None]] = {}
    for v, version in enumerate(versions):
        for entry in version.key.entries:
            if entry.question_id not in found:
                found[entry.question_id] = OverviewRow(
                    entry.question_id, entry.topic, entry.difficulty, entry.points, ())
                where[entry.question_id] = [None] * len(versions)
            where[entry.question_id][v] = entry.position
    rows = tuple(
        OverviewRow(r.question_id, r.topic, r.difficulty, r.points, tuple(where[qid]))
        for qid, r in found.items()
    )
    return Overview(tuple(v.code for v in versions), rows)
