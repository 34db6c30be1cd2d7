"""The sampler: (exam spec, question bank, seed) -> exam versions with their keys.

Pure: no I/O, and all chance comes from one `random.Random(seed)`, so the same
seed gives the same versions. The guarantees:
- every version meets the blueprint exactly and holds no question twice;
- versions differ in question order (when a section shuffles) and option order;
- the correct letter of a single-choice question moves through its free positions
  in a cycle across the versions, so letters are spread evenly; pinned options stay;
- a blueprint the bank cannot meet is an error naming the section, the row and how
  many questions are missing.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from handouts.errors import Collector, HandoutsError, did_you_mean, fail
from handouts.exam.model import (
    Bank,
    BlueprintRow,
    Body,
    Case,
    ExamSpec,
    ExamVersion,
    Section,
    Unit,
    unit_questions,
)
from handouts.exam.paper import VersionBuilder

_TRUE_FALSE = {"nl": ("Juist", "Onjuist"), "en": ("True", "False")}
_ATTEMPTS = 30  # redraws before we call a blueprint with overlapping rows unsatisfiable

Picks = tuple[tuple[Unit, ...], ...]  # per section, the drawn units


def sample(spec: ExamSpec, bank: Bank, seed: int | None = None) -> list[ExamVersion]:
    """`spec.version_count` versions drawn from `bank`; `seed` overrides the spec's."""
    seed = spec.seed if seed is None else seed
    check_exam(spec, bank)
    rng = random.Random(seed)
    count = spec.version_count
    if spec.same_questions:
        drawn = [_draw(spec, bank, rng)] * count
    else:
        drawn = [_draw(spec, bank, rng) for _ in range(count)]
    order = {q.id: i for i, q in enumerate(bank.questions())}
    offsets = _letter_offsets(drawn, order, rng)
    variants = _variant_cycles(drawn, order, rng, count)
    topics = {q.id: bank.topic_name(q.topic) for q in bank.questions()}
    versions, seen = [], set()
    for number in range(count):
        arranged = _arrange(spec.sections, drawn[number], rng, seen)
        builder = VersionBuilder(number, version_code(number), seed, offsets, variants,
                                 topics, rng,
                                 _TRUE_FALSE.get(spec.language, _TRUE_FALSE["nl"]))
        student = spec.roster[number] if spec.roster else None
        versions.append(builder.build(spec.sections, arranged, student))
    return versions


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


def _letter_offsets(drawn: list[Picks], order: dict[str, int], rng: random.Random) -> dict:
    """A start position per single-choice question, balanced among questions."""
    questions = {q.id: q for picks in drawn for units in picks for u in units
                 for q in unit_questions(u) if q.type == "single"}
    offsets: dict[str, int] = {}
    cycles: dict[int, list[int]] = {}
    for qid in sorted(questions, key=order.__getitem__):
        free = len(_free_positions(questions[qid].variants[0]))
        if free == 0:  # every option pinned: nothing to move
            offsets[qid] = 0
            continue
        if not cycles.get(free):
            cycles[free] = list(range(free))
            rng.shuffle(cycles[free])
        offsets[qid] = cycles[free].pop()
    return offsets


def _variant_cycles(drawn: list[Picks], order: dict[str, int], rng: random.Random,
                    count: int) -> dict[str, list[int]]:
    """Per parametric question, which parameter set each version gets (a shuffled cycle)."""
    questions = {q.id: q for picks in drawn for units in picks for u in units
                 for q in unit_questions(u) if len(q.variants) > 1}
    cycles = {}
    for qid in sorted(questions, key=order.__getitem__):
        sets = list(range(len(questions[qid].variants)))
        rng.shuffle(sets)
        cycles[qid] = [sets[v % len(sets)] for v in range(count)]
    return cycles


def _arrange(sections: Sequence[Section], picks: Picks, rng: random.Random,
             seen: set) -> Picks:
    """The units of each section in this version's order, unlike earlier versions'."""
    arranged = picks
    for _ in range(_ATTEMPTS):
        arranged = tuple(
            tuple(rng.sample(units, len(units))) if section.shuffle else units
            for section, units in zip(sections, picks, strict=True)
        )
        signature = tuple(u.id for units in arranged for u in units)
        if signature not in seen:
            seen.add(signature)
            break
    return arranged


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
