"""Words that name a day, week or month by its distance from the publication date: weekdays,
"today", "ngày mai", "next week", "tuần tới", "this month", "tháng trước"."""

from __future__ import annotations

import datetime as dt
import re

from .anchor import Anchor
from .context import speaks_of_future
from .patterns import DAY_OFFSETS, PERIOD_OFFSETS, WEEKDAYS
from .values import Part, Resolved, counted, read_day

__all__ = ["read_relative_day", "read_relative_period", "read_vi_relative_day", "read_weekday"]


def _monday(day: dt.date, weeks: int) -> dt.date:
    """The Monday of the week `weeks` after the one holding `day` (weeks run Monday to Sunday)."""
    return day - dt.timedelta(days=day.weekday()) + dt.timedelta(weeks=weeks)


def read_weekday(m: re.Match[str], anchor: Anchor) -> Resolved | None:
    name = " ".join(m.group("wd").split()).lower()
    weekday = WEEKDAYS[name.removeprefix("thứ ")]
    published = anchor.need_day()
    week, rel = m.groupdict().get("week"), (m.groupdict().get("rel") or "").lower()
    if week:  # "Wednesday next week", "thứ Tư tuần tới"
        when = _monday(published, PERIOD_OFFSETS[week]) + dt.timedelta(days=weekday)
    else:
        ahead = (weekday - published.weekday()) % 7  # to that weekday, on or after publication
        behind = ahead - 7 if ahead else 0  # to the one on or before it
        # News usage: "on Wednesday" is the publication day or the latest one before it, unless
        # the clause speaks of the future; "next" and "last" skip the publication day, "this"
        # looks ahead.
        offsets = {"next": ahead or 7, "last": behind or -7, "this": ahead}
        bare = ahead if speaks_of_future(m) else behind  # "will meet on Friday" looks ahead
        when = published + dt.timedelta(days=offsets.get(rel, bare))
    return when.isoformat(), "day", "relative"


def _shifted_day(offset: int, anchor: Anchor) -> Resolved:
    when = anchor.need_day() + dt.timedelta(days=offset)
    return when.isoformat(), "day", "relative"


def read_relative_day(m: re.Match[str], anchor: Anchor) -> Resolved | None:
    """ "today", "tomorrow", "yesterday"."""
    return _shifted_day(DAY_OFFSETS[m.group("rel").lower()], anchor)


def read_vi_relative_day(m: re.Match[str], anchor: Anchor) -> Resolved | list[Part] | None:
    """ "hôm nay", "rạng sáng nay", "ngày mai", "tối qua"; "sáng nay (6/5)" is the day written."""
    word, rel = m.group("word").lower(), m.group("rel")
    if word == "ngày" and rel in {"nay", "qua"}:
        return None  # "ngày nay" is "nowadays", "những ngày qua" "the past days"
    if m.group("d"):
        return read_day(m, anchor)
    return _shifted_day(DAY_OFFSETS[rel], anchor)


def read_relative_period(m: re.Match[str], anchor: Anchor) -> Resolved | None:
    """ "this week" (Monday to Sunday), "next month", "tuần tới", "tháng trước"."""
    if counted(m):
        return None  # "2 tuần trước" is "two weeks ago", "những tháng tới" "the coming months"
    offset = PERIOD_OFFSETS[m.group("rel").lower()]
    if m.group("unit").lower() in {"week", "tuần"}:
        monday = _monday(anchor.need_day(), offset)
        sunday = monday + dt.timedelta(days=6)
        return f"{monday.isoformat()}/{sunday.isoformat()}", "range", "relative"
    first = anchor.need_month()
    year, month = divmod(first.year * 12 + first.month - 1 + offset, 12)
    return f"{year:04d}-{month + 1:02d}", "month", "relative"
