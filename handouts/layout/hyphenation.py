"""Hyphenation for reportlab's line breaker, from pyphen, for words a reader could say.

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
    The patterns load at the first word, so a build that hyphenates nothing (an exam)
    never loads them."""

    def __init__(self, lang: str):
        self.lang = lang

    def __call__(self, word: str) -> Iterable[tuple[str, str]]:
        """Longest head first, as reportlab tries them."""
        return [(word[:i], word[i:]) for i in reversed(self.points(word))]

    def points(self, word: str) -> tuple[int, ...]:
        """Where `word` (maybe with punctuation around it) may be broken with a hyphen:
        indices into `word`, ascending, following the conventions above."""
        return _points(self.lang, word)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Hyphenation) and other.lang == self.lang

    def __hash__(self) -> int:
        return hash(self.lang)

    def __repr__(self) -> str:
        return f"Hyphenation({self.lang!r})"

    def __reduce__(self):
        return Hyphenation, (self.lang,)


def hyphenation(language_code: str) -> Hyphenation | str:
    """What a style's `hyphenationLang` gets for a pyphen language code ("" for none)."""
    return Hyphenation(language_code) if language_code else ""


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
