"""Small inputs that would exhaust the machine get a clear error at their line instead:
YAML aliases that multiply, parameters that make huge texts, absurd version counts."""

from __future__ import annotations

import subprocess
import sys

import pytest

from handouts.errors import HandoutsError
from handouts.load.yamlfile import load_yaml

# Nine nested aliases, 300 bytes: 9**9 (387 million) values if expanded.
ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi"))


def _refused_in_time(code: str) -> str:
    """The message of the HandoutsError `code` raises, run apart with a timeout: before
    the fix it ran until the machine gave out, and a test must not."""
    script = ("import sys\nfrom handouts.errors import HandoutsError\ntry:\n    " + code
              + "\nexcept HandoutsError as exc:\n    print(exc)\nelse:\n    sys.exit('no error')\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip()


def test_yaml_aliases_that_multiply_are_refused_early():
    message = _refused_in_time(f"from handouts.load.yamlfile import load_yaml; load_yaml({ALIAS_BOMB!r}, 'bank.yaml')")
    assert message.startswith("bank.yaml:1: error: aliases (*name) repeat the value marked here")
    assert "write the values out" in message


def test_yaml_alias_inside_its_own_value_is_refused():
    with pytest.raises(HandoutsError, match=r"^bank.yaml:2: error: an alias \(\*name\) stands "
                       r"inside the value it repeats"):
        load_yaml("title: x\nbase: &b {next: *b}\n", "bank.yaml")


def test_yaml_aliases_in_moderation_still_work():
    data = load_yaml("base: &b {regio: hals, aantal: 7}\nsets: [*b, *b]\n", "bank.yaml")
    assert data["sets"] == [{"regio": "hals", "aantal": 7}] * 2


BANK = """\
questions:
  - id: p1
    type: single
    tags: [rug]
    difficulty: 1
    params:
      - {aantal: 7}
    stem: Hoeveel?
    options:
      - text: "{{ aantal }}"
        correct: true
      - "TEXT"
"""


def bank_error(tmp_path, text: str) -> str:
    from handouts.exam import load_bank

    path = tmp_path / "bank.yaml"
    path.write_text(BANK.replace("TEXT", text), encoding="utf-8")
    with pytest.raises(HandoutsError) as caught:
        load_bank([path], tmp_path)
    return str(caught.value)


@pytest.mark.parametrize("text, problem", [
    ("{{ 'a' * 100000000 }}", "* would make a value of some 100,000,000 characters"),
    ("{{ 'a'.ljust(10 ** 9) }}", "ljust would make a value of some 1,000,000,001 characters"),
    ("{{ '%1000000000d' % aantal }}", "format would make a value of some 1,000,000,0"),
    ("{{ 10 ** 10000000 }}", "** would make a value of some 10,000,000 digits (at most 1,000)"),
    ("{{ range(100000) | list }}", "the filled-in text grows past 100,000 characters"),
    ("{% for i in range(3) %}{{ i }}{% endfor %}", "{% for %} is not available here"),
])
def test_a_parameter_text_cannot_ask_for_a_huge_value(tmp_path, text, problem):
    message = bank_error(tmp_path, text)
    assert message.startswith("bank.yaml:12: error: the text cannot be filled in: "), message
    assert problem in message


def test_ordinary_parameter_texts_still_work(tmp_path):
    from handouts.exam import load_bank

    path = tmp_path / "bank.yaml"
    text = "{% if aantal > 5 %}{{ '%.1f' % (aantal / 3) }} {{ '{:,}'.format(1000000) }}{% endif %}"
    path.write_text(BANK.replace("TEXT", text), encoding="utf-8")
    (question,) = load_bank([path], tmp_path).questions()
    assert question.variants[0].options[1].text == "2.3 1,000,000"


SPEC = """\
title: Toets
banks: [bank.yaml]
versions: 100000
sections:
  - title: Deel 1
    blueprint:
      - ids: [p1]
"""


def test_versions_in_a_spec_have_the_bound_of_the_command_line(tmp_path):
    from handouts.exam import load_exam

    (tmp_path / "bank.yaml").write_text(BANK.replace("TEXT", "acht"), encoding="utf-8")
    (tmp_path / "toets.yaml").write_text(SPEC, encoding="utf-8")
    with pytest.raises(HandoutsError) as caught:
        load_exam(tmp_path / "toets.yaml", tmp_path)
    assert str(caught.value).startswith(
        'toets.yaml:3: error: "versions" must be at most 1000 (each version is a PDF of its '
        "own); lower it, or build the exam again with another seed for more")


def test_a_roster_holds_as_many_students_as_versions_may_be(tmp_path):
    from handouts.exam import load_roster

    path = tmp_path / "klas.csv"
    path.write_text("nummer,naam\n" + "".join(f"{n},Student {n}\n" for n in range(1, 1002)),
                    encoding="utf-8")
    with pytest.raises(HandoutsError, match=r"^klas.csv:1002: error: a roster holds at most "
                       r"1000 students \(each gets a PDF of their own\); split the class"):
        load_roster(path, "klas.csv")
