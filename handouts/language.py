"""What changes with the language of a document: words on the page and hyphenation."""

from __future__ import annotations

LANGUAGES = ("nl", "en")

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

# pyphen dictionaries, used by reportlab's hyphenation (ParagraphStyle.hyphenationLang).
HYPHENATION = {"nl": "nl_NL", "en": "en_GB"}

# BCP 47 tags for the PDF /Lang entry, which screen readers use to pick a voice.
PDF_LANG = {"nl": "nl-NL", "en": "en-GB"}


def labels(language: str) -> dict[str, str]:
    return LABELS.get(language, LABELS["en"])
