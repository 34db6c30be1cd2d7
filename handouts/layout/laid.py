"""What the layout stage hands the write stage, for every kind of document."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Laid:
    """A document template and its story: what the write stage turns into PDF bytes."""

    doc: Any
    story: list
    buffer: io.BytesIO
