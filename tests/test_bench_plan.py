"""bench/make_plan.py makes a plan that `chairplan check` accepts, split one file per body and year."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from chairplan import api

MAKE_PLAN = Path(__file__).resolve().parents[1] / "bench" / "make_plan.py"


def test_generated_plan_passes_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = importlib.util.spec_from_file_location("make_plan", MAKE_PLAN)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "make_plan", module)  # its dataclasses look it up there
    spec.loader.exec_module(module)
    module.main(["--events", "50", "--articles", "5", "--out", str(tmp_path / "plan"),
                 "--yaml2ics", str(tmp_path / "y2i.yaml")])  # fmt: skip
    loaded = api.check(tmp_path / "plan")
    assert len(loaded.plan.events) == 50
    assert {e.window.precision.name for e in loaded.plan.events} >= {"DAY", "MONTH", "QUARTER"}
    assert (tmp_path / "plan" / "schedules" / "cptpp" / "2026.yaml").is_file()
    assert (tmp_path / "y2i.yaml").read_text(encoding="utf-8").count("- summary:") == 50


def test_the_derived_plan_has_the_same_days_in_chains_up_to_twenty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = importlib.util.spec_from_file_location("make_plan", MAKE_PLAN)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "make_plan", module)
    spec.loader.exec_module(module)
    for name, more in (("written", []), ("derived", ["--derived"])):
        module.main(["--events", "400", "--articles", "20", "--out", str(tmp_path / name), *more])
    written, derived = (api.check(tmp_path / name).loaded for name in ("written", "derived"))
    assert written.derived == {}
    assert len(derived.derived) >= 150  # of 400 events, those with exact days, up to half
    assert [(e.id, e.window) for e in written.plan.events] == [
        (e.id, e.window) for e in derived.plan.events
    ]
    anchors = {k: d.anchor.id for k, d in derived.derived.items()}

    def depth(entry: str) -> int:
        return 1 + depth(anchors[entry]) if entry in anchors else 0

    assert 2 <= max(map(depth, anchors)) <= 19  # never more than 20 dates in a chain
