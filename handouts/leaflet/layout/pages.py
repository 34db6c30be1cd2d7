"""Leaflet layout: the body flows through panels (tri-fold) or pages (booklet, single).

Platypus lays the body out one panel per page, in reading order, but draws nothing
(`placing`). The body is the same for every practice, so one layout serves all the
practices and outputs of a run (`LeafletLayout`); each PDF then only draws the
placed flowables, page by page into forms (`leaflet.layout.forms`), which a composer puts
on the real pages (`leaflet.layout.compose`). The cover and the stamp area are placed once
per practice. What one PDF drew, the next replays (`layout.replay`): the body's
operators, a practice's cover and stamp in its second output, shared pictures.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Spacer,
)
from reportlab.platypus.doctemplate import LayoutError

from handouts.errors import Diagnostic, HandoutsError, SourceRef, fail
from handouts.language import PDF_LANG, RIGHT_TO_LEFT
from handouts.layout.blocks import Context
from handouts.layout.glyphs import check_markup
from handouts.layout.headings import HeadingParagraph
from handouts.layout.laid import Laid
from handouts.layout.markup import parse_markup, src
from handouts.layout.placing import Placed, PlacedPage, PlacingCanvas, PlacingFrame, place_in
from handouts.layout.replay import Recordings
from handouts.layout.reportlab_internals import frame_cursor, frame_top
from handouts.layout.speed_tricks import tricks_on
from handouts.layout.theme import Theme
from handouts.leaflet.folds import MM, Fold, Panel, Rect, fold_geometry
from handouts.leaflet.layout.balance import balance, too_short
from handouts.leaflet.layout.blocks import (
    LEAFLET_BUILDERS,
    CoverSpace,
    check_theme,
    cover,
    group_figures,
    imprint,
    leaflet_styles,
    stamp,
)
from handouts.leaflet.layout.compose import COMPOSERS
from handouts.leaflet.layout.forms import LeafletDoc, draw_on_panel

MAX_CHARS_PER_LINE = 70
STAMP_BOX = 78 * mm  # the same for every practice, so the body breaks the same way
_SAMPLE = "Blijf zo gewoon mogelijk bewegen, ook als uw rug pijn doet. "
OUTPUTS = {"trifold": ("print", "screen"), "booklet": ("a5", "a4"), "single": ("page",)}


@dataclass(frozen=True)
class Body:
    """The body laid out: the flowables of each page, which panel it is, the headings."""

    pages: tuple[tuple[str, tuple[Placed, ...]], ...]  # (panel name, its flowables)
    headings: tuple[tuple[int, int, str], ...]  # (page, level, text) for the outline
    # what laying it out found (a table too wide, a figure's small text), then the
    # sections that could not stay on one side
    warnings: tuple[Diagnostic, ...] = ()
    too_short: str | None = None  # why the text is too short for its fold, if it is


@dataclass(frozen=True)
class Band:
    """A coloured band of the cover, in the cover panel's coordinates: for a print shop
    it runs up to the top edge and across the panel, on into the bleed (compose.py)."""

    rect: Rect
    colour: Any


@dataclass(frozen=True)
class Parts:
    """The pieces of a leaflet the composer draws besides the body panels."""

    cover: tuple[Placed, ...]
    stamp: tuple[Placed, ...]
    bands: tuple[Band, ...] = ()


@dataclass(frozen=True)
class PlacedLeaflet:
    """One practice's leaflet, laid out: what every output of its fold draws."""

    body: Body
    parts: Parts
    language: str
    warnings: tuple[Diagnostic, ...] = ()  # what making the cover found (its picture's text)


class LayoutDoc(BaseDocTemplate):
    """The layout pass: platypus pages that are panels, placed but not drawn."""

    def __init__(self, templates: list[PageTemplate], leading: float, title: str, where: SourceRef):
        super().__init__(io.BytesIO(), pageTemplates=templates, invariant=1, title=title)
        self.where = where  # the document, for a message no block of it can carry
        self.leading = leading
        self.next_panel = {t.id: t.next_id for t in templates}
        self.pages: list[tuple[str, tuple[Placed, ...]]] = []
        self.headings: list[tuple[int, int, str]] = []
        self.overflow_height = 0.0
        self.overflow_ref: SourceRef | None = None
        self._last_ref: SourceRef | None = None
        self.current_ref: SourceRef | None = None  # of the flowable being laid out

    def build(self, flowables: list, **kwargs: Any) -> None:  # noqa: D102 - reportlab's verb
        try:
            super().build(flowables, canvasmaker=PlacingCanvas, **kwargs)
        except LayoutError:
            where = "panel" if "overflow" in self.next_panel else "page"
            raise fail(_in_file(self.current_ref, self.where),
                       f"this block is taller than a {where} and cannot be split over two; "
                       "shorten it or split it up") from None

    def handle_flowable(self, flowables: list) -> None:
        self.current_ref = getattr(flowables[0], "source_ref", None) or self.current_ref
        super().handle_flowable(flowables)

    def afterPage(self) -> None:  # noqa: N802
        self.pages.append((self.pageTemplate.id, self.frame.take_placed()))
        # Chosen here rather than with autoNextPageTemplate, which reportlab 4.5
        # applies twice (each panel would be used for two pages).
        self.handle_nextPageTemplate(self.next_panel[self.pageTemplate.id])
        if self.pageTemplate.id == "overflow":
            self.overflow_height += frame_top(self.frame) - frame_cursor(self.frame)

    def afterFlowable(self, flowable: Any) -> None:  # noqa: N802
        ref = getattr(flowable, "source_ref", None)
        if self.pageTemplate.id == "overflow" and self.overflow_ref is None:
            self.overflow_ref = ref or self._last_ref
        self._last_ref = ref or self._last_ref
        if isinstance(flowable, HeadingParagraph):
            self.headings.append((self.page, flowable.level, flowable.entry))


@dataclass(frozen=True)
class _PartFlowables:
    cover: list
    stamp: list
    ref: SourceRef  # the leaflet file, for errors about the cover or the back


class LeafletLayout:
    """One leaflet laid out for any number of practices.

    The theme, styles and fold are resolved once. The body is laid out once for
    all practices whose body markup is the same (with the built-in templates: all
    of them), each practice's cover and stamp once for every output of the fold.
    """

    def __init__(self, theme: Theme, theme_name: str, fold_kind: str, template: str,
                 meta: dict[str, Any], where: SourceRef | None = None):
        check_theme(theme, theme_name)
        self.theme, self.template, self.meta = theme, template, meta
        # where a message goes that no block of the text carries: the document's `fold:` line
        self.where = where or SourceRef(meta.get("title") or "leaflet")
        # Arabic is folded the other way: the sheet is the mirror image (folds.py).
        self.fold = fold_geometry(fold_kind, right_to_left=meta.get("language") in RIGHT_TO_LEFT)
        self._styles: dict[str, dict] = {}
        self._bodies: dict[tuple, Body] = {}
        self._canvas = PlacingCanvas()
        self._recordings = Recordings()  # drawings every PDF of the run repeats

    def place(self, markup: str) -> PlacedLeaflet:
        """Lay out one practice's leaflet: the markup of the whole document."""
        root = parse_markup(markup, self.template)
        check_markup(root, self.theme.fonts, self.theme.name, SourceRef(self.template))
        language = root.get("lang", "nl")
        ctx = self._context(language)
        flow = _part_flowables(root, ctx, self.fold)
        found = tuple(ctx.warnings)
        reserve = _stamp_height(flow.stamp, ctx.width) if self.fold.kind == "trifold" else 0.0
        body_elem = root if self.fold.kind == "single" else root.find("body")
        key = (language, reserve,
               "" if body_elem is None else ET.tostring(body_elem, encoding="unicode"))
        if key not in self._bodies or not tricks_on("leaflet-body-once"):
            self._bodies[key] = self._lay_out_body(root, ctx, flow, reserve)
        return PlacedLeaflet(self._bodies[key], self._place_parts(flow), language, found)

    def output(self, leaflet: PlacedLeaflet, output: str, print_shop: bool = False) -> Laid:
        """The PDF of one output of the fold (see `OUTPUTS`) for a placed leaflet;
        `print_shop`: the printed sheets get bleed, crop marks and a trim box."""
        kind, theme, meta = self.fold.kind, self.theme, self.meta
        buffer = io.BytesIO()
        doc = LeafletDoc(
            buffer, leaflet=leaflet, fold=self.fold, compose=COMPOSERS[(kind, output)],
            recordings=self._recordings, mark_colour=theme.colour("muted"),
            print_shop=print_shop and output in ("print", "a4"),
            number_font=theme.body_font,
            title=meta.get("title", ""), author=meta.get("author", ""),
            subject=meta.get("subtitle", ""), creator="handouts", producer="handouts",
            lang=PDF_LANG.get(leaflet.language, leaflet.language),
            initialFontName=theme.body_font, initialFontSize=theme.sizes["body"],
            duplex="DuplexFlipShortEdge" if output in ("print", "a4") and kind != "single" else None,
        )
        story: list = []
        for _, placed in leaflet.body.pages:
            story += [PageBreak(), PlacedPage(placed, draw_on_panel)]
        return Laid(doc, story[1:], buffer)

    def _context(self, language: str) -> Context:
        if language not in self._styles:
            self._styles[language] = leaflet_styles(self.theme, language)
        styles = self._styles[language]
        panel = self.fold.flow_panels()[0]
        # table text is body text in a leaflet: a wide table is never set smaller
        return Context(self.theme, styles, _measure(panel.frame.width, styles["body"]),
                       smallest_table_text=styles["cell"].fontSize,
                       upright="a leaflet's panels and pages are never turned",
                       room_name="the panel" if self.fold.kind == "trifold" else "the page")

    def _lay_out_body(self, root: ET.Element, ctx: Context, flow: _PartFlowables,
                      reserve: float) -> Body:
        leading = ctx.styles["body"].leading
        told = len(ctx.warnings)  # the builders warn again on every run: each is told once

        def lay(scale: float, extra: dict[str, float], moves: frozenset[int]) -> LayoutDoc:
            # A story of its own for every run: platypus keeps layout state on flowables.
            story = _body(root, ctx)
            broken = False
            for index, flowable in enumerate(story):
                flowable.leaflet_index = index
                if broken and not isinstance(flowable, Spacer):
                    flowable.after_panel_break, broken = True, False
                broken = broken or isinstance(flowable, PageBreak)
            # A moved section starts a new panel (unless it already does).
            story = [part for index, flowable in enumerate(story) for part in
                     ([CondPageBreak(1e6), flowable] if index in moves else [flowable])]
            if self.fold.kind == "single":
                parts = _part_flowables(root, ctx, self.fold)
                # The stamp's label stays on the page of its box.
                story = parts.cover + story + [Spacer(0, 8 * mm), KeepTogether(parts.stamp)]
            doc = LayoutDoc(_templates(self.fold, reserve, ctx, scale, extra), leading,
                            self.meta.get("title", ""), self.where)
            doc.build(story or [Spacer(0, 0)])
            return doc

        areas = _text_areas(self.fold, reserve)
        done = balance(lay, self.fold.kind, areas, leading, _top_level(root))
        if done.overflow > 0:  # with what else laying it out found (the cover's too), to fix at once
            raise HandoutsError((*dict.fromkeys(ctx.warnings), *done.warnings,
                                 _overflow_error(done.overflow, leading, _in_file(done.overflow_ref, self.where))))
        found = tuple(dict.fromkeys(ctx.warnings[told:]))
        return Body(done.pages, done.headings, found + done.warnings,
                    too_short(done.pages, areas, self.fold.kind))

    def _place_parts(self, flow: _PartFlowables) -> Parts:
        if self.fold.kind == "single":  # the cover and stamp flow with the body
            return Parts((), ())
        front = _cover_panel(self.fold)
        back = self.fold.side("outside").panel("back") if self.fold.kind == "trifold" else front
        f, b = front.frame, back.frame
        cover_part = self._place(flow.cover, Rect(f.x - front.rect.x, f.y, f.width, f.height),
                                 "cover", flow.ref)
        return Parts(
            cover_part,
            self._place(flow.stamp, Rect(b.x - back.rect.x, b.y, b.width,
                                         _stamp_height(flow.stamp, b.width) + 1),
                        "stamp area", flow.ref),
            _bands(cover_part, f.width),
        )

    def _place(self, flowables: list, rect: Rect, what: str, ref: SourceRef) -> tuple[Placed, ...]:
        """Flowables placed inside `rect`; they must fit."""
        placed, rest = place_in(flowables, rect, self._canvas)
        if rest:
            raise fail(ref, f"the {what} does not fit its space; shorten the title or "
                       "subtitle, or use a smaller cover image")
        return placed


def _bands(placed: tuple[Placed, ...], width: float) -> tuple[Band, ...]:
    """Where the cover's coloured bands lie (those that mark themselves `bleed_colour`)."""
    out = []
    for item in placed:
        colour = getattr(item.flowable, "bleed_colour", None)
        if colour is not None:
            w, h = item.flowable.wrap(width, 10000)
            out.append(Band(Rect(item.x, item.y, w, h), colour))
    return tuple(out)


def _measure(width: float, style: Any) -> float:
    """The column width, narrowed so a line holds about 70 characters at most."""
    per_char = stringWidth(_SAMPLE, style.fontName, style.fontSize) / len(_SAMPLE)
    return min(width, per_char * MAX_CHARS_PER_LINE)


def _body(root: ET.Element, ctx: Context) -> list:
    """The body's flowables, each tagged with its source line for the overflow error."""
    body = root.find("body")
    if body is None:
        return []
    story: list = []
    for child in group_figures(body):
        builder = LEAFLET_BUILDERS.get(child.tag)
        ref = src(child if child.tag != "figrow" else child[0])
        for flowable in builder(child, ctx) if builder else []:
            # A heading right under a heading keeps with it: no panel break between.
            if isinstance(flowable, CondPageBreak) and story and isinstance(
                    story[-1], HeadingParagraph):
                continue
            flowable.source_ref = ref
            story.append(flowable)
    return story


def _part_flowables(root: ET.Element, ctx: Context, fold: Fold) -> _PartFlowables:
    cover_elem = root.find("cover")
    back = root.find("back")
    cover_panel = _cover_panel(fold)
    told = len(ctx.warnings)
    cover_part = cover(cover_elem, ctx, cover_panel.frame.height) if cover_elem is not None else []
    if fold.kind == "single":  # a title block at the top of the page, the image smaller
        cover_part = [f for f in cover_part
                      if not _is_picture(f) and not isinstance(f, CoverSpace)] or cover_part
        if not any(_is_picture(f) for f in cover_part):
            del ctx.warnings[told:]  # about a picture that is left out
    stamp_part: list = []
    if back is not None:
        stamp_elem = back.find("stamp")
        if stamp_elem is not None:
            stamp_part = stamp(stamp_elem, ctx, STAMP_BOX)
        stamp_part = [Spacer(0, 4 * mm), *stamp_part, Spacer(0, 3 * mm),
                      *imprint(back.findall("imprint"), ctx)]
    ref = src(cover_elem) if cover_elem is not None else SourceRef("leaflet")
    return _PartFlowables(cover_part, stamp_part, ref)


def _is_picture(flowable: Any) -> bool:
    return type(flowable).__name__ in ("Drawing", "Image")


def _cover_panel(fold: Fold) -> Panel:
    return fold.side("outside").panel("cover") if fold.kind == "trifold" else fold.sides[0].panels[0]


def _stamp_height(stamp_part: list, width: float) -> float:
    return sum(f.wrap(width, 10000)[1] + f.getSpaceAfter() for f in stamp_part)


def _top_level(root: ET.Element) -> int:
    """The level of the leaflet's main headings: a section starts at one of these."""
    body = root.find("body")
    levels = [int(e.get("level", "1")) for e in (body.iter("h") if body is not None else ())]
    return min(levels, default=1)


def _text_areas(fold: Fold, reserve: float) -> dict[str, tuple[float, float]]:
    """(bottom, top) of the text area of every panel the body flows through."""
    areas = {name: (panel.frame.y + (reserve if name == "back" else 0.0), panel.frame.top)
             for (_, name), panel in zip(fold.flow, fold.flow_panels(), strict=True)}
    inside = fold.side("inside").panel("inside-left").frame if fold.kind == "trifold" else None
    if inside is not None:
        areas["overflow"] = (inside.y, inside.top)
    return areas


def _templates(fold: Fold, reserve: float, ctx: Context, scale: float = 1.0,
               extra: dict[str, float] | None = None) -> list[PageTemplate]:
    """The page templates of the layout pass: one per panel (tri-fold) or one page.
    `scale` shortens every panel but the flap from the foot (to balance the text),
    `extra` makes a panel taller by that much (to measure an overflow)."""
    def template(tid: str, panel: Panel, next_id: str, reserve: float = 0.0) -> PageTemplate:
        f = panel.frame
        shares = 1.0 if tid in ("flap", "overflow") else scale
        height = (f.height - reserve) * shares + (extra or {}).get(tid, 0.0)
        top = f.y + f.height
        # The column keeps to the side a line starts from: its spare width (a narrower
        # measure than the frame) lies where lines end.
        x = f.right - ctx.width if fold.right_to_left else f.x
        frame = PlacingFrame(x - panel.rect.x, top - height, ctx.width, height,
                             0, 0, 0, 0, id=tid)
        if fold.kind == "single":  # centre the narrowed column
            frame = PlacingFrame(f.x + (f.width - ctx.width) / 2, top - height, ctx.width,
                                 height, 0, 0, 0, 0)
        page = PageTemplate(tid, [frame], pagesize=(panel.rect.width, panel.rect.height))
        page.next_id = next_id
        return page

    if fold.kind != "trifold":
        page = fold.sides[0].panels[0]
        return [template("page", page, "page")]
    names = [name for _, name in fold.flow]
    panels = fold.flow_panels()
    out = [template(name, panel, names[i + 1] if i + 1 < len(names) else "overflow",
                    reserve if name == "back" else 0.0)
           for i, (name, panel) in enumerate(zip(names, panels, strict=True))]
    out.append(template("overflow", panels[1], "overflow"))  # as wide as the first inside panel
    return out


def _in_file(ref: SourceRef | None, document: SourceRef) -> SourceRef:
    """`ref` when it names a line of a file; else the document's own line: a piece that
    platypus made (the rest of a split table) carries no place of its own."""
    return ref if ref is not None and ref.path and ref.line else document


def _overflow_error(height: float, leading: float, ref: SourceRef) -> Diagnostic:
    lines = max(1, round(height / leading))
    return Diagnostic(ref,
                      f"the text does not fit the tri-fold: about {lines} line{'s' if lines > 1 else ''} "
                      f"({height / MM:.0f} mm of panel height) are left over after the "
                      "back panel; shorten the text, or use `fold: booklet` (A5 pages, as many as needed)")
