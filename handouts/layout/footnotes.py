"""Footnotes at the foot of the page where their mark is printed, as in books.

Which page a mark lands on is known for certain only when it is drawn: every mark
calls a named canvas callback (`FOOTNOTE_MARK`), and the document's `NoteArea` takes
the note for the page being drawn. Room for the notes is kept before that, while the
frame fits the text: a block with marks (`WithFootnotes`) knows its marks from the
markup; split at a page end, the marks of its part on this page are read from a
paragraph's lines, or found by drawing the part on a scratch canvas (`marks_printed`)
for any other block (list, table, box).

A note too long for the room left on its mark's page starts there and continues at
the foot of the next page, before that page's own notes (`NoteArea.carried`).
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepTogether, Paragraph
from reportlab.platypus.flowables import Flowable

from handouts.layout.flowables import FOOTNOTE_MARK
from handouts.layout.reportlab_internals import document_of, is_split_part, mark_takes_no_room, takes_no_room

NOTE_GAP = 3.0  # points between stacked footnotes
FUZZ = 1e-6
_SEARCH_STEP = 0.5  # points: how finely a block's split is searched for its marks


def _split_part(part: Flowable) -> Any:
    """The lines platypus gave the first part of a split paragraph (its `blPara`),
    when they hold styled words (kind 1, as every paragraph with a mark has), else
    None. Reading them spares breaking the part's lines again to measure it, and
    drawing it to find its marks. (Platypus internals, kept here; the test
    `test_a_split_paragraph_part_is_read_as_it_is_drawn` fails when they change.)"""
    lines = getattr(part, "blPara", None)
    if isinstance(part, Paragraph) and is_split_part(part) and getattr(lines, "kind", None) == 1:
        return lines
    return None


def split_part_marks(part: Flowable) -> tuple[int, ...] | None:
    """The footnote numbers the first part of a split paragraph prints, read from its
    lines; None for anything else."""
    lines = _split_part(part)
    if lines is None:
        return None
    found = []
    for line in lines.lines:
        for word in getattr(line, "words", ()):
            callback = getattr(word, "cbDefn", None)
            if callback is not None and getattr(callback, "name", "") == FOOTNOTE_MARK:
                found.append(int(callback.label))
    return tuple(dict.fromkeys(found))


def marks_printed(flowable: Flowable, canv: Any, width: float) -> tuple[int, ...]:
    """The footnote numbers `flowable` prints, in order, found by drawing it on a
    scratch canvas at `width` (`canv` is the real one, for measuring)."""
    found: list[int] = []
    scratch = Canvas(io.BytesIO())
    scratch.setNamedCB(FOOTNOTE_MARK, lambda _canvas, _kind, label: found.append(int(label)))
    if isinstance(flowable, KeepTogether):  # it is never drawn itself, only its parts
        parts = flowable.splitOn(canv, width, 0xFFFFFF)
    else:
        parts = [flowable]
    for part in parts:
        if getattr(part, "frameAction", None) is not None:
            continue
        part.wrapOn(canv, width, 0xFFFFFF)
        part.drawOn(scratch, 0, 0)
    return tuple(dict.fromkeys(found))


class NoteArea:
    """The notes at the foot of the current page, bottom-aligned above the footer,
    under a short rule; and the notes waiting for the next page."""

    def __init__(self, texts: dict[int, Flowable], width: float, rule_space: float):
        self.texts, self.width, self.rule_space = texts, width, rule_space
        self.pieces: list[Flowable] = []  # on this page, top to bottom
        self.carried: list[Flowable] = []  # for the next page, in order
        self.placed: set[int] = set()  # every note is printed once
        self.pending: list[int] = []  # marks drawn whose notes are not placed yet
        self.full = False  # a note was cut: no more notes fit on this page

    # -- sizes
    def _height(self, note: Flowable) -> float:
        return note.wrap(self.width, 0xFFFFFF)[1]

    def height(self) -> float:
        """Height of the notes area of this page (0 without notes)."""
        if not self.pieces:
            return 0.0
        return self.rule_space + sum(self._height(p) + NOTE_GAP for p in self.pieces)

    def fresh(self, numbers: Iterable[int]) -> tuple[int, ...]:
        """The notes among `numbers` still to be placed, in order."""
        return tuple(n for n in dict.fromkeys(numbers) if n not in self.placed and n in self.texts)

    def grow(self, numbers: Iterable[int]) -> float:
        """How much the notes area rises when the notes of `numbers` join it whole."""
        fresh = self.fresh(numbers)
        if not fresh or self.full:
            return 0.0
        rule = 0.0 if self.pieces else self.rule_space
        return rule + sum(self._height(self.texts[n]) + NOTE_GAP for n in fresh)

    def grow_cut(self, numbers: Iterable[int]) -> float | None:
        """As `grow`, with the last note cut after its first two lines (the rest
        continues on the next page); None when that note is too short to cut: the
        note style, as the body's, leaves no single line alone on either page."""
        fresh = self.fresh(numbers)
        if not fresh or self.full:
            return None
        last = self.texts[fresh[-1]]
        leading = last.style.leading
        if self._height(last) <= 3 * leading + FUZZ:
            return None
        return self.grow(fresh[:-1]) + (0.0 if self.pieces or len(fresh) > 1 else self.rule_space) \
            + 2 * leading + 0.01 + NOTE_GAP

    # -- placing
    def marked(self, number: int) -> None:
        """A mark was drawn on this page."""
        if number not in self.placed and number in self.texts and number not in self.pending:
            self.pending.append(number)

    def place(self, room: float) -> float:
        """Put the notes of the marks drawn since the last call into the area, in
        `room` points above it; how much the area rose. A note that does not fit
        whole is cut to fill the room and goes on at the next page."""
        rise = 0.0
        for number in self.pending:
            self.placed.add(number)
            note = self.texts[number]
            if self.full:
                self.carried.append(note)
                continue
            rule = 0.0 if self.pieces else self.rule_space
            need = rule + self._height(note) + NOTE_GAP
            if rise + need <= room + FUZZ:
                self.pieces.append(note)
                rise += need
                continue
            parts = note.split(self.width, room - rise - rule - NOTE_GAP) if room - rise - rule > NOTE_GAP else []
            if len(parts) == 2:
                self.pieces.append(parts[0])
                self.carried.append(parts[1])
            else:  # no room left at all: the whole note goes to the next page
                self.carried.append(note)
            self.full, rise = True, max(room, rise)
        self.pending.clear()
        return rise

    def new_page(self, most: float) -> float:
        """Start a page with the notes carried over, in at most `most` points (the
        rest waits again); the height of the area."""
        self.pieces, self.full = [], False
        waiting, self.carried = self.carried, []
        used = 0.0
        for note in waiting:
            rule = 0.0 if self.pieces else self.rule_space
            need = rule + self._height(note) + NOTE_GAP
            if self.full:
                self.carried.append(note)
            elif used + need <= most + FUZZ:
                self.pieces.append(note)
                used += need
            else:
                parts = note.split(self.width, most - used - rule - NOTE_GAP)
                if len(parts) == 2:
                    self.pieces.append(parts[0])
                    self.carried.append(parts[1])
                else:  # too short to cut: it all goes here, waiting no longer
                    self.pieces.append(note)
                self.full = True
        return self.height()

    def draw(self, canvas: Canvas, x: float, bottom: float, rule_colour: Any) -> None:
        """Draw this page's notes upwards from `bottom`, with the rule above them."""
        if not self.pieces:
            return
        heights = [self._height(p) for p in self.pieces]
        top = bottom + sum(h + NOTE_GAP for h in heights)
        canvas.saveState()
        canvas.setStrokeColor(rule_colour)
        canvas.setLineWidth(0.5)
        rule_y = top + self.rule_space * 0.45
        canvas.line(x, rule_y, x + 40, rule_y)
        canvas.restoreState()
        for note, h in zip(self.pieces, heights):
            top -= h + NOTE_GAP
            note.drawOn(canvas, x, top + NOTE_GAP)


def _area(flowable: Flowable) -> NoteArea | None:
    canv = getattr(flowable, "canv", None)
    doc = document_of(canv)
    return getattr(doc, "notes", None)


@dataclass
class _Trial:
    parts: list
    height: float
    marks: tuple[int, ...]  # those still to be placed
    printed: tuple[int, ...]  # all it prints


class WithFootnotes(Flowable):
    """A block with footnote marks. It fits on a page only together with the notes
    of the marks it prints there; split at a page end, the part on this page keeps
    room for exactly its own notes. When drawn, the notes of the marks that were
    drawn join the page's notes (`HandoutDoc.place_footnotes`)."""

    def __init__(self, inner: Flowable, marks: tuple[int, ...] | None = None, cut: bool = False):
        super().__init__()
        self.inner = inner
        self._marks = marks
        self._cut = cut  # this part was chosen with its last note cut at the page end
        mark_takes_no_room(self, takes_no_room(inner))

    # -- what it prints
    def marks(self, width: float) -> tuple[int, ...]:
        """The footnote numbers this block prints (found at `width` when not given)."""
        if self._marks is None:
            self._marks = marks_printed(self.inner, self.canv, width)
        return self._marks

    def _share_canvas(self) -> None:
        # The frame gives the wrapper its canvas; the wrapped flowable needs it too.
        if hasattr(self, "canv"):
            self.inner.canv = self.canv

    # -- the Flowable contract
    def wrap(self, availWidth, availHeight):  # noqa: N803 - reportlab's names
        self._share_canvas()
        w, h = self.inner.wrap(availWidth, availHeight)
        area = _area(self)
        if area is None or h > availHeight + FUZZ:
            return w, h
        marks = self.marks(availWidth)
        need = area.grow(marks)
        if self._cut and h + need > availHeight + FUZZ:
            cut = area.grow_cut(marks)
            need = cut if cut is not None else need
        return w, (h if h + need <= availHeight + FUZZ else h + need)

    def split(self, availWidth, availHeight):  # noqa: N803
        self._share_canvas()
        area = _area(self)
        if area is None:
            return self.inner.split(availWidth, availHeight)
        if isinstance(self.inner, KeepTogether):
            self.inner.wrap(availWidth, availHeight)
            need = area.grow(self.marks(availWidth))
            return [self._wrapped(p, availWidth) for p in self.inner.split(availWidth, max(availHeight - need, 0))]
        return _PageFit(self, availWidth, availHeight, area).parts()

    def _wrapped(self, part: Flowable, width: float) -> Flowable:
        """A part of this block, wrapped again when it prints marks."""
        if getattr(part, "frameAction", None) is not None or isinstance(part, WithFootnotes):
            return part
        marks = marks_printed(part, self.canv, width)
        return WithFootnotes(part, marks) if marks else part

    def drawOn(self, canvas, x, y, _sW=0):  # noqa: N802, N803
        self.inner.drawOn(canvas, x, y, _sW)
        doc = document_of(canvas)
        if doc is not None and hasattr(doc, "place_footnotes"):
            doc.place_footnotes(y)

    def getSpaceBefore(self):  # noqa: N802
        return self.inner.getSpaceBefore()

    def getSpaceAfter(self):  # noqa: N802
        return self.inner.getSpaceAfter()

    def getKeepWithNext(self):  # noqa: N802
        if "keepWithNext" in self.__dict__:  # platypus clears it on the members of a group
            return self.__dict__["keepWithNext"]
        return self.inner.getKeepWithNext()

    def identity(self, maxLen=None):  # noqa: N803
        return self.inner.identity(maxLen)


class _PageFit:
    """Where to split a block with marks at a page end, as book typesetting does:
    as much text as fits with the whole notes of its marks; where a note does not fit
    whole below the line of its mark, that line ends the page and the note fills the
    rest, continuing on the next page (if at least two of its lines fit here)."""

    def __init__(self, block: WithFootnotes, width: float, height: float, area: NoteArea):
        self.block, self.width, self.height, self.area = block, width, height, area
        inner = block.inner
        self.whole = inner.wrap(width, height)[1]
        self._seen: dict[float, tuple[int, ...]] = {}

    def trial(self, room: float) -> _Trial | None:
        """The first part of the block in `room` points, and the fresh marks it prints."""
        block, inner = self.block, self.block.inner
        if self.whole <= room + FUZZ:
            marks = block.marks(self.width)
            return _Trial([inner], self.whole, self.area.fresh(marks), marks)
        parts = inner.splitOn(block.canv, self.width, room)
        if not parts:
            return None
        first = parts[0]
        lines_marks = split_part_marks(first)
        if lines_marks is not None:  # a paragraph's part: its lines say it all
            return _Trial(parts, first.height, self.area.fresh(lines_marks), lines_marks)
        height = first.wrapOn(block.canv, self.width, room)[1]
        seen = self._seen.get(round(height, 3))
        if seen is None:  # parts of the same height print the same marks
            seen = self._seen[round(height, 3)] = marks_printed(first, block.canv, self.width)
        return _Trial(parts, height, self.area.fresh(seen), seen)

    def fits_whole(self, trial: _Trial) -> bool:
        return trial.height + self.area.grow(trial.marks) <= self.height + FUZZ

    def parts(self) -> list:
        top = self.trial(self.height)
        if top is None:
            return []
        if self.fits_whole(top):
            return self._result(top)
        kept: tuple[int, ...] = ()
        without = 0.0  # a room whose first part prints only kept marks
        for number in top.marks:
            if number in kept:
                continue
            first, without, room = self._first_with(number, without, top)
            if self.fits_whole(first):
                kept, without = first.marks, room
                continue
            cut = self.area.grow_cut(first.marks)
            if cut is not None and first.height + cut <= self.height + FUZZ:
                return self._result(first, cut=True)
            break
        else:
            without = self.height
        room = min(self.height - self.area.grow(kept), without)
        trial = self.trial(room) if room > 0 else None
        if trial is None or not self.fits_whole(trial):
            return []  # the block starts on the next page
        return self._result(trial)

    def _first_with(self, number: int, low: float, high: _Trial) -> tuple[_Trial, float, float]:
        """The smallest first part printing mark `number`, the largest room known to
        leave it out and the room of that part (`low` leaves it out, `high` prints it)."""
        lo, hi, best = low, self.height, high
        while hi - lo > _SEARCH_STEP:
            mid = (lo + hi) / 2
            trial = self.trial(mid)
            if trial is not None and number in trial.marks:
                # the same part fits in just its own height: search below that
                hi, best = min(mid, trial.height + 0.01), trial
            else:
                lo = mid
        return best, lo, hi

    def _result(self, trial: _Trial, cut: bool = False) -> list:
        block = self.block
        first, *rest = trial.parts
        head = WithFootnotes(first, trial.printed, cut)
        if len(rest) == 1:  # the rest prints the block's other marks
            others = tuple(m for m in block.marks(self.width) if m not in trial.printed)
            return [head, WithFootnotes(rest[0], others) if others else rest[0]]
        return [head, *(block._wrapped(p, self.width) for p in rest)]


class KeepWithNotes(KeepTogether):
    """Platypus's group of blocks kept together (a heading and what follows it):
    it goes to the next page when it does not fit there with its footnotes."""

    def __init__(self, flowables: list, maxHeight: float | None = None):  # noqa: N803
        super().__init__(flowables, maxHeight)
        self._marked = [f for f in flowables if isinstance(f, WithFootnotes)]

    def split(self, aW, aH):  # noqa: N803
        self.wrap(aW, aH)  # measures the members at this width
        area = _area(self)
        marks = [m for f in self._marked for m in f.marks(aW)]
        need = area.grow(marks) if area is not None and marks else 0.0
        return super().split(aW, max(aH - need, 0) if need else aH)


class CarriedNotes(Flowable):
    """Ends the story: while a cut note still waits for a next page, it makes one."""

    def wrap(self, availWidth, availHeight):  # noqa: N803
        area = _area(self)
        if area is not None and area.carried:
            return availWidth, availHeight + 1
        return 0, 0

    def split(self, availWidth, availHeight):  # noqa: N803
        from reportlab.platypus import PageBreak

        area = _area(self)
        return [PageBreak(), CarriedNotes()] if area is not None and area.carried else []

    def draw(self):
        pass

