"""Writing a build's many files (an exam's hundreds): each whole or not at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from handouts.pdf import write_all_atomic


def test_every_file_written_whole(tmp_path):
    files = [(tmp_path / "a" / f"versie-{n}.pdf", bytes([n]) * 1000) for n in range(20)]
    assert write_all_atomic(files) == [target for target, _ in files]
    for target, data in files:
        assert target.read_bytes() == data
    assert not list(tmp_path.rglob("*.tmp"))


def test_a_failed_write_replaces_nothing(tmp_path):
    old = tmp_path / "versie-A.pdf"
    old.write_bytes(b"old")

    def files():
        yield old, b"new"
        raise OSError("disk full")

    with pytest.raises(OSError):
        write_all_atomic(files())
    assert old.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["versie-A.pdf"]


def test_nothing_to_write(tmp_path: Path):
    assert write_all_atomic([]) == []


def test_more_files_than_may_be_open_at_once(tmp_path):
    """A thousand-version exam writes ~2000 files; they are not all held open."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(64, hard), hard))
    try:
        files = [(tmp_path / f"v{n}.pdf", b"%PDF") for n in range(200)]
        assert len(write_all_atomic(files)) == 200
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    assert len(list(tmp_path.glob("*.pdf"))) == 200
