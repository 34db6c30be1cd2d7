"""No flowable is shared between an exam's documents: reportlab keeps layout state on
a flowable (its size, whether it was already put off to a next page), and a paragraph
carried from one version into the next made some seeds fail with "too large"."""

from __future__ import annotations

import functools
from dataclasses import replace
from pathlib import Path

from reportlab.platypus.flowables import Flowable

from handouts.exam.labels import exam_labels
from handouts.exam.layout.blocks import ExamLayout
from handouts.exam.layout.pages import lay_out_exam, record_pages
from handouts.exam.make import exam_view, key_view, paper_view
from handouts.exam.sampler import sample
from handouts.exam.spec import load_exam
from handouts.layout.theme import load_theme
from handouts.templating import render

REPO = Path(__file__).resolve().parent.parent


def _flowables(root: object) -> dict[int, Flowable]:
    """Every flowable reachable from `root`, by identity: through lists, tuples and the
    attributes of flowables (a question's parts, a table's cells, an option's text)."""
    found: dict[int, Flowable] = {}
    stack = [root]
    while stack:
        item = stack.pop()
        if isinstance(item, (list, tuple)):
            stack.extend(item)
        elif isinstance(item, Flowable) and id(item) not in found:
            found[id(item)] = item
            stack.extend(v for k, v in vars(item).items() if k not in ("canv", "_frame"))
    return found


@functools.cache
def _sample_exam():
    return load_exam(REPO / "content/exams/rug-toets.yaml", REPO)


def _sample_documents(seed: int, versions: int, keys: bool = True):
    """The markup of the sample exam's versions (and keys) for `seed`."""
    spec, bank = _sample_exam()
    spec = replace(spec, seed=seed, versions=versions)  # as `--seed` and `--versions` do
    drawn = sample(spec, bank)
    labels = exam_labels(spec.language)
    exam = exam_view(spec, drawn[0], labels)
    for version in drawn:
        yield "exam/version.xml.j2", render("exam/version.xml.j2", {
            "exam": exam, "papers": [paper_view(version, {})], "labels": labels}, REPO)
        if keys:
            yield "exam/key.xml.j2", render("exam/key.xml.j2", {
                "exam": exam, "key": key_view(version, bank), "labels": labels}, REPO)


def test_the_documents_of_an_exam_lay_out_no_flowable_in_common():
    theme = load_theme("default", REPO)
    shared = ExamLayout(theme, "nl")
    stories = []
    for template, markup in _sample_documents(3, 2):
        laid = lay_out_exam(markup, theme, template, shared)
        story = list(laid.story)  # the build takes the flowables off the story
        laid.doc.build(laid.story)
        stories.append(_flowables(story))
    for n, story in enumerate(stories):
        for other in stories[n + 1:]:
            common = story.keys() & other.keys()
            assert not common, sorted({type(story[i]).__name__ for i in common})


def test_the_sample_exam_lays_out_for_200_seeds():
    """All seeds share one exam layout, as the versions of one build do (and as every
    exam built in one process did): a paragraph put off to the next page in one
    version was "too large" in another. Laid out only, without drawing, to stay quick."""
    theme = load_theme("default", REPO)
    shared = ExamLayout(theme, "nl")
    for seed in range(200):
        for template, markup in _sample_documents(seed, 2, keys=False):
            assert record_pages(markup, theme, template, shared).pages, seed


def test_a_question_too_large_for_a_page_is_an_error_at_its_line(project):
    project.write("content/exams/bank.yaml", """\
        questions:
          - id: kort
            type: truefalse
            tags: [rug]
            difficulty: 1
            stem: De rug heeft wervels.
            answer: juist
          - id: tekening
            type: open
            tags: [rug]
            difficulty: 1
            stem: Teken de rug van opzij.
            box: 40
            model_answer: Een rug.
        """)
    project.write("content/exams/toets.yaml", """\
        title: T
        banks: [bank.yaml]
        versions: 2
        sections:
          - title: S
            blueprint:
              - ids: [kort, tekening]
        """)
    result = project.run("build", "--exam")
    assert result.exit_code == 1
    assert "content/exams/bank.yaml:8: error: question \"tekening\"" in result.stderr
    assert "does not fit on one page" in result.stderr
    assert "Flowable" not in result.stderr and "0x" not in result.stderr
    assert not (project.root / "build/exams/toets").exists()
