"""serve's watcher: it tells a change from the file system's metadata, reading a file only when
that changed or is too recent to trust (two saves within one clock tick keep size and times)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from chairplan import serve
from chairplan.serve import Known, plan_fingerprint

OLD = 1_700_000_000  # a time well before any poll: the file's metadata can be trusted


def plan(tmp_path: Path) -> Path:
    for folder, name in (("schedules", "plan.yaml"), ("seeds", "a.txt")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / name).write_text("one\n")
        os.utime(tmp_path / folder / name, (OLD, OLD))
    return tmp_path


def test_an_unchanged_file_is_not_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(serve, "RACY_NS", 0)  # utime() made the change times recent: trust them
    root, known = plan(tmp_path), Known()
    first = plan_fingerprint(root, known)
    read: list[Path] = []
    original = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self) or original(self))
    assert plan_fingerprint(root, known) == first and read == []
    (root / "seeds" / "a.txt").write_text("two\n")  # the same size, in place, just now
    assert plan_fingerprint(root, known) != first
    assert read == [root / "seeds" / "a.txt"]


def test_a_save_within_one_clock_tick_is_seen_and_the_digest_is_the_contents(
    tmp_path: Path,
) -> None:
    root, known = plan(tmp_path), Known()
    target = root / "schedules" / "plan.yaml"
    target.write_text("one\n")
    stamp = os.stat(target).st_mtime_ns
    before = plan_fingerprint(root, known)
    target.write_text("two\n")
    os.utime(target, ns=(stamp, stamp))  # as if within the same tick: size and mtime unchanged
    after = plan_fingerprint(root, known)
    assert after != before
    os.utime(target, (OLD, OLD))  # the digest is of the bytes, so it stays what it was
    assert plan_fingerprint(root, known) == after == plan_fingerprint(root, Known())
