"""Hyphenation for reportlab's line breaker, from pyphen, for words a reader could say.

pyphen's patterns get some compounds wrong ("door-nuitsteeksels" for doorn-uitsteeksels).
As TeX's \\hyphenation does, a list of words written with their hyphens overrides the
patterns for exactly those words: one bundled per language
(`templates/hyphenation/<language>.txt`) and a project's own (`hyphenation:` in
handouts.yaml), which wins. A word listed without hyphens is never broken.

reportlab tries a word's hyphenation points from the longest head down and measures
each head, on every line the word spans: for a 10,000-letter "word" (pasted base64, a
long code) that is cubic, a minute and a half for one paragraph. No word in a dictionary
is anywhere near `LONGEST_WORD` letters, so a longer run of letters gets no hyphenation
points and reportlab breaks it between characters instead (`splitLongWords`), at once.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from functools import lru_cache

import pyphen

from handouts.layout.hyphenation_patterns import hyphenator
from handouts.resources import builtin_dir

# Longer than any real compound (Dutch and German ones stay well under 80 letters).
LONGEST_WORD = 100
# Dutch and English book conventions: at least two letters stay before a break and three
# go after it, and a word of fewer than six letters is never broken ('te-rug', 'sa-men').
LEFT, RIGHT, SHORTEST_WORD = 2, 3, 6
# What is not a word to break: anything with a digit (a number, a dose, a date), an
# abbreviation (all capitals, or with a dot inside), an address (e-mail or web).
_NOT_A_WORD = re.compile(r"\d|@|://|^www\.|\w\.\w")
_EDGE = re.compile(r"^\W+|\W+$")


class Hyphenation:
    """A `ParagraphStyle.hyphenationLang` callable: word → (head, tail) pairs to try.
    The patterns and word lists load at the first word, so a build that hyphenates
    nothing (an exam) never loads them. `own`: the project's words, with their hyphens."""

    def __init__(self, lang: str, own: tuple[str, ...] = ()):
        self.lang = lang
        self.own = own
        self._listed: dict[str, tuple[int, ...]] | None = None
        self._memo: dict[str, tuple[int, ...]] = {}

    def __call__(self, word: str) -> Iterable[tuple[str, str]]:
        """Longest head first, as reportlab tries them."""
        return [(word[:i], word[i:]) for i in reversed(self.points(word))]

    def points(self, word: str) -> tuple[int, ...]:
        """Where `word` (maybe with punctuation around it) may be broken with a hyphen:
        indices into `word`, ascending, following the conventions above."""
        found = self._memo.get(word)
        if found is None:
            if self._listed is None:
                self._listed = listed_words(self.lang, self.own)
            listed = _listed_points(self._listed, word) if self._listed else None
            found = self._memo[word] = listed if listed is not None else _points(self.lang, word)
        return found

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Hyphenation) and (other.lang, other.own) == (self.lang, self.own)

    def __hash__(self) -> int:
        return hash((self.lang, self.own))

    def __repr__(self) -> str:
        return f"Hyphenation({self.lang!r}, {self.own!r})" if self.own else f"Hyphenation({self.lang!r})"

    def __reduce__(self):
        return Hyphenation, (self.lang, self.own)


def hyphenation(language_code: str, own: tuple[str, ...] = ()) -> Hyphenation | str:
    """What a style's `hyphenationLang` gets for a pyphen language code ("" for none),
    with the project's own words (`own`, each written with its hyphens)."""
    return Hyphenation(language_code, own) if language_code else ""


def split_points(entry: str) -> tuple[str, tuple[int, ...]]:
    """A listed word and its break points: "doorn-uit-steek-sels" → ("doornuitsteeksels",
    (5, 8, 13))."""
    parts = entry.split("-")
    points, at = [], 0
    for part in parts[:-1]:
        at += len(part)
        points.append(at)
    return "".join(parts), tuple(points)


@lru_cache(maxsize=8)
def bundled_words(language: str) -> tuple[str, ...]:
    """The bundled list of a language ('nl'): one word a line, '#' starts a comment."""
    path = builtin_dir("templates") / "hyphenation" / f"{language}.txt"
    if not path.is_file():
        return ()
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return tuple(line for line in lines if line)


@lru_cache(maxsize=8)
def listed_words(lang: str, own: tuple[str, ...]) -> dict[str, tuple[int, ...]]:
    """Lower-case word → its break points: the bundled list of the pyphen language's
    language ('nl' for nl_NL), then the project's own, which wins."""
    table = {}
    for entry in (*bundled_words(lang.split("_")[0]), *own):
        word, points = split_points(entry)
        table[word.lower()] = points
    return table


def _listed_points(table: dict[str, tuple[int, ...]], word: str) -> tuple[int, ...] | None:
    """The break points of a listed word (with the conventions' margins), or None."""
    core = _EDGE.sub("", word)
    points = table.get(core.lower())
    if points is None or len(core.lower()) != len(core):
        return None
    if len(core) < SHORTEST_WORD:
        return ()
    offset = word.index(core)
    return tuple(offset + p for p in points if LEFT <= p <= len(core) - RIGHT)


@lru_cache(maxsize=4)
def _dictionary(lang: str) -> pyphen.Pyphen:
    # the cached patterns (parsed once per machine), with this module's margins
    found = copy.copy(hyphenator(lang))
    found.left, found.right = LEFT, RIGHT
    return found


@lru_cache(maxsize=50_000)
def _points(lang: str, word: str) -> tuple[int, ...]:
    if len(word) > LONGEST_WORD or _NOT_A_WORD.search(word):
        return ()
    core = _EDGE.sub("", word)
    if len(core) < SHORTEST_WORD or not core.isalpha() or (core.isupper()):
        return ()  # short, a compound with its own hyphen or a mark inside, an abbreviation
    offset = word.index(core)
    return tuple(offset + i for i in _dictionary(lang).positions(core))
