"""A project's own template may only write the markup the layout knows: an unknown or
misplaced tag, an unknown attribute, unknown paragraph markup is an error at the
template's file and line, with a "did you mean", never a silently missing title."""

from __future__ import annotations

from conftest import REPO

LESSON = "---\ntitle: De rug\nsubtitle: Anatomie\n---\n\nTekst over de rug.\n"


def test_a_misspelled_tag_in_an_overriding_cover_is_an_error_at_its_line(project):
    project.write("content/les.md", LESSON)
    project.write("templates/handout/cover.xml.j2", """\
        <titleblock>
        <kicker>Massageschool De Linde</kicker>
        <titel>{{ doc.meta.title }}</titel>
        </titleblock>
        """)
    result = project.run("build")
    assert result.exit_code == 1
    assert ('templates/handout/cover.xml.j2:3: error: unknown tag <titel> (did you mean "title"?) '
            "inside <titleblock>") in result.stderr
    assert not (project.root / "build/les.pdf").exists()


def test_unknown_attributes_and_paragraph_markup_are_errors_too(project):
    project.write("content/les.md", LESSON)
    project.write("templates/handout/cover.xml.j2", """\
        <titleblock>
        <kicker>School</kicker>
        <subtitle kleur="rood">{{ doc.meta.subtitle }}, <vet>nu</vet> <b>vet</b></subtitle>
        </titleblock>
        <p><font colr="red">los</font></p>
        <kicker>los</kicker>
        """)
    result = project.run("check")
    assert result.exit_code == 1
    err = result.stderr
    assert 'templates/handout/cover.xml.j2:3: error: unknown attribute kleur="..." on <subtitle>' in err
    assert "templates/handout/cover.xml.j2:3: error: unknown tag <vet> inside <subtitle>, which holds paragraph markup" in err
    assert ('templates/handout/cover.xml.j2:5: error: unknown attribute colr="..." on <font> '
            '(did you mean "color"?)') in err
    assert "cover.xml.j2:6: error: <kicker> does not print inside <document>; it belongs in <titleblock>" in err
    assert "<b>" not in err.split("holds paragraph markup")[0]  # known markup passes


def test_exam_and_leaflet_templates_are_checked(project):
    import shutil

    shutil.copytree(REPO / "content/exams", project.root / "content/exams")
    question = (REPO / "templates/exam/question.xml.j2").read_text(encoding="utf-8")
    project.write("templates/exam/question.xml.j2", question.replace('<choice letter=', '<choice leter='))
    project.write("content/leaflets/folder.md", "---\ntitle: Folder\n---\n\nTekst.\n")
    project.write("content/practices/p.yaml", "name: Fysio Linde\ncity: Linderveen\n")
    project.write("templates/leaflet/practice.xml.j2", "<name>{{ practice.name }}</name>\n"
                  "<regel>{{ practice.city }}</regel>\n")
    result = project.run("build", "--practice", "content/practices")
    assert result.exit_code == 1
    line = question.splitlines().index(next(x for x in question.splitlines() if "<choice letter=" in x)) + 1
    assert (f'templates/exam/question.xml.j2:{line}: error: unknown attribute leter="..." on <choice> '
            '(did you mean "letter"?); <choice> takes: letter') in result.stderr
    assert ("templates/leaflet/practice.xml.j2:2: error: unknown tag <regel> inside <stamp>, which holds "
            "<heading>, <line>, <logo>, <name>, <qr>") in result.stderr


def test_a_block_the_layout_cannot_place_is_an_error_at_the_content_line(project):
    project.write("content/les.md", "---\ntitle: Les\n---\n\nTekst.\n\n::: kanttekening\nEen notitie.\n\n"
                  "| a | b |\n|---|---|\n| 1 | 2 |\n:::\n")
    result = project.run("check")
    assert result.exit_code == 1
    assert ("content/les.md:10: error: this block (<table>) does not print inside <sidenote>, which holds "
            "<list>, <p>" in result.stderr)


def test_every_tag_a_builder_makes_is_declared():
    from handouts.exam.layout.blocks import EXAM_BUILDERS, EXAM_MARKUP
    from handouts.layout.blocks import BUILDERS, HANDOUT_MARKUP
    from handouts.leaflet.layout.blocks import LEAFLET_BUILDERS, LEAFLET_MARKUP

    assert set(BUILDERS) - {"figrow"} <= set(HANDOUT_MARKUP.tags)  # figrow: made by the layout
    assert set(EXAM_BUILDERS) <= set(EXAM_MARKUP.tags)
    assert set(LEAFLET_BUILDERS) - {"figrow"} <= set(LEAFLET_MARKUP.tags)
