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
    are kept in the cache as if this process had scanned them."""
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
    spread = chairplan(root, "check", "--format", "json")
    assert forks, "no worker was forked"
    assert spread == alone
    library = Library(root)
    library.recall_mentions(cache.for_root(root))
    loaded, _ = read.read_files(root)
    cited = {s.name for _, _, _, s in loaded.sources() if s.article}
    assert {name for name, _ in library._recalled} == cited
