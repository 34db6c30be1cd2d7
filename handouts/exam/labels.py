"""The words an exam prints, per language. A template may override any of them."""

from __future__ import annotations

from handouts.language import labels

LABELS: dict[str, dict[str, str]] = {
    "nl": {
        "version": "Versie", "name": "Naam", "number": "Studentnummer",
        "version_code": "versie {code}",
        "point": "punt", "points": "punten", "points_heading": "Punten", "points_total": "{n} punten",
        "point_total": "{n} punt", "decimal": ",", "class": "Klas", "marker": "Voor de docent",
        "grade": "Cijfer",
        "minutes": "{n} minuten", "total": "Totaal", "choose": "Kies {n} antwoorden.",
        "choose_one": "Kies 1 antwoord.", "choose_any": "Meer antwoorden mogelijk.",
        "match": "Schrijf bij elk nummer de letter van het antwoord dat erbij hoort.",
        "order": "Zet de letters in de goede volgorde.",
        "numeric_hint": "Schrijf het getal in het vak.",
        "case": "Casus", "key": "Antwoordsleutel", "answer": "Antwoord",
        "model_answer": "Modelantwoord", "rubric": "Beoordeling", "feedback": "Toelichting",
        "question": "Vraag", "question_id": "Vraag-id", "type": "Soort",
        "topic": "Onderwerp", "difficulty": "Niveau", "seed": "Seed",
        "pass_mark": "Cesuur", "blueprint": "Toetsmatrijs", "handout": "Stof",
        "variant": "Parameters", "overview": "Docentoverzicht",
        "overview_intro": "Op welke plaats elke vraag uit de bank staat, per versie.",
        "blank_page": "Deze pagina is bewust leeg gelaten.",
        "version_file": "versie", "key_file": "sleutel", "overview_file": "docentoverzicht",
        "print_file": "alle-versies",
        "sheet": "Antwoordblad", "sheet_file": "antwoordblad",
        "sheet_hint": "Kleur per vraag het vakje van je antwoord helemaal in; bij meer antwoorden elk "
                      "vakje dat je kiest.",
        "sheet_marker": "punten (docent)", "on_sheet": "Geef je antwoorden op het antwoordblad.",
    },
    "en": {
        "version": "Version", "name": "Name", "number": "Student number",
        "version_code": "version {code}",
        "point": "point", "points": "points", "points_heading": "Points", "points_total": "{n} points",
        "point_total": "{n} point", "decimal": ".", "class": "Class", "marker": "For the marker",
        "grade": "Grade",
        "minutes": "{n} minutes", "total": "Total", "choose": "Choose {n} answers.",
        "choose_one": "Choose 1 answer.", "choose_any": "More than one answer may be correct.",
        "match": "Write the letter of the matching answer next to each number.",
        "order": "Put the letters in the right order.",
        "numeric_hint": "Write the number in the box.",
        "case": "Case", "key": "Answer key", "answer": "Answer",
        "model_answer": "Model answer", "rubric": "Rubric", "feedback": "Feedback",
        "question": "Question", "question_id": "Question id", "type": "Type",
        "topic": "Topic", "difficulty": "Difficulty", "seed": "Seed",
        "pass_mark": "Pass mark", "blueprint": "Blueprint", "handout": "Handout",
        "variant": "Parameters", "overview": "Teacher overview",
        "overview_intro": "Where each bank question stands, per version.",
        "blank_page": "This page is intentionally left blank.",
        "version_file": "version", "key_file": "key", "overview_file": "overview",
        "print_file": "all-versions",
        "sheet": "Answer sheet", "sheet_file": "answer-sheet",
        "sheet_hint": "Fill in the box of your answer completely; where more answers may be right, "
                      "every box you choose.",
        "sheet_marker": "points (marker)", "on_sheet": "Give your answers on the answer sheet.",
    },
}


def exam_labels(language: str) -> dict[str, str]:
    """The exam's words in `language` (English where it has none), with "page X of Y"
    in the words every kind prints (language.py), alone (`pages`) and after the
    version's code (`page_of`: "versie A · pagina 1 van 4")."""
    words = dict(LABELS.get(language, LABELS["en"]))
    page_of = labels(language)["page_of"]
    words["pages"] = page_of
    words["page_of"] = f"{words['version_code']} · {page_of}"
    return words


def points_text(labels: dict[str, str], n: int) -> str:
    """"1 punt", "2 punten": the number with the word that goes with it."""
    return labels["point_total" if n == 1 else "points_total"].format(n=n)
