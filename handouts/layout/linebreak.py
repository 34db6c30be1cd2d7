"""Total-fit line breaking (Knuth and Plass): every break point of a paragraph weighed
together, so that one loose line or one hyphen now does not force three later.

Pure Python over boxes (words or word parts), glue (the space between words) and
penalties (places to break that cost something: a hyphenation point). The caller measures
the widths; this module only chooses where the lines end. Two ways of costing a line:

- justified: a line's spaces stretch or shrink to fill it; the cost grows with the cube of
  how far (TeX's badness), with extra demerits for a hyphen, for two hyphens in a row (a
  third in a row is never chosen), for a loose line next to a tight one, and for a last
  line that holds a single word.
- ragged: spaces keep their width; the cost of a line is the square of the room it leaves
  (the last line is free), so that the right edge is even without stretching anything.

Widow and orphan control is the page's business, not this module's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

INFINITY = 10_000  # a penalty this high forbids the break; minus it forces one


@dataclass(slots=True)
class Box:
    width: float
    content: Any = None  # what the caller breaks: the breaker never looks inside
    hang: float = 0.0  # how far its end may stand past the line's end (a full stop, a comma)


@dataclass(slots=True)
class Glue:
    width: float
    stretch: float
    shrink: float
    content: Any = None  # what the caller breaks: the breaker never looks inside


@dataclass(slots=True)
class Penalty:
    width: float  # added to the line when it breaks here (the hyphen)
    cost: float
    flagged: bool = False  # a hyphen: counts for hyphens in a row
    content: Any = None  # what the caller breaks: the breaker never looks inside
    hang: float = 0.0  # how far the hyphen may stand past the line's end


Item = Box | Glue | Penalty


@dataclass(frozen=True, slots=True)
class Costs:
    """What a line costs. Defaults near TeX's and Typst's, tuned on the sample chapters.

    Demerits of a line are (line_penalty + badness)² plus a penalty's cost squared, on
    TeX's scale (badness 100 × |ratio|³: 100 when the spaces use all their stretch).
    A hyphen (1200² = 1,440,000) so costs as much as a line whose spaces stretch
    ~2.3 times their stretch (badness ~1,200; the first try's tolerance is 1,000, a
    word gap of just over half an em): a hyphen is taken only where the alternative is
    a line about to look loose. With a tolerance of 600 (a gap of half an em) the
    hyphens left are in paragraphs with no setting without them inside it, whatever
    the hyphen costs; the sample chapter then ends 7.0% of its lines in a hyphen against
    Typst's 6.1% on the same document. A tolerance of 1,000 with a hyphen cost of 1,200
    gives 5.9% (five-times chapter: 6.3%, Typst 6.3%), with as many loose lines and
    one-word last lines as Typst (2 and 5; bench/typeset.py); a cost of 1,000 leaves
    6.3%, and a tolerance of 800 too. Two in a row were left in one paragraph whose
    only other setting had a line stretched 2.9 times; line ends that hang (`hang`)
    gave it room instead.
    """

    tolerance: float = 1000  # the largest badness of a line in the first try
    line_penalty: float = 10  # every line costs this: fewer lines win
    hyphen_penalty: float = 1200  # a line ending in a hyphen
    hyphens_in_row: float = 500_000  # demerits for the second hyphen in a row
    most_hyphens_in_row: int = 2  # never more than this in a row
    fitness: float = 4000  # a loose line next to a tight one
    one_word_last_line: float = 60000  # a last line holding one word
    short_word: float = 20000  # ...and more when that word is short
    short_fraction: float = 0.2  # short: narrower than this share of the line
    final_hyphen: float = 400_000  # the line before the last ends in a hyphen


@dataclass(slots=True)
class _Node:
    position: int  # index of the break item (-1: the paragraph's start)
    line: int  # lines before this break
    fitness: int
    width: float  # sums of the items before the line that follows this break
    stretch: float
    shrink: float
    spaces: int
    demerits: float
    hyphens: int  # hyphens in a row ending at this break
    previous: _Node | None


def break_lines(items: Sequence[Item], widths: Sequence[float], *, ragged: bool = False,
                costs: Costs = Costs()) -> list[int] | None:
    """The indices of the items where the lines end (the last is always len(items)), or
    None when no set of breaks fits: a box wider than its line, or (justified) no way to
    keep the spaces from shrinking past their limit. A line ends at a glue (the glue is
    dropped) or at a penalty (its width, a hyphen, stays on the line)."""
    if not items:
        return []
    for tolerance in ((costs.tolerance, 3000, float("inf")) if not ragged else (float("inf"),)):
        breaks = _try(items, widths, ragged, costs, tolerance)
        if breaks is not None:
            return breaks
    return None


def _fitness(ratio: float) -> int:
    if ratio < -0.5:
        return 0
    if ratio <= 0.5:
        return 1
    if ratio <= 1:
        return 2
    return 3


def _try(items: Sequence[Item], widths: Sequence[float], ragged: bool, costs: Costs,
         tolerance: float) -> list[int] | None:
    n = len(items)
    # running sums up to each item, and whether each item may end a line
    sum_w, sum_y, sum_z, sum_s = [0.0] * (n + 1), [0.0] * (n + 1), [0.0] * (n + 1), [0] * (n + 1)
    w = y = z = 0.0
    s = 0
    for i, item in enumerate(items):
        sum_w[i], sum_y[i], sum_z[i], sum_s[i] = w, y, z, s
        if isinstance(item, Box):
            w += item.width
        elif isinstance(item, Glue):
            w += item.width
            y += item.stretch
            z += item.shrink
            s += 1
    sum_w[n], sum_y[n], sum_z[n], sum_s[n] = w, y, z, s
    words = s + 1
    last_width = widths[-1]

    def after(position: int) -> tuple[float, float, float, int]:
        """Sums at the start of the line after a break at `position`: glue and penalties
        right after a break are dropped, up to the next box."""
        j = position + 1
        while j < n and not isinstance(items[j], Box):
            j += 1
        return sum_w[j], sum_y[j], sum_z[j], sum_s[j]

    # the places a line may end: (index, cost, hyphen, width added, forced)
    candidates = []
    for b, item in enumerate(items):
        # a line's last mark may hang into the margin: it counts less of its width
        if isinstance(item, Glue):
            if b and isinstance(items[b - 1], Box):
                candidates.append((b, 0.0, False, -items[b - 1].hang, False))  # type: ignore[union-attr]
        elif isinstance(item, Penalty) and item.cost < INFINITY:
            candidates.append((b, item.cost, item.flagged, item.width - item.hang, item.cost <= -INFINITY))
    candidates.append((n, -INFINITY, False, 0.0, True))

    active: list[_Node] = [_Node(-1, 0, 1, 0.0, 0.0, 0.0, 0, 0.0, 0, None)]
    line_penalty = costs.line_penalty
    # a line looser than this ratio is over the tolerance: skipped without more sums
    loosest = (tolerance / 100) ** (1 / 3) if tolerance != float("inf") else float("inf")
    lines_given = len(widths)
    for b, cost, flagged, extra, forced in candidates:
        best: dict[int, _Node] = {}
        survivors: list[_Node] = []
        last = b == n
        for a in active:
            target = widths[a.line] if a.line < lines_given else last_width
            length = sum_w[b] - a.width + extra
            if length > target:  # spaces shrink (ragged: they cannot)
                shrink = sum_z[b] - a.shrink
                if ragged or length - target > shrink:
                    continue  # too long now, and longer from here on: a node no more
                ratio = (target - length) / shrink
            elif ragged:
                ratio = 0.0 if last else (target - length) / target
            elif last:
                ratio = 0.0
            else:
                stretch = sum_y[b] - a.stretch
                if target - length > loosest * stretch:
                    if not forced:
                        survivors.append(a)
                    continue  # too loose: later breaks may fit
                ratio = (target - length) / stretch if stretch > 0 else (100.0 if length < target else 0.0)
            if not forced:
                survivors.append(a)
            if ragged:
                badness = 0.0 if last else 1000 * ratio * ratio  # a fifth of the line empty: 40
            else:
                badness = 100 * abs(ratio) ** 3
            hyphens = a.hyphens + 1 if flagged else 0
            if hyphens > costs.most_hyphens_in_row:
                continue
            demerits = (line_penalty + badness) ** 2
            if cost > 0:
                demerits += cost * cost
            elif cost > -INFINITY:
                demerits -= cost * cost
            if flagged and a.hyphens:
                demerits += costs.hyphens_in_row
            fitness = 1 if ragged else _fitness(ratio)
            if abs(fitness - a.fitness) > 1:
                demerits += costs.fitness
            if last and a.hyphens:
                demerits += costs.final_hyphen
            if last and words > 1 and sum_s[n] - a.spaces == 0:
                demerits += costs.one_word_last_line
                if length < costs.short_fraction * target:
                    demerits += costs.short_word
            total = a.demerits + demerits
            known = best.get(fitness)
            if known is None or total < known.demerits:
                w0, y0, z0, s0 = after(b) if b < n else (0.0, 0.0, 0.0, 0)
                best[fitness] = _Node(b, a.line + 1, fitness, w0, y0, z0, s0, total, hyphens, a)
        active = survivors + sorted(best.values(), key=lambda node: node.fitness)
        if not active:
            return None
    ends = [node for node in active if node.position == n]
    if not ends:
        return None
    node: _Node | None = min(ends, key=lambda node: node.demerits)
    breaks = []
    while node is not None and node.position >= 0:
        breaks.append(node.position)
        node = node.previous
    breaks.reverse()
    return [n if b == n else b for b in breaks]


def greedy_breaks(items: Sequence[Item], widths: Sequence[float]) -> list[int] | None:
    """First fit, as most word processors break: each line as full as it goes, spaces at
    their natural width (for tests and the bench, to compare against)."""
    n = len(items)
    sums = [0.0] * (n + 1)
    for i, item in enumerate(items):
        sums[i + 1] = sums[i] + (0.0 if isinstance(item, Penalty) else item.width)
    candidates = [i for i, item in enumerate(items)
                  if (isinstance(item, Glue) and i > 0 and isinstance(items[i - 1], Box))
                  or (isinstance(item, Penalty) and item.cost < INFINITY)] + [n]
    breaks: list[int] = []
    start, line, last_fit, k = 0, 0, None, 0
    while k < len(candidates):
        b = candidates[k]
        target = widths[min(line, len(widths) - 1)]
        extra = items[b].width if b < n and isinstance(items[b], Penalty) else 0.0
        if sums[b] - sums[start] + extra <= target + 1e-6:
            last_fit = b
            k += 1
            continue
        if last_fit is None:
            return None
        breaks.append(last_fit)
        start = last_fit + 1
        while start < n and not isinstance(items[start], Box):
            start += 1
        line += 1
        last_fit = None
        k = next(j for j, c in enumerate(candidates) if c >= start)
    breaks.append(n)
    return breaks
