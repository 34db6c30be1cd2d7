"""Deterministic whatever came before: every document of the sample, built in one
process after the others (in two different orders), gives the same bytes as built
first in a fresh process. A cache keyed too loosely (a font, a theme, a paragraph's
lines, a recorded drawing kept from an earlier document) would show here."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from conftest import REPO

# name → (content file, with the sample's practices)
DOCUMENTS = {
    "chapter": ("handouts/03-de-rug.md", False),
    "basics": ("handouts/back-basics.md", False),
    "leaflet": ("leaflets/rugpijn.md", False),
    "practice leaflets": ("leaflets/rugpijn.md", True),
    "exam": ("exams/rug-toets.yaml", False),
}

# Prints {"name|file": sha256 of its bytes} for the documents named in argv, built in
# that order in this one process, as `handouts build` makes them (nothing is written).
SCRIPT = textwrap.dedent("""
    import hashlib, json, sys
    from pathlib import Path
    from handouts.build import find_jobs, make
    from handouts.products import Options
    from handouts.project import load_project

    documents = json.loads(sys.argv[1])
    project = load_project(Path(sys.argv[2]))
    jobs = {str(j.source.relative_to(project.content_dir).as_posix()): j
            for j in find_jobs([project.content_dir], project)}
    hashes = {}
    for name in sys.argv[3:]:
        source, practices = documents[name]
        options = Options(practice=project.content_dir / "practices") if practices else Options()
        outcome = make(jobs[source], project, options)
        # a build that fails only after others is history showing too
        hashes[f"{name}|outcome"] = "; ".join(d.message for d in outcome.diagnostics if d.severity == "error")
        for product in outcome.products:
            hashes[f"{name}|{product.target.as_posix()}"] = hashlib.sha256(product.data).hexdigest()
    print(json.dumps(hashes))
""")


def test_every_sample_document_has_the_same_bytes_whatever_was_built_before_it(tmp_path):
    forward = list(DOCUMENTS)
    backward = ["exam", "practice leaflets", "basics", "leaflet", "chapter"]
    # Each order builds its first document alone; the others get a fresh process each.
    runs = [forward, backward] + [[name] for name in DOCUMENTS if name not in (forward[0], backward[0])]
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    started = [subprocess.Popen([sys.executable, "-c", SCRIPT, json.dumps(DOCUMENTS), str(REPO), *names],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
               for names in runs]
    results = []
    for process in started:
        out, err = process.communicate()
        assert process.returncode == 0, err
        results.append(json.loads(out))
    alone: dict[str, str] = {}
    for names, hashes in zip(runs, results):
        alone.update({k: v for k, v in hashes.items() if k.split("|")[0] == names[0]})
    assert {k.split("|")[0] for k in alone} == set(DOCUMENTS)
    assert not any(v for k, v in alone.items() if k.endswith("|outcome")), alone  # the sample builds
    for names, hashes in zip(runs[:2], results[:2]):
        changed = sorted(k for k in alone.keys() | hashes.keys() if hashes.get(k) != alone.get(k))
        assert not changed, (f"built after others ({' → '.join(names)}), these differ from built alone: "
                             + ", ".join(f"{k} ({hashes.get(k) if k.endswith('outcome') else 'bytes'})" for k in changed))


def test_a_copy_of_an_exam_paragraph_breaks_as_alone_whatever_another_copy_did_before():
    """An exam's documents lay out copies of one paragraph that share its line breaks.
    A copy laid out too narrow for a web address goes on without breaking at slashes;
    the lines it then found at a wider measure must not pass to a copy in another
    document (another version, here or in another process), which breaks at slashes."""
    from handouts.exam.layout.blocks import _exam_styles, own_copy
    from handouts.exam.layout.flowables import Para
    from handouts.layout.theme import load_theme

    style = _exam_styles(load_theme("default", None), "nl")["question"]
    text = "Kijk op https://www.rug.nl/oefeningen/tillen/goed/dagelijks/thuis voor de filmpjes en de uitleg."

    def lines(para) -> list[str]:
        return ["".join(getattr(w, "text", "") for w in line.words) if hasattr(line, "words")
                else " ".join(line[1]) for line in para.blPara.lines]

    alone = Para(text, style)
    alone.wrap(220, 1000)
    shared = Para(text, style)
    narrow = own_copy(shared)  # one document: a narrow column first, then the full one
    narrow.wrap(20, 1000)
    narrow.wrap(220, 1000)
    other = own_copy(shared)  # the next document: the full measure only
    other.wrap(220, 1000)
    assert lines(other) == lines(alone)
    assert lines(alone)[0].endswith("oefeningen/")  # broken at a slash
