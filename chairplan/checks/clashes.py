"""clash.resource, clash.travel, clash.body: one person, team or room in two places at once, or
too close to travel between; two meetings of one body at one level at the same time.

Two all-day events clash when they share a day; two timed events when their times overlap, in
absolute time, whatever their zones (10:00 in Hà Nội is 14:00 in Sydney); a timed and an all-day
event when they share a day of the timed event's own calendar.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from ..errors import Certainty, Problem
from ..model import Timed
from .planning import Placed, between, days_label, finding, overlapping, placed_events, swept
from .rule import Rule, Subject

__all__ = ["BODY", "RESOURCE", "RULES", "TRAVEL"]


def _when(p: Placed) -> str:
    when = p.event.when
    if isinstance(when, Timed):
        end = f"–{when.end:%H:%M}" if when.end and when.end.date() == when.start.date() else ""
        return f"{when.start:%Y-%m-%d %H:%M}{end} {p.event.zone}"
    return p.window.label()


def _shared(a: Placed, b: Placed) -> tuple[Certainty, str] | None:
    """Whether two events overlap in time, how surely, and when (for the message)."""
    if a.timed and b.timed:
        if a.start == b.start or (a.start < b.end and b.start < a.end):
            return "definite", f"at the same time ({_when(a)} and {_when(b)})"
        return None
    certainty = between(a.window, b.window)
    if certainty is None:
        return None
    first, last = max(a.window.start, b.window.start), min(a.window.end, b.window.end)
    return certainty, f"on {days_label(first, last)}"


def _pairs(events: list[Placed]) -> Iterator[tuple[Placed, Placed]]:
    for a, b in overlapping(
        events, lambda p: p.window.start, lambda p: p.window.end, lambda p: swept(p.window)
    ):
        yield (a, b) if a.order < b.order else (b, a)


def _clashing(events: list[Placed]) -> Iterator[tuple[Placed, Placed, Certainty, str]]:
    """The pairs of `events` that share time, how surely, and when."""
    for a, b in _pairs(events):
        shared = _shared(a, b)
        if shared is not None:
            yield a, b, *shared


def _by_resource(subject: Subject) -> dict[str, list[Placed]]:
    needs: defaultdict[str, list[Placed]] = defaultdict(list)
    for p in placed_events(subject):
        for resource in dict.fromkeys(p.event.resources):
            needs[resource].append(p)
    return needs


def find_resource(subject: Subject) -> Iterator[Problem]:
    names = {r.id: r for r in subject.loaded.plan.resources}
    for resource_id, events in _by_resource(subject).items():
        resource = names.get(resource_id)
        if resource is None:
            continue  # unknown-reference reports it
        for a, b, certainty, when in _clashing(events):
            message = (
                f"{resource.name} ({resource.kind}) is needed by {a.event.id} and {b.event.id} "
                f"{when}; move one of them, or give one of them another {resource.kind}"
            )
            yield finding(
                subject, CODE_RESOURCE, [a.event.id, b.event.id], message, certainty, [resource_id]
            )


def _place(p: Placed) -> tuple[str, str] | None:
    where = p.event.where
    if where is None or where.country is None:
        return None
    return where.country, (where.city or "").casefold()


def _label(p: Placed) -> str:
    return p.event.where.label() if p.event.where else ""


def _differ(a: Placed, b: Placed) -> bool:
    """Whether two events are surely in different places (a missing city is not a difference)."""
    pa, pb = _place(a), _place(b)
    if pa is None or pb is None:
        return False
    if pa[0] != pb[0]:
        return True
    return bool(pa[1] and pb[1] and pa[1] != pb[1])


def _gap(a: Placed, b: Placed) -> dt.timedelta:
    """The time between the end of the earlier event and the start of the later one."""
    first, second = (a, b) if (a.start, a.end) <= (b.start, b.end) else (b, a)
    if not first.timed and not second.timed:
        return dt.timedelta(days=(second.window.start - first.window.end).days - 1)
    return second.start - first.end


def _gap_text(gap: dt.timedelta, timed: bool) -> str:
    if not timed:
        days = max(gap.days, 0)
        return (
            "no day between them"
            if days == 0
            else f"{days} day{'s' if days > 1 else ''} between them"
        )
    return f"{max(gap, dt.timedelta()).total_seconds() / 3600:g} hours apart"


def _length(gap: dt.timedelta) -> str:
    if gap.seconds == 0:
        return f"{gap.days} day{'s' if gap.days != 1 else ''}"
    return f"{gap.total_seconds() / 3600:g} hours"


def find_travel(subject: Subject) -> Iterator[Problem]:
    """Judged between events on firm days only: a fuzzy window has no gap to measure yet."""
    names = {r.id: r for r in subject.loaded.plan.resources}
    wanted = subject.loaded.plan.settings.travel_gap
    reach = dt.timedelta(days=wanted.days + (1 if wanted.seconds else 0) + 1)
    for resource_id, events in _by_resource(subject).items():
        resource = names.get(resource_id)
        firm = [p for p in events if p.window.is_firm and _place(p) is not None]
        if resource is None:
            continue
        for a, b in _pairs_within(firm, reach):
            if not _differ(a, b) or _shared(a, b) is not None:
                continue  # the same place, or the same time: clash.resource says so
            gap = _gap(a, b)
            if gap >= wanted:
                continue
            message = (
                f"{resource.name} is in {_label(a)} for {a.event.id} ({_when(a)}) and in "
                f"{_label(b)} for {b.event.id} "
                f"({_when(b)}), {_gap_text(gap, a.timed or b.timed)}; the plan wants at least "
                f"{_length(wanted)} between events in different places: leave more time, or "
                "set settings: travel-gap:"
            )
            yield finding(
                subject, CODE_TRAVEL, [a.event.id, b.event.id], message, "definite", [resource_id]
            )


def _pairs_within(events: list[Placed], reach: dt.timedelta) -> Iterator[tuple[Placed, Placed]]:
    for a, b in overlapping(
        events, lambda p: p.window.start, lambda p: p.window.end + reach, lambda p: True
    ):
        yield (a, b) if a.order < b.order else (b, a)


def find_body(subject: Subject) -> Iterator[Problem]:
    shorts = {b.id: b.short for b in subject.loaded.plan.bodies}
    groups: defaultdict[tuple[str, str], list[Placed]] = defaultdict(list)
    for p in placed_events(subject):
        if p.event.level is not None:
            groups[(p.event.body, p.event.level)].append(p)
    for (body, level), events in groups.items():
        for a, b, certainty, when in _clashing(events):
            message = (
                f"{a.event.id} and {b.event.id} are both {level} meetings of "
                f"{shorts.get(body, body)} {when}; move one, or waive clash.body with the reason "
                "(one held on the sidelines of the other)"
            )
            yield finding(subject, CODE_BODY, [a.event.id, b.event.id], message, certainty)


CODE_RESOURCE, CODE_TRAVEL, CODE_BODY = "clash.resource", "clash.travel", "clash.body"
RESOURCE = Rule(
    CODE_RESOURCE,
    "No person, team or venue (`resources:`) is needed by two events at the same time.",
    find_resource,
    scope="planning",
)
TRAVEL = Rule(
    CODE_TRAVEL,
    "A resource has at least `travel-gap` (default 1 day) between events in different places.",
    find_travel,
    severity="warning",
    scope="planning",
)
BODY = Rule(
    CODE_BODY,
    "No two meetings of one body at one level overlap.",
    find_body,
    severity="warning",
    scope="planning",
)
RULES = (RESOURCE, TRAVEL, BODY)
