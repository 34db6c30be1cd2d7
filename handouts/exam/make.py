"""Exams in the build: make every file of one exam in memory.

    spec + bank ─► sample ─► views ─► templates (exam/*.xml.j2) ─► layout ─► bytes

The build finds the specs (`handouts.load.exam_specs`) and calls `make_exam`; nothing
here writes: every file comes back as a `Product` under `exams/<exam-id>/`.
The student's template only ever sees `paper_view`, which holds no answers.
"""

from __future__ import annotations

import gc
import multiprocessing
import re
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields, is_dataclass, replace
from pathlib import Path
from typing import Any

from handouts.dates import written_date
from handouts.errors import Diagnostic, HandoutsError, SourceRef, fail
from handouts.exam.characters import check_characters, priming_fonts
from handouts.exam.giveaways import exam_warnings
from handouts.exam.grading.rules import grading_rules
from handouts.exam.inline import figure_addresses, gap_markup, inline_markup
from handouts.exam.keycsv import key_csv, overview
from handouts.exam.labels import exam_labels, points_text
from handouts.exam.layout.blocks import EXAM_MARKUP, figure_warnings
from handouts.exam.layout.doc import PageOverflow
from handouts.exam.layout.pages import (
    ExamLayout,
    FontPriming,
    RecordedPart,
    lay_out_exam,
    lay_out_parts,
    record_pages,
)
from handouts.exam.model import Bank, ExamSpec, ExamVersion, PaperCase, PaperQuestion
from handouts.exam.sampler import sample
from handouts.exam.sheet import frame_of, sheet_content, sheet_pages, sheet_pdf
from handouts.exam.spec import load_exam
from handouts.exam.written_text import table_warnings, text_errors
from handouts.layout.placing import Placed
from handouts.layout.speed_tricks import tricks_on
from handouts.layout.theme import load_theme
from handouts.load.figurefile import address_problem, on_disk, written_names
from handouts.load.project_files import outside_problem, project_file
from handouts.pdf import KeptBytes, render
from handouts.products import Options, Product
from handouts.project import Project
from handouts.templating import render as render_template
from handouts.workers import in_order, worker_pool

_PARALLEL_FROM = 12  # versions: below this, starting processes costs more than it saves


def make_exam(source: Path, project: Project, options: Options) -> tuple[list[Product], tuple[Diagnostic, ...]]:
    """Every file of the exam at `source`: versions, keys, overview, key.csv, print file."""
    spec, bank = load_exam(source, project.root, versions=options.versions,
                           seed=options.seed, roster=options.roster)
    grading_rules(spec)  # a mistake under grading: stops the build too, not only `handouts grade`
    theme = spec.theme or project.theme
    shared = _shared(theme, project.root, spec.language, project.hyphenation, reload=True)
    check_characters(spec, bank, shared.theme)
    errors = text_errors(spec, bank)
    if errors:
        raise HandoutsError(errors)
    versions = sample(spec, bank)
    labels = exam_labels(spec.language)
    figures = _figures(bank, project)
    folder = Path("exams") / spec.id
    exam = exam_view(spec, versions[0], labels, project.root)

    papers, keys = (_primings(versions, exam, labels, figures, bank, shared, project.root)
                    if tricks_on("priming") else (None, None))
    refs = {q.id: q.ref for q in bank.questions()}

    def task(v: ExamVersion) -> VersionTask:  # made when due: 300 versions' views add up
        return VersionTask(exam, paper_view(v, figures), key_view(v, bank, spec.language), labels, theme,
                           project.root, folder / f"{_stem(v, labels)}.pdf",
                           folder / f"{labels['key_file']}-{v.code}.pdf", papers, keys,
                           Sources(spec.ref, {e.position: (e.question_id, refs[e.question_id])
                                              for e in v.key.entries}), project.hyphenation)

    # Each file is handed to `store` as soon as it is made (the build writes it then);
    # what comes back is kept: without a store, the file itself.
    store = options.store or _kept
    products: list[Product] = []
    # The print file draws every version's pages again, as each version is made.
    def relay(part: RecordedPart) -> RecordedPart:  # a part whose operators will not do: laid out again
        assert part.markup is not None  # a worker's part comes with its markup
        return replace(part, pages=record_pages(part.markup, shared.theme, "exam/version.xml.j2", shared).pages)

    sheets = [sheet_content(spec.id, spec.title, v) for v in versions] if spec.answer_sheet else []
    # What the overview, key.csv, the sheets' names and the warnings need of the versions,
    # taken now: each version is let go once it is made (a thousand add up to 20 MB).
    table = {"exam": exam, "overview": overview(versions), "seed": versions[0].seed, "labels": labels}
    keys_text = key_csv(versions)
    warnings = (*table_warnings(spec, bank), *figure_warnings(figures, refs, shared.theme), *exam_warnings(bank, versions))
    sheet_names = [f"{labels['sheet_file']}{_stem(v, labels)[len(labels['version_file']):]}.pdf"
                   for v in versions] if sheets else []
    pending, total = deque(versions), len(versions)
    del versions
    # The overview's cells (a column per version) in a layout of their own, let go with it:
    # kept with the versions' paragraphs, a thousand versions' would stay to the end. Made
    # first: its memory is free again for the versions, not taken on top of theirs.
    overview_file = store(_pdf(folder / f"{labels['overview_file']}.pdf",
                               render_template("exam/overview.xml.j2", table, project.root, EXAM_MARKUP),
                               ExamLayout(shared.theme, shared.language), "exam/overview.xml.j2",
                               sources=Sources(spec.ref), by_block=True))
    del table
    gc.collect()  # the overview's flowables and pages (in cycles with its canvas)
    parts = _told(_parts(pending, task, options.jobs, products, store), total, options.on_part)
    if sheets:  # each paper's sheet after it in the print file
        parts = _with_sheets(parts, sheets, shared.theme, labels)
    laid = lay_out_parts(parts, shared.theme, shared, papers, relay)
    laid.doc.filename = kept = KeptBytes()  # the print file's bytes, not copied once more
    laid = replace(laid, buffer=kept)
    printed = store(Product(folder / f"{labels['print_file']}.pdf", _render(laid, Sources(spec.ref)),
                            laid.doc.page))
    del laid, parts, kept  # the print file, before the next files are made
    gc.collect()  # the print file's pages (in cycles with its canvas): their memory for the sheets
    products.append(overview_file)
    products.append(printed)
    for name, content in zip(sheet_names, sheets, strict=True):
        data, pages = sheet_pdf(content, shared.theme, labels, spec.language)
        products.append(store(Product(folder / name, data, pages)))
    products.append(store(Product(folder / "key.csv", keys_text.encode("utf-8"), 0)))
    return products, warnings


def _with_sheets(parts: Iterator[RecordedPart], sheets: list, theme, labels: dict) -> Iterator[RecordedPart]:
    """The versions' parts, each followed by a part of its answer sheet's pages."""
    left, bottom, _, _ = frame_of(theme)
    for part, content in zip(parts, sheets, strict=True):
        yield part
        yield RecordedPart(part.code, part.attributes,
                           [(Placed(sheet, left, bottom, 0),) for sheet in sheet_pages(content, theme, labels)])


@dataclass(frozen=True)
class Sources:
    """Where a version's questions come from, by position: (question id, bank file and
    line); and the spec, for what is no question's. For layout errors."""

    spec: SourceRef
    questions: dict[int, tuple[str, SourceRef]] = field(default_factory=dict)


_NOWHERE = Sources(SourceRef(""))


@dataclass(frozen=True)
class VersionTask:
    """What it takes to make one version's PDF and its key's, in any process."""

    exam: dict
    paper: dict
    key: dict
    labels: dict
    theme: str
    root: Path
    paper_target: Path
    key_target: Path
    paper_fonts: FontPriming | None = None  # every version's and the print file's
    key_fonts: FontPriming | None = None  # every key's
    sources: Sources | None = None
    hyphenation: tuple = ()  # the project's words (Project.hyphenation)


def make_version(task: VersionTask, record: bool = False) -> tuple[str, Product, Product, RecordedPart | None]:
    """The version's markup, its PDF and its key's PDF; with `record`, also its pages'
    operators as written and its markup, for the print file."""
    shared = _shared(task.theme, task.root, task.exam["language"], task.hyphenation)
    markup = render_template("exam/version.xml.j2",
                             {"exam": task.exam, "papers": [task.paper], "labels": task.labels}, task.root,
                             EXAM_MARKUP)
    laid = lay_out_exam(markup, shared.theme, "exam/version.xml.j2", shared, record=record,
                        priming=task.paper_fonts)
    paper = Product(task.paper_target, _render(laid, task.sources or _NOWHERE), laid.doc.page)
    key = render_template("exam/key.xml.j2",
                          {"exam": task.exam, "key": task.key, "labels": task.labels}, task.root,
                          EXAM_MARKUP)
    return markup, paper, _pdf(task.key_target, key, shared, "exam/key.xml.j2", task.key_fonts,
                               task.sources), replace(laid.doc.recorded(), markup=markup) if record else None


def _told(parts: Iterator[RecordedPart], total: int,
          on_part: Callable[[int, int], None] | None) -> Iterator[RecordedPart]:
    """`parts`, telling `on_part` (made, total) after each one."""
    for made, part in enumerate(parts, 1):
        if on_part is not None:
            on_part(made, total)
        yield part


def _kept(product: Product) -> Product:
    return product


def _parts(pending: deque[ExamVersion], task: Callable[[ExamVersion], VersionTask], jobs: int,
           products: list[Product], store: Callable[[Product], Product]) -> Iterator[RecordedPart]:
    """Each version's pages, in order, as it is made (its PDFs go to `store`, and what
    that returns to `products`); each version is taken from `pending` when it is made,
    and let go. Over `jobs` processes when there are enough versions to gain from it:
    then the workers make the PDFs and send each page's operators along for the print file."""
    alone = jobs < 2 or len(pending) < _PARALLEL_FROM or multiprocessing.current_process().daemon
    # The first version is made here in any case: the workers, forked after it, start
    # with its lines broken and its drawings recorded (layout/replay.py), not from nothing.
    first = True
    while pending and (alone or first):
        _, paper, key, part = make_version(task(pending.popleft()), record=True)
        assert part is not None  # recorded
        products += [store(paper), store(key)]
        first = False
        yield part
    if not pending:
        return
    with worker_pool(jobs) as pool:
        # Small batches, few at a time: the PDFs coming back are written as they come.
        rest = len(pending)
        tasks = (task(pending.popleft()) for _ in range(rest))
        made = in_order(pool, _make_in_worker, tasks, chunk=max(1, min(8, rest // (jobs * 4))), ahead=2 * jobs)
        for paper, key, part in made:
            products += [store(paper), store(key)]
            yield part


def _make_in_worker(task: VersionTask) -> tuple[Product, Product, RecordedPart]:
    """`make_version` for a worker process: its flowables stay there; the page operators
    and the markup (to lay the pages out again if the operators will not do) come back."""
    _, paper, key, part = make_version(task, record=True)
    assert part is not None  # recorded
    return paper, key, part


def _primings(versions: list[ExamVersion], exam: dict, labels: dict, figures: dict, bank: Bank,
              shared: ExamLayout, root: Path) -> tuple[FontPriming, FontPriming]:
    """The fonts' starting state for the versions (and the print file), and for the keys:
    every character any of them draws, numbered in one order, so that they all write
    the same operators for the same text (layout/replay.py). The versions' holds only what
    students see; the template's own words come from the first version's markup."""
    first = versions[0]
    found: set[str] = set()
    seen: set[str] = set()
    _characters(render_template("exam/version.xml.j2", {"exam": exam, "papers": [paper_view(first, figures)],
                                                        "labels": labels}, root, EXAM_MARKUP), found, seen)
    for version in versions:  # the texts a view is made of; markup adds no letters
        _characters((version.sections, version.student), found, seen)
    theme = shared.theme
    papers = FontPriming.of("".join(found), priming_fonts(theme, found))
    _characters(render_template("exam/key.xml.j2", {"exam": exam, "key": key_view(first, bank, exam["language"]),
                                                  "labels": labels},
                                root, EXAM_MARKUP), found, seen)
    for version in versions:
        _characters(version.key, found, seen)
    return papers, FontPriming.of("".join(found), priming_fonts(theme, found))


def _characters(view: Any, found: set[str], seen: set[str]) -> None:
    """Every character of every text in `view` (texts, or objects and collections of
    them) into `found`; `seen` holds the texts done."""
    stack = [view]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
        elif is_dataclass(item):  # its fields, not vars(): that would give it a dict to keep
            stack.extend(getattr(item, f.name) for f in fields(item))
        elif item is not None:
            text = item if isinstance(item, str) else str(item)
            if text not in seen:
                seen.add(text)
                found.update(text)


# (theme name, project, language, hyphenation words) → the layout the last exam built with them used.
_LAYOUTS: dict[tuple[str, Path, str, tuple], ExamLayout] = {}


def _shared(theme: str, root: Path, language: str, words: tuple, *, reload: bool = False) -> ExamLayout:
    """Styles and paragraphs that every document of an exam shares, in this process.
    An exam's build asks with `reload`: the theme file is looked at again (`load_theme`
    reads it anew only when its text changed), so a theme edited since the last build
    in this process counts. Its versions, here or in workers forked from here, then
    share what the build loaded, whatever happens to the file meanwhile."""
    key = (theme, root, language, words)
    layout = _LAYOUTS.get(key)
    if layout is None or reload:
        loaded = load_theme(theme, root, words)
        if layout is None or layout.theme is not loaded:
            _LAYOUTS.pop(key, None)
            while len(_LAYOUTS) >= 4:  # a long-lived process keeps the latest few
                del _LAYOUTS[next(iter(_LAYOUTS))]
            layout = _LAYOUTS[key] = ExamLayout(loaded, language)
    return layout


def clear_shared() -> None:
    """Forget every exam's shared layout (for tests that build the same exam twice from nothing)."""
    _LAYOUTS.clear()


def _stem(version: ExamVersion, labels: dict[str, str]) -> str:
    name = f"{labels['version_file']}-{version.code}"
    if not version.student:
        return name
    # A student number goes into a file name: keep it to characters every system accepts.
    return f"{name}-{re.sub(r'[^A-Za-z0-9_-]+', '_', version.student.number)}"


def _pdf(target: Path, markup: str, shared: ExamLayout, template: str,
         priming: FontPriming | None = None, sources: Sources | None = None, by_block: bool = False) -> Product:
    laid = lay_out_exam(markup, shared.theme, template, shared, priming=priming, by_block=by_block)
    return Product(target, _render(laid, sources or _NOWHERE), laid.doc.page)


def _render(laid, sources: Sources) -> bytes:
    """`render(laid)`; what does not fit on a page is an error at its question's line."""
    try:
        return render(laid)
    except PageOverflow as exc:
        raise _overflow(exc, laid.doc.title or "", sources) from None


def _overflow(exc: PageOverflow, document: str, sources: Sources) -> HandoutsError:
    where = f"version {exc.code}" if exc.code else "the exam"
    number = int(exc.question) if exc.question.isdigit() else 0
    if number in sources.questions:
        qid, ref = sources.questions[number]
        return fail(ref, f'question "{qid}" (number {number} in {where}) does not fit on one page, and a '
                         "question is never split across pages; shorten its text, give it fewer options "
                         "or a smaller answer box, or make it two questions")
    return fail(sources.spec, f'a block of "{document}" ({where}) does not fit on one page; shorten the '
                              "longest text in it (an answer, model answer, feedback or instruction)")


# ---- views: what the templates see -------------------------------------------


def exam_view(spec: ExamSpec, first: ExamVersion, labels: dict[str, str],
              project_root: Path | None = None) -> dict[str, Any]:
    """The exam's own details, the same in every version (no answers); the date with
    the month names of the project's own words file, if it has one."""
    facts = [written_date(spec.date, spec.language, project_root) if spec.date else "",
             labels["minutes"].format(n=spec.duration) if spec.duration else "",
             points_text(labels, first.total_points)]
    return {
        "id": spec.id, "title": spec.title, "course": spec.course, "language": spec.language,
        "facts": " · ".join(f for f in facts if f), "total_points": first.total_points,
        "instructions": inline_markup(spec.instructions), "pass_mark": spec.pass_mark,
        "class_field": spec.class_field, "marker_box": spec.marker_box, "answer_sheet": spec.answer_sheet,
    }


def paper_view(version: ExamVersion, figures: dict[str, list[str]]) -> dict[str, Any]:
    """What a student sees of one version. Built from the paper only, never the key."""
    ids = {e.position: e.question_id for e in version.key.entries}
    sections = []
    for section in version.sections:
        items = []
        for item in section.items:
            if isinstance(item, PaperCase):
                items.append({"kind": "case", "title": item.title, "text": inline_markup(item.text),
                              "questions": [_question(q, figures.get(ids[q.position], []))
                                            for q in item.questions]})
            else:
                items.append(_question(item, figures.get(ids[item.position], [])))
        sections.append({"title": section.title, "instructions": inline_markup(section.instructions),
                         "points": section.points, "items": items})
    student = version.student
    return {"code": version.code, "total_points": version.total_points, "sections": sections,
            "student": {"name": student.name, "number": student.number, "group": student.group}
            if student else None}


def _question(q: PaperQuestion, figures: list[str]) -> dict[str, Any]:
    stem = gap_markup(q.stem) if q.type == "blanks" else inline_markup(q.stem)
    return {
        "kind": "question", "n": q.position, "type": q.type, "points": q.points, "stem": stem,
        "choices": [{"letter": c.letter, "text": inline_markup(c.text)} for c in q.choices],
        "prompts": [inline_markup(p) for p in q.prompts], "choose": q.choose,
        "lines": q.lines, "box": q.box, "blank_count": q.blank_count, "figures": figures,
        "unit": inline_markup(q.unit),
    }


def key_view(version: ExamVersion, bank: Bank, language: str = "nl") -> dict[str, Any]:
    """The answer key of one version, for the teacher, in the exam's `language`."""
    decimal = exam_labels(language)["decimal"]
    entries = []
    for e in version.key.entries:
        # A number is shown with the language's decimal separator and its accepted range.
        shown = (e.numeric.shown(decimal),) if e.numeric else e.answer_text
        entries.append({
            "n": e.position, "id": e.question_id, "type": e.type, "answer": e.answer,
            "answer_text": [inline_markup(a) for a in shown], "points": e.points,
            "feedback": inline_markup(e.feedback), "model_answer": inline_markup(e.model_answer),
            "rubric": [{"element": inline_markup(r.element), "points": r.points} for r in e.rubric],
            "handout": e.handout, "variant": e.variant, "topic": e.topic, "difficulty": e.difficulty,
        })
    table = version.key.blueprint_table()
    totals = [sum(cell.counts[d] for cell in table) for d in range(3)]
    return {"code": version.code, "seed": version.seed, "entries": entries,
            "total_points": version.key.total_points, "blueprint": table, "totals": totals,
            "student": version.student}


def _figures(bank: Bank, project: Project) -> dict[str, list[str]]:
    """Figure files named in stems, resolved next to their bank file."""
    found: dict[str, list[str]] = {}
    for question in bank.questions():
        folder = (project.root / question.ref.path).parent
        for body in question.variants[:1]:
            addresses = figure_addresses(body.stem) if "![" in body.stem else []
            if body.stem.count("![") > len(addresses):  # one Markdown could not read as a picture
                raise fail(SourceRef(question.ref.path, question.ref.line),
                           f"a picture in question {question.id} cannot be read: a file name with spaces "
                           "goes between < and >, as in ![what it shows](<Figuur 1.png>)")
            for address in addresses:
                names = written_names(address)
                problem = address_problem(names[0])
                bank_file = project.root / question.ref.path
                if not problem and project_file(names[0], bank_file, project.root) is None:
                    raise fail(SourceRef(question.ref.path, question.ref.line),
                               outside_problem("figure", names[0], bank_file, project.root))
                path = None if problem else next(
                    (f for f in (on_disk((folder / n).resolve()) for n in names) if f), None)
                if path is None:
                    raise fail(SourceRef(question.ref.path, question.ref.line),
                               f'the figure "{names[0]}" in question {question.id} '
                               + (problem or "does not exist; give its path relative to the bank file"))
                found.setdefault(question.id, []).append(str(path))
    return found
