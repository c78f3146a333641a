"""Byte-level rules of every feed, and YAML text that must stay inside its property."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import vobject
from icalendar import Calendar

from chairplan.export.artefacts import artefacts
from chairplan.export.ics import Context, FeedMeta, calendar_bytes, event_component
from chairplan.export.revisions import Revisions
from chairplan.export.site import prepare
from chairplan.model import Event, Plan, PlanFile, validate

from .feedtools import FIXTURES, REPO, STAMP, built, copy_plan

PLANS = [REPO, FIXTURES / "tricky", FIXTURES / "minimal", FIXTURES / "empty"]


@pytest.fixture(scope="module", params=PLANS, ids=lambda p: p.name)
def feeds(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, bytes]:
    base = tmp_path_factory.mktemp("bytes")
    files = built(copy_plan(request.param, base / "plan"), base / "site")
    return {name: data for name, data in files.items() if name.endswith(".ics")}


def unfolded(data: bytes) -> list[bytes]:
    return data.replace(b"\r\n ", b"").split(b"\r\n")


def test_lines_are_crlf_short_and_whole_utf8(feeds: dict[str, bytes]) -> None:
    for name, data in feeds.items():
        assert data.endswith(b"END:VCALENDAR\r\n"), name
        assert b"\n" not in data.replace(b"\r\n", b""), f"{name}: bare LF"
        assert b"\r" not in data.replace(b"\r\n", b""), f"{name}: bare CR"
        for line in data.split(b"\r\n"):
            assert len(line) <= 75, f"{name}: {len(line)} octets: {line!r}"
            line.decode("utf-8")  # a fold inside a character would leave half of it on each line


def test_no_control_characters(feeds: dict[str, bytes]) -> None:
    for name, data in feeds.items():
        assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", data), name


def test_every_component_has_uid_and_dtstamp(feeds: dict[str, bytes]) -> None:
    for name, data in feeds.items():
        for component in Calendar.from_ical(data).walk():
            if component.name in ("VEVENT", "VTODO"):
                assert "UID" in component and "DTSTAMP" in component, (name, component)


def test_every_tzid_has_its_vtimezone(feeds: dict[str, bytes]) -> None:
    for name, data in feeds.items():
        lines = unfolded(data)
        used = {
            m.group(1) for line in lines for m in [re.search(rb";TZID=([^;:]+)[;:]", line)] if m
        }
        defined = {line[len(b"TZID:") :] for line in lines if line.startswith(b"TZID:")}
        assert used <= defined, name


def test_timed_events_carry_their_zone(tmp_path: Path) -> None:
    files = built(copy_plan(FIXTURES / "tricky", tmp_path / "plan"), tmp_path / "site")
    lines = unfolded(files["all.ics"])
    assert b"DTSTART;TZID=Asia/Ho_Chi_Minh:20260311T090000" in lines
    assert b"DTSTART;TZID=Australia/Melbourne:20261004T180000" in lines
    assert b"TZID:Australia/Melbourne" in lines and b"TZID:Asia/Ho_Chi_Minh" in lines


def _one_event(**fields: object) -> bytes:
    event = validate(Event, {"id": "e", "title": "t", "when": "2026-03-10", "body": "b", **fields})
    component = event_component(event, Context("en", "chairplan", {}, {}))
    component.add("dtstamp", STAMP)
    return calendar_bytes(FeedMeta("x.ics", "x", "x"), [component], (2020, 2040))


def test_newlines_cannot_open_a_new_component() -> None:
    notes = "Meeting\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:pwned\rlone"
    data = _one_event(notes=notes)
    assert b"DESCRIPTION:Meeting\\nEND:VEVENT\\nBEGIN:VEVENT\\nSUMMARY:pwned\\nlone" in b"".join(
        unfolded(data)
    )
    assert len(Calendar.from_ical(data).walk("VEVENT")) == 1
    calendar = vobject.readOne(data.decode())
    assert len(calendar.vevent_list) == 1
    assert calendar.vevent.description.value.startswith(
        "Meeting\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:pwned\nlone\n"
    )


def test_commas_semicolons_backslashes_are_escaped() -> None:
    data = _one_event(title="a,b;c\\d", level="ministers", participants=["x"])
    lines = unfolded(data)
    assert b"SUMMARY:a\\,b\\;c\\\\d" in lines
    component = Calendar.from_ical(data).walk("VEVENT")[0]
    assert str(component["SUMMARY"]) == "a,b;c\\d"


def test_categories_are_escaped_one_by_one() -> None:
    plan_file = validate(
        PlanFile,
        {
            "bodies": [{"id": "b", "short": "a,b;c\\d", "name": "B"}],
            "events": [
                {"id": "e", "title": "t", "when": "2026-03-10", "body": "b", "level": "ministers"}
            ],
        },
    )
    site, _ = prepare(Plan((("plan.yaml", plan_file),)), Revisions(), STAMP, "en")
    data = b"".join(artefacts(site)["all.ics"])
    assert b"CATEGORIES:a\\,b\\;c\\\\d,ministers" in unfolded(data)
    assert Calendar.from_ical(data).walk("VEVENT")[0].categories == ["a,b;c\\d", "ministers"]


def test_long_vietnamese_title_folds_and_unfolds_intact(tmp_path: Path) -> None:
    files = built(copy_plan(FIXTURES / "tricky", tmp_path / "plan"), tmp_path / "site", lang="vi")
    title = next(
        e
        for e in Calendar.from_ical(files["all.ics"]).walk("VEVENT")
        if str(e["UID"]) == "long-vi@chairplan"
    )
    assert str(title["SUMMARY"]).startswith("Hội nghị Bộ trưởng Kinh tế các nước thành viên")
    assert str(title["SUMMARY"]).endswith("tổ chức tại thủ đô Hà Nội, Việt Nam")
    assert len(str(title["SUMMARY"]).encode()) > 150
