"""Where the plan stands on a given day: progress per priority, what is late, next, unconfirmed.

Pure: the plan, the day (`as_of`) and the citation problems the checks found go in, a report
comes out; loading, checking and rendering are elsewhere.

The rules, with `as_of` the day of the report and the horizons of `Horizons`:
- late: a deliverable not done or dropped whose whole due window lies before `as_of` (a quarter
  ends on its last day, a year on 31 December);
- due soon: not done or dropped, not late, and its due window ends within `soon` days of `as_of`;
- upcoming: an event not cancelled that is on or after `as_of` and starts within `upcoming` days
  (a fuzzy window counts only if it starts in that span, so a whole-year window does not stay
  "upcoming" all year);
- fuzzy date needing attention: an event not cancelled whose window is not firm (month, quarter,
  half or year) and is "close": it starts within `fuzzy_lead` days of `as_of`, has started, or has
  even ended, without a firm date. With the default 30 days a Q2 event is flagged from 2 March.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .dates import Window
from .errors import Problem, UnknownName, Waived
from .model import Chairmanship, Deliverable, Event, Plan, Priority

__all__ = [
    "OPEN",
    "Attention",
    "BodyLine",
    "DeliverableLine",
    "EventLine",
    "Horizons",
    "PriorityLine",
    "StatusReport",
    "WaivedLine",
    "due_label",
    "finding_text",
    "fuzzy_is_close",
    "is_due_soon",
    "is_late",
    "is_upcoming",
    "status_report",
]

OPEN = ("todo", "in-progress", "blocked")


@dataclass(frozen=True)
class Horizons:
    """How far ahead each list looks, in days."""

    soon: int = 30
    upcoming: int = 60
    fuzzy_lead: int = 30


@dataclass(frozen=True)
class DeliverableLine:
    id: str
    title: str
    status: str
    due: Window | None
    events: tuple[str, ...]  # titles of the events where it is delivered
    late: bool
    due_soon: bool
    derived: str | None = None  # how the due date is derived, read aloud

    def due_text(self) -> str:
        """'22 April 2026 (10 working days before the start of SOM1)'."""
        return due_label(self.due) + (f" ({self.derived})" if self.derived else "")


@dataclass(frozen=True)
class PriorityLine:
    id: str
    title: str
    done: int
    total: int
    deliverables: tuple[DeliverableLine, ...]


@dataclass(frozen=True)
class BodyLine:
    id: str
    short: str
    priorities: tuple[PriorityLine, ...]


@dataclass(frozen=True)
class EventLine:
    id: str
    title: str
    body: str
    when: Window
    status: str
    derived: str | None = None  # how the date is derived, read aloud


@dataclass(frozen=True)
class Attention:
    """Needs a person; `kind`: late, blocked, due-soon, fuzzy-date, no-source, citation."""

    kind: str
    id: str
    message: str


@dataclass(frozen=True)
class WaivedLine:
    """A planning finding an entry waives: listed so nothing is silently ignored."""

    code: str
    id: str
    message: str
    reason: str


@dataclass(frozen=True)
class StatusReport:
    as_of: dt.date
    bodies: tuple[BodyLine, ...]
    upcoming: tuple[EventLine, ...]
    attention: tuple[Attention, ...]
    horizons: Horizons = Horizons()
    waived: tuple[WaivedLine, ...] = ()
    audience: str | None = None  # who the report is for (the plan's view: audiences.py)

    @property
    def heading(self) -> str:
        """'as of 2026-03-12, for partners'."""
        who = f", for {self.audience}" if self.audience else ""
        return f"as of {self.as_of.isoformat()}{who}"

    def as_dict(self) -> dict[str, object]:
        """The JSON shape of `chairplan status --format json`."""
        return {
            "as_of": self.as_of.isoformat(),
            "audience": self.audience,
            "bodies": [
                {"id": b.id, "priorities": [_priority_dict(p) for p in b.priorities]}
                for b in self.bodies
            ],
            "upcoming": [
                {
                    "id": e.id,
                    "title": e.title,
                    "body": e.body,
                    "when": str(e.when),
                    "firm": e.when.is_firm,
                    "status": e.status,
                    "derived": e.derived,
                }
                for e in self.upcoming
            ],
            "attention": [
                {"kind": a.kind, "id": a.id, "message": a.message} for a in self.attention
            ],
            "waived": [
                {"code": w.code, "id": w.id, "message": w.message, "reason": w.reason}
                for w in self.waived
            ],
        }


def _priority_dict(p: PriorityLine) -> dict[str, object]:
    lines = [
        {
            "id": d.id,
            "title": d.title,
            "status": d.status,
            "due": str(d.due) if d.due else None,
            "derived": d.derived,
            "late": d.late,
        }
        for d in p.deliverables
    ]
    return {"id": p.id, "title": p.title, "done": p.done, "total": p.total, "deliverables": lines}


def is_late(d: Deliverable, as_of: dt.date) -> bool:
    return d.status in OPEN and d.deadline is not None and d.deadline.is_past(as_of)


def is_due_soon(d: Deliverable, as_of: dt.date, days: int) -> bool:
    due = d.deadline
    if d.status not in OPEN or due is None or due.is_past(as_of):
        return False
    return due.end <= as_of + dt.timedelta(days=days)


def is_upcoming(e: Event, as_of: dt.date, days: int) -> bool:
    w, last = e.window, as_of + dt.timedelta(days=days)
    if e.status == "cancelled" or w.is_past(as_of) or w.start > last:
        return False
    return w.is_firm or w.start >= as_of


def fuzzy_is_close(e: Event, as_of: dt.date, lead: int) -> bool:
    w = e.window
    return e.status != "cancelled" and not w.is_firm and as_of >= w.start - dt.timedelta(days=lead)


def status_report(
    plan: Plan,
    as_of: dt.date,
    body: str | None = None,
    horizons: Horizons = Horizons(),
    citations: Iterable[Problem] = (),
    findings: Iterable[Problem] = (),
    waived: Iterable[Waived] = (),
) -> StatusReport:
    """The report for `as_of`; `body` keeps one body's entries only (UnknownName if unknown).

    `citations` are the checks' problems with the plan's sources, `findings` those of the
    planning rules (as of `as_of`), both listed for attention; `waived` are the planning findings
    the plan waives, listed apart with their reasons.
    """
    bodies = [b for b in plan.bodies if body in (None, b.id)]
    if body is not None and not bodies:
        raise UnknownName("body", body, [b.id for b in plan.bodies])
    titles = {e.id: str(e.title) for e in plan.events}
    derived = plan.derived_words()
    lines = tuple(
        BodyLine(
            b.id,
            b.short,
            tuple(
                _priority_line(p, as_of, titles, horizons, derived)
                for p in plan.priorities
                if p.body == b.id
            ),
        )
        for b in bodies
    )
    events = sorted(
        (e for e in plan.events if body in (None, e.body)),
        key=lambda e: (e.window.start, e.window.end, e.id),
    )
    upcoming = tuple(
        EventLine(e.id, str(e.title), e.body, e.window, e.status, derived.get(e.id))
        for e in events
        if is_upcoming(e, as_of, horizons.upcoming)
    )
    attention = (
        *_deliverable_attention(plan, as_of, body, horizons, derived),
        # A window the view coarsened is firm in the plan: no reason to firm it up.
        *_fuzzy_attention(
            plan, [e for e in events if e.id not in plan.redacted], as_of, horizons.fuzzy_lead
        ),
        # What the planners must fix is theirs: not for an audience below the most private.
        *(_unsourced(plan, body) if plan.audience in (None, plan.settings.most_private) else ()),
        *_citations(plan, citations, body),
        *_findings(plan, findings, body),
    )
    body_of = _body_of(plan)
    waived_lines = tuple(
        WaivedLine(w.problem.code, w.entry, finding_text(w.problem), w.reason)
        for w in waived
        if _about(w.problem, body, body_of)
    )
    return StatusReport(as_of, lines, upcoming, attention, horizons, waived_lines, plan.audience)


def _priority_line(
    p: Priority, as_of: dt.date, titles: dict[str, str], h: Horizons, derived: dict[str, str]
) -> PriorityLine:
    done, total = p.progress()
    items = tuple(
        DeliverableLine(
            d.id,
            str(d.title),
            d.status,
            d.deadline,
            tuple(titles.get(e, e) for e in d.events),
            is_late(d, as_of),
            is_due_soon(d, as_of, h.soon),
            derived.get(d.id),
        )
        for d in p.deliverables
    )
    return PriorityLine(p.id, str(p.title), done, total, items)


def _deliverables(plan: Plan, body: str | None) -> Iterator[Deliverable]:
    for p in plan.priorities:
        if body in (None, p.body):
            yield from p.deliverables


def _deliverable_attention(
    plan: Plan, as_of: dt.date, body: str | None, h: Horizons, derived: dict[str, str]
) -> Iterator[Attention]:
    items = sorted(
        _deliverables(plan, body),
        key=lambda d: (d.deadline.end if d.deadline else dt.date.max, d.id),
    )

    def due(d: Deliverable) -> str:
        how = f" ({derived[d.id]})" if d.id in derived else ""
        return f"due {due_label(d.deadline)}{how}"

    for d in items:
        if is_late(d, as_of):
            yield Attention("late", d.id, f"{d.title}: {due(d)}, still {d.status}")
    for d in items:
        if d.status == "blocked":
            yield Attention("blocked", d.id, f"{d.title}: blocked")
    for d in items:
        if is_due_soon(d, as_of, h.soon):
            assert d.deadline is not None  # a deliverable due soon has a due date
            left = _days_left(d.deadline, as_of)
            yield Attention("due-soon", d.id, f"{d.title}: {due(d)}, {left}, {d.status}")


def _days_left(due: Window, as_of: dt.date) -> str:
    """'12 days from now' for a day; '28 days left' for a window, to its last day."""
    days = (due.end - as_of).days
    if due.start != due.end:
        return "last day today" if days == 0 else f"{days} day{'s' * (days != 1)} left"
    return {0: "today", 1: "tomorrow"}.get(days, f"{days} days from now")


def due_label(due: Window | None) -> str:
    return due.label() if due else "no due date"


def _fuzzy_attention(
    plan: Plan, events: list[Event], as_of: dt.date, lead: int
) -> Iterator[Attention]:
    for e in events:
        if not fuzzy_is_close(e, as_of, lead):
            continue
        w = e.window
        derived = plan.derived.get(e.id)
        fix = f" (it is counted from {derived.anchor.id}: firm that date)" if derived else ""
        if w.is_past(as_of):
            why = f"its window {w.label()} has passed without a firm date"
        elif w.start <= as_of:
            why = f"its window {w.label()} has started ({w.start}) and no firm date is set"
        else:
            why = f"its window {w.label()} starts on {w.start.isoformat()} and no firm date is set"
        yield Attention("fuzzy-date", e.id, f"{e.title}: {why}{fix}")


def _body_of(plan: Plan) -> dict[str, str]:
    """The body of every entry with sources, by id (a deliverable's is its priority's)."""
    owners: list[Chairmanship | Priority | Event] = [*plan.chairmanships, *plan.priorities]
    owners += plan.events
    deliverables = {d.id: p.body for p in plan.priorities for d in p.deliverables}
    return {e.id: e.body for e in owners} | deliverables


def _unsourced(plan: Plan, body: str | None) -> Iterator[Attention]:
    body_of = _body_of(plan)
    entries: list[Chairmanship | Priority | Deliverable | Event] = [
        *plan.chairmanships, *plan.priorities, *_deliverables(plan, None), *plan.events
    ]  # fmt: skip
    for entry in entries:
        if not entry.sources and body in (None, body_of[entry.id]):
            name = getattr(entry, "title", None) or entry.id
            message = f"{name}: no source; cite an article under sources:"
            yield Attention("no-source", entry.id, message)


def finding_text(problem: Problem) -> str:
    """A planning finding's message without its code (status shows the code as the kind)."""
    return problem.message.removeprefix(f"{problem.code}: ")


def _about(problem: Problem, body: str | None, body_of: dict[str, str]) -> bool:
    return body is None or any(body_of.get(e) == body for e in problem.entries())


def _findings(plan: Plan, problems: Iterable[Problem], body: str | None) -> Iterator[Attention]:
    body_of = _body_of(plan)
    for problem in problems:
        if _about(problem, body, body_of):
            yield Attention(problem.code, problem.entry or "", finding_text(problem))


def _citations(plan: Plan, problems: Iterable[Problem], body: str | None) -> Iterator[Attention]:
    """The citation problems, each with the id of the entry that cites the source."""
    body_of = _body_of(plan)
    for problem in problems:
        entry_id = problem.entry or ""
        if body in (None, body_of.get(entry_id)):
            yield Attention("citation", entry_id, str(problem))
