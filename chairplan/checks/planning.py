"""What the planning rules share: which events they look at, how sure a finding on a fuzzy window
is, the one sweep that finds overlaps without comparing all pairs, and how a finding is located.

A fuzzy window (a month, a quarter) holds the event somewhere inside it. A finding is *definite*
when every day the window allows would hit it (a firm day on a holiday; a May event inside a
firm April-June blackout), *possible* when only some days would. A possible finding on a window
of a month or longer says nothing a planner can act on, so it is not reported.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from ..dates import Precision, Window
from ..errors import Certainty, Location, Problem
from ..model import Event, Timed
from .rule import Subject

__all__ = [
    "MONTH_DAYS",
    "PLANNED",
    "Placed",
    "against",
    "between",
    "days_label",
    "finding",
    "overlapping",
    "placed_events",
    "swept",
]

MONTH_DAYS = 28  # a possible finding on a window this long or longer is not reported
# The statuses still to plan: held, postponed and cancelled events need no day, room or person.
PLANNED = ("planned", "tentative", "confirmed")
T = TypeVar("T")


@dataclass(frozen=True)
class Placed:
    """An event still to plan, with its days, and its instants when it is timed."""

    order: int  # its place in the plan (findings are located at the first entry involved)
    event: Event
    window: Window

    @property
    def timed(self) -> bool:
        return isinstance(self.event.when, Timed)

    @cached_property
    def instants(self) -> tuple[dt.datetime, dt.datetime]:
        """In UTC: a timed event's start and end; an all-day event's first midnight and the
        midnight after it, in its zone (made only when asked: most events never need them)."""
        return _instants(self.event)

    @property
    def start(self) -> dt.datetime:
        return self.instants[0]

    @property
    def end(self) -> dt.datetime:
        return self.instants[1]


def _instants(event: Event) -> tuple[dt.datetime, dt.datetime]:
    zone = ZoneInfo(event.zone) if event.zone else dt.UTC
    if isinstance(event.when, Timed):
        start = event.when.start.replace(tzinfo=zone)
        end = (event.when.end or event.when.start).replace(tzinfo=zone)
    else:
        w = event.window
        start = dt.datetime.combine(w.start, dt.time(), zone)
        end = dt.datetime.combine(w.end + dt.timedelta(days=1), dt.time(), zone)
    return start.astimezone(dt.UTC), end.astimezone(dt.UTC)


def placed_events(subject: Subject) -> list[Placed]:
    """Every event still to plan, in plan order (made once per subject)."""
    if "placed" not in subject.shared:
        subject.shared["placed"] = _placed(subject)
    found: list[Placed] = subject.shared["placed"]
    return found


def _placed(subject: Subject) -> list[Placed]:
    found = []
    for order, (_, path, entry) in enumerate(subject.loaded.entries()):
        if path[0] == "events" and entry.status in PLANNED:
            found.append(Placed(order, entry, entry.window))
    return found


def _short(window: Window) -> bool:
    return (window.end - window.start).days + 1 < MONTH_DAYS


def against(window: Window, first: dt.date, last: dt.date) -> Certainty | None:
    """How surely an event in `window` falls on a day of the firm days `first`..`last`, or None
    when it does not (or only possibly, on a window too long to report)."""
    if window.end < first or last < window.start:
        return None
    if window.is_firm or (first <= window.start and window.end <= last):
        return "definite"
    return "possible" if _short(window) else None


def between(a: Window, b: Window) -> Certainty | None:
    """How surely two events, in windows `a` and `b`, share a day."""
    if not a.is_firm and not b.is_firm:
        return "possible" if a.overlaps(b) and _short(a) and _short(b) else None
    fuzzy, firm = (a, b) if b.is_firm else (b, a)
    return against(fuzzy, firm.start, firm.end)


def swept(window: Window) -> bool:
    """Whether the sweep of `overlapping` keeps a window open to compare later ones with."""
    return window.is_firm or _short(window)


def days_label(first: dt.date, last: dt.date) -> str:
    return Window(first, last, Precision.DAY, is_range=first != last).label()


def overlapping(
    items: Iterable[T],
    start: Callable[[T], Any],
    end: Callable[[T], Any],
    firm: Callable[[T], bool],
) -> Iterator[tuple[T, T]]:
    """The pairs of `items` whose spans (`start`..`end`, inclusive) overlap, by a sweep.

    An item that is not `firm` (a fuzzy window of a month or more) is only compared with the
    firm items around it, never with other fuzzy ones: two fuzzy windows can only possibly share
    a day, which is not reported. So the work grows with the overlaps, not with all pairs.
    """
    ordered = sorted(items, key=lambda item: (start(item), not firm(item)))
    active: list[T] = []
    for item in ordered:
        here = start(item)
        active = [other for other in active if end(other) >= here]
        for other in active:
            yield other, item
        if firm(item):
            active.append(item)


def finding(
    subject: Subject,
    code: str,
    entries: list[str],
    message: str,
    certainty: Certainty,
    parties: Iterable[str] = (),
) -> Problem:
    """A planning finding, located at the first of `entries` and noting every other one.

    A possible finding says so in its message.
    """
    first, *others = entries
    f, path = subject.loaded.locate(first)
    related = []
    for other in others:
        g, other_path = subject.loaded.locate(other)
        mark = g.mark(other_path)
        related.append(Location(g.name, mark.line, mark.column, other))
    text = f"{code}: {'possibly: ' if certainty == 'possible' else ''}{message}"
    return dataclasses.replace(
        f.problem(path, code, text, entry=first),
        certainty=certainty,
        related=tuple(related),
        parties=(*others, *parties),
    )
