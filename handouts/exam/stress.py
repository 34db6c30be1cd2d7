"""The stress test of an exam (after R/exams' `stresstest_exercise`): draw many versions
in memory and look for answers a student could work out from the version.

`handouts check --exam --stress N SPEC` prints, per question, how its answers spread
over the versions, its exposure (the share of versions that hold it) and the parameter
sets drawn; then how far the answer keys differ, and which versions are the same paper.

A question's answer is *predictable* when, over enough versions (see `_ENOUGH`):
- it can be printed in several ways but its answer is the same in every version;
- the version number, taken modulo 2 to 6, tells the answer: guessing the answer most
  common among the versions with the same remainder is right `_GAIN` (25 points) more
  often than guessing the answer most common overall. Drawn at random, the gain is a
  few points at most: the groups hold at least 50 versions each;
- the next version's letter is this one's moved by a fixed number of places more often
  than chance (1/k) + `_GAIN`: a neighbour's paper would tell it.
The same tests run on the parameter set a question gets.

Pure: spec and bank in, figures out; only `stress_check` reads the files.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from math import comb, factorial, perm
from pathlib import Path

from handouts.errors import Diagnostic, HandoutsError, SourceRef, display_path
from handouts.exam.giveaways import exam_warnings
from handouts.exam.model import Bank, Body, ExamSpec, ExamVersion, Question
from handouts.exam.sampler import sample
from handouts.project import Project

_ENOUGH = 100  # versions holding a question (or pairs of neighbours) needed to judge it
_PER_GROUP = 50  # versions per remainder needed before a modulus is tried
_GAIN = 0.25  # how much better a guess may become by knowing the version
_MODULI = (2, 3, 4, 5, 6)
_LISTED = 6  # answers listed one by one; more are summed up


@dataclass(frozen=True)
class QuestionFigures:
    """How one question came out over the stressed versions."""

    question_id: str
    type: str
    ref: SourceRef
    held: int  # versions that hold it
    exposure: float  # share of versions that hold it
    possible: int  # how many different answers its shuffle can give
    answers: tuple[tuple[str, int], ...]  # answer (the key's form) and how many versions
    parameter_sets: tuple[tuple[str, int], ...]  # set and how many versions; () if none
    predictable: str = ""  # why the answer (or set) follows from the version; "" if not


@dataclass(frozen=True)
class StressReport:
    versions: int
    seed: int
    questions: tuple[QuestionFigures, ...]
    distinct_keys: int  # different answer keys, question by question, whatever the order
    same_papers: tuple[tuple[str, str], ...]  # versions that are the same paper
    agreement: float | None  # share of single-choice letters two versions share
    agreement_chance: float | None  # ... expected when every letter is drawn freely
    next_letter: float | None  # share of "next version's letter = this letter + 1"
    next_letter_chance: float | None

    @property
    def predictable(self) -> tuple[QuestionFigures, ...]:
        return tuple(q for q in self.questions if q.predictable)


def stress(spec: ExamSpec, bank: Bank, count: int, seed: int | None = None
           ) -> tuple[StressReport, list[ExamVersion]]:
    """`count` versions of the exam (without its roster) and the figures over them."""
    versions = sample(replace(spec, versions=count, roster=()), bank, seed)
    known = {q.id: q for q in bank.questions()}
    held: dict[str, list[tuple[int, str, str]]] = {}  # id -> (version index, answer, set)
    for index, version in enumerate(versions):
        for entry in version.key.entries:
            held.setdefault(entry.question_id, []).append((index, entry.answer, entry.variant))
    order = [qid for qid in known if qid in held]
    figures = tuple(_figures(known[qid], held[qid], count) for qid in order)
    singles = [(known[qid], held[qid]) for qid in order
               if known[qid].type == "single" and _possible(known[qid]) > 1]
    agreement, agreement_chance = _agreement(singles)
    next_letter, next_chance = _next_letter(singles)
    keys = {tuple(sorted((e.question_id, e.answer) for e in v.key.entries)) for v in versions}
    return StressReport(count, versions[0].seed if versions else 0, figures, len(keys),
                        _same_papers(versions), agreement, agreement_chance, next_letter,
                        next_chance), versions


def _figures(q: Question, held: list[tuple[int, str, str]], count: int) -> QuestionFigures:
    answers = Counter(answer for _, answer, _ in held)
    sets = Counter(label for _, _, label in held) if len(q.variants) > 1 else Counter()
    possible = _possible(q)
    why = _predictable([(i, a) for i, a, _ in held], possible, _free(q.variants[0]), q.type)
    why = f"its answer {why}" if why else ""
    if not why and sets:
        labels = [b.label for b in q.variants]
        why = _predictable([(i, str(labels.index(s))) for i, _, s in held], len(labels),
                           len(labels), "set")
        why = f"its parameter set {why}" if why else ""
    return QuestionFigures(q.id, q.type, q.ref, len(held), len(held) / count if count else 0,
                           possible, tuple(sorted(answers.items())), tuple(sorted(sets.items())),
                           why)


def _free(body: Body) -> int:
    return sum(not o.pinned for o in body.options)


def _possible(q: Question) -> int:
    """How many different answers the shuffle can give this question."""
    body = q.variants[0]
    if q.type == "single":
        correct = next(o for o in body.options if o.correct)
        return 1 if correct.pinned else _free(body)
    if q.type == "multiple":
        free = [o for o in body.options if not o.pinned]
        right = sum(o.correct for o in free)
        return comb(len(free), right)
    if q.type == "matching":
        column = len(body.pairs) + len(body.extra)
        return perm(column, len(body.pairs))
    if q.type == "ordering":
        return factorial(len(body.items))
    return 1  # true/false, blanks, open: the answer is the content, not a place


def _predictable(held: Sequence[tuple[int, str]], possible: int, free: int, kind: str) -> str:
    """Why the answer follows from the version number, or "" (see the module's text)."""
    if possible < 2 or len(held) < _ENOUGH:
        return ""
    overall = Counter(answer for _, answer in held)
    if len(overall) == 1:
        return f"is {next(iter(overall))} in every version, though it could be printed {possible} ways"
    base = max(overall.values()) / len(held)
    for modulus in _MODULI:
        if len(held) < _PER_GROUP * modulus:
            break
        groups: dict[int, Counter] = {}
        for index, answer in held:
            groups.setdefault(index % modulus, Counter())[answer] += 1
        hit = sum(max(c.values()) for c in groups.values()) / len(held)
        if hit - base >= _GAIN:
            return (f"follows the version number modulo {modulus}: knowing the version, a "
                    f"guess is right {hit:.0%} of the time instead of {base:.0%}")
    if kind in ("single", "set"):
        return _follows_neighbour(held, free, kind)
    return ""


def _follows_neighbour(held: Sequence[tuple[int, str]], free: int, kind: str) -> str:
    """Whether the next version's letter (or set) is this one's moved by a fixed step."""
    places = {index: answer for index, answer in held}
    ranks = {a: r for r, a in enumerate(sorted(set(places.values()), key=lambda a: (len(a), a)))}
    size = max(free, len(ranks))
    steps = Counter((ranks[places[i + 1]] - ranks[places[i]]) % size
                    for i in places if i + 1 in places)
    total = sum(steps.values())
    if total < _ENOUGH:
        return ""
    step, times = steps.most_common(1)[0]
    if times / total - 1 / size >= _GAIN:
        return (f"follows the version before it: in {times / total:.0%} of neighbouring "
                f"versions it moves {step} place(s) on (chance: {1 / size:.0%})")
    return ""


def _agreement(singles: list[tuple[Question, list]]) -> tuple[float | None, float | None]:
    """Over every two versions holding a question: the share with the same letter."""
    pairs = same = expected = 0.0
    for q, held in singles:
        letters = Counter(answer for _, answer, _ in held)
        n = len(held)
        pairs += comb(n, 2)
        same += sum(comb(c, 2) for c in letters.values())
        expected += comb(n, 2) / _possible(q)
    return (same / pairs, expected / pairs) if pairs else (None, None)


def _next_letter(singles: list[tuple[Question, list]]) -> tuple[float | None, float | None]:
    """Over neighbouring versions: the share where the letter is the previous one + 1
    (among the free places, A after the last)."""
    pairs = hits = expected = 0.0
    for q, held in singles:
        body = q.variants[0]
        free = [chr(65 + i) for i, o in enumerate(body.options) if not o.pinned]
        places = {index: answer for index, answer, _ in held}
        for index, answer in places.items():
            after = places.get(index + 1)
            if after is None or answer not in free:
                continue
            pairs += 1
            hits += after == free[(free.index(answer) + 1) % len(free)]
            expected += 1 / len(free)
    return (hits / pairs, expected / pairs) if pairs else (None, None)


def _same_papers(versions: Sequence[ExamVersion]) -> tuple[tuple[str, str], ...]:
    """Pairs of versions that print the same questions, order, sets and options."""
    first: dict[object, str] = {}
    same = []
    for version in versions:
        paper = version.sections
        if paper in first:
            same.append((first[paper], version.code))
        else:
            first[paper] = version.code
    return tuple(same)


def predictions(report: StressReport) -> tuple[Diagnostic, ...]:
    """An error at each question whose answer is predictable from the version."""
    return tuple(Diagnostic(q.ref, f'question "{q.question_id}": over {report.versions} '
                            f"versions {q.predictable}, so a student who knows the version "
                            "code or a neighbour's paper can tell it; this is a bug in "
                            "handouts (please report it): do not hand out these versions",
                            "error")
                 for q in report.predictable)


def report_lines(report: StressReport, shown: str) -> list[str]:
    """The report as text lines for the terminal."""
    lines = [f"stress test of {shown}: {report.versions} versions drawn with seed "
             f"{report.seed}, in memory (nothing written)",
             f"{'question':<28} {'type':<10} {'exposure':>8}  answers"]
    for q in report.questions:
        lines.append(f"{q.question_id:<28} {q.type:<10} {q.exposure:>8.0%}  {_answers(q)}")
        if q.parameter_sets:
            sets = tuple((_short(label), n) for label, n in q.parameter_sets)
            lines.append(f"{'':<28} parameter sets: {_shares(sets, q.held)}")
    lines.append(f"answer keys: {report.distinct_keys} different in {report.versions} versions")
    if report.agreement is not None:
        lines.append(f"two versions have the same single-choice letter in {report.agreement:.1%} "
                     f"of their questions (drawn freely: {report.agreement_chance:.1%})")
    if report.next_letter is not None:
        lines.append(f"the next version's letter is this one's + 1 in {report.next_letter:.1%} "
                     f"of cases (drawn freely: {report.next_letter_chance:.1%})")
    same = ", ".join(f"{a} = {b}" for a, b in report.same_papers[:10])
    more = f" and {len(report.same_papers) - 10} more" if len(report.same_papers) > 10 else ""
    lines.append(f"versions that are the same paper: {same + more or 'none'}")
    judged = (len(report.predictable) or "none") if report.versions >= _ENOUGH else \
        f"not judged with fewer than {_ENOUGH} versions"
    lines.append(f"questions whose answer is predictable from the version: {judged}")
    return lines


def _answers(q: QuestionFigures) -> str:
    if q.possible == 1 and q.type not in ("single", "truefalse"):
        return "written by the student (no letters to draw)"
    if len(q.answers) <= _LISTED:
        return _shares(q.answers, q.held)
    answer, times = max(q.answers, key=lambda a: a[1])
    return (f"{len(q.answers)} different (of {q.possible} possible); most common "
            f"{answer} in {times / q.held:.1%}")


def _short(label: str, width: int = 28) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"


def _shares(counted: tuple[tuple[str, int], ...], held: int) -> str:
    return " · ".join(f"{what} {times / held:.0%}" for what, times in counted)


def stress_check(paths: list[Path], project: Project, count: int, seed: int | None = None
                 ) -> list[tuple[list[str], tuple[Diagnostic, ...]]]:
    """Per exam spec under `paths`: the report's lines and its problems (the one function
    here that reads files). A spec that cannot be loaded gives only its errors."""
    from handouts.exam.spec import load_exam
    from handouts.load.exam_specs import discover_exams  # the build's way of finding specs

    for path in paths:
        if not path.exists():
            raise HandoutsError(Diagnostic(SourceRef(str(path)), "no such file or folder"))
    specs = discover_exams(paths, project)
    if not specs:
        where = ", ".join(display_path(p, project.root) for p in paths) or \
            display_path(project.content_dir, project.root)
        raise HandoutsError(Diagnostic(SourceRef(where), "no exam specs found (a YAML file "
                                       "with sections:); name the spec file"))
    results: list[tuple[list[str], tuple[Diagnostic, ...]]] = []
    for path in specs:
        try:
            spec, bank = load_exam(path, project.root, seed=seed)
            report, versions = stress(spec, bank, count)
        except HandoutsError as exc:
            results.append(([], exc.diagnostics))
            continue
        results.append((report_lines(report, display_path(path, project.root)),
                        (*exam_warnings(bank, versions), *predictions(report))))
    return results
