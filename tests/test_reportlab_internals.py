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
    assert hasattr(Paragraph, "_setup"), changed("Paragraph._setup", "missing (Para overrides it)")


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


def test_starting_a_page_clears_its_operators_and_counts_the_page():
    canvas = a_canvas()
    internals.start_page(canvas)
    assert internals.page_operators(canvas) == [], changed("Canvas._startPage", "the old page's operators kept")
    assert canvas.getPageNumber() == 2, changed("Canvas._startPage", "the page not counted")


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
