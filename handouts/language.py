"""What changes with the language of a document: words on the page and hyphenation."""

from __future__ import annotations

# Leaflets print their own words in all of these (templates/leaflet/labels/); the
# other kinds print the English words for a language without LABELS of its own.
LANGUAGES = ("nl", "en", "de", "fr", "pl", "tr", "ar")

# "page_of" is "page X of Y" for every kind (an exam adds its version's code before it).
LABELS: dict[str, dict[str, str]] = {
    "nl": {
        "figure": "Afbeelding",
        "figure_ref": "afbeelding",
        "section_ref": "paragraaf {number} (pagina {page})",
        "contents": "Inhoud",
        "page_of": "pagina {page} van {pages}",
        "chapter": "Hoofdstuk",
        "tip": "Tip",
        "warning": "Let op",
        "note": "NB",
        "author": "Auteur",
        "date": "Datum",
    },
    "en": {
        "figure": "Figure",
        "figure_ref": "Figure",
        "section_ref": "section {number} (page {page})",
        "contents": "Contents",
        "page_of": "page {page} of {pages}",
        "chapter": "Chapter",
        "tip": "Tip",
        "warning": "Warning",
        "note": "Note",
        "author": "Author",
        "date": "Date",
    },
}

# Languages written right to left: paragraphs right-aligned, panels read from the right.
RIGHT_TO_LEFT = ("ar",)

# pyphen dictionaries, used by reportlab's hyphenation (ParagraphStyle.hyphenationLang).
HYPHENATION = {"nl": "nl_NL", "en": "en_GB", "de": "de_DE", "fr": "fr_FR", "pl": "pl_PL"}

# BCP 47 tags for the PDF /Lang entry, which screen readers use to pick a voice.
PDF_LANG = {"nl": "nl-NL", "en": "en-GB", "de": "de-DE", "fr": "fr-FR", "pl": "pl-PL",
            "tr": "tr-TR", "ar": "ar"}


def labels(language: str) -> dict[str, str]:
    return LABELS.get(language, LABELS["en"])
