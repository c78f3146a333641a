"""Who may see what: the plan as one audience may see it, made before anything is rendered.

Every output is rendered from `view(plan, audience)`, never from the plan itself, so what an
audience may not see is not in the data its files are made from; `CLASS:PRIVATE` in a feed
would only ask a client to hide bytes that are there.

The levels are ordered, most public first (`settings: audiences:`, by default public, partners,
internal). An entry's level is its own `audience:`, else that of what it belongs to (a body's for
its chairmanships, priorities and events; a priority's for its deliverables), else the plan's
`default-audience:`, else the most private: nothing is public unless the plan says so. An entry is
never more public than what it belongs to, whatever it says. What is sensitive by nature (notes,
owners, resources, waivers, constraints, the planning findings) has a level of its own
(`field-audiences:`), by default the most private.

An entry above the audience is, by its `redact:` (else the plan's): omitted; a `busy` block with
its dates only, under an opaque id; or `coarsen`ed, its dates widened to the month or quarter and
its place to the city. A link to an entry the audience does not see is dropped, and a derived date
whose anchor it does not see keeps its day but loses its formula. A body keeps only the tracks
(and their names) of the events the audience sees plainly.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from .dates import Precision, Window, point
from .errors import Problem, UnknownName
from .model import (
    Deliverable,
    Event,
    Place,
    Plan,
    PlanFile,
    Priority,
    SensitiveField,
    Settings,
    Text,
    Waiver,
)

__all__ = [
    "BUSY",
    "REDACTED_PREFIX",
    "Levels",
    "audience_of",
    "coarse",
    "levels",
    "shown_plainly",
    "uid_token",
    "view",
    "visible_findings",
]

BUSY = Text(en="Busy", vi="Bận")
REDACTED_PREFIX = "redacted-"  # the opaque id of a busy or coarsened entry
_DEFAULT_KEY = "chairplan"  # without `uid-key:`; a guessed id can then be matched to its UID


def uid_token(entry_id: str, key: str | None) -> str:
    """What a UID is made of: a keyed digest of the id, the same in every audience."""
    secret = (key or _DEFAULT_KEY).encode()
    return hmac.new(secret, entry_id.encode(), hashlib.sha256).hexdigest()[:32]


def audience_of(plan: Plan, audience: str | None) -> str:
    """The level an output is for: `audience`, or the most private when None; an unknown name
    is an error with the names known."""
    settings = plan.settings
    if audience is None:
        return settings.most_private
    if audience not in settings.audiences:
        raise UnknownName("audience", audience, settings.audiences)
    return audience


@dataclasses.dataclass(frozen=True)
class Levels:
    """Each entry's level, by id, and the level of each sensitive field."""

    settings: Settings
    entries: Mapping[str, str]

    def field(self, name: SensitiveField) -> str:
        return self.settings.field_audiences.get(name, self.settings.most_private)

    def sees(self, audience: str, level: str) -> bool:
        return self.settings.rank(level) <= self.settings.rank(audience)


def levels(plan: Plan) -> Levels:
    """The level of every entry: its own, else inherited; never more public than its parent."""
    settings = plan.settings
    default = settings.default_audience or settings.most_private

    def level(own: str | None, parent: str) -> str:
        if own is None:
            return parent
        return own if settings.rank(own) >= settings.rank(parent) else parent

    found: dict[str, str] = {}
    bodies = {b.id: b.audience or default for b in plan.bodies}  # a default is no parent
    found.update(bodies)
    for c in plan.chairmanships:
        found[c.id] = level(c.audience, bodies.get(c.body, default))
    for p in plan.priorities:
        found[p.id] = level(p.audience, bodies.get(p.body, default))
        for d in p.deliverables:
            found[d.id] = level(d.audience, found[p.id])
    for e in plan.events:
        found[e.id] = level(e.audience, bodies.get(e.body, default))
    resources = settings.field_audiences.get("resources", settings.most_private)
    for r in plan.resources:
        found[r.id] = r.audience or resources
    for x in plan.blackouts:  # at least as private as every body it names
        found[x.id] = x.audience or default
        for body in x.bodies:
            found[x.id] = level(found[x.id], bodies.get(body, default))
    return Levels(settings, found)


def coarse(window: Window) -> Window:
    """The smallest month, quarter, half or year (or run of years) around a window of days."""
    if window.precision is not Precision.DAY and not window.is_span:
        return window
    s, e = window.start, window.end
    if (s.year, s.month) == (e.year, e.month):
        return point(s.year, Precision.MONTH, s.month)
    for precision, size in ((Precision.QUARTER, 3), (Precision.HALF, 6)):
        if s.year == e.year and (s.month - 1) // size == (e.month - 1) // size:
            return point(s.year, precision, (s.month - 1) // size + 1)
    if s.year == e.year:
        return point(s.year, Precision.YEAR)
    last = point(e.year, Precision.YEAR)
    return Window(point(s.year, Precision.YEAR).start, last.end, Precision.YEAR, is_range=True)


class _View:
    """The making of one audience's view: what it sees plainly, and what as busy or coarsened."""

    def __init__(self, plan: Plan, audience: str):
        self.plan = plan
        self.audience = audience
        self.levels = levels(plan)
        self.key = plan.settings.uid_key
        self.plain = {i for i, lvl in self.levels.entries.items() if self.sees(lvl)}

    def sees(self, level: str) -> bool:
        return self.levels.sees(self.audience, level)

    def field(self, name: SensitiveField) -> bool:
        return self.sees(self.levels.field(name))

    def mode(self, entry: Event | Deliverable) -> str:
        return entry.redact or self.plan.settings.redact

    def common(self, entry: Any) -> dict[str, Any]:
        """The sensitive fields an entry it sees plainly loses, and its links to what it does not."""
        changes: dict[str, Any] = {}
        if getattr(entry, "notes", None) and not self.field("notes"):
            changes["notes"] = None
        if getattr(entry, "owner", None) and not self.field("owner"):
            changes["owner"] = None
        if not self.field("documents"):  # what cites an internal document loses the citation
            sources = getattr(entry, "sources", None)
            if sources and any(s.document for s in sources):
                changes["sources"] = [s for s in sources if s.document is None]
            members = getattr(entry, "members", None)
            if members and any(s.document for m in members for s in m.sources):
                changes["members"] = [
                    dataclasses.replace(m, sources=[s for s in m.sources if s.document is None])
                    for m in members
                ]
        if getattr(entry, "waive", None) and not self.field("waive"):
            changes["waive"] = []
        if getattr(entry, "constraints", None) and not self.field("constraints"):
            changes["constraints"] = []
        if getattr(entry, "constraints", None) and "constraints" not in changes:
            kept = [c for c in entry.constraints if c.target in self.plain]
            if kept != entry.constraints:
                changes["constraints"] = kept
        if getattr(entry, "waive", None) and "waive" not in changes:
            waivers = [self.waiver(w) for w in entry.waive]
            if waivers != entry.waive:
                changes["waive"] = waivers
        for name in ("events", "priorities", "resources", "bodies"):
            links = getattr(entry, name, None)
            if links and all(isinstance(x, str) for x in links):
                hidden = name == "resources" and not self.field("resources")
                kept = [] if hidden else [x for x in links if x in self.plain]
                if kept != links:
                    changes[name] = kept
        return changes

    def waiver(self, w: Waiver) -> Waiver:
        """A waiver without the entries it names that the audience does not see."""
        kept = [x for x in w.with_ if x in self.plain or x not in self.levels.entries]
        return w if kept == w.with_ else Waiver(rule=w.rule, reason=w.reason, **{"with": kept})

    def event(self, e: Event) -> Event | None:
        if e.id in self.plain:
            changes = self.common(e)
            return dataclasses.replace(e, **changes) if changes else e
        if e.body not in self.plain or e.status in ("cancelled", "postponed"):
            return None
        mode = self.mode(e)
        if mode == "busy":  # the days, in its body's lane: no status, time, place or track
            return Event(id=self.opaque(e.id), title=BUSY, when=e.window, body=e.body)
        if mode == "coarsen":  # its title, the month or quarter, the city
            where = e.where and Place(city=e.where.city, country=e.where.country)
            return Event(
                id=self.opaque(e.id),
                title=e.title,
                when=coarse(e.window),
                body=e.body,
                where=where,
                format=e.format,
                status=e.status,
                level=e.level,
            )
        return None

    def opaque(self, entry_id: str) -> str:
        """The id a redacted entry is shown under: its UID's digest, so its id (which may say
        its date or its guest) is not shown, and its UID is the one of every audience."""
        return f"{REDACTED_PREFIX}{uid_token(entry_id, self.key)}"

    def deliverable(self, d: Deliverable) -> Deliverable | None:
        if d.id in self.plain:
            changes = self.common(d)
            return dataclasses.replace(d, **changes) if changes else d
        if self.mode(d) != "coarsen":
            return None
        due = coarse(d.deadline) if d.deadline else None
        return Deliverable(id=self.opaque(d.id), title=d.title, status=d.status, due=due)

    def priority(self, p: Priority) -> Priority | None:
        if p.id not in self.plain:  # its deliverables are at least as private
            return None
        kept = [d for d in map(self.deliverable, p.deliverables) if d is not None]
        changes = self.common(p)
        if kept != p.deliverables:
            changes["deliverables"] = kept
        return dataclasses.replace(p, **changes) if changes else p

    def plain_entries(self, entries: Iterable[Any]) -> list[Any]:
        found = []
        for entry in entries:
            if entry.id in self.plain:
                changes = self.common(entry)
                found.append(dataclasses.replace(entry, **changes) if changes else entry)
        return found

    def file(self, f: PlanFile) -> PlanFile:
        events = [e for e in map(self.event, f.events) if e is not None]
        priorities = [p for p in map(self.priority, f.priorities) if p is not None]
        return dataclasses.replace(
            f,
            bodies=self.plain_entries(f.bodies),
            chairmanships=self.plain_entries(f.chairmanships),
            priorities=priorities,
            events=events,
            resources=self.plain_entries(f.resources) if self.field("resources") else [],
            blackouts=self.plain_entries(f.blackouts),
        )

    def plan_view(self) -> Plan:
        files = tuple((name, self.file(f)) for name, f in self.plan.files)
        used = {(e.body, e.track) for _, f in files for e in f.events if e.track}
        files = tuple((name, _with_tracks(f, used)) for name, f in files)
        derived = {
            k: d
            for k, d in self.plan.derived.items()
            if k in self.plain and d.anchor.id in self.plain
        }
        redacted = {
            e.id: "busy" if e.title == BUSY else "coarsen"
            for _, f in files
            for e in f.events
            if e.id not in self.plain
        }
        redacted |= {
            d.id: "coarsen"
            for _, f in files
            for p in f.priorities
            for d in p.deliverables
            if d.id not in self.plain
        }
        return Plan(files, derived, self.audience, redacted)


def _with_tracks(f: PlanFile, used: set[tuple[str, str]]) -> PlanFile:
    """The file's bodies with only the tracks that events of the view use: a track's name is
    shown only with an event of it."""
    bodies = [
        dataclasses.replace(b, tracks=[t for t in b.tracks if (b.id, t.id) in used])
        if b.tracks
        else b
        for b in f.bodies
    ]
    return dataclasses.replace(f, bodies=bodies) if bodies != f.bodies else f


def view(plan: Plan, audience: str) -> Plan:
    """The plan as `audience` may see it (the most private level sees it all); an unknown
    audience is an error, never a level that sees more."""
    audience = audience_of(plan, audience)
    if audience == plan.settings.most_private:
        return dataclasses.replace(plan, audience=audience)
    return _View(plan, audience).plan_view()


def visible_findings(problems: Iterable[Problem], plan: Plan, audience: str) -> list[Problem]:
    """The planning findings `audience` may see: none when findings are above it; else those
    that involve only entries it sees plainly and name nothing it does not."""
    if audience_of(plan, audience) == plan.settings.most_private:
        return list(problems)
    made = _View(plan, audience)
    if not made.field("findings"):
        return []
    hidden = {i for i in made.levels.entries if i not in made.plain}
    titles = [t.casefold() for e in _all_entries(plan) if e.id in hidden for t in _texts(e)]
    if not made.field("resources"):
        titles += [t.casefold() for r in plan.resources for t in (r.id, *_texts(r))]
    kept = []
    for problem in problems:
        text = problem.message.casefold()
        about = next((f for code, f in _FINDINGS_OF.items() if problem.code.startswith(code)), None)
        if about is not None and not made.field(about):
            continue  # the finding quotes what it is about: a constraint, a resource's name
        if set(problem.entries()) & hidden or any(t and t in text for t in titles):
            continue
        kept.append(problem)
    return kept


# The findings that speak of a sensitive field, shown only to who may see that field.
_FINDINGS_OF: dict[str, SensitiveField] = {
    "leadtime.": "constraints",
    "clash.resource": "resources",
    "clash.travel": "resources",
}


def shown_plainly(shown: Plan) -> frozenset[str]:
    """The ids of a view whose changes may be told to its audience: what it sees plainly, and
    its busy blocks (whose days it sees); not a coarsened entry, whose exact days it may not."""
    ids = {e.id for e in _all_entries(shown)}
    return frozenset(i for i in ids if shown.redacted.get(i) != "coarsen")


def _all_entries(plan: Plan) -> Iterator[Any]:
    """Every entry with an id, deliverables included."""
    yield from (*plan.bodies, *plan.chairmanships, *plan.priorities, *plan.deliverables)
    yield from (*plan.events, *plan.resources, *plan.blackouts)


def _texts(entry: Any) -> list[str]:
    """An entry's id and the words it is known by."""
    found = [entry.id]
    for name in ("title", "name"):
        value = getattr(entry, name, None)
        if isinstance(value, Text):
            found += [t for t in (value.en, value.vi) if t]
    return found
