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
- band: the largest empty band on a page between text lines (mm), the last page left out;
- band %: the same as a share of the text area (24 mm from the top to 22 mm from the
  foot of A4), counting the room left at the foot of the text area, and printed for
  every page below the table (the last page, the chapter's end, and a page that ends
  where the Markdown asks for a new page with `---` are shown, not counted).

Typst (the `typst` package, never a runtime dependency of handouts) sets the same
paragraphs (plain text of the Markdown's paragraphs, list items and callouts) in the same
fonts (fonts/noto), size, leading and measure (134 mm; list items and callouts as narrow as
ours), justified, with the document's language's hyphenation, and the same figures at the
same widths, floating (`placement: auto`), so that the empty bands of both sides can be
compared.
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
    right = max(line.right for line in body)
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
        full = right - line.right < 3
        previous = body[i - 1] if i else None
        same_paragraph = (previous is not None and previous.page == line.page
                          and 0 < previous.bottom - line.bottom < 1.6 * line.size * 1.45)
        if not full and same_paragraph and " " not in line.text and previous is not None and right - previous.right < 3:
            one_word += 1
        if full and nxt is not None and line.gaps and statistics.median(line.gaps) > 0.5:
            loose += 1
    band = 0.0
    for _, extents in pages[:-1]:
        low = None  # the lowest bottom so far, going down the page
        for bottom, top in sorted(extents, key=lambda e: -e[1]):
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

# Where our side sets text narrower than the column, Typst gets the same measure: list
# items indented as the list style is (16 pt a level), a callout's text inside its box
# (14 mm for the icon and 6 pt padding on either side). Side notes are set small in the
# margin, at no body size, and are left out on both sides.
LIST_INDENT = 16.0
CALLOUT_LEFT, CALLOUT_RIGHT = 14 * MM + 6, 6.0
SIDE_NOTES = ("kanttekening", "sidenote", "side note", "marge", "margin")


def language(markdown: str) -> str:
    """The document's language as its front matter says (Dutch when it says nothing)."""
    found = re.search(r"^language:\s*(\w+)", markdown.split("\n---\n", 1)[0], re.MULTILINE)
    return found.group(1) if found else "nl"


def paragraphs(markdown: str) -> list[tuple[str, float, float]]:
    """The plain text of the Markdown's paragraphs, list items and callouts, each with
    the room our side takes from the column on its left and right (front matter,
    headings, tables, figures, code, side notes and footnote definitions left out)."""
    body = markdown.split("\n---\n", 1)[1] if markdown.startswith("---") else markdown
    out: list[tuple[str, float, float]] = []
    for block in re.split(r"\n\s*\n", body):
        block = block.strip()
        left, right = 0.0, 0.0
        if block.startswith(":::"):
            kind = block.split("\n", 1)[0][3:].strip().lower()
            if any(kind.startswith(k) for k in SIDE_NOTES) or "\n" not in block:
                continue
            block = block.split("\n", 1)[1].rsplit(":::", 1)[0].strip()
            left, right = CALLOUT_LEFT, CALLOUT_RIGHT
        if not block or block[0] in "#|!`<>" or block.startswith(("[^", ":::", "---")):
            continue
        for item in re.split(r"\n(?=\s*(?:[-*+]|\d+[.)])\s)", block):
            marker = re.match(r"^(\s*)(?:[-*+]|\d+[.)])\s+", item)
            indent = left + (LIST_INDENT * (1 + len(marker.group(1)) // 2) if marker else 0.0)
            text = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", item)
            text = re.sub(r"\[\^[^\]]*\]", "", text)
            text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
            text = re.sub(r"[*_`]", "", text)
            text = " ".join(text.split())
            if text:
                out.append((text, indent, right))
    return out


FIGURE = re.compile(r'^!\[[^\]]*\]\(<?([^ >)]+)>?(?: "([^"]*)")?\)(?:\{[^}]*?width="?(\d+)%"?[^}]*\})?')


def figures(markdown: str) -> list[tuple[int, str, int, str]]:
    """The Markdown's figures: (the number of paragraphs before it, file, width %, caption)."""
    body = markdown.split("\n---\n", 1)[1] if markdown.startswith("---") else markdown
    out, before = [], 0
    for block in re.split(r"\n\s*\n", body):
        block = block.strip()
        found = FIGURE.match(block)
        if block.startswith("---"):
            continue
        if found:
            out.append((before, found.group(1), int(found.group(3) or 100), found.group(2) or ""))
        else:
            before += len(paragraphs(block))
    return out


def typst_pdf(texts: list[tuple[str, float, float]], out: Path, lang: str = "nl",
              pictures: list[tuple[int, str, int, str]] = (), folder: Path | None = None) -> Path:
    """The paragraphs set by Typst (list items and callouts as narrow as ours), with the figures (floating: `placement: auto`) where
    the Markdown has them."""
    import typst  # the bench's own dependency

    def literal(text: str) -> str:
        return '#"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    def figure(path: str, width: int, caption: str) -> str:
        file = (folder / path).resolve() if folder else Path(path)
        return (f'#figure(image({literal(str(file))[1:]}, width: {width}%), placement: auto, '
                f"caption: [{literal(caption)}])\n")

    body = []
    waiting = list(pictures)
    for i, (text, left, right) in enumerate(texts):
        while waiting and waiting[0][0] <= i:
            body.append(figure(*waiting.pop(0)[1:]))
        body.append((f"#pad(left: {left}pt, right: {right}pt)[{literal(text)}]" if left or right
                     else literal(text)) + "\n")
    body.extend(figure(*w[1:]) for w in waiting)
    source = "\n".join([
        '#set page(paper: "a4", margin: (top: 24mm, bottom: 22mm, left: 22mm, right: 54mm))',
        f'#set text(font: "Noto Serif", size: 10.5pt, lang: "{lang}", hyphenate: true)',
        "#set par(justify: true, leading: 14.5pt - 0.75em, spacing: 14.5pt * 0.45 + 14.5pt - 0.75em)",
        "#show figure.caption: set text(size: 8pt)",
        "",
        *body,
    ])
    typ = out.with_suffix(".typ")
    typ.write_text(source, encoding="utf-8")
    out.write_bytes(typst.compile(str(typ), root="/", font_paths=[str(REPO / "fonts" / "noto")]))
    return out


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pdf", type=Path, help="measure this PDF instead of building")
    parser.add_argument("--source", type=Path, help="the Markdown file of --pdf")
    parser.add_argument("--no-typst", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_dir = Path(tmp)
        if args.pdf:
            jobs = [(args.source.stem, args.source.read_text(encoding="utf-8"), args.pdf, args.source.parent)]
        else:
            import prepare  # the chapter repeated, as the timing bench makes it

            long_chapter = prepare.repeated_chapter(5)
            try:
                sources = sorted(p for p in (REPO / "content" / "handouts").glob("*.md") if not p.name.startswith(".")) + [long_chapter]
                jobs = [(s.stem.lstrip("."), s.read_text(encoding="utf-8"), our_pdf(s, tmp_dir / s.stem), s.parent)
                        for s in sources]
            finally:
                long_chapter.unlink()
        rows = []
        for name, markdown, pdf, folder in jobs:
            ours = measure(pdf, markdown, break_pages(pdf, markdown))
            theirs = {}
            if not args.no_typst:
                texts = paragraphs(markdown)
                plain = " ".join(t for t, _, _ in texts)
                lang = language(markdown)
                theirs = measure(typst_pdf(texts, tmp_dir / f"{name}-typst.pdf", lang), plain)
                # the empty bands with the figures set too (their labels would count as lines)
                with_figures = typst_pdf(texts, tmp_dir / f"{name}-typst-figures.pdf", lang,
                                         figures(markdown), folder)
                bands = measure(with_figures, plain)
                theirs.update({k: bands[k] for k in ("band mm", "band %", "bands")})
            rows.append((name, ours, theirs))
        print(_table(rows))


if __name__ == "__main__":
    main()
