"""Render the README's preview images from the bundled sample content.

Run from the repository: `python docs/make_previews.py`. Needs the test extra
(pypdfium2) installed. Builds everything in content/ into a temporary folder,
the leaflets with the sample practice (content/practices/wilgenhof.yaml) so
the preview shows a filled-in stamp area, and renders into docs/previews/:

- handout.png: the first page of the sample handout;
- leaflet.png, leaflet-inside.png: the outside and the inside of the tri-fold;
- exam.png, key.png: the first page of exam version A and of its answer key.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pypdfium2 as pdfium

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from handouts.build import build  # noqa: E402
from handouts.products import Options  # noqa: E402
from handouts.project import load_project  # noqa: E402

PRACTICE = REPO / "content" / "practices" / "wilgenhof.yaml"  # its id names the PDF

# preview name → (file under the build folder, page index)
PREVIEWS = {
    "handout": ("handouts/03-de-rug.pdf", 0),
    "leaflet": (f"leaflets/rugpijn-{PRACTICE.stem}.pdf", 0),  # outside: flap, back, cover
    "leaflet-inside": (f"leaflets/rugpijn-{PRACTICE.stem}.pdf", 1),
    "exam": ("exams/rug-toets/versie-A.pdf", 0),
    "key": ("exams/rug-toets/sleutel-A.pdf", 0),
}
DPI = 100
MAX_BYTES = 400_000


def main() -> int:
    problems = 0
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        report = build([], load_project(REPO), Options(practice=PRACTICE), out_dir=out)
        for diagnostic in report.diagnostics:
            print(diagnostic)
        for name, (relative, index) in PREVIEWS.items():
            source = out / relative
            if not source.is_file():
                print(f"{name}: {relative} was not built")
                problems += 1
                continue
            pdf = pdfium.PdfDocument(str(source))
            if index >= len(pdf):
                print(f"{name}: {relative} has no page {index + 1}")
                problems += 1
                continue
            image = pdf[index].render(scale=DPI / 72).to_pil()
            # A 256-colour palette keeps the files small; the pages are mostly flat colour.
            image = image.convert("RGB").quantize(colors=256, dither=0)
            target = REPO / "docs" / "previews" / f"{name}.png"
            image.save(target, optimize=True)
            size = target.stat().st_size
            print(f"{name}: {relative} page {index + 1} → {target.relative_to(REPO)} "
                  f"({image.width}×{image.height}, {size // 1000} kB)")
            if size > MAX_BYTES:
                print(f"{name}: larger than {MAX_BYTES // 1000} kB")
                problems += 1
    return 1 if problems or report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
