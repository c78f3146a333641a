"""Plan -> iCalendar: a VEVENT per event, a VCALENDAR per feed; stamp and UID domain are injected.

Nothing here reads a clock, a file or the environment: the same plan, revisions and domain always
give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from icalendar import Calendar, Timezone, Todo, vDuration, vText
from icalendar import Event as VEvent

from ..audiences import REDACTED_PREFIX, uid_token
from ..model import Body, Event, Language, Plan, Priority, Source, Timed
from . import lines
from .revisions import Revision

__all__ = [
    "DEFAULT_DOMAIN",
    "EVENT_STATUS",
    "ORDER",
    "PRODID",
    "REFRESH",
    "TZ_YEARS",
    "Context",
    "FeedMeta",
    "assemble_chunks",
    "component_bytes",
    "day_text",
    "event_dates",
    "event_lines",
    "event_summary",
    "event_zones",
    "feed_name",
    "fingerprint",
    "sections",
    "sources_section",
    "stamp",
    "timezone_years",
    "when_text",
]

DEFAULT_DOMAIN = "chairplan"
PRODID = "-//chairplan//chairplan feeds 1//EN"
REFRESH = dt.timedelta(hours=6)
# Zones get VTIMEZONE rules for at least these years, wider when the plan's timed events need it.
TZ_YEARS = (2020, 2040)
_DAY = dt.timedelta(days=1)
_END = b"END:VCALENDAR\r\n"
# The properties icalendar puts first in each kind of component; the rest follow by name.
ORDER = {"VEVENT": VEvent.canonical_order or (), "VTODO": Todo.canonical_order or ()}
EVENT_STATUS = {
    "planned": "TENTATIVE",  # on the plan, not yet confirmed by the host
    "tentative": "TENTATIVE",
    "confirmed": "CONFIRMED",
    "held": "CONFIRMED",  # it took place
    "postponed": "TENTATIVE",  # and "(postponed)" in the title
    "cancelled": "CANCELLED",
}


@dataclass(frozen=True)
class Context:
    """What a component's text refers to (bodies, priorities), and its language and UID domain."""

    lang: Language
    domain: str
    bodies: dict[str, Body]
    priorities: dict[str, Priority]
    # For each derived date, by entry id: the line saying how it is counted, and the anchor's id.
    derived: dict[str, tuple[str, str]] = field(default_factory=dict)
    uid_key: str | None = None  # the plan's `uid-key:`, which UIDs are digests with
    opaque: frozenset[str] = frozenset()  # ids that are opaque already: redacted entries

    @classmethod
    def of(cls, plan: Plan, lang: Language, domain: str = DEFAULT_DOMAIN) -> Context:
        label, words = "Ngày" if lang == "vi" else "Date", plan.derived_words(lang)
        derived = {
            k: (f"{label}: {words[k]} ({d.formula})", d.anchor.id) for k, d in plan.derived.items()
        }
        bodies = {b.id: b for b in plan.bodies}
        priorities = {p.id: p for p in plan.priorities}
        key = plan.settings.uid_key
        return cls(lang, domain, bodies, priorities, derived, key, frozenset(plan.redacted))

    def derivation(self, entry_id: str) -> str | None:
        """The line saying how the entry's date is counted, if it is derived."""
        found = self.derived.get(entry_id)
        return found[0] if found else None

    def related(self, entry_id: str, *more: bytes) -> bytes | None:
        """The RELATED-TO lines: `more`, then the anchor a derived date is counted from (RFC
        9253's DEPENDS-ON: this entry's date depends on that one's); None when there are none."""
        found = self.derived.get(entry_id)
        if found:
            uid = lines.escape(self.uid(found[1]))
            more = (*more, lines.fold(f"RELATED-TO;RELTYPE=DEPENDS-ON:{uid}"))
        return b"\r\n".join(more) or None

    def uid(self, entry_id: str) -> str:
        """The component's UID: a digest of the id (keyed with `uid-key:`), stable for as long as
        the entry keeps its id, the same in every audience, and telling nothing of the entry."""
        if entry_id in self.opaque:  # a redacted entry's id is made of its entry's digest
            return f"{entry_id.removeprefix(REDACTED_PREFIX)}@{self.domain}"
        return f"{uid_token(entry_id, self.uid_key)}@{self.domain}"

    def body_name(self, body_id: str) -> str:
        body = self.bodies.get(body_id)
        return body.short if body else body_id

    def track_name(self, event: Event) -> str | None:
        """The event's track as its body names it in this language (else the track's id)."""
        body = self.bodies.get(event.body)
        found = next((t for t in body.tracks if t.id == event.track), None) if body else None
        return found.name.in_lang(self.lang) if found else event.track


@dataclass(frozen=True)
class FeedMeta:
    """A feed's file (relative to the output folder), its calendar name and description."""

    path: str
    name: str
    description: str


def feed_name(plan: Plan, lang: Language, what: str) -> str:
    """A published calendar's name: the plan's `settings: title:` (else "chairplan") and what
    the calendar holds, "Việt Nam's chairmanship plan: CPTPP"."""
    title = plan.settings.title
    return f"{title.in_lang(lang) if title else 'chairplan'}: {what}"


def sections(*parts: str | None) -> str:
    """Description text: the non-empty parts, separated by blank lines."""
    return "\n\n".join(part.strip() for part in parts if part and part.strip())


def sources_section(sources: Sequence[Source]) -> str | None:
    if not sources:
        return None
    lines = [f"- {s.folder}/{s.name}: “{s.quote}”" for s in sources]
    return "Sources:\n" + "\n".join(lines)


def event_summary(event: Event, lang: Language) -> str:
    text = event.title.in_lang(lang)
    if event.status == "postponed":
        text += " (postponed)"
    if not event.window.is_firm:
        text += f" [date TBC: {event.window.label()}]"
    return text


def day_text(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def when_text(event: Event) -> str:
    window = event.window
    if isinstance(event.when, Timed):
        start, end = event.when.start, event.when.end
        until = ""
        if end is not None:  # an en dash between times, as in Window.label()
            until = (
                f"–{end:%H:%M}" if end.date() == start.date() else f" – {day_text(end)} {end:%H:%M}"
            )
        return f"When: {day_text(start)}, {start:%H:%M}{until} ({event.zone})"
    if window.is_firm:
        return f"When: {window.label()}"
    return (
        f"When: date to be confirmed: {window.label()} (between {day_text(window.start)} and "
        f"{day_text(window.end)}). This calendar entry on {day_text(window.start)} only marks the "
        "start of that window; it is not the date of the event."
    )


def _details(event: Event, ctx: Context) -> str:
    lines = [when_text(event)]
    if event.format:
        lines.append(f"Format: {event.format}")
    if event.level:
        lines.append(f"Level: {event.level.replace('-', ' ')}")
    if event.participants:
        lines.append("Participants: " + ", ".join(event.participants))
    return "\n".join(lines)


def _priorities_section(event: Event, ctx: Context) -> str | None:
    titles = [
        ctx.priorities[p].title.in_lang(ctx.lang) for p in event.priorities if p in ctx.priorities
    ]
    return "Priorities:\n" + "\n".join(f"- {t}" for t in titles) if titles else None


def event_dates(event: Event) -> tuple[dt.date | dt.datetime, dt.date | dt.datetime | None]:
    """DTSTART and DTEND: all-day with an exclusive end, or local times in the event's zone."""
    if isinstance(event.when, Timed):
        zone = ZoneInfo(event.zone or "UTC")  # the model guarantees a zone for timed events
        end = event.when.end.replace(tzinfo=zone) if event.when.end else None
        return event.when.start.replace(tzinfo=zone), end
    window = event.window
    if window.is_firm:
        return window.start, window.end + _DAY
    return window.start, window.start + _DAY  # a one-day marker, never a firm date (see README)


def event_lines(event: Event, ctx: Context) -> lines.Lines:
    """The VEVENT's content lines, without its revision (DTSTAMP, SEQUENCE, LAST-MODIFIED)."""
    start, end = event_dates(event)
    firm = event.window.is_firm
    status = EVENT_STATUS[event.status] if firm or event.status == "cancelled" else "TENTATIVE"
    transp = "OPAQUE" if firm and event.status != "cancelled" else "TRANSPARENT"
    result = {
        "UID": lines.text("UID", ctx.uid(event.id)),
        "SUMMARY": lines.text("SUMMARY", event_summary(event, ctx.lang)),
        "DTSTART": lines.date_or_time("DTSTART", start),
        "STATUS": lines.text("STATUS", status),
        "TRANSP": lines.text("TRANSP", transp),
        "X-CHAIRPLAN-PRECISION": lines.text(
            "X-CHAIRPLAN-PRECISION", event.window.precision.name.lower()
        ),
        "X-CHAIRPLAN-WINDOW": lines.text("X-CHAIRPLAN-WINDOW", str(event.window)),
    }
    if end is not None:
        result["DTEND"] = lines.date_or_time("DTEND", end)
    location = event.where.label(ctx.lang) if event.where else ""
    if location:
        result["LOCATION"] = lines.text("LOCATION", location)
    if (related := ctx.related(event.id)) is not None:
        result["RELATED-TO"] = related
    description = sections(
        event.notes,
        ctx.derivation(event.id),
        _details(event, ctx),
        _priorities_section(event, ctx),
        sources_section(event.sources),
    )
    if description:  # an empty DESCRIPTION says nothing
        result["DESCRIPTION"] = lines.text("DESCRIPTION", description)
    categories = [ctx.body_name(event.body), event.level, ctx.track_name(event)]
    result["CATEGORIES"] = lines.texts("CATEGORIES", [c for c in categories if c])
    if event.url:
        result["URL"] = lines.raw("URL", event.url)
    return result


def component_bytes(kind: str, content: lines.Lines) -> bytes:
    """A VEVENT or VTODO from its content lines, ordered as icalendar orders them."""
    return lines.component(kind, content, ORDER[kind])


def fingerprint(renderings: Iterable[bytes]) -> str:
    """A digest of a component's content in every language, so either language's edits count."""
    digest = hashlib.sha256()
    for rendering in renderings:
        digest.update(rendering)
    return digest.hexdigest()


def stamp(content: lines.Lines, revision: Revision) -> lines.Lines:
    """Add the revision. Without METHOD, DTSTAMP is when the information was last revised."""
    return content | {
        "DTSTAMP": lines.utc("DTSTAMP", revision.last_modified),
        "LAST-MODIFIED": lines.utc("LAST-MODIFIED", revision.last_modified),
        "SEQUENCE": lines.raw("SEQUENCE", str(revision.sequence)),
    }


def timezone_years(plan: Plan) -> tuple[int, int]:
    """The years the VTIMEZONE rules cover: TZ_YEARS, widened to every timed event."""
    years = [e.window.start.year for e in plan.events if isinstance(e.when, Timed)]
    years += [e.window.end.year for e in plan.events if isinstance(e.when, Timed)]
    return min([TZ_YEARS[0], *years]), max([TZ_YEARS[1], *(y + 1 for y in years)])


def event_zones(events: Iterable[Event]) -> set[str]:
    """The TZIDs the events' DTSTART and DTEND carry (UTC needs no VTIMEZONE)."""
    return {e.zone for e in events if isinstance(e.when, Timed) and e.zone} - {"UTC"}


@functools.cache
def _vtimezone(tzid: str, tz_years: tuple[int, int]) -> bytes:
    """A zone's VTIMEZONE, computed once per build however many feeds need it."""
    first, last = dt.date(tz_years[0], 1, 1), dt.date(tz_years[1], 1, 1)
    try:
        data: bytes = Timezone.from_tzid(tzid, first_date=first, last_date=last).to_ical()
    except ValueError:
        return b""  # a zone icalendar does not know gets no VTIMEZONE, as add_missing_timezones
    return data


def assemble_chunks(
    meta: FeedMeta, rendered: Iterable[bytes], tzids: Iterable[str], tz_years: tuple[int, int]
) -> Iterator[bytes]:
    """The VCALENDAR's bytes in pieces: its head, the VTIMEZONEs, each component, its end.

    Content lines are folded one by one, so a component's bytes are the same on their own as inside
    a calendar. The VTIMEZONEs come first, sorted by TZID so that the bytes never depend on set order.
    """
    calendar = Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", PRODID)
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", meta.name)
    calendar.add("x-wr-calname", vText(meta.name))  # X- values are raw unless typed
    calendar.add("description", meta.description)
    calendar.add("x-wr-caldesc", vText(meta.description))
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    head: bytes = calendar.to_ical()
    yield head.removesuffix(_END)
    for tzid in sorted(tzids):
        yield _vtimezone(tzid, tz_years)
    yield from rendered
    yield _END
