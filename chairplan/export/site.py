"""What every published artefact is rendered from: the plan's components, rendered and revised
once, and the event feeds the plan has. Pure: the revisions and the stamp come in as arguments.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from ..changes import ChangeLog
from ..disk import cache, workers
from ..errors import ChairplanError, Problem, UnknownName
from ..model import LANGUAGES, Event, Language, Plan, PlanFile
from ..status import StatusReport, status_report
from . import ics, lines, tasks
from .filters import EventFilter
from .holiday_feeds import event_countries, holiday_components, holiday_years
from .revisions import Revision, Revisions

__all__ = [
    "TASKS_FEED",
    "EventFilter",
    "Site",
    "check_base_url",
    "check_filter",
    "feed_metas",
    "for_audience",
    "prepare",
    "selected_feed",
    "tasks_feed",
    "track_title",
]

_NO_CACHE = cache.Cache(None)  # prepare's default: nothing kept


@dataclass(frozen=True)
class Site:
    """Everything the artefacts are rendered from: the plan and its revised components' bytes."""

    plan: Plan
    lang: Language
    events: tuple[Event, ...]  # sorted by first day, then id
    rendered: tuple[bytes, ...]  # each event's revised VEVENT, serialised once for every feed
    todos: tuple[bytes, ...]  # revised VTODOs: priorities, each followed by its deliverables
    tz_years: tuple[int, int]
    as_of: dt.date  # the build's source date: what "late" means in the published checklist
    base_url: str | None = None  # where --out is published; None: the page links feeds relatively
    # The planning rules' findings as of the build's source date (warnings: an error stops the
    # build), for the page and the checklist to show.
    findings: tuple[Problem, ...] = ()
    # Each host country's public holidays, revised VEVENTs in day order, for holidays/CC.ics.
    holidays: tuple[tuple[str, tuple[bytes, ...]], ...] = ()
    # What changed, from git: the page's section, changes.md and changes.atom (None: not shown).
    changes: ChangeLog | None = None
    domain: str = ics.DEFAULT_DOMAIN
    # Where rendered pieces are kept (the plan's cache), and a digest of each file's model, in
    # plan order (empty when nothing is kept): what the pieces of a file are kept under.
    store: cache.Cache = field(default=_NO_CACHE, compare=False, repr=False)
    file_digests: tuple[str, ...] = ()

    def selected(self, keep: EventFilter) -> list[int]:
        """The positions (in `events`) of the events a feed holds."""
        return [i for i, e in enumerate(self.events) if keep.admits(e)]

    @functools.cached_property
    def report(self) -> StatusReport:
        """The status as of the build's source date, which checklist.md and the page both show."""
        return status_report(self.plan, self.as_of, findings=self.findings)

    @functools.cached_property
    def feeds(self) -> list[tuple[ics.FeedMeta, list[int]]]:
        """Every event feed with its events' positions, selected once however often it is asked:
        a build's feeds (the whole plan, a body, a track) in one pass over the events, any other
        filter by itself."""
        by_body: dict[str, list[int]] = {}
        by_track: dict[str, list[int]] = {}
        for i, e in enumerate(self.events):
            by_body.setdefault(e.body, []).append(i)
            if e.track:
                by_track.setdefault(e.track, []).append(i)
        every = EventFilter()

        def positions(keep: EventFilter) -> list[int]:
            if keep == every:
                return list(range(len(self.events)))
            if keep == EventFilter(body=keep.body):
                return list(by_body.get(keep.body or "", ()))
            if keep == EventFilter(track=keep.track):
                return list(by_track.get(keep.track or "", ()))
            return self.selected(keep)

        return [(meta, positions(keep)) for meta, keep in feed_metas(self)]

    def feed(self, meta: ics.FeedMeta, kept: list[int]) -> bytes:
        """The feed of the events at these positions, each VTIMEZONE it needs ahead of them."""
        return b"".join(self.feed_chunks(meta, kept))

    def feed_chunks(self, meta: ics.FeedMeta, kept: list[int]) -> Iterator[bytes]:
        zones = ics.event_zones(self.events[i] for i in kept)
        return ics.assemble_chunks(meta, (self.rendered[i] for i in kept), zones, self.tz_years)


Render = Callable[[ics.Context], lines.Lines]  # a component's content lines in a context
Unit = tuple[str, str, Render]  # a component: its entry's id, its kind, its renderer
# A rendered component: its kind, its UID, its fingerprint (of every language), and its lines in
# the chosen language.
Rendered = tuple[str, str, str, lines.Lines]
RENDERED_BYTES = 1000  # about what a component's lines come to: the work, for workers.spread


def components(f: PlanFile) -> list[Unit]:
    """A file's components, each with its entry id, kind and renderer: its events, then its
    to-dos (each priority followed by its deliverables)."""
    events: list[Unit] = [(e.id, "VEVENT", functools.partial(ics.event_lines, e)) for e in f.events]
    todos: list[Unit] = [
        todo
        for p in f.priorities
        for todo in (
            (p.id, "VTODO", functools.partial(tasks.priority_todo, p)),
            *(
                (d.id, "VTODO", functools.partial(tasks.deliverable_todo, d, p))
                for d in p.deliverables
            ),
        )
    ]
    return events + todos


def _file_contexts(f: PlanFile, contexts: list[ics.Context]) -> list[ics.Context]:
    """The contexts narrowed to what the file's components can read: every body, the priorities
    its events name, the derived dates and redacted ids of its own entries and their anchors.
    What a file renders to is a function of its model and these alone, so that is its key."""
    ids = {e.id for e in f.events}
    ids |= {p.id for p in f.priorities} | {d.id for p in f.priorities for d in p.deliverables}
    named = {p for e in f.events for p in e.priorities}
    narrowed = []
    for ctx in contexts:
        derived = {k: v for k, v in ctx.derived.items() if k in ids}
        seen = ids | {anchor for _, anchor in derived.values()}
        narrowed.append(
            dataclasses.replace(
                ctx,
                priorities={k: v for k, v in ctx.priorities.items() if k in named},
                derived=derived,
                opaque=ctx.opaque & seen,
            )
        )
    return narrowed


Revise = Callable[[str, str], Revision]  # a component's UID and fingerprint to its revision
# A file's components revised: each one's kind, UID and fingerprint, and its bytes, revision on.
Revised = tuple[list[tuple[str, str, str]], list[bytes]]


def _render_file(f: PlanFile, contexts: list[ics.Context], chosen: int) -> list[Rendered]:
    """A file's components, rendered in every context; the lines kept are `contexts[chosen]`'s."""

    def one(unit: Unit) -> Rendered:
        entry_id, kind, render = unit
        versions = [render(ctx) for ctx in contexts]
        fingerprint = ics.fingerprint(ics.component_bytes(kind, v) for v in versions)
        return kind, contexts[chosen].uid(entry_id), fingerprint, versions[chosen]

    return [one(unit) for unit in components(f)]


def _revised_files(
    plan: Plan,
    contexts: list[ics.Context],
    chosen: int,
    revise: Revise,
    store: cache.Cache,
    models: list[str],
) -> Iterator[Revised]:
    """Every file's components revised, in plan order. A file's rendering is kept under the
    digest of its model (`models`) and of its narrowed contexts, and its bytes under that and
    their revisions: those kept are read back, the rest rendered, revised and kept on every core
    (a worker stores its files' entries itself and hands back only the bytes); each file's are
    made as they are asked for, so only one file's lines are held at a time."""
    jobs = [(f, _file_contexts(f, contexts)) for _, f in plan.files]
    keys = [
        cache.digest("render", model, cache.dumps((job[1], chosen))) if store.enabled else ""
        for model, job in zip(models, jobs, strict=True)
    ]
    kept = [store.has("render", key) for key in keys]
    missing = [i for i, found in enumerate(kept) if not found]

    def made(i: int) -> Revised:
        rendered = _render_file(*jobs[i], chosen)
        store.put("render", keys[i], rendered)
        return _stamped(rendered, keys[i], revise, store)

    size = sum(len(jobs[i][0].events) + len(jobs[i][0].priorities) for i in missing)
    done = workers.spread(made, missing, size * RENDERED_BYTES)
    for i, key in enumerate(keys):
        rendered: list[Rendered] | None = store.get("render", key) if kept[i] else None
        if rendered is not None:
            yield _stamped(rendered, key, revise, store)
        else:  # rendered by the workers, or kept but unreadable: rendered here
            yield made(i) if kept[i] else next(done).value


def _stamped(rendered: list[Rendered], key: str, revise: Revise, store: cache.Cache) -> Revised:
    """A file's components with their revisions, as bytes: kept under the file's render key
    (`key`) and the revisions, so an unchanged file is not put together again."""
    meta = [(kind, uid, fingerprint) for kind, uid, fingerprint, _ in rendered]
    revisions = [revise(uid, fingerprint) for _, uid, fingerprint in meta]
    stamped_key = cache.digest("stamped", key, repr(revisions)) if key else ""
    found: list[bytes] | None = store.get("stamped", stamped_key) if key else None
    if found is None:
        found = [
            ics.component_bytes(kind, ics.stamp(content, revision))
            for (kind, _, _, content), revision in zip(rendered, revisions, strict=True)
        ]
        if key:
            store.put("stamped", stamped_key, found)
    return meta, found


def _model_keys(plan: Plan, store: cache.Cache) -> list[str]:
    """A digest of each file's model (empty when nothing is kept): the one it was read under
    where the plan has it (plan/read.py), else of the model itself (an audience's view)."""
    if not store.enabled:
        return [""] * len(plan.files)
    return [plan.read_key(i) or cache.digest(cache.dumps(f)) for i, (_, f) in enumerate(plan.files)]


def _holidays(
    plan: Plan, domain: str, store: cache.Cache
) -> list[tuple[str, str, list[lines.Lines]]]:
    """holiday_components for the countries and years of the plan's events, kept in `store`
    under those (the calendars are the installed `holidays`, which the cache's version holds)."""
    countries, years = event_countries(plan), holiday_years(plan)
    key = cache.digest("holidays", domain, repr((countries, years)))
    made: list[tuple[str, str, list[lines.Lines]]] | None = store.get("holidays", key)
    if made is None:
        made = list(holiday_components(countries, years, domain))
        store.put("holidays", key, made)
    return made


def prepare(
    plan: Plan,
    lock: Revisions,
    stamp: dt.datetime,
    lang: Language,
    domain: str = ics.DEFAULT_DOMAIN,
    base_url: str | None = None,
    findings: tuple[Problem, ...] = (),
    changes: ChangeLog | None = None,
    store: cache.Cache = _NO_CACHE,
) -> tuple[Site, Revisions]:
    """Render the components, revise the lock with their fingerprints, and stamp the revisions on.

    Every language is rendered, since an edit to either must bump the revision; only the chosen
    language is kept (its lines, then stamped as bytes) for the feeds, and the others only as the
    fingerprint. A file's components are rendered once while the file and what they read of the
    rest of the plan stay the same (kept in `store`), a large plan's on every core.
    """
    contexts = [ics.Context.of(plan, each, domain) for each in LANGUAGES]
    chosen = LANGUAGES.index(lang)
    revisions: dict[str, Revision] = {}
    # Each audience's components are revised apart: a busy block is not its event's new version.
    scope = "" if plan.audience in (None, plan.settings.most_private) else f"{plan.audience} "
    models = _model_keys(plan, store)

    def revise(uid: str, fingerprint: str) -> Revision:
        return lock.revision(scope + uid, fingerprint, stamp)

    stamped: list[bytes] = []
    kinds: list[str] = []
    for meta, made in _revised_files(plan, contexts, chosen, revise, store, models):
        for kind, uid, fingerprint in meta:
            revisions[scope + uid] = revise(uid, fingerprint)
            kinds.append(kind)
        stamped += made
    holidays: dict[str, list[bytes]] = {}
    for country, uid, versions in _holidays(plan, domain, store):
        fingerprint = ics.fingerprint(ics.component_bytes("VEVENT", v) for v in versions)
        revisions[scope + uid] = revision = lock.revision(scope + uid, fingerprint, stamp)
        day = ics.component_bytes("VEVENT", ics.stamp(versions[chosen], revision))
        holidays.setdefault(country, []).append(day)
    events = plan.events  # a property that gathers every file's events: once
    count = len(events)
    order = sorted(range(count), key=lambda i: (events[i].window.start, events[i].id))
    vevents = [b for b, kind in zip(stamped, kinds, strict=True) if kind == "VEVENT"]
    vtodos = [b for b, kind in zip(stamped, kinds, strict=True) if kind == "VTODO"]
    site = Site(
        plan,
        lang,
        tuple(events[i] for i in order),
        tuple(vevents[i] for i in order),
        tuple(vtodos),
        ics.timezone_years(plan),
        stamp.date(),
        base_url=base_url,
        findings=findings,
        holidays=tuple((country, tuple(days)) for country, days in holidays.items()),
        changes=changes,
        domain=domain,
        store=store,
        file_digests=tuple(models) if store.enabled else (),
    )
    return site, lock.updated(revisions)


TASKS_FEED = ics.FeedMeta(
    "tasks.ics",
    "chairplan: priorities and deliverables",
    "One to-do per priority (with its progress) and per deliverable (with its due date).",
)
# What each feed holds, in its name ("<title>: all events"), in each language.
_HOLDS: dict[Language, dict[str, str]] = {
    "en": {
        "all": "all events",
        "track": "{name} track",
        "tasks": "priorities and deliverables",
        "selected": "selected events",
    },
    "vi": {
        "all": "tất cả sự kiện",
        "track": "nhánh {name}",
        "tasks": "ưu tiên và kết quả",
        "selected": "các sự kiện đã chọn",
    },
}


def tasks_feed(plan: Plan, lang: Language) -> ics.FeedMeta:
    """tasks.ics, named for the plan in `lang`."""
    name = ics.feed_name(plan, lang, _HOLDS[lang]["tasks"])
    return ics.FeedMeta(TASKS_FEED.path, name, TASKS_FEED.description)


def track_title(plan: Plan, track: str, lang: Language) -> str:
    """A track's name in `lang`, as the body of its first event declares it (else its id); a
    track's feed holds the events of every body that has it."""
    body = next((e.body for e in plan.events if e.track == track), None)
    return plan.track_name(body, track, lang) if body is not None else track


def for_audience(meta: ics.FeedMeta, audience: str | None) -> ics.FeedMeta:
    """A feed's name and description, saying which audience it is for."""
    if audience is None:
        return meta
    return ics.FeedMeta(
        meta.path, f"{meta.name} ({audience})", f"For {audience}. {meta.description}"
    )


def feed_metas(site: Site) -> list[tuple[ics.FeedMeta, EventFilter]]:
    """Every event feed: the whole plan, one per body, one per track, named for the audience."""
    return [(for_audience(m, site.plan.audience), keep) for m, keep in _feed_metas(site)]


def _feed_metas(site: Site) -> list[tuple[ics.FeedMeta, EventFilter]]:
    tbc = "Dates marked [date TBC: …] are not fixed yet; their entry marks the start of the window."
    plan, lang = site.plan, site.lang
    holds = _HOLDS[lang]
    everything = ics.feed_name(plan, lang, holds["all"])
    feeds = [
        (ics.FeedMeta("all.ics", everything, f"Every event of the plan. {tbc}"), EventFilter())
    ]
    for body in plan.bodies:
        meta = ics.FeedMeta(
            f"{body.id}.ics",
            ics.feed_name(plan, lang, body.short),
            f"Events of {body.name.in_lang(lang)}. {tbc}",
        )
        feeds.append((meta, EventFilter(body=body.id)))
    for track in sorted({e.track for e in plan.events if e.track}):
        name = track_title(plan, track, lang)
        meta = ics.FeedMeta(
            f"tracks/{track}.ics",
            ics.feed_name(plan, lang, holds["track"].format(name=name)),
            f"Events of the {name} track. {tbc}",
        )
        feeds.append((meta, EventFilter(track=track)))
    return feeds


def check_filter(keep: EventFilter, plan: Plan) -> None:
    """A filter naming a body or track the plan does not have is a typo, not an empty feed."""
    for kind, value, known in (
        ("body", keep.body, {b.id for b in plan.bodies}),
        ("track", keep.track, {e.track for e in plan.events if e.track}),
    ):
        if value is not None and value not in known:
            raise UnknownName(kind, value, known)


def check_base_url(base_url: str | None) -> str | None:
    """The address --out is published at: http(s) only, since the page turns it into links."""
    if base_url is not None and not re.fullmatch(r"https?://[^\s/?#]+(/\S*)?", base_url, re.ASCII):
        raise ChairplanError(
            f"--base-url '{base_url}' must be an http:// or https:// address, "
            "e.g. https://plan.example.org/feeds/"
        )
    return base_url


def selected_feed(site: Site, keep: EventFilter) -> bytes:
    """The one feed of `chairplan ics`: the events the filter admits."""
    name = ics.feed_name(site.plan, site.lang, _HOLDS[site.lang]["selected"])
    meta = ics.FeedMeta("-", name, "Events of the plan selected by `chairplan ics`.")
    return site.feed(for_audience(meta, site.plan.audience), site.selected(keep))
