"""The files and folders a build writes get the mode a plain `open()` or `mkdir` gives
under the umask in force when they are written; importing handouts leaves the umask alone."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from handouts.pdf import Staging


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_file_and_a_folder_written_under_umask_027_get_0640_and_0750(tmp_path: Path):
    old = os.umask(0o027)
    try:
        staging = Staging()
        staging.file(tmp_path / "les.pdf", b"%PDF-1.4 les")
        folder = tmp_path / "exams/toets"
        staging.folder(folder, [(folder / "versie-A.pdf", b"%PDF-1.4 A")])
        staging.flush()
        staging.commit()
        staging.discard()
    finally:
        os.umask(old)
    assert (tmp_path / "les.pdf").read_bytes() == b"%PDF-1.4 les"
    assert _mode(tmp_path / "les.pdf") == 0o640
    assert _mode(folder) == 0o750
    assert _mode(folder / "versie-A.pdf") == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["exams", "les.pdf"]  # no temporary left


def test_importing_handouts_does_not_touch_the_umask():
    probe = ("import os\ncalls = []\nreal = os.umask\n"
             "def umask(mask):\n    calls.append(mask)\n    return real(mask)\n"
             "os.umask = umask\n"
             "import handouts.cli, handouts.build, handouts.pdf\n"
             "print(calls)\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
