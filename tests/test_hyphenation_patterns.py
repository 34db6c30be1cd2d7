"""Hyphenation patterns kept in the user's cache folder: parsed once, then read back,
with the same hyphenation points as pyphen's own parse; a damaged file is rebuilt and
a folder that cannot be written still gives a build."""

from __future__ import annotations

import os
import stat

import pyphen
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handouts.layout import hyphenation_patterns
from handouts.layout.hyphenation import Hyphenation

# Letters of the two languages' words, so most drawn words have patterns to meet.
LETTERS = "abcdefghijklmnopqrstuvwxyzëéèïöüij"
WORDS = st.text(alphabet=LETTERS, min_size=1, max_size=30)
SAMPLES = ["lettergrepen", "wervelkolom", "rugpijnklachten", "fysiotherapeut", "ontwikkeling",
           "hyphenation", "physiotherapy", "intervertebral", "rehabilitation", "beëindigen"]


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "handouts"


def _cached(lang: str):
    """A hyphenator read from a cache file that is already there (a hit)."""
    hyphenation_patterns.load(lang)
    return hyphenation_patterns.load(lang)


def test_a_miss_makes_the_cache_file_and_a_hit_reads_it(cache, monkeypatch):
    first = hyphenation_patterns.load("nl_NL")
    files = list(cache.glob("*.marshal"))
    assert [f.name for f in files] == ["hyph_nl_NL.marshal"]
    assert first.inserted("lettergrepen") == "let-ter-gre-pen"

    def no_parse(path):
        raise AssertionError("parsed again although the cache file is there")

    monkeypatch.setattr(hyphenation_patterns, "_parse", no_parse)
    assert hyphenation_patterns.load("nl_NL").inserted("lettergrepen") == "let-ter-gre-pen"


@pytest.mark.parametrize("lang", ["nl_NL", "en_GB", "en_US"])
def test_a_hit_hyphenates_the_sample_words_as_pyphen_does(cache, lang):
    ours, theirs = _cached(lang), pyphen.Pyphen(lang=lang)
    for word in SAMPLES:
        assert ours.positions(word) == theirs.positions(word)
        assert list(ours.iterate(word)) == list(theirs.iterate(word))


@pytest.fixture(scope="module")
def hits(tmp_path_factory):
    """Hyphenators read back from cache files, made once for the whole module."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("hits")))
        return {lang: _cached(lang) for lang in ("nl_NL", "en_GB")}


@settings(max_examples=300, deadline=None)
@given(word=WORDS, lang=st.sampled_from(["nl_NL", "en_GB"]))
def test_a_hit_gives_pyphens_points_for_any_word(hits, word, lang):
    assert hits[lang].positions(word) == pyphen.Pyphen(lang=lang).positions(word)


def test_nonstandard_hyphenations_survive_the_cache(cache):
    # Hungarian patterns carry "ssz=sz" style changes (pyphen's DataInt).
    ours, theirs = _cached("hu_HU"), pyphen.Pyphen(lang="hu_HU")
    for word in ("asszonnyal", "hosszú", "összeg", "kulccsal", "meggyes"):
        assert list(ours.iterate(word)) == list(theirs.iterate(word))
    assert any(p.data for w in ("asszonnyal", "kulccsal") for p in ours.positions(w))


@pytest.mark.parametrize("damage", [
    lambda data: data[: len(data) // 2],  # cut short
    lambda data: data[:-10] + b"0123456789",  # changed bytes
    lambda data: b"",  # empty
    lambda data: b"not a cache file at all",
])
def test_a_damaged_cache_file_is_rebuilt(cache, damage):
    hyphenation_patterns.load("nl_NL")
    target = cache / "hyph_nl_NL.marshal"
    good = target.read_bytes()
    target.write_bytes(damage(good))
    assert hyphenation_patterns.load("nl_NL").inserted("lettergrepen") == "let-ter-gre-pen"
    assert target.read_bytes() == good


def test_a_cache_file_from_another_pyphen_is_rebuilt(cache, monkeypatch):
    hyphenation_patterns.load("nl_NL")
    target = cache / "hyph_nl_NL.marshal"
    monkeypatch.setattr(pyphen, "__version__", "0.0.1")
    hyphenation_patterns.load("nl_NL")
    assert b"pyphen 0.0.1 " in target.read_bytes().split(b"\n", 1)[0]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_cache_folder_that_cannot_be_written_still_hyphenates(cache):
    cache.mkdir()
    cache.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        assert hyphenation_patterns.load("nl_NL").inserted("lettergrepen") == "let-ter-gre-pen"
        assert list(cache.iterdir()) == []
    finally:
        cache.chmod(stat.S_IRWXU)


def test_a_cache_folder_that_is_a_file_still_hyphenates(cache):
    cache.parent.mkdir(exist_ok=True)
    cache.write_text("a file where the folder should be")
    assert hyphenation_patterns.load("nl_NL").inserted("lettergrepen") == "let-ter-gre-pen"


def test_a_build_style_hyphenates_without_a_writable_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "file"))
    (tmp_path / "file").write_text("")
    hyphenation_patterns.hyphenator.cache_clear()
    try:
        assert ("letter", "grepen") in list(Hyphenation("nl_NL")("lettergrepen"))
    finally:
        hyphenation_patterns.hyphenator.cache_clear()
