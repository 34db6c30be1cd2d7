"""Making a document holds Python's cycle collector off and gives it back as it was."""

from __future__ import annotations

import gc

import pytest

from handouts.documents import cyclic_gc_paused, make_document
from handouts.errors import HandoutsError
from handouts.products import Options
from handouts.project import load_project

from conftest import Project


def test_the_collector_is_off_while_a_document_is_made_and_on_again_after(project: Project):
    source = project.write("content/doc.md", "---\ntitle: Les\n---\n\nTekst.\n")
    states = []
    with cyclic_gc_paused():
        states.append(gc.isenabled())
    assert states == [False] and gc.isenabled()
    products, _ = make_document(source, load_project(project.root), Options())
    assert products[0].data.startswith(b"%PDF") and gc.isenabled()


def test_a_failing_document_gives_the_collector_back(project: Project):
    source = project.write("content/doc.md", "no front matter\n")
    with pytest.raises(HandoutsError):
        make_document(source, load_project(project.root), Options())
    assert gc.isenabled()


def test_a_collector_switched_off_by_the_caller_stays_off():
    gc.disable()
    try:
        with cyclic_gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
