"""Golden files at the stable layers of the sample exam: the markup the templates
render for version A and its key, and key.csv. Regenerate them after an intended
change with `HANDOUTS_GOLDEN=update pytest tests/test_exam_golden.py`, then read
the diff before committing it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from handouts.exam import key_csv, load_exam, sample
from handouts.exam.labels import exam_labels
from handouts.exam.make import exam_view, key_view, paper_view
from handouts.templating import render

REPO = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "exam_fixtures" / "golden"


@pytest.fixture(scope="module")
def rendered() -> dict[str, str]:
    spec, bank = load_exam(REPO / "content/exams/rug-toets.yaml", REPO)
    versions = sample(spec, bank)
    labels = exam_labels(spec.language)
    exam = exam_view(spec, versions[0], labels)
    first = versions[0]
    return {
        "version-A.xml": render("exam/version.xml.j2",
                                {"exam": exam, "papers": [paper_view(first, {})], "labels": labels}, REPO),
        "key-A.xml": render("exam/key.xml.j2", {"exam": exam, "key": key_view(first, bank), "labels": labels},
                            REPO),
        "key.csv": key_csv(versions),
    }


@pytest.mark.parametrize("name", ["version-A.xml", "key-A.xml", "key.csv"])
def test_matches_golden(rendered, name):
    path = GOLDEN / name
    if os.environ.get("HANDOUTS_GOLDEN") == "update":
        path.write_text(rendered[name], encoding="utf-8")
    assert rendered[name] == path.read_text(encoding="utf-8"), (
        f"{name} changed; if that was intended: HANDOUTS_GOLDEN=update pytest {__file__}")
