"""A practice's details for the back panel of a leaflet, read from YAML or CSV.

One leaflet can be built for many practices: `load_practices` accepts one YAML
file, a folder of YAML files, or a CSV with one practice per row (the header row
holds the same keys as the YAML). Logos and other paths are relative to the file
that names them.
"""

from __future__ import annotations

import colorsys
import csv
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from handouts.errors import (
    Collector,
    Diagnostic,
    HandoutsError,
    SourceRef,
    did_you_mean,
    display_path,
    fail,
)
from handouts.load.project_files import outside_problem, project_file
from handouts.load.schema import Field, Schema
from handouts.load.textfile import LINE_BREAK, read_text
from handouts.load.yamlfile import LinedDict, load_yaml

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
LOGO_TYPES = (".svg", ".png", ".jpg", ".jpeg")


def _check_id(value: Any) -> str | None:
    if not _ID.match(str(value)):
        return "must be lower-case letters, digits and dashes (it names the PDF), e.g. de-linde"
    return None


def _check_email(value: Any) -> str | None:
    return None if re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", str(value)) else (
        f"is not an e-mail address: {value!r}")


def _check_website(value: Any) -> str | None:
    text = re.sub(r"^https?://", "", str(value))
    return None if re.fullmatch(r"[\w.-]+\.[a-z]{2,}(/\S*)?", text, re.IGNORECASE) else (
        f"is not a web address: {value!r}; write it like www.example.org")


def _check_logo(value: Any) -> str | None:
    if Path(str(value)).suffix.lower() not in LOGO_TYPES:
        return f"must be an image file ({', '.join(LOGO_TYPES)}), not {value!r}"
    return None


MIN_CONTRAST = 4.5  # WCAG AA for body-size text on white


def contrast_on_white(hex_colour: str) -> float:
    """WCAG contrast ratio of `#rrggbb` on white, from 1 to 21."""
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    lum = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return 1.05 / (lum + 0.05)


def darker_passing(hex_colour: str) -> str:
    """The nearest darker colour with enough contrast: the same hue and saturation
    (HLS), lightness lowered in steps of 1 % until the contrast passes."""
    r, g, b = (int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    hue, light, sat = colorsys.rgb_to_hls(r, g, b)
    while light > 0:
        light = max(0.0, light - 0.01)
        candidate = "#" + "".join(f"{round(v * 255):02x}" for v in colorsys.hls_to_rgb(hue, light, sat))
        if contrast_on_white(candidate) >= MIN_CONTRAST:
            return candidate
    return "#000000"


def _check_colour(value: Any) -> str | None:
    text = str(value).strip().lower()
    if not re.fullmatch(r"#[0-9a-f]{6}", text):
        return f'must be a colour like "#2a6f4e" (# and six hex digits), not {value!r}'
    ratio = contrast_on_white(text)
    if ratio < MIN_CONTRAST:
        return (f"{text} has a contrast of {ratio:.1f}:1 on white, below {MIN_CONTRAST}:1; "
                f'use "{darker_passing(text)}", the nearest darker one that passes')
    return None


def _check_lines(value: Any) -> str | None:
    if any(not isinstance(item, (str, int, float)) for item in value):
        return ('must be a list of lines of text; put quotes around a line with a '
                'colon in it, e.g. - "ma: 8.00 - 17.00 uur"')
    return None


PRACTICE_SCHEMA = Schema(
    "practice file",
    (
        Field("id", "short name for file names; default: the file name", check=_check_id),
        Field("name", "the practice's name", required=True, aliases=("naam",)),
        Field("address", "street and number", aliases=("adres",)),
        Field("postcode", "postcode"),
        Field("city", "town or city", aliases=("plaats",)),
        Field("phone", "telephone number", aliases=("telefoon",)),
        Field("email", "e-mail address", check=_check_email, aliases=("e-mail",)),
        Field("website", "web address; also used for the QR code", check=_check_website),
        Field("colour", 'brand colour for the band and headings, e.g. "#2a6f4e"',
              check=_check_colour, aliases=("color", "kleur")),
        Field("logo", "logo image (SVG or PNG), relative to this file", check=_check_logo),
        Field("therapists", "names of the physiotherapists", type=list, default=[],
              check=_check_lines, aliases=("therapeuten",)),
        Field("hours", "opening hours, one line each", type=list, default=[],
              check=_check_lines, aliases=("openingstijden",)),
    ),
)


@dataclass(frozen=True)
class Practice:
    """A physiotherapy practice as printed on a leaflet's back panel."""

    id: str
    name: str
    address: str | None
    postcode: str | None
    city: str | None
    phone: str | None
    email: str | None
    website: str | None
    logo: Path | None
    colour: str | None
    therapists: tuple[str, ...]
    hours: tuple[str, ...]
    ref: SourceRef
    logo_ref: SourceRef | None = None  # the logo line, for warnings about the image

    @property
    def url(self) -> str | None:
        """The website as a full URL, for the QR code."""
        if not self.website:
            return None
        return self.website if re.match(r"^https?://", self.website) else f"https://{self.website}"


def load_practices(path: Path) -> list[Practice]:
    """Every practice in a YAML file, a folder of YAML files, or a CSV file."""
    path = Path(path)
    shown = display_path(path)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml"))
        if not files:
            raise fail(SourceRef(shown), "no practice files (*.yaml) in this folder")
        found = Collector()
        practices = []
        for file in files:
            try:
                practices.extend(load_practices(file))
            except HandoutsError as exc:
                found.extend(exc)
        found.raise_if_errors()
        _check_unique(practices)
        return practices
    if not path.exists():
        raise fail(SourceRef(shown), "practice file not found; check the path")
    if path.suffix.lower() == ".csv":
        # a cell holds one line: a pasted line break (vertical tab) is a space there
        practices = _from_csv(read_text(path, shown).replace(LINE_BREAK, " "), path, shown)
        _check_unique(practices)
        return practices
    if path.suffix.lower() not in (".yaml", ".yml"):
        raise fail(SourceRef(shown), "a practice file must be .yaml, .yml or .csv")
    return [load_practice(path)]


def load_practices_apart(path: Path) -> tuple[list[Practice], tuple[Diagnostic, ...]]:
    """Like `load_practices`, but a folder's bad files are errors of their own while
    the good files' practices are still returned, so their leaflets can be made."""
    path = Path(path)
    if not path.is_dir():
        return load_practices(path), ()
    practices: list[Practice] = []
    errors: list[Diagnostic] = []
    for file in sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml")):
        try:
            practices.extend(load_practices(file))
        except HandoutsError as exc:
            errors.extend(exc.diagnostics)
    if not practices and not errors:
        raise fail(SourceRef(display_path(path)), "no practice files (*.yaml) in this folder")
    if not practices:
        raise HandoutsError(errors)
    _check_unique(practices)
    return practices, tuple(errors)


def load_practice(path: Path) -> Practice:
    """One practice from a YAML file."""
    shown = display_path(path)
    data = load_yaml(read_text(path, shown), shown)
    found = Collector()
    lined = data if isinstance(data, LinedDict) else None
    ref = lined.ref if lined is not None else SourceRef(shown, 1)
    values = PRACTICE_SCHEMA.validate(data, ref, found)
    practice = _practice(values, lined, ref, path, path.stem, found)
    found.raise_if_errors()
    return practice


def _practice(values: dict[str, Any], data: LinedDict | None, ref: SourceRef,
              path: Path, default_id: str, found: Collector) -> Practice:
    logo = None
    if values["logo"]:
        logo = project_file(values["logo"], path)
        if logo is None:
            found.error(data.key_ref("logo") if data is not None else ref,
                        outside_problem("logo", values["logo"], path))
        elif not logo.is_file():
            found.error(
                data.key_ref("logo") if data is not None else ref,
                f'logo "{values["logo"]}" not found (looked for {display_path(logo)}); '
                "check the file name, or leave out the logo line",
            )
    return Practice(
        id=values["id"] or _slug(default_id),
        name=values["name"] or "",
        address=values["address"],
        postcode=values["postcode"],
        city=values["city"],
        phone=values["phone"],
        email=values["email"],
        website=values["website"],
        logo=logo,
        colour=str(values["colour"]).strip().lower() if values["colour"] else None,
        therapists=tuple(str(t) for t in values["therapists"]),
        hours=tuple(str(h) for h in values["hours"]),
        ref=ref,
        logo_ref=(data.key_ref("logo") if data is not None else ref) if values["logo"] else None,
    )


def _slug(text: str) -> str:
    # letters keep their base letter: "coöperatie" → "cooperatie", "Zoë" → "zoe"
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "practice"


def _from_csv(text: str, path: Path, shown: str) -> list[Practice]:
    """Practices from CSV rows; a cell with several lines separates them with `|`."""
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel  # one column only: the default comma is as good as any
    reader = csv.reader(io.StringIO(text), dialect, strict=True)
    header = _csv_header(reader, shown)
    found = Collector()
    practices = []
    for line, row in _csv_rows(reader, shown):
        ref = SourceRef(shown, line)
        if len(row) != len(header):
            found.error(ref, f"this row has {len(row)} cells but the header has "
                        f"{len(header)}; check for a missing or extra separator "
                        f"({dialect.delimiter!r})")
            continue
        data = _row_dict(header, row, ref)
        values = PRACTICE_SCHEMA.validate(data, ref, found)
        practices.append(_practice(values, data, ref, path,
                                   values["name"] or f"row-{line}", found))
    found.raise_if_errors()
    if not practices:
        raise fail(SourceRef(shown, 2), "the CSV has a header but no practices")
    return practices


def _csv_header(reader: Any, shown: str) -> list[str]:
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise fail(SourceRef(shown, 1), "the CSV is empty; the first row names the columns") from None
    except csv.Error as exc:
        raise fail(SourceRef(shown, 1), f"the CSV cannot be read: {exc}") from None
    found = Collector()
    for column in header:
        if column not in PRACTICE_SCHEMA.by_name:
            found.error(SourceRef(shown, 1), f'unknown column "{column}"'
                        f"{did_you_mean(column, PRACTICE_SCHEMA.by_name)}; known columns: "
                        + ", ".join(f.name for f in PRACTICE_SCHEMA.fields))
    found.raise_if_errors()
    return header


def _csv_rows(reader: Any, shown: str) -> Iterator[tuple[int, list[str]]]:
    """(line the row starts on, cells) for every row that is not empty."""
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise fail(SourceRef(shown, line), f"the CSV cannot be read here: {exc}; "
                       "check the quotes in this row") from None
        if any(cell.strip() for cell in row):
            yield line, row


def _row_dict(header: list[str], row: list[str], ref: SourceRef) -> LinedDict:
    data = LinedDict()
    data.ref, data.key_refs = ref, {}
    for column, cell in zip(header, row, strict=True):
        cell = cell.strip()
        if not cell:
            continue
        spec = PRACTICE_SCHEMA.by_name[column]
        data[column] = [p.strip() for p in cell.split("|") if p.strip()] if spec.type is list else cell
        data.key_refs[column] = ref
    return data


def _check_unique(practices: list[Practice]) -> None:
    seen: dict[str, Practice] = {}
    found = Collector()
    for practice in practices:
        if practice.id in seen:
            found.error(practice.ref, f'practice id "{practice.id}" is also used at '
                        f"{seen[practice.id].ref}; give each practice its own id")
        seen.setdefault(practice.id, practice)
    found.raise_if_errors()
