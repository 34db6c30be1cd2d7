"""The words of the grading outputs, per language (the exam's)."""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "nl": {
        "report_file": "resultaten", "slips_file": "uitslagen", "yes": "ja", "no": "nee",
        "report": "Resultaten", "slip": "Uitslag", "students": "Aantal studenten", "mean": "Gemiddelde score",
        "sd": "Standaardafwijking", "pass_rate": "Geslaagd", "alpha": "Cronbachs alfa",
        "kr20": "KR-20 (Cronbachs alfa, goed/fout-vragen)", "sem": "Standaardmeetfout",
        "mean_grade": "Gemiddeld cijfer", "pass_mark": "Cesuur", "n_term": "N-term",
        "guessing": "Raadkanscorrectie: {g} punten door gokken geven een 1,0",
        "histogram": "Cijfers", "scatter": "p-waarde tegen Rir", "items": "Vragen",
        "question": "Vraag", "flags": "Signalen", "score": "Score", "grade": "Cijfer",
        "name": "Naam", "number": "Studentnummer", "version": "Versie", "right": "goed", "wrong": "fout",
        "partly": "deels", "none": "geen antwoord", "your_answer": "Jouw antwoord", "answer": "Antwoord",
        "points": "Punten", "feedback": "Toelichting", "passed": "Geslaagd", "failed": "Niet geslaagd",
        "flag_hard": "p onder 0,30 (moeilijk)", "flag_easy": "p boven 0,90 (makkelijk)",
        "flag_rir": "Rir onder 0,20", "flag_distractor": "afleider {o} vaker gekozen dan de sleutel",
        "flag_unused": "afleider {o} door niemand gekozen", "decimal": ",", "options": "Opties (aandeel per bankoptie)",
        "alpha_note": "over {k} vragen die iedereen had",
    },
    "en": {
        "report_file": "results", "slips_file": "result-slips", "yes": "yes", "no": "no",
        "report": "Results", "slip": "Result", "students": "Students", "mean": "Mean score",
        "sd": "Standard deviation", "pass_rate": "Passed", "alpha": "Cronbach's alpha",
        "kr20": "KR-20 (Cronbach's alpha, right/wrong questions)", "sem": "Standard error of measurement",
        "mean_grade": "Mean grade", "pass_mark": "Pass mark", "n_term": "N-term",
        "guessing": "Guessing correction: {g} points from guessing give a 1.0",
        "histogram": "Grades", "scatter": "p-value against Rir", "items": "Questions",
        "question": "Question", "flags": "Flags", "score": "Score", "grade": "Grade",
        "name": "Name", "number": "Student number", "version": "Version", "right": "right", "wrong": "wrong",
        "partly": "partly", "none": "no answer", "your_answer": "Your answer", "answer": "Answer",
        "points": "Points", "feedback": "Feedback", "passed": "Passed", "failed": "Not passed",
        "flag_hard": "p below 0.30 (hard)", "flag_easy": "p above 0.90 (easy)",
        "flag_rir": "Rir below 0.20", "flag_distractor": "distractor {o} chosen more often than the key",
        "flag_unused": "distractor {o} chosen by nobody", "decimal": ".", "options": "Options (share per bank option)",
        "alpha_note": "over {k} questions every student had",
    },
}


def grading_words(language: str) -> dict[str, str]:
    return WORDS.get(language, WORDS["en"])
