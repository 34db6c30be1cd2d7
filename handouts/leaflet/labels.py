"""The words a leaflet prints besides the author's text, one YAML file per language.

`templates/leaflet/labels/<language>.yaml` holds the stamp label ("Uw fysiotherapeut:"),
"Laatst herzien", the month names for dates (of every kind: see dates.py) and so on. A project adds a language,
or changes a word, by putting a file of the same name in its own
`templates/leaflet/labels/` folder; it is read instead of the built-in one. A
language without a file gets the English words.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from handouts.dates import FALLBACK, date_in_words, month_names, words_file
from handouts.errors import SourceRef, display_path, fail
from handouts.load.textfile import read_text
from handouts.load.yamlfile import LinedDict, load_yaml

WORDS = ("number", "stamp", "reviewed", "version", "phone", "hours", "therapists")


def leaflet_words(language: str, project_root: Path | None) -> dict[str, object]:
    """The printed words for `language`; a file missing a word is an error at that file."""
    path = words_file(language, project_root)
    shown = display_path(path)
    data = load_yaml(read_text(path, shown), shown)
    ref = data.ref if isinstance(data, LinedDict) else SourceRef(shown, 1)
    if not isinstance(data, dict):
        raise fail(ref, "a labels file holds words like  stamp: \"Uw fysiotherapeut:\"")
    missing = [w for w in (*WORDS, "months") if w not in data]
    if missing:
        raise fail(ref, "this labels file lacks " + ", ".join(missing)
                   + f"; copy the missing lines from the built-in {FALLBACK}.yaml and translate them")
    words: dict[str, object] = {w: str(data[w]) for w in WORDS}
    words["months"] = month_names(language, project_root)  # read and checked once, in dates.py
    return words


def date_text(day: dt.date | None, words: dict[str, object]) -> str:
    """A date as printed in the leaflet's language: "1 september 2026"."""
    if day is None:
        return ""
    months = words["months"]
    assert isinstance(months, tuple)
    return date_in_words(day, months)
