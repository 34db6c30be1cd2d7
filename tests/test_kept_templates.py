"""Compiled templates are kept in the user's cache folder for the next build; an edited
template is compiled again, and a damaged or unwritable cache only means compiling."""

from __future__ import annotations

import pytest

from handouts import templating
from handouts.templating import render


@pytest.fixture
def kept(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    templating.environment.cache_clear()
    yield tmp_path / "cache" / "handouts" / "templates"
    templating.environment.cache_clear()


def _project(tmp_path, text: str):
    root = tmp_path / "project"
    (root / "templates").mkdir(parents=True, exist_ok=True)
    (root / "templates" / "probe.xml.j2").write_text(text, encoding="utf-8")
    return root


def test_a_template_is_compiled_once_and_an_edit_is_seen(kept, tmp_path):
    root = _project(tmp_path, "<p>{{ word }} een</p>")
    assert render("probe.xml.j2", {"word": "Rug"}, root) == "<p>Rug een</p>"
    assert len(list(kept.glob("*.jinja"))) == 1
    templating.environment.cache_clear()  # a new process
    assert render("probe.xml.j2", {"word": "Rug"}, root) == "<p>Rug een</p>"
    (root / "templates" / "probe.xml.j2").write_text("<p>{{ word }} twee</p>", encoding="utf-8")
    templating.environment.cache_clear()
    assert render("probe.xml.j2", {"word": "Rug"}, root) == "<p>Rug twee</p>"


@pytest.mark.parametrize("damage", [b"", b"j2\x00garbage", b"\xff" * 64])
def test_a_damaged_kept_template_is_compiled_again(kept, tmp_path, damage):
    root = _project(tmp_path, "<p>{{ word }}</p>")
    render("probe.xml.j2", {"word": "Nek"}, root)
    (kept_file,) = kept.glob("*.jinja")
    kept_file.write_bytes(damage)
    templating.environment.cache_clear()
    assert render("probe.xml.j2", {"word": "Nek"}, root) == "<p>Nek</p>"


def test_a_cache_folder_that_cannot_be_written_still_renders(tmp_path, monkeypatch):
    (tmp_path / "file").write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "file"))
    templating.environment.cache_clear()
    try:
        root = _project(tmp_path, "<p>{{ word }}</p>")
        assert render("probe.xml.j2", {"word": "Heup"}, root) == "<p>Heup</p>"
    finally:
        templating.environment.cache_clear()
