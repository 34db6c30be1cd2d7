"""What a drawing on a reportlab canvas depends on, and what it may leave behind.

The exam and leaflet layouts draw the same flowables into many PDFs and replay the
operators of the first drawing (exam/layout/replay.py, leaflet/layout/replay.py). A replay is only
right when the canvas is in the same graphics state, and only possible when the
drawing left nothing in the PDF but its operators and its use of fonts.
"""

from __future__ import annotations

from handouts.layout.reportlab_internals import GRAPHICS, GRAPHICS_HERE
from handouts.layout.reportlab_internals import resources_used as side_effects

__all__ = ["GRAPHICS", "GRAPHICS_HERE", "side_effects"]
