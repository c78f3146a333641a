"""Fuzzy date windows (day, range, month, quarter, half, year) and timed spans, with their arithmetic."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import IntEnum

from dateutil.relativedelta import relativedelta

__all__ = [
    "FIRST_YEAR",
    "FORMS_HINT",
    "LAST_YEAR",
    "Precision",
    "Window",
    "in_plan_years",
    "parse_day",
    "parse_window",
    "point",
    "spanning",
]

FORMS_HINT = (
    "a date must be one of: 2026-05-14 (day), 2026-03-10..2026-03-13 (range), 2026-05 (month), "
    "2026-Q2 or 'Q2 2026' (quarter), 2026-H1 or 'H1 2026' (half), 2026 (year), 2024..2027 (years)"
)

# The years a plan may hold, in every field and form (days, ranges, years:, times, derived dates,
# the day a report is judged by, the build's stamp): wide enough for any chairmanship, narrow enough that a slip of a
# digit (20226, 1026) is caught, and with room past its end for every output's arithmetic.
FIRST_YEAR, LAST_YEAR = 2000, 2100


class Precision(IntEnum):
    """How finely a window is known; a larger value is a finer precision."""

    YEAR = 1
    HALF = 2
    QUARTER = 3
    MONTH = 4
    DAY = 5


_POINT_FORMS = (
    (Precision.DAY, re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})")),
    (Precision.MONTH, re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})")),
    (Precision.QUARTER, re.compile(r"(?P<y>\d{4})-Q(?P<n>\d)|Q(?P<n2>\d) (?P<y2>\d{4})")),
    (Precision.HALF, re.compile(r"(?P<y>\d{4})-H(?P<n>\d)|H(?P<n2>\d) (?P<y2>\d{4})")),
    (Precision.YEAR, re.compile(r"(?P<y>\d{4})")),
)
_LOOSE_DAY = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}")


@dataclass(frozen=True)
class Window:
    """An inclusive span of calendar days known to a given precision.

    A quarter stays a quarter: its `start` is the first day it could be, never a guess of the day.

    >>> q2 = parse_window("2026-Q2")
    >>> q2.start, q2.end, q2.kind, q2.is_firm
    (datetime.date(2026, 4, 1), datetime.date(2026, 6, 30), 'quarter', False)
    >>> q2.contains(parse_window("2026-05-20..2026-05-21"))
    True
    """

    start: dt.date
    end: dt.date
    precision: Precision
    is_range: bool = False
    # A derived window whose ends are not calendar units: the event is somewhere in start..end,
    # known as well as the quarter (say) it was counted from. See `spanning`.
    is_span: bool = False

    @property
    def kind(self) -> str:
        if self.is_span:
            return "span"
        if self.is_range:
            return (
                "range"
                if self.precision is Precision.DAY
                else f"{self.precision.name.lower()}range"
            )
        return "day" if self.precision is Precision.DAY else self.precision.name.lower()

    @property
    def is_firm(self) -> bool:
        """True when the window names exact days (a day or a day range)."""
        return self.precision is Precision.DAY

    def contains(self, other: Window | dt.date) -> bool:
        lo, hi = (other, other) if isinstance(other, dt.date) else (other.start, other.end)
        return self.start <= lo and hi <= self.end

    def overlaps(self, other: Window) -> bool:
        return self.start <= other.end and other.start <= self.end

    def is_past(self, as_of: dt.date) -> bool:
        """True once the whole window lies before `as_of`."""
        return self.end < as_of

    def can_narrow_to(self, other: Window) -> bool:
        """True when `other` is a refinement of this window: inside it and at least as precise.

        >>> parse_window("2026-H1").can_narrow_to(parse_window("2026-03"))
        True
        >>> parse_window("2026-03").can_narrow_to(parse_window("2026-H1"))
        False
        """
        return self.contains(other) and other.precision >= self.precision

    def __str__(self) -> str:
        if self.is_span:  # ISO 8601's interval: no form of the YAML, so never read as one
            return f"{self.start.isoformat()}/{self.end.isoformat()}"
        if self.is_range:
            first = _point_text(self.start, self.precision)
            last = _point_text(_first_of_point(self.end, self.precision), self.precision)
            return f"{first}..{last}"
        return _point_text(self.start, self.precision)

    def label(self) -> str:
        """Human wording, e.g. 'Q2 2026', 'March 2026', '10–13 March 2026'.

        >>> parse_window("2026-03-10..2026-03-13").label()
        '10–13 March 2026'
        >>> parse_window("2026-11..2027-01").label()
        'November 2026 – January 2027'
        >>> parse_window("2027").label()
        '2027'
        """
        s, e = self.start, self.end
        if self.is_span:
            return f"between {s.day} {s:%B %Y} and {e.day} {e:%B %Y}"
        match self.precision:
            case Precision.DAY if self.is_range and s.year == e.year and s.month == e.month:
                return f"{s.day}–{e.day} {s:%B %Y}"
            case Precision.DAY if self.is_range:
                return f"{s.day} {s:%B %Y} – {e.day} {e:%B %Y}"
            case Precision.DAY:
                return f"{s.day} {s:%B %Y}"
            case Precision.MONTH:
                return f"{s:%B %Y}" if not self.is_range else f"{s:%B %Y} – {e:%B %Y}"
            case Precision.QUARTER:
                return f"Q{(s.month - 1) // 3 + 1} {s.year}"
            case Precision.HALF:
                return f"H{(s.month - 1) // 6 + 1} {s.year}"
            case _:
                return str(s.year) if not self.is_range else f"{s.year}–{e.year}"


def _point_text(day: dt.date, precision: Precision) -> str:
    match precision:
        case Precision.DAY:
            return day.isoformat()
        case Precision.MONTH:
            return f"{day.year:04d}-{day.month:02d}"
        case Precision.QUARTER:
            return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
        case Precision.HALF:
            return f"{day.year:04d}-H{(day.month - 1) // 6 + 1}"
        case _:
            return f"{day.year:04d}"


def _first_of_point(day: dt.date, precision: Precision) -> dt.date:
    months = {Precision.MONTH: 1, Precision.QUARTER: 3, Precision.HALF: 6, Precision.YEAR: 12}
    if precision is Precision.DAY:
        return day
    step = months[precision]
    return dt.date(day.year, (day.month - 1) // step * step + 1, 1)


def _last_of_point(day: dt.date, precision: Precision) -> dt.date:
    first = _first_of_point(day, precision)
    months = {Precision.MONTH: 1, Precision.QUARTER: 3, Precision.HALF: 6, Precision.YEAR: 12}
    return (
        first
        if precision is Precision.DAY
        else first + relativedelta(months=months[precision], days=-1)
    )


def spanning(start: dt.date, end: dt.date, precision: Precision) -> Window:
    """The window of the days `start`..`end`, known to `precision`: a derived date's window.

    Exact days are a day or a range; a fuzzy window whose ends fall on its precision's units is
    that unit (or a range of them); any other is a span.

    >>> str(spanning(dt.date(2026, 6, 1), dt.date(2026, 6, 30), Precision.MONTH))
    '2026-06'
    >>> spanning(dt.date(2026, 2, 18), dt.date(2026, 5, 19), Precision.QUARTER).label()
    'between 18 February 2026 and 19 May 2026'
    """
    if precision is Precision.DAY:
        return Window(start, end, precision, is_range=start != end)
    aligned = _first_of_point(start, precision) == start and _last_of_point(end, precision) == end
    if not aligned:
        return Window(start, end, precision, is_span=True)
    one = _first_of_point(start, precision) == _first_of_point(end, precision)
    return Window(start, end, precision, is_range=not one)


def point(year: int, precision: Precision, index: int = 1, day: int = 1) -> Window:
    """The window of one calendar unit: `index` is the month, quarter or half number."""
    if not 1 <= year <= 9999:
        raise ValueError(f"year {year} is out of range")
    if precision is Precision.DAY:
        if not 1 <= index <= 12:
            raise ValueError(f"month {index} does not exist; months run from 01 to 12")
        last = calendar.monthrange(year, index)[1]
        if not 1 <= day <= last:
            raise ValueError(
                f"day is out of range for month: {dt.date(year, index, 1):%B %Y} has {last} days"
            )
        start = dt.date(year, index, day)
        return Window(start, start, precision)
    months = {Precision.MONTH: 1, Precision.QUARTER: 3, Precision.HALF: 6, Precision.YEAR: 12}
    step = months[precision]
    if not 1 <= index <= 12 // step:
        unit = precision.name.lower()
        units = "halves" if unit == "half" else f"{unit}s"
        raise ValueError(f"{unit} {index} does not exist; {units} run from 1 to {12 // step}")
    start = dt.date(year, (index - 1) * step + 1, 1)
    end = start + relativedelta(months=step, days=-1)
    return Window(start, end, precision)


def _parse_point(text: str) -> Window:
    for precision, pattern in _POINT_FORMS:
        m = pattern.fullmatch(text)
        if not m:
            continue
        parts = {k: v for k, v in m.groupdict().items() if v is not None}
        year = int(parts.get("y") or parts["y2"])
        if precision is Precision.DAY:
            return point(year, precision, int(parts["m"]), int(parts["d"]))
        if precision is Precision.YEAR:
            return point(year, precision)
        index = int(parts.get("m") or parts.get("n") or parts["n2"])
        if precision is Precision.MONTH and not 1 <= index <= 12:
            raise ValueError(f"month {index} does not exist; months run from 01 to 12")
        return point(year, precision, index)
    if _LOOSE_DAY.fullmatch(text):
        raise ValueError("date must be written YYYY-MM-DD, e.g. 2026-03-10")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}.*", text):
        raise ValueError(
            "a time needs the timed form: when: {start: 2026-03-10T09:00, end: 2026-03-10T12:00, "
            "tz: Asia/Ho_Chi_Minh}"
        )
    raise ValueError(f"'{text}' is not a date; {FORMS_HINT}")


def parse_window(text: str) -> Window:
    """Parse the written forms of a window; raise ValueError with a message that names the fix.

    A day, a month, a quarter, a half, a year, or a range of two of the same precision:

    >>> [str(parse_window(t)) for t in ("2026-03-10", "2026-03", "2026-Q2", "2026-H2", "2027")]
    ['2026-03-10', '2026-03', '2026-Q2', '2026-H2', '2027']
    >>> parse_window("2026-03-10 .. 2026-03-13")
    Window(start=datetime.date(2026, 3, 10), end=datetime.date(2026, 3, 13), precision=<Precision.DAY: 5>, is_range=True, is_span=False)
    >>> parse_window("2026-Q2..2026-05")
    Traceback (most recent call last):
    ValueError: both ends of a range must have the same precision ('2026-Q2' is a quarter, '2026-05' a month)
    """
    text = text.strip()
    if ".." not in text:
        return _parse_point(text)
    first_text, _, last_text = text.partition("..")
    first, last = _parse_point(first_text.strip()), _parse_point(last_text.strip())
    if first.precision is not last.precision:
        raise ValueError(
            f"both ends of a range must have the same precision ('{first_text}' is a "
            f"{first.kind}, '{last_text}' a {last.kind})"
        )
    if last.end < first.start:
        raise ValueError(f"end {last_text.strip()} is before start {first_text.strip()}")
    if first == last:
        return first
    return Window(first.start, last.end, first.precision, is_range=True)


def in_plan_years(window: Window, text: str | None = None) -> Window:
    """`window` if it lies within FIRST_YEAR..LAST_YEAR; else a ValueError naming the bound.

    >>> in_plan_years(parse_window("2101-01-01"))
    Traceback (most recent call last):
    ValueError: 2101-01-01 is after 2100, the last year a plan may hold (2000 to 2100); check the year
    """
    shown = text.strip() if text is not None else str(window)
    if window.start.year < FIRST_YEAR:
        raise ValueError(
            f"{shown} {'starts' if window.is_range else 'is'} before {FIRST_YEAR}, the first "
            "year a plan may hold "
            f"({FIRST_YEAR} to {LAST_YEAR}); check the year"
        )
    if window.end.year > LAST_YEAR:
        raise ValueError(
            f"{shown} {'ends' if window.is_range else 'is'} after {LAST_YEAR}, the last year a "
            "plan may hold "
            f"({FIRST_YEAR} to {LAST_YEAR}); check the year"
        )
    return window


def parse_day(text: str) -> dt.date:
    """Parse a single YYYY-MM-DD day strictly (no timestamps, no D/M guessing).

    >>> parse_day("2026-03-11")
    datetime.date(2026, 3, 11)
    >>> parse_day("2026-03")
    Traceback (most recent call last):
    ValueError: date must be written YYYY-MM-DD, e.g. 2026-03-10
    """
    window = _parse_point(text.strip())
    if window.precision is not Precision.DAY:
        raise ValueError("date must be written YYYY-MM-DD, e.g. 2026-03-10")
    return window.start
