"""What a range means: "March 10 to 13", "từ ngày 28-11 đến 1-12", "từ tháng 3 đến tháng
5/2026", the start taking the range's own year."""

from __future__ import annotations

import datetime as dt
import re

from .anchor import Anchor
from .patterns import QUANTITY_AFTER, VI_UNIT_AFTER
from .values import (
    LEAP_YEAR,
    Resolved,
    dated_year,
    in_order,
    is_written,
    month_of,
    month_value,
    valid_date,
)

__all__ = ["read_month_range", "read_range"]


def read_range(m: re.Match[str], anchor: Anchor) -> Resolved | None:
    """A range of days; the month may be written once ("10-13/3", "March 10 to 13"). Not a
    range of amounts: "từ 2.5-3.5 triệu"."""
    end = m.end("m")
    if QUANTITY_AFTER.match(m.string, end) or VI_UNIT_AFTER.match(m.string, end):
        return None
    groups = m.groupdict()
    month1, month2 = month_of(groups, "mon1", "mo1"), month_of(groups, "mon2", "mo2")
    if (month1 is None and is_written(groups, "mon1", "mo1")) or (
        month2 is None and is_written(groups, "mon2", "mo2")
    ):
        return None  # a month 13
    month1, month2 = month1 or month2, month2 or month1  # "10-13/3", "March 10 to 13"
    d1, d2 = int(m["d1"]), int(m["d2"])
    if month1 is None or month2 is None or (month1, d1) == (month2, d2):
        return None
    if valid_date(LEAP_YEAR, month1, d1) is None or valid_date(LEAP_YEAR, month2, d2) is None:
        return None
    year, how = dated_year(m, groups.get("y"), anchor, month1)
    # "December 29, 2025 to January 2, 2026": the start has its own year
    first_year = int(groups["y1"]) if groups.get("y1") else year
    first, last = valid_date(first_year, month1, d1), valid_date(year, month2, d2)
    if first is None or last is None:
        return None
    if not groups.get("y1"):
        first, last = in_order([first, last], how)
    if last <= first:
        return None
    return f"{first.isoformat()}/{last.isoformat()}", "range", how


def read_month_range(m: re.Match[str], anchor: Anchor) -> Resolved | None:
    """ "từ tháng 3 đến tháng 5/2026", "from March to May": the start takes the range's year."""
    groups = m.groupdict()
    month1, month2 = month_of(groups, "mon1", "mo1"), month_of(groups, "mon2", "mo2")
    if month1 is None or month2 is None or month1 == month2:
        return None
    first_year = int(groups["y1"]) if groups.get("y1") else None
    if first_year and not groups.get("y"):  # "từ tháng 11/2025 đến tháng 2"
        year, how = first_year + 1 if month2 < month1 else first_year, "explicit"
    else:
        year, how = dated_year(m, groups.get("y"), anchor, month1)
    first, last = dt.date(first_year or year, month1, 1), dt.date(year, month2, 1)
    if not first_year:
        first, last = in_order([first, last], how)
    if last <= first:
        return None
    return f"{month_value(first)}/{month_value(last)}", "range", how
