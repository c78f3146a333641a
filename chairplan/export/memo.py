"""A build remembered by what it wrote: on the same inputs, with every file still in place as it
was written, there is nothing to render and nothing to write.

A build is remembered by its files' digests only (a large plan's page is tens of MB), under the
key api.py makes of the plan's inputs; the revisions file as the build left it is kept too. On a
hit, each output folder must still hold exactly those bytes, and the revisions file what the
build left, for the build to say "unchanged" without rendering anything.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..disk import cache
from .revisions import REVISIONS_FILE

__all__ = ["BuildResult", "Digests", "built_before", "remember"]

Digests = dict[str, str]  # file name under the output folder -> sha256 of its bytes (publish.py)


@dataclass(frozen=True)
class BuildResult:
    written: list[str]
    unchanged: list[str]
    revisions_updated: bool
    audience: str | None = None  # who the build is for
    removed: list[str] = field(default_factory=list)  # feeds, pages of the last build not made now
    # Each file's sha256, of the bytes the build made (written or found unchanged): export/memo.py
    digests: dict[str, str] = field(default_factory=dict, compare=False, repr=False)


Built = list[tuple[Path, BuildResult]]


def _file_digest(path: Path) -> str | None:
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


def _revisions(root: Path) -> bytes | None:
    path = root / REVISIONS_FILE
    return path.read_bytes() if path.is_file() else None


def built_before(store: cache.Cache, key: str | None, root: Path) -> Built | None:
    """The build remembered under `key`, when every folder it wrote still holds each file as
    it was written and the revisions file is as it left it; else None."""
    found = store.get("build", key) if key else None
    if found is None:
        return None
    revisions, folders = found
    if revisions != _revisions(root):
        return None
    done: Built = []
    for folder, audience, digests in folders:
        out = Path(folder)
        if any(_file_digest(out / name) != digest for name, digest in digests.items()):
            return None
        done.append((out, BuildResult([], sorted(digests), False, audience, [])))
    return done


def remember(store: cache.Cache, keys: set[str | None], root: Path, done: Built) -> None:
    """Keep what the build wrote under each key (the inputs as they were, and as it left them:
    a build again from there writes the same files)."""
    folders = [(str(out), result.audience, result.digests) for out, result in done]
    for key in filter(None, keys):
        store.put("build", key, (_revisions(root), folders))
