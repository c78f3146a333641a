"""What changed between two revisions of the plan, by meaning and keyed by id.

Two complete plans (derived dates resolved) are compared entry by entry. Only what a reader of
the plan can see is a change: which file an entry stands in, the order of keys, comments and
whitespace never are. A window that narrows inside itself has *firmed*; one that widens around
itself has *loosened*; any other new window has *moved*, by the days its start moved.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
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
    "entry_kinds",
]

NoteCode = Literal["no-git", "no-commits", "shallow", "unloadable"]
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
CODES: tuple[Code, ...] = (
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
)
_DATE_FIELDS = ("when", "due", "years")
# What has a change kind of its own; every other field a reader sees is a "details" change.
_OWN = {"id", "title", "name", *_DATE_FIELDS, "status", "where", "level", "owner", "sources"}
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

    def narrowed(self, body: str) -> Comparison:
        kept = tuple(c for c in self.changes if c.body == body)
        return dataclasses.replace(self, changes=kept)

    def as_dict(self) -> dict[str, object]:
        return {
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
    # Why `recent` is None: "no-git", "no-commits", "shallow" or "unloadable" (then `where`
    # names the revision: a short sha, or None for the working tree).
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


def entry_kinds(plan: Plan) -> Iterator[tuple[str, str, Any]]:
    """Every entry with an id: (kind, body, entry), deliverables with their priority's body."""
    for b in plan.bodies:
        yield "body", b.id, b
    for c in plan.chairmanships:
        yield "chairmanship", c.body, c
    for p in plan.priorities:
        yield "priority", p.body, p
        for d in p.deliverables:
            yield "deliverable", p.body, d
    for e in plan.events:
        yield "event", e.body, e
    for r in plan.resources:
        yield "resource", "", r
    for x in plan.blackouts:
        yield "blackout", "", x


def _title(entry: Any) -> Text:
    value = getattr(entry, "title", None) or getattr(entry, "name", None)
    return value if isinstance(value, Text) else Text(en=entry.id)


def _date_field(entry: Any) -> str | None:
    return next((f for f in _DATE_FIELDS if hasattr(entry, f)), None)


def _window(value: object) -> Window | None:
    return (
        value.window if isinstance(value, Timed) else value if isinstance(value, Window) else None
    )


def _date_change(old: object, new: object) -> tuple[Code, int | None] | None:
    """How one date became another: None when it did not change for a reader."""
    if old == new:
        return None
    before, after = _window(old), _window(new)
    if before is None or after is None:
        return ("dated", None) if before is None else ("undated", None)
    days = (after.start - before.start).days
    if before.contains(after) and before != after and not before.is_firm:
        return "firmed", None
    if after.contains(before) and before != after and not after.is_firm:
        return "loosened", None
    return "moved", days


def _sources(entry: Any) -> set[tuple[str, str]]:
    found: list[Source] = list(getattr(entry, "sources", ()))
    for member in getattr(entry, "members", ()):
        found += member.sources
    return {(s.article, s.quote) for s in found}


def _details(old: Any, new: Any) -> tuple[str, ...]:
    names = [f.name for f in dataclasses.fields(new) if f.name not in _OWN | _ELSEWHERE]
    return tuple(n for n in names if getattr(old, n) != getattr(new, n))


def _anchor_moved(entry_id: str, old: Plan, new: Plan) -> str | None:
    """The anchor a derived date is counted from, when the formula is the same on both sides
    (so it moved because its anchor did)."""
    before, after = old.derived.get(entry_id), new.derived.get(entry_id)
    if before is None or after is None or before.formula != after.formula:
        return None
    return after.anchor.id


def _entry_changes(
    kind: str, body: str, old: Any, new: Any, plans: tuple[Plan, Plan]
) -> Iterator[Change]:
    def change(code: Code, before: object = None, after: object = None, **more: Any) -> Change:
        return Change(code, new.id, kind, body, _title(new), before, after, **more)

    field = _date_field(new)
    if field is not None:
        before, after = getattr(old, field), getattr(new, field)
        how = _date_change(before, after)
        if how is not None:
            code, days = how
            yield change(code, before, after, days=days, anchor=_anchor_moved(new.id, *plans))
        elif plans[0].derived.get(new.id) != plans[1].derived.get(new.id):
            formulas = [p.derived[new.id].formula if new.id in p.derived else None for p in plans]
            if formulas[0] != formulas[1]:
                yield change("details", *formulas, fields=(field,))
    for code, name in _SCALARS:
        if getattr(old, name, None) != getattr(new, name, None):
            yield change(code, getattr(old, name), getattr(new, name))
    if _title(old) != _title(new):
        yield change("retitled", _title(old), _title(new))
    before_sources, after_sources = _sources(old), _sources(new)
    if before_sources != after_sources:
        removed = sorted({a for a, _ in before_sources - after_sources})
        added = sorted({a for a, _ in after_sources - before_sources})
        yield change("sources", tuple(removed), tuple(added))
    if fields := _details(old, new):
        before_values = {f: getattr(old, f) for f in fields}
        yield change("details", before_values, {f: getattr(new, f) for f in fields}, fields=fields)


def _sort_key(change: Change) -> tuple[object, ...]:
    window = _window(change.new if change.new is not None else change.old)
    day = window.start.toordinal() if window else 0
    return (change.body == "", change.body, CODES.index(change.code), day, change.entry)


def comparison(old: Plan, new: Plan, versions: tuple[Version, Version]) -> Comparison:
    """The changes from `old` to `new`, with the bodies' short names (the newer's first)."""
    names = {b.id: b.short for b in old.bodies} | {b.id: b.short for b in new.bodies}
    return Comparison(*versions, tuple(compare(old, new)), names)


def compare(old: Plan, new: Plan) -> list[Change]:
    """Every change from `old` to `new`, by body (the whole plan's last), then kind of change,
    then date and id."""
    before = {entry.id: (kind, body, entry) for kind, body, entry in entry_kinds(old)}
    after = {entry.id: (kind, body, entry) for kind, body, entry in entry_kinds(new)}
    found: list[Change] = []
    for entry_id, (kind, body, entry) in after.items():
        if entry_id not in before or before[entry_id][0] != kind:
            found.append(Change("added", entry_id, kind, body, _title(entry), None, _date(entry)))
            continue
        found.extend(_entry_changes(kind, body, before[entry_id][2], entry, (old, new)))
    for entry_id, (kind, body, entry) in before.items():
        if entry_id not in after or after[entry_id][0] != kind:
            found.append(Change("removed", entry_id, kind, body, _title(entry), _date(entry)))
    return sorted(found, key=_sort_key)


def _date(entry: Any) -> object:
    field = _date_field(entry)
    return getattr(entry, field) if field else None
