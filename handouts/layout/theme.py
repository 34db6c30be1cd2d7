"""A theme: fonts, sizes, colours and page measures from YAML, resolved once into
reportlab styles. Every key is declared, so a typo in a theme is reported."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from handouts.errors import Collector, SourceRef, display_path, fail
from handouts.language import HYPHENATION
from handouts.layout.fonts import face, register_family
from handouts.layout.hyphenation import hyphenation
from handouts.load.project_files import outside_problem, project_file
from handouts.load.schema import Field, Schema
from handouts.load.textfile import read_text
from handouts.load.yamlfile import load_yaml
from handouts.project import SETTINGS_FILE
from handouts.resources import builtin_dir

# The fallback chain of every bundled theme (fonts/README.md says what each is for).
FALLBACK = ("Noto Sans", "Noto Serif", "Noto Sans Symbols", "Noto Sans Math", "Noto Sans Mono",
            "Noto Sans Symbols 2", "Noto Sans Hebrew", "Noto Naskh Arabic", "Noto Emoji")

SECTIONS = {
    "fonts": Schema("theme fonts", (Field("body", "family for running text", default="Noto Serif"),
                                     Field("heading", "family for headings", default="Noto Sans"),
                                     Field("fallback", "families, in order, for characters the body and heading "
                                           "faces lack (symbols, arrows, Hebrew, Arabic, emoji)", list,
                                           default=list(FALLBACK)))),
    "sizes": Schema("theme sizes", tuple(Field(k, f"{k} size in points", float, default=v) for k, v in
                                         {"body": 10.5, "leading": 14.5, "small": 8.5, "title": 26.0,
                                          "h1": 15.0, "h2": 12.0, "h3": 10.5}.items())),
    "colours": Schema("theme colours", tuple(Field(k, f"{k} colour (#rrggbb)", default=v) for k, v in
                                             {"text": "#1f1f1f", "accent": "#24557f", "muted": "#5f6368",
                                              "rule": "#b8c4ce", "tip": "#2e7d4f", "warning": "#b3541e",
                                              "note": "#24557f"}.items())),
    "page": Schema("theme page", tuple(Field(k, f"{k} in millimetres", float, default=v) for k, v in
                                       {"top": 24.0, "bottom": 22.0, "left": 22.0, "right": 14.0,
                                        "sidenote_width": 34.0, "sidenote_gap": 6.0}.items())),
}
THEME = Schema("theme", tuple(Field(name, f"the {name} section", dict, default=None) for name in SECTIONS))


@dataclass(frozen=True)
class Theme:
    body_font: str
    heading_font: str
    sizes: dict[str, float]
    colours: dict[str, Any]
    page: dict[str, float]  # in points
    fallback: tuple[str, ...] = ()  # regular names of the fallback families, in order
    name: str = "default"  # as a document or handouts.yaml names it, for messages
    # the project's own hyphenation words per language (handouts.yaml), for the styles
    hyphenation: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def fonts(self) -> tuple[str, ...]:
        """Regular names of every family the theme draws with: its own, then its fallbacks."""
        return tuple(dict.fromkeys((self.body_font, self.heading_font, *self.fallback)))

    def colour(self, name: str) -> Any:
        return self.colours[name]


def theme_path(name: str, project_root: Path | None) -> Path:
    candidates = []
    if project_root is not None:
        settings = project_root / SETTINGS_FILE
        own = project_file(name, settings, project_root)
        if own is None:
            raise fail(SourceRef(SETTINGS_FILE), outside_problem("theme", name, settings, project_root))
        candidates += [own, project_root / "templates" / "themes" / f"{name}.yaml"]
    candidates.append(builtin_dir("templates") / "themes" / f"{name}.yaml")
    for path in candidates:
        if path.is_file():
            return path
    raise fail(SourceRef("handouts.yaml"), f'theme "{name}" not found; put it in templates/themes/{name}.yaml')


# (theme file, its text, project, its hyphenation words) → the theme made from it. A run builds many documents
# with one theme, and a long-lived process (tests, a watcher) many runs: reading the
# YAML, checking it and registering its fonts is done again only when the file changed.
_LOADED: dict[tuple[str, str, str, tuple], Theme] = {}


def load_theme(name: str, project_root: Path | None, words: tuple = ()) -> Theme:
    """The theme `name` of the project, with the project's hyphenation `words`
    (`Project.hyphenation`, read with the project's settings)."""
    path = theme_path(name, project_root)
    shown = display_path(path, project_root)
    text = read_text(path, shown)
    key = (str(path), text, str(project_root), words)
    theme = _LOADED.get(key)
    if theme is None:
        theme = _LOADED[key] = replace(_make_theme(text, shown, project_root, name), hyphenation=words)
    return theme


def _make_theme(text: str, shown: str, project_root: Path | None, name: str = "default") -> Theme:
    raw = load_yaml(text, shown) or {}
    found = Collector()
    top = THEME.validate(raw, SourceRef(shown, 1), found)
    values = {
        section: schema.validate(top[section], getattr(top[section], "ref", SourceRef(shown, 1)), found)
        for section, schema in SECTIONS.items()
    }
    for key, value in values["colours"].items():
        try:
            values["colours"][key] = colors.HexColor(value)
        except (ValueError, TypeError):
            found.error(SourceRef(shown, 1), f'colour "{key}: {value}" must look like "#24557f"')
    fallback = values["fonts"]["fallback"]
    if not all(isinstance(family, str) for family in fallback):
        found.error(SourceRef(shown, 1), '"fallback" must be a list of font family names, like "Noto Sans Math"')
    found.raise_if_errors()
    return Theme(
        body_font=register_family(values["fonts"]["body"], project_root),
        heading_font=register_family(values["fonts"]["heading"], project_root),
        sizes=values["sizes"],
        colours=values["colours"],
        page={k: v * mm for k, v in values["page"].items()},
        fallback=tuple(register_family(family, project_root) for family in fallback),
        name=Path(name).stem,
    )


def paragraph_styles(theme: Theme, language: str) -> dict[str, ParagraphStyle]:
    """Every paragraph style a handout or exam uses, derived from the theme: a new dict
    each call (callers add their own), of styles made once per theme and language,
    which nobody changes (derive a style with `clone` or `parent=` instead)."""
    made = _STYLES.get((id(theme), language))
    if made is None or made[0] is not theme:
        made = _STYLES[(id(theme), language)] = (theme, _paragraph_styles(theme, language))
    return dict(made[1])


_STYLES: dict[tuple[int, str], tuple[Theme, dict[str, ParagraphStyle]]] = {}


def _paragraph_styles(theme: Theme, language: str) -> dict[str, ParagraphStyle]:
    s, c = theme.sizes, theme.colours
    body = ParagraphStyle(
        "body",
        fontName=theme.body_font,
        fontSize=s["body"],
        leading=s["leading"],
        textColor=c["text"],
        alignment=TA_JUSTIFY,
        spaceAfter=s["leading"] * 0.45,
        hyphenationLang=hyphenation(HYPHENATION.get(language, ""),
                                    next((w for code, w in theme.hyphenation if code == language), ())),
        embeddedHyphenation=1,
        uriWasteReduce=0.001,  # break a web address at a slash whenever it does not fit the line
        allowWidows=0,
        allowOrphans=0,
        linkUnderline=0,
    )
    heading_font = theme.heading_font
    def heading(name: str, size: float, before: float, colour: Any) -> ParagraphStyle:
        return ParagraphStyle(
            name, parent=body, fontName=face(heading_font, bold=True), fontSize=size,
            leading=size * 1.25, spaceBefore=before, spaceAfter=s["leading"] * 0.35,
            alignment=TA_LEFT, keepWithNext=1, textColor=colour, hyphenationLang="",
        )
    small = ParagraphStyle("small", parent=body, fontSize=s["small"], leading=s["small"] * 1.3,
                           alignment=TA_LEFT, spaceAfter=2, hyphenationLang="")
    styles = {
        "body": body,
        "h1": heading("h1", s["h1"], s["leading"] * 1.2, c["accent"]),
        "h2": heading("h2", s["h2"], s["leading"] * 0.8, c["text"]),
        "h3": heading("h3", s["h3"], s["leading"] * 0.6, c["text"]),
        "title": ParagraphStyle("title", parent=body, fontName=face(heading_font, bold=True),
                                fontSize=s["title"], leading=s["title"] * 1.15, alignment=TA_LEFT,
                                textColor=c["accent"], spaceAfter=6, hyphenationLang=""),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontName=heading_font, fontSize=s["h2"] * 1.15,
                                   leading=s["h2"] * 1.5, alignment=TA_LEFT, textColor=c["muted"],
                                   hyphenationLang=""),
        "kicker": ParagraphStyle("kicker", parent=small, fontName=face(heading_font, bold=True),
                                 textColor=c["accent"], spaceAfter=4),
        "byline": ParagraphStyle("byline", parent=small, fontName=heading_font, textColor=c["muted"]),
        "small": small,
        "item": ParagraphStyle("item", parent=body, spaceAfter=s["leading"] * 0.15),
        "caption": ParagraphStyle("caption", parent=small, fontName=heading_font, textColor=c["muted"],
                                  spaceBefore=3),
        "cell": ParagraphStyle("cell", parent=body, fontSize=s["body"] * 0.92, leading=s["leading"] * 0.9,
                               alignment=TA_LEFT, spaceAfter=0, hyphenationLang=""),
        "cellhead": ParagraphStyle("cellhead", parent=body, fontName=face(heading_font, bold=True),
                                   fontSize=s["body"] * 0.9, leading=s["leading"] * 0.9, alignment=TA_LEFT,
                                   spaceAfter=0, textColor=colors.white, hyphenationLang=""),
        "footnote": ParagraphStyle("footnote", parent=small, leftIndent=10, firstLineIndent=-10),
        "sidenote": ParagraphStyle("sidenote", parent=small, fontName=face(heading_font, italic=False),
                                   textColor=c["muted"], alignment=TA_LEFT),
        "label": ParagraphStyle("label", parent=small, fontName=face(heading_font, bold=True)),
        "header": ParagraphStyle("header", parent=small, fontName=heading_font, textColor=c["muted"]),
        "toc1": ParagraphStyle("toc1", parent=body, fontName=face(heading_font, bold=True), alignment=TA_LEFT,
                               fontSize=s["body"], leftIndent=22, firstLineIndent=-22, spaceBefore=5, rightIndent=30,
                               spaceAfter=1, hyphenationLang=""),
        "toc2": ParagraphStyle("toc2", parent=body, fontName=theme.body_font, alignment=TA_LEFT,
                               leftIndent=52, firstLineIndent=-30, spaceAfter=0, rightIndent=30,
                               hyphenationLang=""),
    }
    for style in styles.values():  # styles derived from these (parent=, clone) inherit it
        style.fallback, style.theme_name = theme.fonts, theme.name
    return styles
