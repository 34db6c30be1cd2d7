"""Every private reportlab name the project uses, checked against the installed
reportlab: when a release renames or retypes one, the failure says which, in which
version, so the fix starts at handouts/layout/reportlab_internals.py (or the wing
module listed there) instead of at a wrong PDF."""

from __future__ import annotations

import io

import pytest
from reportlab import Version
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame, KeepTogether, Paragraph, Spacer
from reportlab.platypus.flowables import Flowable

from handouts.layout import reportlab_internals as internals
from handouts.resources import builtin_dir


def changed(name: str, what: str) -> str:
    return f"reportlab {Version} changed `{name}`: {what}; see handouts/layout/reportlab_internals.py"


def a_canvas() -> Canvas:
    canvas = Canvas(io.BytesIO(), invariant=1)
    canvas.setFont("Helvetica", 10)
    canvas.drawString(10, 10, "x")
    return canvas


def a_font() -> TTFont:
    path = next(p for p in sorted(builtin_dir("fonts").rglob("*.ttf")))
    font = TTFont("InternalsProbe", str(path))
    pdfmetrics.registerFont(font)
    return font


@pytest.mark.parametrize("name, kind", [
    ("_code", list), ("_formsinuse", list), ("_annotationrefs", list), ("_colorsUsed", dict),
    ("_shadingUsed", dict), ("_destinations", dict), ("state_stack", list),
    ("_fontname", str), ("_fontsize", (int, float)), ("_currentMatrix", tuple),
    ("_psCommandsBeforePage", list), ("_psCommandsAfterPage", list),
])
def test_a_canvas_keeps_its_state_where_we_read_it(name, kind):
    canvas = a_canvas()
    assert isinstance(getattr(canvas, name, None), kind), changed(f"Canvas.{name}", f"no {kind} attribute")


def test_a_canvas_writes_its_page_operators_into_code():
    canvas = a_canvas()
    assert any("(x) Tj" in op for op in canvas._code), changed("Canvas._code", "text operators not there")


def test_the_transparency_state_is_a_dict_and_a_cache():
    state = a_canvas()._extgstate
    assert isinstance(getattr(state, "_d", None), dict), changed("Canvas._extgstate._d", "not a dict")
    assert isinstance(getattr(state, "_c", None), dict), changed("Canvas._extgstate._c", "not a dict")


def test_the_state_attributes_name_the_graphics_state():
    assert "_extgstate" in Canvas.STATE_ATTRIBUTES, changed("Canvas.STATE_ATTRIBUTES", "no _extgstate")
    canvas = a_canvas()
    for name in internals.GRAPHICS:
        assert hasattr(canvas, name), changed(f"Canvas.{name}", "named in STATE_ATTRIBUTES but missing")


def test_the_pdf_document_behind_a_canvas():
    canvas = a_canvas()
    doc = internals.pdf_document(canvas)
    for name in ("fontMapping", "delayedFonts", "idToObject", "_pdfVersion"):
        assert hasattr(doc, name), changed(f"PDFDocument.{name}", "missing")
    assert isinstance(doc._pdfVersion, tuple), changed("PDFDocument._pdfVersion", "not a (major, minor) tuple")
    assert len(internals.resources_used(canvas)) == 9


def test_a_font_state_is_made_for_a_document_before_any_text():
    font = a_font()
    doc = internals.pdf_document(Canvas(io.BytesIO()))
    assert hasattr(font, "_assignState"), changed("TTFont._assignState", "missing")
    state = internals.font_state(font, doc)
    for name in ("internalName", "namePrefix", "nextCode"):
        assert hasattr(state, name), changed(f"TTFont state .{name}", "missing")
    assert internals.font_state(font, doc) is state, changed("TTFont._assignState", "a new state each call")
    assert pdfmetrics.getFont("InternalsProbe") in internals.registered_fonts(), changed("pdfmetrics._fonts", "not the registered fonts")


def test_a_frame_gives_a_flowable_its_frame_and_canvas_while_wrapping():
    seen = {}

    class Probe(Flowable):
        def wrap(self, w, h):
            seen["frame"], seen["canv"] = getattr(self, "_frame", None), getattr(self, "canv", None)
            return 10, 10

        def draw(self):
            pass

    canvas = a_canvas()
    frame = Frame(0, 0, 100, 100)
    frame.add(Probe(), canvas)
    assert seen["frame"] is frame, changed("Flowable._frame", "a frame no longer sets it")
    assert seen["canv"] is canvas, changed("Flowable.canv", "a frame no longer sets it")
    probe = Spacer(1, 1)
    internals.note_frame_and_canvas(probe, frame, canvas)
    internals.forget_frame_and_canvas(probe)
    assert not hasattr(probe, "_frame")


@pytest.mark.parametrize("name", ["_y", "_y1", "_y1p", "_y2", "_x1", "_height", "_width", "_geom", "_add"])
def test_a_frame_keeps_its_geometry_where_we_read_it(name):
    frame = Frame(0, 0, 100, 100)
    assert hasattr(frame, name), changed(f"Frame.{name}", "missing")


def test_a_frame_moves_its_cursor_down_as_it_adds():
    frame = Frame(0, 0, 100, 100, 0, 0, 0, 0)
    frame.add(Spacer(10, 30), a_canvas())
    assert frame._y == pytest.approx(70), changed("Frame._y", "not the cursor's height")


def test_a_paragraph_keeps_its_broken_lines_and_widths():
    para = Paragraph("een paar woorden", ParagraphStyle("p", fontName="Helvetica"))
    para.wrap(100, 100)
    for name in ("blPara", "_wrapWidths", "frags"):
        assert hasattr(para, name), changed(f"Paragraph.{name}", "missing after wrap")
    assert hasattr(Paragraph, "_setup"), changed("Paragraph._setup", "missing (ParsedParagraph overrides it)")


def test_keep_together_holds_its_flowables_in_content():
    kept = KeepTogether([Spacer(1, 1)])
    assert isinstance(getattr(kept, "_content", None), list), changed("KeepTogether._content", "not a list")


def test_the_page_operators_are_the_list_the_canvas_writes_into():
    canvas = a_canvas()
    operators = internals.page_operators(canvas)
    canvas.drawString(20, 20, "y")
    assert any("(y) Tj" in op for op in operators), changed("Canvas._code", "not the list written into")


def test_the_pdf_version_is_raised_not_lowered():
    doc = internals.pdf_document(a_canvas())
    before = internals.pdf_version(doc)
    internals.raise_pdf_version(doc, (1, 0))
    assert internals.pdf_version(doc) == before, changed("PDFDocument._pdfVersion", "lowered")
    internals.raise_pdf_version(doc, (1, 7))
    assert internals.pdf_version(doc) == (1, 7), changed("PDFDocument._pdfVersion", "not the declared version")


def test_a_page_with_a_link_or_transparency_is_not_operators_only():
    assert internals.page_holds_only_operators(a_canvas())
    linked = a_canvas()
    linked.linkURL("https://example.org", (0, 0, 10, 10))
    assert not internals.page_holds_only_operators(linked), changed("Canvas._annotationrefs", "a link not seen")
    faded = a_canvas()
    faded.setFillAlpha(0.5)
    faded.rect(0, 0, 5, 5, fill=1)
    assert not internals.page_holds_only_operators(faded), changed("Canvas._extgstate._c", "transparency not seen")


def test_a_flowable_drawn_by_hand_as_drawon_would():
    drawn = []

    class Probe(Flowable):
        def wrap(self, w, h):
            self.width, self.height = 20, 10
            return 20, 10

        def draw(self):
            drawn.append(self.canv)

    probe, canvas = Probe(), a_canvas()
    probe.hAlign = "CENTER"
    probe.wrap(100, 100)
    assert internals.aligned_x(probe, 10, 80) == 50, changed("Flowable._hAlignAdjust", "not centred in the spare width")
    internals.draw_here(probe, canvas)
    assert drawn == [canvas] and not hasattr(probe, "canv"), changed("Flowable._drawOn", "canv not given and let go")
    assert not internals.draws_its_boundary(probe)
    probe._showBoundary = 1
    assert internals.draws_its_boundary(probe), changed("Flowable._showBoundary", "not read")


def test_keep_together_hands_out_its_flowables():
    inner = [Spacer(1, 1), Spacer(2, 2)]
    assert internals.kept_together(KeepTogether(inner)) == inner, changed("KeepTogether._content", "not its flowables")


def test_a_postponed_flowable_is_marked_and_can_be_unmarked():
    import inspect

    from reportlab.platypus import BaseDocTemplate

    assert "_postponed" in inspect.getsource(BaseDocTemplate.handle_flowable), changed(
        "BaseDocTemplate.handle_flowable", "no longer marks a moved-on flowable as _postponed")
    spacer = Spacer(1, 1)
    spacer._postponed = 1
    internals.forget_postponed(spacer)
    internals.forget_postponed(spacer)  # twice: no harm
    assert not hasattr(spacer, "_postponed")


def test_transparency_and_spot_colours_are_where_we_read_them():
    canvas = a_canvas()
    before = repr(internals.transparency_and_colours(canvas))
    canvas.setFillAlpha(0.5)
    assert repr(internals.transparency_and_colours(canvas)) != before, changed("Canvas._extgstate", "an opacity not seen")


def test_a_canvas_names_the_form_it_draws_into():
    canvas = a_canvas()
    canvas.beginForm("probe")
    assert internals.form_being_drawn(canvas) == "probe", changed("Canvas._formData", "not the form's name first")
    canvas.endForm()


def test_a_drawing_draws_through_a_function_put_on_it():
    from reportlab.graphics.shapes import Drawing, Rect

    drawing = Drawing(20, 20)
    drawing.add(Rect(0, 0, 10, 10))
    calls = []
    original = drawing.draw
    internals.draw_instead(drawing, lambda: (calls.append(1), original()))
    canvas = a_canvas()
    drawing.drawOn(canvas, 0, 0)
    assert calls == [1], changed("Drawing.drawOn", "no longer draws through the instance's draw")


# --- the document a canvas belongs to -------------------------------------------------------

def test_a_canvas_names_the_document_it_draws_for():
    from reportlab.platypus import SimpleDocTemplate

    seen = []

    class Probe(Flowable):
        def wrap(self, w, h):
            return 10, 10

        def draw(self):
            seen.append(internals.document_of(self.canv))

    doc = SimpleDocTemplate(io.BytesIO())
    doc.build([Probe()])
    assert seen == [doc], changed("canvas._doctemplate", "platypus no longer names the document on its canvas")
    assert internals.document_of(a_canvas()) is None


# --- page X of Y -------------------------------------------------------------------------

def test_page_operators_can_be_caught_apart_and_put_back():
    canvas = Canvas(io.BytesIO(), pageCompression=0)
    canvas.drawString(10, 10, "x")
    page = internals.put_page_operators(canvas, [])
    canvas.drawString(10, 10, "y")
    caught = internals.put_page_operators(canvas, page)
    assert any("(y) Tj" in op for op in caught) and not any("(y) Tj" in op for op in page), changed(
        "Canvas._code", "operators not written into the list put in its place")
    canvas.showPage()
    pages = internals.pages_written(canvas)
    assert len(pages) == 1, changed("PDFDocument.Pages.pages", "not the pages written so far")
    stream = pages[0].stream
    assert isinstance(stream, str) and "(x) Tj" in stream and "(y) Tj" not in stream, changed(
        "PDFPage.stream", "not the page's operators as text")


# --- frames ------------------------------------------------------------------------------

def test_a_frame_says_which_frame_a_flowable_is_placed_in():
    seen = []

    class Probe(Flowable):
        def wrap(self, w, h):
            seen.append(internals.frame_of(self))
            return 10, 10

        def draw(self):
            pass

    frame = Frame(0, 0, 100, 100)
    frame.add(Probe(), a_canvas())
    assert seen == [frame], changed("Flowable._frame", "a frame no longer sets it while wrapping")
    assert internals.frame_of(Spacer(1, 1)) is None


def test_a_frame_keeps_its_cursor_top_bottom_and_height():
    frame = Frame(0, 0, 100, 200, 6, 6, 6, 6)
    assert internals.frame_at_top(frame), changed("Frame._atTop", "a new frame not at its top")
    assert internals.frame_cursor(frame) == pytest.approx(194), changed("Frame._y", "not the cursor's height")
    assert internals.frame_top(frame) == pytest.approx(200), changed("Frame._y2", "not the frame's top edge")
    assert internals.frame_bottom(frame) == pytest.approx(6), changed("Frame._y1p", "not the bottom inside the padding")
    assert internals.frame_height(frame) == pytest.approx(200), changed("Frame._height", "not the frame's height")
    frame.add(Spacer(10, 30), a_canvas())
    assert not internals.frame_at_top(frame), changed("Frame._atTop", "still at the top after a flowable")
    assert internals.frame_cursor(frame) == pytest.approx(164), changed("Frame._y", "not moved down by a flowable")


def test_a_raised_frame_bottom_keeps_flowables_above_it_until_reset():
    frame = Frame(0, 0, 100, 100, 0, 0, 0, 0)
    internals.raise_frame_bottom(frame, 50)
    assert internals.frame_bottom(frame) == pytest.approx(50)
    assert not frame.add(Spacer(10, 60), a_canvas()), changed("Frame._y1p", "a frame places below its bottom")
    internals.reset_frame_bottom(frame)
    assert internals.frame_bottom(frame) == pytest.approx(0), changed("Frame._geom", "the bottom not put back")
    assert frame.add(Spacer(10, 60), a_canvas()), changed("Frame._geom", "the room not given back")


# --- flowables -----------------------------------------------------------------------------

def test_a_flowable_that_takes_no_room_is_placed_in_a_full_frame():
    class Mark(Flowable):
        def wrap(self, w, h):
            return 0, 0

        def draw(self):
            pass

    def placed(mark: Flowable) -> bool:
        frame = Frame(0, 0, 100, 100, 0, 0, 0, 0)
        frame.add(Spacer(10, 100), a_canvas())
        return bool(frame.add(mark, a_canvas()))

    mark = Mark()
    assert not internals.takes_no_room(mark) and not placed(mark)
    internals.mark_takes_no_room(mark, True)
    assert internals.takes_no_room(mark)
    assert placed(mark), changed("Flowable._ZEROSIZE", "a full frame no longer places a flowable marked with it")


def test_keep_together_splits_by_the_measure_it_is_told():
    def split(height: float) -> list:
        keep = KeepTogether([Spacer(10, 10)])
        keep.canv = a_canvas()
        internals.note_kept_measure(keep, height, 10, 100, 100)
        return keep.split(100, 100)

    kept = KeepTogether([Spacer(10, 10)])
    kept.canv = a_canvas()
    kept.wrap(100, 100)
    for name in ("_H", "_H0", "_wrapInfo"):
        assert hasattr(kept, name), changed(f"KeepTogether.{name}", "not set by wrap")
    assert len(split(500)) > len(split(10)), changed(
        "KeepTogether._H/_wrapInfo", "split measures again instead of reading what wrap measured")


# --- paragraphs ----------------------------------------------------------------------------

def test_a_parsed_paragraph_is_told_its_fragments():
    from reportlab.platypus.xpreformatted import XPreformatted

    told = []

    class Told(internals.ParsedParagraph):
        def text_parsed(self):
            told.append([f.text for f in self.frags])

    class ToldCode(internals.ParsedPreformatted):
        def text_parsed(self):
            told.append("".join(f.text for f in self.frags))

    style = ParagraphStyle("p", fontName="Helvetica")
    Told("een <b>vet</b> woord", style)
    ToldCode("a = 1\nb = 2", style)
    assert told == [["een ", "vet", " woord"], "a = 1\nb = 2"], changed(
        "Paragraph._setup", "no longer where a paragraph's text is parsed into frags")
    assert "_setup" not in vars(XPreformatted), changed("XPreformatted._setup", "its own now (ParsedPreformatted skips it)")


def test_the_first_part_of_a_split_paragraph_is_marked():
    style = ParagraphStyle("p", fontName="Helvetica", fontSize=10, leading=12)
    para = Paragraph(" ".join(["woord"] * 200), style)
    para.wrap(100, 1000)
    first, second = para.split(100, 50)
    assert not internals.is_split_part(para)
    assert internals.is_split_part(first), changed("Paragraph._splitpara", "the first part of a split not marked")


def test_a_paragraph_beside_a_picture_has_its_lines_indented():
    from reportlab.platypus.flowables import ParagraphAndImage

    seen = []

    class Probe(Paragraph):
        def draw(self):
            seen.append(internals.lines_go_around_a_picture(self))
            super().draw()

    para = Probe("een paar woorden naast een plaatje", ParagraphStyle("p", fontName="Helvetica"))
    beside = ParagraphAndImage(para, Spacer(20, 20), side="left")
    beside.wrap(200, 200)
    beside.drawOn(a_canvas(), 0, 0)
    para.wrap(200, 200)
    para.drawOn(a_canvas(), 0, 0)
    assert seen == [True, False], changed("Paragraph._offsets", "ParagraphAndImage no longer indents lines with it")


def test_a_paragraph_keeps_the_widths_it_was_wrapped_to():
    style = ParagraphStyle("p", fontName="Helvetica", firstLineIndent=10)
    para = Paragraph("een paar woorden", style)
    para.wrap(100, 100)
    widths = internals.wrap_widths(para)
    assert list(widths) == [90, 100], changed("Paragraph._wrapWidths", "not the first and later line widths")
    internals.restore_wrap_widths(para, [50, 60])
    assert internals.wrap_widths(para) == [50, 60]


def test_reportlab_line_breaking_leaves_the_measures_we_set():
    para = Paragraph(" ".join(["woord"] * 40), ParagraphStyle("p", fontName="Helvetica"))
    para.wrap(100, 1000)
    for name in ("_width_max", "_splitLongWordCount", "_hyphenations"):
        assert hasattr(para, name), changed(f"Paragraph.{name}", "not set by breakLines")
    internals.note_broken_lines(para, 42.0, 3)
    assert (para._width_max, para._splitLongWordCount, para._hyphenations) == (42.0, 0, 3)


# --- fonts -----------------------------------------------------------------------------------

def test_a_font_makes_its_subsets_through_its_face():
    path = sorted(builtin_dir("fonts").rglob("*.ttf"))[1]  # not a_font's: its state is shared
    font = TTFont("InternalsSubsets", str(path))
    pdfmetrics.registerFont(font)
    face = font.face
    make, add = internals.subsetting(face)
    calls = []

    def make_subset(subset):
        calls.append("make")
        return make(subset)

    def add_subset_objects(doc, fontname, subset):
        calls.append("add")
        return add(doc, fontname, subset)

    internals.subset_instead(face, make_subset, add_subset_objects)
    doc = internals.pdf_document(Canvas(io.BytesIO()))
    font.splitString("abc", doc)  # what drawing the text does, without a canvas
    font.addObjects(doc)  # what saving the document does
    assert "make" in calls and "add" in calls, changed(
        "TTFont.face.makeSubset/addSubsetObjects", "a font no longer makes and adds subsets through its face")


def test_a_list_item_indenter_is_made_through_one_hook_and_holds_its_block():
    from reportlab.platypus import ListFlowable, ListItem
    from reportlab.platypus.flowables import LIIndenter

    assert hasattr(ListFlowable, "_makeLIIndenter"), changed("ListFlowable._makeLIIndenter", "it is gone")
    style = ParagraphStyle("probe", fontName="Helvetica", fontSize=10, leading=12, alignment=4)
    text = Paragraph("word " * 80, style)
    listed = internals.TextList([ListItem([text])], bulletType="bullet", start="•", leftIndent=16)
    canvas = a_canvas()
    listed.wrapOn(canvas, 200, 1000)
    items = listed.split(200, 1000)
    assert items and all(isinstance(i, LIIndenter) for i in items), changed("ListFlowable.split", "not indenters")
    item = items[0]
    for name in ("_flowable", "_leftIndent", "_rightIndent", "_bullet"):
        assert hasattr(item, name), changed(f"LIIndenter.{name}", "it is gone")
    assert internals.list_item_block(item) is text
    # an item of many justified lines splits with two lines on this side (reportlab's own kept three)
    item.wrapOn(canvas, 200, 1000)
    pieces = item.split(200, 2.5 * 12)
    assert len(pieces) == 2 and len(internals.list_item_block(pieces[0]).blPara.lines) == 2


def test_a_table_split_at_a_page_end_counts_its_rows_and_heights():
    style = ParagraphStyle("probe", fontName="Helvetica", fontSize=10, leading=12)
    rows = [[Paragraph(f"row {i}", style)] for i in range(10)]
    table = internals.RowsKeptTable(rows, repeatRows=1)
    canvas = a_canvas()
    frame = Frame(0, 0, 200, 1000)
    frame._atTop = 0  # (as after a first block)
    table._frame = frame
    table.wrapOn(canvas, 200, 1000)
    for name in ("_nrows", "_rowHeights"):
        assert hasattr(table, name), changed(f"Table.{name}", "it is gone")
    row = table._rowHeights[1]
    # room for the header and one row: not cut there (the table goes on whole)
    assert table.split(200, row * 2 + 1) == []
    # room for all but the last row: one more row goes over with it
    here, over = table.split(200, row * 9 + 1)
    assert (here._nrows, over._nrows) == (8, 3), changed("Table.split", "its pieces' rows")


def test_a_frame_foot_can_be_lowered_for_a_page_one_line_long():
    frame = Frame(0, 100, 200, 500)
    bottom = internals.frame_bottom(frame)
    internals.lower_frame_bottom(frame, 14.5)
    assert internals.frame_bottom(frame) == bottom - 14.5
    internals.reset_frame_bottom(frame)
    assert internals.frame_bottom(frame) == bottom


FONT_FILES = sorted(builtin_dir("fonts").rglob("*.ttf"))


@pytest.mark.parametrize("path", FONT_FILES, ids=[p.name for p in FONT_FILES])
def test_a_face_made_from_its_kept_facts_is_the_face_reportlab_reads(path):
    import marshal

    from reportlab.pdfbase.ttfonts import TTFontFace

    read = TTFontFace(str(path))
    made = internals.face_from_facts(marshal.loads(marshal.dumps(internals.face_facts(read))), str(path))
    assert type(made) is type(read), changed("TTFontFace", "a face is no longer made of its attributes")
    ours, theirs = vars(made), vars(read)
    assert ours.keys() == theirs.keys(), changed("TTFontFace", f"its attributes are now {sorted(theirs)}")
    for name, value in theirs.items():
        if name == "_pdfScale":
            assert [ours[name](v) for v in (1, 1000, 2048)] == [value(v) for v in (1, 1000, 2048)], \
                changed("TTFontFace._pdfScale", "its scale is made otherwise")
        else:
            assert ours[name] == value and type(ours[name]) is type(value), changed(f"TTFontFace.{name}", "its value")
            if hasattr(value, "ustr"):
                assert ours[name].ustr == value.ustr, changed(f"TTFontFace.{name}", "a name's text")


def test_a_font_given_its_face_is_the_font_reportlab_makes():
    from reportlab.pdfbase.ttfonts import TTFontFace

    path = str(FONT_FILES[0])
    theirs = TTFont("ProbeMade", path)
    ours = TTFont.__new__(TTFont)
    internals.font_with_face(ours, "ProbeMade", TTFontFace(path))
    assert vars(ours).keys() == vars(theirs).keys(), changed("TTFont.__init__", f"a font now has {sorted(vars(theirs))}")
    for name in ("fontName", "_asciiReadable", "_shapable"):
        assert vars(ours)[name] == vars(theirs)[name], changed(f"TTFont.{name}", "its value")
    assert ours.stringWidth("Wervel", 10) == theirs.stringWidth("Wervel", 10)


def test_a_font_registered_under_a_name_is_the_one_found_under_it_even_with_the_same_face_name():
    path = str(next(p for p in sorted(builtin_dir("fonts").rglob("*.ttf"))))
    first, second = TTFont("InternalsSameFaceA", path), TTFont("InternalsSameFaceB", path)
    pdfmetrics.registerFont(first)
    pdfmetrics.registerFont(second)
    # Why the reach is needed: reportlab hands the second font of one face name the first.
    assert pdfmetrics.getFont("InternalsSameFaceB") is not second, "reportlab no longer files TrueType fonts " \
        "by face name: register_font_as may call registerFont alone"
    internals.register_font_as("InternalsSameFaceB", second)
    assert pdfmetrics.getFont("InternalsSameFaceB") is second, changed("pdfmetrics._fonts", "not where getFont looks")
    internals.register_font_as("InternalsSameFaceC", second)  # a second name of the same font
    assert pdfmetrics.getFont("InternalsSameFaceC") is second, changed("pdfmetrics._fonts", "not where getFont looks")
