"""A file named in content must lie in the project: an absolute path, `../` past the
project folder or a link out of it is refused with what to do, for every kind of file
(figures, logos, covers, banks, rosters, themes, pictures inside an SVG)."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from PIL import Image

from handouts.errors import HandoutsError
from handouts.exam import load_exam
from handouts.leaflet.practice import load_practices

from conftest import Project

BANK = ("questions:\n  - id: q1\n    type: truefalse\n    tags: [rug]\n    difficulty: 1\n"
        "    stem: STEM\n    answer: juist\n")
SPEC = "title: T\nbanks: [BANKS]\nversions: 1\nsections:\n  - title: S\n    blueprint:\n      - ids: [q1]\n"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the project with files a build must not read."""
    folder = tmp_path / "elders"
    folder.mkdir()
    Image.new("RGB", (20, 10), "red").save(folder / "geheim.png")
    (folder / "bank.yaml").write_text(BANK.replace("STEM", "Geheim?"), encoding="utf-8")
    (folder / "klas.csv").write_text("1001,Sanne\n", encoding="utf-8")
    (folder / "thema.yaml").write_text("sizes:\n  body: 11\n", encoding="utf-8")
    return folder


def test_practice_logo_outside_the_project(project: Project, outside: Path, monkeypatch):
    monkeypatch.chdir(project.root)
    project.write("content/practices/a.yaml", f"name: A\nlogo: {outside / 'geheim.png'}\n")
    project.write("content/practices/b.yaml", "name: B\nlogo: ../../../elders/geheim.png\n")
    with pytest.raises(HandoutsError) as caught:
        load_practices(project.root / "content/practices")
    assert [str(d) for d in caught.value.diagnostics] == [
        f'content/practices/a.yaml:2: error: the logo "{outside / "geheim.png"}" lies outside the '
        "project folder; copy the file into the project, e.g. content/practices/geheim.png, "
        "and name it relative to content/practices/a.yaml",
        'content/practices/b.yaml:2: error: the logo "../../../elders/geheim.png" lies outside '
        "the project folder; copy the file into the project, e.g. content/practices/geheim.png, "
        "and name it relative to content/practices/b.yaml"]


def test_banks_and_roster_outside_the_project(project: Project, outside: Path):
    exams = project.root / "content/exams"
    project.write("content/exams/toets.yaml",
                  SPEC.replace("BANKS", "../../../elders/bank.yaml") + f"roster: {outside / 'klas.csv'}\n")
    with pytest.raises(HandoutsError) as caught:
        load_exam(exams / "toets.yaml", project.root)
    found = [str(d) for d in caught.value.diagnostics]
    assert found[0].startswith('content/exams/toets.yaml:2: error: the bank file '
                               '"../../../elders/bank.yaml" lies outside the project folder; '
                               "copy the file into the project, e.g. content/exams/bank.yaml")
    assert found[1].startswith(f'content/exams/toets.yaml:8: error: the roster "{outside / "klas.csv"}" '
                               "lies outside the project folder")


def test_a_link_out_of_the_project_is_refused_like_the_file(project: Project, outside: Path):
    exams = project.root / "content/exams"
    exams.mkdir(parents=True)
    (exams / "bank.yaml").symlink_to(outside / "bank.yaml")
    project.write("content/exams/toets.yaml", SPEC.replace("BANKS", "bank.yaml"))
    with pytest.raises(HandoutsError, match=r'toets.yaml:2: error: the bank file "bank.yaml" '
                       r"lies outside the project folder"):
        load_exam(exams / "toets.yaml", project.root)


def test_exam_figure_leaflet_cover_and_theme_outside_the_project(project: Project, outside: Path):
    secret = outside / "geheim.png"
    project.write("content/exams/bank.yaml", BANK.replace("STEM", f'"Zie ![x]({secret})"'))
    project.write("content/exams/toets.yaml", SPEC.replace("BANKS", "bank.yaml"))
    result = project.run("build", "--exam")
    assert result.exit_code == 1
    assert f'error: the figure "{secret}" lies outside the project folder' in result.output

    project.write("content/leaflets/f.md", "---\ntitle: F\nreviewed: 2026-09-01\n"
                  "cover: ../../../elders/geheim.png\ncover_alt: x\n---\n\nTekst.\n")
    result = project.run("build", "content/leaflets")
    assert ('content/leaflets/f.md:4: error: the cover image "../../../elders/geheim.png" lies '
            "outside the project folder; copy the file into the project, e.g. "
            "content/leaflets/geheim.png, and name it relative to content/leaflets/f.md") in result.output

    project.write("handouts.yaml", f"theme: {outside / 'thema.yaml'}\n")
    project.write("content/handouts/h.md", "---\ntitle: H\n---\n\nTekst.\n")
    result = project.run("build", "content/handouts")
    assert result.exit_code == 1
    assert f'handouts.yaml: error: the theme "{outside / "thema.yaml"}" lies outside' in result.output


def svg_showing(href: str) -> str:
    return ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
            'width="100" height="50"><rect width="100" height="50" fill="#2b5d8a"/>'
            f'<image x="10" y="10" width="20" height="10" xlink:href="{href}"/></svg>')


@pytest.mark.parametrize("href", ["ABSOLUTE", "../../../elders/geheim.png", "nergens.png"])
def test_an_svg_may_not_show_a_picture_from_outside_the_project(project: Project, outside: Path, href):
    href = href.replace("ABSOLUTE", str(outside / "geheim.png"))
    project.write("content/handouts/fig.svg", svg_showing(href))
    project.write("content/handouts/h.md", "---\ntitle: H\n---\n\n![Een figuur](fig.svg \"F\")\n")
    result = project.run("build")
    assert result.exit_code == 1
    assert "content/handouts/h.md:5: error: " in result.output
    if href == "nergens.png":
        assert 'the figure "fig.svg" shows the picture "nergens.png", which does not exist' in result.output
    else:
        assert (f'the figure "fig.svg" shows the picture "{href}", which lies outside the '
                "project folder; copy the file into the project, e.g. content/handouts/geheim.png, "
                "and name it relative to content/handouts/fig.svg") in result.output


def test_an_svg_may_hold_its_pictures_and_show_pictures_of_the_project(project: Project):
    pixel = project.root / "content/handouts/stip.png"
    pixel.parent.mkdir(parents=True)
    Image.new("RGB", (4, 2), "navy").save(pixel)
    inline = "data:image/png;base64," + base64.b64encode(pixel.read_bytes()).decode()
    project.write("content/handouts/a.svg", svg_showing(inline))
    project.write("content/handouts/b.svg", svg_showing("stip.png"))
    project.write("content/handouts/h.md", "---\ntitle: H\n---\n\n![A](a.svg \"A\")\n\n![B](b.svg \"B\")\n")
    result = project.run("build")
    assert result.exit_code == 0, result.output


def test_fonts_come_from_the_project_not_from_a_path_or_a_link(project: Project, outside: Path):
    import shutil

    from conftest import REPO

    shutil.copy(REPO / "fonts/noto/NotoSans-Regular.ttf", outside / "Elders-Regular.ttf")
    project.write("handouts.yaml", "theme: huis\n")
    project.write("templates/themes/huis.yaml", "fonts:\n  body: ../../elders/Elders\n")
    project.write("content/handouts/h.md", "---\ntitle: H\n---\n\nTekst.\n")
    result = project.run("build")
    assert result.exit_code == 1
    assert 'font "../../elders/Elders" is a family name such as "Noto Sans", not a path' in result.output

    (project.root / "fonts").mkdir()
    (project.root / "fonts/Elders-Regular.ttf").symlink_to(outside / "Elders-Regular.ttf")
    project.write("templates/themes/huis.yaml", "fonts:\n  body: Elders\n")
    result = project.run("build")
    assert result.exit_code == 1
    assert ("fonts/Elders-Regular.ttf: error: this font file is a link to a file outside the "
            "project; copy the font file itself") in result.output
