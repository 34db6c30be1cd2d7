"""The one switch for the speed tricks: `HANDOUTS_SPEED_TRICKS=off` turns every one off.

A speed trick is code that changes how fast a PDF is made, never what it shows: the
same PDFs come out with the tricks on and off (tests/test_speed_tricks.py builds the
sample both ways and compares every page's pixels and text). Turning them off is for
finding out whether a wrong page comes from a trick, and for measuring what each buys
(docs/PIPELINE.md, "Speed tricks").
"""

from __future__ import annotations

import os

VARIABLE = "HANDOUTS_SPEED_TRICKS"


def tricks_on(name: str = "") -> bool:
    """Whether the speed tricks are on (the default); read each time, so a test or a
    long-lived process can switch them. MEASURE: `off:a,b` turns off only tricks a, b."""
    value = os.environ.get(VARIABLE, "on").strip().lower()
    if value.startswith("off:"):
        return name not in value[4:].split(",")
    return value != "off"
