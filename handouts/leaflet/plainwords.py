"""A B1 indication for a leaflet: how many of its words are outside the common ones.

Plain-language guides for patients (B1 on the CEFR scale) ask for common words.
The share of rare words is measured with `wordfreq`, a maintained package whose
frequency lists (from subtitles, web text, Wikipedia, books...) ship inside it, so
the check works offline. A word is rare when its Zipf frequency is below
`RARE_ZIPF` (3.0: fewer than one in a million words; "wandel" is 3.8,
"fysiotherapeut" 3.2, "lumbago" 2.4, "lumbale" 2.1). At 3.5, inflected everyday
words ("tilt", "buk") and "rugpijn" counted as rare in the plain sample leaflet. Names (a capital inside a sentence), numbers
and words listed under `allow_words` are not counted.

A section is "B1" when at most `B1_SHARE` of its words are rare, "B2" up to
`B2_SHARE`, and "above B2" beyond: an indication, not a test with readers.
The three hardest sentences of the leaflet are those with the most rare words,
then the longest. Messages are in the leaflet's language (nl, en; others English).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

from handouts.errors import Collector, Diagnostic, SourceRef
from handouts.leaflet.readability import Section, sentences, words

RARE_ZIPF = 3.0
B1_SHARE = 0.05
B2_SHARE = 0.10
HARDEST = 3
WORD_LISTS = {"nl": "nl", "en": "en", "de": "de", "fr": "fr", "pl": "pl", "tr": "tr", "ar": "ar"}

MESSAGES = {
    "nl": {
        "section": 'sectie "{title}": {share:.0%} zeldzame woorden ({level})',
        "rare": "zeldzame woorden: {words}",
        "above": 'sectie "{title}" heeft {share:.0%} zeldzame woorden (B1: hooguit {b1:.0%}); '
                 "kies gewonere woorden of leg ze uit: {words}",
        "hard": 'moeilijke zin ({count} woorden, zeldzaam: {rare}): "{sentence}"',
        "levels": {"B1": "B1", "B2": "B2, boven B1", "above": "moeilijker dan B2"},
        "line": "regel",
    },
    "en": {
        "section": 'section "{title}": {share:.0%} rare words ({level})',
        "rare": "rare words: {words}",
        "above": 'section "{title}" has {share:.0%} rare words (B1: at most {b1:.0%}); '
                 "choose more common words or explain them: {words}",
        "hard": 'hard sentence ({count} words, rare: {rare}): "{sentence}"',
        "levels": {"B1": "B1", "B2": "B2, above B1", "above": "harder than B2"},
        "line": "line",
    },
}


@dataclass(frozen=True)
class RareWord:
    word: str
    ref: SourceRef


@dataclass(frozen=True)
class SectionWords:
    title: str
    ref: SourceRef
    counted: int
    rare: tuple[RareWord, ...]

    @property
    def share(self) -> float:
        return len(self.rare) / self.counted if self.counted else 0.0

    @property
    def level(self) -> str:
        return "B1" if self.share <= B1_SHARE else "B2" if self.share <= B2_SHARE else "above"


@functools.lru_cache(maxsize=65536)
def is_rare(word: str, language: str) -> bool:
    """Whether `word` is outside the common words of `language`."""
    from wordfreq import zipf_frequency  # loads its lists on first use (~1 s)

    return zipf_frequency(word, WORD_LISTS.get(language, "en")) < RARE_ZIPF


def _counted(sentence: str) -> list[str]:
    """The words of a sentence that count: not names (a capital after the first word)."""
    found = words(sentence)
    return [w for i, w in enumerate(found) if i == 0 or not w[:1].isupper()]


def section_words(sections: Iterable[Section], language: str,
                  allow_words: Iterable[str] = ()) -> list[SectionWords]:
    allowed = {w.lower() for w in allow_words}
    result = []
    for section in sections:
        counted = 0
        rare: dict[str, RareWord] = {}
        for block in section.blocks:
            for sentence in sentences(block.text):
                for word in _counted(sentence):
                    counted += 1
                    low = word.lower()
                    if low not in allowed and is_rare(low, language):
                        rare.setdefault(low, RareWord(word, block.ref))
        result.append(SectionWords(section.title, section.ref, counted, tuple(rare.values())))
    return result


def hardest_sentences(sections: Iterable[Section], language: str,
                      allow_words: Iterable[str] = ()) -> list[tuple[str, SourceRef, int, int]]:
    """(sentence, line, rare words, words) of the HARDEST hardest sentences, in text order."""
    allowed = {w.lower() for w in allow_words}
    found: list[tuple[str, SourceRef, int, int, int]] = []  # ..., and the place in the text
    for section in sections:
        for block in section.blocks:
            for sentence in sentences(block.text):
                counted = _counted(sentence)
                rare = sum(1 for w in counted if w.lower() not in allowed and is_rare(w.lower(), language))
                found.append((sentence, block.ref, rare, len(words(sentence)), len(found)))
    worst = sorted(found, key=lambda f: (-f[2], -f[3], f[4]))[:HARDEST]
    return [(s, ref, rare, count) for s, ref, rare, count, _ in sorted(worst, key=lambda f: f[4])
            if rare or count > 12]


def messages(language: str) -> dict:
    return MESSAGES.get(language, MESSAGES["en"])


def b1_warnings(sections: list[Section], language: str, found: Collector,
                allow_words: Iterable[str] = ()) -> None:
    """A warning for each section above B1, naming its rare words."""
    text = messages(language)
    for section in section_words(sections, language, allow_words):
        if section.counted >= 25 and section.level != "B1":
            found.warning(section.ref, text["above"].format(
                title=section.title, share=section.share, b1=B1_SHARE,
                words=_listed(section.rare, text["line"])))


def b1_notes(sections: list[Section], language: str,
             allow_words: Iterable[str] = ()) -> list[Diagnostic]:
    """Per section its share of rare words and B1 indication, then its rare words
    at their lines, then the leaflet's hardest sentences: for `handouts check`."""
    text = messages(language)
    notes = []
    for section in section_words(sections, language, allow_words):
        if not section.counted:
            continue
        level = text["levels"][section.level]
        notes.append(Diagnostic(section.ref, text["section"].format(
            title=section.title, share=section.share, level=level), "note"))
        by_line: dict[SourceRef, list[str]] = {}
        for word in section.rare:
            by_line.setdefault(word.ref, []).append(word.word)
        for ref, found in by_line.items():
            notes.append(Diagnostic(ref, text["rare"].format(words=", ".join(found)), "note"))
    for sentence, ref, rare, count in hardest_sentences(sections, language, allow_words):
        clipped = sentence if len(sentence) <= 80 else sentence[:79].rstrip() + "…"
        notes.append(Diagnostic(ref, text["hard"].format(rare=rare, count=count, sentence=clipped), "note"))
    return notes


def _listed(rare: tuple[RareWord, ...], line: str) -> str:
    return ", ".join(f"{r.word} ({line} {r.ref.line})" for r in rare[:12]) + (" …" if len(rare) > 12 else "")
