"""Placing flowables without drawing them: frames that note where flowables go."""

from __future__ import annotations

import copy

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from handouts.layout.placing import PlacingCanvas, PlacingFrame, place_in
from handouts.leaflet.folds import Rect


def test_place_in_notes_where_flowables_go_and_what_did_not_fit():
    style = ParagraphStyle("t", fontSize=10, leading=12)
    flowables = [Paragraph(f"Regel {i}", style) for i in range(10)]
    placed, rest = place_in(flowables, Rect(0, 0, 200, 50), PlacingCanvas())
    assert [p.flowable for p in placed] == flowables[:4] and rest == flowables[4:]
    assert [round(p.y) for p in placed] == [38, 26, 14, 2]  # from the top down


def test_a_copy_of_a_frame_measures_like_it_without_copying_what_it_placed():
    # Platypus copies the frame to measure a KeepTogether or a table cell: copying
    # every flowable placed so far made a page's layout slower with each one.
    frame = PlacingFrame(10, 20, 200, 300, 0, 0, 0, 0)
    frame.addFromList([Paragraph("Tekst", ParagraphStyle("t"))], PlacingCanvas())
    clone = copy.deepcopy(frame)
    assert clone.placed == [] and len(frame.placed) == 1
    assert (clone._x1, clone._y1, clone._width, clone._height, clone._y) == (
        frame._x1, frame._y1, frame._width, frame._height, frame._y)
