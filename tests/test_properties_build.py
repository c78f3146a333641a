"""Property: any valid plan builds feeds that every parser reads back as the same events.

Plans are generated as YAML text (every scalar double-quoted, as JSON writes it), so the whole path
runs: strict YAML reader, models, checks, export, atomic writes. The feeds are read back with
icalendar, the strict `ical` package, vobject and (for a few examples) Mozilla's ical.js.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import vobject
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ical.calendar_stream import IcsCalendarStream
from icalendar import Calendar

from chairplan import api
from chairplan.errors import PlanError
from chairplan.export.ics import EVENT_STATUS, event_dates, event_summary
from chairplan.model import Event
from chairplan.plan.read import read_plan

from .feedtools import REPO, icalendar_writes, require, uid

STAMP = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
JS = Path(__file__).resolve().parent / "js"
ZONES = ["Asia/Ho_Chi_Minh", "Australia/Melbourne", "America/Lima", "Europe/London", "UTC"]
TEXT = st.text(
    st.characters(codec="utf-8", categories=["L", "M", "N", "P", "S", "Zs"]),
    min_size=1,
    max_size=60,
).filter(lambda s: s.strip())
VIETNAMESE = st.text(
    st.sampled_from("ẢảẠạĂăẮắẰằẲẳẴẵẶặÂâĐđÊêỆệÔôƠơƯưỪừ ,;\\:\"'<>"), min_size=1, max_size=40
).filter(lambda s: s.strip())
STATUSES = sorted(EVENT_STATUS)


@st.composite
def window(draw: st.DrawFn) -> str | dict[str, str]:
    year = draw(st.integers(2024, 2028))
    day = draw(st.dates(dt.date(year, 1, 1), dt.date(year, 12, 31)))
    match draw(st.sampled_from(["day", "range", "month", "quarter", "half", "year", "timed"])):
        case "day":
            return day.isoformat()
        case "range":
            return f"{day}..{day + dt.timedelta(days=draw(st.integers(1, 20)))}"
        case "month":
            return f"{year}-{day.month:02d}"
        case "quarter":
            return f"{year}-Q{draw(st.integers(1, 4))}"
        case "half":
            return f"H{draw(st.integers(1, 2))} {year}"
        case "year":
            return str(year)
        case _:
            hours = draw(st.integers(0, 22))
            start = f"{day}T{hours:02d}:{draw(st.sampled_from(['00', '30']))}"
            end = f"{day}T{hours + 1:02d}:00"
            return {"start": start, "end": end, "tz": draw(st.sampled_from(ZONES))}


@st.composite
def plan_yaml(draw: st.DrawFn) -> tuple[str, list[dict[str, object]]]:
    ids = draw(
        st.lists(st.from_regex(r"[a-z][a-z0-9-]{0,20}", fullmatch=True), max_size=8, unique=True)
    )
    events = []
    for event_id in ids:
        title: dict[str, str] = {}
        if draw(st.booleans()):
            title["en"] = draw(TEXT)
        if draw(st.booleans()) or not title:
            title["vi"] = draw(VIETNAMESE | TEXT)
        events.append(
            {
                "id": event_id,
                "title": title,
                "when": draw(window()),
                "body": draw(st.sampled_from(["cptpp", "asean"])),
                "status": draw(st.sampled_from(STATUSES)),
            }
        )
    bodies = [{"id": b, "short": b.upper(), "name": b.upper()} for b in ("cptpp", "asean")]
    # JSON is YAML: every value becomes a double-quoted scalar, escapes included.
    return json.dumps({"bodies": bodies, "events": events}, ensure_ascii=False, indent=1), events


def status(event: Event) -> str:
    """The README's rule: a date not yet fixed is TENTATIVE whatever the plan says, unless cancelled."""
    firm = event.window.is_firm or event.status == "cancelled"
    return EVENT_STATUS[event.status] if firm else "TENTATIVE"


def parsers_see(folder: Path, lang: str, js: bool) -> None:
    plan = read_plan(folder.parent / "plan").plan
    expected = {
        uid(e.id): (event_summary(e, lang), status(e), *event_dates(e))  # type: ignore[arg-type]
        for e in plan.events
    }
    data = (folder / "all.ics").read_bytes()
    assert data == icalendar_writes(data)
    seen = {
        str(v["UID"]): (str(v["SUMMARY"]), str(v["STATUS"]), v["DTSTART"].dt, v["DTEND"].dt)
        for v in Calendar.from_ical(data).walk("VEVENT")
    }
    assert seen == expected
    strict = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
    assert {e.uid: e.summary for e in strict.events} == {k: v[0] for k, v in expected.items()}
    (parsed,) = vobject.readComponents(data.decode("utf-8"))
    assert sorted(v.uid.value for v in getattr(parsed, "vevent_list", [])) == sorted(expected)
    if js:
        out = subprocess.run(
            ["node", str(JS / "parse.mjs"), str(folder / "all.ics")],
            capture_output=True,
            text=True,
            check=True,
        )
        events = json.loads(out.stdout)[str(folder / "all.ics")]["events"]
        assert {e["uid"]: e["summary"] for e in events} == {k: v[0] for k, v in expected.items()}


@given(plan_yaml(), st.sampled_from(["en", "vi"]), st.booleans())
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_valid_plan_round_trips_through_every_parser(
    generated: tuple[str, list[dict[str, object]]], lang: str, with_js: bool
) -> None:
    text, events = generated
    js = with_js and shutil.which("node") is not None and (JS / "node_modules" / "ical.js").is_dir()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "plan"
        (root / "schedules").mkdir(parents=True)
        shutil.copytree(REPO / "seeds", root / "seeds")
        (root / "schedules" / "plan.yaml").write_text(text, encoding="utf-8")
        api.build(root, Path(tmp) / "site", STAMP, lang)  # type: ignore[arg-type]
        loaded = read_plan(root).plan.events
        assert [e.id for e in loaded] == [e["id"] for e in events]
        assert [
            {k: v for k, v in dataclasses.asdict(e.title).items() if v is not None} for e in loaded
        ] == [e["title"] for e in events]
        parsers_see(Path(tmp) / "site", lang, js)


def test_ical_js_is_there_in_ci() -> None:
    require(
        shutil.which("node") is not None and (JS / "node_modules" / "ical.js").is_dir(),
        "node with ical.js",
    )


@st.composite
def mutated_plan_folder_text(draw: st.DrawFn) -> tuple[str, bytes]:
    path = draw(st.sampled_from(sorted((REPO / "schedules").glob("*.yaml"))))
    data = bytearray(path.read_bytes())
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        data[at : at + draw(st.integers(0, 30))] = draw(
            st.sampled_from(
                [b"", b"x", b"2026-02-30", b"\n  - ", b": ", b"'", b"events", b"cptpp", b"20"]
            )
        )
    return path.name, bytes(data)


@given(mutated_plan_folder_text())
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_check_of_a_mutated_bundled_plan_raises_only_plan_errors(
    mutation: tuple[str, bytes],
) -> None:
    name, data = mutation
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copytree(REPO / "schedules", root / "schedules")
        shutil.copytree(REPO / "seeds", root / "seeds")
        (root / "schedules" / name).write_bytes(data)
        try:
            api.check(root)
        except PlanError as exc:
            assert exc.problems and all(p.line >= 1 for p in exc.problems)
