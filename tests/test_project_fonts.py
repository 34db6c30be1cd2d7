"""A project's own font file for a family is the one its PDFs embed, also when the same
process built another project before with another file under that family's name (the
tests, a watcher): fonts are registered per file, not per family name."""

from __future__ import annotations

import shutil

from conftest import REPO, Project, fonts_used

LESSON = "---\ntitle: Les\n---\n\nDe spieren van de rug.\n"


def _with_own_body_font(root, font_file: str) -> Project:
    project = Project(root)
    project.write("content/les.md", LESSON)
    (root / "fonts").mkdir()
    # The default theme's body family is Noto Serif: this file stands in for its regular face.
    shutil.copy(REPO / "fonts" / font_file, root / "fonts" / "NotoSerif-Regular.ttf")
    return project


def _embedded(project: Project) -> set[str]:
    return {name.split("+")[-1] for name, embedded in fonts_used(project.pdf("out/les.pdf")).items() if embedded}


def test_each_project_embeds_its_own_file_for_the_same_family_in_one_process(tmp_path):
    first = _with_own_body_font(tmp_path / "a", "atkinson-hyperlegible/AtkinsonHyperlegible-Regular.ttf")
    second = _with_own_body_font(tmp_path / "b", "fallback/NotoSansMono-Regular.ttf")
    for project in (first, second):
        done = project.run("build", "--out", "out")
        assert done.exit_code == 0, done.output
    assert "AtkinsonHyperlegible-Regular" in _embedded(first)
    fonts = _embedded(second)
    assert "NotoSansMono-Regular" in fonts, fonts
    assert "AtkinsonHyperlegible-Regular" not in fonts, fonts  # the first project's file leaked in
    # The bundled Noto Serif, as every project without a file of its own has it.
    plain = Project(tmp_path / "c")
    plain.write("content/les.md", LESSON)
    assert plain.run("build", "--out", "out").exit_code == 0
    assert "NotoSerif-Regular" in _embedded(plain)
    assert not {"NotoSansMono-Regular", "AtkinsonHyperlegible-Regular"} & _embedded(plain)
