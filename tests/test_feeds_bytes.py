"""Byte-level rules of every feed, and YAML text that must stay inside its property."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import vobject
from hypothesis import given, settings
from hypothesis import strategies as st
from ical.calendar_stream import IcsCalendarStream
from icalendar import Calendar

from .feedtools import FIXTURES, REPO, built, copy_plan, feed_of, icalendar_writes, uid

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


def test_feeds_are_the_bytes_icalendar_writes(feeds: dict[str, bytes]) -> None:
    for name, data in feeds.items():
        assert data == icalendar_writes(data), name


def _one_event(**fields: object) -> bytes:
    """all.ics of a plan of one event (given fields over a plain one), from the real writer."""
    event = {"id": "e", "title": "t", "when": "2026-03-10", "body": "b", **fields}
    return feed_of({"bodies": [{"id": "b", "short": "B", "name": "B"}], "events": [event]})


def _lines_of(data: bytes, name: bytes) -> list[bytes]:
    """The physical lines of the event's property `name`: its first line and its continuations."""
    lines = data.split(b"\r\n")
    start = next(i for i, line in enumerate(lines) if line.startswith(name + b":"))
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith(b" "))
    return lines[start:end]


def test_newlines_cannot_open_a_new_component() -> None:
    notes = "Meeting\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:pwned\rlone\r\nCRLF"
    data = _one_event(notes=notes)
    assert (
        b"DESCRIPTION:Meeting\\nEND:VEVENT\\nBEGIN:VEVENT\\nSUMMARY:pwned\\nlone\\nCRLF\\n\\n"
        in b"".join(unfolded(data))
    )
    assert data == icalendar_writes(data)
    assert len(Calendar.from_ical(data).walk("VEVENT")) == 1
    calendar = vobject.readOne(data.decode())
    assert len(calendar.vevent_list) == 1
    assert calendar.vevent.description.value.startswith(
        "Meeting\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:pwned\nlone\nCRLF\n\n"
    )


def test_commas_semicolons_backslashes_are_escaped() -> None:
    data = _one_event(title="a,b;c\\d", level="ministers", participants=["x"])
    lines = unfolded(data)
    assert b"SUMMARY:a\\,b\\;c\\\\d" in lines
    assert data == icalendar_writes(data)
    component = Calendar.from_ical(data).walk("VEVENT")[0]
    assert str(component["SUMMARY"]) == "a,b;c\\d"
    (strict,) = IcsCalendarStream.calendar_from_ics(data.decode()).events
    assert strict.summary == "a,b;c\\d"
    assert vobject.readOne(data.decode()).vevent.summary.value == "a,b;c\\d"


def test_backslash_n_as_icalendar_writes_it() -> None:
    # icalendar (and so chairplan) writes the two characters \N of plan text as a line break, \n,
    # the escape RFC 5545 also reads as one; a backslash before anything else stays a backslash.
    data = _one_event(title="a\\Nb \\nc")
    assert b"SUMMARY:a\\nb \\\\nc" in unfolded(data)
    assert data == icalendar_writes(data)
    assert str(Calendar.from_ical(data).walk("VEVENT")[0]["SUMMARY"]) == "a\nb \\nc"


def test_categories_are_escaped_one_by_one() -> None:
    data = feed_of(
        {
            "bodies": [{"id": "b", "short": "a,b;c\\d", "name": "B"}],
            "events": [
                {"id": "e", "title": "t", "when": "2026-03-10", "body": "b", "level": "ministers"}
            ],
        }
    )
    assert b"CATEGORIES:a\\,b\\;c\\\\d,ministers" in unfolded(data)
    assert data == icalendar_writes(data)
    assert Calendar.from_ical(data).walk("VEVENT")[0].categories == ["a,b;c\\d", "ministers"]


# A line is folded before it would reach 75 octets: "SUMMARY:" and 66 octets more fill one.
@pytest.mark.parametrize(
    ("title", "folded"),
    [
        ("x" * 66 + "y" * 10, [b"SUMMARY:" + b"x" * 66, b" " + b"y" * 10]),
        # the three octets of ệ would straddle the edge: the whole character moves on
        ("x" * 65 + "ệ" + "y" * 10, [b"SUMMARY:" + b"x" * 65, " ệ".encode() + b"y" * 10]),
        # and so does an escape: a backslash is never left at the end of a line
        ("x" * 65 + ",y", [b"SUMMARY:" + b"x" * 65, b" \\,y"]),
        ("x" * 65 + "\\y", [b"SUMMARY:" + b"x" * 65, b" \\\\y"]),
        (
            "x" * 64 + ";" + "😀" * 20,
            [b"SUMMARY:" + b"x" * 64 + b"\\;", b" " + "😀".encode() * 18, b" " + "😀".encode() * 2],
        ),
    ],
    ids=["at-the-edge", "utf-8-character", "comma-escape", "backslash-escape", "semicolon-emoji"],
)
def test_folds_keep_characters_and_escapes_whole(title: str, folded: list[bytes]) -> None:
    data = _one_event(title=title)
    assert _lines_of(data, b"SUMMARY") == folded
    assert data == icalendar_writes(data)
    assert str(Calendar.from_ical(data).walk("VEVENT")[0]["SUMMARY"]) == title


# Plan text as the YAML reader lets it through (no control characters but CR and LF), weighted
# towards what escaping and folding must get right.
TEXT = st.text(
    st.sampled_from([*'ệẢ😀\\;,:"^N \r'])
    | st.characters(codec="utf-8", categories=["L", "M", "N", "P", "S", "Zs"]),
    min_size=1,
    max_size=160,
).filter(str.strip)


@given(TEXT, TEXT | TEXT.map(lambda s: s.replace("N", "\n")), TEXT)
@settings(max_examples=60, deadline=None)
def test_any_text_is_written_as_icalendar_writes_it(title: str, notes: str, short: str) -> None:
    data = feed_of(
        {
            "bodies": [{"id": "b", "short": short, "name": "B"}],
            "events": [
                {"id": "e", "title": title, "when": "2026-03-10", "body": "b", "notes": notes}
            ],
        }
    )
    assert data == icalendar_writes(data)
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    # icalendar writes \N, CRLF and a lone CR as a newline; the rest comes back as it was
    read = title.replace("\\N", "\n").replace("\r\n", "\n").replace("\r", "\n")
    event = Calendar.from_ical(data).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == read
    (strict,) = IcsCalendarStream.calendar_from_ics(data.decode()).events
    assert strict.summary == read


def test_long_vietnamese_title_folds_and_unfolds_intact(tmp_path: Path) -> None:
    files = built(copy_plan(FIXTURES / "tricky", tmp_path / "plan"), tmp_path / "site", lang="vi")
    title = next(
        e
        for e in Calendar.from_ical(files["all.ics"]).walk("VEVENT")
        if str(e["UID"]) == uid("long-vi")
    )
    assert str(title["SUMMARY"]).startswith("Hội nghị Bộ trưởng Kinh tế các nước thành viên")
    assert str(title["SUMMARY"]).endswith("tổ chức tại thủ đô Hà Nội, Việt Nam")
    assert len(str(title["SUMMARY"]).encode()) > 150
