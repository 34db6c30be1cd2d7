"""pyphen's hyphenation patterns, parsed once per user rather than once per process.

Parsing a pyphen dictionary takes 50-150 ms (Dutch is the largest), which every build
paid again at start. The parsed patterns are kept in the user's cache folder
(`$XDG_CACHE_HOME/handouts` or `~/.cache/handouts`) as `marshal` data, which holds only
plain strings, numbers and tuples and loads in a tenth of the time. A cache file is
used only when it was made by the same pyphen and Python from a dictionary file of the
same content (its checksum, not its time: every venv of a user shares the folder, and
each install has its own copy) and its own checksum matches; anything else, a missing or
damaged file included, is rebuilt. Each such key has a file of its own, so installs of
different pyphen versions never rebuild each other's. When the folder cannot be written, the patterns are
parsed in memory, as pyphen does: the cache never fails a build.

pyphen has no public way to hand it patterns, so this module is the one place that
knows its `HyphDict` (`patterns`, `cache`, `maxlen`) and `Pyphen` (`hd`, `left`,
`right`) attributes; tests/test_hyphenation_patterns.py compares the hyphenation points
with pyphen's own and fails when a release changes them.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import pyphen

from handouts.user_cache import content_digest, entry, keep, read_kept

# Raised to throw away every cache file when the layout below changes.
FORMAT = 1


@functools.lru_cache(maxsize=8)
def hyphenator(lang: str) -> pyphen.Pyphen:
    """A `pyphen.Pyphen` for a language code ("nl_NL"), the same as `pyphen.Pyphen(lang=...)`
    gives, with its patterns from the user's cache when they are there; once per process."""
    return load(lang)


def load(lang: str) -> pyphen.Pyphen:
    """`hyphenator` without its memory of earlier calls: reads (or makes) the cache file."""
    path = Path(pyphen.LANGUAGES[pyphen.language_fallback(lang)])
    key = _key(path)
    target = entry(path.stem, key)
    patterns = read_kept(target, key)
    if not _well_formed(patterns):
        patterns = _parse(path)
        keep(target, key, patterns)
    return _pyphen(patterns)


def _key(path: Path) -> str:
    return (f"handouts-hyphenation {FORMAT} pyphen {pyphen.__version__} python "
            f"{sys.version_info[0]}.{sys.version_info[1]} {path.name} {content_digest(path)}")


def _parse(path: Path) -> dict:
    """pyphen's parse, as plain data: {pattern: (start, values)}, and apart from it the
    nonstandard hyphenations that some patterns carry ({pattern: [(index, data)]})."""
    parsed = pyphen.HyphDict(path).patterns
    patterns, alternatives = {}, {}
    for text, (start, values) in parsed.items():
        patterns[text] = start, tuple(int(v) for v in values)
        extra = [(i, v.data) for i, v in enumerate(values) if getattr(v, "data", None)]
        if extra:
            alternatives[text] = extra
    return {"patterns": patterns, "alternatives": alternatives, "maxlen": max(map(len, patterns))}


def _well_formed(patterns: object) -> bool:
    """Whether kept data has the shape `_parse` gives (a file of another shape is made again)."""
    return (isinstance(patterns, dict) and isinstance(patterns.get("patterns"), dict)
            and isinstance(patterns.get("alternatives"), dict) and isinstance(patterns.get("maxlen"), int))


def _pyphen(patterns: dict) -> pyphen.Pyphen:
    """A `pyphen.Pyphen` (left=2, right=2, its defaults) on these patterns, without parsing."""
    table = patterns["patterns"]
    for text, extra in patterns["alternatives"].items():
        start, values = table[text]
        values = list(values)
        for index, data in extra:
            values[index] = pyphen.DataInt(values[index], data=tuple(data))
        table[text] = start, tuple(values)
    patterns_dict = pyphen.HyphDict.__new__(pyphen.HyphDict)
    patterns_dict.patterns = table
    patterns_dict.cache = {}
    patterns_dict.maxlen = patterns["maxlen"]
    result = pyphen.Pyphen.__new__(pyphen.Pyphen)
    result.left, result.right = 2, 2
    result.hd = patterns_dict
    return result
