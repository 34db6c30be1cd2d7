"""Recorded drawings: replaying them gives the same PDF bytes as drawing again."""

from __future__ import annotations

import io

from PIL import Image as PILImage
from reportlab.graphics.shapes import Drawing, String
from reportlab.graphics.shapes import Rect as Box
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Table

from handouts.layout.fonts import register_family
from handouts.layout.placing import PlacingCanvas, place_in
from handouts.layout.replay import Recordings, replayable
from handouts.leaflet.folds import Rect
from handouts.leaflet.layout.forms import PanelCanvas


class Counted(Paragraph):
    draws = 0

    def draw(self) -> None:
        Counted.draws += 1
        super().draw()


class Picture(Flowable):
    """Draws an image: the PDF gets an image object, which cannot be replayed."""

    def __init__(self):
        super().__init__()
        self.width = self.height = 20
        buffer = io.BytesIO()
        PILImage.new("RGB", (4, 4), "red").save(buffer, "PNG")
        self.png = buffer.getvalue()

    def draw(self) -> None:
        Counted.draws += 1
        self.canv.drawImage(ImageReader(io.BytesIO(self.png)), 0, 0, 20, 20)


def placed(*flowables):
    done, rest = place_in(list(flowables), Rect(0, 0, 300, 400), PlacingCanvas())
    assert not rest
    return done


def pdf(draw) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1, initialFontName=register_family("Noto Sans"))
    draw(canvas)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def style():
    return ParagraphStyle("t", fontName=register_family("Noto Sans"), fontSize=12)


def test_replay_is_byte_identical_and_does_not_draw_again():
    Counted.draws = 0
    text = placed(Counted("Blijf <b>bewegen</b>, ook als uw rug pijn doet: ëï", style()))
    recordings = Recordings()
    first = pdf(lambda c: recordings.draw(c, text))
    assert Counted.draws == 1
    again = pdf(lambda c: recordings.draw(c, text))
    assert Counted.draws == 1  # replayed, not drawn
    fresh = pdf(lambda c: Recordings().draw(c, text))
    assert first == again == fresh


def test_replay_only_from_the_same_font_state():
    Counted.draws = 0
    text = placed(Counted("Blijf bewegen", style()))
    other = placed(Paragraph("Zwaar tillen: nooit", style()))
    recordings = Recordings()
    pdf(lambda c: recordings.draw(c, text))

    def other_first(canvas, draw):
        draw(canvas, other)  # other characters take the first codes of the font subset
        draw(canvas, text)

    replayed = pdf(lambda c: other_first(c, recordings.draw))
    assert Counted.draws == 2  # a different state: drawn again
    assert replayed == pdf(lambda c: other_first(c, Recordings().draw))


def test_drawing_with_an_image_is_drawn_every_time():
    Counted.draws = 0
    picture = placed(Picture(), Counted("Tekst", style()))
    recordings = Recordings()
    first = pdf(lambda c: recordings.draw(c, picture))
    second = pdf(lambda c: recordings.draw(c, picture))
    assert Counted.draws == 4
    assert first == second


def test_a_shared_picture_is_replayed_wherever_it_is_placed():
    def logo():
        drawing = Drawing(60, 20)
        drawing.initialFontName = register_family("Noto Sans")  # as figures.use_font sets it
        drawing.add(Box(0, 0, 60, 20, fillColor="#2b5d8a"))
        drawing.add(String(4, 6, "Wervel", fontName=register_family("Noto Sans")))
        return drawing

    shared, plain = replayable(logo()), logo()

    def page(picture):
        table = Table([["", picture]], colWidths=[100, 70],
                      style=[("FONTNAME", (0, 0), (-1, -1), register_family("Noto Sans"))])
        return placed(picture, table, Counted("Tekst", style()))

    recordings = Recordings()

    def draw_with_recordings(canvas, flowables):
        canvas.recordings = recordings  # as PanelCanvas offers them to shared flowables
        for item in flowables:  # one by one: the table is new in every PDF, the logo is not
            recordings.draw(canvas, (item,))

    first = pdf(lambda c: draw_with_recordings(c, page(shared)))
    second = pdf(lambda c: draw_with_recordings(c, page(shared)))
    fresh = pdf(lambda c: [item.draw(c) for item in page(plain)])
    assert first == second == fresh
    # The logo on its own and in the table: two font states, so two recordings, each
    # replayed in the second PDF.
    here = [value for key, value in recordings._recorded.items() if key[0][0] == "here"]
    assert len(here) == 2 and None not in here


def test_forms_are_compressed_and_written_once_with_the_same_bytes():
    text = placed(Counted("Blijf bewegen, ook met pijn: ë", style()))

    def leaflet(recordings):
        buffer = io.BytesIO()

        def compose(canvas):
            canvas.draw_form("panel1", 10)
            canvas.showPage()

        canvas = PanelCanvas(buffer, compose=compose, recordings=recordings, invariant=1,
                             initialFontName=register_family("Noto Sans"))
        canvas.draw_placed(text)
        canvas.save()
        return buffer.getvalue()

    recordings = Recordings()
    first, second = leaflet(recordings), leaflet(recordings)
    assert first == second == leaflet(Recordings())
    assert len(recordings._encoded) == len(recordings._written) == 1


def test_characters_numbered_ahead_of_drawing_are_part_of_the_state():
    text = placed(Paragraph("Blijf bewegen: ëï", style()))
    font = pdfmetrics.getFont(register_family("Noto Sans"))

    def numbered_ahead(canvas, draw):
        font.splitString("ïë", canvas._doc)  # codes given, the font not yet named
        draw(canvas, text)

    recordings = Recordings()
    pdf(lambda c: recordings.draw(c, text))
    replayed = pdf(lambda c: numbered_ahead(c, recordings.draw))
    assert replayed == pdf(lambda c: numbered_ahead(c, Recordings().draw))
