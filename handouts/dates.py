"""Dates the way a language writes them ("1 september 2026"), for every kind of document.

The month names have one home: `months:` in each language's file of printed words,
`templates/leaflet/labels/<language>.yaml` (a project's own file of that name is read
instead of the built-in one; a language without a file gets the English words). A
project that adds or corrects a language does it in that one file, for its leaflets,
handouts and exams alike.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

from handouts.errors import SourceRef, display_path, fail
from handouts.load.textfile import read_text
from handouts.load.yamlfile import LinedDict, load_yaml
from handouts.resources import builtin_dir

FALLBACK = "en"


def words_file(language: str, project_root: Path | None) -> Path:
    """The file with the printed words of `language`: the project's own, the built-in,
    or the English one."""
    for folder in ([Path(project_root) / "templates"] if project_root else []) + [builtin_dir("templates")]:
        path = folder / "leaflet" / "labels" / f"{language}.yaml"
        if path.is_file():
            return path
    return builtin_dir("templates") / "leaflet" / "labels" / f"{FALLBACK}.yaml"


def month_names(language: str, project_root: Path | None = None) -> tuple[str, ...]:
    """The twelve month names of `language`, January first, from its words file."""
    path = words_file(language, project_root)
    return _months(str(path), path.stat().st_mtime_ns)


@lru_cache(maxsize=32)
def _months(path: str, _changed: int) -> tuple[str, ...]:
    shown = display_path(Path(path))
    data = load_yaml(read_text(Path(path), shown), shown)
    ref = data.key_ref("months") if isinstance(data, LinedDict) else SourceRef(shown, 1)
    months = data.get("months") if isinstance(data, dict) else None
    if not isinstance(months, list) or len(months) != 12:
        raise fail(ref, "months must be a list of the twelve month names, January first, "
                        "like  months: [januari, februari, ...]")
    return tuple(str(m) for m in months)


def date_in_words(day: dt.date, months: tuple[str, ...]) -> str:
    """"1 september 2026", with the language's `months`."""
    return f"{day.day} {months[day.month - 1]} {day.year}"


def written_date(value: object, language: str, project_root: Path | None = None) -> str:
    """A date (or a YYYY-MM-DD text) the way the language writes it: "1 september
    2026"; any other text as it is."""
    day = value
    if isinstance(value, str):
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            return value
    if not isinstance(day, dt.date):
        return str(value or "")
    return date_in_words(day, month_names(language, project_root))
