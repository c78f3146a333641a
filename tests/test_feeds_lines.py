"""The hand-written content lines are icalendar's bytes: escaping, 75-octet folding, order, dates."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar, Todo, vText
from icalendar import Event as VEvent

from chairplan.export import lines

# Any text a plan can hold, weighted towards what escaping and folding must get right.
VIETNAMESE = "ẢảẠạĂăẮắẰằẲẳẴẵẶặÂâĐđÊêỆệÔôƠơƯưỪừ"
AWKWARD = st.sampled_from([*VIETNAMESE, "\\", "^", ";", ",", ":", '"', "\n", "\r", "N", " ", "😀"])
TEXT = st.text(
    st.one_of(AWKWARD, st.characters(codec="utf-8", exclude_categories=["Cs"])), max_size=200
)
NAMES = st.sampled_from(["SUMMARY", "DESCRIPTION", "LOCATION", "X-CHAIRPLAN-WINDOW", "UID"])


def icalendar_line(component: VEvent | Todo, name: str) -> bytes:
    """The content line icalendar writes for the component's one property `name`."""
    data = component.to_ical()
    start = data.index(b"\r\n" + name.encode()) + 2
    end = data.index(b"\r\n", start)
    while data[end + 2 : end + 3] == b" ":  # a folded line continues
        end = data.index(b"\r\n", end + 2)
    return data[start:end]


@given(NAMES, TEXT)
def test_a_text_line_is_icalendars(name: str, value: str) -> None:
    event = VEvent()
    event.add(name, vText(value))  # X- properties are raw in icalendar unless typed
    assert lines.text(name, value) == icalendar_line(event, name)


@given(TEXT)
def test_text_round_trips_through_icalendar(value: str) -> None:
    data = lines.component("VEVENT", {"SUMMARY": lines.text("SUMMARY", value)}, ())
    parsed = Calendar.from_ical(b"BEGIN:VCALENDAR\r\n" + data + b"END:VCALENDAR\r\n")
    # icalendar turns \N, CRLF and a lone CR into a newline before escaping
    expected = value.replace("\\N", "\n").replace("\r\n", "\n").replace("\r", "\n")
    assert str(parsed.walk("VEVENT")[0]["SUMMARY"]) == expected


@given(st.integers(0, 80), st.sampled_from(["a", "ệ", "😀", "\\", "^"]), st.text("aệ😀\\^,"))
def test_folding_at_the_75_octet_edge(pad: int, edge: str, tail: str) -> None:
    value = "x" * pad + edge + tail
    folded = lines.text("SUMMARY", value)
    event = VEvent()
    event.add("SUMMARY", value)
    assert folded == icalendar_line(event, "SUMMARY")
    physical = folded.split(b"\r\n")
    assert all(len(line) <= 75 for line in physical)
    assert all(line.startswith(b" ") for line in physical[1:])
    assert all(line.decode() for line in physical)  # no character is split between lines


@given(st.lists(TEXT, min_size=1, max_size=4))
def test_categories_are_icalendars(values: list[str]) -> None:
    event = VEvent()
    event.add("categories", values)
    assert lines.texts("CATEGORIES", values) == icalendar_line(event, "CATEGORIES")


ZONES = ["Asia/Ho_Chi_Minh", "Australia/Melbourne", "America/Lima", "UTC"]


@given(st.datetimes(dt.datetime(1990, 1, 1), dt.datetime(2090, 1, 1)), st.sampled_from(ZONES))
def test_dates_and_times_are_icalendars(moment: dt.datetime, zone: str) -> None:
    zoned = moment.replace(tzinfo=ZoneInfo(zone), microsecond=0)
    event = VEvent()
    event.add("dtstart", zoned)
    event.add("dtend", moment.date())
    event.add("dtstamp", moment)  # naive: taken as UTC
    event.add("last-modified", zoned)
    assert lines.date_or_time("DTSTART", zoned) == icalendar_line(event, "DTSTART")
    assert lines.date_or_time("DTEND", moment.date()) == icalendar_line(event, "DTEND")
    assert lines.utc("DTSTAMP", moment) == icalendar_line(event, "DTSTAMP")
    assert lines.utc("LAST-MODIFIED", zoned) == icalendar_line(event, "LAST-MODIFIED")


PROPERTIES = ["UID", "SUMMARY", "DTSTART", "DTEND", "DTSTAMP", "SEQUENCE", "STATUS", "URL"]
PROPERTIES += ["LAST-MODIFIED", "CATEGORIES", "X-CHAIRPLAN-WINDOW", "DESCRIPTION", "DUE"]


@given(st.lists(st.sampled_from(PROPERTIES), unique=True), st.sampled_from([VEvent, Todo]))
def test_properties_come_in_icalendars_order(names: list[str], kind: type[VEvent | Todo]) -> None:
    component = kind()
    for name in names:
        component.add(name, vText("v"))
    ours = lines.component(
        kind.name, {name: lines.text(name, "v") for name in names}, kind.canonical_order or ()
    )
    assert ours == component.to_ical()
