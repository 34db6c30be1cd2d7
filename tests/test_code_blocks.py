"""Code blocks as a reader sees them: every character printed in a font that has it
(the monospace face, then the theme's fallback chain), a character no font has stops
the build at its line, and the grey background is on the page."""

from __future__ import annotations

import ctypes

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from reportlab.pdfbase import pdfmetrics

from handouts.layout.fonts import register_family
from handouts.layout.glyphs import covered

from conftest import Project

CODE = """---
title: Code
---

Voor het blok.

```
als pijn ≥ 7 → stop ✓
    ingesprongen regel
```

Na het blok.
"""


def _build(project: Project, text: str):
    project.write("content/doc.md", text)
    return project.run("build")


def _char_fonts(pdf_path) -> dict[str, set[str]]:
    """Each character of page 1 → the base names of the fonts it is drawn in."""
    doc = pdfium.PdfDocument(str(pdf_path))
    text = doc[0].get_textpage()
    out: dict[str, set[str]] = {}
    buffer = ctypes.create_string_buffer(256)
    for i in range(text.count_chars()):
        ch = chr(pdfium_c.FPDFText_GetUnicode(text.raw, i))
        flags = ctypes.c_int()
        size = pdfium_c.FPDFText_GetFontInfo(text.raw, i, buffer, 256, ctypes.byref(flags))
        name = buffer.raw[:max(size - 1, 0)].decode("latin-1").split("+")[-1]
        out.setdefault(ch, set()).add(name)
    doc.close()
    return out


def _registered(postscript_name: str) -> str:
    """The registered font whose file a PDF font (by its PostScript name) is."""
    for name in pdfmetrics.getRegisteredFontNames():
        face = getattr(pdfmetrics.getFont(name), "face", None)
        if face is not None and getattr(face, "name", b"") in (postscript_name, postscript_name.encode()):
            return name
    raise AssertionError(f"no registered font is {postscript_name}")


def test_every_character_of_a_code_block_prints_in_a_font_that_has_it(project: Project):
    result = _build(project, CODE)
    assert result.exit_code == 0, result.output
    pdf = project.root / "build/doc.pdf"
    fonts = _char_fonts(pdf)
    mono = register_family("Noto Mono")
    assert "→" not in covered(mono) and "✓" not in covered(mono)  # the monospace face lacks these
    for ch in "≥→✓":
        assert ch in fonts, f"{ch} is not in the PDF's text"
        for name in fonts[ch]:
            assert ch in covered(_registered(name)), f"{ch} is drawn in {name}, which has no glyph for it (a box)"
    assert any("Mono" in name for name in fonts["p"])  # the code itself stays monospace
    assert fonts["≥"] & fonts["p"]  # a character the face has stays in it


def test_a_character_no_font_has_stops_the_build_at_its_line_in_the_code_block(project: Project):
    result = _build(project, CODE.replace("ingesprongen regel", "ingesprongen \U0001D800 regel"))
    assert result.exit_code != 0
    assert "content/doc.md:9: error:" in result.output and "U+1D800" in result.output
    assert not (project.root / "build/doc.pdf").exists()


def test_a_code_block_has_its_grey_background(project: Project):
    result = _build(project, CODE)
    assert result.exit_code == 0, result.output
    doc = pdfium.PdfDocument(str(project.root / "build/doc.pdf"))
    page = doc[0]
    text = page.get_textpage()
    hit = text.search("ingesprongen").get_next()
    left, bottom, right, top = text.get_charbox(hit[0])
    scale = 2
    image = page.render(scale=scale).to_pil().convert("RGB")
    height = page.get_height()
    # just left of the code's first character of that line: inside the block, no ink
    x, y = int((left - 3) * scale), int((height - (bottom + top) / 2) * scale)
    pixel = image.getpixel((x, y))
    doc.close()
    assert pixel != (255, 255, 255) and max(pixel) - min(pixel) < 16 and 200 < min(pixel) < 250, pixel


def test_a_code_line_too_long_for_the_page_is_an_error_at_its_line(project: Project):
    long_line = "x = " + "een_heel_lange_naam + " * 12
    result = _build(project, CODE.replace("    ingesprongen regel", long_line))
    assert result.exit_code != 0
    assert "content/doc.md:9: error: this code line is too long for the page" in result.output
    assert not (project.root / "build/doc.pdf").exists()
