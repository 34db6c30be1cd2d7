"""A drawing recorded for replay keeps the fonts' state it leaves only when it changed
that state (numbered a new character): a thousand small drawings in one font state
(the cells of a big exam's teacher overview) then hold no copy of it each."""

from __future__ import annotations

import io

from reportlab.pdfgen.canvas import Canvas

from handouts.layout.fonts import register_family
from handouts.layout.replay import replay_or_draw


def _canvas() -> Canvas:
    font = register_family("Noto Sans")
    # Its first font one of ours: a PDF that names a standard font records nothing.
    canvas = Canvas(io.BytesIO(), invariant=1, initialFontName=font, initialFontSize=10)
    canvas.setFont(font, 10)
    return canvas


def _draw(recordings: dict, what: str, canvas: Canvas, text: str) -> None:
    replay_or_draw(recordings, what, canvas, lambda: canvas.drawString(10, 10, text), True, "exam-replay")


def test_only_a_drawing_that_numbers_new_characters_keeps_the_font_state():
    canvas, recordings = _canvas(), {}
    _draw(recordings, "first", canvas, "Wervel ë")  # ë: a character beyond ASCII, numbered now
    _draw(recordings, "again", canvas, "ë Wervel")  # the same characters: the state as it was
    first, again = (next(r for k, r in recordings.items() if k[0] == what) for what in ("first", "again"))
    assert first.fonts, "a drawing that numbered a character must keep the state it leaves"
    assert again.fonts == ()
    # Replayed where it was recorded, the second drawing writes what drawing it would.
    fresh, drawn = _canvas(), _canvas()
    for target, replay in ((fresh, True), (drawn, False)):
        target.drawString(10, 10, "Wervel ë")
        if replay:
            again.replay(target)
        else:
            target.drawString(10, 10, "ë Wervel")
    assert fresh.getpdfdata() == drawn.getpdfdata()
