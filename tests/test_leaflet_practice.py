"""Loading practice details from YAML, a folder of YAML files, or CSV."""

from pathlib import Path

import pytest

from handouts.errors import HandoutsError
from handouts.leaflet.practice import PRACTICE_SCHEMA, load_practice, load_practices

LOGO = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "logo.svg").write_text(LOGO)
    return tmp_path


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def messages(exc: pytest.ExceptionInfo) -> list[str]:
    return [str(d) for d in exc.value.diagnostics]


def test_a_complete_practice(project):
    file = write(project / "de-es.yaml", (
        "name: Fysiotherapie De Es\naddress: Eikenlaan 1\npostcode: 9999 AB\n"
        "city: Ergens\nphone: 010-0000000\nemail: info@de-es.example.org\n"
        "website: de-es.example.org\nlogo: logo.svg\n"
        "therapeuten:\n  - An\n  - Bo\nhours:\n  - 'ma: 8-17'\n"))
    practice = load_practice(file)
    assert practice.id == "de-es"
    assert practice.name == "Fysiotherapie De Es"
    assert practice.therapists == ("An", "Bo")
    assert practice.hours == ("ma: 8-17",)
    assert practice.logo == project / "logo.svg"
    assert practice.url == "https://de-es.example.org"


def test_missing_logo_points_at_its_line(project):
    file = write(project / "p.yaml", "name: P\nlogo: logos/weg.svg\n")
    with pytest.raises(HandoutsError) as exc:
        load_practice(file)
    (message,) = messages(exc)
    assert message.startswith("p.yaml:2: error: logo \"logos/weg.svg\" not found")


def test_unknown_key_gets_did_you_mean(project):
    file = write(project / "p.yaml", "name: P\nwebsit: www.p.example.org\n")
    with pytest.raises(HandoutsError) as exc:
        load_practice(file)
    (message,) = messages(exc)
    assert message.startswith('p.yaml:2: error: unknown key "websit"')
    assert 'did you mean "website"?' in message


def test_missing_name_and_bad_email_are_both_reported(project):
    file = write(project / "p.yaml", "city: X\nemail: niet-een-adres\n")
    with pytest.raises(HandoutsError) as exc:
        load_practice(file)
    found = messages(exc)
    assert any("p.yaml:2: error: \"email\" is not an e-mail address" in m for m in found)
    assert any('needs "name:"' in m for m in found)


def test_folder_of_practices_and_duplicate_ids(project):
    folder = project / "praktijken"
    folder.mkdir()
    write(folder / "a.yaml", "name: A\n")
    write(folder / "b.yaml", "name: B\n")
    assert [p.id for p in load_practices(folder)] == ["a", "b"]
    write(folder / "c.yaml", "id: a\nname: C\n")
    with pytest.raises(HandoutsError, match='practice id "a" is also used'):
        load_practices(folder)


def test_csv_with_semicolons_and_list_cells(project):
    file = write(project / "p.csv", (
        "id;name;city;phone;logo;hours\n"
        "noord;Praktijk Noord;Noorddorp;010-0000001;logo.svg;ma: 8-17 | di: 8-12\n"
        'zuid;"Praktijk Zuid; aan de kade";Zuiddorp;010-0000002;;\n'))
    practices = load_practices(file)
    assert [p.id for p in practices] == ["noord", "zuid"]
    assert practices[0].hours == ("ma: 8-17", "di: 8-12")
    assert practices[1].name == "Praktijk Zuid; aan de kade"
    assert practices[1].logo is None
    assert practices[1].ref.line == 3


def test_csv_row_with_too_many_cells_names_its_line(project):
    file = write(project / "p.csv", "name,city\nA,Ergens\nB,Daar,extra\n")
    with pytest.raises(HandoutsError) as exc:
        load_practices(file)
    (message,) = messages(exc)
    assert message.startswith("p.csv:3: error: this row has 3 cells but the header has 2")


def test_csv_unknown_column(project):
    file = write(project / "p.csv", "name,plaats,telefon\nA,Ergens,010\n")
    with pytest.raises(HandoutsError) as exc:
        load_practices(file)
    (message,) = messages(exc)
    assert message.startswith('p.csv:1: error: unknown column "telefon"')
    assert 'did you mean "telefoon"?' in message


def test_csv_broken_quote(project):
    file = write(project / "p.csv", 'name,city\nA,Ergens\n"B,Daar\n')
    with pytest.raises(HandoutsError) as exc:
        load_practices(file)
    assert messages(exc)[0].startswith("p.csv:3: error: the CSV cannot be read here")


def test_csv_missing_logo_names_the_row(project):
    file = write(project / "p.csv", "name,logo\nA,logo.svg\nB,geen.svg\n")
    with pytest.raises(HandoutsError) as exc:
        load_practices(file)
    (message,) = messages(exc)
    assert message.startswith('p.csv:3: error: logo "geen.svg" not found')


def test_not_a_practice_file(project):
    with pytest.raises(HandoutsError, match="not found"):
        load_practices(project / "nergens.yaml")
    with pytest.raises(HandoutsError, match="must be .yaml"):
        load_practices(write(project / "p.txt", "name: X"))


def test_schema_documents_every_field():
    doc = PRACTICE_SCHEMA.describe()
    for name in ("name", "address", "postcode", "city", "phone", "email", "website",
                 "logo", "therapists", "hours"):
        assert f"  {name}:" in doc


def test_bundled_practices_load():
    root = Path(__file__).resolve().parents[1]
    practices = load_practices(root / "content" / "practices")
    assert [p.id for p in practices] == ["wilgenhof", "zonnekade"]
    assert all(p.logo and p.logo.is_file() for p in practices)
    assert all(p.website and "example.org" in p.website for p in practices)


def test_unquoted_hours_with_a_colon_get_a_hint(project):
    file = write(project / "p.yaml", "name: P\nhours:\n  - ma: 8-17\n")
    with pytest.raises(HandoutsError) as exc:
        load_practice(file)
    (message,) = messages(exc)
    assert message.startswith('p.yaml:2: error: "hours" must be a list of lines of text')
    assert "put quotes around a line with a colon" in message
