"""Work spread over the machine's cores, where there is enough of it to pay for a process.

Workers are forked: they start in a few milliseconds with everything this process holds,
the work and its items too, so only an item's position is sent to them and only its result
comes back, pickled the way the cache pickles (fast to load, and ready to store). Results come
back in the order of the items, so the outcome is the one a single process gives. Where forking
is not available, the work is small, or other threads run, everything runs here.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Generator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Generic, TypeVar

from . import cache

__all__ = ["MIN_WORK", "Done", "cores", "spread"]

T = TypeVar("T")
R = TypeVar("R")
MIN_WORK = (
    2_000_000  # bytes of input: below, forking and sending results back cost more than they save
)
_job: tuple[Callable[[Any], Any], Sequence[Any]] | None = None  # what forked workers inherit
_in_worker = False  # set in a worker: its work is not spread again (a worker has no children)


class Done(Generic[R]):
    """A result, and its pickled form when it came from a worker (to store as it is)."""

    __slots__ = ("pickled", "value")

    def __init__(self, value: R, pickled: bytes | None = None):
        self.value, self.pickled = value, pickled


def cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def spread(
    work: Callable[[T], R], items: Sequence[T], size: int, *, keep: bool = False
) -> Generator[Done[R], None, None]:
    """`work` of each item, in order, as each is done; on every core when `size` (the input's
    bytes, or an estimate of its work in the same unit) is at least MIN_WORK. With `keep`, a
    worker's result keeps its pickled form too (to store as it is)."""
    global _job
    count = min(cores(), len(items))
    # A fork copies only this thread, so with other threads running (`serve`'s server and
    # watcher) a lock one of them holds would stay held in the worker for ever: work here then.
    alone = threading.active_count() == 1
    forkable = "fork" in multiprocessing.get_all_start_methods() and not _in_worker
    if count < 2 or size < MIN_WORK or not alone or not forkable:
        yield from (Done(work(item)) for item in items)
        return
    _job = (work, items)
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=count, mp_context=context) as pool:
            chunks = max(1, len(items) // (8 * count))
            for blob in pool.map(_run, range(len(items)), chunksize=chunks):
                yield Done(cache.loads(blob), blob if keep else None)
    finally:
        _job = None


def _run(index: int) -> bytes:
    """In a worker: the inherited work of the inherited item at `index`, pickled."""
    global _in_worker
    assert _job is not None, "a worker runs only what its parent set out before forking"
    _in_worker = True
    work, items = _job
    return cache.dumps(work(items[index]))
