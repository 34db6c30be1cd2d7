"""Hyphenation for reportlab's line breaker, from pyphen, for words a reader could say.

reportlab tries a word's hyphenation points from the longest head down and measures
each head, on every line the word spans: for a 10,000-letter "word" (pasted base64, a
long code) that is cubic, a minute and a half for one paragraph. No word in a dictionary
is anywhere near `LONGEST_WORD` letters, so a longer run of letters gets no hyphenation
points and reportlab breaks it between characters instead (`splitLongWords`), at once.
"""

from __future__ import annotations

from collections.abc import Iterable

from handouts.layout.hyphenation_patterns import hyphenator

# Longer than any real compound (Dutch and German ones stay well under 80 letters).
LONGEST_WORD = 100


class Hyphenation:
    """A `ParagraphStyle.hyphenationLang` callable: word → (head, tail) pairs to try.
    The patterns load at the first word, so a build that hyphenates nothing (an exam)
    never loads them."""

    def __init__(self, lang: str):
        self.lang = lang

    def __call__(self, word: str) -> Iterable[tuple[str, str]]:
        if len(word) > LONGEST_WORD:
            return ()
        return hyphenator(self.lang).iterate(word)

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
