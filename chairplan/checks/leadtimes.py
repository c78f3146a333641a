"""leadtime.order, leadtime.short and leadtime.long: the `constraints:` of an entry, checked and
never applied ("at least 8w before apec-leaders-2027", "after cptpp-som1-2026").

For `before X` the entry's last day is measured against X's first (or the part named); for
`after X` its first day against X's last. On fuzzy windows both ends are bounds: a finding is
definite when every day the windows allow breaks the constraint, possible when some do.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

from dateutil.relativedelta import relativedelta

from .. import calendars
from ..dates import Window
from ..errors import Certainty, Problem
from ..model import Deliverable, Event
from ..plan.resolve import dated_entries, host_country
from ..relative import Constraint, Offset
from .planning import MONTH_DAYS, finding
from .rule import Rule, Subject

__all__ = ["RULES"]

CODE_ORDER, CODE_SHORT, CODE_LONG = "leadtime.order", "leadtime.short", "leadtime.long"
_SETTLED = ("cancelled", "postponed", "dropped")
_DAY = dt.timedelta(days=1)


def _window(entry: Event | Deliverable) -> Window | None:
    return entry.deadline if isinstance(entry, Deliverable) else entry.window


def _point(window: Window, part: str) -> tuple[dt.date, dt.date]:
    """The earliest and latest the day `part` of an entry in `window` can be."""
    if window.is_firm:
        day = window.start if part == "start" else window.end
        return day, day
    return window.start, window.end


def _moved(day: dt.date, gap: Offset, sign: int, country: str | None) -> dt.date:
    """`day` moved by the gap, forward (`sign` 1) or back (-1)."""
    n = gap.amount * sign
    if gap.unit == "wd":
        assert country is not None
        step, left = (_DAY if n > 0 else -_DAY), abs(n)
        while left:
            day += step
            left -= calendars.is_working_day(country, day)
        return day
    unit = {"d": "days", "w": "weeks", "m": "months"}[gap.unit]
    return day + relativedelta(**{unit: n})  # type: ignore[arg-type]  # one of its keywords


def _short(window: Window) -> bool:
    return (window.end - window.start).days + 1 < MONTH_DAYS


def find(subject: Subject) -> Iterator[Problem]:
    loaded = subject.loaded
    entries = {e.id: e for _, _, e in dated_entries(loaded)}
    for f, path, entry in dated_entries(loaded):
        if not entry.constraints or entry.status in (*_SETTLED, "held", "done"):
            continue
        mine = _window(entry)
        for c in entry.constraints:
            target = entries.get(c.target)
            if mine is None or target is None or target.status in _SETTLED:
                continue  # an unknown target is the references rule's
            theirs = _window(target)
            if theirs is None:
                continue
            country = None
            if c.gap is not None and c.gap.unit == "wd":
                country = c.gap.country or host_country(loaded, f, path, entry, mine)
                if country is None or not calendars.is_supported(country):
                    yield _no_calendar(subject, entry, c, country)
                    continue
            yield from _judged(subject, entry, c, mine, theirs, country)


def _no_calendar(subject: Subject, entry: Any, c: Constraint, country: str | None) -> Problem:
    why = (
        "it has no host country" if country is None else f"chairplan has no calendar for {country}"
    )
    message = (
        f"{entry.id}: '{c}' counts working days, and {why}: chairplan cannot judge it; name the "
        "country ('at least 10wd in VN before …')"
    )
    code = CODE_LONG if c.bound == "at most" else CODE_SHORT
    return finding(subject, code, [entry.id, c.target], message, "possible")


def _judged(
    subject: Subject, entry: Any, c: Constraint, mine: Window, theirs: Window, country: str | None
) -> Iterator[Problem]:
    before = c.relation == "before"
    there = _point(theirs, c.part or ("start" if before else "end"))
    here = _point(mine, "end" if before else "start")
    sign = -1 if before else 1
    # the limit the entry's day must not pass, for the earliest and latest the target can be
    if c.bound == "at least" and c.gap is not None:
        limits = (_moved(there[0], c.gap, sign, country), _moved(there[1], c.gap, sign, country))
    else:
        limits = (there[0] + sign * _DAY, there[1] + sign * _DAY)
    code = CODE_SHORT if c.bound == "at least" else CODE_ORDER
    yield from _beyond(subject, entry, c, code, here, limits, before, mine, theirs)
    if c.bound == "at most" and c.gap is not None:
        far = (_moved(there[0], c.gap, sign, country), _moved(there[1], c.gap, sign, country))
        yield from _beyond(subject, entry, c, CODE_LONG, here, far, not before, mine, theirs)


def _beyond(
    subject: Subject,
    entry: Any,
    c: Constraint,
    code: str,
    here: tuple[dt.date, dt.date],
    limits: tuple[dt.date, dt.date],
    late: bool,
    mine: Window,
    theirs: Window,
) -> Iterator[Problem]:
    """A finding when the entry's day passes the limit: later than it when `late`, else earlier."""
    if late:  # the day must be on or before the limit
        worst, best = here[1] - limits[0], here[0] - limits[1]
    else:  # on or after it
        worst, best = limits[1] - here[0], limits[0] - here[1]
    if worst.days <= 0:
        return
    certainty: Certainty = "definite" if best.days > 0 else "possible"
    if certainty == "possible" and not (_short(mine) and _short(theirs)):
        return
    days = best.days if certainty == "definite" else worst.days
    unit = "day" if days == 1 else "days"
    how = {
        CODE_SHORT: "short",
        CODE_LONG: "too far",
        CODE_ORDER: "too late" if late else "too early",
    }
    missing = f"{days} {unit} {how[code]}"
    if certainty == "possible":
        missing = f"up to {missing}"
    message = (
        f"{entry.id} ({mine.label()}) must be {c}, which is {theirs.label()}: {missing}; move it, "
        f"or waive {code} with the reason"
    )
    yield finding(subject, code, [entry.id, c.target], message, certainty)


def _of(code: str) -> Callable[[Subject], Iterator[Problem]]:
    """The findings of one of the three rules (one walk finds them all: it is shared)."""

    def found(subject: Subject) -> Iterator[Problem]:
        if "leadtimes" not in subject.shared:
            subject.shared["leadtimes"] = list(find(subject))
        return (p for p in subject.shared["leadtimes"] if p.code == code)

    return found


ORDER = Rule(
    CODE_ORDER,
    "An entry with `constraints: [before X]` (or `after X`) is before (after) X.",
    _of(CODE_ORDER),
    scope="planning",
)
SHORT = Rule(
    CODE_SHORT,
    "An entry with `constraints: [at least 8w before X]` is at least that long before (after) X.",
    _of(CODE_SHORT),
    scope="planning",
)
LONG = Rule(
    CODE_LONG,
    "An entry with `constraints: [at most 10wd after X]` is at most that long after (before) X.",
    _of(CODE_LONG),
    severity="warning",
    scope="planning",
)
RULES = (ORDER, SHORT, LONG)
