"""Worker processes for `--jobs`: they end with the build that started them.

Ctrl-C reaches every process of the terminal's process group: the workers ignore it,
and the build in the main process answers it by stopping them (`worker_pool`). A main
process that is killed outright (SIGKILL, a crash) cannot stop anything, so each
worker watches its parent: once the parent is gone, the worker's parent changes (it
is adopted by another process) and the worker ends within `_WATCH_SECONDS`. Without
this, workers kept running for minutes and kept the build's output pipe open, so a
CI job or `| tee` waited for them. A thread that polls `os.getppid()` does this on
every POSIX system (Linux's PR_SET_PDEATHSIG would need ctypes and exists nowhere
else), and it also sees a parent that died before the worker started.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from multiprocessing.pool import AsyncResult, Pool

_WATCH_SECONDS = 0.2

T = TypeVar("T")
R = TypeVar("R")


@contextmanager
def worker_pool(processes: int) -> Iterator[Pool]:
    """A pool of `processes` workers, all stopped when the block ends, however it ends
    (results not taken by then are dropped: the build is over or interrupted)."""
    import multiprocessing  # imported here: a build with --jobs 1 starts no worker

    pool = multiprocessing.get_context().Pool(processes, initializer=_start, initargs=(os.getpid(),))
    try:
        yield pool
    finally:
        pool.terminate()
        pool.join()


def in_order(pool: Pool, work: Callable[[T], R], tasks: Iterable[T], chunk: int, ahead: int) -> Iterator[R]:
    """`work(task)` for each task, done by the pool in batches of `chunk`, in order, with
    at most `ahead` batches given out and not taken back yet. `Pool.imap` gives out
    all of them at once, and its results wait in memory for as long as the main process
    is slower than the workers: a thousand exam versions' PDFs."""
    waiting: deque[AsyncResult[list[R]]] = deque()
    batch: list[T] = []
    for task in tasks:
        batch.append(task)
        if len(batch) == chunk:
            waiting.append(pool.map_async(work, batch))
            batch = []
            if len(waiting) >= ahead:
                yield from waiting.popleft().get()
    if batch:
        waiting.append(pool.map_async(work, batch))
    while waiting:
        yield from waiting.popleft().get()


def _start(parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process answers Ctrl-C
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the main process's handler, inherited
    threading.Thread(target=_watch, args=(parent,), name="watch-parent", daemon=True).start()
    # A result sent to a main process that was killed meets a broken pipe, and
    # multiprocessing would print that traceback: an orphaned worker ends silently instead.
    sys.stderr = _Orphanable(sys.stderr, parent)


class _Orphanable:
    """The worker's stderr: passes text on while the main process lives."""

    def __init__(self, stream, parent: int):
        self._stream, self._parent = stream, parent

    def write(self, text: str) -> int:
        if os.getppid() != self._parent:
            os._exit(1)
        return self._stream.write(text)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(_WATCH_SECONDS)
    os._exit(1)
