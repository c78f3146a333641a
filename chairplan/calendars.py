"""The world's calendars the plan must respect: public holidays and their breaks, and Ramadan.

Offline and deterministic. Public holidays come from the `holidays` package (it models lunar
holidays, observed days and official make-up working days), always asked for names in an
explicit language so the machine's locale never changes what is printed; Ramadan comes from
`hijridate` (the Umm al-Qura calendar, which covers 1924-2077).

A *break* is what a planner means by "the Tết holiday": a run of days off (public holidays and
the weekend days around them, never a make-up working day) that holds at least one public
holiday. An event on the Saturday that opens the Tết break is on holiday; an event on an ordinary
Saturday is not.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from typing import ParamSpec, TypeVar

import holidays
from hijridate import Gregorian, Hijri

__all__ = [
    "HIJRI_YEARS",
    "Break",
    "Holiday",
    "break_on",
    "breaks_between",
    "fresh",
    "holiday_on",
    "holidays_version",
    "is_supported",
    "is_working_day",
    "public_holidays",
    "ramadan_between",
    "recall",
    "worked_out",
]

HIJRI_YEARS = range(1924, 2078)  # the Gregorian years hijridate's Umm al-Qura table covers
_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Holiday:
    day: dt.date
    en: str
    vi: str


@dataclass(frozen=True)
class Break:
    """A run of days off holding at least one public holiday (`holidays`, in day order)."""

    start: dt.date
    end: dt.date
    holidays: tuple[Holiday, ...]


# What the calendars gave, by function and arguments: taken back from the plan's cache (`recall`)
# and added to as more is asked, so a run on an unchanged plan builds no calendar at all.
_KEPT: dict[tuple[object, ...], object] = {}
P = ParamSpec("P")
R = TypeVar("R")


def _kept(function: Callable[P, R]) -> Callable[P, R]:
    """`function`, memoised in _KEPT (its results are the installed packages' data alone, which
    the cache's version holds: `holidays` and `hijridate` by name and version)."""
    name = function.__name__

    @functools.wraps(function)
    def kept(*args: P.args, **kwargs: P.kwargs) -> R:
        key = (name, *args)
        if key not in _KEPT:
            _KEPT[key] = function(*args, **kwargs)
        return _KEPT[key]  # type: ignore[return-value]

    return kept


def worked_out() -> dict[tuple[object, ...], object]:
    """What the calendars have given so far in this process (to keep in the plan's cache)."""
    return dict(_KEPT)


_GIVEN: set[tuple[object, ...]] = set()  # what fresh() has handed out


def fresh() -> dict[tuple[object, ...], object]:
    """What the calendars gave in this process that fresh() has not handed out yet (a worker's,
    for its parent to recall)."""
    found = {key: value for key, value in _KEPT.items() if key not in _GIVEN}
    _GIVEN.update(found)
    return found


def recall(found: dict[tuple[object, ...], object]) -> None:
    """Take back what worked_out() gave in an earlier run (read from the plan's cache)."""
    for key, value in found.items():
        _KEPT.setdefault(key, value)


def holidays_version() -> str:
    return version("holidays")


@_kept
def is_supported(country: str) -> bool:
    """Whether `holidays` has a calendar for the country: asking for it imports that country's
    module alone (listing the supported countries imports all 200 of them)."""
    try:
        holidays.country_holidays(country)
    except NotImplementedError:
        return False
    return True


def _language(country: str, wanted: str) -> str | None:
    """The language to ask `holidays` for: `wanted` if it has it, else English, else its own."""
    supported = holidays.country_holidays(country).supported_languages
    for name in (wanted, "en_US", *sorted(s for s in supported if s.startswith("en"))):
        if name in supported:
            return name
    return None  # a calendar with no translations: its names are English


@cache
def _calendar(country: str, year: int, language: str) -> holidays.HolidayBase:
    return holidays.country_holidays(country, years=year, language=_language(country, language))


@_kept
def public_holidays(country: str, year: int) -> tuple[Holiday, ...]:
    """The public holidays of `country` in `year`, with their English and Vietnamese names."""
    en, vi = _calendar(country, year, "en_US"), _calendar(country, year, "vi")
    return tuple(Holiday(day, en[day], vi.get(day, en[day])) for day in sorted(en))


def _is_off(country: str, day: dt.date, holiday_days: set[dt.date]) -> bool:
    calendar = _calendar(country, day.year, "en_US")
    if day in holiday_days:
        return True
    return day.weekday() in calendar.weekend and day not in calendar.weekend_workdays


@_kept
def _days_off(country: str, year: int) -> frozenset[dt.date]:
    """Every day of `year` that is not a working day in `country`: its public holidays and
    weekend days, less the official make-up working days."""
    holiday_days = {h.day for h in public_holidays(country, year)}
    first = dt.date(year, 1, 1)
    days = (first + dt.timedelta(days=n) for n in range((dt.date(year, 12, 31) - first).days + 1))
    return frozenset(d for d in days if _is_off(country, d, holiday_days))


def is_working_day(country: str, day: dt.date) -> bool:
    """True when `day` is a working day in `country` (a make-up Saturday is one).

    >>> is_working_day("VN", dt.date(2026, 8, 22)), is_working_day("VN", dt.date(2026, 2, 16))
    (True, False)
    """
    return day not in _days_off(country, day.year)


def holiday_on(country: str, day: dt.date) -> Holiday | None:
    """The public holiday of `country` on `day`, if there is one."""
    return next((h for h in public_holidays(country, day.year) if h.day == day), None)


@_kept
def _breaks(country: str, year: int) -> tuple[Break, ...]:
    """The breaks that hold a public holiday of `year` (a break may run into the next year)."""
    days = {h.day: h for y in (year - 1, year, year + 1) for h in public_holidays(country, y)}
    off = set(days)
    found: list[Break] = []
    for holiday in public_holidays(country, year):
        if found and found[-1].start <= holiday.day <= found[-1].end:
            continue
        start = end = holiday.day
        while _is_off(country, start - _DAY, off):
            start -= _DAY
        while _is_off(country, end + _DAY, off):
            end += _DAY
        inside = tuple(days[d] for d in sorted(days) if start <= d <= end)
        found.append(Break(start, end, inside))
    return tuple(found)


@cache
def _break_days(country: str, year: int) -> dict[dt.date, Break]:
    """Each day of `year` that is in a break, and the break."""
    days: dict[dt.date, Break] = {}
    for y in (year - 1, year):
        for b in _breaks(country, y):
            day = b.start
            while day <= b.end:
                if day.year == year:
                    days[day] = b
                day += _DAY
    return days


def break_on(country: str, day: dt.date) -> Break | None:
    """The break `day` is in, if any."""
    return _break_days(country, day.year).get(day)


def breaks_between(country: str, first: dt.date, last: dt.date) -> list[Break]:
    """The breaks of `country` that overlap the days `first`..`last`."""
    if (last - first).days < 31:  # the common case, a few days: look each day up
        hits = (
            break_on(country, first + dt.timedelta(days=n)) for n in range((last - first).days + 1)
        )
        return list(dict.fromkeys(b for b in hits if b is not None))
    found: dict[dt.date, Break] = {}
    for year in range(first.year - 1, last.year + 1):
        for b in _breaks(country, year):
            if b.start <= last and first <= b.end:
                found[b.start] = b
    return [found[k] for k in sorted(found)]


@_kept
def _ramadan(year: int) -> tuple[tuple[dt.date, dt.date], ...]:
    """The Ramadan months (first and last day) that begin in Gregorian `year`."""
    found: list[tuple[dt.date, dt.date]] = []
    hijri = Gregorian(year, 1, 1).to_hijri().year
    for h in (hijri, hijri + 1):
        try:
            start = Hijri(h, 9, 1).to_gregorian().datetuple()
            after = Hijri(h, 10, 1).to_gregorian().datetuple()
        except (OverflowError, ValueError):
            continue
        if start[0] == year:
            found.append((dt.date(*start), dt.date(*after) - _DAY))
    return tuple(found)


def ramadan_between(first: dt.date, last: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The Ramadan months that overlap `first`..`last`.

    Raises ValueError for a year the calendar does not cover, so no one reads "no clash" where
    chairplan cannot know.

    >>> ramadan_between(dt.date(2026, 3, 10), dt.date(2026, 3, 13))
    [(datetime.date(2026, 2, 18), datetime.date(2026, 3, 19))]
    """
    found: list[tuple[dt.date, dt.date]] = []
    for year in range(first.year - 1, last.year + 1):
        if year not in HIJRI_YEARS:
            raise ValueError(f"Ramadan dates are known for {HIJRI_YEARS[0]}–{HIJRI_YEARS[-1]}")
        found.extend(r for r in _ramadan(year) if r[0] <= last and first <= r[1])
    return found
