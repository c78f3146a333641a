"""followup.at-risk and followup.unconfirmed: deliverables that hang on an event that will not
take place, and events whose days have passed with no word of what happened."""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import Problem
from .planning import finding
from .rule import Rule, Subject

__all__ = ["AT_RISK", "RULES", "UNCONFIRMED"]

CODE_AT_RISK, CODE_UNCONFIRMED = "followup.at-risk", "followup.unconfirmed"
OFF = ("cancelled", "postponed")


def find_at_risk(subject: Subject) -> Iterator[Problem]:
    plan = subject.loaded.plan
    events = {e.id: e for e in plan.events}
    for d in plan.deliverables:
        if d.status in ("done", "dropped"):
            continue
        for event_id in dict.fromkeys(d.events):
            event = events.get(event_id)
            if event is not None and event.status in OFF:
                message = (
                    f"deliverable {d.id} ({d.status}) is to be delivered at {event.id}, which is "
                    f"{event.status}; name another event under events:, or mark it dropped"
                )
                yield finding(subject, CODE_AT_RISK, [d.id, event.id], message, "definite")


def find_unconfirmed(subject: Subject) -> Iterator[Problem]:
    if subject.as_of is None:
        return
    for event in subject.loaded.plan.events:
        if event.status in ("planned", "tentative") and event.window.is_past(subject.as_of):
            message = (
                f"{event.id} ({event.window.label()}) has passed as of "
                f"{subject.as_of.isoformat()} and is still {event.status}: did it take place? "
                "mark it held, postponed or cancelled"
            )
            yield finding(subject, CODE_UNCONFIRMED, [event.id], message, "definite")


AT_RISK = Rule(
    CODE_AT_RISK,
    "No open deliverable is due at an event that is cancelled or postponed.",
    find_at_risk,
    scope="planning",
)
UNCONFIRMED = Rule(
    CODE_UNCONFIRMED,
    "No event whose days have passed (as of `--as-of`, default today) is still planned or "
    "tentative.",
    find_unconfirmed,
    severity="warning",
    scope="planning",
    dated=True,
)
RULES = (AT_RISK, UNCONFIRMED)
