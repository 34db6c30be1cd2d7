"""Students' rows → scored, graded results, and the statistics per question.

Every problem of the responses is collected (row and column named) before anything
is scored, so a teacher fixes the spreadsheet in one go.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from handouts.errors import Collector, SourceRef, fail
from handouts.exam.grading.draw import CHOICE_TYPES, Paper
from handouts.exam.grading.grades import PASS_GRADE, cesuur_grade, n_term_grade
from handouts.exam.grading.responses import Response, Responses
from handouts.exam.grading.rules import GradingRules
from handouts.exam.grading.scoring import Answer, BadAnswer, Scored, guessing_score, read_answer, score
from handouts.exam.grading.statistics import ItemStats, TestStats, exam_stats, item_stats


@dataclass(frozen=True)
class StudentResult:
    number: str
    name: str
    paper: Paper
    answers: dict[int, Answer]  # by position
    scored: dict[int, Scored]
    score: Fraction
    grade: Fraction

    @property
    def max_score(self) -> int:
        return self.paper.max_score

    @property
    def passed(self) -> bool:
        return self.grade >= PASS_GRADE


@dataclass(frozen=True)
class Graded:
    students: tuple[StudentResult, ...]
    question_ids: tuple[str, ...]  # in the order of the first paper
    items: tuple[ItemStats, ...]
    test: TestStats
    pass_mark: Fraction | None  # the first paper's cesuur in points (None with an N-term)
    guess: Fraction  # the first paper's score from guessing alone (0 without correction)


def grade_responses(responses: Responses, papers: list[Paper], rules: GradingRules,
                    spec_ref: SourceRef) -> Graded:
    """Score and grade every row of `responses` against the printed `papers`."""
    found = Collector()
    rows = _matched(responses, papers, found)
    students = []
    for row, paper in rows:
        answers = {}
        for position, item in paper.items.items():
            cell = row.cells[position]
            try:
                answers[position] = read_answer(item, cell.text)
            except BadAnswer as bad:
                found.error(row.ref, f"student {row.number}, {cell.where}: {bad}")
        if len(answers) == len(paper.items):
            students.append(_graded(row, paper, answers, rules, spec_ref))
    found.raise_if_errors()
    return _with_stats(tuple(students), papers, rules)


def _matched(responses: Responses, papers: list[Paper], found: Collector) -> list[tuple[Response, Paper]]:
    """Each row with the paper the student wrote; unknown versions, unknown students,
    a student twice and missing question columns are errors."""
    shown = responses.shown
    by_code = {p.version.code: p for p in papers}
    by_student = {p.version.student.number: p for p in papers if p.version.student}
    needed = sorted({pos for p in papers for pos in p.items})
    missing = [pos for pos in needed if pos not in responses.positions]
    if missing:
        found.error(SourceRef(shown, responses.header_line),
                    f"the header has no column for question {', '.join(map(str, missing))}; add a column "
                    f"per question, 1 to {needed[-1]} (an empty cell is no answer)")
        found.raise_if_errors()
    if not responses.rows:
        raise fail(SourceRef(shown, 1), "the responses file holds a header but no students; add one row "
                                        "per student under it")
    if not by_student and not responses.has_version:
        raise fail(SourceRef(shown, 1), "the header needs a version (versie) column: which version "
                                        f"each student wrote ({', '.join(by_code)})")
    seen: dict[str, SourceRef] = {}
    out = []
    for row in responses.rows:
        if not row.number:
            found.error(row.ref, "this row has no student number; fill it in, or remove the row")
            continue
        if row.number in seen:
            found.error(row.ref, f"student {row.number} appears twice (also at {seen[row.number]}); "
                                 "keep one row per student")
            continue
        seen[row.number] = row.ref
        paper = _paper_of(row, by_code, by_student, found)
        if paper is None:
            continue
        extra = [p for p in responses.positions if p not in paper.items and row.cells[p].text]
        if extra:
            found.error(row.ref, f"student {row.number}, {row.cells[extra[0]].where}: version "
                                 f"{paper.version.code} has {len(paper.items)} questions; this answer has no question")
            continue
        out.append((row, paper))
    return out


def _paper_of(row: Response, by_code: dict[str, Paper], by_student: dict[str, Paper],
              found: Collector) -> Paper | None:
    if by_student:
        paper = by_student.get(row.number)
        if paper is None:
            found.error(row.ref, f"student {row.number} is not on the exam's roster; check the number")
        elif row.version and row.version != paper.version.code:
            found.error(row.ref, f"student {row.number}, version: wrote version {paper.version.code} "
                                 f"(their own), not {row.version}")
            return None
        return paper
    paper = by_code.get(row.version)
    if paper is None:
        found.error(row.ref, f"student {row.number}, version: "
                             + (f'unknown version "{row.version}"' if row.version else "no version given")
                             + f"; the exam's versions are {', '.join(by_code)}")
    return paper


def _graded(row: Response, paper: Paper, answers: dict[int, Answer], rules: GradingRules,
            spec_ref: SourceRef) -> StudentResult:
    scored = {pos: score(paper.items[pos], answer, rules) for pos, answer in answers.items()}
    total = sum((s.points for s in scored.values()), Fraction(0))
    return StudentResult(row.number, row.name, paper, answers, scored, total,
                         paper_grade(total, paper, rules, spec_ref))


def paper_grade(total: Fraction, paper: Paper, rules: GradingRules, spec_ref: SourceRef) -> Fraction:
    """The grade for `total` points on `paper` under `rules`."""
    top = Fraction(paper.max_score)
    if rules.n_term is not None:
        return n_term_grade(total, top, rules.n_term)
    cesuur = rules.pass_mark(top)
    guess = paper_guess(paper, rules) if rules.guessing_correction else Fraction(0)
    if not guess < cesuur < top:
        raise fail(spec_ref, f"the cesuur ({float(cesuur):g} points) must lie above "
                             + (f"the guessing score ({float(guess):.2f}) and " if guess else "0 and ")
                             + f"below the maximum ({paper.max_score} points); change pass_mark")
    return cesuur_grade(total, top, cesuur, guess)


def paper_guess(paper: Paper, rules: GradingRules) -> Fraction:
    return sum((guessing_score(item, rules) for item in paper.items.values()), Fraction(0))


def _with_stats(students: tuple[StudentResult, ...], papers: list[Paper], rules: GradingRules) -> Graded:
    order = list(dict.fromkeys(i.entry.question_id for p in papers for i in p.items.values()))
    per_id: dict[str, list[tuple[StudentResult, int]]] = {qid: [] for qid in order}
    for student in students:
        for position, item in student.paper.items.items():
            per_id[item.entry.question_id].append((student, position))
    items = []
    columns, weights = [], []
    for qid in order:
        taken = per_id[qid]
        scores = [float(s.scored[pos].points) for s, pos in taken]
        totals = [float(s.score) for s, _ in taken]
        shares: tuple[float, ...] = ()
        if taken:
            item = taken[0][0].paper.items[taken[0][1]]
            if item.question.type in CHOICE_TYPES:
                counts = [0] * item.option_count
                for s, pos in taken:
                    for option in s.scored[pos].chosen:
                        counts[option] += 1
                shares = tuple(c / len(taken) for c in counts)
            points = float(item.entry.points)
            if len(taken) == len(students):
                columns.append(scores)
                weights.append(points)
            items.append(item_stats(qid, points, scores, totals, shares))
        else:
            items.append(ItemStats(qid, 0, None, None, None))
    test = exam_stats([float(s.score) for s in students], [s.passed for s in students], columns, weights)
    first = papers[0]
    cesuur = None if rules.n_term is not None else rules.pass_mark(Fraction(first.max_score))
    guess = paper_guess(first, rules) if rules.guessing_correction and rules.n_term is None else Fraction(0)
    return Graded(students, tuple(order), tuple(items), test, cesuur, guess)
