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

import jinja2

from .. import geo
from ..dates import Precision, Window
from ..model import Event, Language, Plan
from ..status import finding_text
from . import changelog, timeline
from .holiday_feeds import holiday_meta
from .labels import LABELS, MONTHS, month_title, status_word, window_label
from .site import TASKS_FEED, Site, feed_metas

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
    "static_file",
]

TEMPLATES = "templates"
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


def feed_link(title: str, path: str, base_url: str | None, events: int | None) -> FeedLink:
    if not base_url:
        return FeedLink(title, path, path, None, events)
    href = base_url.rstrip("/") + "/" + path
    return FeedLink(title, path, href, "webcal://" + href.split("://", 1)[1], events)


def feed_links(site: Site) -> list[FeedLink]:
    labels = LABELS[site.lang]
    shorts = {b.id: b.short for b in site.plan.bodies}
    links = []
    for (meta, keep), (_, kept) in zip(feed_metas(site), site.feeds, strict=True):
        count = len(kept)
        if keep.body:
            title = shorts[keep.body]
        elif keep.track:
            title = f"{labels['track']}: {keep.track}"
        else:
            title = labels["feed_all"]
        links.append(feed_link(title, meta.path, site.base_url, count))
    for country, rendered in site.holidays:
        title = f"{labels['feed_holidays']}: {geo.countries().get(country, country)}"
        path = holiday_meta(country, site.lang).path
        links.append(feed_link(title, path, site.base_url, len(rendered)))
    links.append(feed_link(labels["feed_tasks"], TASKS_FEED.path, site.base_url, None))
    return links


def lanes(plan: Plan) -> list[tuple[str, str, str]]:
    """(key, title, body): one lane per body, then one per track of that body that has events."""
    result = []
    for body in plan.bodies:
        result.append((body.id, body.short, body.id))
        tracks = sorted({e.track for e in plan.events if e.body == body.id and e.track})
        result += [(f"{body.id}/{t}", f"{body.short} · {t}", body.id) for t in tracks]
    return result


def lane_of(event: Event) -> str:
    return f"{event.body}/{event.track}" if event.track else event.body


def chart(site: Site, flagged: Collection[str] = ()) -> timeline.Timeline:
    """The timeline; a flagged event's label starts with ⚠, so the layout leaves room for it."""
    items = [
        timeline.Item(
            e.id,
            lane_of(e),
            e.window.start,
            e.window.end,
            e.window.is_firm,
            ("⚠ " if e.id in flagged else "") + e.title.in_lang(site.lang),
        )
        for e in site.events
    ]
    return timeline.layout(items, lanes(site.plan), site.as_of)


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


def page_context(site: Site) -> dict[str, object]:
    plan, lang = site.plan, site.lang
    report = site.report
    titles = {p.id: p.title for p in plan.priorities} | {d.id: d.title for d in plan.deliverables}
    colours = {b.id: f"c{k % PALETTE}" for k, b in enumerate(plan.bodies)}
    events = list(site.events)
    found = findings(site)
    flagged = flags(found)
    return {
        "lang": lang,
        "t": LABELS[lang],
        "as_of": site.as_of,
        "as_of_label": window_label(Window(site.as_of, site.as_of, Precision.DAY), lang),
        "plan": plan,
        "bodies": plan.bodies,
        "colours": colours,
        "chart": chart(site, flagged),
        "months": [m[:3] if lang == "en" else f"T{k + 1}" for k, m in enumerate(MONTHS[lang])],
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
        "country_name": lambda code: geo.countries().get(code, code),
        "event_by_id": {e.id: e for e in events},
        "derived": plan.derived_words(lang),
        "palette": PALETTE,
        "bar_height": timeline.BAR_HEIGHT,
        "page_data": {"bodies": [b.id for b in plan.bodies], "axis": timeline.AXIS_HEIGHT},
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
