"""What a date mention means: a pattern's match turned into a calendar value, or into one value
per member of a list ("ngày 9 và 10/9")."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from .anchor import Anchor
from .context import speaks_of_future
from .patterns import (
    HALF_WORDS,
    MONTH_NAME,
    MONTHS,
    NUMBER_BEFORE,
    QUANTITY_AFTER,
    QUARTER_WORDS,
    VI_COUNT_BEFORE,
    VI_UNIT_AFTER,
    YEAR_OFFSETS,
)

__all__ = [
    "LEAP_YEAR",
    "Builder",
    "Part",
    "Resolved",
    "counted",
    "dated_year",
    "in_order",
    "is_written",
    "month_number",
    "month_of",
    "month_value",
    "read_bare_day",
    "read_day",
    "read_half",
    "read_month",
    "read_month_list",
    "read_quarter",
    "read_relative_year",
    "read_year",
    "read_year_range",
    "valid_date",
    "year_ref",
]

# A rule's builder turns a match into (value, kind, anchor), or into the parts of a list (each
# its span and value), or None to reject the match; it raises Unanchored for a relative date
# the publication date known is too coarse for.
Resolved = tuple[str, str, str]
Part = tuple[int, int, Resolved]
Builder = Callable[[re.Match[str], Anchor], Resolved | list[Part] | None]

LEAP_YEAR = 2000  # a day and month are checked in a leap year: "29/2" may be a date
_LISTED_DAY = re.compile(r"(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:\s*[/-]\s*(?P<mo>\d{1,2}))?")
_LISTED_MONTH = re.compile(rf"(?P<mon>{MONTH_NAME})|(?P<mo>\d{{1,2}})")
# What may follow "tháng 3, 4" for the 4 to be a month: "in March, 4 projects" is not.
_MONTH_LIST_END = re.compile(r"\s*(?:[^\w\s]|$|(?:tới|này|vừa|qua)\b)")


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def valid_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def month_number(name: str | None) -> int | None:
    return MONTHS.get(name.rstrip(".").lower()) if name else None


def year_ref(ref: str | None, anchor: Anchor) -> tuple[int, str]:
    """The year a reference names ("2026", "this year", "nay"), or the publication year."""
    if ref and ref[:4].isdigit():
        return int(ref[:4]), "explicit"
    word = ref.split()[0].lower() if ref else "this"
    if word == "the" and ref and "current" in ref:
        word = "current"
    return anchor.need_year() + YEAR_OFFSETS.get(word, 0), "relative"


def dated_year(m: re.Match[str], ref: str | None, anchor: Anchor, month: int) -> tuple[int, str]:
    """The year of a date in `month`: written, named ("next year"), or the publication year; but
    a date written without one that would then come two months or more before publication, in
    a clause about the future, falls in the year after ("will host it on January 28", in
    December)."""
    year, how = year_ref(ref, anchor)
    if ref is None and _long_before(anchor, month) and speaks_of_future(m):
        return year + 1, how
    return year, how


def _long_before(anchor: Anchor, month: int) -> bool:
    """Whether a month comes two or more before the publication month."""
    return anchor.month is not None and anchor.month - month >= 2


def month_of(groups: dict[str, str | None], name: str, number: str) -> int | None:
    month = month_number(groups.get(name)) or _int(groups.get(number))
    return month if month is not None and 1 <= month <= 12 else None


def is_written(groups: dict[str, str | None], name: str, number: str) -> bool:
    return bool(groups.get(name) or groups.get(number))


def read_day(m: re.Match[str], anchor: Anchor) -> Resolved | list[Part] | None:
    """A day ("20/11", "March 5"), or each day of a list ("March 10, 11 and 12", "on 20 and 21
    November", "ngày 9 và 10/9")."""
    groups = m.groupdict()
    if groups.get("days"):
        return _day_list(m, anchor)
    month = month_of(groups, "mon", "mo")
    if month is None or valid_date(LEAP_YEAR, month, int(m["d"])) is None:
        return None
    year, how = dated_year(m, groups.get("y"), anchor, month)
    when = valid_date(year, month, int(m["d"]))
    return (when.isoformat(), "day", how) if when else None


def read_bare_day(m: re.Match[str], anchor: Anchor) -> Resolved | list[Part] | None:
    """ "đến 30-6", but not "từ 2-3 năm" (two to three years) nor "đến 1-2 triệu"."""
    end = m.end("m")
    if VI_UNIT_AFTER.match(m.string, end) or QUANTITY_AFTER.match(m.string, end):
        return None
    return read_day(m, anchor)


def in_order(days: list[dt.date], how: str) -> list[dt.date]:
    """Days of a range or list written with one year: one before the one after it crosses New
    Year, into the year before the written one, or after a relative one, into the next."""
    if how == "explicit":
        for i in range(len(days) - 2, -1, -1):
            if days[i] > days[i + 1]:
                days[i] = _years_later(days[i], -1)
    else:
        for i in range(1, len(days)):
            if days[i] < days[i - 1]:
                days[i] = _years_later(days[i], 1)
    return days


def _years_later(day: dt.date, years: int) -> dt.date:
    """The same day `years` later; 29 February becomes the 28th in a common year."""
    return valid_date(day.year + years, day.month, day.day) or day.replace(
        year=day.year + years, day=28
    )


def month_value(first: dt.date) -> str:
    return f"{first.year:04d}-{first.month:02d}"


def _members(m: re.Match[str], group: str, item: re.Pattern[str]) -> list[re.Match[str]]:
    return list(item.finditer(m.string, m.start(group), m.end(group)))


def _opened(spans: list[tuple[int, int]], m: re.Match[str]) -> list[tuple[int, int]]:
    """The first member begins the mention, with the "ngày" or "tháng" before it."""
    return [(m.start("m"), spans[0][1]), *spans[1:]]


def _listed_days(
    m: re.Match[str], anchor: Anchor, listed: list[tuple[int, int]], spans: list[tuple[int, int]]
) -> list[Part] | None:
    """One day mention per (day, month) listed, in the list's year."""
    if len(set(listed)) < len(listed):
        return None
    if any(not 1 <= mo <= 12 or valid_date(LEAP_YEAR, mo, d) is None for d, mo in listed):
        return None
    year, how = dated_year(m, m.groupdict().get("y"), anchor, listed[0][1])
    days = [valid_date(year, mo, d) for d, mo in listed]
    if any(d is None for d in days):
        return None  # 29 February in a common year
    ordered = in_order([d for d in days if d is not None], how)
    return [(s, e, (d.isoformat(), "day", how)) for (s, e), d in zip(spans, ordered, strict=True)]


def _day_list(m: re.Match[str], anchor: Anchor) -> list[Part] | None:
    """The month is written with the first day ("March 10, 11 and 12") or the last ("20 and 21
    November", "ngày 9 và 10/9", where a day may have its own: "ngày 30/11 và 1/12")."""
    month = month_of(m.groupdict(), "mon", "mo")
    if month is None:
        return None
    members = _members(m, "days", _LISTED_DAY)
    listed = [(int(f["d"]), int(f["mo"]) if f["mo"] else month) for f in members]
    if m.start("days") > m.start("d"):
        spans = [(m.start("m"), m.end("d")), *(f.span() for f in members)]
        spans[-1] = (spans[-1][0], m.end("m"))
        return _listed_days(m, anchor, [(int(m["d"]), month), *listed], spans)
    spans = [*_opened([f.span() for f in members], m), (m.start("d"), m.end("m"))]
    return _listed_days(m, anchor, [*listed, (int(m["d"]), month)], spans)


def read_month_list(m: re.Match[str], anchor: Anchor) -> list[Part] | None:
    """ "March and April 2026", "tháng 3, 4", "tháng 3 và 4 năm 2026"; where the list does not
    end as a list of months does, its first month alone ("tháng 3, 4 dự án")."""
    groups = m.groupdict()
    last = month_of(groups, "mon", "mo")
    members = _members(m, "months", _LISTED_MONTH)
    months = [month_of(f.groupdict(), "mon", "mo") for f in members]
    if last is None or None in months:
        return None
    spans = _opened([f.span() for f in members], m)
    if not _month_list_ends(m):
        year, how = year_ref(None, anchor)
        return [(*spans[0], (f"{year}-{months[0]:02d}", "month", how))]
    year, how = dated_year(m, groups.get("y") or groups.get("yr"), anchor, months[0] or last)
    firsts = in_order([dt.date(year, mo, 1) for mo in [*months, last] if mo is not None], how)
    if len(set(firsts)) < len(firsts):
        return None
    spans.append((m.start("mon") if groups.get("mon") else m.start("mo"), m.end("m")))
    return [(s, e, (month_value(d), "month", how)) for (s, e), d in zip(spans, firsts, strict=True)]


def _month_list_ends(m: re.Match[str]) -> bool:
    """ "tháng 3 và 4" is two months unless a count follows ("và 4 người"); "tháng 3, 4" only
    before a stop, a year or "tới" ("tháng 3, 4 dự án" is "in March, 4 projects")."""
    joint, end = m.groupdict().get("joint"), m.end("m")
    if joint is None or m.group("y") or m.group("yr"):
        return True
    if "và" in joint:
        return not (VI_UNIT_AFTER.match(m.string, end) or QUANTITY_AFTER.match(m.string, end))
    return _MONTH_LIST_END.match(m.string, end) is not None


def read_month(m: re.Match[str], anchor: Anchor) -> Resolved | list[Part] | None:
    """A month ("March 2026", "tháng 3"), or each month of a list ("tháng 3 và 4")."""
    if m.groupdict().get("months"):
        return read_month_list(m, anchor)
    groups = m.groupdict()
    found = month_of(groups, "mon", "mo")
    if found is None:
        return None
    year, how = dated_year(m, groups.get("y") or groups.get("yr"), anchor, found)
    return f"{year}-{found:02d}", "month", how


def read_quarter(m: re.Match[str], anchor: Anchor) -> Resolved | None:
    groups = m.groupdict()
    if "pre" in groups and not (groups["pre"] or groups["yr"]):
        return None  # a bare "Q2" is a label, not a date
    word = m.group("q").lower()
    if word in {"last", "final"} and not groups["yr"]:
        return None  # "the last quarter" is the one before publication, not Q4
    number = QUARTER_WORDS.get(word) or int(word)
    year, how = dated_year(m, groups["yr"], anchor, 3 * number)  # by its last month
    return f"{year}-Q{number}", "quarter", how


def read_half(m: re.Match[str], anchor: Anchor) -> Resolved | None:
    number = HALF_WORDS[m.group("h").lower()]
    year, how = dated_year(m, m.group("yr"), anchor, 6 * number)  # by its last month
    return f"{year}-H{number}", "half", how


def read_year(m: re.Match[str], anchor: Anchor) -> Resolved | None:
    text = m.string
    before = text[max(0, m.start("m") - 8) : m.start("m")]  # a window: keeps long texts linear
    if QUANTITY_AFTER.match(text, m.end("m")) or NUMBER_BEFORE.search(before):
        return None
    return m.group("y" if "y" in m.re.groupindex else "m"), "year", "explicit"


def counted(m: re.Match[str]) -> bool:
    """ "những năm tới", "2 tuần trước", "một tháng sau": a count of years, weeks or months."""
    return bool(VI_COUNT_BEFORE.search(m.string[max(0, m.start("m") - 12) : m.start("m")]))


def read_relative_year(m: re.Match[str], anchor: Anchor) -> Resolved | None:
    if counted(m):
        return None
    found, how = year_ref(m.group("rel"), anchor)
    return str(found), "year", how


def read_year_range(m: re.Match[str], anchor: Anchor) -> Resolved | None:
    conn, pre = m.group("conn"), (m.group("pre") or "").lower()
    if (conn == "and" and pre != "between") or (conn in {"đến", "tới"} and pre != "từ"):
        return None  # "đến năm 2030" alone means "by 2030"
    first, last = m.group("y1"), m.group("y2")
    if len(last) == 2:  # "2021-25"
        last = first[:2] + last
    if not 0 < int(last) - int(first) <= 50:
        return None  # "2026-03" is a month, not a range of years
    return f"{first}/{last}", "yearrange", "explicit"
