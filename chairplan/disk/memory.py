"""How this process's C library hands memory back: tuned once a large plan is read."""

from __future__ import annotations

import functools
import os
import sys

__all__ = ["MMAP_THRESHOLD", "give_back_large_blocks"]

# glibc's malloc serves a block of at least this size from a mapping of its own, returned to the
# system when the block is freed. By default the threshold rises to the size of each such block
# freed (up to 32 MB), after which blocks that size come from the heap, where freeing them seldom
# gives memory back: the text of a large plan's files, let go after the check, stayed in the
# build's peak (50,000 events, check then build: 539 MB, 510 MB with the threshold fixed).
MMAP_THRESHOLD = 128 * 1024  # glibc's default, kept from rising
_M_MMAP_THRESHOLD = -3  # mallopt's parameter number, in glibc's malloc.h


@functools.cache
def give_back_large_blocks() -> bool:
    """Fix glibc's mmap threshold at MMAP_THRESHOLD (once per process); False where the C library
    is not glibc (musl, macOS), which is left as it is."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = os.confstr("CS_GNU_LIBC_VERSION") or ""
    except (OSError, ValueError):  # musl knows no such name (EINVAL)
        return False
    if not libc.lower().startswith("glibc"):
        return False
    import ctypes  # here, not at start: only a large plan's read pays for it

    try:
        mallopt = ctypes.CDLL(None).mallopt  # the C library this process runs on
    except (OSError, AttributeError):
        return False
    return bool(mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD))
