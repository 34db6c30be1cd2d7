"""Figures from PNG, JPEG or SVG files, scaled to the text column.

SVG goes through svglib into a reportlab Drawing (vector, sharp in print). Its
text is set in the theme's heading font, so no standard-14 font enters the PDF.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.pathobject import PDFPathObject
from reportlab.platypus import Image
from reportlab.platypus.flowables import Flowable

from handouts.errors import SourceRef, fail
from handouts.layout.fonts import face
from handouts.layout.theme import Theme
from handouts.load.project_files import outside_problem, project_file

MAX_HEIGHT_SHARE = 0.55  # of the page's text height: a figure leaves room for its caption


@lru_cache(maxsize=64)
def _svg(path: str, mtime: float, font: str) -> Drawing | None:
    """The file's drawing with its text in `font`, read once per file version and font.
    Users get a copy (`Drawing.copy` shares the shapes, which nobody changes after this)."""
    from svglib.svglib import svg2rlg  # imported late: it is slow and only SVG needs it

    drawing = svg2rlg(path)
    return use_font(drawing, font) if drawing is not None else None


def use_font(drawing: Drawing, font: str) -> Drawing:
    """Set every text of a drawing, and the renderer's starting font, to `font`."""
    drawing.initialFontName = font  # read by reportlab's renderer instead of Times-Roman
    _set_fonts(drawing, font)
    return drawing


def _set_fonts(node: object, font: str) -> None:
    if isinstance(node, String):
        # svglib names a standard font; keep its weight and slant in our family
        name = node.fontName or ""
        node.fontName = face(font, bold="Bold" in name, italic="Oblique" in name or "Italic" in name)
    for child in getattr(node, "contents", []) if isinstance(node, (Group, Drawing)) else []:
        _set_fonts(child, font)


class _Unrecordable(Exception):
    """The renderer did something a recording cannot stand for."""


# Canvas methods reportlab's PDF renderer calls that only write operators (no answer).
_RECORDABLE = frozenset({
    "transform", "setFillColor", "setStrokeColor", "setLineWidth", "setLineCap", "setLineJoin",
    "setDash", "setFillAlpha", "setStrokeAlpha", "setFillOverprint", "setStrokeOverprint",
    "setOverprintMask", "drawPath", "clipPath", "rect", "roundRect", "ellipse", "circle", "line",
    "drawString",
})


class _CanvasFont:
    """The font name or size the canvas has when the recording is played (the renderer
    reads it to fill in whichever of the two a style change leaves out)."""

    def __init__(self, attribute: str):
        self.attribute = attribute


_CANVAS_FONT = {"_fontname": _CanvasFont("_fontname"), "_fontsize": _CanvasFont("_fontsize")}


class _CanvasRecorder:
    """Stands in for the canvas while reportlab's renderer walks a drawing, and keeps
    the canvas calls it makes, to be made again on any canvas."""

    def __init__(self):
        self.__dict__["calls"] = []
        # the font (name, size) per saved state; at first the playing canvas's own
        self.__dict__["_fonts"] = [(_CANVAS_FONT["_fontname"], _CANVAS_FONT["_fontsize"])]

    def __getattr__(self, name):
        if name == "_fontname" or name == "_fontsize":
            return self._fonts[-1][0 if name == "_fontname" else 1]
        if name not in _RECORDABLE:
            raise _Unrecordable(name)

        def record(*args, **kwargs):
            self.calls.append((name, args, kwargs))

        return record

    def __setattr__(self, name, value):
        if name == "_drawing":  # the renderer's own note, not drawing
            self.__dict__[name] = value
        elif name == "_fillMode":
            self.calls.append(("__setattr__", (name, value), {}))
        else:
            raise _Unrecordable(name)

    def beginPath(self):  # noqa: N802 - the canvas's name
        return PDFPathObject()

    def setFont(self, name, size, leading=None):  # noqa: N802
        self.calls.append(("setFont", (name, size, leading), {}))
        self._fonts[-1] = (name, size)

    def saveState(self):  # noqa: N802
        self.calls.append(("saveState", (), {}))
        self._fonts.append(self._fonts[-1])

    def restoreState(self):  # noqa: N802
        self.calls.append(("restoreState", (), {}))
        self._fonts.pop()


# Graphics-state setters whose repeat, in a state where the same value is already set,
# changes nothing: reportlab's renderer repeats them for every shape of an SVG group.
_STATE_SETTERS = frozenset({"setLineWidth", "setLineCap", "setLineJoin", "setDash", "setFillAlpha",
                            "setStrokeAlpha"})
# Colour setters also set the alpha when the colour has one.
_ALPHA_OF = {"setFillColor": "setFillAlpha", "setStrokeColor": "setStrokeAlpha"}


def _without_repeats(calls: list) -> tuple:
    """The calls less the state setters that set what is already set in the same saved
    state (and less identity transforms): the same marks on the page, fewer operators."""
    kept: list = []
    known: list[dict] = [{}]  # per saved state: setter → the call that set it
    for call in calls:
        name, args, kwargs = call
        state = known[-1]
        if name == "saveState":
            known.append(dict(state))
        elif name == "restoreState":
            known.pop()
        elif name == "transform" and tuple(args) == (1, 0, 0, 1, 0, 0) and not kwargs:
            continue
        elif name in _STATE_SETTERS:
            if state.get(name) == (args, kwargs):
                continue
            state[name] = (args, kwargs)
        elif name in _ALPHA_OF:
            state.pop(_ALPHA_OF[name], None)  # not known any more
        kept.append(call)
    return tuple(kept)


_RECORDINGS: dict[tuple, tuple | None] = {}
_KEPT_RECORDINGS = 64


def _recorded(key: tuple, drawing: Drawing) -> tuple | None:
    """The canvas calls that draw `drawing` (known by `key`), or None if it cannot be recorded."""
    if key in _RECORDINGS:
        return _RECORDINGS[key]
    from reportlab.graphics import renderPDF
    from reportlab.rl_config import _unset_

    recorder = _CanvasRecorder()
    try:
        renderPDF.draw(drawing, recorder, 0, 0, showBoundary=getattr(drawing, "_showBoundary", _unset_))
        calls = _without_repeats(recorder.calls)
    except _Unrecordable:
        calls = None
    if len(_RECORDINGS) >= _KEPT_RECORDINGS:
        del _RECORDINGS[next(iter(_RECORDINGS))]
    _RECORDINGS[key] = calls
    return calls


class ReplayedDrawing(Flowable):
    """An SVG figure drawn by making again the canvas calls reportlab's renderer made
    for it the first time (per file version, font and size), less those that repeat a
    state already set: the same marks, without walking the drawing's shapes and styles
    again. The words still go through the document's own fonts, so each PDF numbers its
    glyphs as it must."""

    def __init__(self, drawing: Drawing, key: tuple):
        super().__init__()
        self.drawing, self.key = drawing, key
        self.width, self.height = drawing.wrap(0, 0)

    def wrap(self, availWidth, availHeight):
        return self.width, self.height

    def draw(self):
        calls = _recorded((*self.key, self.width, self.height, tuple(self.drawing.transform)), self.drawing)
        canvas = self.canv
        if calls is None:
            self.drawing.drawOn(canvas, 0, 0)
            return
        for name, args, kwargs in calls:
            if name == "__setattr__":
                setattr(canvas, *args)
            elif name == "setFont":
                getattr(canvas, name)(*(getattr(canvas, a.attribute) if isinstance(a, _CanvasFont) else a
                                        for a in args))
            else:
                getattr(canvas, name)(*args, **kwargs)


@lru_cache(maxsize=64)
def _linked_files(path: str, mtime: float) -> tuple[str, ...]:
    """The files an SVG's <image> and <use> elements name (svglib reads them too), other
    than its own parts (`#id`) and pictures held in the file itself (`data:`)."""
    from lxml import etree  # svglib's own parser, with its settings: no entities, no network

    parser = etree.XMLParser(remove_comments=True, recover=True, resolve_entities=False, no_network=True)
    try:
        root = etree.parse(path, parser).getroot()
    except etree.XMLSyntaxError:
        return ()  # svglib says the file cannot be read
    names = []
    for element in root.iter() if root is not None else ():
        if isinstance(element.tag, str) and etree.QName(element).localname in ("image", "use"):
            href = element.get("{http://www.w3.org/1999/xlink}href") or element.get("href") or ""
            if href and not href.startswith(("#", "data:")):
                names.append(href.split("#", 1)[0])
    return tuple(names)


def _check_linked_files(file: Path, ref: SourceRef) -> None:
    for name in _linked_files(str(file), file.stat().st_mtime):
        linked = project_file(name, file)
        if linked is None:
            raise fail(ref, outside_problem("picture", name, file, subject=f'the figure "{file.name}" '
                                            f'shows the picture "{name}", which'))
        if not linked.is_file():
            raise fail(ref, f'the figure "{file.name}" shows the picture "{name}", which does not '
                       "exist; check its name in the SVG, or put the picture into the SVG itself")


def figure_flowable(path: str, width: float, column: float, theme: Theme, ref: SourceRef,
                    replay: bool = False) -> Flowable:
    file = Path(path)
    max_height = 700 * MAX_HEIGHT_SHARE
    if file.suffix.lower() == ".svg" and file.is_file():
        _check_linked_files(file, ref)
    try:
        if file.suffix.lower() == ".svg":
            font = face(theme.heading_font)
            mtime = file.stat().st_mtime
            drawing = _svg(str(file), mtime, font)
            if drawing is None or not drawing.width or not drawing.height:
                raise ValueError("no drawing in the file")
            drawing = drawing.copy()
            drawing.initialFontName = font
            scale = min(width / drawing.width, max_height / drawing.height)
            drawing.scale(scale, scale)
            drawing.width, drawing.height = drawing.width * scale, drawing.height * scale
            return ReplayedDrawing(drawing, (str(file), mtime, font)) if replay else drawing
        reader = ImageReader(str(file))
        w, h = reader.getSize()
        scale = min(width / w, max_height / h)
        return Image(str(file), width=w * scale, height=h * scale)
    except Exception as exc:  # any decoder failure is the user's file, not our bug
        raise fail(ref, f'the figure "{file.name}" cannot be read ({exc}); save it again as PNG, JPEG or SVG') from None
