"""Plain-language checks for patient leaflets.

Per section: the Flesch-Douma score (Dutch) or Flesch reading ease (English),
and warnings at `path:line` for sentences over 20 words and very long words.

Syllables come from pyphen's hyphenation dictionaries. textstat was considered:
its Dutch score is the same Douma formula on pyphen, but it pulls in nltk and
downloads a dictionary at run time for English, which an offline build cannot do.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import pyphen

from handouts.errors import Collector, Diagnostic, SourceRef
from handouts.layout.hyphenation_patterns import hyphenator

MAX_SENTENCE_WORDS = 20
MAX_WORD_LETTERS = 15  # longer words are flagged, e.g. "arbeidsongeschiktheid"
MIN_SCORE = 60.0  # below this a section is "fairly difficult" on both scales
MIN_WORDS_FOR_SCORE = 25  # a score on a few words says little

# (base, per word per sentence, per syllable per word)
FORMULAS = {
    "nl": (206.835, 0.93, 77.0),  # Flesch-Douma (1960)
    "en": (206.835, 1.015, 84.6),  # Flesch reading ease (1948)
}
_DICTIONARIES = {"nl": "nl_NL", "en": "en_US"}
_LEVELS = ((90, "very easy"), (80, "easy"), (70, "fairly easy"), (60, "plain"),
           (50, "fairly difficult"), (30, "difficult"), (-1000, "very difficult"))

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
# A sentence ends at . ! or ? followed by a space and a capital, digit or quote.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'‘“(]?[A-Z0-9À-Ý])")
_ABBREVIATIONS = re.compile(
    r"\b(?:bijv|bv|o\.a|d\.w\.z|m\.a\.w|nr|tel|dr|drs|mr|mevr|dhr|ca|enz|etc|e\.g|i\.e|vs|St)\.$",
    re.IGNORECASE,
)
_DUTCH_VOWELS = re.compile(r"ij|[aeiouy]+|[áéíóúàèëïöüäâêîôû]", re.IGNORECASE)


@dataclass(frozen=True)
class TextBlock:
    """A paragraph, list item or caption with the line it starts on."""

    text: str
    ref: SourceRef


@dataclass(frozen=True)
class Section:
    """The text under one heading."""

    title: str
    ref: SourceRef
    blocks: tuple[TextBlock, ...]


@dataclass(frozen=True)
class SectionScore:
    title: str
    ref: SourceRef
    words: int
    sentences: int
    syllables: int
    score: float | None  # None when the section is too short to score

    @property
    def level(self) -> str:
        if self.score is None:
            return "too short to score"
        return next(name for floor, name in _LEVELS if self.score >= floor)


def _hyphenator(language: str) -> pyphen.Pyphen:
    return hyphenator(_DICTIONARIES[language])


def count_syllables(word: str, language: str) -> int:
    """Syllables in one word: hyphenation points plus one.

    Dictionaries never split a word's first or last letter off ("eten" stays
    whole), so for Dutch the count of vowel groups is taken when it is larger.
    """
    by_dictionary = len(_hyphenator(language).positions(word.lower())) + 1
    if language != "nl":
        return by_dictionary
    return max(by_dictionary, len(_DUTCH_VOWELS.findall(word)))


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def sentences(text: str) -> list[str]:
    """Sentences in a block of text; abbreviations such as "bijv." do not end one."""
    parts: list[str] = []
    for piece in _SENTENCE_END.split(" ".join(text.split())):
        if parts and _ABBREVIATIONS.search(parts[-1]):
            parts[-1] += " " + piece
        else:
            parts.append(piece)
    return [p for p in parts if words(p)]


def reading_ease(word_count: int, sentence_count: int, syllable_count: int,
                 language: str) -> float:
    """Flesch-Douma (nl) or Flesch reading ease (en); higher is easier, ~0 to 100."""
    base, per_sentence, per_syllable = FORMULAS[language]
    return (base - per_sentence * word_count / sentence_count
            - per_syllable * syllable_count / word_count)


def score_text(text: str, language: str) -> float:
    """The reading-ease score of a piece of text (for tests and quick checks)."""
    found = sentences(text)
    all_words = [w for s in found for w in words(s)]
    syllables = sum(count_syllables(w, language) for w in all_words)
    return reading_ease(len(all_words), len(found), syllables, language)


def check_sections(sections: Iterable[Section], language: str, found: Collector,
                   allow_words: Iterable[str] = ()) -> list[SectionScore]:
    """Score every section; long sentences and words become warnings in `found`."""
    allowed = {w.lower() for w in allow_words}
    scorable = language in FORMULAS  # reading-ease formulas exist for nl and en only
    scores = []
    for section in sections:
        n_words = n_sentences = n_syllables = 0
        for block in section.blocks:
            for sentence in sentences(block.text):
                sentence_words = words(sentence)
                n_words += len(sentence_words)
                n_sentences += 1
                if scorable:
                    n_syllables += sum(count_syllables(w, language) for w in sentence_words)
                if len(sentence_words) > MAX_SENTENCE_WORDS:
                    found.warning(block.ref, f"sentence of {len(sentence_words)} words "
                                  f"(plain language: at most {MAX_SENTENCE_WORDS}); split it: "
                                  f'"{_clip(sentence)}"')
            for word in dict.fromkeys(words(block.text)):
                letters = len(re.sub(r"[-'’]", "", word))
                if letters > MAX_WORD_LETTERS and word.lower() not in allowed:
                    found.warning(block.ref, f'long word "{_clip(word)}" ({letters} letters); use a '
                                  "shorter or more common word, or explain it and list it "
                                  "under allow_words in the front matter")
        score = None
        if scorable and n_words >= MIN_WORDS_FOR_SCORE:
            score = round(reading_ease(n_words, n_sentences, n_syllables, language), 1)
            if score < MIN_SCORE:
                found.warning(section.ref, f'section "{section.title}" scores {score} '
                              f"({'Flesch-Douma' if language == 'nl' else 'Flesch'}; "
                              f"aim for {MIN_SCORE:.0f} or more): use shorter sentences "
                              "and shorter words")
        scores.append(SectionScore(section.title, section.ref, n_words, n_sentences,
                                   n_syllables, score))
    return scores


def score_notes(scores: Iterable[SectionScore], language: str) -> list[Diagnostic]:
    """One note per section with its score, for `handouts check` to list at path:line:
    `rug.md:15: note: section "Blijf bewegen": Flesch-Douma 74 (fairly easy); ...`."""
    scale = "Flesch-Douma" if language == "nl" else "Flesch reading ease"
    notes = []
    for section in scores:
        if section.words == 0:  # a heading straight above its subsections
            continue
        if section.score is None:
            shown = f"{section.level} ({section.words} words)"
        else:
            shown = (f"{scale} {section.score:.0f} ({section.level}); {section.words} words, "
                     f"{section.words / section.sentences:.1f} per sentence")
        notes.append(Diagnostic(section.ref, f'section "{section.title}": {shown}', "note"))
    return notes


def _clip(sentence: str, length: int = 60) -> str:
    return sentence if len(sentence) <= length else sentence[: length - 1].rstrip() + "…"


_TAGS = re.compile(r"<[^>]*>")


def document_sections(blocks: Iterable[Any], max_level: int = 2) -> list[Section]:
    """The sections of a loaded document: the text under each heading up to `max_level`.

    Text before the first heading forms a section titled "(introduction)". Figures
    are left out; list items and callouts are ordinary text blocks.
    """
    sections: list[Section] = []
    title, ref, texts = "(introduction)", None, list[TextBlock]()
    for block in _flatten(blocks):
        if block.kind == "heading" and block.level <= max_level:
            if texts or ref is not None:
                sections.append(Section(title, ref or texts[0].ref, tuple(texts)))
            title, ref, texts = block.plain, block.ref, []
        elif block.kind in ("paragraph", "heading"):
            texts.append(TextBlock(_plain(block.text), block.ref))
    if texts or ref is not None:
        sections.append(Section(title, ref or texts[0].ref, tuple(texts)))
    return sections


def _flatten(blocks: Iterable[Any]) -> Iterator[Any]:
    for block in blocks:
        if block.kind == "list":
            for item in block.items:
                yield from _flatten(item)
        elif block.kind in ("callout", "sidenote"):
            yield from _flatten(block.blocks)
        else:
            yield block


# Web and e-mail addresses (a link's printed address included): not words to read.
# The first kind starts where a run of non-space starts (or after "("): tried from every
# letter of a 10,000-letter run instead, it cost seconds; the matches are the same.
_ADDRESS = re.compile(r"\(?(?:(?<![^\s(])\S*?(?:https?://|www\.|@|\.[a-z]{2,}/)\S*?|\b[\w-]{2,}(?:\.[\w-]+)*\.[a-z]{2,}\b)"
                      r"(?=[.,;:!?)]*(?:\s|$))\)?", re.IGNORECASE)


def _plain(markup: str) -> str:
    """Paragraph markup as the reader sees it, without web and e-mail addresses."""
    return _ADDRESS.sub(" ", html.unescape(_TAGS.sub("", markup.replace("<br/>", " "))))
