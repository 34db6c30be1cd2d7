"""The B1 indication: rare words per section (wordfreq), the hardest sentences,
messages in the leaflet's language."""

from __future__ import annotations

from handouts.errors import Collector, SourceRef
from handouts.leaflet.plainwords import b1_notes, b1_warnings, is_rare, section_words
from handouts.leaflet.readability import Section, TextBlock

EASY = ("Blijf in beweging. Wandel elke dag een stukje. Doe rustig aan als het pijn doet. "
        "Ga niet te lang in bed liggen. Vraag uw fysiotherapeut om hulp als het niet beter gaat.")
HARD = ("De lumbale wervelkolom vertoont degeneratieve afwijkingen. Paravertebrale musculatuur "
        "reageert met hypertonie en nociceptieve sensitisatie bij langdurige immobilisatie.")


def section(text: str, title: str = "Wat u kunt doen", line: int = 5) -> Section:
    return Section(title, SourceRef("rug.md", line - 1), (TextBlock(text, SourceRef("rug.md", line)),))


def test_common_and_rare_words():
    assert not is_rare("wandel", "nl") and not is_rare("beweging", "nl")
    assert is_rare("lumbale", "nl") and is_rare("nociceptieve", "nl")
    assert not is_rare("walk", "en") and is_rare("nociceptive", "en")


def test_an_easy_section_is_b1_and_a_hard_one_is_not():
    easy, hard = section_words([section(EASY), section(HARD, "Oorzaak", 9)], "nl")
    assert easy.level == "B1" and easy.share <= 0.05
    assert hard.level == "above"
    assert {r.word for r in hard.rare} >= {"lumbale", "nociceptieve"}
    assert all(r.ref.line == 9 for r in hard.rare)


def test_names_and_allowed_words_do_not_count():
    [found] = section_words([section("Bel Sanne Bakker als het pijn doet. Lumbale pijn is vaak.")],
                            "nl", allow_words=["lumbale"])
    assert not found.rare


def test_dutch_messages_with_lines_and_hardest_sentences():
    found = Collector()
    b1_warnings([section(EASY * 2), section(HARD * 2, "Oorzaak", 9)], "nl", found)
    [warning] = found.items
    assert warning.ref.line == 8 and 'sectie "Oorzaak"' in warning.message
    assert "lumbale (regel 9)" in warning.message
    notes = [str(n) for n in b1_notes([section(EASY), section(HARD, "Oorzaak", 9)], "nl")]
    assert any('sectie "Wat u kunt doen": 0% zeldzame woorden (B1)' in n for n in notes)
    assert "rug.md:9: note: zeldzame woorden: lumbale, degeneratieve, Paravertebrale, musculatuur, hypertonie, nociceptieve, sensitisatie, immobilisatie" in notes
    hard = [n for n in notes if "moeilijke zin" in n]
    assert len(hard) == 2 and all("rug.md:9:" in n for n in hard)  # easy short sentences are not listed


def test_english_messages_and_english_fallback():
    notes = [str(n) for n in b1_notes([section(HARD)], "fr")]
    assert any("rare words" in n for n in notes)
