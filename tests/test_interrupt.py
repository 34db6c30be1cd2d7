"""Stopping a build: Ctrl-C (SIGINT) and SIGTERM end it with "interrupted" and exit
130 or 143, with no temporary file left and the exam's folder holding one whole set;
worker processes (--jobs) end with the main process, even one killed outright.

Each test starts a real `python -m handouts build` on an exam of 300 versions, which
takes far longer than the test waits before it sends the signal."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAM = "build/exams/rug-toets"

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")


@pytest.fixture
def built(project):
    """A project whose exam was built once (two versions): the old set."""
    shutil.copytree(REPO / "content/exams", project.root / "content/exams")
    done = project.run("build", "--exam", "--versions", "2")
    assert done.exit_code == 0, done.stderr
    return project.root, _files(project.root / EXAM)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def _stat(pid: int) -> list[str] | None:
    """Fields of /proc/PID/stat after the command name; None once the process is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2:].split()


def _alive(pid: int) -> bool:
    fields = _stat(pid)
    return fields is not None and fields[0] not in ("Z", "X")  # a zombie has ended


def _cpu_seconds(pid: int) -> float:
    fields = _stat(pid) or ["", "", "", "", "", "", "", "", "", "", "", "0", "0"]
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat(int(entry.name))
            if fields is not None and fields[1] == str(pid):
                found.add(int(entry.name))
    return found


def _wait_for(condition, seconds: float = 60) -> None:
    """Until `condition()`; the bound only keeps a broken build from hanging the suite."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "waited too long"
        time.sleep(0.02)


def _start(root: Path, *more: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "handouts", "build", "--exam", "--versions", "300", *more],
                            cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _assert_one_whole_set(root: Path, old: dict[str, bytes]) -> None:
    assert not [p for p in (root / "build").rglob(".handouts-*") if p.name != ".handouts-files"]
    assert sorted((root / "build/exams").iterdir()) == [root / EXAM]
    assert _files(root / EXAM) == old  # the 300 versions were never written


@pytest.mark.parametrize(("number", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_stopped_build_says_interrupted_and_leaves_the_old_set(built, number, code):
    root, old = built
    build = _start(root)
    _wait_for(lambda: _cpu_seconds(build.pid) > 1.0)  # into making the versions
    build.send_signal(number)
    out, err = build.communicate(timeout=60)
    assert build.returncode == code, err
    assert "interrupted" in err and "Traceback" not in err
    _assert_one_whole_set(root, old)


def test_ctrl_c_with_jobs_stops_the_workers_too(built):
    root, old = built
    build = _start(root, "--jobs", "2")
    _wait_for(lambda: len(_children(build.pid)) >= 2)
    workers = _children(build.pid)
    _wait_for(lambda: sum(_cpu_seconds(w) for w in workers) > 0.3)
    build.send_signal(signal.SIGINT)
    _, err = build.communicate(timeout=60)
    assert build.returncode == 130, err
    assert "Traceback" not in err
    assert not [w for w in workers if _alive(w)]
    _assert_one_whole_set(root, old)


def test_workers_end_when_the_main_process_is_killed_outright(built):
    root, _ = built
    build = _start(root, "--jobs", "2")
    _wait_for(lambda: len(_children(build.pid)) >= 2)
    workers = _children(build.pid)
    build.kill()  # SIGKILL: the main process can do nothing about it
    build.wait()
    _wait_for(lambda: not [w for w in workers if _alive(w)], seconds=10)
    # ... and with them the last holder of the build's output pipe: it ends.
    assert build.stdout.read() == "" and build.stderr.read() == ""


def _build_in_this_process(project):
    """`handouts build` of a one-line handout in this process, with the signal handlers
    and the stop the command sets up put back after, for the tests that follow."""
    from handouts import stopping

    (project.root / "content/a.md").write_text("---\ntitle: A\n---\n\nTekst.\n", encoding="utf-8")
    handlers = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        return project.run("build")
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)
        stopping.asked.clear()  # the next in-process build was asked nothing


def test_an_interrupt_that_reportlab_turned_into_its_own_error_still_says_interrupted(project, monkeypatch):
    """reportlab's C speed-ups report any exception raised inside them (our SIGTERM
    handler's, while a font file is read for a width) as an AttributeError of their own.
    The build must still end as interrupted, not as an internal error."""
    import handouts.build

    def build_cut_short(*args, **kwargs):
        try:
            signal.raise_signal(signal.SIGTERM)
        except KeyboardInterrupt:
            raise AttributeError("no attribute charWidths in instanceStringWidthTTF") from None

    monkeypatch.setattr(handouts.build, "build", build_cut_short)
    done = _build_in_this_process(project)
    assert done.exit_code == 143
    assert "interrupted" in done.stderr and "internal error" not in done.stderr


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # the dropped exception
def test_a_stop_whose_exception_python_dropped_still_stops_before_any_file_is_replaced(project, monkeypatch):
    """Python drops an exception raised inside a weakref callback or a __del__ (it prints
    "Exception ignored"): Ctrl-C landing there used to let the build run on and replace the
    files, exiting 0. The write stage now asks whether a stop came, and replaces nothing."""
    import gc
    import weakref

    from handouts.build import build as real_build

    class Thing:
        pass

    def build_with_a_dropped_stop(*args, **kwargs):
        thing = Thing()
        weakref.finalize(thing, signal.raise_signal, signal.SIGINT)  # the handler runs inside it
        del thing
        gc.collect()
        return real_build(*args, **kwargs)

    monkeypatch.setattr("handouts.build.build", build_with_a_dropped_stop)
    done = _build_in_this_process(project)
    assert done.exit_code == 130, done.stderr
    assert "interrupted" in done.stderr
    assert not (project.root / "build/a.pdf").exists()  # nothing was written
