"""The oracle's checker itself (tests/oracle.py): it must fail when a word, a symbol
or a footnote is missing or out of order, and pass on words broken at line ends."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from oracle import Expected, assert_pages_hold, tokens

WRITTEN = Expected({"body": ["De", "rugwervel", "café", "≤", "37°", "e-mail", "zee-egel", "één"],
                    "footnotes": ["Voetnoot", "coördinatie", "naïef"]})
PRINTED = "De rug-\nwervel café1 ≤ 37° e-\nmail zee-egel één\n1 Voetnoot coördinatie naïef\npagina 1 van 1"


def test_every_word_printed_passes():
    assert_pages_hold([PRINTED], WRITTEN, "doc")


def test_words_broken_at_line_ends_and_over_pages_pass():
    pages = ["De rugwer-\n", "pagina 1 van 2\nProef\nvel café ≤ 37° e-mail zee-\negel één Voet-\nnoot coördi\nnatie naïef"]
    assert_pages_hold(pages, WRITTEN, "doc")


@pytest.mark.parametrize("printed, missing", [
    (PRINTED.replace("≤", "\x00"), "'≤'"),  # a symbol without a glyph
    (PRINTED.replace("37°", "37"), "'°'"),
    (PRINTED.replace("1 Voetnoot coördinatie naïef\n", ""), "footnotes: the word 'Voetnoot'"),  # a lost footnote
    (PRINTED.replace("één", ""), "body: the word 'één'"),
    (PRINTED.replace("café1", "cafe1"), "'café'"),  # a letter lost its accent
])
def test_a_word_not_printed_fails_with_its_neighbourhood(printed, missing):
    with pytest.raises(AssertionError, match=missing) as caught:
        assert_pages_hold([printed], WRITTEN, "doc")
    assert "written:" in str(caught.value) or "printed" in str(caught.value)


def test_words_out_of_order_fail_and_a_repeated_word_must_be_printed_as_often():
    with pytest.raises(AssertionError, match="not printed \\(in order\\)"):
        assert_pages_hold(["één café"], Expected({"body": ["café", "één"]}), "doc")
    # printed once where written twice: the order alone would not see it
    with pytest.raises(AssertionError, match="'café' is written 2 times"):
        assert_pages_hold(["café één"], Expected({"body": ["café"], "side notes": ["café"]}), "doc")
    assert_pages_hold(["één café"], Expected({"body": ["café", "één"]}), "doc", in_order=False)


def test_tokens_keep_words_whole_and_marks_apart():
    assert tokens("wervel3, Ĳsselmeer ½ 3,5") == ["wervel", "3", ",", "Ĳsselmeer", "½", "3", ",", "5"]
    assert tokens("zee-egel") == ["zeeegel"]  # a real hyphen and a line-end one compare alike


def test_a_number_broken_over_lines_in_a_narrow_cell_passes_when_its_pieces_look_like_written_words():
    # "33900€." in a narrow table column: "339" / "00€.". pypdf's "00" is no written
    # word, but "0" is (in "161,0"), so it is taken apart as if glued: "0" "0".
    written = Expected({"body": ["één", "33900€.", "jalapeño", "±161,0"]})
    assert_pages_hold(["één 339\n00€.\njalapeño\n±161,0"], written, "doc")
    # two written words that pypdf read as one are still taken apart
    assert_pages_hold(["één caféjalapeño"], Expected({"body": ["één", "café", "jalapeño"]}), "doc")
    with pytest.raises(AssertionError, match="'33900'"):
        assert_pages_hold(["één 339\n0€.\njalapeño\n±161,0"], written, "doc")


# Draws the leaflet oracle's first examples and prints a digest of them, after loading
# the modules named in argv (as other tests or builds in the same process would).
_DRAW = """
import hashlib, importlib, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
from hypothesis import given
import test_oracle_leaflet as leaflet
from oracle import markdown_body, oracle_settings
digest = hashlib.sha256()

@given(doc=markdown_body(leaflet.LEAFLET), theme=leaflet.leaflet_themes())
@oracle_settings(40)
def draw(doc, theme):
    digest.update((doc.markdown() + theme).encode())

draw()
print(digest.hexdigest())
"""


def test_the_oracle_draws_the_same_examples_whatever_the_process_loaded_before():
    """Hypothesis draws numbers it finds in loaded project modules: the examples of
    one oracle test must not depend on which tests or builds ran before it."""
    here = Path(__file__).parent
    env = {**os.environ, "HANDOUTS_ORACLE_EXAMPLES": ""}
    runs = [subprocess.Popen([sys.executable, "-c", _DRAW, *loaded], cwd=here, env=env, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for loaded in ((), ("handouts.exam.grading.make", "handouts.exam.make", "handouts.leaflet.make"))]
    digests = []
    for run in runs:
        out, err = run.communicate()
        assert run.returncode == 0, err
        digests.append(out.strip())
    assert digests[0] == digests[1]
