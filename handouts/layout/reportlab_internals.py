"""Every place `handouts` reaches past reportlab's public API, named by what it does.

reportlab documents flowables, frames, page templates and the canvas's drawing calls,
but not the state behind them. A few things the project needs have no public door:
the operators a canvas has written so far (to replay them), the PDF document behind a
canvas (to give every exam version the same font state), which resources a drawing
used (to know whether a replay is safe). Each such reach is a small function here, with
the reason the public API does not suffice; tests/test_reportlab_internals.py checks
every assumption directly against the installed reportlab and names the version and the
name when a release changes one.

Instance patches (a function put over a method of one reportlab object) count as
reaches too, and overrides of reportlab's private methods: both are here, as functions
and as base classes that turn such an override into a hook with a name of our own.
tests/test_reportlab_wall.py scans every other module for private reportlab names and
fails on any.
"""

from __future__ import annotations

from fnmatch import fnmatch
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFNameBytes, TTFont, TTFontFace
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import ListFlowable, Paragraph, Table
from reportlab.platypus.flowables import LIIndenter
from reportlab.platypus.xpreformatted import XPreformatted

# --- the PDF document behind a canvas: exams give every version one font state --------

def pdf_document(canvas: Canvas) -> Any:
    """The PDFDocument a canvas writes into. No public accessor: the font state (which
    fonts are named F1, F2…, which code each character has) lives there, and exams
    give every version the same one."""
    return canvas._doc


def font_state(font: TTFont, doc: Any) -> Any:
    """A TrueType font's per-document state (its internal name, the next character
    code), made when missing. `TTFont` only makes it while drawing text; exams make it
    first, so every version numbers fonts and characters in one order."""
    return font._assignState(doc)


def registered_fonts() -> list:
    """Every font registered with reportlab. `pdfmetrics` has `getRegisteredFontNames`,
    but it answers only the names, and only those of fonts looked up once."""
    return list(pdfmetrics._fonts.values())


def register_font_as(name: str, font: TTFont) -> None:
    """`font` is what reportlab finds under `name`. `pdfmetrics.registerFont` files a
    TrueType font by its face's name (the PostScript name inside the file) and hands a
    second file with the same face name the first one's font: a project's own edition
    of Noto Serif would print in the bundled one. A font under a second name (a face
    that is its family's regular file) is the same font, not a second copy."""
    if name == font.fontName:
        pdfmetrics.registerFont(font)
    else:
        pdfmetrics.registerFontFamily(name)  # what registerFont sets up for a name
    pdfmetrics._fonts[name] = font


def pdf_version(doc: Any) -> tuple[int, int]:
    """The PDF version a document will declare (1.4 once anything set an opacity)."""
    return doc._pdfVersion


def raise_pdf_version(doc: Any, version: tuple[int, int]) -> None:
    """Declare at least `version`, as the drawing replayed would have."""
    doc._pdfVersion = max(doc._pdfVersion, version)


def page_holds_only_operators(canvas: Canvas) -> bool:
    """Whether the current page is nothing but its operators and fonts: no picture or
    form, link, spot colour, shading, transparency or PostScript beside them, so that
    the operators alone, written on another page, reproduce it."""
    return not (canvas._formsinuse or canvas._annotationrefs or canvas._colorsUsed or canvas._shadingUsed
                or canvas._psCommandsBeforePage or canvas._psCommandsAfterPage or canvas._extgstate._c)


def forget_postponed(flowable: Any) -> None:
    """Unmark a flowable reportlab moved on to the next page, once it is placed there.

    reportlab marks such a flowable (`_postponed`, in `BaseDocTemplate.handle_flowable`)
    and, when it meets a marked one that does not fit, calls it too large for any page;
    it never unmarks it. The versions of an exam share their paragraphs, so a line moved
    on in one version would stop the next version that moves it on."""
    flowable.__dict__.pop("_postponed", None)


# --- replay (layout/replay.py): what a drawing wrote; whether its operators alone redo it

# The canvas's graphics state: what the next operators depend on besides the fonts.
# `Canvas.STATE_ATTRIBUTES` is public, but it names private attributes.
GRAPHICS = tuple(name for name in Canvas.STATE_ATTRIBUTES if name != "_extgstate")

# Inside a flowable's own drawing, where it is on the page is the PDF's business (the
# `cm` before it); the canvas only tracks it for links, which are never recorded.
GRAPHICS_HERE = tuple(name for name in GRAPHICS if name != "_currentMatrix")


def page_operators(canvas: Canvas) -> list[str]:
    """The operators a canvas has written on its current page (or form) so far, the list
    itself: a replay reads what a drawing added and adds it again elsewhere. reportlab
    has `getpdfdata` for a whole document only."""
    return canvas._code


def resources_used(canvas: Canvas) -> tuple:
    """Counts of everything a drawing can add to a PDF besides page operators and font
    use: forms, annotations, colour spaces, shadings, transparency states, link targets,
    saved states, objects, fonts. reportlab has no public way to ask; comparing the
    counts before and after a drawing says whether its operators alone reproduce it."""
    doc = canvas._doc
    return (len(canvas._formsinuse), len(canvas._annotationrefs), len(canvas._colorsUsed),
            len(canvas._shadingUsed), len(canvas._extgstate._c), len(canvas._destinations),
            len(canvas.state_stack), len(doc.idToObject), len(doc.fontMapping) - len(
                doc.delayedFonts))


def transparency_and_colours(canvas: Canvas) -> tuple:
    """The opacities set and named so far (`_extgstate`) and the spot colours used:
    what the next operators' names depend on, besides the graphics state."""
    return canvas._extgstate._d, canvas._extgstate._c, tuple(canvas._colorsUsed)


def form_being_drawn(canvas: Canvas) -> str:
    """The name of the form (`beginForm`) a canvas is drawing into."""
    return canvas._formData[0]


def draws_its_boundary(flowable: Any) -> bool:
    """Whether a flowable draws its bounding box (platypus's debugging aid)."""
    return bool(getattr(flowable, "_showBoundary", False))


def aligned_x(flowable: Any, x: float, spare: float) -> float:
    """Where `Flowable.drawOn` puts a flowable's left edge, given its `hAlign` and the
    width left over (`_hAlignAdjust`)."""
    return flowable._hAlignAdjust(x, spare)


def draw_here(flowable: Any, canvas: Canvas) -> None:
    """A flowable's own drawing at the canvas's origin, as `Flowable.drawOn` does it
    after moving there (`_drawOn`: sets `canv`, draws, lets go of it)."""
    flowable._drawOn(canvas)


def draw_instead(flowable: Any, draw: Any) -> None:
    """An instance patch: `flowable.draw` becomes `draw`, for this flowable only (the
    replay of shared pictures and QR codes). A reportlab `Drawing` checks the names of
    attributes set on it and refuses `draw`, so the function goes in its `__dict__`,
    where `Flowable.drawOn` finds it first."""
    vars(flowable)["draw"] = draw


# --- placing without drawing (placing.py): what a frame does for a flowable -----------

def note_frame_and_canvas(flowable: Any, frame: Any, canvas: Canvas) -> None:
    """Give a flowable the frame and canvas a frame gives it while it wraps (`Frame._add`
    does so, undocumented): tables and keep-togethers measure against them."""
    flowable._frame, flowable.canv = frame, canvas


def forget_frame_and_canvas(flowable: Any) -> None:
    """Undo `note_frame_and_canvas`, as a frame does after drawing a flowable (whose
    own drawing may have let go of the canvas already)."""
    flowable.__dict__.pop("_frame", None)
    flowable.__dict__.pop("canv", None)


# --- the document a canvas belongs to (footnotes, side notes, contents leaders) -----

def document_of(canvas: Any) -> Any:
    """The document template a canvas is drawing for, or None (a scratch canvas).
    Platypus sets it on the canvas while it builds (`_doctemplate`), undocumented;
    flowables that hand work to their document (a footnote's place, a side note) ask."""
    return getattr(canvas, "_doctemplate", None)


# --- page X of Y (page_numbers.py): operators filled in when the canvas is saved --------

def put_page_operators(canvas: Canvas, operators: list[str]) -> list[str]:
    """Let the canvas write its page operators into `operators` from now on; answer
    the list it wrote into before (a drawing captured on its own, then put back)."""
    before, canvas._code = canvas._code, operators
    return before


def pages_written(canvas: Canvas) -> list:
    """The pages a canvas has finished so far, each with its operators as `stream`
    (a string until the document is written): labels known late go in there."""
    return canvas._doc.Pages.pages


# --- frames: the cursor, the bottom footnotes raise, being at the top ---------------

def frame_of(flowable: Any) -> Any:
    """The frame a flowable is being placed in, or None (`Frame._add` sets it)."""
    return getattr(flowable, "_frame", None)


def frame_at_top(frame: Any) -> bool:
    """Whether nothing has been placed in the frame yet (a frame is at its top until
    the first flowable that takes room)."""
    return bool(getattr(frame, "_atTop", True))


def frame_cursor(frame: Any) -> float:
    """The frame's cursor height: where the next flowable's top goes."""
    return frame._y


def frame_top(frame: Any) -> float:
    """The height of the frame's top edge (the cursor starts its top padding below)."""
    return frame._y2


def frame_bottom(frame: Any) -> float:
    """The height of the frame's bottom, inside its padding: no flowable goes below."""
    return frame._y1p


def raise_frame_bottom(frame: Any, by: float) -> None:
    """Take `by` points off the frame's foot (room for footnotes)."""
    frame._y1p += by


def lower_frame_bottom(frame: Any, by: float) -> None:
    """Let the frame's foot run `by` points lower (a page one line long)."""
    frame._y1p -= by


def reset_frame_bottom(frame: Any) -> None:
    """Put the frame's bottom back where its geometry says (`_geom` works out the
    padded edges again), dropping what `raise_frame_bottom` took."""
    frame._geom()


def frame_height(frame: Any) -> float:
    """The frame's whole height, as made (padding included)."""
    return frame._height


# --- flowables: taking no room, keeping together ------------------------------------

def takes_no_room(flowable: Any) -> bool:
    """Whether a frame places a flowable even though it is 0 high (`_ZEROSIZE`: a
    side note, an anchor), rather than dropping it."""
    return bool(getattr(flowable, "_ZEROSIZE", False))


def mark_takes_no_room(flowable: Any, flag: bool) -> None:
    """Make a frame place this flowable even when it is 0 high, or not."""
    flowable._ZEROSIZE = flag


def kept_together(keep: Any) -> list:
    """The flowables a `KeepTogether` holds (it has no public accessor)."""
    return keep._content


def note_kept_measure(keep: Any, height: float, first_height: float, width: float, room: float) -> None:
    """Tell a `KeepTogether` what its own `wrap` would have measured (all of it, its
    first flowable, at which size): its `split` reads them instead of wrapping again."""
    keep._H, keep._H0, keep._wrapInfo = height, first_height, (width, room)


# --- lists (blocks.py): an item splits as its text does ---------------------------------

class ItemIndenter(LIIndenter):
    """A list item's block that splits where the block itself allows (a paragraph: two
    lines at least on either side). Reportlab's `LIIndenter.split` keeps three lines of
    a justified item for the next page, which leaves an empty band at the foot of a page
    that has room for two; it has no switch for that, so the split is our own."""

    def split(self, aW, aH):  # noqa: N803 - reportlab's names
        pieces = self._flowable.split(aW - self._leftIndent - self._rightIndent, aH)
        return [ItemIndenter(piece, leftIndent=self._leftIndent, rightIndent=self._rightIndent,
                             bullet=self._bullet if i == 0 else None) for i, piece in enumerate(pieces)]


class TextList(ListFlowable):
    """A list whose items split as their text does (`ItemIndenter`), through
    `ListFlowable`'s private hook that makes each item's indenter."""

    def _makeLIIndenter(self, flowable, bullet, params=None):  # noqa: N802 - reportlab's hook
        made = super()._makeLIIndenter(flowable, bullet, params)
        return ItemIndenter(made._flowable, made._leftIndent, made._rightIndent, made._bullet,
                            spaceBefore=made.__dict__.get("spaceBefore"),
                            spaceAfter=made.__dict__.get("spaceAfter"))


class RowsKeptTable(Table):
    """A table that, cut at a page's end, leaves at least `KEPT` rows below its header
    on either side: when only one would go over, one more goes with it; a table too
    short for that goes to the next page whole (unless it starts a page already).
    Reportlab's split counts no rows; the pieces' rows and heights are private."""

    KEPT = 2

    def split(self, availWidth, availHeight):  # noqa: N803 - reportlab's names
        pieces = super().split(availWidth, availHeight)
        if len(pieces) != 2:
            return pieces
        header = self.repeatRows if isinstance(self.repeatRows, int) else 0
        here, over = pieces[0]._nrows - header, pieces[1]._nrows - header
        if over < self.KEPT < here:  # the last rows go over together
            moved = sum(self._rowHeights[pieces[0]._nrows - (self.KEPT - over):pieces[0]._nrows])
            again = super().split(availWidth, availHeight - moved - 1e-6)
            if len(again) == 2 and again[0]._nrows - header >= self.KEPT:
                return again
        if here < self.KEPT or over < self.KEPT:
            frame = getattr(self, "_frame", None)  # (none: asked by a group kept together)
            if frame is None or not frame_at_top(frame):
                return []  # whole, at the top of the next page
        return pieces


def list_item_block(flowable: Any) -> Any:
    """The block a list item's indenter holds (the flowable itself when it is none)."""
    return flowable._flowable if isinstance(flowable, LIIndenter) else flowable


# --- paragraphs (paragraph.py, code.py, footnotes.py): parsed text, lines kept per width

class ParsedParagraph(Paragraph):
    """A Paragraph told when its text has been parsed into fragments (`self.frags`):
    `text_parsed` is where a subclass changes them (fonts for missing characters).
    reportlab parses in `_setup`, which has no public hook."""

    def _setup(self, text, style, bulletText, frags, cleaner):  # noqa: N803 - reportlab's names
        super()._setup(text, style, bulletText, frags, cleaner)
        self.text_parsed()

    def text_parsed(self) -> None:
        """Called once the fragments are made; nothing by default."""


class ParsedPreformatted(XPreformatted):
    """`ParsedParagraph` for preformatted text (a code block), whose lines are its own."""

    def _setup(self, text, style, bulletText, frags, cleaner):  # noqa: N803 - reportlab's names
        super()._setup(text, style, bulletText, frags, cleaner)
        self.text_parsed()

    def text_parsed(self) -> None:
        """Called once the fragments are made; nothing by default."""


def is_split_part(paragraph: Any) -> bool:
    """Whether a paragraph is the first part reportlab split off another (it then
    draws the lines it was given, which are not broken again)."""
    return bool(getattr(paragraph, "_splitpara", False))


def lines_go_around_a_picture(paragraph: Any) -> bool:
    """Whether a paragraph's lines are indented around a picture beside it
    (`ParagraphAndImage` gives it per-line offsets)."""
    return hasattr(paragraph, "_offsets")


def wrap_widths(paragraph: Any) -> list[float]:
    """The line widths a paragraph was last wrapped to (the first, then the rest)."""
    return paragraph._wrapWidths


def restore_wrap_widths(paragraph: Any, widths: list[float]) -> None:
    """Put back the line widths of a wrap made before (a paragraph asked again at a
    width it was wrapped to), as `wrap` would have set them."""
    paragraph._wrapWidths = widths


def note_broken_lines(paragraph: Any, widest: float, hyphenations: int) -> None:
    """What reportlab's own line breaking leaves on a paragraph besides its lines,
    for lines broken by our breaker: the widest line, no long word broken inside, the
    number of hyphenated line ends."""
    paragraph._width_max = widest
    paragraph._splitLongWordCount = 0
    paragraph._hyphenations = hyphenations


# --- fonts (layout/fonts.py): each subset made once per process ---------------------

def subsetting(face: Any) -> tuple[Any, Any]:
    """A TrueType face's own `makeSubset` and `addSubsetObjects`: how it makes a subset's
    font program, and how it adds a subset's objects to a document."""
    return face.makeSubset, face.addSubsetObjects


def subset_instead(face: Any, make_subset: Any, add_subset_objects: Any) -> None:
    """An instance patch: this face makes subsets with `make_subset` and adds them to
    a document with `add_subset_objects` (which call the face's own, from `subsetting`).
    `TTFont` calls both through its face, which has no hook for caching them."""
    face.makeSubset, face.addSubsetObjects = make_subset, add_subset_objects


# --- fonts (layout/fonts.py, font_facts.py): what reportlab reads from a font file, kept --

_UNKEPT = ("_ttf_data", "_pdfScale")  # the file's bytes (read again), the scale (made again)


def face_facts(face: Any) -> dict[str, Any]:
    """Everything reportlab's `TTFontFace` read from its file, as plain data to keep
    (`marshal`): its attributes but the file's bytes and its scaling function, names as
    bytes. reportlab reads a face in Python, 5-15 ms a file; it has no public way to
    make one from what it read before."""
    facts = {}
    for name, value in vars(face).items():
        if name in _UNKEPT:
            continue
        facts[name] = ("name", bytes(value)) if isinstance(value, TTFNameBytes) else ("value", value)
    return facts


def face_from_facts(facts: dict[str, Any], filename: str) -> Any:
    """The `TTFontFace` that `face_facts` was taken from, with the bytes of `filename`
    (the same file), as reportlab's own reading of it makes it."""
    face = TTFontFace.__new__(TTFontFace)
    for name, (kind, value) in facts.items():
        setattr(face, name, TTFNameBytes(value) if kind == "name" else value)
    with open(filename, "rb") as file:
        face._ttf_data = file.read()
    units = face.unitsPerEm  # as TTFontFile.extractInfo makes its scale
    if units == 1000:
        face._pdfScale = lambda x: x
    else:
        per = 1000 / units
        face._pdfScale = lambda x: x * per
    return face


def font_with_face(font: TTFont, name: str, face: Any) -> None:
    """`TTFont.__init__(font, name, filename)`, with the face already read (`TTFont`
    reads its face itself)."""
    from weakref import WeakKeyDictionary

    from reportlab import rl_config
    from reportlab.pdfbase.ttfonts import TTEncoding, unShapedFontGlob

    font.fontName = name
    font.face = face
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    font.shapable = not any(fnmatch(name, glob) for glob in unShapedFontGlob)
