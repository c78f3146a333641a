"""disk/memory.py: a large plan's read fixes glibc's mmap threshold, so freed text goes back."""

from __future__ import annotations

import os
import platform
import subprocess
import sys

import pytest

from chairplan.disk import memory

GLIBC = sys.platform == "linux" and platform.libc_ver()[0] == "glibc"


def test_the_threshold_is_fixed_where_the_c_library_is_glibc() -> None:
    if not GLIBC:
        if os.environ.get("CI"):
            pytest.fail("CI runs on Debian, whose C library is glibc")
        pytest.skip("not glibc: mallopt is left alone")
    assert memory.give_back_large_blocks() is True


def test_a_large_plan_read_fixes_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from chairplan.disk import workers
    from chairplan.plan import read

    from .conftest import REPO

    memory.give_back_large_blocks.cache_clear()
    read.read_files(REPO)
    assert memory.give_back_large_blocks.cache_info().currsize == 0  # the bundled plan is small
    monkeypatch.setattr(workers, "MIN_WORK", 1)  # as large as a plan that is spread over cores
    read.read_files(REPO)
    assert memory.give_back_large_blocks.cache_info().currsize == 1


def test_a_small_plan_does_not_import_ctypes() -> None:
    """Only a large plan's read pays for ctypes (status and check of the bundled plan do not)."""
    code = (
        "import sys; from pathlib import Path; from chairplan.plan import read; "
        "from tests.conftest import REPO; read.read_files(REPO); print('ctypes' in sys.modules)"
    )
    env = {**os.environ, "CHAIRPLAN_NO_CACHE": "1"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.stdout.strip() == "False", done.stderr
