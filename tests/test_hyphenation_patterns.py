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
    assert [f.name.rsplit("-", 1)[0] for f in files] == ["hyph_nl_NL"]
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
    (target,) = cache.glob("hyph_nl_NL-*.marshal")
    good = target.read_bytes()
    target.write_bytes(damage(good))
    assert hyphenation_patterns.load("nl_NL").inserted("lettergrepen") == "let-ter-gre-pen"
    assert target.read_bytes() == good


def test_another_pyphen_keeps_its_own_cache_file_beside(cache, monkeypatch):
    hyphenation_patterns.load("nl_NL")
    (ours,) = cache.glob("hyph_nl_NL-*.marshal")
    kept = ours.read_bytes()
    monkeypatch.setattr(pyphen, "__version__", "0.0.1")
    hyphenation_patterns.load("nl_NL")
    (theirs,) = set(cache.glob("hyph_nl_NL-*.marshal")) - {ours}
    assert b"pyphen 0.0.1 " in theirs.read_bytes().split(b"\n", 1)[0]
    assert ours.read_bytes() == kept


def _install(folder, name: str = "hyph_nl_NL.dic", patterns: bytes | None = None):
    """A copy of pyphen's Dutch dictionary in a folder of its own, as another venv has it."""
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / name
    source.write_bytes(patterns or open(pyphen.LANGUAGES["nl_NL"], "rb").read())
    return source


def _parses(monkeypatch) -> list:
    """The dictionary files parsed from now on (each a cache miss)."""
    parsed: list = []
    real = hyphenation_patterns._parse
    monkeypatch.setattr(hyphenation_patterns, "_parse", lambda path: parsed.append(path) or real(path))
    return parsed


def test_two_installs_of_the_same_user_do_not_rebuild_each_others_patterns(cache, tmp_path, monkeypatch):
    """Every venv of a user shares ~/.cache/handouts: one with other patterns (another
    pyphen), one with the same patterns installed at another time, each keeps its entry."""
    one = _install(tmp_path / "venv-one")
    other = _install(tmp_path / "venv-two", patterns=one.read_bytes().replace(b"\n", b"\n\n", 1))
    same = _install(tmp_path / "venv-three")
    os.utime(same, ns=(1, 1))  # installed at another time
    parsed = _parses(monkeypatch)
    for source in (one, other, same, one, other, same):
        monkeypatch.setitem(pyphen.LANGUAGES, "nl_NL", str(source))
        assert hyphenation_patterns.load("nl_NL").inserted("lettergrepen") == "let-ter-gre-pen"
    assert parsed == [one, other]  # the third has the first's patterns: a hit


def test_a_changed_dictionary_is_parsed_again(cache, tmp_path, monkeypatch):
    source = _install(tmp_path / "venv")
    monkeypatch.setitem(pyphen.LANGUAGES, "nl_NL", str(source))
    parsed = _parses(monkeypatch)
    hyphenation_patterns.load("nl_NL")
    stat = source.stat()
    source.write_bytes(source.read_bytes().replace(b"1", b"3", 1))  # one digit of one pattern
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size, same time: the content tells
    hyphenation_patterns.load("nl_NL")
    assert parsed == [source, source]


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
