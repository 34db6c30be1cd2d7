"""Ctrl-C and SIGTERM, as the command line asked for them: kept where every stage can see.

The signal handler raises KeyboardInterrupt, but that exception does not always reach the
command: Python drops one raised inside a weakref callback or a `__del__` (it only prints
"Exception ignored"), and reportlab's C speed-ups report it as an AttributeError of their
own. So the write stage asks here before it replaces any file, and the command asks here
when the build ends, whatever ended it."""

from __future__ import annotations

import signal

asked: list[int] = []  # the signals' numbers, in the order they came


def _stop(number: int, frame: object) -> None:
    asked.append(number)
    raise KeyboardInterrupt


def listen() -> list[int]:
    """From now on Ctrl-C and SIGTERM stop the build (main thread only)."""
    asked.clear()
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    return asked


def stop_if_asked() -> None:
    """Raise KeyboardInterrupt when a stop was asked for and its exception got lost."""
    if asked:
        raise KeyboardInterrupt
