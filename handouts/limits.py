"""How much one build may ask for: one bound for the command line and the content files."""

from __future__ import annotations

# Versions of one exam, and students on its roster: each is a PDF of its own.
MAX_VERSIONS = 1000
