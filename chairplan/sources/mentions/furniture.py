"""Page furniture: the " date" header, publication stamps and datelines. No mention is read in
them, but they tell when the article was published.

A stamp or a dateline starts a line (or follows the header): "Published May 6, 2026, 08:15",
"Thứ Sáu, 21/11/2025 - 14:30", "19:05 | 23/03/2025 14:43 | 28/01/2026", "Hanoi, November 6
(VNA) –". The same words inside a sentence are a mention.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re

from .anchor import Anchor
from .language import detect_language
from .patterns import MONTH_NAME, MONTHS, WEEKDAY_NAME, YEAR_DIGITS

__all__ = ["HEADER", "furniture_spans", "publication_anchor"]

HEADER = re.compile(r"\A\s*date\s+(?P<y>\d{4})-(?P<mo>\d{2})(?:-(?P<d>\d{2}))?")

_ORD = r"(?:st|nd|rd|th)?"
# The dates stamps print: "06/05/2026", "2026-05-06", "May 6, 2026", "6 May 2026", and Vietnam
# News' "November, 06/2018"; with the weekday some sites put first, in either language.
_NUMERIC = rf"(?P<a>\d{{1,2}})[/.-](?P<b>\d{{1,2}})[/.-](?P<y>{YEAR_DIGITS})"
_ISO = rf"(?P<iy>{YEAR_DIGITS})-(?P<imo>\d{{2}})-(?P<id>\d{{2}})"
_MONTH_FIRST = (
    rf"(?P<mon>{MONTH_NAME}),?[ \t]+(?P<md>\d{{1,2}}){_ORD}(?:,?[ \t]+|/)(?P<my>{YEAR_DIGITS})"
)
_DAY_FIRST = rf"(?P<dd>\d{{1,2}}){_ORD}[ \t]+(?P<dmon>{MONTH_NAME}),?[ \t]+(?P<dy>{YEAR_DIGITS})"
_DATE = rf"(?:{_NUMERIC}|{_ISO}|{_MONTH_FIRST}|{_DAY_FIRST})(?!\d)"
_WEEKDAY = (
    rf"(?:{WEEKDAY_NAME}|(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\.?"
    r"|(?i:thứ[ \t]+(?:hai|ba|tư|năm|sáu|bảy)|chủ[ \t]+nhật)),?[ \t]+(?:(?i:ngày)[ \t]+)?"
)
_TIME = r"\d{1,2}[:h]\d{2}(?::\d{2})?(?:[ \t]*[AaPp]\.?[Mm]\b\.?)?"
_ZONE = r"(?:\(?(?:GMT|UTC)[ \t]*[+-][ \t]*\d{1,2}(?::?\d{2})?\)?|\b(?:ICT|MYT|PHT|SGT)\b)"
_LABEL = (
    r"(?i:(?:last[ \t]+|first[ \t]+)?(?:published|updated?|posted|modified)|cập[ \t]+nhật"
    r"|ngày[ \t]+đăng|đăng|xuất[ \t]+bản)(?:[ \t]+(?i:on|at|lúc|ngày|vào))?[ \t]*:?[ \t]*"
)
_ITEM = rf"(?:{_WEEKDAY})?{re.sub(r'[?]P<[a-z]+>', '?:', _DATE)}|{_TIME}|{_ZONE}"
_SEPARATOR = r"(?:[ \t]*[,|·•][ \t]*|[ \t]*[-–—]+[ \t]*|[ \t]+)"
_STAMP = rf"(?P<label>{_LABEL})?(?:{_ITEM})(?:{_SEPARATOR}(?:{_LABEL})?(?:{_ITEM}))*"
# "Hanoi, November 6 (VNA) –", "Kuala Lumpur, Nov 6 (Bernama) --", "Hà Nội, 6/11 (TTXVN) -".
_PLACE = r"(?=[^\n,]{1,40},)[^\W\d_][\w.'’-]*(?:[ \t]+[^\W\d_][\w.'’-]*){0,3}"
_DATELINE = (
    rf"(?P<place>{_PLACE}),[ \t]*(?:(?i:ngày)[ \t]+)?(?:(?P<lmon>{MONTH_NAME})[ \t]+(?P<ld>\d{{1,2}})"
    rf"{_ORD}|(?P<ld2>\d{{1,2}}){_ORD}[ \t]+(?P<lmon2>{MONTH_NAME})|(?P<ld3>\d{{1,2}})/(?P<lmo>\d{{1,2}}))"
    rf"(?:,?[ \t]+(?P<ly>{YEAR_DIGITS}))?[ \t]*(?:\([^()\n]{{2,40}}\)[ \t]*(?:[-–—]+|:)?|[-–—]+)"
)
# What some sites print before the stamp on its line: "By Minh Thu   June 3, 2026 | 04:18 pm",
# "INQUIRER.net / 12/30/2025 05:10 AM", "VGP - Thursday, 21/05/2026 10:30".
_BEFORE_STAMP = r"(?:By[ \t][^\n]{1,40}?[ \t]{2,}|[^\s\d]{2,20}[ \t]+[/|·•\-–—][ \t]+)"
# Every stamp and dateline has a digit near the start of its line: other lines are let go at once.
_FURNITURE = (
    rf"(?=[^\n\d]{{0,50}}\d)[ \t]*(?:{_BEFORE_STAMP}?(?P<stamp>{_STAMP})|(?P<dateline>{_DATELINE}))"
)
_FIRST_LINE = re.compile(_FURNITURE)
_LATER_LINE = re.compile(rf"\n{_FURNITURE}")  # found by the line break: the engine skips to it
_DATE_IN_STAMP = re.compile(_DATE)
_TIME_IN_STAMP = re.compile(_TIME)
Hint = tuple[int | None, int | None, int | None]  # a year, month and day, each perhaps unknown
Dateline = tuple[int, int, int | None]  # a dateline's month, day and (rarely) year
_PUBLISHED = re.compile(
    r"(?i:published|posted|first[ \t]+published|đăng|ngày[ \t]+đăng|xuất[ \t]+bản)"
)
_SAMPLE = 2000  # characters enough to tell the language by
# A month named in the text ("May 7", "tháng 5"): each way begins with a plain letter, so the
# engine skips to it.
_NAMED_MONTH = {
    n: re.compile(
        rf"{max((m for m, k in MONTHS.items() if k == n), key=len).title()}(?!\w)|tháng {n}(?!\d)"
    )
    for n in range(1, 13)
}
_VIETNAM_TIME = re.compile(r"\+[ \t]*0?7\b|\bICT\b")


@functools.lru_cache(maxsize=2)
def _furniture(text: str) -> tuple[re.Match[str], ...]:
    """The stamps and datelines at the start of a line, in order; kept for the last texts, as
    callers ask for the publication date of a text and then for its mentions."""
    header = HEADER.match(text)
    first = _FIRST_LINE.match(text, header.end() if header else 0)
    return tuple(
        found
        for found in itertools.chain([first] if first else [], _LATER_LINE.finditer(text))
        if (_is_stamp(found) if found["stamp"] else _is_dateline(found))
    )


def _is_stamp(found: re.Match[str]) -> bool:
    """A date with a label, a time or a pipe, or alone on its line ("06/05/2026"): a sentence
    that opens with a date ("21/11/2025, the ministry ...") has none of them, nor one written
    with "ngày" ("Thứ Tư, ngày 6/5/2026") as a sentence writes it."""
    words = found["stamp"]
    if not any(_readings(date) for date in _DATE_IN_STAMP.finditer(words)):
        return False
    if found["label"] or "|" in words or _TIME_IN_STAMP.search(words):
        return True
    text, end = found.string, found.end()
    line_end = text.find("\n", end)
    alone = not text[end : line_end if line_end >= 0 else len(text)].strip()
    return alone and "ngày" not in words.lower()


def _is_dateline(found: re.Match[str]) -> bool:
    return all(word[0].isupper() for word in found["place"].split())


def furniture_spans(text: str) -> list[tuple[int, int]]:
    """Where the header, the stamps and the datelines stand: no mention is read there."""
    header = HEADER.match(text)
    spans = [(0, header.end())] if header else []
    return spans + [f.span("stamp" if f["stamp"] else "dateline") for f in _furniture(text)]


def _header(text: str) -> Anchor:
    header = HEADER.match(text)
    if header is None or not 1 <= int(header["mo"]) <= 12:
        return Anchor()
    day = _valid(int(header["y"]), int(header["mo"]), int(header["d"] or 1))
    if day is None:
        return Anchor()
    return Anchor(day.year, day.month, day.day if header["d"] else None, "the header")


def _valid(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _dateline_day(found: re.Match[str]) -> Dateline | None:
    """A dateline's month, day and year (None when, as usual, it gives none)."""
    if found["lmon"] or found["lmon2"]:
        month = MONTHS[(found["lmon"] or found["lmon2"]).rstrip(".").lower()]
        day = int(found["ld"] or found["ld2"])
    else:
        month, day = int(found["lmo"]), int(found["ld3"])
    if _valid(2000, month, day) is None:  # a leap year: "February 29" may be a date
        return None
    return month, day, int(found["ly"]) if found["ly"] else None


def _readings(date: re.Match[str]) -> list[dt.date]:
    """The days a stamp's date can be: two for "06/05/2026", day first or month first."""
    if date["iy"]:
        readings = [_valid(int(date["iy"]), int(date["imo"]), int(date["id"]))]
    elif date["mon"] or date["dmon"]:
        month = MONTHS[(date["mon"] or date["dmon"]).rstrip(".").lower()]
        readings = [_valid(int(date["my"] or date["dy"]), month, int(date["md"] or date["dd"]))]
    else:
        a, b, year = int(date["a"]), int(date["b"]), int(date["y"])
        readings = [_valid(year, b, a), _valid(year, a, b)]
    return list(dict.fromkeys(day for day in readings if day is not None))


def _stamp_day(stamp: str, text: str, hint: Hint) -> dt.date | None:
    """The publication day a stamp gives: its first date after "Published", else its latest
    (the last edit, as in "19:05 | 23/03/2025 14:43 | 28/01/2026")."""
    days = [_reading(date, text, hint) for date in _DATE_IN_STAMP.finditer(stamp)]
    known = [day for day in days if day is not None]
    if not known:
        return None
    return known[0] if _PUBLISHED.match(stamp) else max(known)


def _reading(date: re.Match[str], text: str, hint: Hint) -> dt.date | None:
    """ "06/05/2026" is read as the header's month or the dateline's day allows, else as the
    month the article names ("May 7 and 8"), else day first on a Vietnamese page or with
    Vietnam's time (GMT+7) and month first, US style, on an English one."""
    readings = _readings(date)
    fitting = [day for day in readings if _fits(day, hint)] or readings
    if len(fitting) < 2:
        return fitting[0] if fitting else None
    named = [day for day in fitting if _names_month(text, day.month)]
    if len(named) == 1:
        return named[0]
    day_first = _VIETNAM_TIME.search(date.string) or detect_language(text[:_SAMPLE]) == "vi"
    return fitting[0] if day_first else fitting[1]


def _names_month(text: str, month: int) -> bool:
    return _NAMED_MONTH[month].search(text) is not None


def _fits(day: dt.date, hint: Hint) -> bool:
    return all(
        known in (None, part)
        for known, part in zip(hint, (day.year, day.month, day.day), strict=True)
    )


def publication_anchor(text: str) -> Anchor:
    """What the article says of its publication date: the header's day; else the first page
    stamp's (in the header's month, if it gives one); else the header's month or year, with the
    day of a dateline ("Hanoi, November 6 (VNA) –") in that month."""
    header = _header(text)
    if header.day is not None:
        return header
    found = _furniture(text)
    datelines = [_dateline_day(f) for f in found if f["dateline"]]
    dateline = next((d for d in datelines if d is not None), None)
    hint = _hint(header, dateline)
    for stamp in (f["stamp"] for f in found if f["stamp"]):
        day = _stamp_day(stamp, text, hint)
        if day is not None and _fits(day, (header.year, header.month, None)):
            return Anchor(day.year, day.month, day.day, "a page stamp")
    return _with_dateline(header, dateline)


def _hint(header: Anchor, dateline: Dateline | None) -> Hint:
    """The year, month and day the header and the dateline give, to read a stamp's date by."""
    if dateline is None or header.month not in (None, dateline[0]):
        return header.year, header.month, None
    return header.year or dateline[2], dateline[0], dateline[1]


def _with_dateline(header: Anchor, dateline: Dateline | None) -> Anchor:
    """The header's year and month, made a day by a dateline that agrees with them."""
    if dateline is None:
        return header
    month, day, year = dateline
    year = year or header.year
    if year is None or header.year not in (None, year) or header.month not in (None, month):
        return header
    when = _valid(year, month, day)
    if when is None:
        return header
    source = "the dateline" if header.year is None else f"{header.source} and the dateline"
    return Anchor(when.year, when.month, when.day, source)
