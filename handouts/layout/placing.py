"""Laying flowables out without drawing them, and drawing them later, many times.

Platypus decides where each flowable goes while it draws it. A `PlacingFrame`
lets a frame decide as usual but only notes the place (`Placed`); the flowables
can then be drawn in any number of PDFs without laying them out again. The
leaflet uses this for its body (the same for every practice), cover and stamp.
"""

from __future__ import annotations

import copy
import io
from dataclasses import dataclass
from typing import Any, Protocol

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame

from handouts.layout.speed_tricks import tricks_on
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


class PlacingFrame(Frame):
    """A frame that lays flowables out without drawing them; `placed` says where they went."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.placed: list[Placed] = []

    def add(self, flowable: Any, canv: Canvas, trySplit: int = 0) -> int:  # noqa: N803
        return super().add(_StandIn(flowable, self.placed), canv, trySplit)

    def __deepcopy__(self, memo: dict) -> PlacingFrame:
        # Platypus copies the current frame to measure a KeepTogether or a table cell;
        # the copy needs the frame's geometry, not every flowable placed so far (copying
        # those took most of the layout time, more with every flowable placed).
        clone = copy.copy(self)
        if not tricks_on("frame-copy"):
            memo[id(self)] = clone
            for name, value in self.__dict__.items():
                setattr(clone, name, copy.deepcopy(value, memo))
            return clone
        for name, value in self.__dict__.items():
            if name != "placed":
                setattr(clone, name, copy.deepcopy(value, memo))
        clone.placed = []
        return clone


class _StandIn:
    """Stands in for a flowable while a frame places it: it measures as the flowable
    does, and where the frame would draw it, notes the place instead."""

    def __init__(self, flowable: Any, placed: list[Placed]):
        self._flowable, self._placed = flowable, placed

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
        self._placed.append(Placed(self._flowable, x, y, _sW))


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
