"""`chairplan build`: check the plan, stream every published artefact to temp files, then put
them all in place together."""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import json
import os
import re
import subprocess
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..checks.pipeline import check_plan
from ..disk.files import StagedWrites, cannot_write, write_atomic
from ..errors import ChairplanError, PlanError
from ..model import LANGUAGES, Event, EventStatus, Language, Plan
from ..plan.load import SCHEDULES_FOLDER, LoadedPlan
from ..status import StatusReport, status_report
from . import ics, lines, tasks
from .checklist import checklist_md
from .html import html_files
from .revisions import LOCK_NAME, Lock, read_lock

# The stamp of a plan with neither SOURCE_DATE_EPOCH nor git history: fixed, so output is stable.
FALLBACK_STAMP = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
RESERVED_FEEDS = ("all", "tasks")  # all.ics and tasks.ics; a body with such an id would clash


@dataclass(frozen=True)
class EventFilter:
    """Which events a feed holds; None admits all. Dates keep events whose window overlaps."""

    body: str | None = None
    track: str | None = None
    status: EventStatus | None = None
    start: dt.date | None = None
    end: dt.date | None = None

    def admits(self, event: Event) -> bool:
        window = event.window
        return (
            self.body in (None, event.body)
            and self.track in (None, event.track)
            and self.status in (None, event.status)
            and (self.start is None or window.end >= self.start)
            and (self.end is None or window.start <= self.end)
        )


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

    def selected(self, keep: EventFilter) -> list[int]:
        """The positions (in `events`) of the events a feed holds."""
        return [i for i, e in enumerate(self.events) if keep.admits(e)]

    @functools.cached_property
    def report(self) -> StatusReport:
        """The status as of the build's source date, which checklist.md and the page both show."""
        return status_report(self.plan, self.as_of)

    @functools.cached_property
    def feeds(self) -> list[tuple[ics.FeedMeta, list[int]]]:
        """Every event feed with its events' positions, selected once however often it is asked."""
        return [(meta, self.selected(keep)) for meta, keep in feed_metas(self)]

    def feed(self, meta: ics.FeedMeta, kept: list[int]) -> bytes:
        """The feed of the events at these positions, each VTIMEZONE it needs ahead of them."""
        return b"".join(self.feed_chunks(meta, kept))

    def feed_chunks(self, meta: ics.FeedMeta, kept: list[int]) -> Iterator[bytes]:
        zones = ics.event_zones(self.events[i] for i in kept)
        return ics.assemble_chunks(meta, (self.rendered[i] for i in kept), zones, self.tz_years)


def source_date(root: Path, environ: Mapping[str, str]) -> dt.datetime:
    """The build's stamp: SOURCE_DATE_EPOCH, else the last commit touching schedules/, else fixed."""
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        try:
            epoch = (
                subprocess.run(
                    ["git", "log", "-1", "--format=%ct", "--", SCHEDULES_FOLDER],
                    cwd=root,
                    capture_output=True,
                    text=True,
                    timeout=30,
                    check=False,
                ).stdout.strip()
                or None
            )
        except (OSError, subprocess.SubprocessError):
            epoch = None
        if epoch is None:
            return FALLBACK_STAMP
    if not epoch.isdigit():
        raise ChairplanError(
            f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds; unset it or fix it"
        )
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC)


Render = Callable[[ics.Context], lines.Lines]  # a component's content lines in a context


def components(plan: Plan) -> list[tuple[str, str, Render]]:
    """Every component's entry id, kind and renderer: the events in plan order, then the to-dos."""
    events: list[tuple[str, str, Render]] = [
        (e.id, "VEVENT", functools.partial(ics.event_lines, e)) for e in plan.events
    ]
    todos: list[tuple[str, str, Render]] = [
        todo
        for p in plan.priorities
        for todo in (
            (p.id, "VTODO", functools.partial(tasks.priority_todo, p)),
            *(
                (d.id, "VTODO", functools.partial(tasks.deliverable_todo, d, p))
                for d in p.deliverables
            ),
        )
    ]
    return events + todos


def prepare(
    plan: Plan,
    lock: Lock,
    stamp: dt.datetime,
    lang: Language,
    domain: str = ics.DEFAULT_DOMAIN,
    base_url: str | None = None,
) -> tuple[Site, Lock]:
    """Render the components, revise the lock with their fingerprints, and stamp the revisions on.

    Every language is rendered, since an edit to either must bump the revision; only the chosen
    language is stamped and kept, as bytes, for the feeds. One component is rendered at a time,
    so a large plan's renderings are never all held at once.
    """
    contexts = [ics.Context.of(plan, each, domain) for each in LANGUAGES]
    chosen = LANGUAGES.index(lang)
    stamped, revisions = [], {}
    for entry_id, kind, render in components(plan):
        uid = contexts[chosen].uid(entry_id)
        versions = [render(ctx) for ctx in contexts]
        fingerprint = ics.fingerprint(ics.component_bytes(kind, v) for v in versions)
        revisions[uid] = revision = lock.revision(uid, fingerprint, stamp)
        stamped.append(ics.component_bytes(kind, ics.stamp(versions[chosen], revision)))
    events = plan.events  # a property that gathers every file's events: once
    count = len(events)
    order = sorted(range(count), key=lambda i: (events[i].window.start, events[i].id))
    site = Site(
        plan,
        lang,
        tuple(events[i] for i in order),
        tuple(stamped[i] for i in order),
        tuple(stamped[count:]),
        ics.timezone_years(plan),
        stamp.date(),
        base_url=base_url,
    )
    return site, lock.updated(revisions)


TASKS_FEED = ics.FeedMeta(
    "tasks.ics",
    "chairplan: priorities and deliverables",
    "One to-do per priority (with its progress) and per deliverable (with its due date).",
)


def feed_metas(site: Site) -> list[tuple[ics.FeedMeta, EventFilter]]:
    """Every event feed: the whole plan, one per body, one per track."""
    tbc = "Dates marked [date TBC: …] are not fixed yet; their entry marks the start of the window."
    feeds = [
        (
            ics.FeedMeta("all.ics", "chairplan: all events", f"Every event of the plan. {tbc}"),
            EventFilter(),
        )
    ]
    for body in site.plan.bodies:
        meta = ics.FeedMeta(
            f"{body.id}.ics",
            f"chairplan: {body.short}",
            f"Events of {body.name.in_lang(site.lang)}. {tbc}",
        )
        feeds.append((meta, EventFilter(body=body.id)))
    for track in sorted({e.track for e in site.plan.events if e.track}):
        meta = ics.FeedMeta(
            f"tracks/{track}.ics",
            f"chairplan: {track} track",
            f"Events of the {track} track. {tbc}",
        )
        feeds.append((meta, EventFilter(track=track)))
    return feeds


Chunks = Iterable[bytes]  # a file's bytes, produced lazily while it is written


def feed_files(site: Site) -> dict[str, Chunks]:
    """The event feeds, tasks.ics, and feeds.json listing them all."""
    files: dict[str, Chunks] = {}
    index = []
    for meta, kept in site.feeds:
        files[meta.path] = site.feed_chunks(meta, kept)
        index.append(
            {
                "name": meta.name,
                "path": meta.path,
                "description": meta.description,
                "events": len(kept),
                "tasks": 0,
            }
        )
    meta = TASKS_FEED
    files[meta.path] = ics.assemble_chunks(meta, site.todos, (), site.tz_years)  # DUE: no zones
    index.append(
        {
            "name": meta.name,
            "path": meta.path,
            "description": meta.description,
            "events": 0,
            "tasks": len(site.todos),
        }
    )
    body = json.dumps({"feeds": index}, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    files["feeds.json"] = (body.encode(),)
    return files


def checklist_file(site: Site) -> dict[str, Chunks]:
    return {"checklist.md": (checklist_md(site.report),)}


# Every published artefact: each renderer maps file names (relative to --out) to their chunks.
ARTEFACTS: tuple[Callable[[Site], Mapping[str, Chunks]], ...] = (
    feed_files,
    checklist_file,
    html_files,
)


def artefacts(site: Site) -> dict[str, Chunks]:
    """Every published file, rendered only as it is written (a 50,000-event page is 46 MB)."""
    return {name: chunks for render in ARTEFACTS for name, chunks in render(site).items()}


def _reserved_ids(loaded: LoadedPlan) -> None:
    problems = []
    for f, path, entry in loaded.entries():
        if path[0] == "bodies" and entry.id in RESERVED_FEEDS:
            problems.append(
                f.problem(
                    (*path, "id"),
                    "reserved-id",
                    f"bodies.{path[1]}.id: '{entry.id}' is reserved for {entry.id}.ics; "
                    "choose another body id",
                )
            )
    if problems:
        raise PlanError(problems)


def _known(keep: EventFilter, plan: Plan) -> None:
    """A filter naming a body or track the plan does not have is a typo, not an empty feed."""
    for kind, value, known in (
        ("body", keep.body, {b.id for b in plan.bodies}),
        ("track", keep.track, {e.track for e in plan.events if e.track}),
    ):
        if value is not None and value not in known:
            near = difflib.get_close_matches(value, sorted(known), n=1)
            hint = (
                f"did you mean '{near[0]}'?"
                if near
                else f"known: {', '.join(sorted(known)) or 'none'}"
            )
            raise ChairplanError(f"no {kind} '{value}' in the plan — {hint}")


@dataclass(frozen=True)
class BuildResult:
    written: list[str]
    unchanged: list[str]
    lock_updated: bool


def check_base_url(base_url: str | None) -> str | None:
    """The address --out is published at: http(s) only, since the page turns it into links."""
    if base_url is not None and not re.fullmatch(r"https?://[^\s/?#]+(/\S*)?", base_url, re.ASCII):
        raise ChairplanError(
            f"--base-url '{base_url}' must be an http:// or https:// address, "
            "e.g. https://plan.example.org/feeds/"
        )
    return base_url


def render_site(
    root: Path,
    stamp: dt.datetime,
    lang: Language = "en",
    domain: str = ics.DEFAULT_DOMAIN,
    base_url: str | None = None,
) -> tuple[dict[str, Chunks], Lock]:
    """Check the plan and prepare every artefact, rendered lazily, with the revised lock."""
    check_base_url(base_url)
    loaded = check_plan(root)
    _reserved_ids(loaded)
    site, lock = prepare(loaded.plan, read_lock(root), stamp, lang, domain, base_url)
    return artefacts(site), lock


def write_site(out: Path, files: Mapping[str, Chunks]) -> tuple[list[str], list[str]]:
    """Write every file under `out`, all or none: (written, unchanged) file names."""
    if out.exists() and not out.is_dir():
        raise ChairplanError(f"{out} exists and is not a folder; pass --out a folder")
    written: list[str] = []
    unchanged: list[str] = []
    with StagedWrites() as staged:
        for name in sorted(files):
            target = out / name
            try:
                os.makedirs(target.parent, exist_ok=True)
            except OSError as exc:
                raise cannot_write(target, exc) from None
            (written if staged.write(target, files[name]) else unchanged).append(name)
        staged.commit()
    return written, unchanged


def build(
    root: Path,
    out: Path,
    stamp: dt.datetime,
    lang: Language = "en",
    domain: str = ics.DEFAULT_DOMAIN,
    base_url: str | None = None,
) -> BuildResult:
    """Check the plan, render and write everything; on any problem touch nothing."""
    files, lock = render_site(root, stamp, lang, domain, base_url)
    written, unchanged = write_site(out, files)
    return BuildResult(written, unchanged, write_atomic(root / LOCK_NAME, lock.to_bytes()))


def render_feed(
    root: Path,
    keep: EventFilter,
    stamp: dt.datetime,
    lang: Language = "en",
    domain: str = ics.DEFAULT_DOMAIN,
) -> bytes:
    """One event feed of the plan, filtered, as `build` would publish it (the lock is only read)."""
    loaded = check_plan(root)
    _known(keep, loaded.plan)
    site, _ = prepare(loaded.plan, read_lock(root), stamp, lang, domain)
    meta = ics.FeedMeta(
        "-", "chairplan: selected events", "Events of the plan selected by `chairplan ics`."
    )
    return site.feed(meta, site.selected(keep))
