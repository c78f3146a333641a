"""The one atomic writer: readers see the old file or the new one, and a failure leaves no trace."""

from __future__ import annotations

import errno
import os
import stat
import threading
from pathlib import Path

import pytest

from chairplan.errors import ChairplanError
from chairplan.files import write_atomic


def test_new_file_is_world_readable_for_the_web_server(tmp_path: Path) -> None:
    target = tmp_path / "all.ics"
    assert write_atomic(target, b"data") is True
    assert (target.read_bytes(), stat.S_IMODE(target.stat().st_mode)) == (b"data", 0o644)


def test_same_bytes_are_not_rewritten(tmp_path: Path) -> None:
    target = tmp_path / "all.ics"
    target.write_bytes(b"data")
    os.utime(target, (1_000_000, 1_000_000))
    assert write_atomic(target, b"data") is False
    assert target.stat().st_mtime == 1_000_000


def test_disk_full_mid_write_keeps_the_original_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "all.ics"
    target.write_bytes(b"old")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(ChairplanError) as caught:
        write_atomic(target, b"new")
    assert str(caught.value) == (
        f"cannot write {target}: No space left on device; check that its folder exists and that "
        "you may write there (nothing was changed)"
    )
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["all.ics"]


def test_unwritable_folder_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Simulated: these machines run as root, which may write into a read-only folder anyway.
    def denied(**kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("tempfile.mkstemp", denied)
    with pytest.raises(ChairplanError) as caught:
        write_atomic(tmp_path / "all.ics", b"x")
    assert str(caught.value).endswith(
        "all.ics: Permission denied; check that its folder exists and that you may write there (nothing was changed)"
    )
    assert list(tmp_path.iterdir()) == []


def test_readers_never_see_a_torn_file(tmp_path: Path) -> None:
    target = tmp_path / "all.ics"
    versions = [b"A" * 200_000, b"B" * 300_000]
    write_atomic(target, versions[0])
    done = threading.Event()

    def rewrite() -> None:
        for i in range(60):
            write_atomic(target, versions[i % 2 - 1])
        done.set()

    writer = threading.Thread(target=rewrite)
    writer.start()
    seen = set()
    while not done.is_set():
        seen.add(target.read_bytes())
    writer.join()
    assert seen <= set(versions)
