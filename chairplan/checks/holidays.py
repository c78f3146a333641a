"""holiday.host and holiday.member: an event on a public holiday (or in the break around it) of
the country it is held in, or of a member of its body."""

from __future__ import annotations

from collections.abc import Iterator

from .. import calendars, geo
from ..dates import Window
from ..disk import cache
from ..errors import Problem
from .planning import Placed, against, days_label, finding, placed_events, swept
from .rule import Rule, Subject

__all__ = ["HOST", "MEMBER", "RULES"]

CODE_HOST, CODE_MEMBER = "holiday.host", "holiday.member"


def country_name(code: str) -> str:
    return geo.country_name(code, "en")  # the findings are worded in English


def _findings(
    subject: Subject, code: str, p: Placed, country: str, whose: str
) -> Iterator[Problem]:
    """The event's findings on `country`'s holidays; `whose` says how the country is involved."""
    event, window = p.event, p.window
    if not calendars.is_supported(country):
        name = country_name(country)  # named only in a finding: CLDR's data loads on first use
        message = (
            f"{event.id} ({window.label()}) may fall on a public holiday in {name}, {whose}: "
            "chairplan has no holiday calendar for it; check its days by hand"
        )
        yield finding(subject, code, [event.id], message, "possible", [country])
        return
    for hit in _breaks(country, window):
        certainty = against(window, hit.start, hit.end)
        if certainty is None:
            continue
        first, last = max(window.start, hit.start), min(window.end, hit.end)
        named = list(dict.fromkeys(h.en for h in hit.holidays if first <= h.day <= last))
        name = country_name(country)
        if named:
            kind = "public holidays" if len(named) > 1 else "a public holiday"
            what = f"falls on {', '.join(named)} ({days_label(first, last)}), {kind} in {name}"
        else:
            what = (
                f"falls in the days off around {hit.holidays[0].en} in {name} "
                f"({days_label(first, last)})"
            )
        whole = (first, last) == (hit.start, hit.end)
        span = "" if whole else f"; the break runs {days_label(hit.start, hit.end)}"
        message = (
            f"{event.id} ({window.label()}) {what}, {whose}{span}; move it, or waive {code} "
            "with the reason"
        )
        yield finding(subject, code, [event.id], message, certainty, [country])


def _breaks(country: str, window: Window) -> list[calendars.Break]:
    """The breaks an event in `window` may fall in, as far as a finding could be reported: on
    a fuzzy window of a month or more only a break that holds the whole window counts."""
    if swept(window):
        return calendars.breaks_between(country, window.start, window.end)
    hit = calendars.break_on(country, window.start)
    return [hit] if hit is not None and hit.end >= window.end else []


def find_host(subject: Subject) -> Iterator[Problem]:
    for p in placed_events(subject):
        where = p.event.where
        if where is not None and where.country is not None:
            yield from _findings(subject, CODE_HOST, p, where.country, "where it is held")


def _bodies(subject: Subject) -> list[tuple[str, str, list[str]]]:
    """What find_member reads of every body: its id, short name and members' countries."""
    plan = (subject.whole or subject.loaded).plan
    return [(b.id, b.short, [m.country for m in b.members]) for b in plan.bodies]


def find_member(subject: Subject) -> Iterator[Problem]:
    bodies = _bodies(subject)
    members = {body: countries for body, _, countries in bodies}
    shorts = {body: short for body, short, _ in bodies}
    for p in placed_events(subject):
        host = p.event.where.country if p.event.where else None
        whose = f"a member of {shorts.get(p.event.body, p.event.body)}"
        for country in dict.fromkeys(members.get(p.event.body, ())):
            if country != host:  # holiday.host says so
                yield from _findings(subject, CODE_MEMBER, p, country, whose)


HOST = Rule(
    CODE_HOST,
    "No event falls on a public holiday (or its break) of the country it is held in.",
    find_host,
    scope="planning",
    local=True,  # an event's days and country, and the installed calendars
)
MEMBER = Rule(
    CODE_MEMBER,
    "No event falls on a public holiday of a member (`members:`) of its body.",
    find_member,
    severity="warning",
    scope="planning",
    local=True,  # and its body's members, from the whole plan
    context=lambda subject: cache.dumps(_bodies(subject)),
)
RULES = (HOST, MEMBER)
