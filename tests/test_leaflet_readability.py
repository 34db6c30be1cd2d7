"""Plain-language checks: scores on known sentences, warnings at path:line."""

import pytest

from handouts.errors import Collector, SourceRef
from handouts.leaflet.readability import (
    Section,
    TextBlock,
    check_sections,
    count_syllables,
    document_sections,
    reading_ease,
    score_notes,
    score_text,
    sentences,
)
from handouts.load.content import load_document
from handouts.project import Project


def test_formulas():
    # Flesch-Douma: 206.835 - 0.93 * words/sentence - 77 * syllables/word
    assert reading_ease(10, 1, 10, "nl") == pytest.approx(206.835 - 9.3 - 77)
    # Flesch reading ease: 206.835 - 1.015 * words/sentence - 84.6 * syllables/word
    assert reading_ease(10, 2, 15, "en") == pytest.approx(206.835 - 5.075 - 126.9)


def test_known_sentences():
    # 6 one-syllable words in one sentence.
    assert score_text("The cat sat on the mat.", "en") == pytest.approx(116.145)
    # "De kat zit op de mat." 6 words, 6 syllables; "Het is een fij-ne dag." 5 words, 6.
    assert score_text("De kat zit op de mat. Het is een fijne dag.", "nl") == pytest.approx(
        206.835 - 0.93 * 11 / 2 - 77 * 12 / 11)
    hard = ("Fysiotherapeutische behandelingsmogelijkheden worden individueel "
            "geëvalueerd door gekwalificeerde zorgverleners.")
    assert score_text(hard, "nl") < 0


@pytest.mark.parametrize("word, language, expected", [
    ("eten", "nl", 2), ("idee", "nl", 2), ("bewegen", "nl", 3), ("knieën", "nl", 2),
    ("fysiotherapeut", "nl", 6), ("rug", "nl", 1), ("reading", "en", 2), ("the", "en", 1),
])
def test_syllables(word, language, expected):
    assert count_syllables(word, language) == expected


def test_sentences_do_not_end_at_abbreviations():
    assert sentences("Neem bijv. een pijnstiller. Dat helpt! Echt?  Ja.") == [
        "Neem bijv. een pijnstiller.", "Dat helpt!", "Echt?", "Ja."]


def test_long_sentence_and_long_word_warnings():
    long_sentence = " ".join(["woord"] * 21) + "."
    section = Section("Kop", SourceRef("f.md", 3), (
        TextBlock(long_sentence, SourceRef("f.md", 5)),
        TextBlock("Een arbeidsongeschiktheidsverzekering is duur.", SourceRef("f.md", 7)),
        TextBlock("Het kwaliteitsregister helpt.", SourceRef("f.md", 8)),
    ))
    found = Collector()
    (score,) = check_sections([section], "nl", found, allow_words=["Kwaliteitsregister"])
    warnings = [str(d) for d in found.warnings]
    assert warnings[0].startswith("f.md:5: warning: sentence of 21 words (plain language: at most 20)")
    assert warnings[1].startswith('f.md:7: warning: long word "arbeidsongeschiktheidsverzekering"')
    assert len(warnings) == 2  # the allowed word is not flagged
    assert score.words == 21 + 4 + 3 and score.sentences == 3
    assert found.errors == []


def test_difficult_section_is_flagged_and_strict_makes_it_an_error():
    text = ("Fysiotherapeutische interventies bevorderen aantoonbaar functionele "
            "verbeteringen bij patiënten met chronische lumbale klachten. ") * 3
    found = Collector()
    (score,) = check_sections([Section("Moeilijk", SourceRef("f.md", 1),
                                       (TextBlock(text, SourceRef("f.md", 2)),))], "nl", found)
    assert score.score is not None and score.score < 30 and score.level == "very difficult"
    assert any('section "Moeilijk" scores' in d.message for d in found.warnings)
    found.raise_if_errors()  # warnings alone pass
    with pytest.raises(Exception, match="error: section"):
        found.raise_if_errors(strict=True)


def test_short_sections_get_no_score():
    found = Collector()
    (score,) = check_sections([Section("Kort", SourceRef("f.md", 1),
                                       (TextBlock("Blijf bewegen.", SourceRef("f.md", 2)),))],
                              "nl", found)
    assert score.score is None and found.items == []


def test_document_sections_keep_lines(tmp_path):
    path = tmp_path / "content" / "leaflets" / "f.md"
    path.parent.mkdir(parents=True)
    path.write_text(
        "---\ntitle: T\n---\n\nInleiding hier.\n\n# Eerste\n\nTekst **vet** &amp; meer.\n\n"
        "::: tip\nEen tip.\n:::\n\n- een\n- twee\n\n"
        "![Goed](a.svg \"Goed\"){#fig-a}\n\n## Sub\n\nMeer.\n", encoding="utf-8")
    (path.parent / "a.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><rect width="9" height="9"/></svg>')
    document = load_document(path, Project(tmp_path))
    sections = document_sections(document.blocks)
    assert [(s.title, s.ref.line) for s in sections] == [
        ("(introduction)", 5), ("Eerste", 7), ("Sub", 20)]
    assert [(b.text, b.ref.line) for b in sections[1].blocks] == [
        ("Tekst vet & meer.", 9), ("Een tip.", 12), ("een", 15), ("twee", 16)]


def test_every_section_gets_a_note_with_its_score():
    easy = Section("Blijf bewegen", SourceRef("f.md", 7), (TextBlock(
        "Wandel elke dag een stuk. Fiets naar de winkel. Neem de trap. " * 3,
        SourceRef("f.md", 9)),))
    short = Section("Kort", SourceRef("f.md", 12), (TextBlock("Blijf bewegen.", SourceRef("f.md", 13)),))
    found = Collector()
    scores = check_sections([easy, short], "nl", found)
    notes = [str(n) for n in score_notes(scores, "nl")]
    assert notes[0].startswith(f'f.md:7: note: section "Blijf bewegen": Flesch-Douma '
                               f"{scores[0].score:.0f} (very easy); 36 words, 4.0 per sentence")
    assert notes[1] == 'f.md:12: note: section "Kort": too short to score (2 words)'
    assert "Flesch reading ease" in str(score_notes(scores, "en")[0])


def test_sample_leaflet_notes_point_at_the_headings():
    from handouts.leaflet.make import leaflet_notes

    from conftest import REPO

    document = load_document(REPO / "content/leaflets/rugpijn.md", Project(REPO))
    # the reading-ease notes; the B1 notes (rare words, hard sentences) come after them
    notes = [n for n in leaflet_notes(document) if "Flesch" in n.message or "score" in n.message]
    sections = document_sections(document.blocks)
    # "Tips voor elke dag" has only subsections: no note of its own
    assert [n.ref for n in notes] == [s.ref for s in sections if s.title != "Tips voor elke dag"]
    assert all(n.severity == "note" and "Flesch-Douma" in n.message for n in notes
               if "too short" not in n.message)
    assert str(notes[0]).startswith('content/leaflets/rugpijn.md:15: note: section "Rugpijn gaat meestal over"')
