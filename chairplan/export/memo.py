"""Whole outputs remembered for inputs seen before: a feed's bytes, and what a build wrote.

The key is a digest of everything the output is made from: the plan (its files' digest, from
plan/read.py), the audience, the stamp, the language, the options, the revisions file's bytes and,
for a build, the findings and the change log shown; the cache adds the code's version. A build is
remembered by its files' digests only (a large plan's page is tens of MB): on a hit, when every
file in the output folder still holds exactly those bytes and the revisions file what the build
left, there is nothing to write, and the build says so without rendering anything.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from pathlib import Path

from ..disk import cache
from .artefacts import Chunks

__all__ = ["Digests", "built_before", "key_of", "recording"]

Digests = dict[str, str]  # file name under the output folder -> sha256 of its bytes


def key_of(plan_key: str | None, *parts: object) -> str | None:
    """The key of an output of the plan read under `plan_key` (None: the plan was not read from
    disk, so nothing is remembered) and of everything else it is made from."""
    if plan_key is None:
        return None
    return cache.digest(plan_key, cache.dumps(parts))


def _file_digest(path: Path) -> str | None:
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


def built_before(
    store: cache.Cache, key: str | None, out: Path, lock: bytes | None
) -> Digests | None:
    """The files of the build remembered under `key`, when `out` holds every one of them as it
    was made and the revisions file is as that build left it; else None."""
    found = store.get("build", key) if key else None
    if found is None:
        return None
    digests: Digests = found[0]
    if found[1] != lock:
        return None
    if any(_file_digest(out / name) != digest for name, digest in digests.items()):
        return None
    return digests


def recording(files: Mapping[str, Chunks]) -> tuple[dict[str, Chunks], Digests]:
    """The files, each digested as it is written; the digests are complete once all are."""
    digests: Digests = {}

    def digested(name: str, chunks: Chunks) -> Iterator[bytes]:
        h = hashlib.sha256()
        for chunk in chunks:
            h.update(chunk)
            yield chunk
        digests[name] = h.hexdigest()

    return {name: digested(name, chunks) for name, chunks in files.items()}, digests
