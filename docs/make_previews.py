"""Render the README's preview images from the bundled sample content.

Run from the repository: `python docs/make_previews.py`. Needs the test extra
(pypdfium2) installed.
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

# preview name → (glob under the build folder, page index)
PREVIEWS = {
    "handout": ("handouts/03-de-rug.pdf", 0),
    "leaflet": ("leaflets/rugpijn*trifold*.pdf", 0),
    "exam": ("exams/*/*versie-A*.pdf", 0),
    "key": ("exams/*/*sleutel-A*.pdf", 0),
}
WIDTH = 620  # pixels


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        report = build([], load_project(REPO), Options(), out_dir=out)
        for diagnostic in report.diagnostics:
            print(diagnostic)
        for name, (pattern, index) in PREVIEWS.items():
            matches = sorted(out.glob(pattern))
            if not matches:
                print(f"{name}: nothing matches {pattern}")
                continue
            page = pdfium.PdfDocument(str(matches[0]))[index]
            image = page.render(scale=WIDTH / page.get_width()).to_pil()
            target = REPO / "docs" / "previews" / f"{name}.png"
            image.save(target, optimize=True)
            print(f"{name}: {matches[0].relative_to(out)} page {index + 1} → {target.relative_to(REPO)}")


if __name__ == "__main__":
    main()
