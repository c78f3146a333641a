"""observance: an event in Ramadan, for the members of its body that observe it, or in one of the
plan's blackouts (`blackouts:`: a high-level week elsewhere, an election, another summit)."""

from __future__ import annotations

from collections.abc import Iterator

from .. import calendars
from ..errors import Problem
from .holidays import country_name
from .planning import Placed, against, days_label, finding, placed_events
from .rule import Rule, Subject

__all__ = ["CODE", "RULE", "find"]

CODE = "observance"


def _ramadan(subject: Subject, p: Placed, observers: list[str], body: str) -> Iterator[Problem]:
    event, window = p.event, p.window
    who = f"observed by {', '.join(map(country_name, observers))} ({body} members)"
    try:
        months = calendars.ramadan_between(window.start, window.end)
    except ValueError as exc:
        message = f"{event.id} ({window.label()}) may fall in Ramadan, {who}: {exc}; check by hand"
        yield finding(subject, CODE, [event.id], message, "possible", ["ramadan", *observers])
        return
    for first, last in months:
        certainty = against(window, first, last)
        if certainty is not None:
            message = (
                f"{event.id} ({window.label()}) falls in Ramadan ({days_label(first, last)}), "
                f"{who}; move it, or waive {CODE} with the reason"
            )
            yield finding(subject, CODE, [event.id], message, certainty, ["ramadan", *observers])


def find(subject: Subject) -> Iterator[Problem]:
    plan = subject.loaded.plan
    observers = {
        b.id: list(dict.fromkeys(m.country for m in b.members if "ramadan" in m.observes))
        for b in plan.bodies
    }
    shorts = {b.id: b.short for b in plan.bodies}
    blackouts = sorted(plan.blackouts, key=lambda b: b.when.start)
    for p in placed_events(subject):
        if observers.get(p.event.body):
            body = shorts.get(p.event.body, p.event.body)
            yield from _ramadan(subject, p, observers[p.event.body], body)
        for blackout in blackouts:
            if blackout.when.start > p.window.end:
                break
            if blackout.bodies and p.event.body not in blackout.bodies:
                continue
            certainty = against(p.window, blackout.when.start, blackout.when.end)
            if certainty is not None:
                message = (
                    f"{p.event.id} ({p.window.label()}) falls in the blackout {blackout.id}, "
                    f"{blackout.title} ({blackout.when.label()}); move it, or waive {CODE} "
                    "with the reason"
                )
                yield finding(
                    subject, CODE, [p.event.id, blackout.id], message, certainty, [blackout.id]
                )


RULE = Rule(
    CODE,
    "No event falls in Ramadan for a member that observes it, or in a blackout (`blackouts:`).",
    find,
    severity="warning",
    scope="planning",
)
