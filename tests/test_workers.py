"""Work on several cores gives what one process gives: every command, byte for byte."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from chairplan.disk import cache, workers
from tests.fuzz.fuzz_plans import chairplan

from .conftest import REPO


def _outputs(root: Path, out: Path) -> list[object]:
    said = [chairplan(root, *args) for args in (("check", "--format", "json"), ("ics",))]
    lock = root / "chairplan.lock"
    before = lock.read_bytes()
    built = chairplan(root, "build", "--out", str(out))
    files = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    lock.write_bytes(before)
    return [*said, built.stdout.replace(str(out), "OUT"), files]


def test_forked_workers_give_what_one_process_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if workers.cores() < 2 and not os.environ.get("CI"):
        pytest.skip("one core: nothing runs in workers here (CI has two)")
    assert workers.cores() >= 2, "CI's machine has two cores: the workers must be exercised"
    root = tmp_path / "plan"
    for part in ("schedules", "seeds"):
        shutil.copytree(REPO / part, root / part)
    shutil.copy(REPO / "chairplan.lock", root / "chairplan.lock")
    monkeypatch.setenv(cache.ENV_OFF, "1")  # every run does all the work
    alone = _outputs(root, tmp_path / "alone")
    forks: list[int] = []
    real_fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: forks.append(1) or real_fork())
    monkeypatch.setattr(workers, "MIN_WORK", 0)  # even the bundled plan is spread
    spread = _outputs(root, tmp_path / "spread")
    assert forks, "no worker was forked"
    assert spread == alone


def test_no_worker_is_forked_while_other_threads_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """`serve` has a server and a watcher running: a fork could inherit a lock held for ever."""
    import threading

    monkeypatch.setattr(workers, "MIN_WORK", 0)
    forks: list[int] = []
    real_fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: forks.append(1) or real_fork())
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        done = [d.value for d in workers.spread(abs, [-1, -2, -3], 10**9)]
    finally:
        stop.set()
        other.join()
    assert done == [1, 2, 3] and not forks


def test_files_judged_on_every_core_say_what_one_process_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the cache on, the rules that judge each file on its own judge the files in workers;
    their findings are those of one process, and the mentions the workers found in the articles
    and the holidays they worked out are kept in the cache as if this process had found them."""
    from chairplan import calendars
    from chairplan.checks import pipeline
    from chairplan.plan import read
    from chairplan.sources.articles import Library

    if workers.cores() < 2 and not os.environ.get("CI"):
        pytest.skip("one core: nothing runs in workers here (CI has two)")
    root = tmp_path / "plan"
    for part in ("schedules", "seeds"):
        shutil.copytree(REPO / part, root / part)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    cache._opened.clear()
    read._RECENT.clear()
    monkeypatch.setenv(cache.ENV_OFF, "1")
    alone = chairplan(root, "check", "--format", "json")
    monkeypatch.setenv(cache.ENV_OFF, "")
    forks: list[int] = []
    real_fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: forks.append(1) or real_fork())
    monkeypatch.setattr(workers, "MIN_WORK", 0)
    monkeypatch.setattr(calendars, "_KEPT", {})  # nothing worked out in this process yet
    monkeypatch.setattr(calendars, "_GIVEN", set())
    calendars._break_days.cache_clear()  # made from _KEPT's breaks
    spread = chairplan(root, "check", "--format", "json")
    assert forks, "no worker was forked"
    assert spread == alone
    kept = cache.for_root(root).get("calendars", pipeline._CALENDARS) or {}
    hosts = {key[1] for key in kept if key[0] == "public_holidays"}
    assert hosts >= {"VN"}, "the holidays the workers looked up are not kept"
    library = Library(root)
    library.recall_mentions(cache.for_root(root))
    loaded, _ = read.read_files(root)
    cited = {s.name for _, _, _, s in loaded.sources() if s.article}
    assert {name for name, _ in library._recalled} == cited


def test_a_file_that_fails_in_a_worker_leaves_the_last_build_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build whose files are written on every core, one of which cannot be (the disk full as
    a worker syncs index.html): a clear error, exit code 1, every file of the last build as it
    was, and no temp file left by any worker."""
    import errno

    from chairplan.export import publish

    if workers.cores() < 2 and not os.environ.get("CI"):
        pytest.skip("one core: nothing runs in workers here (CI has two)")
    root = tmp_path / "plan"
    for part in ("schedules", "seeds"):
        shutil.copytree(REPO / part, root / part)
    out = tmp_path / "site"
    assert chairplan(root, "build", "--out", str(out)).code == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (root / "schedules" / "cptpp-2026.yaml").write_text(
        (root / "schedules" / "cptpp-2026.yaml")
        .read_text(encoding="utf-8")
        .replace("en: Ninth CPTPP", "en: Edited Ninth CPTPP", 1),
        encoding="utf-8",
    )
    real_fsync, forks = os.fsync, []
    real_fork = os.fork

    def full(fd: int) -> None:
        if os.readlink(f"/proc/self/fd/{fd}").rsplit("/", 1)[-1].startswith(".index.html."):
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", full)
    monkeypatch.setattr(os, "fork", lambda: forks.append(1) or real_fork())
    monkeypatch.setattr(workers, "MIN_WORK", 0)
    monkeypatch.setattr(publish, "RENDERED_BYTES", 1)
    failed = chairplan(root, "build", "--out", str(out))
    assert forks, "no worker was forked"
    assert failed.code == 1 and "Traceback" not in failed.stderr
    assert failed.stderr.startswith(f"cannot write {out / 'index.html'}: No space left on device")
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before  # no temp file, nothing changed


@pytest.mark.parametrize("where", ["worker", "here"])
def test_a_bug_while_the_files_are_written_leaves_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """A file whose rendering raises something other than a ChairplanError (a bug), in a worker
    or in this process: the error comes out as it is, and no temp file is left, neither those of
    the files written before it nor those the other workers had made and not yet handed back."""
    from collections.abc import Iterator

    from chairplan.export import publish

    work = 0  # here: too little to fork for
    if where == "worker":
        if workers.cores() < 2 and not os.environ.get("CI"):
            pytest.skip("one core: nothing runs in workers here (CI has two)")
        monkeypatch.setattr(workers, "MIN_WORK", 0)
        work = 10**9
    forks: list[int] = []
    real_fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: forks.append(1) or real_fork())
    out = tmp_path / "site"
    out.mkdir()
    (out / "f07.ics").write_bytes(b"the last build's\n")

    def broken() -> Iterator[bytes]:
        yield b"<!doctype html>"
        raise RuntimeError("a bug in the page")

    files = {f"f{i:02}.ics": (f"feed {i}\n".encode(),) for i in range(40)}
    with pytest.raises(RuntimeError, match="a bug in the page"):
        publish.write_site(out, files | {"index.html": broken()}, work=work)
    assert bool(forks) == (where == "worker")
    assert sorted(p.name for p in out.iterdir()) == ["f07.ics"]
    assert (out / "f07.ics").read_bytes() == b"the last build's\n"
