"""Shared test helpers: small projects written into tmp_path, and PDF readers that
look at what a reader sees (text per page, fonts, outline, pixels)."""

from __future__ import annotations

import os
import tempfile
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from handouts.cli import main

REPO = Path(__file__).resolve().parent.parent

STANDARD_14 = {
    "Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique",
    "Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique",
    "Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic", "Symbol", "ZapfDingbats",
}

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">'
    '<rect x="10" y="10" width="180" height="80" fill="#2b5d8a"/>'
    '<text x="100" y="55" font-family="sans-serif" font-size="14" fill="#fff" text-anchor="middle">Wervel</text>'
    "</svg>"
)


class Project:
    """A throw-away user project: write files, run the CLI, read the PDFs."""

    def __init__(self, root: Path):
        self.root = root
        (root / "content").mkdir(parents=True, exist_ok=True)

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def run(self, *args: str):
        runner = CliRunner()
        old = os.getcwd()
        os.chdir(self.root)
        try:
            return runner.invoke(main, list(args), catch_exceptions=False)
        finally:
            os.chdir(old)

    def pdf(self, relative: str) -> PdfReader:
        return PdfReader(self.root / relative)


@pytest.fixture(autouse=True, scope="session")
def _own_cache_folder(tmp_path_factory: pytest.TempPathFactory):
    """Builds under test keep their hyphenation patterns in a cache folder of the
    test run, never in the user's own (~/.cache/handouts)."""
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if before is None:
        del os.environ["XDG_CACHE_HOME"]
    else:
        os.environ["XDG_CACHE_HOME"] = before


@pytest.fixture(autouse=True, scope="session")
def _own_temporary_folder(tmp_path_factory: pytest.TempPathFactory):
    """Temporary files made under test (by the tests, the library or a child process)
    go into the test run's own folder, never the system's /tmp."""
    folder = str(tmp_path_factory.mktemp("system-tmp"))
    before, before_env = tempfile.tempdir, os.environ.get("TMPDIR")
    tempfile.tempdir, os.environ["TMPDIR"] = folder, folder
    yield
    tempfile.tempdir = before
    if before_env is None:
        del os.environ["TMPDIR"]
    else:
        os.environ["TMPDIR"] = before_env


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path / "proj")


def page_texts(reader: PdfReader) -> list[str]:
    return [page.extract_text() or "" for page in reader.pages]


def fonts_used(reader: PdfReader) -> dict[str, bool]:
    """Every font the PDF references → whether its program is embedded."""
    found: dict[str, bool] = {}

    def visit(resources) -> None:
        if not resources:
            return
        resources = resources.get_object()
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            name = str(font.get("/BaseFont", "")).lstrip("/")
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            embedded = bool(descriptor) and any(
                k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            found[name] = embedded
        for xobject in (resources.get("/XObject") or {}).values():
            xobject = xobject.get_object()
            visit(xobject.get("/Resources"))

    for page in reader.pages:
        visit(page.get("/Resources"))
    return found


def outline_titles(reader: PdfReader) -> list[str]:
    titles: list[str] = []

    def walk(items) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    return titles


def write_figure_exam(root: Path, second_stem: str, versions: int, ids: str) -> Path:
    """An exam project under `root` whose question f1 shows a PNG in its stem; f2 has
    `second_stem`. The blueprint draws `ids` (e.g. "f1, f2"). Returns the exams folder."""
    from PIL import Image

    exams = root / "content/exams"
    exams.mkdir(parents=True)
    Image.new("RGB", (40, 20), "navy").save(exams / "wervel.png")
    (exams / "bank.yaml").write_text(
        "questions:\n"
        "  - id: f1\n    type: truefalse\n    tags: [rug]\n    difficulty: 1\n"
        "    stem: |\n      Dit is de atlas.\n\n      ![Een wervel](wervel.png)\n    answer: juist\n"
        "  - id: f2\n    type: truefalse\n    tags: [rug]\n    difficulty: 1\n"
        f"    stem: {second_stem}\n    answer: juist\n", encoding="utf-8")
    (exams / "toets.yaml").write_text(
        f"title: T\nbanks: [bank.yaml]\nversions: {versions}\nsections:\n"
        f"  - title: S\n    blueprint:\n      - ids: [{ids}]\n", encoding="utf-8")
    return exams
