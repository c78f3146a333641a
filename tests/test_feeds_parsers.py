"""Every feed parses with icalendar, the strict `ical` package, vobject and Mozilla's ical.js, and
each of them sees the plan's events on the plan's dates."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest
import vobject
from ical.calendar_stream import IcsCalendarStream
from icalendar import Calendar

from chairplan.export.ics import event_dates
from chairplan.plan.read import read_plan

from .feedtools import FIXTURES, REPO, built, copy_plan, require, uid

PLANS = [REPO, FIXTURES / "tricky", FIXTURES / "minimal", FIXTURES / "empty"]
JS = Path(__file__).resolve().parent / "js"
Seen = dict[str, tuple[object, object]]  # uid -> (start, end): a day's ISO text, or a UTC timestamp


def _point(value: object) -> object:
    if isinstance(value, dt.datetime):
        assert value.tzinfo is not None, "floating time"
        return int(value.timestamp())
    return value.isoformat() if isinstance(value, dt.date) else value


@pytest.fixture(scope="module", params=PLANS, ids=lambda p: p.name)
def site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Seen]:
    base = tmp_path_factory.mktemp("parsers")
    plan = copy_plan(request.param, base / "plan")
    built(plan, base / "site")
    expected = {
        uid(e.id): tuple(_point(d) for d in event_dates(e)) for e in read_plan(plan).plan.events
    }
    return base / "site", expected


def feeds(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.ics"))


def test_icalendar_sees_the_plan(site: tuple[Path, Seen]) -> None:
    folder, expected = site
    calendar = Calendar.from_ical((folder / "all.ics").read_bytes())
    seen = {
        str(e["UID"]): (_point(e["DTSTART"].dt), _point(e["DTEND"].dt))
        for e in calendar.walk("VEVENT")
    }
    assert seen == expected
    for path in feeds(folder):
        Calendar.from_ical(path.read_bytes())


def test_strict_ical_package_sees_the_plan(site: tuple[Path, Seen]) -> None:
    folder, expected = site
    for path in feeds(folder):
        calendar = IcsCalendarStream.calendar_from_ics(path.read_text(encoding="utf-8"))
        if path.name == "all.ics":
            seen = {e.uid: (_point(e.dtstart), _point(e.dtend)) for e in calendar.events}
            assert seen == expected
        if path.name == "tasks.ics":
            assert all(t.uid and t.dtstamp for t in calendar.todos)


def test_vobject_sees_the_plan(site: tuple[Path, Seen]) -> None:
    folder, expected = site
    for path in feeds(folder):
        calendars = list(vobject.readComponents(path.read_text(encoding="utf-8")))
        assert len(calendars) == 1, path
        if path.name == "all.ics":
            events = calendars[0].contents.get("vevent", [])
            seen = {e.uid.value: (_point(e.dtstart.value), _point(e.dtend.value)) for e in events}
            assert seen == expected


def test_ical_js_sees_the_plan(site: tuple[Path, Seen]) -> None:
    folder, expected = site
    node = shutil.which("node")
    require(
        node is not None and (JS / "node_modules/ical.js").is_dir(),
        "node or ical.js missing: run `npm ci --prefix tests/js`",
    )
    paths = [str(p) for p in feeds(folder)]
    done = subprocess.run(
        [str(node), str(JS / "parse.mjs"), *paths],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    parsed = json.loads(done.stdout)
    seen = {
        e["uid"]: (
            e["start"] if e["allDay"] else e["utcStart"],
            e["end"] if e["allDay"] else e["utcEnd"],
        )
        for e in parsed[str(folder / "all.ics")]["events"]
    }
    assert seen == expected
    todos = parsed[str(folder / "tasks.ics")]["todos"]
    assert all(t["uid"] and t["status"] for t in todos)
