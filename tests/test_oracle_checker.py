"""The oracle's checker itself (tests/oracle.py): it must fail when a word, a symbol
or a footnote is missing or out of order, and pass on words broken at line ends."""

from __future__ import annotations

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
