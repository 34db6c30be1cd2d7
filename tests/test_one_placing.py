"""Placing without drawing is one mechanism, in the core: one frame that notes where
it puts each flowable (`placing.PlacingFrame`, the one custom frame copy), and one
flowable that draws a placed page again (`placing.PlacedPage`). Exams and leaflets
both use them; no wing defines its own."""

from __future__ import annotations

import ast
import io
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from handouts.layout.placing import PlacedPage, PlacingFrame

HANDOUTS = Path(__file__).resolve().parent.parent / "handouts"


def _definitions() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {"PlacedPage": [], "__deepcopy__": [], "Frame subclass": []}
    for path in sorted(HANDOUTS.rglob("*.py")):
        module = str(path.relative_to(HANDOUTS.parent))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                if node.name == "PlacedPage":
                    found["PlacedPage"].append(module)
                if any(ast.unparse(base).split(".")[-1] == "Frame" for base in node.bases):
                    found["Frame subclass"].append(module)
            elif isinstance(node, ast.FunctionDef) and node.name == "__deepcopy__":
                found["__deepcopy__"].append(module)
    return found


def test_one_placed_page_one_placing_frame_one_frame_copy():
    for what, modules in _definitions().items():
        assert modules == ["handouts/layout/placing.py"], f"{what} defined in {modules}"


def test_a_drawing_frame_notes_the_places_it_draws_at():
    drawn = []
    frame = PlacingFrame(10, 10, 200, 300, 0, 0, 0, 0,
                         draw=lambda canvas, placed: drawn.extend(p.flowable for p in placed))
    paras = [Paragraph(f"regel {i}", ParagraphStyle("p", fontName="Helvetica")) for i in range(3)]
    canvas = Canvas(io.BytesIO())
    frame.addFromList(list(paras), canvas)
    placed = frame.take_placed()
    assert [p.flowable for p in placed] == paras == drawn
    assert [p.y for p in placed] == sorted((p.y for p in placed), reverse=True)  # top down
    assert frame.take_placed() == ()

    page = Canvas(io.BytesIO())
    again = []
    PlacedPage(placed, lambda canvas, placed: again.extend(placed)).drawOn(page, 0, 0)
    assert tuple(again) == placed
