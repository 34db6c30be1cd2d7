"""Whole processes, timed as a user meets them: start, imports, work, exit.

Each run is a fresh child started with posix_spawn (nothing of this process is copied
into it), so its peak memory (ru_maxrss from wait4) is its own. Ours and the floor run
in alternating pairs, so that a busy spell on a shared machine lands on both alike;
the ratio of each pair is kept, and medians are taken over the pairs.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float


def run(command: list[str], env: dict[str, str], cwd: str) -> Run:
    """One whole process; raises with its error output when it fails."""
    with tempfile.TemporaryFile() as errors:
        actions = [(os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                   (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
                   (os.POSIX_SPAWN_DUP2, errors.fileno(), 2)]
        here = os.getcwd()
        os.chdir(cwd)  # posix_spawn has no cwd of its own
        try:
            started = time.perf_counter()
            pid = os.posix_spawn(command[0], command, env, file_actions=actions)
            _, status, usage = os.wait4(pid, 0)
            seconds = time.perf_counter() - started
        finally:
            os.chdir(here)
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            raise RuntimeError(f"{' '.join(command)} failed:\n{errors.read().decode(errors='replace')}")
    return Run(seconds, usage.ru_maxrss / 1024)  # Linux reports KiB


@dataclass(frozen=True)
class Pairs:
    ours: list[Run]
    floor: list[Run]

    @property
    def ratios(self) -> list[float]:
        return [a.seconds / b.seconds for a, b in zip(self.ours, self.floor)]


def paired(ours: list[str], floor: list[str] | None, rounds: int, env: dict[str, str], cwd: str,
           warm_up: bool = True) -> Pairs:
    """`rounds` pairs of whole processes, ours then the floor, after one warm-up each
    (the disk cache, not our start-up, is what a warm-up takes away)."""
    if warm_up:
        run(ours, env, cwd)
        if floor:
            run(floor, env, cwd)
    mine, theirs = [], []
    for _ in range(rounds):
        mine.append(run(ours, env, cwd))
        if floor:
            theirs.append(run(floor, env, cwd))
        print(".", end="", file=sys.stderr, flush=True)
    return Pairs(mine, theirs)


def spread(values: list[float], scale: float = 1.0, digits: int = 0) -> str:
    """'median (min-max)' of values times scale."""
    if not values:
        return "-"
    low, mid, high = (v * scale for v in (min(values), statistics.median(values), max(values)))
    return f"{mid:.{digits}f} ({low:.{digits}f}-{high:.{digits}f})"
