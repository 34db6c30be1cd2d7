"""An SVG that holds its own pictures (`data:` addresses) prints them and leaves no file
behind: svglib writes each to a temporary file it never removes, so the pictures are
kept in memory (layout/svg_files.py); a JPEG is embedded as the JPEG it is."""

from __future__ import annotations

import base64
import io
import tempfile

import pypdfium2 as pdfium
import pytest
from PIL import Image
from pypdf import PdfReader
from reportlab.graphics.shapes import Drawing, Group
from reportlab.graphics.shapes import Image as DrawnImage

from handouts.layout.svg_files import read_svg

GROUND, PICTURE = (0x2B, 0x5D, 0x8A), (0xE0, 0x20, 0x20)


def holding(kind: str) -> str:
    """An SVG, 200 x 100, of a blue ground with a red picture (kind: PNG or JPEG) in it."""
    data = io.BytesIO()
    Image.new("RGB", (40, 20), PICTURE).save(data, kind)
    href = f"data:image/{kind.lower()};base64,{base64.b64encode(data.getvalue()).decode()}"
    return ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
            f'width="200" height="100"><rect width="200" height="100" fill="#2b5d8a"/>'
            f'<image x="50" y="25" width="100" height="50" xlink:href="{href}"/></svg>')


@pytest.fixture
def system_tmp(tmp_path, monkeypatch):
    """The system's temporary folder, for this test: where svglib would leave its files."""
    folder = tmp_path / "system-tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _pictures(node) -> list:
    if isinstance(node, DrawnImage):
        return [node.path]
    return [p for child in getattr(node, "contents", []) if isinstance(node, (Group, Drawing))
            for p in _pictures(child)]


@pytest.mark.parametrize("kind", ["PNG", "JPEG"])
def test_a_picture_held_in_an_svg_prints_and_leaves_no_file(project, system_tmp, kind):
    project.write("content/fig.svg", holding(kind))
    project.write("content/h.md", '---\ntitle: H\n---\n\n![Een rode rechthoek](fig.svg "Rood")\n')
    result = project.run("build")
    assert result.exit_code == 0, result.output
    assert list(system_tmp.iterdir()) == []
    pdf_path = project.root / "build/h.pdf"
    image = pdfium.PdfDocument(str(pdf_path))[0].render(scale=1).to_pil().convert("RGB")
    colours = {colour for _, colour in image.getcolors(1 << 20)}
    near = [c for c in colours if all(abs(a - b) < 24 for a, b in zip(c, PICTURE))]
    assert near, "the picture held in the SVG is not printed"
    assert any(all(abs(a - b) < 8 for a, b in zip(c, GROUND)) for c in colours)
    if kind == "JPEG":
        drawn = PdfReader(pdf_path).pages[0].get_contents().get_data()
        assert b"/DCT" in drawn  # not decoded and packed again


def test_svglibs_picture_hook_is_the_one_this_project_replaces(tmp_path, system_tmp):
    """Fails when an svglib release renames `SvgRenderer.xlink_href_target` or stops
    handing its result to the drawing: then held pictures would go to files again."""
    svg = tmp_path / "fig.svg"
    svg.write_text(holding("PNG"))
    drawing = read_svg(str(svg))
    assert drawing is not None
    (picture,) = _pictures(drawing)
    assert isinstance(picture, Image.Image) and picture.size == (40, 20)
    assert list(system_tmp.iterdir()) == []
