"""Derived dates resolved in one topological pass: each `when:` or `due:` counted from its anchor.

Fuzzy in, fuzzy out: an anchor known to a quarter gives a window the derived entry lies in, never
an invented day, and both ends move by the offsets. Working days are those of the entry's host
country (its `where:` country, else its body's chairmanship) unless an offset names another, and a
derived day that lands off work moves to the previous working day when counted back from the
anchor, the next when counted forward (`roll:` says otherwise).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import graphlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dateutil.relativedelta import relativedelta

from .. import calendars
from ..dates import FIRST_YEAR, LAST_YEAR, Window, spanning
from ..errors import Location, Problem, unknown_message
from ..model import Chairmanship, Deliverable, Derived, Event, PlanFile, Priority
from ..relative import Derivation, Offset, Step
from .load import LoadedFile, LoadedPlan, Path_

__all__ = ["dated_entries", "host_country", "resolve"]

_DAY = dt.timedelta(days=1)
_PARTS = {"events": ("start", "end"), "deliverables": ("due",)}


class _Unresolvable(Exception):
    """A derived date that cannot be counted (no calendar, off the calendar): the message."""


@dataclasses.dataclass(frozen=True)
class _Node:
    file: LoadedFile
    path: Path_
    entry: Event | Deliverable
    key: str  # "when" or "due"
    formula: Derived


def dated_entries(loaded: LoadedPlan) -> Iterator[tuple[LoadedFile, Path_, Any]]:
    """The entries a date can be counted from (or a constraint can name): events, deliverables."""
    for f, path, entry in loaded.entries():
        if path[-2] in _PARTS:
            yield f, path, entry


def resolve(root: Path, files: tuple[LoadedFile, ...]) -> tuple[LoadedPlan, list[Problem]]:
    """The plan of `files` (as written) with every derived date resolved, and the problems of
    those that cannot be: an unknown anchor, a cycle, a day that cannot be counted."""
    written = LoadedPlan(root, tuple(f.as_written() for f in files))
    nodes = {n.entry.id: n for n in _derived(written)}
    if not nodes:
        return written, []
    problems: list[Problem] = []
    dated = {entry.id: (str(path[-2]), entry) for _, path, entry in dated_entries(written)}
    graph: dict[str, set[str]] = {}
    for entry_id, node in nodes.items():
        problem = _anchor_problem(node, dated)
        if problem:
            problems.append(problem)
        else:
            graph[entry_id] = {node.formula.anchor.id} & nodes.keys()
    order, cycle_problems = _order(graph, nodes)
    problems += cycle_problems
    derivations: dict[str, Derivation] = {}
    for entry_id in order:
        if entry_id not in graph:
            continue  # its anchor was refused (reported above): nothing to count from
        node = nodes[entry_id]
        anchor = node.formula.anchor.id
        if anchor in nodes and anchor not in derivations:
            continue  # its anchor could not be resolved, which is reported already
        window = derivations[anchor].window if anchor in derivations else _window(dated[anchor][1])
        try:
            derivations[entry_id] = _derive(node, window, _country(written, node, window))
        except _Unresolvable as exc:
            problems.append(_located(node, "derived-date", f"{node.key}: {exc}"))
    if problems:
        return written, problems
    return _with_windows(written, derivations), []


def _derived(loaded: LoadedPlan) -> Iterator[_Node]:
    for f, path, entry in dated_entries(loaded):
        key = "when" if path[-2] == "events" else "due"
        value = getattr(entry, key)
        if isinstance(value, Derived):
            yield _Node(f, path, entry, key, value)


def _located(node: _Node, code: str, message: str) -> Problem:
    """A problem at the entry's `when:` or `due:`, its message led by the path, as the loader's
    are ('events.3.when: ...')."""
    path = (*node.path, node.key)
    message = message.removeprefix(f"{node.key}: ")
    dotted = ".".join(map(str, path))
    return node.file.problem(path, code, f"{dotted}: {message}", entry=node.entry.id)


def _anchor_problem(node: _Node, dated: dict[str, tuple[str, Any]]) -> Problem | None:
    anchor = node.formula.anchor
    if anchor.id not in dated:
        message = unknown_message(
            "event or deliverable",
            anchor.id,
            dated,
            "count from an event's id (ID.start, ID.end) or a deliverable's (ID.due)",
        )
        return _located(node, "unknown-anchor", f"{node.key}: {message}")
    kind, target = dated[anchor.id]
    if anchor.part not in _PARTS[kind]:
        fix = "write .due" if kind == "deliverables" else "write .start or .end"
        what = "a deliverable has a due date" if kind == "deliverables" else "an event has days"
        article = "a deliverable" if kind == "deliverables" else "an event"
        message = f"{node.key}: {anchor.id} is {article}: {what}, not .{anchor.part}; {fix}"
        return _located(node, "unknown-anchor", message)
    if kind == "deliverables" and target.due is None:
        message = f"{node.key}: {anchor.id} has no due date to count from; give it due:"
        return _located(node, "unknown-anchor", message)
    return None


def _order(graph: dict[str, set[str]], nodes: dict[str, _Node]) -> tuple[list[str], list[Problem]]:
    """The derived entries, each after its anchor; every cycle as one problem listing it whole."""
    problems: list[Problem] = []
    while True:
        try:
            return list(graphlib.TopologicalSorter(graph).static_order()), problems
        except graphlib.CycleError as exc:
            cycle: list[str] = exc.args[1][:-1]  # [a, b, ..., a]: each depends on the next
            cycle.reverse()  # a -> its anchor -> its anchor's anchor ...
            first = min(cycle, key=lambda e: (nodes[e].file.name, nodes[e].path))
            at = cycle.index(first)
            cycle = cycle[at:] + cycle[:at]
            chain = " → ".join(f"{e} ({nodes[e].formula})" for e in cycle)
            message = (
                f"{nodes[first].key}: these dates are counted from each other in a circle: "
                f"{chain} → {first}; give one of them a date of its own"
            )
            problem = _located(nodes[first], "date-cycle", message)
            related = tuple(_location(nodes[e]) for e in cycle[1:])
            problems.append(dataclasses.replace(problem, related=related))
            for entry in cycle:
                graph.pop(entry, None)
            for anchors in graph.values():
                anchors.difference_update(cycle)


def _location(node: _Node) -> Location:
    mark = node.file.mark((*node.path, node.key))
    return Location(node.file.name, mark.line, mark.column, node.entry.id)


def _window(entry: Event | Deliverable) -> Window:
    if isinstance(entry, Event):
        return entry.window
    assert entry.deadline is not None  # checked by _anchor_problem
    return entry.deadline


def host_country(
    loaded: LoadedPlan, f: LoadedFile, path: Path_, entry: Any, near: Window
) -> str | None:
    """The country whose working days an entry keeps: where it is held, else the country of its
    body's chairmanship (the one whose years hold `near`, when there are several)."""
    where = getattr(entry, "where", None)
    if where is not None and where.country is not None:
        return str(where.country)
    deliverable = path[-2] == "deliverables"
    body = f.model.priorities[int(path[1])].body if deliverable else entry.body
    chairs: list[Chairmanship] = [c for c in loaded.plan.chairmanships if c.body == body]
    chosen = next((c for c in chairs if c.years.overlaps(near)), chairs[0] if chairs else None)
    return chosen.country if chosen else None


def _country(loaded: LoadedPlan, node: _Node, near: Window) -> str | None:
    return host_country(loaded, node.file, node.path, node.entry, near)


def _calendar(country: str | None, entry: str, why: str) -> str:
    """The country to count working days in, or why there is none."""
    if country is None:
        raise _Unresolvable(
            f"{why} for {entry} needs a calendar, and it has no host country: give it "
            "where: {country: VN}, or name the country in the offset (- 10wd in VN)"
        )
    if not calendars.is_supported(country):
        raise _Unresolvable(
            f"{why} for {entry} needs {country}'s working days, and chairplan has no holiday "
            "calendar for it; name another in the offset (- 10wd in VN)"
        )
    return country


def _shift(
    day: dt.date, offset: Offset, country: str | None, entry: str
) -> tuple[dt.date, list[dt.date]]:
    """`day` moved by `offset`, and the days off a working-day count passed over."""
    if offset.unit != "wd":
        delta = {"d": relativedelta(days=offset.amount), "w": relativedelta(weeks=offset.amount)}
        return day + delta.get(offset.unit, relativedelta(months=offset.amount)), []
    calendar = _calendar(offset.country or country, entry, "counting working days")
    step, left, passed = (_DAY if offset.amount > 0 else -_DAY), abs(offset.amount), []
    while left:
        day += step
        if calendars.is_working_day(calendar, day):
            left -= 1
        else:
            passed.append(day)
    return day, passed


def _rolled(day: dt.date, back: bool, calendar: str) -> tuple[dt.date, list[dt.date]]:
    passed = []
    while not calendars.is_working_day(calendar, day):
        passed.append(day)
        day += -_DAY if back else _DAY
    return day, passed


def _holidays(country: str | None, days: list[dt.date]) -> tuple[tuple[dt.date, str], ...]:
    if country is None:
        return ()
    found = ((d, calendars.holiday_on(country, d)) for d in days)
    return tuple(sorted((d, h.en) for d, h in found if h is not None))


def _derive(node: _Node, anchor: Window, country: str | None) -> Derivation:
    """The derived window, step by step; both ends of a fuzzy anchor move alike."""
    formula, entry = node.formula, node.entry.id
    part = formula.anchor.part
    if anchor.is_firm:
        day = anchor.start if part == "start" else anchor.end
        ends = [day, day]
    else:
        ends = [anchor.start, anchor.end]
    precision = anchor.precision
    steps = [Step(str(formula.anchor), spanning(ends[0], ends[1], precision))]
    try:
        for offset in formula.offset:
            ends[1], _ = _shift(ends[1], offset, country, entry)
            ends[0], passed = _shift(ends[0], offset, country, entry)
            where = offset.country or country
            # a count of working days names the calendar it kept, said or not
            said = dataclasses.replace(offset, country=where) if offset.unit == "wd" else offset
            window = spanning(ends[0], ends[1], precision)
            skipped = _holidays(where, passed) if anchor.is_firm else ()  # a span has no one day
            steps.append(Step(str(said), window, skipped))
        last = next((o for o in reversed(formula.offset) if o.amount), None)
        roll = formula.roll or ("none" if last is None or last.unit == "wd" else None)
        if roll != "none":
            calendar = _calendar(country, entry, "moving a day off work to a working day")
            back = roll == "previous" or (roll is None and last is not None and last.amount < 0)
            first, passed = _rolled(ends[0], back, calendar)
            moved = [first, _rolled(ends[1], back, calendar)[0]]
            if moved != ends:
                ends = moved
                side = "previous" if back else "next"
                skipped = _holidays(country, passed) if anchor.is_firm else ()
                window = spanning(ends[0], ends[1], precision)
                steps.append(Step(f"to the {side} working day", window, skipped))
        elif formula.roll == "none" and anchor.is_firm and country is not None:
            kept = _holidays(country, [ends[0]]) if calendars.is_supported(country) else ()
            if kept:  # said, so no one reads it as a mistake
                steps.append(Step("kept (roll: none)", steps[-1].window, kept, "is on"))
        if formula.length:
            ends[1] += dt.timedelta(days=formula.length - 1)
            steps.append(Step(f"for {formula.length}d", spanning(ends[0], ends[1], precision)))
    except (OverflowError, ValueError):  # past 9999 (dateutil says so with a ValueError)
        raise _Unresolvable(
            f"the date of {entry} would fall outside the calendar; check the anchor's date and "
            "the offsets"
        ) from None
    window = steps[-1].window
    if window.start.year < FIRST_YEAR or window.end.year > LAST_YEAR:
        raise _Unresolvable(
            f"the date of {entry} would be {window}, outside the years a plan may hold "
            f"({FIRST_YEAR} to {LAST_YEAR}); check the anchor's date and the offsets"
        )
    return Derivation(
        entry,
        "when" if node.key == "when" else "due",
        str(formula),
        formula.anchor,
        tuple(formula.offset),
        formula.length,
        tuple(steps),
        window,
    )


def _with_windows(loaded: LoadedPlan, derivations: dict[str, Derivation]) -> LoadedPlan:
    """The plan with each derived date replaced by its window, and the derivations noted."""

    def event(e: Event) -> Event:
        d = derivations.get(e.id)
        return dataclasses.replace(e, when=d.window) if d else e

    def deliverable(d: Deliverable) -> Deliverable:
        found = derivations.get(d.id)
        return dataclasses.replace(d, due=found.window) if found else d

    def priority(p: Priority) -> Priority:
        if not any(d.id in derivations for d in p.deliverables):
            return p
        return dataclasses.replace(p, deliverables=[deliverable(d) for d in p.deliverables])

    files = []
    for f in loaded.files:
        model: PlanFile = f.model
        if any(isinstance(e.when, Derived) for e in model.events) or any(
            isinstance(d.due, Derived) for p in model.priorities for d in p.deliverables
        ):
            resolved = dataclasses.replace(
                model,
                events=[event(e) for e in model.events],
                priorities=[priority(p) for p in model.priorities],
            )
            f = dataclasses.replace(f, model=resolved, written=model)
        files.append(f)
    return LoadedPlan(loaded.root, tuple(files), derivations)
