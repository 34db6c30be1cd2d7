"""Leaflet flowables: plain-language styles, figure rows, the cover and the stamp.

Leaflet type is set ragged right, without hyphenation, at 12 pt or more, in
colours with a contrast of at least 4.5:1 on white; the theme is checked here.
"""

from __future__ import annotations

import functools
import math
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing, Group, Rect
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from handouts.errors import SourceRef, fail
from handouts.language import RIGHT_TO_LEFT
from handouts.layout.blocks import BLOCKS, BUILDERS, HANDOUT_MARKUP, Context, build_children
from handouts.layout.figures import (
    LEAST_LABEL_SIZE,
    equal_shares,
    figure_flowable,
    figures_side_by_side,
    group_figures,  # noqa: F401 - the leaflet's pages take it from here
    label_size_warning,
    svg_text_size,
)
from handouts.layout.fonts import face
from handouts.layout.markup import FOOTNOTE_MARK_OPEN, INLINE, MarkupTable, src
from handouts.layout.markup import tag as markup_tag
from handouts.layout.paragraph import Para
from handouts.layout.replay import replayable
from handouts.layout.reportlab_internals import frame_at_top, frame_of, kept_together
from handouts.layout.theme import Theme, paragraph_styles

MIN_BODY_SIZE = 12.0
MIN_CONTRAST = 4.5
TEXT_COLOURS = ("text", "accent", "muted", "tip", "warning", "note")
QR_SIZE = 22 * mm


def contrast(colour: colors.Color, background: colors.Color = colors.white) -> float:
    """WCAG contrast ratio of two colours, from 1 to 21."""
    def luminance(c: colors.Color) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * channel(c.red) + 0.7152 * channel(c.green) + 0.0722 * channel(c.blue)
    high, low = sorted((luminance(colour), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def check_theme(theme: Theme, theme_name: str) -> None:
    """Refuse a theme that would make a leaflet hard to read."""
    where = SourceRef(f"theme {theme_name}")
    if theme.sizes["body"] < MIN_BODY_SIZE:
        raise fail(where, f"leaflet body text is {theme.sizes['body']:g} pt; patient leaflets "
                   f"need at least {MIN_BODY_SIZE:g} pt (sizes: body)")
    for name in TEXT_COLOURS:
        ratio = contrast(theme.colour(name))
        if ratio < MIN_CONTRAST:
            raise fail(where, f"colour {name} #{theme.colour(name).hexval()[2:]} has a contrast "
                       f"of {ratio:.1f}:1 on white; leaflets need at least {MIN_CONTRAST}:1")


def leaflet_styles(theme: Theme, language: str) -> dict[str, ParagraphStyle]:
    """The handout styles made plain: ragged right, no hyphenation. Only a word longer
    than a whole line (a web address) is broken, where it would otherwise run off the
    panel and be cut. (reportlab's own breaking of addresses breaks one once at most,
    and then leaves the rest whole, however long: not for narrow panels.)"""
    styles = {}
    start = TA_RIGHT if language in RIGHT_TO_LEFT else TA_LEFT
    for name, style in paragraph_styles(theme, language).items():
        styles[name] = ParagraphStyle(
            name, parent=style, hyphenationLang="", embeddedHyphenation=0, uriWasteReduce=0,
            splitLongWords=1, alignment=TA_CENTER if name == "caption" else start,
            wordWrap="RTL" if language in RIGHT_TO_LEFT else None,
        )
    s, c, bold = theme.sizes, theme.colours, face(theme.heading_font, bold=True)
    styles["caption"].fontName, styles["caption"].textColor = bold, c["text"]
    styles["caption"].fontSize = styles["caption"].leading = s["body"]
    styles["h1"].spaceBefore = s["leading"] * 0.9
    for name in ("cell", "cellhead"):  # table text is body text: no smaller than 12 pt
        styles[name].fontSize, styles[name].leading = s["body"], s["leading"]
    styles["series"] = ParagraphStyle("series", parent=styles["body"], fontName=bold,
                                      fontSize=s["small"], leading=s["small"] * 1.3,
                                      textColor=colors.white, spaceAfter=0)
    styles["title"] = ParagraphStyle("ltitle", parent=styles["title"], fontName=bold,
                                     fontSize=s["title"], leading=s["title"] * 1.12,
                                     spaceAfter=s["leading"] * 0.6)
    styles["subtitle"] = ParagraphStyle("lsubtitle", parent=styles["body"],
                                        fontSize=s["h2"] * 1.1, leading=s["h2"] * 1.45,
                                        textColor=c["muted"])
    styles["practice"] = ParagraphStyle("lpractice", parent=styles["body"], fontName=bold,
                                        textColor=c["accent"])
    styles["stamp_label"] = ParagraphStyle("stamp_label", parent=styles["body"],
                                           fontName=bold, spaceAfter=3)
    # the large-print edition keeps the standard name size: the stamp area must still hold it
    styles["stamp_name"] = ParagraphStyle("stamp_name", parent=styles["body"], fontName=bold,
                                          fontSize=s.get("stamp_name", s["body"]),
                                          leading=s.get("stamp_leading", s["leading"]),
                                          spaceAfter=2)
    styles["stamp"] = ParagraphStyle("stamp", parent=styles["body"], fontSize=s["small"],
                                     leading=s["small"] * 1.3, spaceAfter=0)
    styles["stamp_head"] = ParagraphStyle("stamp_head", parent=styles["stamp"], fontName=bold,
                                          spaceBefore=3)
    styles["imprint"] = ParagraphStyle("imprint", parent=styles["stamp"],
                                       textColor=c["muted"], spaceAfter=1)
    return styles


SMALLEST_FIGURE = 0.8  # a figure is set up to a fifth smaller to end a panel


class FittingFigure(KeepTogether):
    """A figure and its caption, kept together; where the room left in a panel is a
    little short of it, set smaller (down to SMALLEST_FIGURE) to fill that room
    rather than leave it empty and start the next panel."""

    def __init__(self, make: Callable[[float], list[Flowable]]):
        super().__init__(make(1.0))
        self._make = make

    def split(self, aW: float, aH: float) -> list:  # noqa: N803 - reportlab's names
        frame = frame_of(self)
        natural = sum(f.wrap(aW, aH)[1] + f.getSpaceBefore() + f.getSpaceAfter()
                      for f in kept_together(self))
        if natural > aH and frame is not None and not frame_at_top(frame):
            for step in range(1, 5):
                parts = self._make(1 - step * (1 - SMALLEST_FIGURE) / 4)
                if sum(f.wrap(aW, aH)[1] + f.getSpaceBefore() + f.getSpaceAfter()
                       for f in parts) <= aH:
                    return parts
        return super().split(aW, aH)


def figure(elem: ET.Element, ctx: Context) -> list:
    width = ctx.width * float(elem.get("width", "1"))
    _small_text(elem, width, ctx.width, ctx)
    # A figure never leaves its caption behind in another panel.
    return [Spacer(0, 4), FittingFigure(lambda scale: _figure(elem, ctx, width * scale, ctx.width)),
            Spacer(0, 6)]


def _small_text(elem: ET.Element, width: float, most: float, ctx: Context) -> None:
    """The author is told when the figure's text would print below 6 pt at the width
    asked (it is then printed wider, up to `most`, as in a handout)."""
    warning = label_size_warning(elem.get("path", ""), width, most, ctx.theme, src(elem))
    if warning is not None:
        ctx.warnings.append(warning)


def _figure(elem: ET.Element, ctx: Context, width: float, most: float) -> list[Flowable]:
    """The picture at `width`, or wider (up to `most`) when its text would print below
    6 pt (also when set smaller to end a panel), and its caption."""
    picture = figure_flowable(elem.get("path", ""), width, most, ctx.theme, src(elem),
                              least_text=LEAST_LABEL_SIZE)
    picture.hAlign = "CENTER"
    caption = elem.find("caption")
    parts: list[Flowable] = [picture]
    if caption is not None:
        parts.append(Para(ctx.text(caption), ctx.styles["caption"]))
    return parts


def figure_row(elem: ET.Element, ctx: Context) -> list:
    """Figures side by side ("Goed" beside "Fout"), each in its share of the width."""
    figures = list(elem)
    shares = equal_shares(len(figures), ctx.width)
    for f, w in zip(figures, shares):
        _small_text(f, w, w, ctx)

    def row(scale: float) -> list[Flowable]:
        widths = equal_shares(len(figures), ctx.width * scale)
        cells = [_figure(f, ctx, w, most) for f, w, most in zip(figures, widths, shares)]
        # a picture kept wider for its text keeps its column wider (the row, at most its full width)
        widths = [max(w, cell[0].wrap(w, 10000)[0]) for w, cell in zip(widths, cells)]
        return [figures_side_by_side(cells, widths, ctx.theme.body_font)]
    return [Spacer(0, 4), FittingFigure(row), Spacer(0, 6)]


def callout(elem: ET.Element, ctx: Context) -> list:
    """A tinted box with a bold label ("Tip"); the tint is mixed with white
    beforehand, as transparency does not survive in the panel forms."""
    kind = elem.get("kind", "note")
    colour = ctx.theme.colour(kind if kind in ctx.theme.colours else "note")
    title = elem.find("title")
    label = elem.get("label", "") + (f": {ctx.text(title)}" if title is not None else "")
    label_style = ParagraphStyle("calloutlabel", parent=ctx.styles["body"], textColor=colour,
                                 fontName=face(ctx.theme.heading_font, bold=True), spaceAfter=2)
    inner = replace(ctx, width=ctx.width - 16, room_name="the box")
    # A box without a label (a side note) starts with its text.
    rows = ([[Para(label, label_style)]] if label else []) + [
        [f] for f in build_children(elem, inner)]
    if not rows:
        return []
    tint = colors.linearlyInterpolatedColor(colors.white, colour, 0, 1, 0.1)
    box = Table(rows, colWidths=[ctx.width], hAlign="LEFT", style=_style(ctx, [
        ("BACKGROUND", (0, 0), (-1, -1), tint),
        ("LINEBEFORE", (0, 0), (0, -1), 3, colour),
        ("LEFTPADDING", (0, 0), (-1, -1), 10),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, 0), 6),
        ("TOPPADDING", (0, 1), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -2), 0),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 4),
        ("NOSPLIT", (0, 0), (-1, -1)),
    ]))
    return [Spacer(0, 3), box, Spacer(0, 8)]


def side_note(elem: ET.Element, ctx: Context) -> list:
    """A side note: a leaflet panel has no margin to put it in, so it is a plain box
    in the text, like a callout without a label."""
    box = ET.Element("callout", {"kind": "note"})
    box.extend(elem)
    return callout(box, ctx)


def endnotes(elem: ET.Element, ctx: Context) -> list:
    """Footnotes at the end of the text: a leaflet panel has no foot to put them at."""
    notes = [Para(f"{FOOTNOTE_MARK_OPEN}{note.get('n', '')}</super>&nbsp;{ctx.text(note)}", ctx.styles["body"])
             for note in elem.findall("footnote")]
    return [Spacer(0, 3 * mm), *notes] if notes else []


LEAFLET_BUILDERS = {**BUILDERS, "figure": figure, "figrow": figure_row, "callout": callout,
                    "sidenote": side_note, "footnotes": endnotes}
_TEXT = markup_tag("", INLINE)

# Every tag and attribute of a leaflet's markup, as the builders here and in
# leaflet.layout.pages read them (figrow is made by the layout, never written).
LEAFLET_MARKUP = MarkupTable({
    **HANDOUT_MARKUP.tags,
    "document": markup_tag("kind lang title fold src", "cover body back"),
    "body": markup_tag("", frozenset(LEAFLET_BUILDERS) - {"figrow"}),
    "cover": markup_tag("src", "series title subtitle image practice"),
    "series": _TEXT,
    "image": markup_tag("path alt src"),
    "practice": markup_tag("logo", INLINE),
    "sidenote": markup_tag("src", BLOCKS),  # a box in the text: it holds any block
    "back": markup_tag("", "stamp imprint"),
    "stamp": markup_tag("label src", "logo name line heading qr"),
    "logo": markup_tag("path"),
    "name": _TEXT, "line": _TEXT, "heading": _TEXT, "imprint": _TEXT,
    "qr": markup_tag("url"),
}, frozenset({"document"}))


class BalancedParagraph(Para):
    """A title set in lines of about equal length, so that no word stands alone on
    the last line ("Minder last van uw / rug" becomes "Minder last / van uw rug")."""

    _balanced: tuple[float, float] | None = None  # (available width, width used)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if self._balanced is None or self._balanced[0] != availWidth:
            # Every practice's leaflet has the same title: search its width once. The
            # style belongs to one layout, so the widths found go with it.
            found = self.style.__dict__.setdefault("_balanced_widths", {})
            key = (self.text, availWidth)
            if key not in found:
                found[key] = self._narrowest(availWidth, availHeight)
            self._balanced = (availWidth, found[key])
        _, height = super().wrap(self._balanced[1], availHeight)
        return availWidth, height

    def _narrowest(self, width: float, height: float) -> float:
        """The narrowest width that takes no more lines than the full width."""
        super().wrap(width, height)
        lines = len(self.blPara.lines)
        low, high = width / 2, width
        if lines < 2:
            return width
        for _ in range(10):  # to within a thousandth of the width
            middle = (low + high) / 2
            super().wrap(middle, height)
            low, high = (low, middle) if len(self.blPara.lines) <= lines else (middle, high)
        return high


class CoverSpace(Spacer):
    """Room on the cover that places the picture in the middle and the practice at the
    foot; a title block flowing with the text (`fold: single`) leaves it out."""


def cover(elem: ET.Element, ctx: Context, height: float) -> list:
    """The cover panel or page, composed top to bottom: the series band and the title at
    the top, the picture filling the middle, the practice's logo or name at the foot."""
    top: list[Flowable] = []
    styles, accent = ctx.styles, ctx.theme.colour("accent")
    side = "RIGHT" if styles["body"].alignment == TA_RIGHT else "LEFT"  # where lines start
    series = elem.find("series")
    if series is not None:
        # At the side lines start: the cover frame may be wider than the measure (ctx.width).
        band = Table([[Para(ctx.text(series), styles["series"])]], colWidths=[ctx.width],
                     hAlign=side, style=_style(ctx, [("BACKGROUND", (0, 0), (-1, -1), accent),
                                       ("LEFTPADDING", (0, 0), (-1, -1), 6),
                                       ("TOPPADDING", (0, 0), (-1, -1), 5),
                                       ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
        band.bleed_colour = accent  # for a print shop it runs off the sheet (pages.Band)
        top += [band, Spacer(0, 14 * mm)]
    for tag in ("title", "subtitle"):
        part = elem.find(tag)
        if part is not None:
            kind = BalancedParagraph if tag == "title" else Para
            top.append(kind(ctx.text(part), styles[tag]))
    foot: list[Flowable] = []
    practice = elem.find("practice")
    if practice is not None and practice.get("logo"):
        foot = [picture(practice.get("logo", ""), ctx.width * 0.8, 16 * mm, ctx.theme, side)]
    elif practice is not None:
        foot = [Para(ctx.text(practice), styles["practice"])]
    gap = 8 * mm
    used = _height(top, ctx.width, height) + _height(foot, ctx.width, height)
    middle = height - used - (gap if foot else 0) - 1  # a point to spare for rounding
    image = elem.find("image")
    out = list(top)
    if image is not None:
        art = picture(image.get("path", ""), ctx.width, max(middle - 2 * gap, 10), ctx.theme,
                      side)
        _small_cover_text(image, art, ctx, src(image if image.get("src") else elem))
        above = max(gap, (middle - _height([art], ctx.width, height)) / 2)
        out += [CoverSpace(0, above), art]
        middle -= above + _height([art], ctx.width, height)
    if foot:
        out += [CoverSpace(0, max(middle, 0) + gap), *foot]
    return out


def _small_cover_text(image: ET.Element, art: Flowable, ctx: Context, ref: SourceRef) -> None:
    """A warning when the cover picture, fitted into the room the cover leaves it,
    would print its text below 6 pt: the author can only make that text larger."""
    size = svg_text_size(Path(image.get("path", "")), ctx.theme)
    a, b, c, d = (getattr(art, "transform", None) or (1, 0, 0, 1))[:4]
    scale = math.sqrt(abs(a * d - b * c))
    if size and scale and size * scale < LEAST_LABEL_SIZE - 1e-9:
        name = Path(image.get("path", "")).name
        ctx.warn(ref, f'the text in the cover picture "{name}" prints at {size * scale:.1f} pt, '
                 f"below {LEAST_LABEL_SIZE:g} pt (the picture is fitted into the room the title leaves it); "
                 f"make the text in the SVG at least {LEAST_LABEL_SIZE / scale:.1f} units high")


def _height(flowables: list, width: float, height: float) -> float:
    return sum(f.wrap(width, height)[1] + f.getSpaceBefore() + f.getSpaceAfter()
               for f in flowables)


_PICTURES: dict[tuple, Flowable] = {}


def picture(path: str, width: float, height: float, theme: Theme, align: str) -> Flowable:
    """An image file scaled to fit `width` x `height`.

    Covers and logos are the same in every leaflet of a run (one per practice),
    so each is read and scaled once, and drawn once: flowables can be drawn any
    number of times, and the other PDFs replay its operators (`layout.replay`).
    """
    file = Path(path)
    key = (path, file.stat().st_mtime if file.is_file() else 0.0, round(width, 3),
           round(height, 3), theme.heading_font, align)
    if key not in _PICTURES:
        if len(_PICTURES) > 64:
            _PICTURES.clear()
        flowable = figure_flowable(path, width, width, theme, SourceRef(path))
        natural = flowable.height if isinstance(flowable, Drawing) else flowable.drawHeight
        scale = min(1.0, height / natural)
        if scale < 1 and isinstance(flowable, Drawing):
            flowable.scale(scale, scale)
            flowable.width, flowable.height = flowable.width * scale, flowable.height * scale
        elif scale < 1:
            flowable.drawWidth, flowable.drawHeight = (flowable.drawWidth * scale,
                                                       flowable.drawHeight * scale)
        flowable.hAlign = align
        _PICTURES[key] = replayable(flowable)  # drawn once, replayed in the other PDFs
    return _PICTURES[key]


class QrCode(Flowable):
    """A QR code: its dark modules as rectangles, filled as one path.

    The code is encoded once per address (`_qr_rectangles`); drawing it again, in
    every leaflet of a run, is only a few hundred rectangle operators.
    """

    def __init__(self, rectangles: tuple[tuple[float, float, float, float], ...], size: float):
        super().__init__()
        self.width = self.height = size
        self._rectangles = rectangles

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.width, self.height

    def draw(self) -> None:
        path = self.canv.beginPath()
        for x, y, width, height in self._rectangles:
            path.rect(x, y, width, height)
        self.canv.setFillColor(colors.black)
        self.canv.drawPath(path, stroke=0, fill=1)


@functools.lru_cache(maxsize=256)
def qr_code(url: str, size: float = QR_SIZE, align: str = "LEFT") -> QrCode:
    """A QR code for `url`, encoded by reportlab's own barcode module; one flowable
    per address, drawn once and replayed in every leaflet of the practice."""
    code = QrCode(_qr_rectangles(url, size), size)
    code.hAlign = align
    return replayable(code)


@functools.lru_cache(maxsize=256)
def _qr_rectangles(url: str, size: float) -> tuple[tuple[float, float, float, float], ...]:
    # The widget gives one square per run of dark modules in a row; runs that repeat
    # in the rows below become one taller rectangle, which makes fewer operators.
    squares = QrCodeWidget(url, barLevel="M").draw()
    x0, y0, x1, y1 = squares.getBounds()
    sx, sy = size / (x1 - x0), size / (y1 - y0)
    done: list[list[float]] = []
    open_runs: dict[tuple[float, float], list[float]] = {}
    for square in _leaves(squares):
        if not isinstance(square, Rect) or square.fillColor is None:
            continue
        key = (round(square.x, 6), round(square.width, 6))
        run = open_runs.get(key)
        if run is not None and abs(run[1] - (square.y + square.height)) < 1e-6:
            run[1], run[3] = square.y, run[3] + square.height  # the row below: grow down
            continue
        run = [square.x, square.y, square.width, square.height]
        open_runs[key] = run
        done.append(run)
    return tuple(((x - x0) * sx, (y - y0) * sy, w * sx, h * sy) for x, y, w, h in done)


def _leaves(node: Any) -> list:
    if isinstance(node, Group):
        return [leaf for child in node.contents for leaf in _leaves(child)]
    return [node]


def stamp(elem: ET.Element, ctx: Context, height: float) -> list:
    """The labelled stamp box: the practice's details, or empty to stamp by hand.

    The box has the same height for every practice, so the body breaks the same
    way for all; details that do not fit it are an error at the practice file.
    """
    details = _stamp_details(elem, ctx)
    room = height - 10.5  # the box's padding
    used = sum(f.wrap(ctx.width - 10, 10000)[1] for f in details)
    if used > room:
        raise fail(src(elem) if elem.get("src") else SourceRef("practice"),
                   f"the practice details take {used / mm:.0f} mm but the stamp area "
                   f"holds {room / mm:.0f} mm; leave out opening hours or therapists, "
                   "or use a smaller logo")
    box = Table([[details or [Spacer(0, 0)]]], colWidths=[ctx.width], rowHeights=[height], hAlign="LEFT",
                style=_style(ctx, [("BOX", (0, 0), (-1, -1), 0.8, ctx.theme.colour("muted")),
                                  ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                  ("LEFTPADDING", (0, 0), (-1, -1), 5),
                                  ("RIGHTPADDING", (0, 0), (-1, -1), 5),
                                  ("TOPPADDING", (0, 0), (-1, -1), 5),
                                  ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]))
    return [Para(elem.get("label", ""), ctx.styles["stamp_label"]), box]


def _stamp_details(elem: ET.Element, ctx: Context) -> list[Flowable]:
    """Logo on top; name, address and contact lines beside the QR code; opening
    hours and therapists below, across the box."""
    styles, inner_width = ctx.styles, ctx.width - 10
    top: list[Flowable] = []
    contact: list[Flowable] = []
    below: list[Flowable] = []
    qr_url = None
    for child in elem:
        if child.tag == "logo":
            top += [picture(child.get("path", ""), inner_width * 0.8, 11 * mm, ctx.theme,
                            "LEFT"), Spacer(0, 2 * mm)]
        elif child.tag == "qr":
            qr_url = child.get("url", "")
        elif child.tag in ("name", "line", "heading"):
            style = {"name": "stamp_name", "line": "stamp", "heading": "stamp_head"}[child.tag]
            (below if below or child.tag == "heading" else contact).append(
                Para(ctx.text(child), styles[style]))
    if qr_url is not None and contact:
        side = QR_SIZE + 2 * mm
        contact = [Table([[contact, qr_code(qr_url)]], colWidths=[inner_width - side, side],
                         style=_style(ctx, [("VALIGN", (0, 0), (-1, -1), "TOP"),
                                           ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                                           *_no_padding()]))]
    elif qr_url is not None:
        contact = [qr_code(qr_url, align="RIGHT")]
    return top + contact + below


def _style(ctx: Context, commands: list) -> TableStyle:
    # Tables default to Helvetica even around flowables; name our own font instead.
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), ctx.theme.body_font), *commands])


def _no_padding() -> list:
    return [(side, (0, 0), (-1, -1), 0) for side in
            ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")]


def imprint(elems: list[ET.Element], ctx: Context) -> list:
    return [Para(ctx.text(e), ctx.styles["imprint"]) for e in elems]
