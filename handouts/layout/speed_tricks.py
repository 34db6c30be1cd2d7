"""The one switch for the speed tricks: `HANDOUTS_SPEED_TRICKS=off` turns every one off.

A speed trick is code that changes how fast a PDF is made, never what it shows: the
same PDFs come out with the tricks on and off (tests/test_speed_tricks.py builds the
sample both ways and compares every page's pixels and text). Turning them off is for
finding out whether a wrong page comes from a trick, and for measuring what each buys
(docs/PIPELINE.md, "Speed tricks"): `off:NAME,NAME` turns off only those named.
Every trick kept bought at least 5% of a whole `handouts build` it speeds up.
"""

from __future__ import annotations

import os

VARIABLE = "HANDOUTS_SPEED_TRICKS"

TRICKS = {
    "exam-replay": "an exam paragraph or option is drawn once, its operators replayed (layout/replay.py)",
    "exam-streams": "the print file takes each version's pages as written (exam/layout/recording.py)",
    "priming": "every document of an exam starts from one font state (fonts.FontPriming)",
    "font-cache": "what reportlab reads from a font file is kept in the user's cache (fonts._face)",
    "subset-cache": "a font subset is made and compressed once per process (fonts.SubsetFont)",
    "leaflet-replay": "what one leaflet PDF drew, the next replays (layout/replay.py, Recordings)",
    "leaflet-forms": "a leaflet panel's form is compressed and written once (Recordings.written_form)",
    "leaflet-body-once": "a leaflet's body is laid out once for every practice (leaflet/layout/pages.py)",
    "gc-pause-doc": "the cycle collector is paused while a Markdown document is made (documents.py)",
    "gc-freeze-cli": "the cycle collector is paused while start-up objects load, which are then frozen out "
                     "of its walks, as is what is left at exit (cli.py)",
}


def tricks_on(name: str) -> bool:
    """Whether the speed trick `name` (one of `TRICKS`) is on: all are, unless the
    environment says otherwise. Read each time, so a test can switch them."""
    assert name in TRICKS, name
    value = os.environ.get(VARIABLE, "on").strip().lower()
    if value.startswith("off:"):
        return name not in {part.strip() for part in value[4:].split(",")}
    return value != "off"
