"""Panels that are full: the body spread evenly over a leaflet's panels or pages.

Platypus fills one panel after another, so the text used to end wherever it ended:
a half-empty last panel, a section broken across the flap and the inside. Here the
layout is run again with every panel a little shorter (the same share for all),
until the text just fits the panels it needs; then, in each panel, the room left at
the foot is shared out between paragraphs, boxes and headings (vertical justification),
so the last lines of neighbouring panels line up at the foot.

On a tri-fold a section stays on one side of the sheet: a section that would run from
the flap onto the inside-left panel (which the reader sees before the flap, once the
cover is opened) starts on the inside instead; if it is too long to, the author is told.
A text too short for its fold is a warning with how full each panel is. An overflow
is measured as the least extra panel height that would let the text fit, so a forced
panel break does not make it look larger or smaller than it is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, Protocol

from reportlab.platypus import PageBreak, Spacer

from handouts.errors import Diagnostic, SourceRef
from handouts.layout.headings import HeadingParagraph
from handouts.layout.placing import Placed

MOST_EMPTY = 0.25  # a text panel more empty than this, with no text after it: too short
SHORTEST = 0.75  # panels are never shortened below this share of their height
STEP = 0.025  # how much taller the panels get on each try
STRETCH = 0.6  # at most this many lines of extra space per gap (a heading's gap: three)
# Once the cover is opened, the flap is seen beside the first inside panel (the inside
# left one, or the inside right one of a right-to-left leaflet), which is read first: a
# section running on from the flap would be read backwards. That boundary is kept.
MOST_MOVES = 2  # layouts tried, at most, to move a section off the flap
PANEL_WORDS = {"flap": "flap", "inside-left": "inside left", "inside-middle": "inside middle",
               "inside-right": "inside right", "back": "back"}
TEXT_PANELS = ("flap", "inside-left", "inside-middle", "inside-right")


class Run(Protocol):
    """What one layout pass gave: a `LayoutDoc` after `build` (see leaflet.layout.pages)."""

    pages: list[tuple[str, tuple[Placed, ...]]]
    headings: list[tuple[int, int, str]]
    overflow_height: float
    overflow_ref: SourceRef | None


# (scale of the panels' height, extra height per panel, story indices to start a panel)
Lay = Callable[[float, dict[str, float], frozenset[int]], Run]


@dataclass(frozen=True)
class Balanced:
    """The body laid out and balanced, with what the author should know."""

    pages: tuple[tuple[str, tuple[Placed, ...]], ...]
    headings: tuple[tuple[int, int, str], ...]
    warnings: tuple[Diagnostic, ...]
    overflow: float  # points of panel height the text needs beyond the tri-fold's panels
    overflow_ref: SourceRef | None


def ink(placed: Placed) -> bool:
    """Whether a placed flowable prints something (spacers and breaks do not)."""
    return not isinstance(placed.flowable, (Spacer, PageBreak))


def used_share(placed: tuple[Placed, ...], area: tuple[float, float]) -> float:
    """How much of a text area (bottom, top) the placed flowables fill, 0..1."""
    bottom, top = area
    lowest = min((p.y for p in placed if ink(p)), default=top)
    return max(0.0, min(1.0, (top - lowest) / (top - bottom)))


def balance(lay: Lay, kind: str, areas: dict[str, tuple[float, float]], leading: float,
            top_level: int) -> Balanced:
    """The body spread over the panels of fold `kind`; `areas`: each panel's text area."""
    trifold = kind == "trifold"
    natural, crossings = _settle(lay, 1.0, trifold, areas, leading)
    if trifold and natural.overflow_height > 0:
        plain = lay(1.0, {}, frozenset())
        if plain.overflow_height > 0:
            return Balanced((), (), (), *_least_extra(lay, plain))
        # It fits only if the sections are left where they fall: leave them, and say so.
        natural = plain
        crossings = [replace(c, index=-1, room=False) for c in _crossings(plain, areas, leading)]
    count = len(natural.pages)

    def fits(run: Run) -> bool:
        return run.overflow_height <= 0 if trifold else len(run.pages) <= count

    # Every run lays out a story of its own, so each one kept is as it was placed.
    # Panels shortened a little more on each try; the try whose emptiest panel is
    # fullest wins (the text may fit in fewer lines, but a figure or a list that
    # must stay whole decides where a panel can end).
    tried = [(natural, crossings)]
    scale = _first_guess(natural, areas, trifold)
    while scale < 1 - STEP / 2 and _score(tried[-1][0], areas, trifold)[0] < 1 - STEP:
        run, run_crossings = _settle(lay, scale, trifold, areas, leading)
        if fits(run) and len(run_crossings) <= len(crossings):
            tried.append((run, run_crossings))
        scale += STEP
    best, best_crossings = max(tried, key=lambda t: _score(t[0], areas, trifold))
    pages = tuple((name, _stretch(placed, areas[name], leading, top_level, last=i == _last(best)))
                  for i, (name, placed) in enumerate(best.pages))
    warnings = tuple(_crossing_warning(c) for c in best_crossings)
    return Balanced(pages, tuple(best.headings), warnings, 0.0, None)


def _last(run: Run) -> int:
    """The index of the last page with anything printed on it."""
    return max((i for i, (_, placed) in enumerate(run.pages) if any(ink(p) for p in placed)),
               default=0)


def _score(run: Run, areas: dict[str, tuple[float, float]], trifold: bool) -> tuple[float, ...]:
    """How full the text panels (tri-fold) or pages are, emptiest first, before
    stretching: the try whose emptiest panel is fullest wins, then the next emptiest.
    The flap is left out: it keeps its height, so it is the same in every try."""
    fills = {name: used_share(placed, areas[name]) for name, placed in run.pages}
    if trifold:
        return tuple(sorted(fills.get(name, 0.0) for name in TEXT_PANELS if name != "flap"))
    return tuple(sorted(fills.values()))


def _first_guess(run: Run, areas: dict[str, tuple[float, float]], trifold: bool) -> float:
    """The share of the panels' height the text would need if it could break anywhere."""
    used = sum(used_share(placed, areas[name]) * (areas[name][1] - areas[name][0])
               for name, placed in run.pages if name not in ("flap", "overflow"))
    names = [n for n in areas if n not in ("flap", "overflow")] if trifold else [
        name for name, _ in run.pages]
    room = sum(areas[n][1] - areas[n][0] for n in names)
    return max(SHORTEST, used / room) if room else 1.0


@dataclass(frozen=True)
class Crossing:
    """A section that runs from one side of a tri-fold's sheet onto the other."""

    before: str  # the panel it starts on
    after: str  # the panel it runs on to
    heading: Any  # its heading (of a heading and its sub-heading, the first; not an empty section's)
    index: int  # the heading's place in the story, or -1: it cannot be moved whole
    left: float  # how full the panel before would be without the section
    lines_before: int  # lines of the section on the panel before
    lines_after: int  # lines of the section on the panel after
    room: bool = True  # False: moved whole, the text would no longer fit the fold


def _settle(lay: Lay, scale: float, trifold: bool, areas: dict[str, tuple[float, float]],
            leading: float) -> tuple[Run, list[Crossing]]:
    """A layout at `scale` in which, on a tri-fold, no section that could be moved whole
    crosses to the other side of the sheet; with the crossings that could not."""
    moves: frozenset[int] = frozenset()
    run = lay(scale, {}, moves)
    if not trifold:
        return run, []
    for _ in range(MOST_MOVES):
        movable = [c for c in _crossings(run, areas, leading) if c.index >= 0]
        if not movable:
            break
        moves = moves | {movable[0].index}
        run = lay(scale, {}, moves)
    return run, [c for c in _crossings(run, areas, leading) if c.index < 0]


def _crossings(run: Run, areas: dict[str, tuple[float, float]], leading: float) -> list[Crossing]:
    """The sections that run across a side boundary of the sheet. One can move whole to
    the other side when what stays before it still fills the panel (see MOST_EMPTY)."""
    pages = dict(run.pages)
    names = [name for name, _ in run.pages]
    found = []
    for before, after in [("flap", names[1])] if names[:1] == ["flap"] and len(names) > 1 else []:
        following = [p for p in pages.get(after, ()) if ink(p)]
        placed = [p for p in pages.get(before, ()) if ink(p)]
        if not following or not placed or isinstance(following[0].flowable, HeadingParagraph):
            continue  # nothing runs on: the panel after starts with a heading
        if getattr(following[0].flowable, "after_panel_break", False):
            continue  # the author broke the panel there
        heads = [i for i, p in enumerate(placed) if isinstance(p.flowable, HeadingParagraph)]
        if not heads:
            continue  # a text without headings reads on
        head = named = heads[-1]
        while head > 0 and isinstance(placed[head - 1].flowable, HeadingParagraph):
            head -= 1  # a heading and the headings right above it move together
            if placed[head].flowable.level < placed[named].flowable.level:
                named = head  # the section runs on under its sub-heading; one of the same level is empty
        left = used_share(tuple(placed[:head]), areas[before]) if head else 0.0
        top = placed[head - 1].y if head else areas[before][1]
        upto = next((i for i, p in enumerate(following)
                     if isinstance(p.flowable, HeadingParagraph)), len(following))
        on_after = areas[after][1] - following[upto - 1].y if upto else 0.0
        movable = head > 0 and left >= 1 - MOST_EMPTY
        found.append(Crossing(
            before, after, placed[named].flowable,
            getattr(placed[head].flowable, "leaflet_index", -1) if movable else -1, left,
            max(1, round((top - min(p.y for p in placed)) / leading)),
            max(1, round(on_after / leading))))
    return found


def _crossing_warning(crossing: Crossing) -> Diagnostic:
    head = crossing.heading
    ref = getattr(head, "source_ref", None) or SourceRef("leaflet")
    title = head.entry or "this section"
    before, after = PANEL_WORDS[crossing.before], PANEL_WORDS[crossing.after]
    start = (f'the section "{title}" runs from the {before} panel onto the {after} panel, on '
             f"the other side of the sheet (once the cover is opened, the {after} panel "
             "is read before the flap); ")
    if not crossing.room:
        fix = ("moved there whole, the text would no longer fit the tri-fold: shorten the "
               f"text, or put a heading about {crossing.lines_before} lines into the section, "
               f"where the {before} panel ends")
    elif crossing.lines_before and crossing.left > 0:
        fix = (f"moved there whole, it would leave the {before} panel "
               f"{100 * (1 - crossing.left):.0f}% empty: put a heading about "
               f"{crossing.lines_before} lines into it, where the {before} panel ends, or "
               "start it on the inside with a panel break (---) before its heading")
    else:
        fix = (f"it is longer than the {before} panel: shorten it by about "
               f"{crossing.lines_after} lines, or put a heading about "
               f"{crossing.lines_before} lines into it, where the {before} panel ends")
    return Diagnostic(ref, start + fix, "warning")


def _stretch(placed: tuple[Placed, ...], area: tuple[float, float], leading: float,
             top_level: int, last: bool) -> tuple[Placed, ...]:
    """The panel's flowables moved down so that the room at its foot is shared out
    between the gaps: most before a section heading, none after a heading or before
    a caption. The last panel of the text is left as it is unless it is nearly full."""
    inked = [i for i, p in enumerate(placed) if ink(p)]
    if len(inked) < 2:
        return placed
    bottom, top = area
    room = min(placed[i].y for i in inked) - bottom
    if room <= 0 or (last and used_share(placed, area) < 1 - MOST_EMPTY):
        return placed
    weights = {b: _weight(placed[a].flowable, placed[b].flowable, top_level)
               for a, b in zip(inked, inked[1:], strict=False)}
    total = sum(weights.values())
    if total <= 0:
        return placed
    per = min(room / total, STRETCH * leading)
    out, shift = [], 0.0
    for i, p in enumerate(placed):
        shift += weights.get(i, 0.0) * per
        out.append(Placed(p.flowable, p.x, p.y - shift, p.spare) if shift else p)
    return tuple(out)


def _weight(before: Any, after: Any, top_level: int) -> float:
    if isinstance(before, HeadingParagraph):
        return 0.0  # a heading stays with what it heads
    if isinstance(after, HeadingParagraph):
        return 3.0 if after.level <= top_level else 2.0
    style_before = getattr(getattr(before, "style", None), "name", "")
    style_after = getattr(getattr(after, "style", None), "name", "")
    if style_after == "caption" or style_before == "stamp_label" or style_after == "imprint":
        return 0.0  # a caption under its picture, a label over its box, the imprint lines
    if type(before).__name__ == type(after).__name__ == "LIIndenter":
        return 0.5  # the items of one list stay close
    return 1.0


def _least_extra(lay: Lay, run: Run) -> tuple[float, SourceRef | None]:
    """How much of the text does not fit: the least panel height that, added to one
    panel, lets it fit; with the line where the text that does not fit starts. Tried on
    the back, and on every panel the author ended with a panel break and the one before
    it: text pushed past a break cannot use the room the break leaves, so only more room
    before the break shows how much is too much."""
    names = [name for name, _ in run.pages]
    candidates = ["back"]
    for index, (_, placed) in enumerate(run.pages[1:6]):
        if _after_break(placed):  # the panel before it was ended by the author
            candidates += names[max(0, index - 1):index + 1]
    best, where = float("inf"), run.overflow_ref
    for name in dict.fromkeys(candidates):
        low, high = 0.0, run.overflow_height
        while lay(1.0, {name: high}, frozenset()).overflow_height > 0:
            low, high = high, high * 1.5
            if high > min(best, 20 * run.overflow_height):
                break
        else:
            while high - low > 3.0:  # points: a sixth of a line
                middle = (low + high) / 2
                if lay(1.0, {name: middle}, frozenset()).overflow_height > 0:
                    low = middle
                else:
                    high = middle
            if high < best:
                best, where = high, _first_ref(run.pages[names.index(name) + 1:]) or where
    return (best, where) if best != float("inf") else (run.overflow_height, run.overflow_ref)


def _first_ref(pages: list) -> SourceRef | None:
    for _, placed in pages:
        for p in placed:
            if ink(p) and getattr(p.flowable, "source_ref", None):
                return p.flowable.source_ref
    return None


def _after_break(placed: tuple[Placed, ...]) -> bool:
    """Whether a panel starts with what follows a panel break the author wrote."""
    first = next((p for p in placed if ink(p)), None)
    return first is not None and getattr(first.flowable, "after_panel_break", False)


def too_short(pages: tuple[tuple[str, tuple[Placed, ...]], ...],
              areas: dict[str, tuple[float, float]], kind: str) -> str | None:
    """Why the text is too short for its fold (how full each panel is), or None."""
    fills = {name: used_share(placed, areas[name]) for name, placed in pages}
    if kind == "trifold":
        # Text on the back: every panel before it was filled as far as whole sections go.
        shown = [f"{PANEL_WORDS[n]} {100 * fills.get(n, 0):.0f}%" for n in TEXT_PANELS]
        if fills.get("back", 0) == 0 and any(fills.get(n, 0) < 1 - MOST_EMPTY
                                             for n in TEXT_PANELS):
            return (f"the text fills too little of the tri-fold for its inside to look full "
                    f"({', '.join(shown)}); add text, or use `fold: single`")
        return None
    if kind == "booklet" and len(pages) == 1:
        return (f"the text fills one A5 page ({100 * fills[pages[0][0]]:.0f}%), so the printed "
                "booklet has a blank page before the back; add text, or use `fold: single`")
    return None
