"""The one atomic writer: readers see the old file or the new one, and a failure leaves no trace."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chairplan.disk.files import FileChanged, StagedWrites, stage, tree, write_atomic
from chairplan.errors import ChairplanError


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


# StagedWrites: `build` streams every file to a temp file, then puts them all in place together.


def _write(staged: StagedWrites, path: Path, chunks: Iterable[bytes]) -> bool:
    """A file staged as write_site stages it: whether it changed."""
    tmp = stage(path, chunks)
    if tmp is not None:
        staged.adopt(tmp, path)
    return tmp is not None


@given(
    old=st.none() | st.binary(max_size=64),
    new=st.lists(st.binary(max_size=24), max_size=6),
)
@settings(max_examples=300, deadline=None)
def test_staged_file_ends_with_exactly_the_new_bytes(old: bytes | None, new: list[bytes]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "all.ics"
        if old is not None:
            target.write_bytes(old)
            os.utime(target, (1_000_000, 1_000_000))
        with StagedWrites() as staged:
            changed = _write(staged, target, iter(new))
            staged.commit()
        wanted = b"".join(new)
        assert target.read_bytes() == wanted
        assert changed is (old != wanted)
        if old == wanted:  # not even rewritten: a web server's ETag and mtime stay
            assert target.stat().st_mtime == 1_000_000
        assert os.listdir(folder) == ["all.ics"]


def test_a_failure_while_rendering_changes_no_file(tmp_path: Path) -> None:
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    first.write_bytes(b"old a")
    second.write_bytes(b"old b")

    def broken() -> Iterator[bytes]:
        yield b"old"
        raise RuntimeError("renderer failed")

    with pytest.raises(RuntimeError), StagedWrites() as staged:
        _write(staged, first, [b"new a"])
        _write(staged, second, broken())
        staged.commit()
    assert (first.read_bytes(), second.read_bytes()) == (b"old a", b"old b")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.ics", "b.ics"]


def test_a_file_changed_while_being_compared_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "all.ics"
    target.write_bytes(b"AAAABBBB")

    def chunks() -> Iterator[bytes]:
        yield b"AAAA"  # the same as the file so far
        with open(target, "r+b") as other:  # someone else rewrites the start in place
            other.write(b"ZZZZ")
        yield b"CCCC"

    refused = pytest.raises(FileChanged, match="changed while it was being written; run again")
    with refused, StagedWrites() as staged:
        _write(staged, target, chunks())
    assert target.read_bytes() == b"ZZZZBBBB"
    assert os.listdir(tmp_path) == ["all.ics"]


def test_tree_lists_what_sorted_rglob_lists_and_follows_no_link(tmp_path: Path) -> None:
    for name in ("a/x.txt", "a-b/y.txt", "a/b/z.txt", "B.txt", "a.txt", ".hidden", "é.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(name)
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("not listed")
    (tmp_path / "linked").symlink_to(outside, target_is_directory=True)
    (tmp_path / "a" / "to-x").symlink_to(tmp_path / "a" / "x.txt")

    listed = [(name, stat.S_IFMT(info.st_mode)) for name, info in tree(tmp_path)]
    expected = [
        (p.relative_to(tmp_path).as_posix(), stat.S_IFMT(p.lstat().st_mode))
        for p in sorted(tmp_path.rglob("*"))
    ]
    assert listed == expected
    assert ("linked", stat.S_IFLNK) in listed
    assert not any(name.startswith("linked/") for name, _ in listed)


def test_tree_of_a_folder_that_cannot_be_listed_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        list(tree(tmp_path / "missing"))
