"""Structured fuzzing of the whole pipeline: hypothesis makes plans as data, chairplan runs on them.

    python3 tests/fuzz/fuzz_plans.py -max_total_time=30

Each input is a plan folder: one to three schedule files of bodies, chairmanships, priorities
(with deliverables), events, resources, blackouts and settings, generated from the models' own
fields (chairplan/model.py), so a new field is fuzzed the day it is added. Values are mostly valid
(ids that resolve, dates the format reads, real quotes of the articles in seeds/) and, at a rate
each plan draws, bad: dates at and past the plan's years, empty, huge and invisible text, wrong
types, unknown keys, missing keys, duplicate ids, dangling references, derived dates in a cycle.
They are written as YAML in a temporary folder beside a copy of seeds/, and the commands run in
this process, as the command line runs them (`--debug`, so an internal error raises):

    check --format json, check, status --format json, status, build, ics, explain

The property: no command ever raises (an internal error is a bug); a plan `check` refuses gets
exit code 1 and every problem located at a line and column of one of its files (the other
commands refuse it alike, on stderr); a plan `check` passes builds, and every feed it publishes
parses.

The driver is libFuzzer (atheris), which steers hypothesis' choices by the coverage of chairplan's
code; without atheris, hypothesis reads random choices for the same time. A failing plan is
written to tests/fuzz/regressions/plan-<digest>.yaml (and printed, and the run stops with exit
code 1), which tests/test_structured_fuzz.py replays through the whole pipeline and
tests/test_fuzz_regressions.py through the loader. A plan that raises a bug already found
(KNOWN_BUGS below, each a strict xfail in tests/test_structured_fuzz.py) is noted once and the
run goes on.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
import time
import traceback
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest import mock

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
if str(REPO) not in sys.path:  # run as a script: import the package and tests/ from this checkout
    sys.path.insert(0, str(REPO))

import typer.main  # noqa: E402
import typer.testing  # noqa: E402
import yaml  # noqa: E402
from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from pydantic import AfterValidator, BeforeValidator, PlainValidator  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from chairplan import model  # noqa: E402
from chairplan.checks.registry import PLANNING_CODES  # noqa: E402
from chairplan.cli import app  # noqa: E402
from chairplan.dates import Window  # noqa: E402
from chairplan.errors import one_line  # noqa: E402
from chairplan.relative import PARTS, UNITS, Anchor, Constraint, Offset, Roll  # noqa: E402
from tests.fuzz.make_dict import (  # noqa: E402
    ACCEPTED_CONSTRAINTS,
    ACCEPTED_DATES,
    ACCEPTED_DERIVED,
    ACCEPTED_GAPS,
    ACCEPTED_TIMES,
    REFUSED_CONSTRAINTS,
    REFUSED_DATES,
    REFUSED_DERIVED,
    REFUSED_GAPS,
    REFUSED_TIMES,
    TRICKY,
)

REGRESSIONS = HERE / "regressions"
PACKAGE = str(Path(model.__file__).resolve().parent)  # chairplan's own code, for KnownBug
SEEDS = REPO / "seeds"
AS_OF = "2026-01-01"  # the day every command judges by: CHAIRPLAN_AS_OF and SOURCE_DATE_EPOCH
EPOCH = str(int(dt.datetime(2026, 1, 1, tzinfo=dt.UTC).timestamp()))
FILE_NAMES = ("plan.yaml", "more.yaml", "nested/extra.yml")
DOCUMENT = (
    "note.txt",
    " date 2026-02-02\nThe note verbale proposes SOM2 on 12 May 2026 in Hà Nội.\n",
)
LOCATED = re.compile(r"^(schedules/[^\n]+?):(\d+):(\d+): (error|warning): ", re.M)

# --- values ---------------------------------------------------------------------------------------

ARTICLES = {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}
QUOTES = {
    name: sorted(
        {
            s.strip()
            for s in re.split(r"(?<=[.!?])\s+|\n", text)
            if 12 <= len(s.strip()) <= 200 and not s.startswith(" date ")
        }
    )
    for name, text in [*ARTICLES.items(), DOCUMENT]
}
COUNTRIES = ("VN", "PH", "AU", "JP", "SG", "NZ", "MY", "PE", "CL", "CA", "GB", "US", "ID", "MX")
ZONES = ("Asia/Ho_Chi_Minh", "Asia/Manila", "Asia/Singapore", "Australia/Melbourne", "UTC")
ZONES += ("America/Lima", "Europe/London", "Pacific/Auckland", "America/St_Johns")
LEVEL_NAMES = ("public", "partners", "internal", "press", "ministry", "all")
TRICKY_TEXT = tuple(t for t in TRICKY if isinstance(t, str))
WORDS = ("CPTPP", "SOM1", "ASEAN", "Hà Nội", "Việt Nam", "APEC: Leaders' week", "Đà Nẵng", "x")

IDS = st.one_of(
    st.sampled_from(("cptpp", "asean", "apec", "som1", "mrt-2026", "x", "0", "a-b")),
    st.from_regex(r"[a-z0-9][a-z0-9-]{0,12}", fullmatch=True),
)
LINE = st.one_of(
    st.sampled_from(WORDS),  # mostly words (one choice each), so that a plan is quick to make
    st.sampled_from(WORDS),
    st.text(
        st.characters(codec="utf-8", categories=["L", "M", "N", "P", "S", "Zs"]),
        min_size=1,
        max_size=40,
    ).filter(str.strip),
)
LONG = st.one_of(LINE, st.lists(LINE, min_size=2, max_size=4).map("\n".join))
# Text no field takes: empty, blank, too long, multi-line where one line is wanted, invisible.
BAD_TEXT = st.one_of(
    st.sampled_from(("", " ", "\t", "\n", "a\nb", "x" * 301, "y" * 20_001, "\r\n", "\ud800")),
    st.sampled_from(TRICKY_TEXT),
    st.tuples(st.sampled_from(TRICKY_TEXT), LINE).map("".join),
    st.text(max_size=30),
)
# A value of the wrong type, or text no field takes.
BAD = st.one_of(
    BAD_TEXT,
    st.integers(-(10**20), 10**20),
    st.booleans(),
    st.none(),
    st.floats(),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=8), st.text(max_size=8), max_size=2),
    st.sampled_from((*REFUSED_DATES, *REFUSED_TIMES, *REFUSED_GAPS, *REFUSED_DERIVED)),
    st.sampled_from(REFUSED_CONSTRAINTS),
)


@dataclasses.dataclass
class Plan:
    """What one generated plan knows while it is made: its ids by model, its audiences."""

    ids: dict[str, list[str]]  # by model: the top-level entries', and the nested ones' to take
    levels: list[str]
    bad: int  # percent: how often a value is replaced by a bad one
    taken: dict[str, int] = dataclasses.field(default_factory=dict)
    top: frozenset[str] = frozenset()  # the models whose every id is an entry of the plan

    def take(self, kind: str, draw: st.DrawFn) -> str:
        """The next entry id of a model (a fresh one when the plan's are used up)."""
        pool = self.ids.setdefault(kind, [])
        n = self.taken.get(kind, 0)
        self.taken[kind] = n + 1
        if n >= len(pool):
            pool.append(draw(IDS))
        return pool[n]

    def every_id(self) -> list[str]:
        return sorted({i for ids in self.ids.values() for i in ids})


def _chance(draw: st.DrawFn, percent: int) -> bool:
    return percent > 0 and draw(st.integers(0, 99)) < percent


def _ref(draw: st.DrawFn, plan: Plan, kind: str) -> str:
    """An id of a `kind` entry: one the plan has, or (at the plan's bad rate) one it lacks."""
    known = plan.ids.get(kind, [])
    if kind not in plan.top:  # a nested entry (a deliverable, a track): one made already
        known = known[: plan.taken.get(kind, 0)]
    if not known or _chance(draw, plan.bad):
        return draw(IDS)
    return draw(st.sampled_from(known))


@st.composite
def window_text(draw: st.DrawFn, firm: bool = False) -> str:
    year = draw(st.sampled_from((2026, 2027, 2025, 2028, 2000, 2100)))
    day = draw(st.dates(dt.date(year, 1, 1), dt.date(year, 12, 31)))
    forms = ["day", "range"] if firm else ["day", "range", "month", "quarter", "half", "year"]
    forms += [] if firm else ["years", "months", "known"]
    match draw(st.sampled_from(forms)):
        case "day":
            return day.isoformat()
        case "range":
            last = min(day + dt.timedelta(days=draw(st.integers(0, 40))), dt.date(2100, 12, 31))
            return f"{day}{draw(st.sampled_from(['..', ' .. ']))}{last}"
        case "month":
            return f"{year}-{day.month:02d}"
        case "quarter":
            q = draw(st.integers(1, 4))
            return draw(st.sampled_from([f"{year}-Q{q}", f"Q{q} {year}"]))
        case "half":
            h = draw(st.integers(1, 2))
            return draw(st.sampled_from([f"{year}-H{h}", f"H{h} {year}"]))
        case "year":
            return str(year)
        case "years":
            return f"{year}..{min(2100, year + draw(st.integers(0, 3)))}"
        case "months":
            return f"{year}-{day.month:02d}..{year}-{draw(st.integers(day.month, 12)):02d}"
        case _:
            return draw(st.sampled_from(ACCEPTED_DATES))


@st.composite
def time_text(draw: st.DrawFn, after: dt.datetime | None = None) -> str:
    if after is None:
        day = draw(st.dates(dt.date(2025, 1, 1), dt.date(2028, 12, 31)))
        at = dt.datetime.combine(day, dt.time(draw(st.integers(0, 23)), draw(st.integers(0, 59))))
    else:
        at = after + dt.timedelta(minutes=draw(st.integers(0, 60 * 24 * 3)))
    sep = draw(st.sampled_from(["T", " "]))
    return at.strftime(f"%Y-%m-%d{sep}%H:%M")


@st.composite
def timed(draw: st.DrawFn, plan: Plan) -> dict[str, Any]:
    start = draw(st.sampled_from(ACCEPTED_TIMES)) if _chance(draw, 20) else draw(time_text())
    out: dict[str, Any] = {"start": start}
    if draw(st.booleans()):
        begun = dt.datetime.fromisoformat(start.replace(" ", "T"))
        out["end"] = draw(time_text(after=begun))
    if draw(st.integers(0, 9)) > 0:
        out["tz"] = draw(st.sampled_from(ZONES))
    return out


@st.composite
def offset_text(draw: st.DrawFn) -> str:
    sign = draw(st.sampled_from(["+ ", "- ", "+", "-"]))
    unit = draw(st.sampled_from(sorted(UNITS)))
    where = (
        f" in {draw(st.sampled_from(COUNTRIES))}"
        if UNITS[unit] == "wd" and _chance(draw, 30)
        else ""
    )
    return f"{sign}{draw(st.integers(0, 60))}{' ' if len(unit) > 2 else ''}{unit}{where}"


def _anchor(draw: st.DrawFn, plan: Plan, part: bool = True) -> str:
    """An event's start or end, or a deliverable's due day (at the bad rate, any part of any)."""
    kind = draw(st.sampled_from(["Event", "Deliverable"]))
    if not part:
        return _ref(draw, plan, kind)
    parts = ["start", "end"] if kind == "Event" else ["due"]
    if _chance(draw, plan.bad):
        parts = list(PARTS)
    return f"{_ref(draw, plan, kind)}.{draw(st.sampled_from(parts))}"


@st.composite
def derived(draw: st.DrawFn, plan: Plan, length: bool = True) -> str | dict[str, Any]:
    """A date counted from another entry, as the shorthand or the mapping."""
    anchor = _anchor(draw, plan)
    offsets = draw(st.lists(offset_text(), max_size=3))
    days = draw(st.integers(1, 20)) if length and _chance(draw, 30) else None
    if draw(st.booleans()):
        if _chance(draw, 10):
            return draw(st.sampled_from(ACCEPTED_DERIVED))
        return " ".join([anchor, *offsets, *([f"for {days}d"] if days else [])])
    out: dict[str, Any] = {"anchor": anchor}
    if offsets:
        out["offset"] = offsets[0] if len(offsets) == 1 and draw(st.booleans()) else offsets
    if days:
        out["length"] = f"{days}{draw(st.sampled_from(['d', ' days', 'w']))}"
    if _chance(draw, 30):
        out["roll"] = draw(st.sampled_from(typing.get_args(Roll)))
    return out


@st.composite
def constraint_text(draw: st.DrawFn, plan: Plan) -> str:
    target = _anchor(draw, plan, part=_chance(draw, 40))
    relation = draw(st.sampled_from(["before", "after"]))
    if draw(st.booleans()):
        return draw(st.sampled_from(ACCEPTED_CONSTRAINTS))
    if draw(st.booleans()):
        bound = draw(st.sampled_from(["at least", "at most"]))
        unit = draw(st.sampled_from(["d", "w", "m", "wd", "days", "weeks"]))
        return f"{bound} {draw(st.integers(0, 30))}{unit} {relation} {target}"
    return f"{relation} {target}"


@st.composite
def text_field(draw: st.DrawFn) -> str | dict[str, Any]:
    """A title or name: plain text (English), or {en:, vi:} with one or both."""
    if draw(st.booleans()):
        return draw(LINE)
    out = {lang: draw(LINE) for lang in ("en", "vi") if draw(st.booleans())}
    return out or {"vi": draw(LINE)}


@st.composite
def source(draw: st.DrawFn, plan: Plan) -> dict[str, Any]:
    """A citation: an article of seeds/ or the document, and words that are (mostly) in it."""
    out: dict[str, Any] = {}
    cited = draw(st.sampled_from([*sorted(ARTICLES), DOCUMENT[0]]))
    out["document" if cited == DOCUMENT[0] else "article"] = cited
    if _chance(draw, plan.bad):
        out[draw(st.sampled_from(["article", "document"]))] = draw(
            st.sampled_from(("../schedules/plan.yaml", "/etc/passwd", "missing.txt", "..", "."))
            | BAD_TEXT
        )
    quote = draw(st.sampled_from(QUOTES[cited]))
    if draw(st.booleans()):  # a part of a sentence, with spacing and quotes as a person types
        start = draw(st.integers(0, max(0, len(quote) - 12)))
        quote = quote[start : start + draw(st.integers(12, 120))]
        quote = quote.replace(" ", draw(st.sampled_from([" ", "  "]))).replace("’", "'")
    out["quote"] = quote.strip() or quote
    supports = typing.get_args(model.Field_)
    if draw(st.booleans()):  # what a quote supports is checked against the dates it says
        out["supports"] = draw(st.lists(st.sampled_from(supports), max_size=3))
    return out


def _with(draw: st.DrawFn, plan: Plan) -> list[str]:
    names = [*plan.every_id(), *COUNTRIES[:4], "ramadan"]
    return draw(st.lists(st.sampled_from(names), max_size=2))


# What a field's value is, beyond its type: by the validator its annotation carries.
def _str_kinds() -> dict[Callable[..., Any], Callable[[st.DrawFn, Plan], Any]]:
    return {
        model._one_line: lambda draw, plan: draw(LINE),
        model._long_text: lambda draw, plan: draw(LONG),
        model._url: lambda draw, plan: draw(
            st.sampled_from(["https://example.org/", "http://vn.example/a?b=c#d", "https://x.y"])
        ),
        model._country: lambda draw, plan: draw(st.sampled_from(COUNTRIES)),
        model._zone: lambda draw, plan: draw(st.sampled_from(ZONES)),
    }


STR_KINDS = _str_kinds()
# The model whose ids a reference names, by (model, key); other id fields name an audience level.
REFERENCES = {
    ("Event", "body"): "Body",
    ("Chairmanship", "body"): "Body",
    ("Priority", "body"): "Body",
    ("Blackout", "bodies"): "Body",
    ("Event", "priorities"): "Priority",
    ("Event", "resources"): "Resource",
    ("Deliverable", "events"): "Event",
    ("Event", "track"): "Track",
}
LEVEL_KEYS = {"audience", "default-audience", "audiences", "field-audiences"}
# In ten, how often an optional key is given (5 where not said): the keys that make a plan fail
# `check` most (an audience more public than its body's, a waiver of nothing), less often.
ODDS = {"audience": 2, "default-audience": 2, "field-audiences": 2, "redact": 2, "waive": 2}
ODDS |= {"constraints": 3, "sources": 3, "uid-key": 8}
# Keys whose value is made by hand, as (model, key) -> strategy of the plan.
RULE_LEVELS = st.one_of(
    st.just(dict.fromkeys(PLANNING_CODES, "off")),  # so that more plans pass check
    st.dictionaries(
        st.sampled_from(PLANNING_CODES),
        st.sampled_from(typing.get_args(model.RuleSeverity)),
        max_size=3,
    ),
)
SPECIAL: dict[tuple[str, str], Callable[[st.DrawFn, Plan], Any]] = {
    ("Settings", "rules"): lambda draw, plan: draw(RULE_LEVELS),
    ("BodySettings", "rules"): lambda draw, plan: draw(RULE_LEVELS),
    ("Chairmanship", "years"): lambda draw, plan: draw(
        st.sampled_from(["2026", "2027", "2024..2027", "2025..2026", "2000", "2100", "2099..2100"])
    ),
    ("Settings", "audiences"): lambda draw, plan: list(plan.levels),
    ("Waiver", "rule"): lambda draw, plan: draw(st.sampled_from(PLANNING_CODES)),
    ("Waiver", "with"): _with,
}


def _annotation(info: Any) -> Any:
    """A field's whole annotation, its metadata (validators, pattern) put back."""
    return typing.Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation


def _unwrap(annotation: Any) -> tuple[Any, list[Any]]:
    """The type under an Annotated, and every piece of metadata on the way (nested ones too)."""
    metadata: list[Any] = []
    while typing.get_origin(annotation) is typing.Annotated:
        metadata += annotation.__metadata__
        annotation = annotation.__origin__
    for meta in list(metadata):  # Field(pattern=...) inside Annotated carries its own metadata
        metadata += getattr(meta, "metadata", None) or []
    return annotation, metadata


def _union(annotation: Any) -> list[Any] | None:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return [a for a in typing.get_args(annotation) if a is not type(None)]
    return None


def _contains(annotation: Any, kind: type) -> bool:
    base, _ = _unwrap(annotation)
    if base is kind:
        return True
    return any(_contains(a, kind) for a in typing.get_args(base))


def value(draw: st.DrawFn, plan: Plan, annotation: Any, where: tuple[str, str]) -> Any:
    """A value for a field of this annotation (`where`: its model and key), mostly valid."""
    if _chance(draw, plan.bad):
        if where[1] == "id" and plan.every_id() and draw(st.booleans()):
            return draw(st.sampled_from(plan.every_id()))  # a duplicate id
        return draw(BAD)
    base, metadata = _unwrap(annotation)
    options = _union(base)
    if options is not None:
        if _contains(base, model.Timed):  # when:
            pick = draw(st.sampled_from(["window", "window", "timed", "derived"]))
            return {"window": lambda: draw(window_text()), "timed": lambda: draw(timed(plan))}.get(
                pick, lambda: draw(derived(plan))
            )()
        if _contains(base, model.Derived):  # due:
            return draw(window_text()) if draw(st.booleans()) else draw(derived(plan, False))
        return value(draw, plan, draw(st.sampled_from(options)), where)
    funcs = [
        getattr(m, "func", None)
        for m in metadata
        if isinstance(m, AfterValidator | BeforeValidator | PlainValidator)
    ]
    if base is str and any(getattr(m, "pattern", None) for m in metadata):
        if where[1] in LEVEL_KEYS or where == ("Settings", "field-audiences"):
            if draw(st.integers(0, 9)) < 7:  # the most private: never more public than its body
                return plan.levels[-1]
            return draw(st.sampled_from(plan.levels + ["nobody"] * (plan.bad > 0)))
        kind = REFERENCES.get(where)
        return _ref(draw, plan, kind) if kind else draw(IDS)
    for func in funcs:
        if func in STR_KINDS:
            return STR_KINDS[func](draw, plan)
    if base is model.Text:
        return draw(text_field())
    if base is Window:
        return draw(window_text(firm=model._firm_window in funcs))
    if base is dt.datetime:
        return draw(time_text())
    if base is dt.timedelta:
        return draw(st.sampled_from(ACCEPTED_GAPS))
    if base is Constraint:
        return draw(constraint_text(plan))
    if base is Anchor:
        return _anchor(draw, plan)
    if base is Offset:
        return draw(offset_text())
    if base is int:
        return f"{draw(st.integers(1, 14))}d"
    if base is model.Source:
        return draw(source(plan))
    if typing.get_origin(base) is typing.Literal:
        return str(draw(st.sampled_from(typing.get_args(base))))
    if typing.get_origin(base) is list:
        (inner,) = typing.get_args(base)
        n = draw(st.integers(0, 3))
        return [value(draw, plan, inner, where) for _ in range(n)]
    if typing.get_origin(base) is dict:
        key_type, value_type = typing.get_args(base)
        n = draw(st.integers(0, 3))
        if where == ("Settings", "bodies"):
            return {
                _ref(draw, plan, "Body"): value(draw, plan, value_type, where) for _ in range(n)
            }
        return {
            str(value(draw, plan, key_type, where)): value(draw, plan, value_type, where)
            for _ in range(n)
        }
    if model.is_model(base):
        return draw(entry(base, plan))
    if base is str:
        return draw(LINE)
    return draw(BAD)  # a type this generator does not know yet: anything


@st.composite
def entry(draw: st.DrawFn, cls: type, plan: Plan) -> dict[str, Any]:
    """A mapping for model `cls`: every required key, some optional ones, at the plan's bad
    rate a required key left out or an unknown key added."""
    out: dict[str, Any] = {}
    known = model.fields(cls)
    for key, info in known.items():
        if not info.is_required() and draw(st.integers(0, 9)) >= ODDS.get(key, 5):
            continue
        where = (cls.__name__, key)
        if key == "id" and not _chance(draw, plan.bad):
            out[key] = plan.take(cls.__name__, draw)
        elif where in SPECIAL and not _chance(draw, plan.bad):
            out[key] = SPECIAL[where](draw, plan)
        else:
            out[key] = value(draw, plan, _annotation(info), where)
    if out and _chance(draw, plan.bad):
        del out[draw(st.sampled_from(sorted(out)))]
    if _chance(draw, plan.bad):
        near = draw(st.sampled_from(sorted(known) or ["x"]))
        typo = draw(
            st.sampled_from([near + "s", near.upper(), near.replace("-", "_"), "x-" + near])
        )
        out[typo if typo not in known else "unknown"] = draw(LINE | BAD)
    return out


class _Dumper(yaml.SafeDumper):
    """YAML of the data as it is: no anchors for a value that appears twice (the reader refuses
    them; tests/fuzz/fuzz_loader.py tries them)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


@dataclasses.dataclass(frozen=True)
class Options:
    """How the commands run on a plan: the language and the audience of the outputs."""

    lang: str = "en"
    audience: int = 0  # 0: the default (most private); 1: every level (build); n: level n - 2

    def as_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), sort_keys=True)


@st.composite
def plans(draw: st.DrawFn) -> tuple[dict[str, bytes], Options]:
    """A plan folder's schedule files (name -> bytes) and the options to run the commands with."""
    bad = draw(st.sampled_from([0, 0, 3, 15]))
    custom = draw(st.booleans())
    levels = list(model.DEFAULT_AUDIENCES)
    if custom:
        levels = draw(
            st.lists(st.sampled_from(LEVEL_NAMES[:-1]) | IDS, min_size=1, max_size=4, unique=True)
        )
    top = {key: _unwrap(info.annotation)[0] for key, info in model.fields(model.PlanFile).items()}
    kinds = {key: typing.get_args(t)[0] for key, t in top.items() if typing.get_origin(t) is list}
    plan = Plan(ids={}, levels=levels, bad=bad, top=frozenset(c.__name__ for c in kinds.values()))
    used: set[str] = set()
    for kind in sorted({*plan.top, "Deliverable", "Track"}):  # distinct ids (but at the bad rate)
        wanted = draw(st.lists(IDS, min_size=kind == "Body", max_size=4, unique=True))
        plan.ids[kind] = [i for i in wanted if i not in used or _chance(draw, plan.bad)]
        used.update(plan.ids[kind])
    names = FILE_NAMES[: draw(st.integers(1, len(FILE_NAMES)))]
    files: list[dict[str, Any]] = [{} for _ in names]
    for key in model.fields(model.PlanFile):
        if key == "settings":
            if custom or draw(st.booleans()):
                files[0][key] = draw(entry(model.Settings, plan))
                if custom:
                    files[0][key]["audiences"] = levels
                if _chance(draw, plan.bad) and len(files) > 1:
                    files[1][key] = draw(entry(model.Settings, plan))  # a second settings:
            continue
        cls = kinds[key]
        for _ in range(len(plan.ids[cls.__name__]) + _chance(draw, plan.bad)):
            where = draw(st.integers(0, len(files) - 1))
            files[where].setdefault(key, []).append(draw(entry(cls, plan)))
    if _chance(draw, plan.bad):
        files[draw(st.integers(0, len(files) - 1))] = draw(BAD)  # no mapping at the top
    style = {
        "allow_unicode": draw(st.booleans()),
        "default_flow_style": draw(st.sampled_from([False, None, True])),
        "width": draw(st.sampled_from([80, 10**6, 24])),
        "indent": draw(st.sampled_from([2, 4])),
        "explicit_start": draw(st.booleans()),
        "sort_keys": False,
    }
    written = {
        name: yaml.dump(data, Dumper=_Dumper, **style).encode("utf-8", "surrogatepass")
        for name, data in zip(names, files, strict=True)
    }
    options = Options(draw(st.sampled_from(["en", "vi"])), draw(st.integers(0, 4)))
    return written, options


# --- the pipeline and its property ----------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str


@functools.cache
def _command() -> Any:
    return typer.main.get_command(app)


def chairplan(root: Path, *args: str) -> Run:
    """`chairplan --debug ARGS` on the plan at `root`, in this process; an internal error raises."""
    # CliRunner makes the click command of the app at every call, which costs more than most
    # commands take: it is made once.
    with mock.patch.object(typer.testing, "_get_command", lambda _app: _command()):
        result = CliRunner().invoke(
            app,
            ["--debug", *args],
            env={"CHAIRPLAN_ROOT": str(root), "CHAIRPLAN_AS_OF": AS_OF, "SOURCE_DATE_EPOCH": EPOCH},
            catch_exceptions=False,
            prog_name="chairplan",
        )
    if result.exit_code != 0:
        assert isinstance(result.exception, SystemExit), (args, result.exception)
    assert "internal error" not in result.stderr, (args, result.stderr)
    return Run(result.exit_code, result.stdout, result.stderr)


def _located(problem: dict[str, Any], files: dict[str, bytes]) -> None:
    """A problem points at a line and column that exist in one of the plan's files."""
    name = str(problem["file"]).removeprefix("schedules/")
    assert name in files, f"a problem in a file the plan does not have: {problem}"
    lines = files[name].decode("utf-8", "replace").removeprefix("\ufeff").split("\n")
    line, column = problem["line"], problem["column"]
    assert 1 <= line <= len(lines), f"line out of the file ({len(lines)} lines): {problem}"
    assert 1 <= column <= len(lines[line - 1]) + 1, f"column out of the line: {problem}"
    assert problem["message"].strip(), problem


def _refused(run: Run, what: str) -> None:
    """A command that refuses the plan: exit 1 and a located problem on stderr."""
    assert run.code == 1, f"{what}: exit {run.code} on a plan check refuses\n{run.stderr}"
    assert LOCATED.search(run.stderr), f"{what}: no file:line:column on stderr\n{run.stderr}"


def _feeds_parse(folder: Path) -> None:
    from icalendar import Calendar

    for path in sorted(folder.rglob("*.ics")):
        Calendar.from_ical(path.read_bytes())
    for path in sorted(folder.rglob("*.json")):
        json.loads(path.read_text(encoding="utf-8"))


def exercise(files: dict[str, bytes], options: Options) -> None:
    """Every command on the plan of `files`; assert the property (see the module's docstring)."""
    with tempfile.TemporaryDirectory(prefix="chairplan-fuzz-plan-") as tmp:
        root = Path(tmp) / "plan"
        shutil.copytree(SEEDS, root / "seeds")
        (root / "documents").mkdir()
        (root / "documents" / DOCUMENT[0]).write_text(DOCUMENT[1], encoding="utf-8")
        for name, data in files.items():
            path = root / "schedules" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        checked = chairplan(root, "check", "--format", "json")
        report = json.loads(checked.stdout)
        assert checked.code in (0, 1) and report["ok"] == (checked.code == 0), checked
        for problem in report["problems"]:
            _located(problem, files)
        assert checked.code == 0 or any(p["severity"] == "error" for p in report["problems"])
        text = chairplan(root, "check")
        assert text.code == checked.code, (text, checked)
        for p in report["problems"]:  # the text says each problem the JSON does
            said = one_line(
                f"{p['file']}:{p['line']}:{p['column']}: {p['severity']}: {p['message']}"
            )
            assert said in text.stdout, (said, text.stdout)  # one line each, line breaks escaped
        status = chairplan(root, "status", "--format", "json")
        if status.code == 0:
            json.loads(status.stdout)
        else:
            _refused(status, "status")
        if checked.code:
            _refused(chairplan(root, "build", "--out", str(Path(tmp) / "site")), "build")
            _refused(chairplan(root, "ics"), "ics")
            return
        from chairplan.plan.read import read_plan

        loaded = read_plan(root).plan
        levels = loaded.settings.audiences
        audience = ["--audience", levels[(options.audience - 2) % len(levels)]]
        audience = {0: [], 1: ["--audience", "all"]}.get(options.audience, audience)
        lang = ["--lang", options.lang]
        out = Path(tmp) / "site"
        built = chairplan(root, "build", "--out", str(out), *lang, *audience)
        assert built.code == 0, built
        _feeds_parse(out)
        one = [] if audience[1:] == ["all"] else audience
        feed = chairplan(root, "ics", *lang, *one)
        assert feed.code == 0, feed
        from icalendar import Calendar

        Calendar.from_ical(feed.stdout)
        for args in (
            ["status", "--format", "json", *one],
            ["status", *one],
            ["status", "--format", "markdown"],
        ):
            shown = chairplan(root, *args)
            assert shown.code == 0, (args, shown)
        for entry_id in [e.id for e in loaded.events[:2]] + [d.id for d in loaded.deliverables[:1]]:
            explained = chairplan(root, "explain", entry_id, "--format", "json")
            if explained.code == 0:
                json.loads(explained.stdout)
            else:  # a deliverable without due: has nothing to explain, and says so
                assert explained.code == 1 and explained.stderr.strip(), explained


# --- findings: saved, and read back ----------------------------------------------------------------

FILE_MARK = b"# file: "


def dump_finding(files: dict[str, bytes], options: Options, error: BaseException) -> bytes:
    """One file holding a failing plan: its options and each schedule, after a `# file:` line.

    A plan of one file is that file with comments above it, so the loader replays it as it is.
    """
    said = traceback.format_exception_only(type(error), error)[-1].strip().splitlines()[0]
    head = [
        "# A plan on which chairplan broke, found by tests/fuzz/fuzz_plans.py:",
        f"# {said[:200]}",
        "# Replayed by tests/test_structured_fuzz.py (every command) and test_fuzz_regressions.py.",
        f"# options: {options.as_json()}",
    ]
    out = "\n".join(head).encode("utf-8", "backslashreplace") + b"\n"
    for name, data in files.items():
        out += FILE_MARK + name.encode() + b"\n" + data + (b"" if data.endswith(b"\n") else b"\n")
    return out


def read_finding(data: bytes) -> tuple[dict[str, bytes], Options]:
    """The plan and options `dump_finding` wrote."""
    options = Options()
    found = re.search(rb"^# options: (.*)$", data, re.M)
    if found:
        options = Options(**json.loads(found.group(1)))
    files: dict[str, bytes] = {}
    parts = re.split(rb"^" + re.escape(FILE_MARK) + rb"(.*)\n", data, flags=re.M)
    for name, body in zip(parts[1::2], parts[2::2], strict=True):
        files[name.decode()] = body
    return files, options


def save_finding(files: dict[str, bytes], options: Options, error: BaseException) -> Path:
    data = dump_finding(files, options, error)
    path = REGRESSIONS / f"plan-{hashlib.sha1(data).hexdigest()[:16]}.yaml"
    path.write_bytes(data)
    return path


# --- bugs found and not fixed yet ----------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class KnownBug:
    """A bug this fuzzer found, by where it raises, with plans that reproduce it.

    tests/test_structured_fuzz.py runs each reproduction as a strict xfail: the day the bug is
    fixed it passes, fails the suite, and its entry here is deleted. Until then the fuzzers count
    a plan that raises it as known, so they go on looking for new ones.
    """

    name: str
    summary: str
    raises: tuple[tuple[type[BaseException], str, str], ...]  # (error, file, function)
    reproductions: tuple[str, ...]  # a schedule file each (bodies, priorities, events ...)

    def matches(self, error: BaseException) -> bool:
        """Whether `error` is this bug: its type, and the innermost frame of chairplan's code."""
        ours = [
            f for f in traceback.extract_tb(error.__traceback__) if f.filename.startswith(PACKAGE)
        ]
        return bool(ours) and any(
            isinstance(error, kind)
            and Path(ours[-1].filename).as_posix().endswith(file)
            and ours[-1].name == function
            for kind, file, function in self.raises
        )


_PRIORITY = (
    "bodies:\n  - {id: b, short: B, name: B}\npriorities:\n  - id: p\n    title: P\n    body: b\n"
)
# Bugs found and fixed since: their plans go on being exercised (tests/test_structured_fuzz.py).
FIXED_BUGS: tuple[KnownBug, ...] = (
    KnownBug(
        "derived-date-from-a-refused-anchor",
        "resolve() counts a derived date whose own anchor was refused (unknown, or a deliverable "
        "without due:) when another derived date is counted from it: the refused node is left out "
        "of the graph's keys but stays in static_order() as a predecessor, and is then resolved",
        (
            (KeyError, "chairplan/plan/resolve.py", "resolve"),
            (AssertionError, "chairplan/plan/resolve.py", "_window"),
        ),
        (
            _PRIORITY
            + "    deliverables:\n      - {id: d1, title: D1, due: nowhere.due}\n"
            + "      - {id: d2, title: D2, due: d1.due}\n",
            _PRIORITY
            + "    deliverables:\n      - {id: d0, title: D0}\n"
            + "      - {id: d1, title: D1, due: d0.due}\n      - {id: d2, title: D2, due: d1.due}\n",
        ),
    ),
    KnownBug(
        "overlong-zone-name",
        "geo.is_zone() asks the file system for a zone file named as written: a name of 256 "
        "characters (or a path longer than PATH_MAX) makes Path.is_file() raise OSError "
        "ENAMETOOLONG, which pydantic does not turn into a validation error, so even the loader "
        "(load_bytes) raises it; any tz: or timezone: field",
        ((OSError, "chairplan/geo.py", "is_zone"),),
        (
            "bodies:\n  - {id: b, short: B, name: B}\nevents:\n"
            "  - {id: e, title: E, when: 2026-03-10, body: b, where: {tz: " + "x" * 256 + "}}\n",
        ),
    ),
)
KNOWN_BUGS: tuple[KnownBug, ...] = ()  # none open: a new one goes here until it is fixed
_KNOWN_HIT: set[str] = set()


def known_bug(error: BaseException) -> KnownBug | None:
    return next((bug for bug in KNOWN_BUGS if bug.matches(error)), None)


# --- drivers --------------------------------------------------------------------------------------

SEEDS_IN_CORPUS = 24


def _report(files: dict[str, bytes], options: Options, error: BaseException) -> None:
    """Save a failing plan, show it and the traceback, end with where it is: and stop (the
    last lines are what CI shows: .ci/run keeps the tail of the output)."""
    path = save_finding(files, options, error)
    rel = path.relative_to(REPO)
    sys.stderr.write(path.read_bytes().decode("utf-8", "replace") + "\n")
    traceback.print_exception(error, file=sys.stderr)
    said = traceback.format_exception_only(type(error), error)[-1].strip().splitlines()[0]
    print(f"=== chairplan broke on a generated plan: {said[:300]}", file=sys.stderr)
    print(f"=== saved to {rel}, shown above", file=sys.stderr)
    print(
        f"=== replay: python -m pytest -n 0 tests/test_structured_fuzz.py -k {path.stem}",
        file=sys.stderr,
    )
    sys.stderr.flush()
    sys.stdout.flush()
    os._exit(1)


@given(plans())
@settings(
    database=None, deadline=None, phases=[Phase.generate], suppress_health_check=list(HealthCheck)
)
def fuzz_one(generated: tuple[dict[str, bytes], Options]) -> None:
    """One plan of the fuzzer: a new finding is saved and ends the run; a known bug is noted."""
    files, options = generated
    try:
        exercise(files, options)
    except Exception as exc:
        bug = known_bug(exc)
        if bug is None:
            _report(files, options, exc)
        elif bug.name not in _KNOWN_HIT:  # found before: its reproductions are strict xfails
            _KNOWN_HIT.add(bug.name)
            print(f"known bug {bug.name} met (not a new finding)", file=sys.stderr)


def _instrument_chairplan() -> None:
    """Atheris coverage for chairplan's own code only (not pydantic's, nor hypothesis')."""
    import gc

    import atheris

    patched: dict[types.CodeType, types.CodeType] = {}
    for obj in gc.get_objects():
        if isinstance(obj, types.FunctionType) and str(obj.__module__).startswith("chairplan"):
            code = obj.__code__
            if code not in patched:
                patched[code] = atheris.patch_code(code, True, True)
            with contextlib.suppress(AttributeError, TypeError, ValueError):
                obj.__code__ = patched[code]


def _warm_up() -> None:
    """Every command once on the bundled plan: so every module they import lazily is loaded
    (and instrumented), and the fuzzer's first plans do not pay for the imports."""
    bundled = {p.name: p.read_bytes() for p in sorted((REPO / "schedules").glob("*.yaml"))}
    exercise(bundled, Options())


def _budget(argv: list[str]) -> float:
    found = [a for a in argv if a.startswith("-max_total_time=")]
    return float(found[-1].split("=", 1)[1]) if found else 30.0


def main() -> None:
    _warm_up()
    try:
        import atheris
    except ImportError:  # the same plans from random choices, for the same time
        budget, started, runs = _budget(sys.argv), time.monotonic(), 0
        print(f"no atheris: plans of random choices for {budget:.0f} s", file=sys.stderr)
        while time.monotonic() - started < budget:
            fuzz_one.hypothesis.fuzz_one_input(os.urandom(4096))
            runs += 1
        print(f"{runs} plans, no new finding", file=sys.stderr)
        return
    _instrument_chairplan()
    # libFuzzer's bytes are hypothesis' choices: a plan takes 400 to 3,000 of them, and fewer
    # make none. The corpus starts from random choices, long enough for any plan, and libFuzzer
    # may mutate them to any length from the start (-len_control=0).
    corpus = Path(tempfile.mkdtemp(prefix="chairplan-fuzz-plans-"))
    for i in range(SEEDS_IN_CORPUS):
        (corpus / f"random-{i}").write_bytes(os.urandom(4096))
    argv = [
        sys.argv[0],
        *sys.argv[1:],
        f"-artifact_prefix={corpus}/",  # choices, not a plan: the plan is saved in regressions/
        "-max_len=8192",
        "-len_control=0",
        str(corpus),
    ]
    atheris.Setup(argv, lambda data: fuzz_one.hypothesis.fuzz_one_input(data) and None)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
