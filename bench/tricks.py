"""What the speed tricks buy, as a user meets it: `python bench/tricks.py` (`--quick` for
fewer rounds; name scenarios to run only those: sample, exam-x30, exam-x1000, leaflet-x50;
`--trick NAME` to turn off only that one, a name from handouts/layout/speed_tricks.py).

Each scenario is a whole `handouts build` process, run in alternating pairs with the
same command under HANDOUTS_SPEED_TRICKS=off (handouts/layout/speed_tricks.py). The
table shows wall-clock medians with min-max, and the median of the pairs' ratios
(on/off: 0.80 means the tricks save a fifth). The figures in docs/PIPELINE.md ("Speed
tricks") were taken in alternating pairs too, one trick at a time, as each process's
CPU seconds (user + system), which a shared machine disturbs less than the clock.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "bench"
sys.path.insert(0, str(BENCH))  # not REPO: this process imports nothing of handouts

import prepare  # noqa: E402
from process import paired, spread  # noqa: E402

ENV = shutil.which("env") or "/usr/bin/env"


def _scenarios(folder: Path) -> dict[str, list[str]]:
    practices = prepare.practices_csv(folder, 50)
    return {
        "sample": ["build"],
        "exam-x30": ["build", "--exam", "--versions", "30"],
        "exam-x1000": ["build", "--exam", "--versions", "1000"],
        "leaflet-x50": ["build", "content/leaflets", "--practice", str(practices.relative_to(REPO))],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds, for a quick look")
    parser.add_argument("--trick", help="turn off only this trick (default: all of them)")
    parser.add_argument("scenario", nargs="*", help="sample, exam-x30, exam-x1000, leaflet-x50 (default: all)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="handouts-tricks-"))
    env = {**os.environ, "PYTHONPATH": str(REPO), "XDG_CACHE_HOME": str(folder / "cache")}
    scenarios = _scenarios(folder)
    try:
        print(f"{'scenario':<12} {'tricks on s':>20} {'tricks off s':>20} {'on/off':>8}")
        for name in args.scenario or list(scenarios):
            rounds = 2 if name == "exam-x1000" else (3 if args.quick else 7)
            command = [sys.executable, "-m", "handouts", *scenarios[name]]
            on = [*command, "--out", str(folder / "on")]
            switch = f"off:{args.trick}" if args.trick else "off"
            off = [ENV, f"HANDOUTS_SPEED_TRICKS={switch}", *command, "--out", str(folder / "off")]
            pairs = paired(on, off, rounds, env, str(REPO), warm_up=name != "exam-x1000")
            print(f"{name:<12} {spread([r.seconds for r in pairs.ours], digits=2):>20} "
                  f"{spread([r.seconds for r in pairs.floor], digits=2):>20} "
                  f"{statistics.median(pairs.ratios):>8.2f}", flush=True)
    finally:
        for leftover in (REPO / "content/practices").glob(".bench-practices-*.csv"):
            leftover.unlink()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
