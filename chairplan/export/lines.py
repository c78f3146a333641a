"""iCalendar content lines written directly, byte for byte as icalendar 7 writes them, but fast.

Building icalendar's component objects costs far more than the feed is worth at 10,000 events, so
events and to-dos are written here as content lines: TEXT escaped as vText, folded before 75 octets
as icalendar's folding does, properties in icalendar's order. Dates and times still go through
icalendar's own vDDDTypes. tests/test_feeds_lines.py holds this to icalendar's bytes.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping

from icalendar import vDDDTypes
from icalendar.caselessdict import canonsort_keys

__all__ = [
    "FOLD_AT",
    "Lines",
    "component",
    "date",
    "date_or_time",
    "escape",
    "fold",
    "raw",
    "text",
    "texts",
    "utc",
]

FOLD_AT = 74  # icalendar starts a new line before one would reach 75 octets
_CRLF = b"\r\n"

Lines = dict[str, bytes]  # property name -> its folded content line, without CRLF


def escape(text: str) -> str:
    """A TEXT value escaped as icalendar's vText(text).to_ical() escapes it (RFC 5545 3.3.11)."""
    return (
        text.replace("\\N", "\n")  # icalendar's order: the same bytes for the same text
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> bytes:
    """The line in UTF-8, folded as icalendar folds it: whole characters, escapes kept whole."""
    data = line.encode()
    if len(data) <= FOLD_AT:
        return data
    parts, start = [], 0
    while len(data) - start > FOLD_AT:
        end = start + FOLD_AT
        while data[end] & 0xC0 == 0x80:  # a UTF-8 continuation byte: never split a character
            end -= 1
        if data[end - 1] in b"\\^":  # nor an escape from what it escapes
            end -= 1
        parts.append(data[start:end])
        start = end
    parts.append(data[start:])
    return b"\r\n ".join(parts)


def text(name: str, value: str) -> bytes:
    """A TEXT property's content line."""
    return fold(f"{name}:{escape(value)}")


def texts(name: str, values: Iterable[str]) -> bytes:
    """A multi-valued TEXT property (CATEGORIES): each value escaped, joined by commas."""
    return fold(f"{name}:{','.join(escape(v) for v in values)}")


def raw(name: str, value: str, params: str = "") -> bytes:
    """A property whose value needs no escaping (integers, URIs, enumerations), with parameters."""
    return fold(f"{name};{params}:{value}" if params else f"{name}:{value}")


def date(name: str, day: dt.date) -> bytes:
    """A DATE property, as icalendar's add() writes a date: VALUE=DATE."""
    return raw(name, f"{day:%Y%m%d}", "VALUE=DATE")


def date_or_time(name: str, value: dt.date | dt.datetime) -> bytes:
    """A DATE or DATE-TIME property: a zoned time carries its TZID, as vDDDTypes writes it."""
    if not isinstance(value, dt.datetime):
        return date(name, value)
    typed = vDDDTypes(value)
    return raw(name, typed.to_ical().decode(), typed.params.to_ical(sorted=True).decode())


@functools.lru_cache(maxsize=1024)
def utc(name: str, moment: dt.datetime) -> bytes:
    """A UTC DATE-TIME property (DTSTAMP, LAST-MODIFIED): few distinct moments, so cached."""
    utc_moment = moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment
    return raw(name, f"{utc_moment.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}")


def component(kind: str, lines: Mapping[str, bytes], order: Iterable[str]) -> bytes:
    """BEGIN, the lines sorted as icalendar sorts them (`order` first, the rest by name), END."""
    body = b"".join(lines[name] + _CRLF for name in canonsort_keys(lines.keys(), order))
    return b"BEGIN:" + kind.encode() + _CRLF + body + b"END:" + kind.encode() + _CRLF
