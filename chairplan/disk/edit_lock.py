"""The edit lock: one edit of a plan at a time, held on `.chairplan.lock` at the plan root.

Not to be confused with `chairplan.lock`, the revisions file that `build` keeps (export/revisions.py).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from ..errors import ChairplanError

__all__ = ["EDIT_LOCK_NAME", "edit_lock"]

EDIT_LOCK_NAME = ".chairplan.lock"


@contextlib.contextmanager
def edit_lock(root: Path) -> Iterator[None]:
    """Hold an exclusive lock on the plan for a whole read-modify-write."""
    try:
        fd = os.open(root / EDIT_LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise ChairplanError(
            f"cannot lock the plan with {root / EDIT_LOCK_NAME}: {exc.strerror}; the plan folder "
            "must be writable to edit the plan (nothing was changed)"
        ) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock
