"""Every input the fuzzer ever found (tests/fuzz/regressions/) loads or fails with located problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from chairplan.errors import PlanError
from chairplan.plan.load import load_bytes
from tests.test_loader_properties import same_reading

REGRESSIONS = sorted(p for p in (Path(__file__).parent / "fuzz" / "regressions").iterdir())


@pytest.mark.parametrize("path", REGRESSIONS, ids=[p.name for p in REGRESSIONS])
def test_fuzzer_finding_stays_fixed(path: Path) -> None:
    try:
        load_bytes(path.read_bytes(), "schedules/x.yaml")
    except PlanError as exc:
        assert all(p.line >= 1 and p.column >= 1 for p in exc.problems)


@pytest.mark.parametrize("path", REGRESSIONS, ids=[p.name for p in REGRESSIONS])
def test_fast_and_located_readers_agree_on_fuzzer_findings(path: Path) -> None:
    same_reading(path.read_bytes())
