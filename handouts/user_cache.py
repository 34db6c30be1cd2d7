"""The user's cache folder: what a build keeps for the next one (parsed hyphenation
patterns, what each font file has). Anything in it can be deleted at any time."""

from __future__ import annotations

import os
from pathlib import Path


def cache_folder() -> Path:
    """`$XDG_CACHE_HOME/handouts`, or `~/.cache/handouts`, as XDG describes it."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "handouts"
