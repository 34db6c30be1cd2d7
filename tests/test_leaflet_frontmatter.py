"""The leaflet front matter: declared fields, defaults and errors with lines."""

import datetime as dt

import pytest

from handouts.errors import Collector, HandoutsError
from handouts.leaflet.frontmatter import (
    LEAFLET_SCHEMA,
    read_leaflet,
    split_front_matter,
)


def leaflet(tmp_path, monkeypatch, front: str, body: str = "# Kop\n\nTekst.\n"):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "folder.md"
    path.write_text(f"---\n{front}---\n{body}", encoding="utf-8")
    return path


def test_defaults_and_values(tmp_path, monkeypatch):
    path = leaflet(tmp_path, monkeypatch, "title: Rug\nnumber: 4\nreviewed: 2026-09-01\n")
    found = Collector()
    meta, body, first_line = read_leaflet(path, found)
    assert found.items == []
    assert (meta.title, meta.number, meta.fold, meta.language) == ("Rug", "4", "trifold", "nl")
    assert meta.reviewed == dt.date(2026, 9, 1)
    assert meta.qr is True and meta.cover is None
    assert body.startswith("# Kop") and first_line == 6


def test_unknown_fold_gets_did_you_mean(tmp_path, monkeypatch):
    path = leaflet(tmp_path, monkeypatch, "title: Rug\nfold: tri-fold\n")
    found = Collector()
    read_leaflet(path, found)
    (diagnostic,) = found.errors
    assert str(diagnostic).startswith('folder.md:3: error: "fold" must be one of trifold, booklet, single')
    assert 'did you mean "trifold"?' in diagnostic.message


def test_unknown_key_and_missing_cover(tmp_path, monkeypatch):
    path = leaflet(tmp_path, monkeypatch, "title: Rug\nsubtitel: x\ncover: omslag.svg\n")
    found = Collector()
    read_leaflet(path, found)
    errors = [str(d) for d in found.errors]
    assert errors[0].startswith('folder.md:3: error: unknown key "subtitel"')
    assert 'did you mean "subtitle"?' in errors[0]
    assert errors[1].startswith('folder.md:4: error: cover image "omslag.svg" not found')


def test_dutch_key_names_are_accepted(tmp_path, monkeypatch):
    path = leaflet(tmp_path, monkeypatch, "titel: Rug\nvouw: booklet\ntaal: en\n")
    found = Collector()
    meta, _, _ = read_leaflet(path, found)
    assert found.items == []
    assert (meta.title, meta.fold, meta.language) == ("Rug", "booklet", "en")


def test_missing_title_and_bad_date(tmp_path, monkeypatch):
    path = leaflet(tmp_path, monkeypatch, "reviewed: september\n")
    found = Collector()
    read_leaflet(path, found)
    errors = [str(d) for d in found.errors]
    assert any(e.startswith('folder.md:2: error: "reviewed" must be a date') for e in errors)
    assert any('needs "title:"' in e for e in errors)


def test_no_front_matter():
    with pytest.raises(HandoutsError, match="starts with front matter"):
        split_front_matter("# Kop\n", "x.md")
    with pytest.raises(HandoutsError, match="no closing"):
        split_front_matter("---\ntitle: x\n", "x.md")


def test_schema_documents_the_fields():
    doc = LEAFLET_SCHEMA.describe()
    for name in ("title", "subtitle", "series", "number", "language", "fold",
                 "reviewed", "publisher", "cover"):
        assert f"  {name}:" in doc
