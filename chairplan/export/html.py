"""The web page: index.html (timeline, agenda, checklist, checks, subscribe box), style.css, app.js.

Rendered with Jinja2 with autoescaping on and undefined names an error; every text from the YAML
reaches the page escaped, and only http(s) URLs become links.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from itertools import groupby
from typing import get_args

import jinja2

from .. import geo
from ..dates import Precision, Window
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
    "PALETTE",
    "PIECES",
    "STATIC",
    "TEMPLATES",
    "FeedLink",
    "Finding",
    "Flag",
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
]

TEMPLATES = "templates"
EVENT_STATUSES: tuple[str, ...] = get_args(EventStatus)
PRINT_WIDTH = 700  # CSS px across A4 inside style.css's print margins (186 mm is 703 px)
VIEW_WORDS = ("today", "revised_line")  # for app.js
STATIC = ("style.css", "app.js")
PALETTE = 6  # body colours c0..c5 in style.css
PIECES = 8192  # template output pieces (a tag, a title) encoded and written at a time
_HTTP_URL = re.compile(r"https?://[^\s/]+\S*", re.ASCII | re.IGNORECASE)


def is_http_url(value: object) -> bool:
    """The template's second check: only an http(s) URL without spaces or controls becomes a link."""
    return isinstance(value, str) and _HTTP_URL.fullmatch(value) is not None


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("chairplan", TEMPLATES),
        autoescape=True,  # always on, whatever the template's name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.tests["http_url"] = is_http_url
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


def event_labels(site: Site, flagged: Collection[str] = ()) -> dict[str, str]:
    """Each event's label on the timeline: ⚠ when findings involve it, the mark of its status,
    and its title shortened so that no two labels of one lane are alike."""
    by_lane: dict[str, list[Event]] = {}
    for e in sorted(site.events, key=lambda e: (e.window.start, e.id)):
        by_lane.setdefault(lane_of(e), []).append(e)
    labels = {}
    for mine in by_lane.values():
        texts = timeline.distinct_labels([e.title.in_lang(site.lang) for e in mine])
        for e, text in zip(mine, texts, strict=True):
            mark = STATUS_MARKS.get(e.status)
            labels[e.id] = ("⚠ " if e.id in flagged else "") + (f"{mark} " if mark else "") + text
    return labels


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


def page_context(site: Site) -> dict[str, object]:
    plan, lang = site.plan, site.lang
    report = site.report
    titles = {p.id: p.title for p in plan.priorities} | {d.id: d.title for d in plan.deliverables}
    colours = {b.id: f"c{k % PALETTE}" for k, b in enumerate(plan.bodies)}
    events = list(site.events)
    found = findings(site)
    flagged = flags(found)
    labels = event_labels(site, flagged)
    drawn, (plan_first, plan_months) = chart(site, labels)
    owners = {d.id: d.owner for d in plan.deliverables if d.owner}
    months = list(axis_months(lang))
    return {
        "lang": lang,
        "t": LABELS[lang],
        "as_of": site.as_of,
        "as_of_label": window_label(Window(site.as_of, site.as_of, Precision.DAY), lang),
        "plan": plan,
        "bodies": plan.bodies,
        "colours": colours,
        "chart": drawn,
        "labels": labels,
        "lane_of": lane_of,
        "lane_label": lambda title: timeline.short_label(title, timeline.LANE_LABEL),
        "owners": owners,
        "owner_names": sorted(set(owners.values()), key=str.casefold),
        "status_marks": STATUS_MARKS,
        "event_statuses": EVENT_STATUSES,
        "months": months,
        "events": events,
        "agenda": agenda(events, lang),
        "report": report,
        "findings": found,
        "flags": flagged,
        "audience": plan.audience,
        "most_private": plan.audience == plan.settings.most_private,
        "changes": changes_context(site),
        "titles": {k: v.in_lang(lang) for k, v in titles.items()},
        "feeds": feed_links(site),
        "when": lambda w: window_label(w, lang),
        "status_word": lambda s: status_word(s, lang),
        "shorts": {b.id: b.short for b in plan.bodies},
        "country_name": lambda code: geo.country_name(code, lang),
        "track_name": lambda e: plan.track_name(e.body, e.track, lang),
        "page_title": page_title(plan, lang),
        "events_count": count(len(events), "event", lang),
        "event_by_id": {e.id: e for e in events},
        "derived": plan.derived_words(lang),
        "palette": PALETTE,
        "bar_height": timeline.BAR_HEIGHT,
        "page_data": {
            "bodies": [b.id for b in plan.bodies],
            "lang": lang,
            "revised": site.as_of.isoformat(),
            "plan": [plan_first.isoformat(), plan_months],
            "shown": [drawn.first.isoformat(), len(drawn.ticks)],
            "months": months,
            "month_names": MONTHS[lang],
            "words": {k: LABELS[lang][k] for k in VIEW_WORDS},
            "geometry": {name: getattr(timeline, name) for name in timeline.GEOMETRY},
            "print_width": PRINT_WIDTH,
        },
    }


def static_file(name: str) -> bytes:
    """A file the page loads as it is (style.css, app.js), from the package data."""
    return (resources.files("chairplan") / TEMPLATES / name).read_bytes()


def page_chunks(site: Site) -> Iterator[bytes]:
    """index.html in UTF-8, rendered as it is asked for, a few thousand template pieces at a time."""
    pieces = environment().get_template("index.html").generate(page_context(site))
    while batch := list(itertools.islice(pieces, PIECES)):
        yield "".join(batch).encode("utf-8")


def html_files(site: Site) -> dict[str, Iterable[bytes]]:
    """index.html, rendered from the site, and the two static files it loads."""
    return {"index.html": page_chunks(site)} | {name: (static_file(name),) for name in STATIC}
