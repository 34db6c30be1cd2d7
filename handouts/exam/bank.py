"""Question banks: YAML files a teacher writes, checked line by line.

A bank file has an optional `title`, the `tags` it uses (tag: topic name) and a
list of `questions`. An entry with `case:` is a case group: a shared text with
sub-questions that stay together and in order. Every problem is reported as
`path:line: error: ...` and all problems of all banks come out at once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from handouts.errors import Collector, Diagnostic, HandoutsError, SourceRef, did_you_mean, display_path
from handouts.exam.fields import validate, with_refs
from handouts.exam.model import (
    TYPE_ALIASES,
    Bank,
    Body,
    Case,
    Option,
    Question,
    RubricItem,
    Topic,
    Unit,
)
from handouts.exam.numbers import NumericAnswer, parse_number, parse_tolerance
from handouts.exam.params import label, render_tree
from handouts.exam.schemas import BANK, CASE, OPTION, QUESTION, REQUIRED_FIELDS, RUBRIC, TYPE_FIELDS
from handouts.load.schema import Schema
from handouts.load.textfile import read_text
from handouts.load.yamlfile import LinedDict, LinedList, load_yaml

_SPECIFIC = {name for names in TYPE_FIELDS.values() for name in names}
_INHERITED = ("tags", "difficulty", "points", "handout")
BLANK = re.compile(r"_{3,}")


def load_bank(paths: Sequence[Path], root: Path | None = None) -> Bank:
    """All questions of the bank files, checked; every problem raised at once."""
    found = Collector()
    units: list[Unit] = []
    topics: dict[str, str] = {}
    declared_any = False
    for path in paths:
        shown = display_path(path, root)
        try:
            data = load_yaml(read_text(path, shown), shown)
        except HandoutsError as exc:  # keep going: report the other banks' problems too
            found.extend(exc)
            continue
        values = validate(BANK, data, SourceRef(shown, 1), found)
        if values["tags"] is not None:
            declared_any = True
            topics.update({str(k): str(v) for k, v in values["tags"].items()})
        units.extend(_units(values["questions"] or [], found))
    questions = [q for u in units for q in (u.questions if isinstance(u, Case) else (u,))]
    _check_ids(units, found)
    if declared_any:
        _check_tags(questions, topics, found)
    found.items[:] = _unique(found.items)
    found.raise_if_errors()
    shown_paths = tuple(display_path(p, root) for p in paths)
    return Bank(tuple(units), tuple(Topic(t, n) for t, n in topics.items()), shown_paths)


def _units(entries: list, found: Collector) -> list[Unit]:
    units: list[Unit] = []
    for entry, ref in with_refs(entries, SourceRef("?")):
        if not isinstance(entry, LinedDict):
            found.error(ref, "each question is a block of `key: value` "
                        "lines starting with `- id:` (or `- case:` for a case group)")
            continue
        unit = _case(entry, found) if "case" in entry or "casus" in entry else \
            _question(entry, found)
        if unit is not None:
            units.append(unit)
    return units


def _case(raw: LinedDict, found: Collector) -> Case | None:
    values = validate(CASE, _normalised(raw), raw.ref, found)
    subs: list[Question] = []
    entries = values["questions"] or []
    for entry, ref in with_refs(entries, raw.ref):
        if not isinstance(entry, LinedDict) or "case" in entry:
            found.error(ref, "a case group holds plain questions (`- id: ...`), "
                        "not other case groups")
            continue
        question = _question(_inherit(entry, raw), found, case=str(values["case"]))
        if question is not None:
            subs.append(question)
    if not subs or values["case"] is None:
        if values["case"] is not None and not entries:
            found.error(raw.ref, "a case group needs at least one question under questions:")
        return None
    return Case(str(values["case"]), values["title"] or "", values["text"] or "",
                tuple(subs), raw.ref)


def _inherit(sub: LinedDict, case: LinedDict) -> LinedDict:
    """The sub-question with the case's defaults for the fields it leaves out."""
    out = LinedDict(sub)
    out.ref, out.key_refs = sub.ref, dict(sub.key_refs)
    for key in _INHERITED:
        if not any(name in sub for name in _spellings(QUESTION, key)):
            for name in _spellings(CASE, key):
                if name in case:
                    out[key] = case[name]
                    out.key_refs[key] = case.key_ref(name)
    return out


def _spellings(schema: Schema, name: str) -> list[str]:
    return [k for k, f in schema.by_name.items() if f.name == name]


def _normalised(raw: LinedDict) -> LinedDict:
    """Forgiving spellings: `tags: rug` for one tag, `answer: true` for juist."""
    out = LinedDict(raw)
    out.ref, out.key_refs = raw.ref, dict(raw.key_refs)
    for key in ("tags", "onderwerp"):
        if isinstance(out.get(key), str):
            out[key] = [out[key]]
    for key in ("answer", "antwoord"):
        if isinstance(out.get(key), bool):
            out[key] = "juist" if out[key] else "onjuist"
    return out


def _question(raw: LinedDict, found: Collector, case: str = "") -> Question | None:
    raw = _normalised(raw)
    values = validate(QUESTION, raw, raw.ref, found)
    kind = values["type"]
    if values["id"] is None or kind is None:
        return None
    kind = TYPE_ALIASES.get(kind, kind)
    if not _fields_fit(kind, values, raw, found):
        return None
    variants = _variants(kind, values, raw, found)
    if not variants:
        return None
    lines = values["lines"] or 0
    if kind == "open" and not lines and not values["box"]:
        lines = 4
    return Question(
        id=str(values["id"]), type=kind, tags=tuple(str(t) for t in values["tags"] or ()),
        difficulty=values["difficulty"] or 1, points=values["points"],
        variants=variants, ref=raw.ref, handout=values["handout"] or "",
        show_count=values["show_count"], lines=lines, box=values["box"] or 0.0, case=case,
    )


def _fields_fit(kind: str, values: dict, raw: LinedDict, found: Collector) -> bool:
    fits = True
    for name in sorted(_SPECIFIC - set(TYPE_FIELDS[kind])):
        if values[name] is not None and name != "show_count":
            owners = [t for t, names in TYPE_FIELDS.items() if name in names]
            found.error(_key_ref(raw, name), f'"{name}" does not belong in a {kind} '
                        f"question (it is for {', '.join(owners)}); remove it or change "
                        "the type")
            fits = False
    need = REQUIRED_FIELDS[kind]
    if values[need] is None:
        found.error(raw.ref, f'a {kind} question needs "{need}:" '
                    f"({QUESTION.by_name[need].doc})")
        fits = False
    if kind == "open" and values["lines"] and values["box"]:
        found.error(_key_ref(raw, "box"), "give either lines or box, not both")
        fits = False
    return fits


def _key_ref(raw: LinedDict, name: str) -> SourceRef:
    for spelling in _spellings(QUESTION, name):
        if spelling in raw.key_refs:
            return raw.key_refs[spelling]
    return raw.ref


def _variants(kind: str, values: dict, raw: LinedDict, found: Collector) -> tuple[Body, ...]:
    sets = values["params"]
    if sets is None:
        sub = Collector()
        body = _body(kind, values, raw, sub)
        found.items.extend(sub.items)
        return (body,) if body and not sub.errors else ()
    if not sets or not all(isinstance(s, dict) for s in sets):
        found.error(_key_ref(raw, "params"), "params: is a list of parameter sets, each "
                    "a block of `name: value` lines")
        return ()
    bare = LinedDict((k, v) for k, v in raw.items() if k not in ("params", "parameters"))
    bare.ref, bare.key_refs = raw.ref, raw.key_refs
    bodies, per_set = [], []
    for values_set in sets:
        sub = Collector()
        params = {str(k): v for k, v in values_set.items()}
        try:
            rendered = render_tree(bare, params, raw.ref)
        except HandoutsError as exc:
            sub.extend(exc)
        else:
            fields = validate(QUESTION, rendered, raw.ref, Collector())
            body = _body(kind, fields, rendered, sub)
            if body:
                bodies.append(replace(body, label=label(params)))
        per_set.append((label(params), sub.items))
    found.items.extend(_merge_sets(per_set))
    return tuple(bodies) if len(bodies) == len(sets) else ()


def _merge_sets(per_set: list[tuple[str, list[Diagnostic]]]) -> list[Diagnostic]:
    """One message for a problem every set has; the set named when only some have it."""
    everywhere = set.intersection(*(set(items) for _, items in per_set))
    out = [d for d in per_set[0][1] if d in everywhere]
    for name, items in per_set:
        out.extend(Diagnostic(d.ref, f"{d.message} (with parameters {name})", d.severity)
                   for d in items if d not in everywhere)
    return out


def _body(kind: str, values: dict, raw: LinedDict, found: Collector) -> Body | None:
    stem = values["stem"] or ""
    common: dict[str, Any] = {"stem": stem, "feedback": values["feedback"] or ""}
    builder = _BUILDERS[kind]
    specific = builder(values, raw, found)
    return None if specific is None else Body(**common, **specific)


def _options(values: dict, raw: LinedDict, found: Collector, kind: str) -> dict | None:
    entries = values["options"]
    ref = _key_ref(raw, "options")
    pairs = with_refs(entries, ref)
    refs = [r for _, r in pairs]
    options: list[Option] = []
    for entry, item_ref in pairs:
        if isinstance(entry, dict):
            v = validate(OPTION, entry, item_ref, found)
            options.append(Option(str(v["text"] or ""), v["correct"], v["pinned"], item_ref))
        elif isinstance(entry, (str, int, float)) and not isinstance(entry, bool):
            options.append(Option(str(entry), ref=item_ref))
        else:
            found.error(item_ref, "an option is a line of text, or text:/correct:/pinned:")
    texts = [o.text for o in options]
    if len(options) < 2:
        found.error(ref, "give at least two options")
    for i, text in enumerate(texts):
        if text in texts[:i]:
            found.error(refs[i], f'the option "{text}" appears twice; every option must '
                        "differ")
    right = [r for o, r in zip(options, refs, strict=False) if o.correct]
    if not right:
        found.error(ref, "no option is marked correct; write `correct: true` under the "
                    "right one (options are blocks with text: and correct:)")
    elif kind == "single" and len(right) > 1:
        lines = ", ".join(str(r.line) for r in right)
        found.error(ref, f"a single-choice question has exactly one correct option, this "
                    f"one has {len(right)} (lines {lines}); keep one, or make it "
                    "type: multiple")
    return {"options": tuple(options)}


_TRUE, _FALSE = ("juist", "waar", "true"), ("onjuist", "onwaar", "false")


def _truefalse(values: dict, raw: LinedDict, found: Collector) -> dict | None:
    answer = str(values["answer"]).strip().lower()
    if answer not in _TRUE + _FALSE:
        found.error(_key_ref(raw, "answer"), f'"answer" must be one of '
                    f"{', '.join(_TRUE + _FALSE)}, not {values['answer']!r}"
                    f"{did_you_mean(answer, _TRUE + _FALSE)}")
        return None
    return {"answer": answer in _TRUE}


def _numeric(values: dict, raw: LinedDict, found: Collector) -> dict | None:
    value = parse_number(values["answer"])
    if value is None:
        found.error(_key_ref(raw, "answer"), f"the answer of a numeric question must be "
                    f"a number, e.g. 7 or 7,5 (not {values['answer']!r}); write it "
                    "without a unit or thousands separator, and put the unit under unit:")
    tolerance = (Decimal(0), False) if values["tolerance"] is None else \
        parse_tolerance(values["tolerance"])
    if tolerance is None:
        found.error(_key_ref(raw, "tolerance"), "the tolerance must be a number of 0 or "
                    f"more, e.g. 0.5, or a percentage, e.g. 5% (not "
                    f"{values['tolerance']!r})")
    if value is None or tolerance is None:
        return None
    unit = " ".join(str(values["unit"] or "").split())
    return {"numeric": NumericAnswer(value, *tolerance, unit)}


def _text_list(entries: list, ref: SourceRef, what: str, found: Collector) -> tuple:
    pairs = with_refs(entries, ref)
    refs = [r for _, r in pairs]
    out = []
    for entry, item_ref in pairs:
        if isinstance(entry, (dict, list)) or entry is None:
            found.error(item_ref, f"each {what} is one line of text")
        else:
            out.append(str(entry))
    for i, text in enumerate(out):
        if text in out[:i]:
            found.error(refs[i], f'"{text}" appears twice in the {what}s; each must differ')
    return tuple(out)


def _matching(values: dict, raw: LinedDict, found: Collector) -> dict:
    entries = values["pairs"]
    ref = _key_ref(raw, "pairs")
    pairs = []
    for entry, item_ref in with_refs(entries, ref):
        if isinstance(entry, dict) and len(entry) == 1:
            entry = list(next(iter(entry.items())))
        if not isinstance(entry, list) or len(entry) != 2 or any(
                isinstance(side, (dict, list)) or side is None for side in entry):
            sides = len(entry) if isinstance(entry, list) else "no"
            found.error(item_ref, f"a pair has a left and a right side, "
                        f"[m. trapezius, monnikskapspier]; this one has {sides} sides. "
                        "Pairs must line up one to one")
            continue
        pairs.append((str(entry[0]), str(entry[1])))
    if len(pairs) < 2:
        found.error(ref, "a matching question needs at least two pairs")
    _text_list(LinedList(p[0] for p in pairs), ref, "left side", found)
    extra = _text_list(values["extra"] or LinedList(), _key_ref(raw, "extra"),
                       "extra answer", found)
    rights = [p[1] for p in pairs] + list(extra)
    for i, text in enumerate(rights):
        if text in rights[:i]:
            found.error(ref, f'the right side "{text}" appears twice; every answer must '
                        "differ, or the pairs do not line up")
    return {"pairs": tuple(pairs), "extra": extra}


def _blanks(values: dict, raw: LinedDict, found: Collector) -> dict:
    entries = values["blanks"]
    ref = _key_ref(raw, "blanks")
    accepted = []
    for entry, item_ref in with_refs(entries, ref):
        answers = entry if isinstance(entry, list) else [entry]
        if not answers or any(isinstance(a, (dict, list)) or a is None for a in answers):
            found.error(item_ref, "each blank has an answer, or a list of accepted answers")
            continue
        accepted.append(tuple(str(a) for a in answers))
    holes = len(BLANK.findall(values["stem"] or ""))
    if holes != len(entries):
        found.error(ref, f"the stem has {holes} blank(s) (___) but blanks: gives "
                    f"{len(entries)}; give one entry per ___, in order")
    return {"blanks": tuple(accepted)}


def _ordering(values: dict, raw: LinedDict, found: Collector) -> dict:
    items = _text_list(values["items"], _key_ref(raw, "items"), "item", found)
    if len(items) < 2:
        found.error(_key_ref(raw, "items"), "give at least two items to put in order")
    return {"items": items}


def _open(values: dict, raw: LinedDict, found: Collector) -> dict:
    entries = values["rubric"] or LinedList()
    ref = _key_ref(raw, "rubric")
    rubric = []
    for entry, item_ref in with_refs(entries, ref):
        v = validate(RUBRIC, entry, item_ref, found)
        if v["element"] is not None and v["points"] is not None:
            rubric.append(RubricItem(str(v["element"]), v["points"]))
    total = sum(r.points for r in rubric)
    if rubric and total != values["points"]:
        found.error(ref, f"the rubric adds up to {total} points but the question gives "
                    f"{values['points']}; make them equal")
    return {"model_answer": values["model_answer"] or "", "rubric": tuple(rubric)}


_BUILDERS = {
    "single": lambda v, r, f: _options(v, r, f, "single"),
    "multiple": lambda v, r, f: _options(v, r, f, "multiple"),
    "truefalse": _truefalse,
    "matching": _matching,
    "blanks": _blanks,
    "ordering": _ordering,
    "open": _open,
    "numeric": _numeric,
}


def _check_ids(units: list[Unit], found: Collector) -> None:
    seen: dict[str, SourceRef] = {}
    for unit in units:
        for thing in (unit, *(unit.questions if isinstance(unit, Case) else ())):
            if thing.id in seen:
                found.error(thing.ref, f'the id "{thing.id}" is already used at '
                            f"{seen[thing.id]}; every question needs its own id")
            else:
                seen[thing.id] = thing.ref


def _check_tags(questions: list[Question], topics: dict[str, str], found: Collector) -> None:
    for q in questions:
        for tag in q.tags:
            if tag not in topics:
                found.error(q.ref, f'unknown tag "{tag}" in question {q.id}'
                            f"{did_you_mean(tag, topics)}; declare it under tags: at the "
                            "top of the bank, or fix the spelling")


def _unique(items: list[Diagnostic]) -> list[Diagnostic]:
    return list(dict.fromkeys(items))
