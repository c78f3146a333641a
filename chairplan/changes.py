"""What changed between two revisions of the plan, by meaning and keyed by id.

Two complete plans (derived dates resolved) are compared entry by entry. Only what a reader of
the plan can see is a change: which file an entry stands in, the order of keys, comments and
whitespace never are. A window that narrows inside itself has *firmed*; one that widens around
itself has *loosened*; any other new window has *moved*, by the days its start moved.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from .dates import Window
from .model import Plan, Source, Text, Timed

__all__ = [
    "CODES",
    "EMPTY",
    "WORKING_TREE",
    "Change",
    "ChangeLog",
    "Code",
    "Comparison",
    "HistoryEntry",
    "Version",
    "compare",
    "comparison",
    "date_window",
    "entry_kinds",
]

NoteCode = Literal["no-git", "no-commits", "shallow", "unloadable", "git-error"]
WORKING_TREE = "working tree"  # the label of the files as they are now, committed or not
EMPTY = "empty"  # the label of the plan before the first commit: nothing

Code = Literal[
    "added",
    "removed",
    "moved",
    "firmed",
    "loosened",
    "dated",
    "undated",
    "status",
    "retitled",
    "place",
    "level",
    "owner",
    "sources",
    "details",
]
CODES: tuple[Code, ...] = typing.get_args(Code)  # in the order changes are listed
_DATE_FIELDS = ("when", "due", "years")
# What has a change kind of its own; every other field a reader sees is a "details" change.
_OWN = {"id", "title", "name", *_DATE_FIELDS, "status", "where", "level", "owner", "sources"}
# Only steer the checks (a waived finding, a lead-time constraint): no change to the plan itself.
_CHECKS_ONLY = {"waive", "constraints"}
_SCALARS: tuple[tuple[Code, str], ...] = (
    ("status", "status"),
    ("place", "where"),
    ("level", "level"),
    ("owner", "owner"),
)
# Held elsewhere: a priority's deliverables are compared one by one.
_ELSEWHERE = {"deliverables"}


@dataclass(frozen=True)
class Change:
    """One change to one entry. `old`/`new` hold the values compared: windows (or a timed
    `when`), statuses, titles, places; for `sources`, the articles removed and added."""

    code: Code
    entry: str
    kind: str  # event, deliverable, priority, body, chairmanship, resource, blackout
    body: str  # the body it belongs to; "" for what belongs to the whole plan
    title: Text
    old: Any = None
    new: Any = None
    days: int | None = None  # moved: how many days later (negative: earlier) it starts
    anchor: str | None = None  # a derived date that moved because this anchor moved
    fields: tuple[str, ...] = ()  # details: the fields that changed
    was_body: str | None = None  # the body it belonged to, when it moved to another

    def as_dict(self) -> dict[str, object]:
        found: dict[str, object] = {
            "change": self.code,
            "id": self.entry,
            "kind": self.kind,
            "body": self.body or None,
            "title": _plain(self.title),
            "old": _plain(self.old),
            "new": _plain(self.new),
        }
        if self.days is not None:
            found["days"] = self.days
        if self.anchor is not None:
            found["because_anchor_moved"] = self.anchor
        if self.fields:
            found["fields"] = list(self.fields)
        if self.was_body is not None:
            found["was_body"] = self.was_body
        return found


@dataclass(frozen=True)
class Version:
    """One side of a comparison: a commit (`label` its short sha), or the working tree."""

    label: str
    commit: str | None = None
    time: dt.datetime | None = None  # the commit's time, in UTC

    def as_dict(self) -> dict[str, str | None]:
        when = self.time.isoformat() if self.time else None
        return {"revision": self.label, "commit": self.commit, "date": when}


@dataclass(frozen=True)
class Comparison:
    """Every change from one version of the plan to another, with each body's short name."""

    old: Version
    new: Version
    changes: tuple[Change, ...]
    bodies: Mapping[str, str]
    audience: str | None = None  # who the plans compared were views for (audiences.py)

    def narrowed(self, body: str) -> Comparison:
        kept = tuple(c for c in self.changes if body in (c.body, c.was_body))
        return dataclasses.replace(self, changes=kept)

    def as_dict(self) -> dict[str, object]:
        return {
            "audience": self.audience,
            "from": self.old.as_dict(),
            "to": self.new.as_dict(),
            "changes": [c.as_dict() for c in self.changes],
        }


@dataclass(frozen=True)
class HistoryEntry:
    """One commit of the plan's history: its changes against the plan before it, or the number
    of problems that kept the plan at that commit from loading."""

    comparison: Comparison
    problems: int = 0


@dataclass(frozen=True)
class ChangeLog:
    """What `build` publishes of the plan's history: the changes since a moment (None, with a
    note saying why, when they cannot be known) and the last commits' changes, newest first."""

    since: dt.datetime
    recent: Comparison | None
    # Why `recent` is None: "no-git", "no-commits", "shallow", "unloadable" (then `where`
    # names the revision: a short sha, or None for the working tree) or "git-error" (then
    # `where` is git's message).
    note: NoteCode | None = None
    history: tuple[HistoryEntry, ...] = ()
    where: str | None = None


def _plain(value: object) -> object:
    """A value as JSON: windows as the YAML writes them, texts and places as mappings."""
    if value is None or isinstance(value, str | int):
        return value
    if isinstance(value, Window):
        return str(value)
    if isinstance(value, Timed):
        end = f"/{value.end:%Y-%m-%dT%H:%M}" if value.end else ""
        return f"{value.start:%Y-%m-%dT%H:%M}{end}"
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if getattr(value, f.name) is not None
        }
    return str(value)


@dataclass(frozen=True)
class _Entry:
    """An entry as the comparison sees it: its kind, body, the priority a deliverable is under."""

    kind: str
    body: str
    entry: Any
    priority: str | None = None


_Sides = tuple[
    dict[str, _Entry], dict[str, _Entry]
]  # the entries of the old and the new plan, by id


def entry_kinds(plan: Plan) -> Iterator[_Entry]:
    """Every entry with an id, deliverables with their priority and its body."""
    for b in plan.bodies:
        yield _Entry("body", b.id, b)
    for c in plan.chairmanships:
        yield _Entry("chairmanship", c.body, c)
    for p in plan.priorities:
        yield _Entry("priority", p.body, p)
        for d in p.deliverables:
            yield _Entry("deliverable", p.body, d, p.id)
    for e in plan.events:
        yield _Entry("event", e.body, e)
    for r in plan.resources:
        yield _Entry("resource", "", r)
    for x in plan.blackouts:
        yield _Entry("blackout", "", x)


def _title(entry: Any) -> Text:
    value = getattr(entry, "title", None) or getattr(entry, "name", None)
    return value if isinstance(value, Text) else Text(en=entry.id)


def _date_field(entry: Any) -> str | None:
    return next((f for f in _DATE_FIELDS if hasattr(entry, f)), None)


def date_window(value: object) -> Window | None:
    return (
        value.window if isinstance(value, Timed) else value if isinstance(value, Window) else None
    )


def _date_change(old: object, new: object) -> tuple[Code, int | None] | None:
    """How one date became another: None when it did not change for a reader (the same days,
    however written: `2026-Q2` and `2026-04..2026-06` are one window)."""
    before, after = date_window(old), date_window(new)
    if before is None or after is None:
        if before is None and after is None:
            return None
        return ("dated", None) if before is None else ("undated", None)
    same_days = (before.start, before.end) == (after.start, after.end)
    if same_days and before.is_firm == after.is_firm:
        if not (isinstance(old, Timed) or isinstance(new, Timed)) or old == new:
            return None
        return "moved", 0  # the same days, a time set, changed or dropped
    if before.contains(after) and not same_days and not before.is_firm:
        return "firmed", None
    if after.contains(before) and not same_days and not after.is_firm:
        return "loosened", None
    return "moved", (after.start - before.start).days


def _sources(entry: Any) -> dict[str, set[str]]:
    """The articles an entry (and its members) cites, each with the quotes taken from it."""
    found: list[Source] = list(getattr(entry, "sources", ()))
    for member in getattr(entry, "members", ()):
        found += member.sources
    cited: dict[str, set[str]] = {}
    for s in found:
        cited.setdefault(s.article or f"documents/{s.name}", set()).add(s.quote)
    return cited


def _reader_view(name: str, value: object) -> object:
    """What a reader sees of a field: a list of names in any order is the same list; a body's
    members without their sources (compared as sources); a body's tracks in any order."""
    if name == "members" and isinstance(value, list):
        return sorted((m.country, tuple(m.observes)) for m in value)
    if name == "tracks" and isinstance(value, list):
        return frozenset((t.id, t.name) for t in value)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return frozenset(value)
    return value


def _details(old: Any, new: Any) -> tuple[str, ...]:
    names = [
        f.name for f in dataclasses.fields(new) if f.name not in _OWN | _ELSEWHERE | _CHECKS_ONLY
    ]
    return tuple(
        n for n in names if _reader_view(n, getattr(old, n)) != _reader_view(n, getattr(new, n))
    )


def _anchor_moved(entry_id: str, plans: tuple[Plan, Plan], sides: _Sides) -> str | None:
    """The anchor a derived date is counted from, when the formula is the same on both sides
    and the anchor's own date changed (so the entry moved because its anchor did)."""
    before, after = (p.derived.get(entry_id) for p in plans)
    if before is None or after is None or before.formula != after.formula:
        return None
    anchor = after.anchor.id
    dates = [_date(side[anchor].entry) if anchor in side else None for side in sides]
    moved = plans[0].derived.get(anchor) != plans[1].derived.get(anchor) or dates[0] != dates[1]
    return anchor if moved and _date_change(*dates) is not None else None


def _entry_changes(
    was: _Entry, now: _Entry, plans: tuple[Plan, Plan], sides: _Sides
) -> Iterator[Change]:
    old, new = was.entry, now.entry

    def change(code: Code, before: object = None, after: object = None, **more: Any) -> Change:
        return Change(code, new.id, now.kind, now.body, _title(new), before, after, **more)

    field = _date_field(new)
    if field is not None:
        before, after = getattr(old, field), getattr(new, field)
        how = _date_change(before, after)
        if how is not None:
            code, days = how
            yield change(code, before, after, days=days, anchor=_anchor_moved(new.id, plans, sides))
        formulas = [p.derived[new.id].formula if new.id in p.derived else None for p in plans]
        if how is None and formulas[0] != formulas[1]:
            yield change("details", *formulas, fields=(field,))
    for code, name in _SCALARS:
        if getattr(old, name, None) != getattr(new, name, None):
            yield change(code, getattr(old, name), getattr(new, name))
    if _title(old) != _title(new):
        yield change("retitled", _title(old), _title(new))
    cited_before, cited_after = _sources(old), _sources(new)
    if cited_before.keys() != cited_after.keys():
        removed = sorted(cited_before.keys() - cited_after.keys())
        added = sorted(cited_after.keys() - cited_before.keys())
        yield change("sources", tuple(removed), tuple(added))
    fields = _details(old, new)
    values = [{f: getattr(e, f) for f in fields} for e in (old, new)]
    if was.priority != now.priority:  # a deliverable moved to another priority
        fields += ("priority",)
        values[0]["priority"], values[1]["priority"] = was.priority, now.priority
    if fields:
        yield change("details", *values, fields=fields)


def _sort_key(change: Change) -> tuple[object, ...]:
    window = date_window(change.new if change.new is not None else change.old)
    day = window.start.toordinal() if window else 0
    return (change.body == "", change.body, CODES.index(change.code), day, change.entry)


def comparison(
    old: Plan,
    new: Plan,
    versions: tuple[Version, Version],
    told: frozenset[str] | None = None,
) -> Comparison:
    """The changes from `old` to `new`, with the bodies' short names (the newer's first).

    `told`, when given, is what may be told of: the changes of other entries are left out, and so
    is a body they moved from that is not told of (an audience's view of an older revision may
    show what is hidden from it now)."""
    found = compare(old, new)
    if told is not None:
        found = [
            c if c.was_body is None or c.was_body in told else dataclasses.replace(c, was_body=None)
            for c in found
            if c.entry in told
        ]
    names = {b.id: b.short for b in old.bodies} | {b.id: b.short for b in new.bodies}
    if told is not None:
        names = {k: v for k, v in names.items() if k in told}
    return Comparison(*versions, tuple(found), names, new.audience)


def compare(old: Plan, new: Plan) -> list[Change]:
    """Every change from `old` to `new`, by body (the whole plan's last), then kind of change,
    then date and id."""
    sides: _Sides = (
        {e.entry.id: e for e in entry_kinds(old)},
        {e.entry.id: e for e in entry_kinds(new)},
    )
    before, after = sides
    found: list[Change] = []
    for entry_id, now in after.items():
        was = before.get(entry_id)
        if was is None or was.kind != now.kind:
            found.append(
                Change(
                    "added", entry_id, now.kind, now.body, _title(now.entry), None, _date(now.entry)
                )
            )
            continue
        for change in _entry_changes(was, now, (old, new), sides):
            found.append(
                change if was.body == now.body else dataclasses.replace(change, was_body=was.body)
            )
    for entry_id, gone in before.items():
        kept = after.get(entry_id)
        if kept is None or kept.kind != gone.kind:
            title, day = _title(gone.entry), _date(gone.entry)
            found.append(Change("removed", entry_id, gone.kind, gone.body, title, day))
    return sorted(found, key=_sort_key)


def _date(entry: Any) -> object:
    field = _date_field(entry)
    return getattr(entry, field) if field else None
