"""The one way chairplan opens a user-named file inside a folder, and the one way it writes output."""

from __future__ import annotations

import contextlib
import difflib
import hashlib
import os
import stat
import tempfile
from pathlib import Path, PurePosixPath

from .errors import ChairplanError


class UnsafePath(ValueError):
    """A path that chairplan refuses to open; the message says why and what to do."""


class FileChanged(ChairplanError):
    """The file on disk is not the one an edit was computed from."""


def cannot_write(path: Path, exc: OSError) -> ChairplanError:
    """A failed write (missing or read-only folder, full disk) as a message that names the fix."""
    return ChairplanError(
        f"cannot write {path}: {exc.strerror or exc}; check that its folder exists and that "
        "you may write there (nothing was changed)"
    )


def digest(data: bytes | None) -> str:
    """What an edit remembers of the bytes it was computed from ("absent" for no file yet)."""
    return "absent" if data is None else hashlib.sha256(data).hexdigest()


def _check_relative(rel: str, folder: str) -> PurePosixPath:
    path = PurePosixPath(rel)
    if (
        not rel
        or "\\" in rel
        or path.is_absolute()
        or rel.startswith("~")
        or any(part in ("..", ".") for part in rel.split("/"))
        or "" in rel.split("/")
    ):
        raise UnsafePath(
            f"'{rel}' must be a relative path inside the {folder} folder "
            "(no '..', no absolute path), e.g. 000_article.txt"
        )
    return path


def read_inside(base: Path, rel: str, *, limit: int, folder: str) -> bytes:
    """Read `base/rel`, a regular file reached without symlinks, named exactly as on disk.

    Refuses absolute paths, '..', symlinks anywhere on the way, FIFOs and devices (opened
    non-blocking, so a FIFO cannot hang us), and files over `limit` bytes.
    """
    here = base
    for part in _check_relative(rel, folder).parts:
        try:
            names = os.listdir(here)
        except OSError:
            names = []
        if part not in names:
            near = difflib.get_close_matches(part, names, n=1)
            hint = f" (did you mean '{near[0]}'?)" if near else ""
            raise UnsafePath(f"no file '{rel}' in the {folder} folder{hint}")
        here = here / part
        info = here.lstat()
        if stat.S_ISLNK(info.st_mode):
            raise UnsafePath(f"symlinks are not allowed ({folder}/{rel} -> {os.readlink(here)})")
    try:
        fd = os.open(here, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        raise UnsafePath(f"cannot open {folder}/{rel}: {exc.strerror}") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):  # before fdopen, which fails on a folder
        os.close(fd)
        raise UnsafePath(f"{folder}/{rel} is not a regular file")
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if info.st_size > limit:
            raise UnsafePath(f"{folder}/{rel}: file is larger than {limit} bytes")
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise UnsafePath(f"{folder}/{rel}: file is larger than {limit} bytes")
    return data


def write_atomic(path: Path, data: bytes, *, unchanged_since: str | None = None) -> bool:
    """Write `data` to `path` so that a reader sees the old file or the new one, never a mix.

    Returns False (and touches nothing) when the file already holds exactly these bytes. With
    `unchanged_since` (the digest of the bytes an edit was computed from, or of None for a file
    that did not exist), refuses with FileChanged when the file no longer holds those bytes, and
    keeps the file's permissions.
    """
    current, mode = None, 0o644  # mkstemp makes 0600; a web server must be able to read the feed
    with contextlib.suppress(OSError):
        current = path.read_bytes()
    if unchanged_since is not None:
        if digest(current) != unchanged_since:
            raise FileChanged(f"{path.name} changed since it was read; run again")
        if current is not None:
            mode = stat.S_IMODE(path.stat().st_mode)
    if current == data:
        return False
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise cannot_write(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise cannot_write(path, exc) from None
        raise
    return True
