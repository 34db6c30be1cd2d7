"""An SVG file as a reportlab Drawing, through svglib, with nothing left behind.

svglib writes every picture an SVG holds in itself (`<image href="data:image/png;base64,...">`)
to a temporary file of its own and never removes it: each build would leave one more
file in the system's temporary folder. Here such a picture is handed to reportlab as an
image in memory instead (reportlab draws a Pillow image as it draws a file; a JPEG stays
the JPEG it is). `svg2rlg` is `load_svg_file` and `SvgRenderer(path).render(root)`; its
one hook for pictures, `SvgRenderer.xlink_href_target`, is the only part of svglib this
module reaches past (tests/test_svg_files.py fails when a release changes it).
"""

from __future__ import annotations

import base64
import io
import re
from functools import lru_cache
from typing import Any

from reportlab.graphics.shapes import Drawing

_HELD_PICTURE = re.compile(r"data:image/(?:jpe?g|png);base64,")  # the pictures svglib writes out


def read_svg(path: str) -> Drawing | None:
    """svglib's drawing of the SVG file at `path` (None when svglib cannot read it)."""
    from svglib.svglib import load_svg_file  # imported late: it is slow and only SVG needs it

    root = load_svg_file(path)
    return None if root is None else _renderer()(path).render(root)


@lru_cache(maxsize=1)
def _renderer() -> type:
    from PIL import Image
    from svglib.svglib import SvgRenderer

    class PicturesInMemory(SvgRenderer):
        def xlink_href_target(self, node: Any, group: Any = None) -> Any:
            href = node.attrib.get("{http://www.w3.org/1999/xlink}href") or node.attrib.get("href") or ""
            held = _HELD_PICTURE.match(href)
            if held is None:
                return super().xlink_href_target(node, group)
            return Image.open(io.BytesIO(base64.decodebytes(href[held.end():].encode("ascii"))))

    return PicturesInMemory
