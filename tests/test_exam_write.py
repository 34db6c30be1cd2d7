"""Writing an exam's many files: all at once, each whole or not at all."""

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
