"""The plan's Pydantic models: bodies, chairmanships, events, priorities, deliverables, sources.

Every input value is text (the YAML reader keeps scalars as written), so each type here parses text
strictly and says what form it wants; no field is a number, bool or date for pydantic to coerce
("0" as a date, "yes" as True).

The models are frozen, slotted pydantic dataclasses: an instance holds its fields and nothing more
(a BaseModel also keeps a __dict__ and a set of the fields given), which takes far less memory
for a large plan and validates faster.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Mapping
from functools import cached_property
from typing import Annotated, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PlainSerializer,
    PlainValidator,
    Tag,
    TypeAdapter,
    model_validator,
)
from pydantic.dataclasses import dataclass, is_pydantic_dataclass
from pydantic.fields import FieldInfo

from . import geo
from .choices import EventStatus as EventStatus  # re-exported: the CLI takes it from choices
from .dates import Precision, Window, in_plan_years, parse_window
from .paths import PATH_BYTES
from .relative import (
    Anchor,
    Constraint,
    Derivation,
    Offset,
    Roll,
    looks_relative,
    parse_anchor,
    parse_constraint,
    parse_length,
    parse_offset,
    parse_shorthand,
)

__all__ = [
    "CONFIG",
    "DEFAULT_SETTINGS",
    "ID_PATTERN",
    "LANGUAGES",
    "MAX_TEXT",
    "MAX_TITLE",
    "RESERVED_BODY_IDS",
    "UNION_TAGS",
    "Blackout",
    "Body",
    "BodySettings",
    "Chairmanship",
    "ConstraintField",
    "Country",
    "Deliverable",
    "DeliverableStatus",
    "Derived",
    "Event",
    "Field_",
    "Format",
    "Id",
    "Language",
    "Level",
    "LocalTime",
    "LongText",
    "Member",
    "Observance",
    "OneLine",
    "Place",
    "Plan",
    "PlanFile",
    "Priority",
    "Resource",
    "ResourceKind",
    "Role",
    "RuleSeverity",
    "Settings",
    "Source",
    "Text",
    "TextField",
    "Timed",
    "Track",
    "Url",
    "Waiver",
    "When",
    "WindowField",
    "Zone",
    "fields",
    "is_model",
    "validate",
]

ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"
MAX_TITLE = 300
MAX_TEXT = 20_000

DeliverableStatus = Literal["todo", "in-progress", "done", "blocked", "dropped"]
Role = Literal["chair", "host", "coordinator", "member"]
Format = Literal["in-person", "hybrid", "virtual"]
Level = Literal[
    "leaders", "ministers", "deputy-ministers", "senior-officials", "officials", "experts", "public"
]
Field_ = Literal[
    "title", "when", "where", "format", "status", "level", "participants", "body", "role",
    "theme", "description", "deliverable", "notes", "years", "due", "members", "resources",
    "name", "constraints",
]  # fmt: skip
ResourceKind = Literal["person", "team", "venue"]
# What an entry above an output's audience becomes there (audiences.py).
Redact = Literal["omit", "busy", "coarsen"]
# What is sensitive by nature, with a level of its own (`settings: field-audiences:`).
SensitiveField = Literal[
    "notes", "owner", "resources", "waive", "constraints", "findings", "documents"
]
Observance = Literal["ramadan"]
RuleSeverity = Literal["error", "warning", "off"]
Language = Literal["en", "vi"]
LANGUAGES: tuple[Language, ...] = ("en", "vi")


def _text(value: str, *, single_line: bool, limit: int) -> str:
    if not value.strip():
        raise ValueError("is empty; write a value or remove the key")
    if single_line and "\n" in value:
        raise ValueError("must be a single line")
    if len(value) > limit:
        raise ValueError(f"is {len(value)} characters long; the limit is {limit}")
    return value


def _one_line(value: str) -> str:
    return _text(value, single_line=True, limit=MAX_TITLE)


def _file_name(value: str) -> str:
    return _text(value, single_line=True, limit=PATH_BYTES)


def _long_text(value: str) -> str:
    return _text(value, single_line=False, limit=MAX_TEXT)


def _url(value: str) -> str:
    if not re.match(r"https?://[^\s/]", value, flags=re.ASCII):
        raise ValueError("url must start with http:// or https://")
    if re.search(r"\s", value):
        raise ValueError("url must not contain spaces; write a space as %20")
    return value


def _country(value: str) -> str:
    if value not in geo.countries():
        raise ValueError(f"'{value}' is not an ISO 3166 country code; write two capitals, e.g. VN")
    return value


def _zone(value: str) -> str:
    if not geo.is_zone(value):
        raise ValueError(f"'{value}' is not an IANA time zone; write e.g. Asia/Ho_Chi_Minh")
    return value


def _window(value: object) -> Window:
    if isinstance(value, Window):
        return value
    if not isinstance(value, str):
        raise ValueError("must be a date written as text, e.g. 2026-03-10 or 2026-Q2")
    return in_plan_years(parse_window(value), value)


def _datetime(value: str) -> dt.datetime:
    m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})", value.strip())
    if not m:
        raise ValueError("time must be written YYYY-MM-DDTHH:MM, e.g. 2026-03-11T09:00")
    day = _window(m.group(1))
    if day.precision is not Precision.DAY:
        raise ValueError("time must be written YYYY-MM-DDTHH:MM, e.g. 2026-03-11T09:00")
    hour, minute = int(m.group(2)), int(m.group(3))
    if hour > 23 or minute > 59:
        raise ValueError(f"{hour:02d}:{minute:02d} is not a time of day")
    return dt.datetime.combine(day.start, dt.time(hour, minute))


Id = Annotated[str, Field(pattern=ID_PATTERN)]
# Body ids taken by the plan-wide feeds (all.ics, tasks.ics): a body's feed is <id>.ics.
RESERVED_BODY_IDS = ("all", "tasks")
OneLine = Annotated[str, AfterValidator(_one_line)]
LongText = Annotated[str, AfterValidator(_long_text)]
Url = Annotated[str, AfterValidator(_url)]
Country = Annotated[str, AfterValidator(_country)]
Zone = Annotated[str, AfterValidator(_zone)]
WindowField = Annotated[Window, PlainValidator(_window), PlainSerializer(str, return_type=str)]
LocalTime = Annotated[
    dt.datetime, PlainValidator(lambda v: _datetime(v) if isinstance(v, str) else v)
]


CONFIG = ConfigDict(extra="forbid", hide_input_in_errors=True)
M = TypeVar("M")
T = TypeVar("T")


@dataclass(frozen=True, slots=True, kw_only=True, config=CONFIG)
class Text:
    """A title in one or both languages; plain text in the YAML fills `en`."""

    en: OneLine | None = None
    vi: OneLine | None = None

    @model_validator(mode="after")
    def _one_language(self) -> Text:
        if self.en is None and self.vi is None:
            raise ValueError("give the text in at least one language: {en: ..., vi: ...}")
        return self

    def in_lang(self, lang: Language = "en") -> str:
        """The text in `lang`, falling back to the other language."""
        first, second = (self.vi, self.en) if lang == "vi" else (self.en, self.vi)
        return first or second or ""

    def __str__(self) -> str:
        return self.in_lang("en")


TextField = Annotated[Text, BeforeValidator(lambda v: {"en": v} if isinstance(v, str) else v)]


@dataclass(frozen=True, slots=True, kw_only=True, config=CONFIG)
class Source:
    """The article (in seeds/, published news) or the internal document (in documents/: a note
    verbale, an e-mail) that supports an entry, the exact words, and which fields they support."""

    # a path's length is the checks' to judge (paths.path_problem), with its other faults
    article: Annotated[str, AfterValidator(_file_name)] | None = None
    document: Annotated[str, AfterValidator(_file_name)] | None = None
    quote: OneLine
    supports: list[Field_] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_file(self) -> Source:
        if (self.article is None) == (self.document is None):
            raise ValueError(
                "cite one file: article: (a file in seeds/) or document: (a file in documents/)"
            )
        return self

    @property
    def folder(self) -> str:
        """Where the cited file is: seeds (articles) or documents (internal documents)."""
        return "seeds" if self.article is not None else "documents"

    @property
    def name(self) -> str:
        """The cited file's name in its folder."""
        return self.article if self.article is not None else self.document  # type: ignore[return-value]


@dataclass(frozen=True, slots=True, kw_only=True, config=CONFIG)
class Timed:
    """A timed start (and end) in wall-clock time of an IANA zone."""

    start: LocalTime
    end: LocalTime | None = None
    tz: Zone | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Timed:
        if self.end is not None and self.end < self.start:
            raise ValueError(
                f"end {self.end:%Y-%m-%dT%H:%M} is before start {self.start:%Y-%m-%dT%H:%M}"
            )
        return self

    @property
    def window(self) -> Window:
        last = (self.end or self.start).date()
        return Window(self.start.date(), last, Precision.DAY, is_range=last != self.start.date())


def _parsed(parse: Callable[[str], T], kind: type[T]) -> PlainValidator:
    """A validator that parses text with `parse` (and takes a value already parsed as it is)."""

    def validate(value: object) -> T:
        if isinstance(value, kind):
            return value
        if not isinstance(value, str):
            raise ValueError("must be written as text")
        return parse(value)

    return PlainValidator(validate)


def _shorthand(value: object) -> object:
    return parse_shorthand(value) if isinstance(value, str) else value


@dataclass(frozen=True, slots=True, kw_only=True, config=CONFIG)
class Derived:
    """A date counted from another entry's day (see `relative.py` for the written forms).

    `offset` applies in order; `length` makes a derived event last that many days; `roll` says
    where a day that lands off work goes: by default to the previous working day when counting
    back from the anchor, the next when counting forward; `none` keeps it where it lands.
    """

    anchor: Annotated[Anchor, _parsed(parse_anchor, Anchor)]
    offset: Annotated[
        list[Annotated[Offset, _parsed(parse_offset, Offset)]],
        BeforeValidator(lambda v: [v] if isinstance(v, str) else v),
    ] = Field(default_factory=list)
    length: Annotated[int, _parsed(parse_length, int)] | None = None
    roll: Roll | None = None

    def __str__(self) -> str:
        """The shorthand: 'cptpp-mrt-2026.start - 6w for 2d'."""
        parts = [str(self.anchor), *map(str, self.offset)]
        if self.length is not None:
            parts.append(f"for {self.length}d")
        if self.roll is not None:
            parts.append(f"(roll: {self.roll})")
        return " ".join(parts)


DerivedField = Annotated[Derived, BeforeValidator(_shorthand)]


def _is_derived(value: object) -> bool:
    if isinstance(value, Derived):
        return True
    if isinstance(value, dict):
        return "anchor" in value
    return isinstance(value, str) and looks_relative(value)


When = Annotated[
    Annotated[Timed, Tag("timed")]
    | Annotated[WindowField, Tag("window")]
    | Annotated[DerivedField, Tag("derived")],
    Discriminator(
        lambda v: (
            "derived" if _is_derived(v) else "timed" if isinstance(v, dict | Timed) else "window"
        )
    ),
]
Due = Annotated[
    Annotated[WindowField, Tag("window")] | Annotated[DerivedField, Tag("derived")],
    Discriminator(lambda v: "derived" if _is_derived(v) else "window"),
]
UNION_TAGS = frozenset({"timed", "window", "derived"})  # appear in error locations; not YAML keys
ConstraintField = Annotated[Constraint, _parsed(parse_constraint, Constraint)]


@dataclass(frozen=True, slots=True, kw_only=True, config=CONFIG)
class Place:
    city: OneLine | None = None
    country: Country | None = None
    venue: OneLine | None = None
    tz: Zone | None = None

    @property
    def zone(self) -> str | None:
        """The explicit zone, else the country's when it has only one."""
        return self.tz or (geo.single_zone(self.country) if self.country else None)

    def label(self, lang: Language = "en") -> str:
        """Venue, city and country, the country named in `lang`."""
        country = geo.country_name(self.country, lang) if self.country else None
        return ", ".join(part for part in (self.venue, self.city, country) if part)


@dataclass(frozen=True, slots=True, kw_only=True, config=CONFIG)
class Waiver:
    """A planning finding the planners have seen and accept, with why.

    `with_` (`with:` in the YAML) narrows it to findings that also involve one of these: another
    entry's id, a country code, a blackout's id, or `ramadan`; without it the waiver covers every
    finding of the rule about the entry.
    """

    rule: OneLine
    reason: OneLine
    with_: list[OneLine] = Field(default_factory=list, alias="with")


@dataclass(frozen=True, slots=True, kw_only=True, config=CONFIG)
class Member:
    """A member country of a body; `observes` lists the observances the planning rules respect."""

    country: Country
    observes: list[Observance] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)


@dataclass(frozen=True, slots=True, kw_only=True, config=CONFIG)
class Track:
    """A sub-feed of a body (`tracks/<id>.ics`, a lane of the page), named in one or both
    languages. Its name is at its body's audience level, and is shown only with an event of the
    track that the output's audience sees (audiences.py keeps no other)."""

    id: Id
    name: TextField


def _distinct_tracks(value: list[Track]) -> list[Track]:
    ids = [t.id for t in value]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise ValueError(f"each track once: {', '.join(twice)} is declared twice")
    return value


@dataclass(frozen=True, slots=True, kw_only=True, config=CONFIG)
class Body:
    """A body the plan's events belong to. `tracks`, when given, are the only tracks its events
    may name (an event of a body without `tracks:` may name any, shown as its id)."""

    id: Id
    name: TextField
    short: OneLine
    url: Url | None = None
    members: list[Member] = Field(default_factory=list)
    tracks: Annotated[list[Track], AfterValidator(_distinct_tracks)] = Field(default_factory=list)
    notes: LongText | None = None
    audience: Id | None = None  # who may see it and all that belongs to it (audiences.py)


@dataclass(frozen=True, slots=True, kw_only=True, config=CONFIG)
class Resource:
    """A person, team or venue that events need: it cannot be in two places at once."""

    id: Id
    name: TextField
    kind: ResourceKind
    notes: LongText | None = None
    sources: list[Source] = Field(default_factory=list)
    audience: Id | None = None


def _firm_window(value: Window) -> Window:
    if not value.is_firm:
        raise ValueError(f"a blackout needs exact days (2026-09-22..2026-09-26), not {value}")
    return value


@dataclass(frozen=True, slots=True, kw_only=True, config=CONFIG)
class Blackout:
    """Days the plan should keep free: a high-level week elsewhere, an election, another summit.

    It applies to the events of `bodies`, or of every body when none are named.
    """

    id: Id
    title: TextField
    when: Annotated[WindowField, AfterValidator(_firm_window)]
    bodies: list[Id] = Field(default_factory=list)
    notes: LongText | None = None
    sources: list[Source] = Field(default_factory=list)
    audience: Id | None = None

    @property
    def window(self) -> Window:
        return self.when


DEFAULT_AUDIENCES = ("public", "partners", "internal")


def _levels(value: list[str]) -> list[str]:
    if not value:
        raise ValueError("name at least one audience, most public first: [public, internal]")
    if "all" in value:
        raise ValueError("'all' is no audience name: `build --audience all` means every level")
    twice = sorted({v for v in value if value.count(v) > 1})
    if twice:
        raise ValueError(f"each audience once: {', '.join(twice)} is named twice")
    return value


def _gap(value: object) -> dt.timedelta:
    if isinstance(value, dt.timedelta):
        return value
    if not isinstance(value, str):  # a bare number would be read as seconds
        raise ValueError(f"{value!r} is not a gap; write days or hours, e.g. 1d or 12h")
    m = re.fullmatch(r"(\d{1,3})\s*([dh])", value.strip())
    if not m:
        raise ValueError(f"'{value}' is not a gap; write days or hours, e.g. 1d or 12h")
    n = int(m.group(1))
    return dt.timedelta(days=n) if m.group(2) == "d" else dt.timedelta(hours=n)


@dataclass(frozen=True, slots=True, kw_only=True, config=CONFIG)
class BodySettings:
    rules: dict[str, RuleSeverity] = Field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True, config=CONFIG)
class Settings:
    """Plan-wide settings (at most one `settings:` in the plan).

    `rules` sets a rule's severity (error, warning or off) for the whole plan, `bodies` for one
    body's entries; `travel_gap` (`travel-gap:`) is the least time between two events of one
    resource in different cities (default one day). `audiences` are the levels of who may see
    what, most public first; `default-audience` is the level of an entry that names none and
    belongs to nothing that does (default: the most private); `field-audiences` the level of what
    is sensitive by nature (default: the most private); `redact` what an entry above an output's
    audience becomes there; `uid-key` a secret that makes the UIDs of feeds unguessable.
    `title` names the plan: the page's title and the published calendars ("<title>: CPTPP"), so
    it is public, whatever the audience (without it, "chairplan").
    """

    rules: dict[str, RuleSeverity] = Field(default_factory=dict)
    bodies: dict[Id, BodySettings] = Field(default_factory=dict)
    travel_gap: Annotated[dt.timedelta, BeforeValidator(_gap)] = Field(
        default=dt.timedelta(days=1), alias="travel-gap"
    )
    audiences: Annotated[list[Id], AfterValidator(_levels)] = Field(
        default_factory=lambda: list(DEFAULT_AUDIENCES)
    )
    default_audience: Id | None = Field(default=None, alias="default-audience")
    field_audiences: dict[SensitiveField, Id] = Field(default_factory=dict, alias="field-audiences")
    redact: Redact = "omit"
    uid_key: OneLine | None = Field(default=None, alias="uid-key")
    title: TextField | None = None

    @property
    def most_private(self) -> str:
        return self.audiences[-1]

    def rank(self, audience: str) -> int:
        """The position of a level, from the most public (0); an unknown one is the most private
        (the checks report it)."""
        return self.audiences.index(audience) if audience in self.audiences else len(self.audiences)


@dataclass(frozen=True, slots=True, kw_only=True, config=CONFIG)
class Chairmanship:
    id: Id
    body: Id
    role: Role
    country: Country
    years: WindowField
    timezone: Zone
    theme: TextField | None = None
    description: LongText | None = None
    sources: list[Source] = Field(default_factory=list)
    audience: Id | None = None

    @model_validator(mode="after")
    def _whole_years(self) -> Chairmanship:
        if self.years.precision is not Precision.YEAR:
            raise ValueError(
                f"years must be a year or a range of years (2026, 2024..2027), not {self.years}"
            )
        return self


@dataclass(frozen=True, slots=True, kw_only=True, config=CONFIG)
class Event:
    id: Id
    title: TextField
    when: When
    body: Id
    where: Place | None = None
    format: Format | None = None
    status: EventStatus = "planned"
    track: Id | None = None
    level: Level | None = None
    participants: list[OneLine] = Field(default_factory=list)
    priorities: list[Id] = Field(default_factory=list)
    resources: list[Id] = Field(default_factory=list)
    notes: LongText | None = None
    url: Url | None = None
    sources: list[Source] = Field(default_factory=list)
    constraints: list[ConstraintField] = Field(default_factory=list)
    waive: list[Waiver] = Field(default_factory=list)
    audience: Id | None = None
    redact: Redact | None = None

    @property
    def window(self) -> Window:
        """The event's days (a derived date once the plan is resolved: plan/resolve.py)."""
        when = self.when  # read very often (every rule, feed and page): the common case first
        if isinstance(when, Window):
            return when
        if isinstance(when, Derived):
            raise TypeError(f"{self.id}: a derived date is read before the plan is resolved")
        return when.window

    @property
    def zone(self) -> str | None:
        """The zone timed events are in: the one given with the time, else the place's."""
        if isinstance(self.when, Timed) and self.when.tz:
            return self.when.tz
        return self.where.zone if self.where else None

    @model_validator(mode="after")
    def _timed_needs_zone(self) -> Event:
        if isinstance(self.when, Timed) and self.zone is None:
            raise ValueError(
                "a timed event needs a time zone: add tz: (e.g. Asia/Ho_Chi_Minh) under when:"
            )
        return self


@dataclass(frozen=True, slots=True, kw_only=True, config=CONFIG)
class Deliverable:
    id: Id
    title: TextField
    status: DeliverableStatus = "todo"
    due: Due | None = None
    owner: OneLine | None = None
    events: list[Id] = Field(default_factory=list)
    notes: LongText | None = None
    sources: list[Source] = Field(default_factory=list)
    constraints: list[ConstraintField] = Field(default_factory=list)
    waive: list[Waiver] = Field(default_factory=list)
    audience: Id | None = None
    redact: Redact | None = None

    @property
    def deadline(self) -> Window | None:
        """The due window (a derived one once the plan is resolved: plan/resolve.py)."""
        if isinstance(self.due, Derived):
            raise TypeError(f"{self.id}: a derived due date is read before the plan is resolved")
        return self.due

    @model_validator(mode="after")
    def _no_length(self) -> Deliverable:
        if isinstance(self.due, Derived) and self.due.length is not None:
            raise ValueError(
                f"due: a due date is one day and has no length ('for {self.due.length}d')"
            )
        return self


@dataclass(frozen=True, slots=True, kw_only=True, config=CONFIG)
class Priority:
    id: Id
    title: TextField
    body: Id
    description: LongText | None = None
    sources: list[Source] = Field(default_factory=list)
    deliverables: list[Deliverable] = Field(default_factory=list)
    audience: Id | None = None

    def progress(self) -> tuple[int, int]:
        """(done, total) of the deliverables; dropped ones do not count."""
        counted = [d for d in self.deliverables if d.status != "dropped"]
        return sum(d.status == "done" for d in counted), len(counted)


@dataclass(frozen=True, slots=True, kw_only=True, config=CONFIG)
class PlanFile:
    """One YAML file of the plan."""

    bodies: list[Body] = Field(default_factory=list)
    chairmanships: list[Chairmanship] = Field(default_factory=list)
    priorities: list[Priority] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    resources: list[Resource] = Field(default_factory=list)
    blackouts: list[Blackout] = Field(default_factory=list)
    settings: Settings | None = None


def validate(model: type[M], data: object) -> M:
    """`data` (dicts, lists and text) validated as `model`; raises pydantic's ValidationError."""
    return TypeAdapter(model).validate_python(data)


def fields(model: type) -> dict[str, FieldInfo]:
    """The fields of a model class, by their YAML key (the alias where there is one), with their
    annotations resolved."""
    found: dict[str, FieldInfo] = getattr(model, "__pydantic_fields__", {})
    return {info.alias or name: info for name, info in found.items()}


def is_model(value: object) -> bool:
    return isinstance(value, type) and is_pydantic_dataclass(value)


@dataclasses.dataclass(frozen=True)
class Plan:
    """The whole plan: every file's entries, merged in file order."""

    files: tuple[tuple[str, PlanFile], ...]
    # How each derived date was resolved, by entry id: the formula, its steps, its window.
    derived: Mapping[str, Derivation] = dataclasses.field(default_factory=dict)
    # The audience this plan is a view for (audiences.py); None: the plan as written.
    audience: str | None = None
    # The entries shown redacted in this view, by their opaque id (made of their UID's digest):
    # "busy" (the days only) or "coarsen" (the dates and place widened).
    redacted: Mapping[str, str] = dataclasses.field(default_factory=dict)
    # Each file's digest as it was read (plan/read.py: its bytes and how its derived dates were
    # resolved), beside the model it is the digest of; a file whose model was replaced since (an
    # audience's view) has none.
    read_keys: tuple[tuple[PlanFile, str], ...] = dataclasses.field(
        default=(), compare=False, repr=False
    )

    def read_key(self, index: int) -> str | None:
        """The digest the file at `index` was read under, while its model is the one read."""
        if index < len(self.read_keys):
            model, key = self.read_keys[index]
            if model is self.files[index][1]:
                return key
        return None

    def _all(self, attr: str) -> list:  # type: ignore[type-arg]
        return [item for _, f in self.files for item in getattr(f, attr)]

    @cached_property  # the plan is frozen: gather each list once
    def bodies(self) -> list[Body]:
        return self._all("bodies")

    @cached_property  # the plan is frozen: gather each list once
    def chairmanships(self) -> list[Chairmanship]:
        return self._all("chairmanships")

    @cached_property  # the plan is frozen: gather each list once
    def priorities(self) -> list[Priority]:
        return self._all("priorities")

    @cached_property  # the plan is frozen: gather each list once
    def events(self) -> list[Event]:
        return self._all("events")

    @cached_property  # the plan is frozen: gather each list once
    def resources(self) -> list[Resource]:
        return self._all("resources")

    @cached_property  # the plan is frozen: gather each list once
    def blackouts(self) -> list[Blackout]:
        return self._all("blackouts")

    @property
    def settings(self) -> Settings:
        """The plan's settings (the first file's that has them; a second is a check error)."""
        given = [f.settings for _, f in self.files if f.settings is not None]
        return given[0] if given else DEFAULT_SETTINGS

    @cached_property  # the plan is frozen: gather each list once
    def deliverables(self) -> list[Deliverable]:
        return [d for p in self.priorities for d in p.deliverables]

    @cached_property  # the plan is frozen: gather the tracks once
    def tracks(self) -> dict[tuple[str, str], Track]:
        """The tracks the bodies declare, by (body id, track id)."""
        return {(b.id, t.id): t for b in self.bodies for t in b.tracks}

    def track_name(self, body: str, track: str, lang: Language = "en") -> str:
        """A track's name in `lang`, as its body declares it; its id where the body declares none."""
        found = self.tracks.get((body, track))
        return found.name.in_lang(lang) if found else track

    def derived_words(self, lang: Language = "en") -> dict[str, str]:
        """How each derived date is counted, read aloud in `lang` with its anchor's title."""
        dated: list[Event | Deliverable] = [*self.events, *self.deliverables]
        titles = {e.id: e.title.in_lang(lang) for e in dated}
        return {k: d.words(titles[d.anchor.id], lang) for k, d in self.derived.items()}


DEFAULT_SETTINGS = Settings()
