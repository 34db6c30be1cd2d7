"""A build reads only the font files it draws with: the characters of the others (a
theme's fallback chain) come from the user's cache folder, made from reportlab's own
reading of each file. The check "no font of the theme has this character" stays exact,
and the PDFs are the same bytes whether the cache was there or not."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.pdfbase.ttfonts import TTFont

from handouts.layout import font_facts
from handouts.layout.fonts import SubsetFont

from conftest import REPO, fonts_used, page_texts

FONT_FILES = sorted((REPO / "fonts").rglob("*.ttf"))


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "handouts" / "fonts"


def _read_by_reportlab(path: Path) -> tuple[bytes, frozenset[str]]:
    face = TTFont("plain", str(path)).face
    return bytes(face.name), frozenset(chr(code) for code in face.charToGlyph if code)


@pytest.mark.parametrize("path", FONT_FILES, ids=[p.name for p in FONT_FILES])
def test_a_font_from_the_cache_has_the_characters_reportlab_reads(cache, path):
    made = SubsetFont("made", str(path))  # a miss: read, and kept
    kept = SubsetFont("kept", str(path))  # a hit: not read
    assert "_unread" not in vars(made) and "_unread" in vars(kept)
    name, characters = _read_by_reportlab(path)
    assert made.characters == characters == kept.characters
    assert kept.face.name == name  # reportlab files the font by it, unread
    assert "_unread" in vars(kept)
    assert kept.stringWidth("Wervel", 10) == made.stringWidth("Wervel", 10)  # read now
    assert "_unread" not in vars(kept) and kept.face.charToGlyph == made.face.charToGlyph


def test_an_edited_font_file_is_read_again(cache, tmp_path):
    font = tmp_path / "Eigen-Regular.ttf"
    shutil.copy(REPO / "fonts/fallback/NotoSansHebrew-Regular.ttf", font)
    assert "\u05d0" in SubsetFont("one", str(font)).characters
    shutil.copy(REPO / "fonts/fallback/NotoSansSymbols-Regular.ttf", font)  # same name, other font
    os.utime(font, ns=(1, 1))
    again = SubsetFont("two", str(font))
    assert "_unread" not in vars(again)  # the kept facts were of the old file
    assert again.characters == _read_by_reportlab(font)[1] and "\u05d0" not in again.characters
    assert "_unread" in vars(SubsetFont("three", str(font)))


def test_two_reportlab_versions_keep_their_own_facts_of_one_font(cache, monkeypatch):
    """Two venvs (another reportlab) building one project read its fonts once each."""
    path = REPO / "fonts/fallback/NotoSansMath-Regular.ttf"
    SubsetFont("one", str(path))
    ours = font_facts.reportlab.Version
    monkeypatch.setattr(font_facts.reportlab, "Version", "0.0.1")
    SubsetFont("two", str(path))
    monkeypatch.setattr(font_facts.reportlab, "Version", ours)
    facts = [p for p in cache.iterdir() if "-face-" not in p.name]  # not reportlab's readings
    assert len(facts) == 2 and font_facts.read(path) is not None


@pytest.mark.parametrize("damage", [b"", b"garbage", b"handouts-font-facts 1 x\n\x00\x01"])
def test_a_damaged_cache_file_is_made_again(cache, damage):
    path = REPO / "fonts/fallback/NotoSansMath-Regular.ttf"
    SubsetFont("one", str(path))
    (kept,) = [p for p in cache.iterdir() if "-face-" not in p.name]  # not reportlab's reading
    kept.write_bytes(damage if damage else kept.read_bytes()[:-7])
    font = SubsetFont("two", str(path))
    assert "_unread" not in vars(font) and font.characters == _read_by_reportlab(path)[1]
    assert font_facts.read(path) is not None


def test_a_cache_folder_that_cannot_be_written_still_gives_the_characters(tmp_path, monkeypatch):
    (tmp_path / "file").write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "file"))
    path = REPO / "fonts/fallback/NotoSansSymbols2-Regular.ttf"
    for name in ("one", "two"):
        assert SubsetFont(name, str(path)).characters == _read_by_reportlab(path)[1]


BUILD = textwrap.dedent("""
    import sys
    from pathlib import Path
    from reportlab.pdfbase import pdfmetrics
    from handouts.build import build
    from handouts.layout.fonts import SubsetFont
    from handouts.products import Options
    from handouts.project import load_project
    project = load_project(Path.cwd())
    report = build([project.content_dir], project, Options(), out_dir=Path(sys.argv[1]))
    assert not report.failed, [str(d) for d in report.diagnostics]
    fonts = [pdfmetrics.getFont(name) for name in pdfmetrics.getRegisteredFontNames()]
    print(" ".join(sorted({Path(font.face.filename).stem for font in fonts
                           if isinstance(font, SubsetFont) and "_unread" not in vars(font)})))
""")


def _build(root: Path, out: str, cache: Path) -> list[str]:
    env = dict(os.environ, XDG_CACHE_HOME=str(cache))
    done = subprocess.run([sys.executable, "-c", BUILD, str(root / out)], capture_output=True, text=True,
                          cwd=root, env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_a_handout_reads_only_the_fonts_it_draws_with_and_prints_the_same(project, tmp_path):
    project.write("content/plain.md", "---\ntitle: Les\n---\n\nDe spieren van de rug.\n")
    project.write("content/signs.md", "---\ntitle: Tekens\n---\n\nMeer dan ≥ 5 → ✓ en שלום.\n")
    cold = _build(project.root, "cold", tmp_path / "cache")
    warm = _build(project.root, "warm", tmp_path / "cache")
    for name in ("plain.pdf", "signs.pdf"):
        assert (project.root / "cold" / name).read_bytes() == (project.root / "warm" / name).read_bytes()
    assert len(cold) >= 19  # without a cache every font file of the theme is read
    # With it: the faces drawn with (body, heading), and the fallbacks the signs need.
    assert set(warm) == {"NotoSerif-Regular", "NotoSans-Regular", "NotoSans-Bold", "NotoSansMath-Regular",
                         "NotoSansSymbols-Regular", "NotoSansSymbols2-Regular", "NotoSansHebrew-Regular"}, warm
    signs = PdfReader(project.root / "warm" / "signs.pdf")
    assert "Meer dan ≥ 5 → ✓ en" in "".join(page_texts(signs))
    names = {name.split("+")[-1] for name in fonts_used(signs)}
    assert {"NotoSansMath-Regular", "NotoSansHebrew-Regular"} <= names


def test_a_character_in_no_font_is_still_an_error_with_a_warm_cache(project, tmp_path):
    project.write("content/a.md", "---\ntitle: Les\n---\n\nEen teken \U0001d11e hier.\n")
    for round_ in ("cold", "warm"):
        done = subprocess.run([sys.executable, "-m", "handouts", "build", "--out", round_], cwd=project.root,
                              capture_output=True, text=True, env=dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "c")))
        assert done.returncode == 1, done.stderr
        assert "content/a.md:5: error:" in done.stderr and "U+1D11E" in done.stderr, done.stderr


def test_a_read_cut_short_by_an_interrupt_is_tried_again(cache, monkeypatch):
    """Ctrl-C or SIGTERM while a font file is read must not leave a font that is neither
    unread nor read: the clean-up after an interrupt measures text too."""
    path = REPO / "fonts/fallback/NotoSansHebrew-Regular.ttf"
    SubsetFont("warm", str(path))  # its facts are kept; the next one starts unread
    font = SubsetFont("cut", str(path))
    assert "_unread" in vars(font)
    real = SubsetFont._read

    def interrupted(self, *args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(SubsetFont, "_read", interrupted)
    with pytest.raises((KeyboardInterrupt, AttributeError)):  # reportlab's C code renames it
        font.stringWidth("\u05d0", 10)
    monkeypatch.setattr(SubsetFont, "_read", real)
    assert font.stringWidth("\u05d0", 10) > 0  # read now, whole


@pytest.mark.parametrize("damage", [b"", b"garbage", b"handouts-font-face 1 x\n\x00\x01"])
def test_a_damaged_kept_reading_of_a_font_is_read_again(cache, damage):
    path = REPO / "fonts/fallback/NotoSansMath-Regular.ttf"
    first = SubsetFont("one", str(path))
    first.stringWidth("x", 10)  # read: reportlab's reading kept
    (kept,) = [p for p in cache.iterdir() if "-face-" in p.name]
    kept.write_bytes(damage if damage else kept.read_bytes()[:-7])
    again = SubsetFont("two", str(path))
    assert again.stringWidth("∑x", 10) == first.stringWidth("∑x", 10)
    assert again.face.charToGlyph == TTFont("plain", str(path)).face.charToGlyph
    assert font_facts.read_face(path) is not None  # kept again


def test_the_pdfs_are_the_same_with_and_without_the_kept_font_readings(tmp_path):
    """A build that reads its fonts from the cache writes the bytes of one that parses them."""
    made = []
    for run in ("cold", "warm"):
        out = tmp_path / run
        env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"))
        subprocess.run([sys.executable, "-m", "handouts", "build", "content/handouts/03-de-rug.md", "--out", str(out)],
                       cwd=REPO, env=env, check=True, capture_output=True)
        made.append((out / "handouts" / "03-de-rug.pdf").read_bytes())
    assert any("-face-" in p.name for p in (tmp_path / "cache" / "handouts" / "fonts").iterdir())
    assert made[0] == made[1]
