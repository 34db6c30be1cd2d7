"""How well the handouts are typeset, measured from the PDFs, next to Typst on the same text.

    pip install -e ".[bench]"        # Typst's PyPI package: for this bench only
    python bench/typeset.py          # builds content/handouts/*.md and a long chapter
    python bench/typeset.py --pdf X.pdf --source X.md   # measure a PDF you already have

For each document, from the text and character boxes in the PDF (pypdfium2), over the
body lines (characters at the body's font size):
- hyphens: share of line ends that are a hyphenation (a line ending in '-' whose word,
  joined with the next line's first word, is one word of the source), and the longest
  run of such lines in a row;
- one-word: paragraphs of two lines or more whose last line holds one word;
- loose: full lines whose median word gap is over half an em;
- band: the largest empty band on a page between text lines inside the text area (mm),
  on the pages band % counts;
- band %: the same as a share of the text area (24 mm from the top to 22 mm from the
  foot of A4), counting the room left at the foot of the text area, and printed for
  every page below the table (the last page, the chapter's end, and a page that ends
  where the Markdown asks for a new page with `---` are shown, not counted).

Typst (the `typst` package, never a runtime dependency of handouts) sets the same
document: bench/typst_markup.py writes the block markup our template makes of the
Markdown file as Typst, in our theme's fonts, sizes, spacings and page, each construct
as a Typst user would set it: the title block and contents (`outline`), numbered
headings at our sizes (Typst keeps a heading with its next block, as we do), paragraphs,
nested lists as `list` / `enum` with our indent, tables with the same columns and rows
(`table.header` repeated on a new page, no row split across pages, as ours), callout
boxes (`block`, breakable), footnotes (`footnote`, at the foot of the page), the page
breaks the Markdown asks for, and the figures at the same widths, floating
(`placement: auto`). Both sides are measured against the Markdown's own words.

Still not alike: Typst shares a table's columns out its own way (ours from the cells'
least and whole widths), may split a box inside a paragraph (ours only between its
paragraphs, the label kept with the first), has no running head (it is outside the
text area on both sides), leaves the side notes out (ours print in the margin, beside
the column, taking none of its room), sets contents entries with its own leaders, and
places a figure at the top or the foot of a page (`auto`); ours places it where it is
written or at the top of the next page. Line breaking, hyphenation and the spacing
inside lines are each side's own: that is what is compared.
"""

from __future__ import annotations

import argparse
import ctypes
import re
import statistics
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

MM = 72 / 25.4


@dataclass
class Line:
    page: int
    top: float
    bottom: float
    left: float
    right: float
    text: str
    gaps: list[float]
    size: float


def _lines(pdf_path: Path) -> tuple[list[Line], list[tuple[int, list[tuple[float, float]]]]]:
    """Text lines of every page (characters grouped by baseline), and every page's
    vertical text extents (all sizes) for the band figure."""
    pdf = pdfium.PdfDocument(str(pdf_path))
    lines: list[Line] = []
    pages = []
    for number in range(len(pdf)):
        page = pdf[number]
        text = page.get_textpage()
        chars = []
        for i in range(text.count_chars()):
            ch = chr(pdfium_c.FPDFText_GetUnicode(text.raw, i))
            if ch in "\r\n":
                continue
            if ch == "\x02":  # pdfium's mark for a hyphen that ends a line
                ch = "-"
            size = pdfium_c.FPDFText_GetFontSize(text.raw, i)
            box = text.get_charbox(i, loose=True)
            x, y = ctypes.c_double(), ctypes.c_double()
            pdfium_c.FPDFText_GetCharOrigin(text.raw, i, ctypes.byref(x), ctypes.byref(y))
            chars.append((round(y.value, 0), box, ch, size))
        rows: dict[float, list] = {}
        for key, box, ch, size in chars:
            rows.setdefault(key, []).append((box, ch, size))
        extents = []
        for key in sorted(rows, reverse=True):
            row = sorted(rows[key], key=lambda c: c[0][0])
            ink = [c for c in row if not c[1].isspace()]
            if not ink:
                continue
            words, gaps, previous = "", [], None
            for box, ch, _ in row:
                if ch.isspace():
                    continue
                if previous is not None and box[0] - previous[2] > 0.1 * ink[0][2]:
                    gaps.append((box[0] - previous[2]) / ink[0][2])
                    words += " "
                words += ch
                previous = box
            size = statistics.mode(c[2] for c in ink)
            top = max(c[0][3] for c in ink)
            bottom = min(c[0][1] for c in ink)
            lines.append(Line(number, top, bottom, ink[0][0][0], ink[-1][0][2], words, gaps, size))
            extents.append((bottom, top))
        for obj in page.get_objects(max_depth=1):
            if obj.type in (pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM):
                _, bottom, _, top = obj.get_bounds()
                extents.append((bottom, top))  # pictures and rules fill the page too
        pages.append((number, extents))
    return lines, pages


def _source_words(source: str) -> set[str]:
    return {w.strip(".,;:!?()[]\"'“”‘’*_").lower() for w in re.split(r"\s+", source)}


def break_pages(pdf_path: Path, markdown: str) -> set[int]:
    """The pages that end where the Markdown asks for a new page (`---`): the page
    before the one that prints the first words after the break."""
    body = markdown.split("\n---\n", 1)[1] if markdown.startswith("---") else markdown
    pdf = pdfium.PdfDocument(str(pdf_path))
    texts = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    found: set[int] = set()
    start = 0
    for after in re.split(r"\n---\n", body)[1:]:
        # the first words of the first paragraph after the break (a heading is in the contents too)
        block = next((b for b in re.split(r"\n\s*\n", after.strip()) if b and not b.startswith("#")), "")
        words = " ".join(re.sub(r"[#*_`\[\]]", "", block).split()[:4])
        pages = [i for i, text in enumerate(texts) if i >= start and words and words in " ".join(text.split())]
        if pages and pages[0] > 0:
            found.add(pages[0] - 1)
            start = pages[0] + 1
    return found


def measure(pdf_path: Path, source: str, breaks: set[int] = frozenset()) -> dict:
    lines, pages = _lines(pdf_path)
    if not lines:
        return {}
    body_size = statistics.mode(round(line.size, 1) for line in lines)
    body = [line for line in lines if abs(line.size - body_size) < 0.2 and len(line.text) > 1]
    known = _source_words(source)
    # The column's right edge: where most body lines end. Not the rightmost line end: a
    # full stop or hyphen that hangs into the margin ends a line a little further out,
    # and would make every other full line look short.
    right = statistics.mode(round(line.right) for line in body)
    hyphens = run = longest = one_word = loose = 0
    for i, line in enumerate(body):
        nxt = body[i + 1] if i + 1 < len(body) else None
        hyphenated = False
        if line.text.endswith("-") and nxt is not None and len(line.text) > 2 and line.text[-2].isalpha():
            head = line.text.split(" ")[-1][:-1]
            tail = nxt.text.split(" ")[0]
            joined = (head + tail).strip(".,;:!?()[]\"'“”‘’").lower()
            hyphenated = joined in known and (head + "-" + tail).lower() not in source.lower()
        if hyphenated:
            hyphens += 1
            run += 1
            longest = max(longest, run)
        else:
            run = 0
        full = line.right > right - 3
        previous = body[i - 1] if i else None
        same_paragraph = (previous is not None and previous.page == line.page
                          and 0 < previous.bottom - line.bottom < 1.6 * line.size * 1.45)
        if not full and same_paragraph and " " not in line.text and previous is not None and previous.right > right - 3:
            one_word += 1
        if full and nxt is not None and line.gaps and statistics.median(line.gaps) > 0.5:
            loose += 1
    band = 0.0
    for number, extents in pages[:-1]:
        if number in breaks:  # ends where the Markdown asks for a new page: not counted
            continue
        low = None  # the lowest bottom so far, going down the page
        # inside the text area only: our page number and running head are not text lines,
        # and Typst's side has none
        inside = [e for e in extents if e[0] >= TEXT_BOTTOM - 1 and e[1] <= TEXT_TOP + 1]
        for bottom, top in sorted(inside, key=lambda e: -e[1]):
            if low is not None and low - top > 0:
                band = max(band, (low - top) / MM)
            low = bottom if low is None else min(low, bottom)
    bands = page_bands(pages)
    return {"lines": len(body), "hyphens %": 100 * hyphens / max(len(body), 1), "hyphens": hyphens,
            "longest run": longest, "one-word last": one_word, "loose": loose, "band mm": band,
            "band %": max((b for i, b in enumerate(bands[:-1]) if i not in breaks), default=0.0),
            "bands": bands, "breaks": breaks}


TEXT_TOP, TEXT_BOTTOM = (297 - 24) * MM, 22 * MM  # the text area of both layouts


def page_bands(pages: list[tuple[int, list[tuple[float, float]]]]) -> list[float]:
    """Per page, the tallest empty band inside the text area (% of its height): between
    two things printed, or from the last of them to the foot of the text area."""
    out = []
    for _, extents in pages:
        inside = sorted(((max(b, TEXT_BOTTOM), min(t, TEXT_TOP)) for b, t in extents
                         if t > TEXT_BOTTOM and b < TEXT_TOP), key=lambda e: -e[1])
        low, band = TEXT_TOP, 0.0
        for bottom, top in inside:
            band = max(band, low - top)
            low = min(low, bottom)
        band = max(band, low - TEXT_BOTTOM)
        out.append(100 * band / (TEXT_TOP - TEXT_BOTTOM))
    return out


# --- the same text in Typst -------------------------------------------------------------

def markup(source: Path):
    """The block markup our handout template makes of `source`, parsed, and its theme:
    what bench/typst_markup.py writes as a Typst document."""
    from handouts.language import labels
    from handouts.layout.blocks import HANDOUT_MARKUP
    from handouts.layout.markup import parse_markup
    from handouts.layout.theme import load_theme
    from handouts.load.content import load_document
    from handouts.project import load_project
    from handouts.templating import render as render_template

    project = load_project(REPO)
    document = load_document(source, project)
    template = f"{document.meta.get('template') or 'handout'}/document.xml.j2"
    text = render_template(template, {"doc": document, "labels": labels(document.language)}, project.root,
                           HANDOUT_MARKUP)
    return parse_markup(text, template), load_theme(document.meta.get("theme") or project.theme, project.root)


def typst_side(source: Path, tmp_dir: Path, name: str) -> tuple[Path, Path]:
    """Typst's PDFs of `source`: without figures (for the line figures: the labels in a
    figure would count as lines) and with them (for the empty bands)."""
    from typst_markup import typst_pdf

    root, theme = markup(source)
    fonts = REPO / "fonts" / "noto"
    return (typst_pdf(root, theme, tmp_dir / f"{name}-typst.pdf", fonts, with_figures=False),
            typst_pdf(root, theme, tmp_dir / f"{name}-typst-figures.pdf", fonts))


# --- our side ---------------------------------------------------------------------------

def our_pdf(source: Path, out_dir: Path) -> Path:
    from handouts.build import build
    from handouts.products import Options
    from handouts.project import load_project

    report = build([source], load_project(REPO), Options(), out_dir=out_dir)
    assert not report.failed, [str(d) for d in report.diagnostics]
    return next(out_dir.rglob(source.stem + ".pdf"))


def _table(rows: list[tuple[str, dict, dict]]) -> str:
    keys = ["lines", "hyphens %", "longest run", "one-word last", "loose", "band mm", "band %"]
    out = [f"{'document':<22}" + "".join(f"{k:>16}" for k in keys),
           f"{'':<22}" + "".join(f"{'ours / typst':>16}" for _ in keys)]
    for name, ours, theirs in rows:
        cells = []
        for k in keys:
            a, b = ours.get(k, 0), theirs.get(k, 0)
            cells.append(f"{a:.1f} / {b:.1f}" if isinstance(a, float) or isinstance(b, float) else f"{a} / {b}")
        out.append(f"{name:<22}" + "".join(f"{c:>16}" for c in cells))
    out.append("\nlargest empty band per page, % of the text area (not counted in band %: the last page, "
               "the chapter's end, and pages marked *, which end where the Markdown asks for a new page)")
    for name, ours, theirs in rows:
        for who, figures in (("ours", ours), ("typst", theirs)):
            if figures.get("bands"):
                marks = ["*" if i in figures.get("breaks", ()) else " " for i in range(len(figures["bands"]))]
                out.append(f"{name:<22}{who:<7}" + " ".join(f"{b:4.0f}{m}" for b, m in zip(figures["bands"], marks)))
    return "\n".join(out)


def _measured(jobs: list[tuple[str, Path, Path]], tmp_dir: Path, typst: bool) -> list[tuple[str, dict, dict]]:
    rows = []
    for name, source, pdf in jobs:
        markdown = source.read_text(encoding="utf-8")
        ours = measure(pdf, markdown, break_pages(pdf, markdown))
        theirs = {}
        if typst:
            lines_pdf, figures_pdf = typst_side(source, tmp_dir, name)
            theirs = measure(lines_pdf, markdown)
            bands = measure(figures_pdf, markdown, break_pages(figures_pdf, markdown))
            theirs.update({k: bands[k] for k in ("band mm", "band %", "bands", "breaks")})
        rows.append((name, ours, theirs))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pdf", type=Path, help="measure this PDF instead of building")
    parser.add_argument("--source", type=Path, help="the Markdown file of --pdf")
    parser.add_argument("--no-typst", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_dir = Path(tmp)
        if args.pdf:
            jobs = [(args.source.stem, args.source, args.pdf)]
            rows = _measured(jobs, tmp_dir, not args.no_typst)
        else:
            import prepare  # the chapter repeated, as the timing bench makes it

            long_chapter = prepare.repeated_chapter(5)
            try:
                sources = sorted(p for p in (REPO / "content" / "handouts").glob("*.md") if not p.name.startswith(".")) + [long_chapter]
                jobs = [(s.stem.lstrip("."), s, our_pdf(s, tmp_dir / s.stem)) for s in sources]
                rows = _measured(jobs, tmp_dir, not args.no_typst)
            finally:
                long_chapter.unlink()
        print(_table(rows))


if __name__ == "__main__":
    main()
