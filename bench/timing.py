"""The one way every benchmark here times a call: the median of several runs after
one warm-up run (imports, fonts and caches are not what we measure)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_time(call: Callable[[], object], rounds: int) -> float:
    """Median seconds of `rounds` calls, after one call to warm up."""
    call()
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times)
