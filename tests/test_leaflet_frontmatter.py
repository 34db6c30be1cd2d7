"""The leaflet front matter: declared fields, defaults and errors with lines."""

import datetime as dt
from pathlib import Path

import pytest

from handouts.errors import HandoutsError
from handouts.leaflet.frontmatter import leaflet_meta
from handouts.load.content import load_document
from handouts.load.frontmatter import schema
from handouts.project import Project


def load(tmp_path, monkeypatch, front: str, body: str = "# Kop\n\nTekst.\n"):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "content" / "leaflets" / "folder.md"
    path.parent.mkdir(parents=True)
    path.write_text(f"---\n{front}---\n{body}", encoding="utf-8")
    return load_document(path, Project(tmp_path))


def messages(exc: pytest.ExceptionInfo) -> list[str]:
    return [str(d) for d in exc.value.diagnostics]


def test_defaults_and_values(tmp_path, monkeypatch):
    document = load(tmp_path, monkeypatch, "title: Rug\nnumber: 4\nreviewed: 2026-09-01\n")
    assert document.kind == "leaflet"  # from the leaflets/ folder
    meta = leaflet_meta(document.meta, document.source, document.shown)
    assert (meta.title, meta.number, meta.fold, meta.language) == ("Rug", "4", "trifold", "nl")
    assert meta.reviewed == dt.date(2026, 9, 1)
    assert meta.qr is True and meta.cover is None
    assert document.meta["numbered"] is False  # leaflet headings carry no numbers


def test_unknown_fold_gets_did_you_mean(tmp_path, monkeypatch):
    with pytest.raises(HandoutsError) as exc:
        load(tmp_path, monkeypatch, "title: Rug\nfold: tri-fold\n")
    (message,) = messages(exc)
    assert message.startswith('content/leaflets/folder.md:3: error: "fold" must be one of '
                              "trifold, booklet, single")
    assert 'did you mean "trifold"?' in message


def test_unknown_key_gets_did_you_mean(tmp_path, monkeypatch):
    with pytest.raises(HandoutsError) as exc:
        load(tmp_path, monkeypatch, "title: Rug\nreveiwed: 2026-01-01\n")
    (message,) = messages(exc)
    assert message.startswith('content/leaflets/folder.md:3: error: unknown key "reveiwed"')
    assert 'did you mean "reviewed"?' in message


def test_missing_cover_points_at_its_line(tmp_path, monkeypatch):
    document = load(tmp_path, monkeypatch, "title: Rug\nsubtitle: x\ncover: omslag.svg\n")
    with pytest.raises(HandoutsError) as exc:
        leaflet_meta(document.meta, document.source, document.shown)
    (message,) = messages(exc)
    assert message.startswith('content/leaflets/folder.md:4: error: cover image "omslag.svg"')


def test_cover_must_be_an_image(tmp_path, monkeypatch):
    with pytest.raises(HandoutsError, match='"cover" must be an image file'):
        load(tmp_path, monkeypatch, "title: Rug\ncover: omslag.pdf\n")


def test_bad_date(tmp_path, monkeypatch):
    with pytest.raises(HandoutsError) as exc:
        load(tmp_path, monkeypatch, "title: Rug\nreviewed: september\n")
    assert messages(exc)[0].startswith(
        'content/leaflets/folder.md:3: error: "reviewed" must be a date')


def test_schema_documents_the_fields():
    doc = schema("leaflet").describe()
    for name in ("title", "subtitle", "series", "number", "language", "fold",
                 "reviewed", "publisher", "cover", "qr", "allow_words"):
        assert f"  {name}:" in doc


def test_bundled_leaflet_front_matter():
    root = Path(__file__).resolve().parents[1]
    document = load_document(root / "content/leaflets/rugpijn.md", Project(root))
    meta = leaflet_meta(document.meta, document.source, document.shown)
    assert meta.fold == "trifold" and meta.cover is not None and meta.cover.is_file()
