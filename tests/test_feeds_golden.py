"""Golden files for small fixture plans, compared after parsing (property order and folding do not
matter; every property, parameter and value does). Regenerate with CHAIRPLAN_UPDATE_GOLDEN=1."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from icalendar import Calendar

from chairplan.export.html import STATIC, static_file

from .feedtools import FIXTURES, built, copy_plan, normalise

NAMES = ["tricky", "minimal", "empty"]


def _compare(name: str, got: bytes, want: bytes) -> None:
    if name.endswith(".json"):
        assert json.loads(got) == json.loads(want), name
        return
    if name.endswith((".md", ".html", ".atom")):
        assert got == want, name
        return
    got_cal, want_cal = Calendar.from_ical(got), Calendar.from_ical(want)
    assert normalise(got_cal) == normalise(want_cal), name
    assert Calendar.from_ical(got_cal.to_ical()) == got_cal  # round-trips


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("fixture", NAMES)
def test_golden(fixture: str, lang: str, tmp_path: Path) -> None:
    files = built(copy_plan(FIXTURES / fixture, tmp_path / "plan"), tmp_path / "site", lang=lang)
    golden = FIXTURES / fixture / f"golden-{lang}"
    if os.environ.get("CHAIRPLAN_UPDATE_GOLDEN"):
        for name, data in files.items():
            if name in STATIC:
                continue
            (golden / name).parent.mkdir(parents=True, exist_ok=True)
            (golden / name).write_bytes(data)
    for name in STATIC:  # the page's static files are the package's, byte for byte; not stored
        assert files.pop(name) == static_file(name), name
    stored = {p.relative_to(golden).as_posix() for p in golden.rglob("*") if p.is_file()}
    assert stored == set(files)
    for name, data in sorted(files.items()):
        _compare(name, data, (golden / name).read_bytes())
