"""Laying flowables out once, and drawing them later, many times.

Platypus decides where each flowable goes while it draws it. A `PlacingFrame`
lets a frame decide as usual and notes the place (`Placed`), drawing nothing or
drawing through a function of the caller's (which may replay a drawing); the
flowables can then be drawn in any number of PDFs without laying them out again
(`PlacedPage`). The leaflet places its body (the same for every practice), cover
and stamp; an exam version notes its pages as it draws them, for the print file.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame

from handouts.layout.reportlab_internals import forget_frame_and_canvas, note_frame_and_canvas


class Rect(Protocol):
    """Any rectangle in points, (x, y) its bottom-left corner: a leaflet's panel, say."""

    @property
    def x(self) -> float: ...
    @property
    def y(self) -> float: ...
    @property
    def width(self) -> float: ...
    @property
    def height(self) -> float: ...


@dataclass(frozen=True)
class Placed:
    """A flowable where the layout put it; every PDF draws it there again."""

    flowable: Any
    x: float
    y: float
    spare: float  # the width the frame had left over, for centred or right-aligned flowables

    def draw(self, canvas: Canvas) -> None:
        self.flowable.drawOn(canvas, self.x, self.y, _sW=self.spare)


# How placed flowables are drawn on a canvas: each in turn, or through a replay.
Draw = Callable[[Canvas, Sequence[Placed]], None]


def draw_each(canvas: Canvas, placed: Sequence[Placed]) -> None:
    """Draw every placed flowable where it was placed."""
    for one in placed:
        one.draw(canvas)


class PlacingFrame(Frame):
    """A frame that notes where it puts each flowable (`placed`). It draws nothing,
    or, given `draw`, draws each flowable with it where the frame put it."""

    def __init__(self, *args: Any, draw: Draw | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.placed: list[Placed] = []
        self.draw = draw

    def add(self, flowable: Any, canv: Canvas, trySplit: int = 0) -> int:  # noqa: N803
        return super().add(_StandIn(flowable, self), canv, trySplit)

    def take_placed(self) -> tuple[Placed, ...]:
        """What was placed since the last time asked: at a page's end, that page's."""
        placed, self.placed = tuple(self.placed), []
        return placed

    def __deepcopy__(self, memo: dict) -> PlacingFrame:
        # Platypus copies the current frame to measure a KeepTogether or a table cell;
        # the copy needs the frame's geometry, not what was placed so far (some placed
        # flowables cannot be copied at all, and copying the others took most of the
        # layout time), nor the drawing function (a copy of it would copy its document).
        clone = copy.copy(self)
        for name, value in self.__dict__.items():
            if name not in ("placed", "draw"):
                setattr(clone, name, copy.deepcopy(value, memo))
        clone.placed = []
        return clone


class _StandIn:
    """Stands in for a flowable while a frame places it: it measures as the flowable
    does, and where the frame would draw it, notes the place (and draws it there with
    the frame's `draw`, if it has one)."""

    def __init__(self, flowable: Any, frame: PlacingFrame):
        self._flowable, self._into = flowable, frame

    def __getattr__(self, name: str) -> Any:  # spacing, frameAction and other flags
        return getattr(self._flowable, name)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        flowable = self._flowable
        note_frame_and_canvas(flowable, self._frame, self.canv)
        try:
            return flowable.wrap(availWidth, availHeight)
        finally:
            forget_frame_and_canvas(flowable)

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        placed = Placed(self._flowable, x, y, _sW)
        self._into.placed.append(placed)
        draw = self._into.draw
        if draw is not None:
            note_frame_and_canvas(self._flowable, self._frame, canvas)  # as a frame drawing it would
            try:
                draw(canvas, (placed,))
            finally:
                forget_frame_and_canvas(self._flowable)


class PlacedPage(Flowable):
    """A page laid out before, drawn again: each flowable where it was placed, with
    `draw`. It takes no room: a page break follows it."""

    def __init__(self, placed: Sequence[Placed], draw: Draw = draw_each):
        super().__init__()
        self.placed, self.draw_placed = placed, draw

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return availWidth, 0

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        self.draw_placed(canvas, self.placed)


class PlacingCanvas(Canvas):
    """The canvas of a layout pass: flowables measure against it; nothing is saved."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args or (io.BytesIO(),), **kwargs)

    def save(self) -> None:
        pass


def place_in(flowables: list, rect: Rect, canvas: Canvas) -> tuple[tuple[Placed, ...], list]:
    """The flowables placed from the top of `rect`, and those that did not fit."""
    frame = PlacingFrame(rect.x, rect.y, rect.width, rect.height, 0, 0, 0, 0)
    rest = list(flowables)
    frame.addFromList(rest, canvas)
    return tuple(frame.placed), rest
