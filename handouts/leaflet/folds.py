"""Where the panels of a folded leaflet lie on the sheet: pure geometry in points.

Coordinates follow PDF and reportlab: the origin is the bottom-left corner of the
sheet as printed on that side, x to the right, y up. Nothing here draws.

A tri-fold is an A4 landscape roll fold with panels of 100, 100 and 97 mm; the
97 mm panel folds in first, so it is slightly narrower and does not buckle.
The sheet is printed duplex and turned over on its short (left/right) edge, so
the outside's left strip is the back of the inside's right strip.

A right-to-left leaflet (Arabic) is folded the other way, as a book that opens from
the left: every side is the mirror image of the left-to-right one (cover on the
left of the outside, the narrow panel that folds in on the left of the inside),
and the inside reads from the right. Panel names say where a panel lies on its side.
"""

from __future__ import annotations

from dataclasses import dataclass

MM = 72 / 25.4  # points per millimetre
A4 = (210 * MM, 297 * MM)  # portrait width, height
A5 = (148 * MM, 210 * MM)

MIN_MARGIN_MM = 5.0  # text keeps at least this far from every fold and edge
TRIFOLD_PANELS_MM = (100.0, 100.0, 97.0)  # inside, left to right
FOLDS = ("trifold", "booklet", "single")


@dataclass(frozen=True)
class Rect:
    """A rectangle in points; (x, y) is its bottom-left corner."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def top(self) -> float:
        return self.y + self.height

    def inset(self, left: float, bottom: float, right: float, top: float) -> Rect:
        """The rectangle shrunk by the given distances on each side."""
        return Rect(
            self.x + left,
            self.y + bottom,
            self.width - left - right,
            self.height - bottom - top,
        )

    def contains(self, x: float, y: float, tolerance: float = 0.01) -> bool:
        return (
            self.x - tolerance <= x <= self.right + tolerance
            and self.y - tolerance <= y <= self.top + tolerance
        )


@dataclass(frozen=True)
class Panel:
    """One panel of one side: its full rectangle and the part text may use."""

    name: str  # "flap", "back", "cover", "inside-left", ... or "page"
    rect: Rect
    frame: Rect  # rect less the margins; text stays inside


@dataclass(frozen=True)
class FoldMark:
    """A short line in the sheet margin that shows where to fold."""

    x: float
    y0: float
    y1: float


@dataclass(frozen=True)
class Side:
    """One printed side of a sheet."""

    name: str  # "outside" / "inside" for a tri-fold, "page" otherwise
    width: float
    height: float
    panels: tuple[Panel, ...]
    fold_marks: tuple[FoldMark, ...] = ()

    def panel(self, name: str) -> Panel:
        for panel in self.panels:
            if panel.name == name:
                return panel
        raise KeyError(name)


@dataclass(frozen=True)
class Fold:
    """A fold kind's geometry: the sides to print and the order text flows through."""

    kind: str  # one of FOLDS
    sides: tuple[Side, ...]
    flow: tuple[tuple[str, str], ...]  # (side name, panel name) in reading order
    right_to_left: bool = False  # folded and read from the right (Arabic)

    def side(self, name: str) -> Side:
        for side in self.sides:
            if side.name == name:
                return side
        raise KeyError(name)

    def flow_panels(self) -> list[Panel]:
        """The panels the body text flows through, in reading order."""
        return [self.side(s).panel(p) for s, p in self.flow]


def fold_geometry(kind: str, margin_mm: float = 7.0, right_to_left: bool = False) -> Fold:
    """The geometry of fold `kind` ("trifold", "booklet" or "single"); `right_to_left`:
    the mirror image, for a language read from the right."""
    if margin_mm < MIN_MARGIN_MM:
        raise ValueError(f"margin {margin_mm} mm is below the minimum of {MIN_MARGIN_MM} mm")
    builders = {"trifold": _trifold, "booklet": _booklet, "single": _single}
    if kind not in builders:
        raise ValueError(f"unknown fold {kind!r}; one of {', '.join(FOLDS)}")
    fold = builders[kind](margin_mm * MM)
    return _mirrored(fold) if right_to_left else fold


# Mirrored, the panel on the left of a side is the one that was on its right.
_MIRRORED_NAME = {"inside-left": "inside-right", "inside-right": "inside-left"}


def _mirrored(fold: Fold) -> Fold:
    """`fold` as a right-to-left reader folds it: each side mirrored about its middle,
    the same panels read in the same order (so the inside now from right to left)."""
    def mirror(rect: Rect, width: float) -> Rect:
        return Rect(width - rect.right, rect.y, rect.width, rect.height)

    sides = tuple(
        Side(side.name, side.width, side.height,
             tuple(Panel(_MIRRORED_NAME.get(p.name, p.name), mirror(p.rect, side.width),
                         mirror(p.frame, side.width)) for p in reversed(side.panels)),
             tuple(FoldMark(side.width - m.x, m.y0, m.y1) for m in reversed(side.fold_marks)))
        for side in fold.sides)
    flow = tuple((s, _MIRRORED_NAME.get(p, p)) for s, p in fold.flow)
    return Fold(fold.kind, sides, flow, right_to_left=True)


def _strips(widths_mm: tuple[float, ...], names: tuple[str, ...], height: float,
            margin: float) -> tuple[Panel, ...]:
    panels, x = [], 0.0
    for width_mm, name in zip(widths_mm, names, strict=True):
        rect = Rect(x, 0.0, width_mm * MM, height)
        panels.append(Panel(name, rect, rect.inset(margin, margin, margin, margin)))
        x += width_mm * MM
    return tuple(panels)


# Office printers leave 1 to 4.5 mm of the paper edge unprinted: a fold mark starts
# MARK_EDGE_MM inside the edge, so it prints, and stops at the text margin.
MARK_EDGE_MM = 5.0
MARK_LENGTH_MM = 1.5


def fold_marks_at(xs: list[float], height: float) -> tuple[FoldMark, ...]:
    """Fold marks at `xs`, near the top and bottom edges, inside what office printers print."""
    edge, end = MARK_EDGE_MM * MM, (MARK_EDGE_MM + MARK_LENGTH_MM) * MM
    top, bottom = (height - end, height - edge), (edge, end)
    return tuple(FoldMark(x, y0, y1) for x in xs for y0, y1 in (bottom, top))


def _trifold(margin: float) -> Fold:
    width, height = A4[1], A4[0]
    inside_mm = TRIFOLD_PANELS_MM
    outside_mm = tuple(reversed(inside_mm))  # the flap is the 97 mm strip, now on the left
    inside = _strips(inside_mm, ("inside-left", "inside-middle", "inside-right"),
                     height, margin)
    outside = _strips(outside_mm, ("flap", "back", "cover"), height, margin)
    return Fold(
        "trifold",
        sides=(
            Side("outside", width, height, outside, fold_marks_at(_edges(outside), height)),
            Side("inside", width, height, inside, fold_marks_at(_edges(inside), height)),
        ),
        # Open the cover and the flap is seen first; unfold it and the inside reads
        # left to right. The back comes last: text above, the practice's stamp
        # area and the publisher below (the layout reserves that part).
        flow=(("outside", "flap"), ("inside", "inside-left"),
              ("inside", "inside-middle"), ("inside", "inside-right"),
              ("outside", "back")),
    )


def _edges(panels: tuple[Panel, ...]) -> list[float]:
    return [p.rect.right for p in panels[:-1]]


def _booklet(margin: float) -> Fold:
    width, height = A5
    rect = Rect(0.0, 0.0, width, height)
    # A little more room at the top and bottom than at the sides looks calmer.
    page = Panel("page", rect, rect.inset(margin + 3 * MM, margin + 5 * MM,
                                          margin + 3 * MM, margin + 3 * MM))
    return Fold("booklet", (Side("page", width, height, (page,)),), (("page", "page"),))


def _single(margin: float) -> Fold:
    width, height = A4
    rect = Rect(0.0, 0.0, width, height)
    # Wide side margins keep lines at 12 pt under about 70 characters.
    side = max(margin, 28 * MM)
    page = Panel("page", rect, rect.inset(side, margin + 10 * MM, side, margin + 8 * MM))
    return Fold("single", (Side("page", width, height, (page,)),), (("page", "page"),))
