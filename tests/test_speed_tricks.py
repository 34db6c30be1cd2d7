"""The speed tricks (replaying recorded drawings, taking a version's pages as written,
laying a leaflet's body out once, the paused cycle collector...) change how fast the
sample is made, never what it shows: built with HANDOUTS_SPEED_TRICKS=off, every page of
every PDF has the same pixels and the same text."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

from handouts.layout.speed_tricks import TRICKS, VARIABLE, tricks_on

REPO = Path(__file__).resolve().parent.parent


def _build(out: Path, tricks: str, *args: str) -> dict[str, Path]:
    env = {**os.environ, VARIABLE: tricks}
    done = subprocess.run([sys.executable, "-m", "handouts", "build", *args, "--out", str(out)],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return {str(p.relative_to(out)): p for p in sorted(out.rglob("*.pdf"))}


def _pages(path: Path) -> list[tuple[str, bytes]]:
    """Each page's text and its pixels (at 36 dpi: enough to see any glyph moved or missing)."""
    texts = [page.extract_text() for page in PdfReader(path).pages]
    document = pdfium.PdfDocument(path)
    try:
        pixels = [bytes(document[i].render(scale=0.5).to_pil().tobytes()) for i in range(len(document))]
    finally:
        document.close()
    assert len(texts) == len(pixels)
    return list(zip(texts, pixels, strict=True))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The sample (handouts, exam, leaflet) and the leaflet for every sample practice,
    each built with the tricks on and off."""
    made = {}
    for tricks in ("on", "off"):
        root = tmp_path_factory.mktemp(f"tricks-{tricks}")
        made[tricks] = {**_build(root / "sample", tricks),
                        **{f"practices/{k}": v for k, v in _build(
                            root / "practices", tricks, "content/leaflets", "--practice",
                            "content/practices").items()}}
    return made


def test_the_sample_looks_the_same_with_the_tricks_off(built):
    on, off = built["on"], built["off"]
    assert on.keys() == off.keys()
    assert any(name.endswith("alle-versies.pdf") for name in on)  # the exam's print file
    assert sum(name.startswith("practices/") for name in on) >= 4  # two practices, two outputs each
    for name in on:
        pages_on, pages_off = _pages(on[name]), _pages(off[name])
        assert len(pages_on) == len(pages_off), name
        for number, ((text_on, pixels_on), (text_off, pixels_off)) in enumerate(
                zip(pages_on, pages_off, strict=True), 1):
            assert text_on == text_off, f"{name} page {number}: the text differs with the tricks off"
            assert pixels_on == pixels_off, f"{name} page {number}: the pixels differ with the tricks off"


def test_the_switch_reads_the_environment(monkeypatch):
    monkeypatch.delenv(VARIABLE, raising=False)
    assert all(tricks_on(name) for name in TRICKS)
    monkeypatch.setenv(VARIABLE, "off")
    assert not any(tricks_on(name) for name in TRICKS)
    monkeypatch.setenv(VARIABLE, "off:exam-replay, leaflet-replay")
    assert [name for name in TRICKS if not tricks_on(name)] == ["exam-replay", "leaflet-replay"]
