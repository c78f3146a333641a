"""The web page: index.html (timeline, agenda, checklist, checks, subscribe box), style.css, app.js.

Rendered with Jinja2 with autoescaping on and undefined names an error; every text from the YAML
reaches the page escaped, and only http(s) URLs become links.
"""

from __future__ import annotations

import array
import datetime as dt
import functools
import itertools
import re
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from itertools import groupby
from typing import NamedTuple, get_args

import jinja2

from .. import geo
from ..dates import Precision, Window
from ..disk import cache
from ..model import Event, EventStatus, Language, Plan
from ..status import finding_text
from . import changelog, timeline
from .holiday_feeds import holiday_meta
from .labels import (
    LABELS,
    MONTHS,
    STATUS_MARKS,
    axis_months,
    count,
    month_title,
    status_word,
    window_label,
)
from .site import TASKS_FEED, Site, feed_metas, track_title

__all__ = [
    "PAGED_PREFIX",
    "PALETTE",
    "PIECES",
    "STATIC",
    "TEMPLATES",
    "FeedLink",
    "Finding",
    "Flag",
    "ItemLines",
    "Pages",
    "agenda",
    "chart",
    "environment",
    "event_labels",
    "feed_link",
    "feed_links",
    "findings",
    "flags",
    "html_files",
    "is_http_url",
    "lane_of",
    "lanes",
    "page_chunks",
    "page_context",
    "page_title",
    "static_file",
    "timeline_rows",
    "year_context",
]

TEMPLATES = "templates"
EVENT_STATUSES: tuple[str, ...] = get_args(EventStatus)
PRINT_WIDTH = 700  # CSS px across A4 inside style.css's print margins (186 mm is 703 px)
VIEW_WORDS = ("today", "revised_line", "fuzzy", "checks")  # for app.js
STATIC = ("style.css", "app.js")
PALETTE = 6  # body colours c0..c5 in style.css
PIECES = 8192  # template output pieces (a tag, a title) encoded and written at a time
# Characters: a piece this long (a macro's output: the agenda, the timeline) is written in parts.
LARGE_PIECE = 2**20
LANES_KEPT = 256  # lanes' labels remembered (a plan has a lane per body and per track)
PAGED_PREFIX = "agenda-"  # a large plan's year pages: agenda-2027.html
EPOCH = dt.date(1970, 1, 1)  # app.js counts days from here, as Date.UTC does
_HTTP_URL = re.compile(r"https?://[^\s/]+\S*", re.ASCII | re.IGNORECASE)


def is_http_url(value: object) -> bool:
    """The template's second check: only an http(s) URL without spaces or controls becomes a link."""
    return isinstance(value, str) and _HTTP_URL.fullmatch(value) is not None


class _Compiled(jinja2.BytecodeCache):
    """The templates' compiled code, kept in the plan's cache (sealed like its every entry) under
    the template's name and a digest of its source: a process compiles them once per change of
    chairplan, not once per run (40 ms of a build). Jinja checks the Python version and the
    source's checksum itself, so an entry that does not fit is compiled again."""

    def __init__(self, store: cache.Cache):
        self.store = store

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        found = self.store.get("template", bucket.key + bucket.checksum)
        if isinstance(found, bytes):
            bucket.bytecode_from_string(found)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store.put("template", bucket.key + bucket.checksum, bucket.bytecode_to_string())


def environment(store: cache.Cache | None = None) -> jinja2.Environment:
    """The templates' environment, keeping their compiled code in `store` when it is enabled:
    one per plan cache and process (one for all uncached runs), so each template is compiled (or
    read back) once, however many pages and rebuilds use it."""
    return _environment(store if store is not None and store.enabled else None)


@functools.cache
def _environment(store: cache.Cache | None) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("chairplan", TEMPLATES),
        autoescape=True,  # always on, whatever the template's name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=None if store is None else _Compiled(store),
    )
    env.tests["http_url"] = is_http_url
    env.policies["json.dumps_kwargs"] = {
        "sort_keys": True,
        "separators": (",", ":"),
        "ensure_ascii": False,
    }
    return env


@dataclass(frozen=True)
class FeedLink:
    title: str
    path: str
    href: str  # absolute with a base URL, else relative to the page
    webcal: str | None  # None when relative: app.js derives it from the page's address
    events: int | None
    counted: str | None = None  # the events in words: "1 event", "15 sự kiện"


def feed_link(
    title: str, path: str, base_url: str | None, events: int | None, lang: Language = "en"
) -> FeedLink:
    counted = None if events is None else count(events, "event", lang)
    if not base_url:
        return FeedLink(title, path, path, None, events, counted)
    href = base_url.rstrip("/") + "/" + path
    return FeedLink(title, path, href, "webcal://" + href.split("://", 1)[1], events, counted)


def feed_links(site: Site) -> list[FeedLink]:
    lang, labels = site.lang, LABELS[site.lang]
    shorts = {b.id: b.short for b in site.plan.bodies}
    links = []
    for (meta, keep), (_, kept) in zip(feed_metas(site), site.feeds, strict=True):
        if keep.body:
            title = shorts[keep.body]
        elif keep.track:
            title = f"{labels['track']}: {track_title(site.plan, keep.track, lang)}"
        else:
            title = labels["feed_all"]
        links.append(feed_link(title, meta.path, site.base_url, len(kept), lang))
    for country, rendered in site.holidays:
        title = f"{labels['feed_holidays']}: {geo.country_name(country, lang)}"
        path = holiday_meta(country, lang).path
        links.append(feed_link(title, path, site.base_url, len(rendered), lang))
    links.append(feed_link(labels["feed_tasks"], TASKS_FEED.path, site.base_url, None, lang))
    return links


def lanes(plan: Plan, lang: Language = "en") -> list[tuple[str, str, str]]:
    """(key, title, body): one lane per body, then one per track of that body that has events,
    named as the body declares it (else by its id)."""
    result = []
    for body in plan.bodies:
        result.append((body.id, body.short, body.id))
        tracks = sorted({e.track for e in plan.events if e.body == body.id and e.track})
        result += [
            (f"{body.id}/{t}", f"{body.short} · {plan.track_name(body.id, t, lang)}", body.id)
            for t in tracks
        ]
    return result


def lane_of(event: Event) -> str:
    return f"{event.body}/{event.track}" if event.track else event.body


def label_prefix(e: Event, flagged: Collection[str]) -> str:
    """What an event's label starts with: ⚠ when findings involve it, then its status's mark."""
    mark = STATUS_MARKS.get(e.status)
    return ("⚠ " if e.id in flagged else "") + (f"{mark} " if mark else "")


def event_labels(site: Site, flagged: Collection[str] = ()) -> dict[str, str]:
    """Each event's label on the timeline: its label_prefix and its title shortened so that no two
    labels of one lane are alike."""
    by_lane: dict[str, list[Event]] = {}
    for e in sorted(site.events, key=lambda e: (e.window.start, e.id)):
        by_lane.setdefault(lane_of(e), []).append(e)
    labels = {}
    for mine in by_lane.values():
        texts = _lane_labels(tuple(e.title.in_lang(site.lang) for e in mine))
        for e, text in zip(mine, texts, strict=True):
            labels[e.id] = label_prefix(e, flagged) + text
    return labels


@functools.lru_cache(maxsize=LANES_KEPT)
def _lane_labels(titles: tuple[str, ...]) -> tuple[str, ...]:
    """timeline.distinct_labels of one lane's titles, remembered: a rebuild after a save (`serve`)
    shortens again only the lanes whose titles changed."""
    return tuple(timeline.distinct_labels(titles))


def chart(site: Site, labels: dict[str, str]) -> tuple[timeline.Timeline, tuple[dt.date, int]]:
    """The timeline the page opens on (see timeline.default_span), drawn from `labels`, and the
    months of the whole plan (first month, count), which app.js's "whole plan" view shows."""
    items = [
        timeline.Item(
            e.id, lane_of(e), e.window.start, e.window.end, e.window.is_firm, labels[e.id]
        )
        for e in site.events
    ]
    span = timeline.default_span(items, site.as_of)
    drawn = timeline.layout(items, lanes(site.plan, site.lang), site.as_of, span)
    return drawn, timeline.month_span(items, site.as_of)


def lane_bars(drawn: timeline.Timeline) -> dict[str, list[timeline.Bar]]:
    """The chart's bars by lane, in the chart's order: what each lane of the timeline draws."""
    found: dict[str, list[timeline.Bar]] = {}
    for bar in drawn.bars:
        found.setdefault(bar.lane, []).append(bar)
    return found


def agenda(events: list[Event], lang: Language) -> list[tuple[str, bool, list[Event]]]:
    """(heading, fuzzy, events): firm events by month; fuzzy ones under their window, date TBC."""

    def key(e: Event) -> tuple[int, int, bool, dt.date, str]:
        w = e.window
        if w.is_firm:
            return (w.start.year, w.start.month, False, dt.date.min, "")
        return (w.start.year, w.start.month, True, w.end, str(w))

    sections = []
    for _, group in groupby(sorted(events, key=lambda e: (key(e), e.window.start, e.id)), key):
        members = list(group)
        w = members[0].window
        heading = month_title(w.start, lang) if w.is_firm else window_label(w, lang)
        sections.append((heading, not w.is_firm, members))
    return sections


@dataclass(frozen=True)
class Finding:
    """A planning finding as the Checks section lists it: never its file or line (the page is
    published, the schedules are not)."""

    anchor: str  # the id of its line in the Checks section
    code: str
    severity: str
    possible: bool
    text: str  # the message without the code and "possibly:", which the page shows apart
    events: tuple[Event, ...]  # the events it involves, each linked to its line in the agenda


@dataclass(frozen=True)
class Flag:
    """What marks an event that findings involve: their codes, and where the first is listed."""

    codes: str
    anchor: str


def findings(site: Site) -> list[Finding]:
    """The site's findings, numbered in the order the checks gave them."""
    by_id = {e.id: e for e in site.events}
    return [
        Finding(
            f"check-{k}",
            p.code,
            p.severity,
            p.certainty == "possible",
            finding_text(p).removeprefix("possibly: "),  # as checks/planning.py words it
            tuple(by_id[i] for i in dict.fromkeys(p.entries()) if i in by_id),
        )
        for k, p in enumerate(site.findings, 1)
    ]


def flags(found: Iterable[Finding]) -> dict[str, Flag]:
    """Each event that findings involve: the codes of all of them, the anchor of the first."""
    involved: dict[str, list[Finding]] = {}
    for f in found:
        for e in f.events:
            involved.setdefault(e.id, []).append(f)
    return {
        event_id: Flag(", ".join(dict.fromkeys(f.code for f in mine)), mine[0].anchor)
        for event_id, mine in involved.items()
    }


def changes_context(site: Site) -> dict[str, object] | None:
    """The page's "What changed" section: its heading, the comparison said in words, the
    changes by body and kind (or the note saying why there are none to show)."""
    log = site.changes
    if log is None:
        return None
    c = log.recent
    return {
        "heading": changelog.since_words(log, site.lang),
        "between": changelog.comparison_words(c, site.lang) if c else None,
        "note": changelog.note_words(log, site.lang) if log.note else None,
        "groups": changelog.grouped(c.changes, c.bodies, site.lang) if c else [],
        "atom": changelog.ATOM,
    }


def page_title(plan: Plan, lang: Language) -> str:
    """The page's heading: the plan's `settings: title:`, else "Chairmanship plan"."""
    title = plan.settings.title
    return title.in_lang(lang) if title else LABELS[lang]["title"]


@dataclass(frozen=True)
class Pages:
    """Which page lists each event and its findings in the agenda and the checks: index.html lists
    every one, except in a plan of more than timeline.WHOLE_PLAN_LIMIT events, where index.html lists
    the year the timeline opens on and each other year has its own page (agenda-2027.html), so
    that no page carries the whole plan. An event belongs to the year it starts in."""

    opening: int | None  # the year index.html lists; None: it lists every year
    years: tuple[int, ...] = ()  # every year an event starts in, when the agenda is paged

    def page(self, year: int) -> str:
        return "index.html" if self.opening in (None, year) else f"{PAGED_PREFIX}{year}.html"

    def of(self, e: Event) -> str:
        return self.page(e.window.start.year)


def timeline_rows(
    site: Site, labels: dict[str, str], flagged: dict[str, Flag]
) -> list[list[object]]:
    """Every event as app.js draws it in the timeline's views, in as few bytes as stay readable:
    [id, lane, first day, days, status, firm, label, title, when, codes], days counted from
    1970-01-01, lane an index into lanes(), the label without its label_prefix (app.js puts it
    back), the title only where the label shortened it, the codes of its findings if any."""
    lane_index = {key: k for k, (key, _, _) in enumerate(lanes(site.plan, site.lang))}
    rows: list[list[object]] = []
    for e in sorted(site.events, key=lambda e: (e.window.start, e.id)):
        w, title = e.window, e.title.in_lang(site.lang)
        text = labels[e.id][len(label_prefix(e, flagged)) :]
        row: list[object] = [
            e.id,
            lane_index[lane_of(e)],
            (w.start - EPOCH).days,
            (w.end - w.start).days + 1,
            EVENT_STATUSES.index(e.status),
            int(w.is_firm),
            text,
            "" if text == title else title,
            window_label(w, site.lang),
        ]
        if e.id in flagged:
            row.append(flagged[e.id].codes)
        rows.append(row)
    return rows


@dataclass(frozen=True)
class Shared:
    """What every page of the site shares: the template's context, and the parts of it that the
    context of each page is made from."""

    context: dict[str, object]
    site: Site
    lang: Language
    pages: Pages
    events: list[Event]
    listed: dict[str, list[Event]]  # the events each page lists, by the page's name
    by_id: dict[str, Event]
    findings: list[Finding]
    flags: dict[str, Flag]
    labels: dict[str, str]
    chart: timeline.Timeline
    whole: tuple[dt.date, int]  # the whole plan's months: first month, count
    lines: ItemLines  # each event's line in the agenda, for the pages to ask for theirs
    pieces: Callable[[], jinja2.environment.TemplateModule]  # pieces.html's macros, in `context`


def shared(site: Site) -> Shared:
    """The plan, its words, its findings and its timeline, for every page."""
    plan, lang = site.plan, site.lang
    titles = {p.id: p.title for p in plan.priorities} | {d.id: d.title for d in plan.deliverables}
    events = list(site.events)
    found = findings(site)
    flagged = flags(found)
    labels = event_labels(site, flagged)
    drawn, whole = chart(site, labels)
    if len(events) > timeline.WHOLE_PLAN_LIMIT:  # index.html lists the year the timeline opens on
        opening = drawn.first.year
        pages = Pages(opening, tuple(sorted({e.window.start.year for e in events} | {opening})))
    else:
        pages = Pages(None)
    owners = {d.id: d.owner for d in plan.deliverables if d.owner}
    by_id = {e.id: e for e in events}
    context: dict[str, object] = {
        "lang": lang,
        "t": LABELS[lang],
        "as_of": site.as_of,
        "as_of_label": window_label(Window(site.as_of, site.as_of, Precision.DAY), lang),
        "plan": plan,
        "bodies": plan.bodies,
        "colours": {b.id: f"c{k % PALETTE}" for k, b in enumerate(plan.bodies)},
        "chart": drawn,
        "lane_bars": lane_bars(drawn),
        "labels": labels,
        "lane_of": lane_of,
        "lane_label": lambda title: timeline.short_label(title, timeline.LANE_LABEL),
        "owners": owners,
        "owner_names": sorted(set(owners.values()), key=str.casefold),
        "status_marks": STATUS_MARKS,
        "event_statuses": EVENT_STATUSES,
        "flags": flagged,
        "audience": plan.audience,
        "most_private": plan.audience == plan.settings.most_private,
        "titles": {k: v.in_lang(lang) for k, v in titles.items()},
        "when": lambda w: window_label(w, lang),
        "status_word": lambda s: status_word(s, lang),
        "shorts": {b.id: b.short for b in plan.bodies},
        "country_name": lambda code: geo.country_name(code, lang),
        "track_name": lambda e: plan.track_name(e.body, e.track, lang),
        "page_title": page_title(plan, lang),
        "events_count": count(len(events), "event", lang),
        "event_by_id": by_id,
        "derived": plan.derived_words(lang),
        "palette": PALETTE,
        "bar_height": timeline.BAR_HEIGHT,
    }
    # pieces.html with the shared context, made once if a page's agenda lines or checks need it
    pieces = functools.cache(
        lambda: environment(site.store).get_template("pieces.html").make_module(context)
    )
    lines = ItemLines(site, context, pieces)
    listed: dict[str, list[Event]] = {}
    for e in events:
        listed.setdefault(pages.of(e), []).append(e)
    return Shared(
        context,
        site,
        lang,
        pages,
        events,
        listed,
        by_id,
        found,
        flagged,
        labels,
        drawn,
        whole,
        lines,
        pieces,
    )


class ItemLines:
    """Each event's line in the agenda (pieces.html's `item`), rendered once while the event and
    what its line shows of the rest of the plan (the bodies, its flag, how its date is counted)
    stay the same: kept in the site's store under its file's digest and those.

    A page asks for the lines of its own events: each file they come from is read back (or
    rendered) once for it, and nothing is held between pages."""

    def __init__(
        self,
        site: Site,
        context: dict[str, object],
        pieces: Callable[[], jinja2.environment.TemplateModule],
    ):
        self._site, self._context, self._pieces = site, context, pieces
        self._where = {
            e.id: (k, j) for k, (_, f) in enumerate(site.plan.files) for j, e in enumerate(f.events)
        }
        self._bodies = cache.dumps(site.plan.bodies) if site.file_digests else b""

    def of(self, events: Iterable[Event]) -> dict[str, bytes]:
        """The lines of these events, by id: HTML in UTF-8, rendered by the (autoescaping)
        template."""
        wanted: dict[int, list[tuple[str, int]]] = {}
        for e in events:
            k, j = self._where[e.id]
            wanted.setdefault(k, []).append((e.id, j))
        found: dict[str, bytes] = {}
        for k in sorted(wanted):
            text, ends = self._lines(k)
            found.update((i, text[ends[j - 1] if j else 0 : ends[j]]) for i, j in wanted[k])
        return found

    def _lines(self, k: int) -> tuple[bytes, array.array[int]]:
        """File `k`'s lines, in the order of its events: one run of UTF-8, and where each line
        ends in it. A large plan's pages each read every file back: one bytes object each, not
        a string per event, most of them thrown away (they fragmented the build's memory)."""
        site, context = self._site, self._context
        derived, flagged = context["derived"], context["flags"]
        assert isinstance(derived, dict) and isinstance(flagged, dict)
        events = site.plan.files[k][1].events
        key = ""
        if site.file_digests:
            shown = [(e.id, flagged.get(e.id), derived.get(e.id)) for e in events]
            key = cache.digest("item", site.file_digests[k], site.lang, self._bodies)
            key = cache.digest(key, cache.dumps(shown))
        kept: tuple[bytes, bytes] | None = site.store.get("item", key) if key else None
        if kept is None:
            item = self._pieces().item  # type: ignore[attr-defined]
            made = [str(item(e)).encode("utf-8") for e in events]
            kept = b"".join(made), array.array("Q", itertools.accumulate(map(len, made))).tobytes()
            if key:
                site.store.put("item", key, kept)
        ends = array.array("Q")
        ends.frombytes(kept[1])
        return kept[0], ends


class _Later:
    """HTML made only when the template writes it, so that it is not held while the page's other
    parts are: a month's agenda lines joined (every month's at once beside the lines were 40 MB
    at 50,000 events), a Checks section (several MB). A macro's output is joined whole by Jinja,
    so a page's agenda is still held once while the page is written."""

    __slots__ = ("_make",)

    def __init__(self, make: Callable[[], str]):
        self._make = make

    def __html__(self) -> str:
        return self._make()


def _joined(lines: dict[str, bytes], ids: list[str]) -> str:
    return b"".join(lines[i] for i in ids).decode("utf-8")


class Shown(NamedTuple):
    """A finding as a page's Checks section shows it: every word and link worked out."""

    anchor: str
    code: str
    severity: str
    severity_word: str
    possible: bool
    possible_word: str
    text: str
    events: tuple[tuple[str, str, str], ...]  # the link, id and title of each event involved

    @classmethod
    def of(cls, f: Finding, href: Callable[[str], str], lang: Language) -> Shown:
        return cls(
            f.anchor,
            f.code,
            f.severity,
            status_word(f.severity, lang),
            f.possible,
            status_word("possible", lang) if f.possible else "",
            f.text,
            tuple((href(e.id), e.id, e.title.in_lang(lang)) for e in f.events),
        )


def checks_section(base: Shared, found: Callable[[], list[Shown]]) -> _Later:
    """A page's Checks section (pieces.html's `checks_section`), made as the page is written and
    rendered once while what it shows stays the same: kept in the site's store under the
    findings as shown, the language and the day they are as of, which are all it reads."""
    site = base.site

    def made() -> str:
        shown, key = found(), ""
        if site.file_digests:
            day = str(base.context["as_of_label"])
            # row by row: one pickle of every row would be several MB at 50,000 events
            key = cache.digest("checks", site.lang, day, *map(repr, shown))
        kept: str | None = site.store.get("checks", key) if key else None
        if kept is None:
            kept = base.pieces().checks_section(shown)  # type: ignore[attr-defined]
            if key:
                site.store.put("checks", key, kept)
        return kept

    return _Later(made)


def year_context(base: Shared, year: int | None) -> dict[str, object]:
    """The agenda and the checks of the page of `year` (None: index.html), and how its links reach
    an event listed on another page."""
    pages = base.pages
    year = pages.opening if year is None else year
    here = "index.html" if year is None else pages.page(year)
    by_id = base.by_id
    mine = base.listed.get(here, [])
    shown = {e.id for e in mine}

    def href(event_id: str) -> str:
        e = by_id.get(event_id)
        target = pages.of(e) if e else here
        return ("" if target == here else target) + f"#event-{event_id}"

    lang = base.lang
    lines = base.lines.of(mine)
    return base.context | {
        "here": here,
        "year": year,
        "agenda": [
            (heading, fuzzy, _Later(functools.partial(_joined, lines, [e.id for e in events])))
            for heading, fuzzy, events in agenda(mine, lang)
        ],
        "checks": checks_section(
            base,
            lambda: [
                Shown.of(f, href, lang)  # a finding that involves no event is on index.html
                for f in base.findings
                if any(e.id in shown for e in f.events) or (not f.events and here == "index.html")
            ],
        ),
        "event_href": href,
        "year_links": [(y, pages.page(y)) for y in pages.years],
        "shown_count": count(len(mine), "event", lang),
    }


def page_context(site: Site, base: Shared | None = None) -> dict[str, object]:
    """index.html's context: the shared one, the opening year's agenda and checks, the checklist,
    what changed, the feeds, and the data app.js draws the timeline's other views from."""
    base = base or shared(site)
    lang, drawn = site.lang, base.chart
    plan_first, plan_months = base.whole
    months = list(axis_months(lang))
    words = LABELS[lang]
    return year_context(base, None) | {
        "report": site.report,
        "changes": changes_context(site),
        "feeds": feed_links(site),
        "months": months,
        "page_data": PageData(
            {
                "bodies": [b.id for b in site.plan.bodies],
                "lang": lang,
                "revised": site.as_of.isoformat(),
                "plan": [plan_first.isoformat(), plan_months],
                "shown": [drawn.first.isoformat(), len(drawn.ticks)],
                "months": months,
                "month_names": MONTHS[lang],
                "words": {k: words[k] for k in VIEW_WORDS},
                "geometry": {name: getattr(timeline, name) for name in timeline.GEOMETRY},
                "print_width": PRINT_WIDTH,
                "statuses": list(EVENT_STATUSES),
                "marks": STATUS_MARKS,
                "events": timeline_rows(site, base.labels, base.flags),
            }
        ),
    }


def static_file(name: str) -> bytes:
    """A file the page loads as it is (style.css, app.js), from the package data."""
    return (resources.files("chairplan") / TEMPLATES / name).read_bytes()


ROWS = 1000  # of a list in a page's data, written as JSON at a time


class PageData:
    """A page's data for app.js, which the template writes as `{{ page_data }}`: JSON as Jinja's
    tojson writes it (the environment's policies, HTML-safe), made piece by piece as the page is
    written, never as one string (at 50,000 events its rows are 7 MB, held four times over
    between the JSON, its escaping and the page's encoding)."""

    __slots__ = ("marker", "value")

    def __init__(self, value: dict[str, object]):
        self.value = value
        self.marker = f"\0page-data-{id(self)}\0"  # no page text holds NUL: the plan may not

    def __html__(self) -> str:
        return self.marker  # what the template writes; _render puts the pieces in its place

    def pieces(self) -> Iterator[str]:
        policies = environment().policies["json.dumps_kwargs"]

        def dump(value: object) -> str:
            return str(jinja2.utils.htmlsafe_json_dumps(value, **policies))

        for n, key in enumerate(sorted(self.value)):
            value = self.value[key]
            yield ("," if n else "{") + dump(key) + ":"
            if isinstance(value, list) and value:
                yield "["
                for i in range(0, len(value), ROWS):
                    yield ("," if i else "") + dump(value[i : i + ROWS])[1:-1]
                yield "]"
            else:
                yield dump(value)
        yield "}" if self.value else "{}"


def _render(
    template: str, context: Callable[[], dict[str, object]], store: cache.Cache | None = None
) -> Iterator[bytes]:
    """A page in UTF-8, rendered as it is asked for, a few thousand template pieces at a time;
    its context is made when the page is first asked for, so the pages' contexts (each its
    events' agenda lines) are held one at a time."""
    made = context()
    data = {v.marker: v for v in made.values() if isinstance(v, PageData)}
    pieces = environment(store).get_template(template).generate(made)
    while batch := list(itertools.islice(pieces, PIECES)):
        # Most batches are small pieces only, joined and encoded as one. A large piece, or the
        # data's marker (it holds NUL, which no page text does), is looked for in C, not piece by
        # piece in Python: 138,000 pieces make index.html at 10,000 events.
        if max(map(len, batch)) < LARGE_PIECE:
            joined = "".join(batch)
            if "\0" not in joined:
                yield joined.encode("utf-8")
                continue
        yield from _parts(batch, data)
    if data:  # a marker written inside a larger piece would be in the page: never let it out
        raise AssertionError("a page's data was not written as a piece of its own")


def _parts(batch: list[str], data: dict[str, PageData]) -> Iterator[bytes]:
    """A batch of pieces holding the page's data marker or a large piece, in UTF-8: the data in
    place of its marker, a large piece in parts, never joined with the others (nor whole)."""
    run: list[str] = []
    for piece in batch:
        found = data.pop(piece, None) if piece.startswith("\0") else None
        if found is None and len(piece) < LARGE_PIECE:
            run.append(piece)
            continue
        if run:
            yield "".join(run).encode("utf-8")
            run = []
        if found is not None:
            yield from (part.encode("utf-8") for part in found.pieces())
        else:
            for start in range(0, len(piece), LARGE_PIECE):
                yield piece[start : start + LARGE_PIECE].encode("utf-8")
    if run:
        yield "".join(run).encode("utf-8")


def page_chunks(site: Site, base: Shared | None = None) -> Iterator[bytes]:
    """index.html, rendered as it is asked for."""
    return _render("index.html", lambda: page_context(site, base), site.store)


def html_files(site: Site) -> dict[str, Iterable[bytes]]:
    """index.html, a large plan's year pages (see Pages), and the two static files they load."""
    base = shared(site)
    pages = base.pages
    files: dict[str, Iterable[bytes]] = {"index.html": page_chunks(site, base)}
    for year in pages.years:
        if year != pages.opening:
            files[pages.page(year)] = _render(
                "year.html", functools.partial(year_context, base, year), site.store
            )
    return files | {name: (static_file(name),) for name in STATIC}
