"""Every character the author writes prints: symbols, arrows, ticks, Greek, Ĳ, emoji,
Hebrew and Arabic come out of the theme's fallback fonts, in the text (pypdf), in the
fonts (embedded) and in ink (pypdfium2); a character no font has is an error."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from conftest import fonts_used, page_texts

SYMBOLS = "≤ ≥ ≠ ≈ ± → ← ✓ ✗ √ ∞ Ĳ ĳ α Ω 😀"
RTL_HEBREW, RTL_ARABIC = "שלום עולם", "مرحبا"


def char_boxes(pdf: Path, page_index: int = 0) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Every character pdfium finds on the page, in drawing order, with its box (left,
    bottom, right, top). Read one by one: pdfium's text ranges reorder right-to-left text."""
    doc = pdfium.PdfDocument(str(pdf))
    try:
        text = doc[page_index].get_textpage()
        found, high = [], 0
        for i in range(text.count_chars()):
            code = pdfium_c.FPDFText_GetUnicode(text.raw, i)
            if 0xD800 <= code < 0xDC00:  # the first half of a character beyond U+FFFF
                high = code
                continue
            if 0xDC00 <= code < 0xE000 and high:
                code, high = 0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00), 0
            found.append((chr(code), text.get_charbox(i)))
        return found
    finally:
        doc.close()


def unprinted(pdf: Path, chars: str, page_index: int = 0, scale: float = 3.0) -> list[str]:
    """The characters of `chars` that have no ink where pdfium says they are drawn (or
    are not found on the page at all)."""
    boxes = {}
    for char, box in char_boxes(pdf, page_index):
        boxes.setdefault(char, box)
    doc = pdfium.PdfDocument(str(pdf))
    try:
        page = doc[page_index]
        height = page.get_height()
        image = page.render(scale=scale, grayscale=True).to_pil()
    finally:
        doc.close()
    missing = []
    for char in dict.fromkeys(chars):
        box = boxes.get(char)
        if box is None:
            missing.append(char)
            continue
        left, bottom, right, top = box
        crop = (int(left * scale) - 1, int((height - top) * scale) - 1,
                int(right * scale) + 2, int((height - bottom) * scale) + 2)
        if image.crop(crop).getextrema()[0] > 160:
            missing.append(char)
    return missing


def handout(project, body: str, name: str = "a", front: str = "") -> Path:
    project.write(f"content/handouts/{name}.md", f"---\ntitle: Tekens\ncourse: Cursus ≥ 1 →\n{front}---\n\n{body}\n")
    return project.root / f"build/handouts/{name}.pdf"


def test_symbols_print_everywhere_in_a_handout(project):
    pdf = handout(project, f"# Kop {SYMBOLS}\n\nTekst {SYMBOLS} en **vet ≥ 5 →**.\n\n"
                           f"| a | b |\n|---|---|\n| cel ✓ ≤ | ✗ → |\n\nNoot[^1].\n\n[^1]: Voetnoot ≠ ← √.\n")
    result = project.run("build")
    assert result.exit_code == 0, result.output
    reader = project.pdf("build/handouts/a.pdf")
    text = "".join(page_texts(reader))
    for char in SYMBOLS.replace(" ", ""):
        assert text.count(char) >= 2, char  # heading (and contents), paragraph
    assert "cel ✓ ≤" in text and "✗ →" in text and "Voetnoot ≠ ← √" in text and "Cursus ≥ 1 →" in text
    used = fonts_used(reader)
    assert all(used.values()), used
    names = {name.split("+")[-1] for name in used}
    assert {"NotoSansSymbols-Regular", "NotoSansMath-Regular", "NotoSansSymbols2-Regular", "NotoEmoji-Regular"} <= names
    # Bold text with ≥ and → uses the bold face of a fallback that has one; no family's
    # regular file is embedded a second time under a bold name.
    assert {"NotoSansMono-Bold", "NotoSansSymbols-Bold"} <= names
    assert "NotoSansMath-Bold" not in names
    assert unprinted(pdf, SYMBOLS.replace(" ", "") + "✓≤✗→≠←√") == []


def test_hebrew_and_arabic_print_right_to_left_and_joined(project):
    pdf = handout(project, f"Hebreeuws {RTL_HEBREW} en Arabisch {RTL_ARABIC} in een zin.")
    result = project.run("build")
    assert result.exit_code == 0, result.output
    boxes = char_boxes(pdf)
    # Right to left: read from right to left, the letters (and words) come in the order written.
    hebrew = sorted(((box[0], char) for char, box in boxes if "\u0590" <= char <= "\u05ff"), reverse=True)
    assert "".join(char for _, char in hebrew) == RTL_HEBREW.replace(" ", "")
    x = {char: box[0] for char, box in reversed(boxes)}  # first occurrence wins
    assert x["م"] > x["ر"] > x["ح"] > x["ب"] > x["ا"]
    reader = project.pdf("build/handouts/a.pdf")
    joined = [char for char in page_texts(reader)[0] if "\ufe70" <= char <= "\ufefc"]
    assert len(joined) == len(RTL_ARABIC), "Arabic letters are drawn in their joined forms"
    assert sorted(unicodedata.normalize("NFKC", "".join(joined))) == sorted(RTL_ARABIC)
    names = {name.split("+")[-1] for name in fonts_used(reader)}
    assert {"NotoSansHebrew-Regular", "NotoNaskhArabic-Regular"} <= names
    assert unprinted(pdf, RTL_HEBREW.replace(" ", "") + RTL_ARABIC) == []


def test_a_character_in_no_font_is_an_error_with_its_line(project):
    handout(project, "Eerste alinea.\n\nHier staat \ue000 een teken.")
    expected = ('content/handouts/a.md:8: error: "" (U+E000) is in no font of theme default (tried Noto Serif, '
                "Noto Sans, Noto Sans Symbols, Noto Sans Math, Noto Sans Mono, Noto Sans Symbols 2, "
                "Noto Sans Hebrew, Noto Naskh Arabic, Noto Emoji); add a font that has it to fonts/, or write another character")
    for command in ("build", "check"):
        result = project.run(command)
        assert result.exit_code == 1, result.output
        assert expected in result.output
    assert not (project.root / "build/handouts/a.pdf").exists()


def test_the_message_names_the_character(project):
    handout(project, "Een Linear B-teken: \U00010000.")
    result = project.run("check")
    assert result.exit_code == 1
    assert '"\U00010000" (U+10000 LINEAR B SYLLABLE B008 A) is in no font of theme default' in result.output


def test_symbols_in_a_leaflet(project):
    project.write("content/leaflets/folder.md", "---\ntitle: Oefenen ✓\nkind: leaflet\n---\n\n"
                                                "# Zo doet u het\n\nTil niet ≥ 5 kg → rust. Ĳs koelt. α-golven. "
                                                "Goed ❤\ufe0f 👍\U0001f3fd.\n")
    result = project.run("build", "content/leaflets")
    assert result.exit_code == 0, result.output
    pdfs = sorted((project.root / "build").rglob("*.pdf"))
    reader = project.pdf(str(pdfs[0].relative_to(project.root)))
    text = "".join(page_texts(reader))
    for piece in ("Oefenen ✓", "≥ 5 kg → rust", "Ĳs", "α-golven", "Goed ❤ 👍."):
        assert piece in text  # a skin tone would print as a swatch in a black-outline emoji font
    used = fonts_used(reader)
    assert all(used.values())
    names = {name.split("+")[-1] for name in used}
    assert any(n.startswith("AtkinsonHyperlegible") for n in names)
    assert "NotoSans-Regular" in names  # Greek and Ĳ, which Atkinson Hyperlegible lacks


BANK = """\
questions:
  - id: q1
    type: single
    tags: [rug]
    difficulty: 1
    stem: Welke waarde is normaal → kies ≥ of ≤?
    options:
      - text: "≥ 90 ✓"
        correct: true
      - text: "≤ 60 ✗"
    feedback: Juist ≈ 90 ± 5.
"""
SPEC = "title: Toets ≥\nbanks: [bank.yaml]\nversions: 2\nsections:\n  - title: S\n    blueprint:\n      - ids: [q1]\n"


def test_symbols_in_exam_stems_options_and_keys(project):
    project.write("content/exams/bank.yaml", BANK)
    project.write("content/exams/toets.yaml", SPEC)
    result = project.run("build", "--exam")
    assert result.exit_code == 0, result.output
    folder = next((project.root / "build/exams").iterdir())
    pdfs = sorted(p for p in folder.glob("*.pdf") if "overzicht" not in p.name)
    assert len(pdfs) >= 5  # two versions, two keys, the print file
    for pdf in pdfs:
        reader = project.pdf(str(pdf.relative_to(project.root)))
        text = "".join(page_texts(reader))
        assert "≥ 90 ✓" in text, pdf.name
        assert ("≤ 60 ✗" in text) if "sleutel" not in pdf.name else ("Juist ≈ 90 ± 5" in text), pdf.name
        assert all(fonts_used(reader).values())
    version = next(p for p in pdfs if p.name.lower().startswith(("versie", "version")))
    assert "normaal → kies ≥ of ≤" in "".join(page_texts(project.pdf(str(version.relative_to(project.root)))))
    assert unprinted(version, "→≥≤✓✗") == []


def test_a_character_in_no_font_in_an_exam_bank(project):
    project.write("content/exams/bank.yaml", BANK.replace("≤ 60 ✗", "≤ 60 \ue000"))
    project.write("content/exams/toets.yaml", SPEC)
    for command in ("build", "check"):
        result = project.run(command)
        assert result.exit_code == 1, result.output
        assert 'content/exams/bank.yaml:2: error: "" (U+E000) is in no font of theme default' in result.output


def _coverage_text() -> str:
    chars = [chr(c) for c in range(0xA1, 0x100) if c != 0xAD]  # Latin-1 (the soft hyphen shows no ink)
    chars += [chr(c) for c in range(0x100, 0x180)]  # Latin Extended-A
    chars += [chr(c) for c in range(0x2010, 0x2028)] + [chr(c) for c in range(0x2030, 0x205F)
                                                           if unicodedata.category(chr(c)) != "Zs"]
    chars += [chr(c) for c in range(0x2190, 0x2200)]  # arrows
    chars += list("±×÷≤≥≈≠°½¼¾µ‰€•…✓✗")
    chars += [chr(c) for c in range(0x391, 0x3AA) if c != 0x3A2] + [chr(c) for c in range(0x3B1, 0x3CA)]
    return "".join(dict.fromkeys(chars))


COVERAGE = _coverage_text()


@pytest.mark.parametrize("theme", sorted(p.stem for p in (Path(__file__).parent.parent / "templates/themes").glob("*.yaml")))
def test_every_character_of_a_care_or_school_text_prints_in_every_theme(project, theme):
    lines = [" ".join(COVERAGE[i:i + 30]) for i in range(0, len(COVERAGE), 30)]
    pdf = handout(project, "\n\n".join(lines), front=f"theme: {theme}\ncontents: false\n")
    result = project.run("build")
    assert result.exit_code == 0, result.output
    reader = project.pdf("build/handouts/a.pdf")
    text = "".join(page_texts(reader))
    assert [c for c in COVERAGE if c not in text] == []
    assert all(fonts_used(reader).values())
    assert len(reader.pages) == 1
    assert unprinted(pdf, COVERAGE) == []


def test_a_paragraph_never_draws_a_box_for_a_character_without_a_font():
    """The last guard, for text that reaches layout without a loader's check."""
    from handouts.errors import HandoutsError
    from handouts.layout.paragraph import Para
    from handouts.layout.theme import load_theme, paragraph_styles

    style = paragraph_styles(load_theme("default", None), "nl")["body"]
    assert [f.fontName for f in Para("a → b", style).frags] == ["NotoSerif-Regular", "NotoSansSymbols-Regular",
                                                                 "NotoSerif-Regular"]
    with pytest.raises(HandoutsError, match=r'"" \(U\+E000\) is in no font of theme default'):
        Para("a \ue000 b", style)
