"""What a date mention means: each pattern's match turned into a calendar value."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from dateutil.relativedelta import relativedelta

from .patterns import (
    EN_DAY,
    EN_DAY_DM,
    EN_H,
    EN_HALF,
    EN_MONTH,
    EN_MONTH_BARE,
    EN_Q,
    EN_QUARTER,
    EN_RANGE,
    EN_RANGE_DM,
    EN_REL_YEAR,
    EN_WEEKDAY,
    HALF_WORDS,
    ISO_DAY,
    MONTHS,
    NUM_DAY,
    NUMBER_BEFORE,
    QUANTITY_AFTER,
    QUARTER_WORDS,
    VI_DAY,
    VI_DAY_WORDS,
    VI_HALF,
    VI_MONTH,
    VI_QUARTER,
    VI_RANGE,
    VI_REL_YEAR,
    VI_WEEKDAY,
    VI_YEAR,
    WEEKDAYS,
    YEAR,
    YEAR_OFFSETS,
    YEAR_RANGE,
)

__all__ = ["RULES", "Builder", "Resolved", "month_number", "valid_date"]

# A rule's builder turns a match into (value, kind, anchor), or None to reject the match.
Resolved = tuple[str, str, str]
Builder = Callable[[re.Match[str], dt.date | None], Resolved | None]


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def valid_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def month_number(name: str | None) -> int | None:
    return MONTHS.get(name.rstrip(".").lower()) if name else None


def _year_ref(ref: str | None, published: dt.date | None) -> tuple[int, str] | None:
    """The year a reference names ("2026", "this year", "nay"), or the publication year."""
    if ref and ref[:4].isdigit():
        return int(ref[:4]), "explicit"
    if published is None:
        return None
    word = ref.split()[0].lower() if ref else "this"
    if word == "the" and ref and "current" in ref:
        word = "current"
    return published.year + YEAR_OFFSETS.get(word, 0), "relative"


def _day(m: re.Match[str], published: dt.date | None) -> Resolved | None:
    month = month_number(m.groupdict().get("mon")) or _int(m.groupdict().get("mo"))
    year = _year_ref(m.groupdict().get("y"), published)
    if month is None or year is None:
        return None
    day = valid_date(year[0], month, int(m.group("d")))
    return (day.isoformat(), "day", year[1]) if day else None


def _range(m: re.Match[str], published: dt.date | None) -> Resolved | None:
    groups = m.groupdict()
    if groups.get("conn") == "and" and (groups.get("pre") or "").lower() != "between":
        return None  # "March 10 and 13" lists two days; only "between ... and" is a range.
    month1 = month_number(groups.get("mon1")) or _int(groups.get("mo1"))
    month2 = month_number(groups.get("mon2")) or _int(groups.get("mo2")) or month1
    month1 = month1 or month2  # "10-13/3": the month is written once, at the end
    year = _year_ref(groups.get("y"), published)
    if month1 is None or month2 is None or year is None:
        return None
    first_year = _int(groups.get("y1")) or year[0]  # "December 29, 2025 to January 2, 2026"
    first = valid_date(first_year, month1, int(m.group("d1")))
    last = valid_date(year[0], month2, int(m.group("d2")))
    if first is None or last is None or first == last:
        return None
    if last < first and not groups.get("y1"):  # crosses New Year: the year written is the end's
        if year[1] == "explicit":
            first -= relativedelta(years=1)
        else:
            last += relativedelta(years=1)
    return f"{first.isoformat()}/{last.isoformat()}", "range", year[1]


def _month(m: re.Match[str], published: dt.date | None) -> Resolved | None:
    month = month_number(m.groupdict().get("mon")) or _int(m.groupdict().get("mo"))
    year = _year_ref(m.groupdict().get("y"), published)
    if month is None or not 1 <= month <= 12 or year is None:
        return None
    return f"{year[0]}-{month:02d}", "month", year[1]


def _quarter(m: re.Match[str], published: dt.date | None) -> Resolved | None:
    groups = m.groupdict()
    if "pre" in groups and not (groups["pre"] or groups["yr"]):
        return None  # a bare "Q2" is a label, not a date
    word = m.group("q").lower()
    if word in {"last", "final"} and not groups["yr"]:
        return None  # "the last quarter" is the one before publication, not Q4
    quarter = QUARTER_WORDS.get(word) or int(word)
    year = _year_ref(groups["yr"], published)
    return (f"{year[0]}-Q{quarter}", "quarter", year[1]) if year else None


def _half(m: re.Match[str], published: dt.date | None) -> Resolved | None:
    year = _year_ref(m.group("yr"), published)
    half = HALF_WORDS[m.group("h").lower()]
    return (f"{year[0]}-H{half}", "half", year[1]) if year else None


def _year(m: re.Match[str], published: dt.date | None) -> Resolved | None:
    text = m.string
    before = text[max(0, m.start("m") - 8) : m.start("m")]  # a window: keeps long texts linear
    if QUANTITY_AFTER.match(text, m.end("m")) or NUMBER_BEFORE.search(before):
        return None
    return m.group("y") if "y" in m.groupdict() else m.group("m"), "year", "explicit"


def _relative_year(m: re.Match[str], published: dt.date | None) -> Resolved | None:
    # "những năm tới", "2 năm sau": a count of years, not one year.
    before = m.string[max(0, m.start("m") - 12) : m.start("m")]
    if re.search(r"(?:\d|những|các|nhiều|vài|mấy)\s+$", before, re.IGNORECASE):
        return None
    year = _year_ref(m.group("rel"), published)
    return (str(year[0]), "year", year[1]) if year else None


def _year_range(m: re.Match[str], published: dt.date | None) -> Resolved | None:
    conn, pre = m.group("conn"), (m.group("pre") or "").lower()
    if (conn == "and" and pre != "between") or (conn in {"đến", "tới"} and pre != "từ"):
        return None  # "đến năm 2030" alone means "by 2030"
    first, last = m.group("y1"), m.group("y2")
    if len(last) == 2:  # "2021-25"
        last = first[:2] + last
    if not 0 < int(last) - int(first) <= 50:
        return None  # "2026-03" is a month, not a range of years
    return f"{first}/{last}", "yearrange", "explicit"


def _weekday(m: re.Match[str], published: dt.date | None) -> Resolved | None:
    if published is None:
        return None
    name = " ".join(m.group("wd").split()).lower()
    day = WEEKDAYS[name.removeprefix("thứ ")]
    rel = (m.groupdict().get("rel") or "").lower()
    if rel == "next":
        when = published + relativedelta(days=1, weekday=day(+1))
    elif rel == "last":
        when = published - relativedelta(days=1) + relativedelta(weekday=day(-1))
    elif rel == "this":
        when = published + relativedelta(weekday=day(+1))
    else:  # news usage: "on Wednesday" is the publication day or the latest one before it
        when = published + relativedelta(weekday=day(-1))
    return when.isoformat(), "day", "relative"


# Order breaks ties between equally long matches; longer matches always win.
# fmt: off
RULES: list[tuple[re.Pattern[str], Builder]] = [
    (ISO_DAY, _day), (NUM_DAY, _day), (EN_RANGE, _range), (EN_RANGE_DM, _range),
    (VI_RANGE, _range), (EN_DAY, _day), (EN_DAY_DM, _day), (VI_DAY, _day),
    (VI_DAY_WORDS, _day), (EN_MONTH, _month), (EN_MONTH_BARE, _month), (VI_MONTH, _month),
    (EN_QUARTER, _quarter), (EN_Q, _quarter), (VI_QUARTER, _quarter), (EN_HALF, _half),
    (EN_H, _half), (VI_HALF, _half), (YEAR_RANGE, _year_range), (VI_YEAR, _year),
    (YEAR, _year), (EN_REL_YEAR, _relative_year), (VI_REL_YEAR, _relative_year),
    (EN_WEEKDAY, _weekday), (VI_WEEKDAY, _weekday),
]
