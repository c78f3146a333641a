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


def _on_two_cores() -> None:
    if workers.cores() < 2 and not os.environ.get("CI"):
        pytest.skip("one core: nothing runs in workers here (CI has two)")


def _bundled_plan(tmp_path: Path) -> Path:
    root = tmp_path / "plan"
    for part in ("schedules", "seeds"):
        shutil.copytree(REPO / part, root / part)
    return root


def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The plan's cache sealed with a key of this test's, nothing of it held from before."""
    from chairplan.plan import read

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    cache._opened.clear()
    read._RECENT.clear()


def _forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A list that grows by one at every fork."""
    forks: list[int] = []
    real_fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: forks.append(1) or real_fork())
    return forks


def test_forked_workers_give_what_one_process_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _on_two_cores()
    assert workers.cores() >= 2, "CI's machine has two cores: the workers must be exercised"
    root = _bundled_plan(tmp_path)
    shutil.copy(REPO / "chairplan.lock", root / "chairplan.lock")
    monkeypatch.setenv(cache.ENV_OFF, "1")  # every run does all the work
    alone = _outputs(root, tmp_path / "alone")
    forks = _forks(monkeypatch)
    monkeypatch.setattr(workers, "MIN_WORK", 0)  # even the bundled plan is spread
    spread = _outputs(root, tmp_path / "spread")
    assert forks, "no worker was forked"
    assert spread == alone


def test_no_worker_is_forked_while_other_threads_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """`serve` has a server and a watcher running: a fork could inherit a lock held for ever."""
    import threading

    monkeypatch.setattr(workers, "MIN_WORK", 0)
    forks = _forks(monkeypatch)
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

    _on_two_cores()
    root = _bundled_plan(tmp_path)
    _own_cache(tmp_path, monkeypatch)
    monkeypatch.setenv(cache.ENV_OFF, "1")
    alone = chairplan(root, "check", "--format", "json")
    monkeypatch.setenv(cache.ENV_OFF, "")
    forks = _forks(monkeypatch)
    monkeypatch.setattr(workers, "MIN_WORK", 0)
    monkeypatch.setattr(calendars, "_KEPT", {})  # nothing worked out in this process yet
    monkeypatch.setattr(calendars, "_GIVEN", set())
    calendars._break_days.cache_clear()  # made from _KEPT's breaks
    learned: list[int] = []  # how many articles' mentions each worker handed back
    real_learn = Library.learn
    monkeypatch.setattr(
        Library, "learn", lambda self, found: learned.append(len(found)) or real_learn(self, found)
    )
    spread = chairplan(root, "check", "--format", "json")
    assert forks, "no worker was forked"
    assert spread == alone
    # Every cited article was scanned once, before the files were judged: no worker scanned one.
    assert learned and not any(learned)
    kept = cache.for_root(root).get("calendars", pipeline._CALENDARS) or {}
    hosts = {key[1] for key in kept if key[0] == "public_holidays"}
    assert hosts >= {"VN"}, "the holidays the workers looked up are not kept"
    library = Library(root)
    library.recall_mentions(cache.for_root(root))
    loaded, _ = read.read_files(root)
    cited = {s.name for _, _, _, s in loaded.sources() if s.article}
    assert {name for name, _ in library._recalled} == cited


def test_scanning_articles_counts_as_more_work_than_their_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A character scanned for dates costs several times a byte of YAML loaded: articles whose
    bytes alone are under workers.MIN_WORK are still scanned on every core."""
    from chairplan.plan import read
    from chairplan.sources import articles

    _on_two_cores()
    root = _bundled_plan(tmp_path)
    monkeypatch.setenv(cache.ENV_OFF, "1")
    loaded, _ = read.read_files(root)
    library = articles.Library(root)
    cited = {(s.folder, s.name): library.cited(s) for _, _, _, s in loaded.sources() if s.article}
    text = sum(len(article.text) for article in cited.values())
    monkeypatch.setattr(workers, "MIN_WORK", 2 * text)  # above the bytes, below their work
    assert articles.SCAN_WEIGHT > 2
    forks = _forks(monkeypatch)
    library.scan(s for _, _, _, s in loaded.sources())
    assert forks, "the articles were scanned in one process"


def test_files_rendered_in_workers_are_kept_by_the_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker that renders a file stores its rendering and its revised bytes in the plan's
    cache itself: the next build reads every file back and builds the same bytes."""

    _on_two_cores()
    root = _bundled_plan(tmp_path)
    _own_cache(tmp_path, monkeypatch)
    monkeypatch.setattr(workers, "MIN_WORK", 0)
    forks = _forks(monkeypatch)
    first = chairplan(root, "ics")
    assert forks, "no worker was forked"
    files = len(list((root / "schedules").rglob("*.yaml")))
    for kind in ("render", "stamped"):
        assert len(list((root / cache.FOLDER / kind).iterdir())) == files, kind
    forks.clear()
    shutil.rmtree(root / cache.FOLDER / "feed")  # the feed itself: made again from the files'
    assert chairplan(root, "ics") == first
    assert not forks, "a file was rendered again"


def test_a_file_that_fails_in_a_worker_leaves_the_last_build_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build whose files are written on every core, one of which cannot be (the disk full as
    a worker syncs index.html): a clear error, exit code 1, every file of the last build as it
    was, and no temp file left by any worker."""
    import errno

    from chairplan.export import publish

    _on_two_cores()
    root = _bundled_plan(tmp_path)
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
    forks = _forks(monkeypatch)
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
