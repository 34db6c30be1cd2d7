"""Will a practice's logo print well? Too few pixels for its printed size (below
`MIN_PPI`), or printed smaller than `MIN_MM` on its shortest side, is a warning.

The logo is fitted into a box on the cover (0.8 of the panel's width x 16 mm) and
in the stamp area (0.8 of the panel's width less the box's padding x 11 mm), keeping
its proportions, as `leaflet.layout.blocks` does. The largest of the two printed
sizes needs the most pixels; the smallest must still be readable. An SVG logo has no
pixels: its size is checked, and its text, which like a figure's must not print
below 6 pt (`layout.figures.LEAST_LABEL_SIZE`).
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import inch, mm

from handouts.errors import Diagnostic, SourceRef
from handouts.layout.figures import LEAST_LABEL_SIZE, svg_text_size
from handouts.layout.theme import Theme
from handouts.leaflet.folds import fold_geometry

MIN_PPI = 200
MIN_MM = 8.0
COVER_BOX = (0.8, 16 * mm)  # share of the panel width, height
STAMP_BOX = (0.8, 11 * mm)
STAMP_PADDING = 10.0  # points, inside the stamp box


def natural_size(path: Path) -> tuple[float, float, bool]:
    """(width, height, has pixels): pixels for a raster image, points for an SVG."""
    if path.suffix.lower() == ".svg":
        from handouts.layout.svg_files import read_svg

        drawing = read_svg(str(path))
        return (float(drawing.width), float(drawing.height), False) if drawing else (0.0, 0.0, False)
    from reportlab.lib.utils import ImageReader

    width, height = ImageReader(str(path)).getSize()
    return float(width), float(height), True


def _fitted(width: float, height: float, box_width: float, box_height: float) -> tuple[float, float]:
    scale = min(box_width / width, box_height / height)
    return width * scale, height * scale


def logo_warnings(path: Path, ref: SourceRef, fold: str, theme: Theme | None = None) -> list[Diagnostic]:
    """Warnings for a logo that would print blurred or too small in this fold (with
    `theme`, that of the leaflet: also an SVG logo whose text prints below 6 pt)."""
    try:
        width, height, pixels = natural_size(path)
    except Exception:  # an unreadable image is reported when it is drawn
        return []
    if not width or not height:
        return []
    panel = min(p.frame.width for side in fold_geometry(fold).sides for p in side.panels)
    cover = _fitted(width, height, panel * COVER_BOX[0], COVER_BOX[1])
    stamp = _fitted(width, height, (panel - STAMP_PADDING) * STAMP_BOX[0], STAMP_BOX[1])
    found = []
    if pixels:
        ppi = width / (max(cover[0], stamp[0]) / inch)
        if ppi < MIN_PPI:
            found.append(Diagnostic(ref, f'logo "{path.name}" has {width:.0f} x {height:.0f} pixels '
                                    f"and prints at {ppi:.0f} ppi, below {MIN_PPI}: it will look "
                                    f"blurred; use an SVG or a PNG at least "
                                    f"{width * MIN_PPI / ppi:.0f} pixels wide", "warning"))
    smallest = min(stamp) / mm
    if smallest < MIN_MM:
        found.append(Diagnostic(ref, f'logo "{path.name}" prints only {smallest:.1f} mm high or wide '
                                f"in the stamp area (at least {MIN_MM:g} mm is readable); use a "
                                "logo that is less long and thin", "warning"))
    text = svg_text_size(path, theme) if theme is not None and not pixels else None
    scale = stamp[0] / width  # the stamp's is the smaller of the two
    if text and text * scale < LEAST_LABEL_SIZE - 1e-9:
        found.append(Diagnostic(ref, f'the text in the logo "{path.name}" prints at {text * scale:.1f} pt in the '
                                f"stamp area, where the logo is {stamp[1] / mm:.0f} mm high, below "
                                f"{LEAST_LABEL_SIZE:g} pt; make the text in the SVG at least "
                                f"{LEAST_LABEL_SIZE / scale:.1f} units high", "warning"))
    return found
