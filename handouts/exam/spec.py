"""Exam specs (YAML) and rosters (CSV): what to draw, for whom.

An exam spec names its banks, its ordered sections, each with a blueprint
(toetsmatrijs): rows of "so many questions with these tags, difficulty and type",
or explicit ids. A roster gives one personal version per student.
"""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

from handouts.errors import Collector, HandoutsError, SourceRef, display_path
from handouts.exam.fields import validate, with_refs
from handouts.exam.model import (
    TYPE_ALIASES,
    Bank,
    Blueprint,
    BlueprintRow,
    ExamSpec,
    Section,
    Student,
)
from handouts.exam.schemas import ROW, SECTION, SPEC
from handouts.limits import MAX_VERSIONS
from handouts.load.project_files import outside_problem, project_file
from handouts.load.textfile import LINE_BREAK, read_text
from handouts.load.yamlfile import LinedDict, load_yaml

_LETTERS = {"willekeurig": "random", "gespreid": "balanced"}  # Dutch values
# A roster's header row names its columns, in any order, in Dutch or English.
_COLUMNS = {
    "number": ("studentnummer", "nummer", "number", "student number", "studentnumber",
               "student_number", "nr", "student"),
    "name": ("naam", "name", "volledige naam", "full name", "student_name"),
    "first": ("voornaam", "roepnaam", "first name", "first_name", "firstname", "given name"),
    "infix": ("tussenvoegsel", "tussenvoegsels", "infix", "prefix"),
    "last": ("achternaam", "familienaam", "last name", "last_name", "lastname", "surname",
             "family name"),
    "group": ("klas", "class", "groep", "group"),
}
_COLUMN_OF = {word: column for column, words in _COLUMNS.items() for word in words}


def load_exam(path: Path, root: Path | None = None, *, versions: int | None = None,
              seed: int | None = None, roster: Path | None = None) -> tuple[ExamSpec, Bank]:
    """The spec at `path` and the bank it names; the arguments override the spec."""
    from handouts.exam.bank import load_bank  # bank and spec load independently

    spec = load_spec(path, root)
    if roster is not None:
        spec = replace(spec, roster=load_roster(roster, display_path(roster, root)))
    if versions is not None:
        spec = replace(spec, versions=versions)
    if seed is not None:
        spec = replace(spec, seed=seed)
    return spec, load_bank([Path(p) for p in spec.banks], root)


def load_spec(path: Path, root: Path | None = None) -> ExamSpec:
    """The exam spec at `path`, with its roster read when it names one."""
    path = Path(path)
    shown = display_path(path, root)
    data = load_yaml(read_text(path, shown), shown)
    found = Collector()
    values = validate(SPEC, data, SourceRef(shown, 1), found)
    banks = _bank_paths(values["banks"] or [], path, root, data, found)
    sections = tuple(_sections(values["sections"] or [], found))
    if not sections and values["sections"] is not None:
        found.error(data.key_ref("sections"), "an exam needs at least one section")
    students: tuple[Student, ...] = ()
    if values["roster"]:
        roster_path = project_file(values["roster"], path, root)
        if roster_path is None:
            found.error(data.key_ref("roster"), outside_problem("roster", values["roster"], path, root))
        else:
            try:
                students = load_roster(roster_path, display_path(roster_path, root))
            except HandoutsError as exc:
                found.extend(exc)
    if values["theme"]:
        _check_theme(values["theme"], data.key_ref(next(k for k in ("theme", "thema") if k in data)),
                     root, found)
    found.raise_if_errors()
    return ExamSpec(
        id=path.stem, title=values["title"], sections=sections, ref=SourceRef(shown, 1),
        banks=banks, course=values["course"] or "", date=values["date"],
        duration=values["duration"], language=values["language"],
        instructions=values["instructions"] or "", versions=values["versions"],
        roster=students, seed=values["seed"], pass_mark=values["pass_mark"],
        same_questions=values["same_questions"], class_field=values["class_field"],
        marker_box=values["marker_box"], theme=values["theme"] or "",
        letters=_LETTERS.get(values["letters"], values["letters"]),
        answer_sheet=values["answer_sheet"], grading=values["grading"],
    )


def _check_theme(name: str, ref: SourceRef, root: Path | None, found: Collector) -> None:
    from handouts.layout.theme import theme_path  # only to see that it exists

    try:
        theme_path(name, root)
    except HandoutsError:
        found.error(ref, f'theme "{name}" not found; the bundled themes are default and '
                    f"large-print, or put your own in templates/themes/{name}.yaml")


def _bank_paths(entries: list, spec: Path, root: Path | None, data: LinedDict,
                found: Collector) -> tuple:
    paths = []
    for entry, ref in with_refs(entries, data.ref):
        bank = project_file(str(entry), spec, root)
        if bank is None:
            found.error(ref, outside_problem("bank file", entry, spec, root))
            continue
        if not bank.is_file():
            found.error(ref, f'bank file "{entry}" not found next to the spec; '
                        "give its path relative to the spec file")
        paths.append(str(bank))
    if not entries:
        found.error(data.ref, "name at least one bank file under banks:")
    return tuple(paths)


def _sections(entries: list, found: Collector) -> list[Section]:
    sections = []
    for entry, ref in with_refs(entries, SourceRef("?")):
        values = validate(SECTION, entry, ref, found)
        if values["title"] is None or values["blueprint"] is None:
            continue
        rows = values["blueprint"]
        blueprint = Blueprint(tuple(
            row for row in (_row(r, ref_, found) for r, ref_ in with_refs(rows, ref))
            if row is not None))
        if not rows:
            found.error(entry.key_ref("blueprint"), "the blueprint needs at least one row")
        sections.append(Section(str(values["title"]), blueprint, ref,
                                values["instructions"] or "", values["shuffle"]))
    return sections


def _row(raw: object, ref: SourceRef, found: Collector) -> BlueprintRow | None:
    if isinstance(raw, LinedDict):
        for key in ("tags", "onderwerp"):
            if isinstance(raw.get(key), str):
                raw[key] = [raw[key]]
    values = validate(ROW, raw, ref, found)
    ids = tuple(str(i) for i in values["ids"] or ())
    if bool(ids) == bool(values["count"]):
        found.error(ref, "a blueprint row gives either count: (with tags:, difficulty:, "
                    "type:) or ids:, not both and not neither")
        return None
    kind = values["type"]
    return BlueprintRow(
        ref=ref, count=len(ids) if ids else values["count"],
        tags=tuple(str(t) for t in values["tags"] or ()),
        difficulty=values["difficulty"], type=TYPE_ALIASES.get(kind, kind), ids=ids,
    )


def _delimiter(text: str) -> str:
    """`,` or, as Dutch spreadsheets save it, `;` (or a tab): what the first line uses."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    return max(",;\t", key=first.count)


def load_roster(path: Path, shown: str) -> tuple[Student, ...]:
    """Students from a CSV (`,` `;` or tab). Without a header row: the student number,
    then the name. A header row names the columns, in any order: a number, and a
    name or its parts (voornaam, tussenvoegsel, achternaam)."""
    text = read_text(path, shown).replace(LINE_BREAK, " ")  # a cell holds one line
    found = Collector()
    reader = csv.reader(text.splitlines(), delimiter=_delimiter(text))
    students: list[Student] = []
    seen: dict[str, SourceRef] = {}
    columns: dict[str, int] | None = None  # column → its index, once a header is read
    for row in reader:
        ref = SourceRef(shown, reader.line_num)
        cells = [c.strip() for c in row]
        if not any(cells):
            continue
        if columns is None:
            columns = _header(cells, ref, found)
            if found.errors:  # the rows cannot be read without their columns
                break
            if columns:
                continue
        number, name, group = _student(cells, columns)
        if not number or not name:
            found.error(ref, "each line holds a student number and a name, "
                        "e.g. 1234567,Sanne de Vries" if not columns else
                        "this line has no student number or no name; fill in both")
            continue
        if number in seen:
            found.error(ref, f"student number {number} appears twice (also at "
                        f"{seen[number]}); every student needs their own number")
            continue
        seen[number] = ref
        if len(students) == MAX_VERSIONS:
            found.error(ref, f"a roster holds at most {MAX_VERSIONS} students (each gets a PDF "
                        "of their own); split the class over several rosters, one exam spec each")
            break
        students.append(Student(number, name, ref, group))
    if not students and not found.errors:
        found.error(SourceRef(shown, 1), "the roster holds no students")
    found.raise_if_errors()
    return tuple(students)


def _header(cells: list[str], ref: SourceRef, found: Collector) -> dict[str, int]:
    """The columns a first row names, or {} when it is a student."""
    named = {i: _COLUMN_OF.get(" ".join(c.lower().split())) for i, c in enumerate(cells)}
    if not any(named.values()):
        return {}
    columns = {column: i for i, column in reversed(named.items()) if column}
    if "number" not in columns or not {"name", "first", "last"} & set(columns):
        found.error(ref, "the header row needs a column for the student number "
                    "(studentnummer) and one for the name (naam, or voornaam and "
                    f"achternaam); it has: {', '.join(c for c in cells if c)}")
    return columns


def _student(cells: list[str], columns: dict[str, int]) -> tuple[str, str, str]:
    """(number, full name, class) of one row."""
    def cell(column: str) -> str:
        at = columns.get(column)
        return cells[at] if at is not None and at < len(cells) else ""

    if not columns:
        return cells[0], cells[1] if len(cells) >= 2 else "", ""
    name = cell("name") or " ".join(p for p in (cell("first"), cell("infix"), cell("last")) if p)
    return cell("number"), " ".join(name.split()), cell("group")
