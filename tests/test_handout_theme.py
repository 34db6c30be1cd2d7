"""Themes are read once per file text, and their paragraph styles made once per theme
and language; a changed theme file is read again."""

from __future__ import annotations

from handouts.layout.theme import load_theme, paragraph_styles

from conftest import Project


def test_a_theme_is_read_again_only_when_its_file_changed(project: Project):
    project.write("templates/themes/huis.yaml", "colours:\n  accent: '#aa0000'\n")
    first = load_theme("huis", project.root)
    assert load_theme("huis", project.root) is first
    project.write("templates/themes/huis.yaml", "colours:\n  accent: '#00aa00'\n")
    changed = load_theme("huis", project.root)
    assert changed is not first and changed.colour("accent").hexval() == "0x00aa00"


def test_paragraph_styles_are_shared_but_each_caller_gets_its_own_dict(project: Project):
    project.write("templates/themes/huis.yaml", "sizes:\n  body: 11\n")
    theme = load_theme("huis", project.root)
    one, two = paragraph_styles(theme, "nl"), paragraph_styles(theme, "nl")
    assert one is not two and one["body"] is two["body"] and one["body"].fontSize == 11
    one["extra"] = one["body"].clone("extra")
    assert "extra" not in paragraph_styles(theme, "nl")
    assert paragraph_styles(theme, "en")["body"].hyphenationLang != one["body"].hyphenationLang
