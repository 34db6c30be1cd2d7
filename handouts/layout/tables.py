"""Column widths of a table, from what its cells hold.

Each cell is measured twice, the way a browser sizes an automatic-layout table
(CSS 2.1, section 17.5.2.2): its *least* width, below which something in it would not
fit (its widest piece between two hyphenation points, with the hyphen, or its widest
word where the text is not hyphenated), and its *whole* width, the one that sets the
cell on one line. A column's least and whole widths are those of its widest cell.

A table whose columns all fit whole is as wide as its content. Otherwise every column
gets its least width, and the room left is shared out in proportion to how much wider
each column would like to be: the browser's way. That first guess is then improved:
room moves from column to column while that makes the table shorter (fewer lines in
its tallest cells, fewer hyphens), so that a narrow column of long sentences no longer
makes rows of three lines beside a column of short names that could stand on one line.

Words are hyphenated only where they must be. A table whose words do not all fit whole
is first set smaller, down to `SMALLEST_TEXT` (the caller scales its cell styles by
`Fit.scale`); only then are its words broken at their hyphenation points; and when even
the pieces between those are too wide, the columns are narrowed in proportion and the
pieces that still do not fit are broken between letters: every letter still prints, and
the caller tells the author (`Fit.overfull`).

Pure measuring and arithmetic: the caller turns the widths into a reportlab table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

PADDING = 12.0  # reportlab's cell padding, left and right together
SLACK = 0.5  # a column is this much wider than its text, so that rounding never breaks a line
SMALLEST_COLUMN = 18 * mm  # a table that fits anyway gives each column at least this
SMALLEST_TEXT = 8.0  # points: a table too wide for its page is set no smaller than this
HYPHEN_COST = 1.5  # a hyphenated line end costs as much as this many lines in the search
SHORT_WORD = 3  # letters: a line of one such word ("m." above "trapezius")...
LONELY_COST = 2.0  # ...costs as much as this many lines
WRAP_COST = 0.1  # and every line a cell needs beyond its first this much: of two tables
# equally tall, the one with fewer broken cells wins
_ROUNDS = 20  # the search stops sooner when no move makes the table shorter
_SAMPLE = 40  # rows the search weighs: a longer table by every so many of its rows
_TRIES = 8  # moves tried per column and per round, spread over the useful ones


@dataclass(frozen=True)
class Word:
    """A word of a cell: its width and, when it may be hyphenated, the widths of its
    parts between hyphenation points and of the hyphen a line ending inside it gets."""

    width: float
    parts: tuple[float, ...] = ()
    hyphen: float = 0.0
    short: bool = False  # "m.", "de": a line that holds only this word looks lost

    @property
    def least(self) -> float:
        if not self.parts:
            return self.width
        return max(max(self.parts[:-1]) + self.hyphen, self.parts[-1])

    def scaled(self, factor: float) -> Word:
        return Word(self.width * factor, tuple(p * factor for p in self.parts), self.hyphen * factor, self.short)


@dataclass(frozen=True)
class Cell:
    """The measured text of one cell: its lines as the author broke them (`<br/>`),
    each a tuple of words, the width of a space, and the height of one of its lines."""

    lines: tuple[tuple[Word, ...], ...]
    space: float
    leading: float

    @cached_property
    def least(self) -> float:
        return max((w.least for line in self.lines for w in line), default=0.0)

    @cached_property
    def longest_word(self) -> float:
        return max((w.width for line in self.lines for w in line), default=0.0)

    @cached_property
    def whole(self) -> float:
        return max((sum(w.width for w in line) + self.space * max(len(line) - 1, 0) for line in self.lines),
                   default=0.0)

    def scaled(self, factor: float) -> Cell:
        return Cell(tuple(tuple(w.scaled(factor) for w in line) for line in self.lines),
                    self.space * factor, self.leading * factor)


def measure(frags: Sequence[Any], leading: float, points: Callable[[str], tuple[int, ...]] | None) -> Cell:
    """A cell from its paragraph's fragments (reportlab's, each with its font and size);
    `points` gives a word's hyphenation points, or None where cells are not hyphenated."""
    lines: list[list[Word]] = [[]]
    word: list[tuple[Any, str]] = []
    space = 0.0

    def end_word() -> None:
        if word:
            lines[-1].append(_word(word, points))
            word.clear()

    for frag in frags:
        if getattr(frag, "lineBreak", False):
            end_word()
            lines.append([])
            continue
        text = getattr(frag, "text", "")
        if not isinstance(text, str) or hasattr(frag, "cbDefn"):
            continue  # a mark: no width
        for n, part in enumerate(text.replace("\t", " ").replace("\n", " ").split(" ")):
            if n:
                end_word()
                space = space or stringWidth(" ", frag.fontName, frag.fontSize)
            if part:
                word.append((frag, part))
    end_word()
    return Cell(tuple(tuple(line) for line in lines), space, leading)


def _word(pieces: list[tuple[Any, str]], points: Callable[[str], tuple[int, ...]] | None) -> Word:
    width = sum(_width(t, f.fontName, f.fontSize) for f, t in pieces)
    text = "".join(t for _, t in pieces)
    short = len(text) <= SHORT_WORD
    cuts = _cuts(text, points) if points is not None and len(pieces) == 1 else ()
    if not cuts:
        return Word(width, short=short)
    f = pieces[0][0]
    bounds = (0, *cuts, len(text))
    parts = tuple(_width(text[a:b], f.fontName, f.fontSize) for a, b in zip(bounds, bounds[1:]))
    return Word(width, parts, _width("-", f.fontName, f.fontSize), short)


def _cuts(text: str, points: Callable[[str], tuple[int, ...]]) -> tuple[int, ...]:
    """Where a word may end a line: its hyphenation points, and after a hyphen of its
    own between letters ("heup-ribspier"; that hyphen is counted as one added)."""
    if "-" not in text:
        return points(text)
    cuts: list[int] = []
    offset = 0
    parts = text.split("-")
    for i, part in enumerate(parts):
        cuts.extend(offset + p for p in points(part))
        offset += len(part) + 1
        if i < len(parts) - 1 and part[-1:].isalpha() and parts[i + 1][:1].isalpha():
            cuts.append(offset)
    return tuple(sorted(set(cuts)))


def _width(text: str, font: str, size: float) -> float:
    return stringWidth(text, font, size)


@dataclass(frozen=True)
class Fit:
    """How a table is set: its column widths, the factor its text is scaled by (1:
    as the theme says), and whether some word still does not fit its column."""

    widths: tuple[float, ...]
    scale: float = 1.0
    overfull: bool = False


def fit_columns(rows: Sequence[Sequence[Cell]], room: float, text_size: float,
                smallest_text: float = SMALLEST_TEXT) -> Fit:
    """The columns of a table of `rows` of measured cells (every row as long) in a
    width of `room`; its text, of `text_size` points as the theme has it, is set no
    smaller than `smallest_text` when it has to be made smaller to fit."""
    columns = max((len(r) for r in rows), default=0)
    if not columns:
        return Fit(())
    pad = PADDING + SLACK
    scale = 1.0
    words = _widest(rows, columns, "longest_word")
    text = sum(words) - pad * columns
    if sum(words) > room and text > 0:  # not every word fits whole: smaller text, then hyphens
        scale = max(min((room - pad * columns) / text, 1.0), min(smallest_text / text_size, 1.0))
        rows = [[cell.scaled(scale) for cell in row] for row in rows]
        words = _widest(rows, columns, "longest_word")
    least = _widest(rows, columns, "least")
    whole = [max(w, m) for w, m in zip(_widest(rows, columns, "whole"), least)]
    if sum(least) > room + 0.01:  # even the smallest text is too wide: words break between letters
        return Fit(tuple(_squeezed(least, room)), scale, overfull=True)
    if sum(words) <= room + 0.01:  # every word fits whole: no column needs to be narrower
        least = [max(a, b) for a, b in zip(least, words)]
    roomy = [max(w, SMALLEST_COLUMN) for w in whole]
    if sum(roomy) <= room:
        return Fit(tuple(roomy), scale)
    if sum(whole) <= room:
        return Fit(tuple(whole), scale)
    return Fit(tuple(_shortest(rows, least, whole, room)), scale)


def _squeezed(least: list[float], room: float) -> list[float]:
    """Columns whose least widths do not fit: each gets its least or an even share of
    the room, whichever is less, and the rest goes to the wider ones in proportion to
    what they lack."""
    even = room / len(least)
    base = [min(m, even) for m in least]
    lack = [m - b for m, b in zip(least, base)]
    spare = room - sum(base)
    return [b + spare * k / sum(lack) for b, k in zip(base, lack)]


def _widest(rows: Sequence[Sequence[Cell]], columns: int, measure: str) -> list[float]:
    """Per column, the largest `measure` of its cells ("least", "whole", "longest_word"),
    and the padding."""
    return [max((getattr(row[i], measure) for row in rows if i < len(row)), default=0.0) + PADDING + SLACK
            for i in range(columns)]


def browser_share(least: Sequence[float], whole: Sequence[float], room: float) -> list[float]:
    """Every column its least width, and the room left in proportion to how much wider
    each would like to be (its whole width less its least): the automatic layout's
    share, for a table narrower than its whole widths and wider than its least."""
    spare = room - sum(least)
    wish = [w - m for w, m in zip(whole, least)]
    total = sum(wish) or 1.0
    return [m + spare * w / total for m, w in zip(least, wish)]


def _shortest(rows: Sequence[Sequence[Cell]], least: list[float], whole: list[float], room: float) -> list[float]:
    """The browser's share of `room`, then moves of room between columns while the
    table gets shorter."""
    widths = browser_share(least, whole, room)
    step = -(-len(rows) // _SAMPLE)  # ceiling: a long table is judged by a sample of its rows
    rows = rows[::step]
    height = _Height(rows)
    best = height(widths)
    for _ in range(_ROUNDS):
        found = None
        for candidate in _moves(rows, widths, least, whole):
            cost = height(candidate)
            if cost < best - 1e-6:
                best, found = cost, candidate
        if found is None:
            break
        widths = found
    return widths


def _moves(rows: Sequence[Sequence[Cell]], widths: list[float], least: list[float],
           whole: list[float]) -> list[list[float]]:
    """Tables one move away: one column made wider (to where one of its cells needs a
    line less, or by a step), or the columns of one row made as wide as that row needs
    to stand on one line; the room taken from the other columns in proportion to what
    each has above its least width."""
    room = sum(widths)
    pad = PADDING + SLACK + 0.01
    wanted: list[dict[int, float]] = []
    for i, now in enumerate(widths):
        if now >= whole[i] - 0.01:
            continue
        targets = {min(whole[i], now + room * step) for step in (1 / 64, 1 / 16, 1 / 4)}
        for row in rows:
            for parts in (1, 2, 3):
                target = row[i].whole / parts + pad
                if now < target <= whole[i] + 0.01:
                    targets.add(target)
        wanted += [{i: target} for target in _spread(sorted(targets))]
    rows_wanted = []
    for row in rows:
        grow = {i: c.whole + pad for i, c in enumerate(row) if c.whole + pad > widths[i]}
        if len(grow) > 1 and grow not in rows_wanted:
            rows_wanted.append(grow)
    wanted += _spread(sorted(rows_wanted, key=lambda g: sum(t - widths[i] for i, t in g.items())))
    out = []
    for grow in wanted:
        moved = _grown(widths, least, grow)
        if moved is not None:
            out.append(moved)
    return out


def _spread(items: list) -> list:
    """At most `_TRIES` of `items`, evenly spread from the first to the last."""
    if len(items) <= _TRIES:
        return items
    return [items[round(k * (len(items) - 1) / (_TRIES - 1))] for k in range(_TRIES)]


def _grown(widths: list[float], least: list[float], grow: dict[int, float]) -> list[float] | None:
    """`widths` with the columns of `grow` at their new widths, as far as the other
    columns can give (each in proportion to what it has above its least)."""
    others = [j for j in range(len(widths)) if j not in grow]
    slack = sum(widths[j] - least[j] for j in others)
    need = sum(target - widths[i] for i, target in grow.items())
    if slack <= 0.01 or need <= 0:
        return None
    given = min(need, slack)
    share, part = given / slack, given / need
    out = list(widths)
    for i, target in grow.items():
        out[i] = widths[i] + (target - widths[i]) * part
    for j in others:
        out[j] = widths[j] - (widths[j] - least[j]) * share
    return out


class _Height:
    """What a table of given column widths costs: the lines of its tallest cells,
    row by row, each at its row's leading, and its blemishes (hyphens, lines of one
    short word, broken cells)."""

    def __init__(self, rows: Sequence[Sequence[Cell]]):
        self.rows = rows
        self.known: dict[tuple[int, int], tuple[list[float], float]] = {}

    def __call__(self, widths: list[float]) -> float:
        heights, blemishes = [], 0.0
        for i, width in enumerate(widths):
            column, blemish = self.column(i, int(width * 2))  # to half a point, rounded down
            heights.append(column)
            blemishes += blemish
        return sum(map(max, zip(*heights))) + blemishes

    def column(self, i: int, key: int) -> tuple[list[float], float]:
        """Column i at a width of key/2 points: the height of each of its cells, and
        the sum of their blemishes."""
        found = self.known.get((i, key))
        if found is None:
            heights, blemishes = [], 0.0
            for row in self.rows:
                cell = row[i]
                lines, hyphenated, lonely = _lines(cell, key / 2 - PADDING)
                heights.append(lines * cell.leading)
                blemishes += (hyphenated * HYPHEN_COST + lonely * LONELY_COST + (lines - 1) * WRAP_COST) * cell.leading
            found = self.known[(i, key)] = (heights, blemishes)
        return found


def _lines(cell: Cell, room: float) -> tuple[int, int, int]:
    """Lines, hyphens and lines of one short word of `cell` set in `room`, filling each
    line as far as it goes (close enough to the line breaker to compare widths)."""
    room += 0.01
    if cell.whole <= room:
        return len(cell.lines), 0, 0
    lines, hyphens, lonely = 0, 0, 0
    # as the table is set: a cell is hyphenated only when a word of it is wider than its column
    hyphenated = cell.longest_word > room
    for words in cell.lines:
        lines += 1
        used, alone = 0.0, None  # alone: the line's only word so far
        for word in words:
            gap = cell.space if used else 0.0
            if used + gap + word.width <= room:
                alone = word if not used else None
                used += gap + word.width
                continue
            parts = (word.parts if hyphenated else ()) or (word.width,)
            k, head = 0, 0.0  # the parts that still fit on this line, with a hyphen
            while k < len(parts) - 1 and used + gap + head + parts[k] + word.hyphen <= room:
                head += parts[k]
                k += 1
            hyphens += 1 if k else 0
            lonely += 1 if not k and alone is not None and alone.short else 0
            lines += 1 if k or used else 0
            used, alone = 0.0, word
            for j in range(k, len(parts)):
                hyphen = word.hyphen if j < len(parts) - 1 else 0.0
                if used and used + parts[j] + hyphen > room:
                    lines, hyphens, used = lines + 1, hyphens + 1, 0.0
                used += parts[j]
                while used > room:  # wider than the column: broken between letters
                    lines, used = lines + 1, used - room
    return lines, hyphens, lonely


@dataclass(frozen=True)
class LandscapePages:
    """Where a kind of document puts a table marked `{.landscape}`: its width there,
    the width of the text column it replaces (a table in a box or list stays where it
    is), and `place`, which puts the table's flowables on a landscape page of its own."""

    width: float
    column: float
    place: Callable[[list], list]
