"""Dates written relative to another entry, and lead-time constraints: their written forms.

A derived date names an anchor (an entry's start, end or due day), then offsets, then a length:

    cptpp-mrt-2026.start - 6w            six weeks before the Ministers' meeting starts
    cptpp-som1-2026.start - 10wd         ten working days before SOM1 (its host's calendar)
    cptpp-som1-2026.end + 2wd in VN      two working days after, by Viet Nam's calendar
    apec-som1-2027.start - 1m for 3d     a three-day meeting a month before

A constraint says how an entry must stand to another, and is checked, never applied:

    at least 8w before apec-leaders-2027
    after cptpp-som1-2026

Only the text is read here; the arithmetic, which needs the plan and its calendars, is in
`plan/resolve.py`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from .dates import Window

__all__ = [
    "PARTS",
    "UNITS",
    "Anchor",
    "Constraint",
    "Derivation",
    "Offset",
    "Part",
    "Roll",
    "Step",
    "Unit",
    "looks_relative",
    "parse_anchor",
    "parse_constraint",
    "parse_length",
    "parse_offset",
    "parse_shorthand",
]

Part = Literal["start", "end", "due"]
Unit = Literal["d", "w", "m", "wd"]
Roll = Literal["previous", "next", "none"]
PARTS: tuple[Part, ...] = ("start", "end", "due")
UNITS: dict[str, Unit] = {
    "d": "d", "day": "d", "days": "d",
    "w": "w", "week": "w", "weeks": "w",
    "m": "m", "month": "m", "months": "m",
    "wd": "wd", "working day": "wd", "working days": "wd",
}  # fmt: skip
_WORDS = {"d": ("day", "days"), "w": ("week", "weeks"), "m": ("month", "months")}
_WORDS["wd"] = ("working day", "working days")
_WORDS_VI = {"d": "ngày", "w": "tuần", "m": "tháng", "wd": "ngày làm việc"}
_PART_WORDS = {
    "en": {"start": "the start of", "end": "the end of", "due": "the due date of"},
    "vi": {"start": "ngày bắt đầu", "end": "ngày kết thúc", "due": "hạn của"},
}
_ID = r"[a-z0-9][a-z0-9-]{0,63}"
_UNIT = r"working\s+days?|wd|days?|d|weeks?|w|months?|m"
_AMOUNT = rf"(?P<n>\d{{1,4}})\s*(?P<unit>{_UNIT})\b(?:\s+in\s+(?P<country>[A-Za-z]{{2}})\b)?"
_OFFSET = re.compile(rf"(?P<sign>[+-])?\s*{_AMOUNT}")
_ANCHOR = re.compile(rf"(?P<id>{_ID})\.(?P<part>[A-Za-z][\w-]*)")
_LENGTH = re.compile(r"for\s+(?P<n>\d{1,4})\s*(?P<unit>days?|d|weeks?|w)\b")
_CONSTRAINT = re.compile(
    rf"(?:(?P<bound>at\s+least|at\s+most)\s+{_AMOUNT}\s+)?(?P<relation>before|after)\s+"
    rf"(?P<target>{_ID}(?:\.[A-Za-z][\w-]*)?)"
)
FORMS = (
    "write it as ENTRY.start, ENTRY.end or ENTRY.due, then offsets and a length, e.g. "
    "'cptpp-mrt-2026.start - 6w', 'cptpp-som1-2026.start - 10wd', 'x.end + 1d for 3d'"
)


def looks_relative(text: str) -> bool:
    """True when a `when:` or `due:` text names an entry (`id.start`): no date has a lone dot
    before a letter (a range is `..`)."""
    return re.search(r"(?<!\.)\.(?!\.)[A-Za-z]", text) is not None


@dataclass(frozen=True, slots=True)
class Anchor:
    """The day of another entry a date is counted from: its start, end or due day."""

    id: str
    part: Part

    def __str__(self) -> str:
        return f"{self.id}.{self.part}"


@dataclass(frozen=True, slots=True)
class Offset:
    """A signed amount of days, weeks, months or working days (of `country`, when named)."""

    amount: int  # negative: before the anchor
    unit: Unit
    country: str | None = None

    def __str__(self) -> str:
        sign = "-" if self.amount < 0 else "+"
        where = f" in {self.country}" if self.country else ""
        return f"{sign} {abs(self.amount)}{self.unit}{where}"

    def words(self, lang: str = "en") -> str:
        """'6 weeks', '1 working day in VN' ('6 tuần' in Vietnamese)."""
        n = abs(self.amount)
        if lang == "vi":
            return f"{n} {_WORDS_VI[self.unit]}{f' ({self.country})' if self.country else ''}"
        one, many = _WORDS[self.unit]
        return f"{n} {one if n == 1 else many}{f' in {self.country}' if self.country else ''}"


@dataclass(frozen=True, slots=True)
class Step:
    """One step of a derivation, the window after it, and the public holidays it passed over
    (day and English name: the working days counted around them, or the day moved off one)."""

    text: str
    window: Window
    skipped: tuple[tuple[dt.date, str], ...] = ()
    how: str = "passes over"  # how the step stands to those holidays


@dataclass(frozen=True, slots=True)
class Derivation:
    """How a derived `when:` or `due:` was resolved: the formula, each step, the window."""

    entry: str
    key: Literal["when", "due"]
    formula: str  # the shorthand of what the plan says
    anchor: Anchor
    offsets: tuple[Offset, ...]
    length: int | None
    steps: tuple[Step, ...]
    window: Window

    def words(self, anchor_name: str, lang: str = "en") -> str:
        """The formula read aloud: '6 weeks before the start of CPTPP Ministers' Meeting'."""
        where = f"{_PART_WORDS[lang][self.anchor.part]} {anchor_name}"
        signs = {o.amount < 0 for o in self.offsets if o.amount}
        if len(signs) > 1:
            said = f"{where} {' '.join(map(str, self.offsets))}"
        elif signs:
            joined = (" và " if lang == "vi" else " and ").join(
                o.words(lang) for o in self.offsets if o.amount
            )
            side = {True: ("before", "trước"), False: ("after", "sau")}[signs.pop()]
            said = f"{joined} {side[lang == 'vi']} {where}"
        else:
            said = where
        if self.length:
            n = self.length
            said += f", {n} ngày" if lang == "vi" else f", for {n} day{'' if n == 1 else 's'}"
        return said


@dataclass(frozen=True, slots=True)
class Constraint:
    """How an entry must stand to another: before or after it, by at least or at most a gap."""

    relation: Literal["before", "after"]
    target: str
    part: Part | None = None  # None: the target's start for "before", its end for "after"
    bound: Literal["at least", "at most"] | None = None
    gap: Offset | None = None  # a positive amount, with its bound

    def __str__(self) -> str:
        gap = f"{self.bound} {abs(self.gap.amount)}{self.gap.unit} " if self.gap else ""
        where = f" in {self.gap.country}" if self.gap and self.gap.country else ""
        part = f".{self.part}" if self.part else ""
        return f"{gap.rstrip()}{where} {self.relation} {self.target}{part}".strip()


def _part(text: str) -> Part:
    if text not in PARTS:
        near = next((p for p in PARTS if p.startswith(text[:1].lower())), None)
        hint = f"did you mean '.{near}'?" if near else "write .start, .end or .due"
        raise ValueError(f"'.{text}' is not a day of an entry — {hint}")
    return text


def parse_anchor(text: str) -> Anchor:
    """'cptpp-mrt-2026.start' -> Anchor('cptpp-mrt-2026', 'start')."""
    m = _ANCHOR.fullmatch(text.strip())
    if not m:
        raise ValueError(f"'{text}' is not an anchor; {FORMS}")
    return Anchor(m["id"], _part(m["part"]))


def _offset(m: re.Match[str], sign: str | None) -> Offset:
    n = int(m["n"])
    unit = UNITS[re.sub(r"\s+", " ", m["unit"])]
    country = m["country"]
    if country is not None and country != country.upper():
        raise ValueError(f"'{country}' is not a country code; write two capitals, e.g. VN")
    if country is not None and unit != "wd":
        raise ValueError(
            f"'in {country}' names the calendar of working days; it goes with wd, not {unit}"
        )
    return Offset(-n if sign == "-" else n, unit, country)


def parse_offset(text: str) -> Offset:
    """'-6w', '+ 10 working days in VN', '3d' (a plus sign may be left out)."""
    m = _OFFSET.fullmatch(text.strip())
    if not m:
        raise ValueError(
            f"'{text}' is not an offset; write a sign, a number and d, w, m or wd, "
            "e.g. -6w or +10wd in VN"
        )
    return _offset(m, m["sign"])


def parse_length(text: str) -> int:
    """A derived event's length in days: '3d', '2w', '3 days'."""
    m = re.fullmatch(r"(?P<n>\d{1,4})\s*(?P<unit>days?|d|weeks?|w)", text.strip())
    if not m or int(m["n"]) == 0:
        raise ValueError(f"'{text}' is not a length; write days or weeks, e.g. 3d or 1w")
    return int(m["n"]) * (7 if m["unit"].startswith("w") else 1)


def parse_shorthand(text: str) -> dict[str, object]:
    """The shorthand as the mapping form's fields: anchor, offset (a list) and length.

    >>> parse_shorthand("cptpp-mrt-2026.start - 6w for 2d")
    {'anchor': Anchor(id='cptpp-mrt-2026', part='start'), 'offset': [Offset(amount=-6, unit='w', country=None)], 'length': 2}
    """
    rest = text.strip()
    m = _ANCHOR.match(rest)
    if not m:
        raise ValueError(f"'{text}' is not a derived date; {FORMS}")
    found: dict[str, object] = {"anchor": Anchor(m["id"], _part(m["part"]))}
    offsets: list[Offset] = []
    rest = rest[m.end() :].strip()
    while rest[:1] in ("+", "-"):
        m = _OFFSET.match(rest)
        if not m or not m["sign"]:
            raise ValueError(
                f"after '{rest[:1]}' write a number and d, w, m or wd (e.g. {rest[:1]} 6w), "
                f"not '{rest[1:].strip()}'"
            )
        offsets.append(_offset(m, m["sign"]))
        rest = rest[m.end() :].strip()
    found["offset"] = offsets
    if rest.startswith("for"):
        m = _LENGTH.match(rest)
        if not m:
            raise ValueError(f"'{rest}' is not a length; write 'for 3d' or 'for 1w'")
        found["length"] = parse_length(f"{m['n']}{m['unit']}")
        rest = rest[m.end() :].strip()
    if rest:
        raise ValueError(
            f"'{rest}' is not understood in '{text.strip()}'; after the anchor come offsets "
            "(- 6w, + 10wd, + 2wd in VN) and a length (for 3d)"
        )
    return found


def parse_constraint(text: str) -> Constraint:
    """'at least 8w before apec-leaders-2027', 'after cptpp-som1-2026.end'."""
    m = _CONSTRAINT.fullmatch(re.sub(r"\s+", " ", text.strip()))
    if not m:
        raise ValueError(
            f"'{text}' is not a constraint; write 'before ID', 'after ID', or "
            "'at least 8w before ID', 'at most 10wd after ID'"
        )
    target, _, part = m["target"].partition(".")
    gap = _offset(m, "+") if m["bound"] else None
    bound = m["bound"]
    return Constraint(
        m["relation"],  # type: ignore[arg-type]  # the pattern allows only these two
        target,
        _part(part) if part else None,
        bound,  # type: ignore[arg-type]  # the pattern allows only these two
        gap,
    )
