"""Total-fit line breaking: the breaker on made-up boxes, and the sample chapter as a
reader sees it (hyphens, short words split, every word still there)."""

from __future__ import annotations

import re

import pypdfium2 as pdfium
import pytest

from handouts.build import build
from handouts.layout.hyphenation import Hyphenation
from handouts.layout.linebreak import Box, Costs, Glue, Penalty, break_lines, greedy_breaks
from handouts.products import Options
from handouts.project import load_project

from conftest import REPO

CHAPTER = REPO / "content/handouts/03-de-rug.md"


def paragraph(widths: list[float], hyphen_after: set[int] = frozenset(), hyphen_cost: float = 50) -> list:
    """Words of the given widths, spaces of 1 (stretch 1/2, shrink 1/3); a word whose index
    is in `hyphen_after` may be broken in the middle with a hyphen of width 0.5."""
    items: list = []
    for i, w in enumerate(widths):
        if i:
            items.append(Glue(1, 0.5, 1 / 3))
        if i in hyphen_after:
            items += [Box(w / 2), Penalty(0.5, hyphen_cost, True), Box(w / 2)]
        else:
            items.append(Box(w))
    return items


def ratios(items: list, breaks: list[int], width: float) -> list[float]:
    """How far each line but the last stretches (>0) or shrinks (<0) its spaces."""
    out, start = [], 0
    for end in breaks[:-1]:
        while not isinstance(items[start], Box):
            start += 1
        line = items[start:end]
        natural = sum(x.width for x in line if not isinstance(x, Penalty)) + (
            items[end].width if isinstance(items[end], Penalty) else 0)
        glue = [x for x in line if isinstance(x, Glue)]
        give = sum(g.stretch for g in glue) if natural < width else sum(g.shrink for g in glue)
        out.append((width - natural) / give)
        start = end + 1
    return out


def test_total_fit_evens_out_a_line_first_fit_leaves_loose():
    items = paragraph([3, 5, 4, 6, 4, 3, 2, 4, 4, 4, 3, 5])
    greedy, best = greedy_breaks(items, [20]), break_lines(items, [20])
    assert max(ratios(items, greedy, 20)) > 5  # first fit: a line with its spaces sevenfold
    assert max(abs(r) for r in ratios(items, best, 20)) <= 1
    assert best == [7, 17, len(items)]


def test_never_more_than_two_hyphens_in_a_row():
    # every word may be hyphenated, and a hyphen earns a bonus: the breaker would like
    # one at every line end
    # (words of 6, halves of 3: with these measures every line can end in a hyphen)
    costs = Costs(hyphens_in_row=0, final_hyphen=0)
    items = paragraph([6] * 30, set(range(30)), hyphen_cost=-1000)
    breaks = break_lines(items, [17.5, 21.5], costs=costs)
    hyphens = [isinstance(items[b], Penalty) for b in breaks[:-1]]
    runs = [len(run) for run in "".join("h" if h else "." for h in hyphens).split(".")]
    assert max(runs) == 2, hyphens
    # the limit is what holds them back
    unlimited = break_lines(items, [17.5, 21.5],
                            costs=Costs(hyphens_in_row=0, final_hyphen=0, most_hyphens_in_row=99))
    flagged = "".join("h" if isinstance(items[b], Penalty) else "." for b in unlimited[:-1])
    assert "hhh" in flagged


def test_a_last_line_of_one_short_word_is_avoided_when_the_lines_above_can_take_it():
    items = paragraph([2] * 22)  # three lines of seven words fill the line exactly
    assert greedy_breaks(items, [20])[-2] == len(items) - 2  # first fit: the last word alone
    breaks = break_lines(items, [20])
    last_start = breaks[-2] + 1
    assert sum(isinstance(x, Glue) for x in items[last_start:]) >= 1, breaks
    # without the penalty for it, the short last word is what the breaker picks
    free = break_lines(items, [20], costs=Costs(one_word_last_line=0, short_word=0))
    assert sum(isinstance(x, Glue) for x in items[free[-2] + 1:]) == 0


def test_ragged_lines_keep_their_spaces_and_even_out_the_right_edge():
    items = paragraph([3, 5, 4, 6, 4, 3, 2, 4, 4, 4, 3, 5])
    for i, x in enumerate(items):
        if isinstance(x, Glue):
            items[i] = Glue(1, 0, 0)
    breaks = break_lines(items, [20], ragged=True)
    lengths, start = [], 0
    for end in breaks:
        lengths.append(sum(x.width for x in items[start:end]))
        start = end + 1
    assert all(length <= 20 for length in lengths)
    assert max(lengths[:-1]) - min(lengths[:-1]) <= 4, lengths


def test_a_mark_that_may_hang_gives_its_line_that_much_room():
    # two words of 10 and a space of 1 overfill a line of 20.5 by half a point (the
    # space shrinks by a third at most); a full stop that hangs 0.6 makes them fit
    items = [Box(10), Glue(1, 0.5, 1 / 3), Box(10), Glue(1, 0.5, 1 / 3), Box(10)]
    assert break_lines(items, [20.5]) == [1, 3, 5]  # one word a line
    items[2] = Box(10, "woord.", hang=0.6)
    assert break_lines(items, [20.5]) == [3, 5]
    # a hyphen that hangs counts only the rest of its width
    split = [Box(10), Glue(1, 0.5, 1 / 3), Box(5), Penalty(1, 50, True), Box(5)]
    assert break_lines(split, [16.2], costs=Costs(one_word_last_line=0)) == [1, 5]
    split[3] = Penalty(1, 50, True, None, 0.6)
    assert break_lines(split, [16.2], costs=Costs(one_word_last_line=0)) == [3, 5]


def test_a_box_wider_than_the_line_is_left_to_the_caller():
    assert break_lines(paragraph([5, 30, 5]), [20]) is None


@pytest.mark.parametrize(("word", "points"), [
    ("terug", ()), ("samen", ()),  # under six letters: never broken
    ("ongeveer", (2, 4)),  # two letters at least before a break, three after
    ("COVID-patiënten", ()), ("NOTOSANS", ()), ("m.b.v.", ()), ("e.g.", ()),
    ("info@fysio.nl", ()), ("www.fysio.nl", ()), ("https://fysio.nl/oefeningen", ()),
    ("12345678", ()), ("10-12-2026", ()), ("5mg/kg", ()),
])
def test_hyphenation_follows_the_book_conventions(word, points):
    assert Hyphenation("nl_NL").points(word) == points


def test_hyphenation_points_skip_punctuation_around_a_word():
    assert Hyphenation("nl_NL").points("(bijvoorbeeld),") == (4, 8)


# -- the sample chapter, as printed --------------------------------------------------------

@pytest.fixture(scope="module")
def chapter_lines(tmp_path_factory) -> list[str]:
    out = tmp_path_factory.mktemp("linebreak")
    report = build([CHAPTER], load_project(REPO), Options(), out_dir=out)
    assert not report.failed, [str(d) for d in report.diagnostics]
    doc = pdfium.PdfDocument(str(next(out.rglob("03-de-rug.pdf"))))
    lines = []
    for page in doc:
        # pdfium joins a hyphenated line end to the next line with U+FFFE
        text = page.get_textpage().get_text_range().replace("\x02", "-").replace("\ufffe", "-\n")
        lines += [line.strip() for line in text.splitlines() if line.strip()]
    return lines


def source_words() -> set[str]:
    return {w.lower() for w in re.findall(r"\w+", CHAPTER.read_text(encoding="utf-8"))}


def hyphenated_ends(lines: list[str]) -> list[tuple[int, str, str]]:
    """(line index, head, tail) of each line end where a word was hyphenated: the line
    ends in a letter and '-', and head and tail make a word of the source."""
    words, source = source_words(), CHAPTER.read_text(encoding="utf-8").lower()
    found = []
    for i, (line, after) in enumerate(zip(lines, lines[1:])):
        m = re.search(r"(\w+)-$", line)
        tail = re.match(r"\w+", after)
        if m and tail and (m.group(1) + tail.group(0)).lower() in words \
                and f"{m.group(1)}-{tail.group(0)}".lower() not in source:
            found.append((i, m.group(1), tail.group(0)))
    return found


def test_the_chapter_has_few_hyphens_and_never_three_in_a_row(chapter_lines):
    """Measured with bench/typeset.py: 54 of 275 lines (20 %) and six in a row with
    reportlab's first fit; 20 (7 %) and none in a row with total fit; Typst 8 %."""
    ends = hyphenated_ends(chapter_lines)
    assert len(ends) / len(chapter_lines) < 0.08, ends  # of all lines, headings too
    run = longest = 0
    previous = None
    for i, _, _ in ends:
        run = run + 1 if previous == i - 1 else 1
        longest, previous = max(longest, run), i
    assert longest <= 2, ends


def test_no_short_word_is_split(chapter_lines):
    for _, head, tail in hyphenated_ends(chapter_lines):
        assert len(head + tail) >= 6 and len(head) >= 2 and len(tail) >= 3, (head, tail)


def test_every_word_of_the_chapter_is_printed(chapter_lines):
    printed = " ".join(chapter_lines)
    printed = re.sub(r"(\w)- (\w)", r"\1\2", printed)  # hyphenated line ends joined
    printed = printed.lower()
    body = CHAPTER.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    # not printed as such: a figure's alt text (for screen readers), link addresses,
    # ids and attributes, note labels (the note's number prints instead), box kinds
    body = re.sub(r"!\[[^\]]*\]\(\S+|\]\(\S+|\{[^}]*\}|\[\^\w+\]:?|<!--.*?-->|^:::.*$", " ", body, flags=re.M)
    missing = {w for w in re.findall(r"\w+", body.lower()) if w not in printed}
    assert not missing, sorted(missing)


COLUMN_RIGHT = (22 + 134) * 72 / 25.4  # the text column's right edge on the page, in points


def test_a_full_stop_or_hyphen_at_a_line_end_hangs_a_little_into_the_margin(tmp_path_factory):
    """The letters of justified lines end at one edge; a line's final full stop, comma
    or hyphen stands partly past it (as in Typst and microtype), so the edge looks straight."""
    out = tmp_path_factory.mktemp("hang")
    report = build([CHAPTER], load_project(REPO), Options(), out_dir=out)
    assert not report.failed
    doc = pdfium.PdfDocument(str(next(out.rglob("03-de-rug.pdf"))))
    ends: dict[str, list[float]] = {"letter": [], "mark": []}
    for page in doc:
        text = page.get_textpage()
        chars = []
        for i in range(text.count_chars()):
            ch = text.get_text_range(i, 1)
            left, _, right, _ = text.get_charbox(i, loose=True)
            if ch.strip() and ch not in "\r\n" and left < COLUMN_RIGHT:  # not a side note
                chars.append((round(text.get_charbox(i)[1]), ch, right))
        rows: dict[int, list] = {}
        for row, ch, right in chars:
            rows.setdefault(row, []).append((right, ch))
        for row in rows.values():
            right, ch = max(row)
            kind = "letter" if ch.isalpha() else "mark" if ch in ".,-\x02" else None
            if kind:
                ends[kind].append(right)
    edge = max(set(round(r, 1) for r in ends["letter"]), key=lambda r: sum(1 for x in ends["letter"] if round(x, 1) == r))
    past = [r - edge for r in ends["mark"] if r > edge + 0.3]
    assert past, "no line end hangs past the edge of the justified lines"
    assert max(past) < 3.5  # a part of a mark, never a whole word
