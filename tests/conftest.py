"""Shared fixtures: the repository, the real articles, and throwaway plan folders."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FIXTURES = Path(__file__).parent / "fixtures"

MakePlan = Callable[..., Path]

# --doctest-modules imports every module under tests/; the fuzzers are run by .ci/run, with atheris
# (fuzz_plans.py's generator runs in test_structured_fuzz.py, make_dict.py in test_fuzz_dict.py).
collect_ignore = ["fuzz/fuzz_loader.py", "fuzz/fuzz_plans.py", "fuzz/make_dict.py"]


# The day every test's `check` and `status` judge by unless it passes --as-of: before every date of
# the fixtures, so a test only meets the rules that depend on the day when it asks for them.
TEST_AS_OF = "2026-01-01"


@pytest.fixture(autouse=True)
def _pinned_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHAIRPLAN_AS_OF", TEST_AS_OF)


@pytest.fixture
def make_plan(tmp_path: Path) -> MakePlan:
    """A plan folder with the real articles and the given schedule files (name -> text or bytes)."""

    def make(files: dict[str, str | bytes] | None = None, **named: str | bytes) -> Path:
        root = tmp_path / "plan"
        (root / "schedules").mkdir(parents=True, exist_ok=True)
        if not (root / "seeds").exists():
            shutil.copytree(REPO / "seeds", root / "seeds")
        for name, content in {**(files or {}), **named}.items():
            path = root / "schedules" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return root

    return make


@pytest.fixture
def plan_copy(tmp_path: Path):
    """Copy a fixture plan folder (by name) into tmp_path and return its root."""

    def copy(name: str) -> Path:
        root = tmp_path / name
        shutil.copytree(FIXTURES / name, root)
        return root

    return copy
