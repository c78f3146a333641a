"""The strict tools of STYLE.md rule 11 run as part of the suite: ruff on everything, mypy on the package."""

from __future__ import annotations

import shutil
import subprocess
import sys

from tests.conftest import REPO


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=REPO, capture_output=True, text=True, check=False, timeout=300
    )


def test_ruff_lint_and_format() -> None:
    assert shutil.which("ruff") or run(sys.executable, "-m", "ruff", "--version").returncode == 0
    lint = run(sys.executable, "-m", "ruff", "check", "chairplan", "tests", "bench")
    assert lint.returncode == 0, lint.stdout
    fmt = run(sys.executable, "-m", "ruff", "format", "--check", "chairplan", "tests", "bench")
    assert fmt.returncode == 0, fmt.stdout


def test_mypy_strict_on_the_package() -> None:
    result = run(sys.executable, "-m", "mypy")
    assert result.returncode == 0, result.stdout
