"""The build's stamp, from SOURCE_DATE_EPOCH or git, and the commit checked out (cheap to import:
no model, no renderer)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Mapping
from pathlib import Path

from ..dates import FIRST_YEAR, LAST_YEAR
from ..errors import ChairplanError
from ..plan.names import SCHEDULES_FOLDER, is_schedule_name

__all__ = ["FALLBACK_STAMP", "head", "source_date"]

# The stamp of a plan with neither SOURCE_DATE_EPOCH nor git history: fixed, so output is stable.
FALLBACK_STAMP = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def source_date(root: Path, environ: Mapping[str, str]) -> dt.datetime:
    """The build's stamp: SOURCE_DATE_EPOCH, else the last commit touching schedules/, else fixed;
    but never earlier than an uncommitted change git reports to the schedule files.

    SOURCE_DATE_EPOCH is the user's explicit choice (a build reproduced, a test's stamp) and wins
    as it is. A clean tree's stamp is its last commit's: the same bytes, whoever builds it, when.
    """
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None:
        if not (epoch.isascii() and epoch.isdigit()):
            raise ChairplanError(
                f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds; unset it or fix it"
            )
        stamp = _utc(int(epoch))
        if stamp is None or not FIRST_YEAR <= stamp.year <= LAST_YEAR:
            raise ChairplanError(
                f"SOURCE_DATE_EPOCH={epoch} is "
                + (f"{stamp:%Y-%m-%d}" if stamp else "later than any time a calendar holds")
                + f", outside the years a plan may hold ({FIRST_YEAR} to {LAST_YEAR}); unset it "
                "or fix it"
            )
        return stamp
    found = _git(root, "log", "-1", "--format=%ct", "--", SCHEDULES_FOLDER)
    seconds = (found or b"").decode("ascii", "replace").strip()
    committed = _utc(int(seconds)) if seconds.isdigit() else None
    base = committed if committed is not None else FALLBACK_STAMP
    changed = _uncommitted_change(root)
    moved = _utc(changed) if changed is not None else None
    if moved is not None and moved.year > LAST_YEAR:
        moved = None  # a file's time from a clock far off: the commit's is the better guess
    # An edit not committed yet is stamped no earlier than it was made; never before the commit.
    return moved if moved is not None and moved > base else base


def _utc(seconds: int) -> dt.datetime | None:
    """The UTC time `seconds` after the epoch, or None when that is past what datetime holds."""
    try:
        return dt.datetime.fromtimestamp(seconds, dt.UTC)
    except (OverflowError, ValueError, OSError):
        return None


# What a user's configuration may add to the output the stamp is read from (a signature check);
# and no refresh of the index written by `git status`, which another git may be using.
_PLAIN_GIT = ("-c", "log.showSignature=false", "--no-optional-locks")


def _git(root: Path, *args: str) -> bytes | None:
    """git's output for `args` run in `root`, or None when git is missing or fails (not a
    repository, say)."""
    try:
        done = subprocess.run(
            ["git", *_PLAIN_GIT, *args], cwd=root, capture_output=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def head(root: Path) -> str | None:
    """The commit checked out in the plan's repository (what its change log is made from), or
    None outside one."""
    found = _git(root, "rev-parse", "HEAD")
    return found.decode().strip() if found else None


def _uncommitted_change(root: Path) -> int | None:
    """When the latest uncommitted change to the plan's schedule files was made, in whole
    seconds rounded up, or None when git reports none (or cannot say).

    A changed file that exists (modified, added, untracked and not ignored, renamed or copied to)
    counts by its modification time; one that is gone (deleted, renamed from) by its folder's,
    which moved when it went (or by the nearest folder still there, when its folder went too).
    """
    status = _git(
        root, "status", "--porcelain", "-z", "--untracked-files=all", "--", SCHEDULES_FOLDER
    )
    if not status:
        return None
    where = _git(root, "rev-parse", "--show-toplevel", "--show-prefix")
    if where is None:
        return None
    top, prefix = [*os.fsdecode(where).split("\n"), "", ""][:2]
    folder = f"{prefix}{SCHEDULES_FOLDER}/"  # the schedules folder, as git names it from the top
    fields = status.split(b"\0")
    latest: int | None = None
    i = 0
    while i < len(fields):
        entry = fields[i]
        i += 1
        if len(entry) < 4:
            continue  # the empty field after the last NUL
        paths = [entry[3:]]
        if b"R" in entry[:2] or b"C" in entry[:2]:  # `XY to\0from\0`: the origin follows
            paths.append(fields[i] if i < len(fields) else b"")
            i += 1
        for raw in paths:
            rel = os.fsdecode(raw)
            if not rel.startswith(folder) or not is_schedule_name(rel):
                continue  # not a file the plan is read from
            moment = _modified(Path(top) / rel)
            if moment is not None and (latest is None or moment > latest):
                latest = moment
    return latest


def _modified(path: Path) -> int | None:
    """The modification time of `path`, or of the nearest folder above it that still exists
    when it is gone, in whole seconds rounded up; None when it cannot be read."""
    for candidate in (path, *path.parents):
        try:
            nanoseconds = candidate.lstat().st_mtime_ns
        except (FileNotFoundError, NotADirectoryError):
            continue
        except OSError:
            return None
        return -(-nanoseconds // 1_000_000_000)
    return None
