"""The sampler: (exam spec, question bank, seed) -> exam versions with their keys.

Pure: no I/O. The guarantees:
- every version meets the blueprint exactly and holds no question twice;
- each version is drawn on its own: its questions (with `same_questions: false`), their
  order, its parameter sets and its option orders come from random draws seeded only by
  the exam's seed and the version's code (with a roster: the student's number). So
  nothing about one paper follows from another paper or from its code, version A stays
  the same paper when a version E is added, and a late student changes no one else's;
- a section that holds a case group starts with it (its instruction introduces the
  case); the other questions follow in their drawn order;
- every order is drawn uniformly (a correct option is equally likely at each free
  place); pinned options stay; `letters: balanced` draws a version's options again until
  no letter is far above its share and no run is longer than three (see balance.py);
- a blueprint the bank cannot meet is an error naming the section, the row and how
  many questions are missing.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Sequence

from handouts.errors import Collector, HandoutsError, did_you_mean, fail
from handouts.exam.balance import ChoiceLetter, imbalance, letter_limits
from handouts.exam.model import (
    Bank,
    BlueprintRow,
    Body,
    Case,
    ExamSpec,
    ExamVersion,
    Question,
    Section,
    Student,
    Unit,
    unit_questions,
)
from handouts.exam.paper import VersionBuilder

_TRUE_FALSE = {"nl": ("Juist", "Onjuist"), "en": ("True", "False")}
_ATTEMPTS = 30  # redraws before we call a blueprint with overlapping rows unsatisfiable
# Draws of a version's options for `letters: balanced`. A random 40-question key with
# four options is balanced about one time in three, so 200 draws fail only when the
# bank makes balance impossible (then the most balanced draw is kept).
_BALANCE_ATTEMPTS = 200

Picks = tuple[tuple[Unit, ...], ...]  # per section, the drawn units


def chance(seed: int, purpose: str, *parts: str | int) -> random.Random:
    """A generator for one purpose of one paper, e.g. ("options", "version", "B", "q7").

    Seeded by a hash of all its parts, so two papers' draws share nothing a student
    could work back from (Python's hash() differs per process; it is not used).
    """
    text = json.dumps([seed, purpose, *parts], ensure_ascii=False, separators=(",", ":"))
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()
    return random.Random(int.from_bytes(digest, "big"))


def paper_id(number: int, student: Student | None) -> tuple[str, str]:
    """What a version's draws are seeded by: the student's number, or the version code."""
    return ("student", student.number) if student else ("version", version_code(number))


def sample(spec: ExamSpec, bank: Bank, seed: int | None = None) -> list[ExamVersion]:
    """`spec.version_count` versions drawn from `bank`; `seed` overrides the spec's."""
    seed = spec.seed if seed is None else seed
    check_exam(spec, bank)
    shared = _draw(spec, bank, chance(seed, "questions")) if spec.same_questions else None
    topics = {q.id: bank.topic_name(q.topic) for q in bank.questions()}
    true_false = _TRUE_FALSE.get(spec.language, _TRUE_FALSE["nl"])
    return [_version(spec, bank, seed, number, shared, topics, true_false)
            for number in range(spec.version_count)]


def _version(spec: ExamSpec, bank: Bank, seed: int, number: int, shared: Picks | None,
             topics: dict[str, str], true_false: tuple[str, str]) -> ExamVersion:
    """Version `number`, drawn from the seed and its own paper id, nothing else."""
    student = spec.roster[number] if spec.roster else None
    who = paper_id(number, student)
    picks = shared if shared is not None else _draw(spec, bank, chance(seed, "questions", *who))
    arranged = _arrange(spec.sections, picks, seed, who)
    variants = {q.id: chance(seed, "parameters", *who, q.id).randrange(len(q.variants))
                for q in _questions(picks) if len(q.variants) > 1}

    def build(attempt: int) -> ExamVersion:
        again = (attempt,) if attempt else ()  # the first draw is the plain random one
        builder = VersionBuilder(number, version_code(number), seed, variants, topics,
                                 lambda qid: chance(seed, "options", *who, qid, *again),
                                 true_false)
        return builder.build(spec.sections, arranged, student)

    if spec.letters != "balanced":
        return build(0)
    return _balanced(build, _questions(picks), variants)


def _questions(picks: Picks) -> list[Question]:
    return [q for units in picks for u in units for q in unit_questions(u)]


def _balanced(build, questions: list[Question], variants: dict[str, int]) -> ExamVersion:
    """The first of the version's redraws whose letters are balanced (or the best)."""
    known = {q.id: q for q in questions}
    best, best_score, limits = None, None, None
    for attempt in range(_BALANCE_ATTEMPTS):
        version = build(attempt)
        letters = choice_letters(version, known, variants)
        limits = letter_limits(letters) if limits is None else limits  # the same each draw
        score = imbalance(letters, limits)
        if score == 0:
            return version
        if best_score is None or score < best_score:
            best, best_score = version, score
    assert best is not None
    return best


def choice_letters(version: ExamVersion, questions: dict[str, Question],
                   variants: dict[str, int] | None = None) -> list[ChoiceLetter]:
    """Each single-choice answer of `version` in printed order, with its free places.
    `variants` names the parameter set per question (default: read from the key)."""
    out = []
    for entry in version.key.entries:
        q = questions[entry.question_id]
        if q.type != "single":
            continue
        if variants is not None:
            body = q.variants[variants.get(q.id, 0)]
        else:
            body = next((b for b in q.variants if b.label == entry.variant), q.variants[0])
        letter = ord(entry.answer) - ord("A")
        correct = next(i for i, o in enumerate(body.options) if o.correct)
        free = (correct,) if body.options[correct].pinned else tuple(_free_positions(body))
        out.append(ChoiceLetter(letter, free))
    return out


def check_exam(spec: ExamSpec, bank: Bank) -> None:
    """Raise every problem of the blueprint against the bank, independent of the seed."""
    found = Collector()
    units = {u.id: u for u in bank.units}
    in_case = {q.id: u.id for u in bank.units if isinstance(u, Case) for q in u.questions}
    tags = {t.tag for t in bank.topics} or {t for q in bank.questions() for t in q.tags}
    named: dict[str, BlueprintRow] = {}
    for section in spec.sections:
        for row in section.blueprint.rows:
            for tag in row.tags:
                if tag not in tags:
                    found.error(row.ref, f'unknown tag "{tag}"{did_you_mean(tag, tags)}; '
                                "the banks use: " + ", ".join(sorted(tags)))
            for ident in row.ids:
                if ident in in_case:
                    found.error(row.ref, f'question "{ident}" belongs to case group '
                                f'"{in_case[ident]}"; name the case group instead')
                elif ident not in units:
                    found.error(row.ref, f'no question or case group "{ident}" in the '
                                f"banks{did_you_mean(ident, units)}")
                elif ident in named:
                    found.error(row.ref, f'"{ident}" is already drawn at '
                                f"{named[ident].ref}; name it once")
                named[ident] = row
    found.raise_if_errors()
    _draw(spec, bank, random.Random(0))


def _draw(spec: ExamSpec, bank: Bank, rng: random.Random) -> Picks:
    """One exact draw for every blueprint row; redrawn when overlapping rows collide."""
    failure: HandoutsError | None = None
    for _ in range(_ATTEMPTS):
        picks, failure = _draw_once(spec, bank, rng)
        if failure is None:
            return picks
    assert failure is not None
    raise failure


def _draw_once(spec: ExamSpec, bank: Bank, rng: random.Random):
    units = {u.id: u for u in bank.units}
    position = {u.id: i for i, u in enumerate(bank.units)}
    rows = [(s, r) for s in spec.sections for r in s.blueprint.rows]
    named = {i for _, r in rows for i in r.ids}
    pools = {id(r): [u for u in bank.units if u.id not in named and _fits(u, r)]
             for _, r in rows}
    # Explicit ids first, then the rows with the fewest candidates: they are the
    # hardest to serve once other rows have taken their share.
    todo = sorted(range(len(rows)), key=lambda i: (not rows[i][1].ids,
                                                   len(pools[id(rows[i][1])]), i))
    used: set[str] = set()
    taken: dict[int, list[Unit]] = {}
    for index in todo:
        section, row = rows[index]
        if row.ids:
            taken[index] = [units[i] for i in row.ids]
        else:
            free = [u for u in pools[id(row)] if u.id not in used]
            chosen = _pick_exact(free, row.count, rng)
            if chosen is None:
                return (), _missing(section, row, free, len(pools[id(row)]))
            taken[index] = sorted(chosen, key=lambda u: position[u.id])
        used.update(u.id for u in taken[index])
    per_section = []
    for section in spec.sections:
        per_section.append(tuple(u for i, (s, _) in enumerate(rows) if s is section
                                 for u in taken[i]))
    return tuple(per_section), None


def _fits(unit: Unit, row: BlueprintRow) -> bool:
    return all(
        set(row.tags) <= set(q.tags)
        and row.difficulty in (None, q.difficulty)
        and row.type in (None, q.type)
        for q in unit_questions(unit)
    )


def _size(unit: Unit) -> int:
    return len(unit_questions(unit))


def _pick_exact(units: Sequence[Unit], count: int, rng: random.Random) -> list[Unit] | None:
    """A random set of units holding exactly `count` questions, or None if none exists."""
    order = list(units)
    rng.shuffle(order)
    # reach[i]: bit n set when n questions can be made from order[i:].
    reach = [0] * (len(order) + 1)
    reach[-1] = 1
    for i in range(len(order) - 1, -1, -1):
        reach[i] = reach[i + 1] | (reach[i + 1] << _size(order[i]))
    if not reach[0] >> count & 1:
        return None
    chosen, need = [], count
    for i, unit in enumerate(order):
        if need == 0:
            break
        size = _size(unit)
        if size <= need and reach[i + 1] >> (need - size) & 1:
            chosen.append(unit)
            need -= size
    return chosen


def _missing(section: Section, row: BlueprintRow, free: list[Unit], fit: int) -> HandoutsError:
    sizes = [_size(u) for u in free]
    reach = 1
    for size in sizes:
        reach |= reach << size
    have = max(n for n in range(row.count + 1) if reach >> n & 1)
    left = "" if fit == len(free) else " after the earlier rows took theirs"
    return fail(
        row.ref,
        f'section "{section.title}": the blueprint row ({row.describe()}) needs '
        f"{row.count} question(s) but the bank has {have} that fit{left} "
        f"({row.count - have} missing); add questions with these tags and difficulty "
        "to a bank, or lower the count",
    )


def _arrange(sections: Sequence[Section], picks: Picks, seed: int,
             who: tuple[str, str]) -> Picks:
    """The units of each section in this version's own order (when it shuffles)."""
    return tuple(
        _cases_first(chance(seed, "order", *who, index).sample(units, len(units)))
        if section.shuffle else units
        for index, (section, units) in enumerate(zip(sections, picks, strict=True))
    )


def _cases_first(units: list[Unit]) -> tuple[Unit, ...]:
    """The drawn order with the section's case groups moved to the front.

    A section's instruction introduces its case ("Lees de casus goed; de vragen erna
    gaan over deze cliënt"), so no other question may come between. The sort is
    stable: the cases keep their drawn order among themselves, and so do the other
    questions, so each is still in every place after the cases equally often.
    """
    return tuple(sorted(units, key=lambda unit: not isinstance(unit, Case)))


def _free_positions(body: Body) -> list[int]:
    return [i for i, option in enumerate(body.options) if not option.pinned]


def _letter(index: int) -> str:
    return chr(ord("A") + index)


def version_code(number: int) -> str:
    """0 -> "A", 25 -> "Z", 26 -> "AA": spreadsheet-style codes."""
    code = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        code = _letter(rest) + code
    return code
