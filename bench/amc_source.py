"""The sample exam as an auto-multiple-choice LaTeX source, for bench/run.py to time
`auto-multiple-choice prepare` on the same questions (when AMC is installed; the
project never depends on it). AMC shuffles questions and choices itself, so the
source holds the first version's choice questions once, and --n-copies makes 30."""

from __future__ import annotations

import json
from pathlib import Path

_SPECIAL = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
            "_": r"\_", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\^{}"}


def _tex(text: str) -> str:
    return "".join(_SPECIAL.get(c, c) for c in text)


def write(papers: Path, folder: Path) -> Path:
    paper = json.loads(papers.read_text(encoding="utf-8"))[0]
    correct = {row[0]: set(row[1].split(";")) for row in paper["key"]}
    questions = []
    for section in paper["sections"]:
        for item in section["items"]:
            for q in item.get("questions", [item]):
                if not q["choices"]:
                    continue
                choices = "\n".join(
                    (r"\correctchoice{" if letter in correct.get(q["position"], ()) else r"\wrongchoice{")
                    + _tex(text) + "}" for letter, text in q["choices"])
                questions.append(f"\\begin{{question}}{{q{q['position']}}}\n{_tex(q['stem'])}\n"
                                 f"\\begin{{choices}}\n{choices}\n\\end{{choices}}\n\\end{{question}}")
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "toets.tex"
    source.write_text(
        "\\documentclass[a4paper]{article}\n\\usepackage[utf8]{inputenc}\n\\usepackage[T1]{fontenc}\n"
        "\\usepackage[dutch]{babel}\n\\usepackage{automultiplechoice}\n\\begin{document}\n"
        "\\onecopy{30}{\n\\namefield{Naam:}\n" + _tex(paper["title"]) + "\n\n"
        + "\n".join(questions) + "\n\\clearpage\n}\n\\end{document}\n", encoding="utf-8")
    return source
