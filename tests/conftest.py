"""Shared test helpers: fixture folders copied to a temporary plan root."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def plan_copy(tmp_path: Path):
    """Copy a fixture plan folder (by name) into tmp_path and return its root."""

    def copy(name: str) -> Path:
        root = tmp_path / name
        shutil.copytree(FIXTURES / name, root)
        return root

    return copy
