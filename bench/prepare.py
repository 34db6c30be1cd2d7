"""Inputs for the floor scripts, saved to JSON before anything is timed: the text the
floors lay out comes from our loader and sampler, so that a floor process does only
reportlab work (no Markdown, YAML or sampling of ours is in its time).

bench/run.py calls these through `python bench/prepare.py WHAT ...`, in a process of
their own: the runner stays small, and a child's peak memory (ru_maxrss) counts the
runner's pages until the child execs."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHAPTER = REPO / "content/handouts/03-de-rug.md"
EXAM = REPO / "content/exams/rug-toets.yaml"
LEAFLET = REPO / "content/leaflets/rugpijn.md"
PRACTICES = sorted((REPO / "content/practices").glob("*.yaml"))


def repeated_chapter(times: int) -> Path:
    """The chapter `times` over, as one document next to the original (its figures are
    found the same way); the caller removes it."""
    text = CHAPTER.read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    # Footnote and figure ids must stay unique in the repeated body.
    parts = [body.replace("[^", f"[^r{i}").replace("#fig-", f"#fig-r{i}-") for i in range(times)]
    target = CHAPTER.parent / f".bench-x{times}.md"
    target.write_text(head + "\n---\n" + "\n\n".join(parts), encoding="utf-8")
    return target


def document_blocks(source: Path, target: Path) -> Path:
    """The blocks of a handout or leaflet, as bench/floor.py reads them."""
    from handouts.load.content import load_document
    from handouts.project import load_project

    import floor

    blocks = floor.prepare(load_document(source, load_project(REPO)))
    target.write_text(json.dumps(blocks, ensure_ascii=False), encoding="utf-8")
    return target


def exam_papers(versions: int, target: Path) -> Path:
    """Every version's questions and key, as bench/exam_floor.py reads them."""
    from handouts.exam.model import PaperCase
    from handouts.exam.sampler import sample
    from handouts.exam.spec import load_exam

    spec, bank = load_exam(EXAM, REPO, versions=versions, seed=None, roster=None)
    papers = []
    for version in sample(spec, bank):
        sections = []
        for section in version.sections:
            items = []
            for item in section.items:
                if isinstance(item, PaperCase):
                    items.append({"case": item.title, "text": item.text,
                                  "questions": [_question(q) for q in item.questions]})
                else:
                    items.append(_question(item))
            sections.append({"title": section.title, "instructions": section.instructions, "items": items})
        key = [[e.position, e.answer, "; ".join(e.answer_text), e.points, e.topic] for e in version.key.entries]
        papers.append({"code": version.code, "title": spec.title, "course": spec.course,
                       "instructions": spec.instructions, "sections": sections, "key": key})
    target.write_text(json.dumps(papers, ensure_ascii=False), encoding="utf-8")
    return target


def _question(q) -> dict:
    return {"position": q.position, "points": q.points, "stem": q.stem,
            "choices": [[c.letter, c.text] for c in q.choices], "prompts": list(q.prompts),
            "lines": q.lines}


def practices_csv(folder: Path, count: int) -> Path:
    """A CSV of `count` practices cycled from the samples, each with its own id and name,
    in the samples' folder (a logo must lie inside the project); the caller removes it.
    The same rows go to a JSON file in `folder` for the floor, logos as full paths."""
    from handouts.leaflet.practice import PRACTICE_SCHEMA
    from handouts.load.yamlfile import load_yaml

    samples = [load_yaml(p.read_text(encoding="utf-8"), p.name) for p in PRACTICES]
    columns = [f.name for f in PRACTICE_SCHEMA.fields]
    target = PRACTICES[0].parent / f".bench-practices-{count}.csv"
    rows = []
    for i in range(count):
        sample = dict(samples[i % len(samples)])
        sample["id"] = f"{sample['id']}-{i + 1:02d}"
        sample["name"] = f"{sample['name']} {i + 1}"
        rows.append({c: sample.get(c) for c in columns})
    with target.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row[c]) for c in columns])
    for row in rows:
        row["logo"] = str(PRACTICES[0].parent / row["logo"]) if row.get("logo") else ""
    (folder / f"practices-{count}.json").write_text(json.dumps(rows, ensure_ascii=False, default=str),
                                                    encoding="utf-8")
    return target


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "|".join(str(v) for v in value)
    return str(value)


def in_process(what: str, *args: object) -> None:
    """Run one of the steps below in a process of its own (for bench/run.py)."""
    subprocess.run([sys.executable, __file__, what, *map(str, args)], check=True)


def main() -> None:
    what, *args = sys.argv[1:]
    if what == "blocks":
        document_blocks(Path(args[0]), Path(args[1]))
    elif what == "papers":
        exam_papers(int(args[0]), Path(args[1]))
    elif what == "practices":
        practices_csv(Path(args[0]), int(args[1]))


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    main()
