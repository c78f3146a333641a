"""Recognise calendar date mentions in English and Vietnamese news text."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .anchor import Anchor, Unanchored
from .furniture import HEADER, furniture_spans, publication_anchor
from .language import detect_language
from .names import in_name
from .rules import RULES
from .scan import scanner
from .values import Builder, Part

__all__ = [
    "HEADER",
    "Anchor",
    "Mention",
    "Unresolved",
    "detect_language",
    "find_mentions",
    "publication_anchor",
    "publication_date",
    "read_mentions",
]


@dataclass(frozen=True)
class Mention:
    """One date mention: the words as written, where they start and the calendar value."""

    text: str
    start: int
    value: str
    kind: str
    in_name: bool = False
    anchor: str = "explicit"


@dataclass(frozen=True)
class Unresolved:
    """A relative date the publication date, as far as it is known, cannot place: its words,
    where they start, and the part of the publication date it needs ("year", "month", "day")."""

    text: str
    start: int
    needs: str


# A candidate: the span a match claims, its rule's rank, the match and the rule's builder.
Candidate = tuple[int, int, int, re.Match[str], Builder]


def _mentions(text: str, parts: list[Part]) -> list[Mention]:
    mentions = []
    for start, end, (value, kind, anchor) in parts:
        named = kind in {"year", "yearrange"} and anchor == "explicit" and in_name(text, start, end)
        mentions.append(Mention(text[start:end], start, value, kind, named, anchor))
    return mentions


def _candidates(text: str) -> Iterator[Candidate]:
    finditer = scanner(text)  # the patterns' matches, found quickly
    for order, (pattern, build) in enumerate(RULES):
        for found in finditer(pattern):
            yield found.start(), found.end(), order, found, build


def read_mentions(
    text: str, published: dt.date | Anchor | None
) -> tuple[list[Mention], list[Unresolved]]:
    """The date mentions of an article, and the relative ones its publication date (a day, or an
    Anchor that may know only the month or year) cannot place; each sorted by position.

    Longer matches win, and none overlaps the header, a stamp or a dateline; a relative one that
    cannot be placed gives way to any mention it overlaps, so a missing date never hides one. A
    match is read only once no longer one has taken its place."""
    anchor = Anchor.of(published)
    ranked = sorted(_candidates(text), key=lambda c: (c[0] - c[1], c[2], c[0]))
    claimed = bytearray(len(text))  # one flag per character: overlap checks stay linear
    for start, end in furniture_spans(text):
        claimed[start:end] = b"\x01" * (end - start)
    taken: list[Mention] = []
    waiting: list[tuple[int, int, Unresolved]] = []
    for start, end, _, found, build in ranked:
        if claimed.find(1, start, end) >= 0:
            continue
        words = found.span("m")
        try:
            resolved = build(found, anchor)
        except Unanchored as missing:
            unplaced = Unresolved(text[words[0] : words[1]], words[0], missing.part)
            waiting.append((start, end, unplaced))
            continue
        if resolved is not None:
            claimed[start:end] = b"\x01" * (end - start)
            parts = resolved if isinstance(resolved, list) else [(*words, resolved)]
            taken += _mentions(text, parts)
    unresolved: list[Unresolved] = []
    for start, end, unplaced in waiting:
        if claimed.find(1, start, end) < 0:
            claimed[start:end] = b"\x01" * (end - start)
            unresolved.append(unplaced)
    return sorted(taken, key=lambda m: m.start), sorted(unresolved, key=lambda u: u.start)


def find_mentions(text: str, published: dt.date | Anchor | None) -> list[Mention]:
    """All date mentions in an article, sorted by position; relative ones need `published`."""
    return read_mentions(text, published)[0]


def publication_date(text: str) -> dt.date | None:
    """The day of publication: the " date YYYY-MM-DD" header, else the first page stamp's, else
    a dateline's day in the header's month (see `publication_anchor`)."""
    return publication_anchor(text).date


def scorer_value(mention: Mention) -> str:
    """The mention's value in the gold guide's forms (days, months, quarters, years and ranges of
    them): a half year, "2026-H1" here, is the range of its months there, "2026-01/2026-06"."""
    if mention.kind != "half":
        return mention.value
    year, half = mention.value.split("-H")
    first = 1 if half == "1" else 7
    return f"{year}-{first:02d}/{year}-{first + 5:02d}"


def mention_records(file: str, mentions: Iterable[Mention]) -> list[dict[str, object]]:
    """Mentions in the temporal scorer's prediction format."""
    records: list[dict[str, object]] = []
    for m in mentions:
        record: dict[str, object] = {
            "file": file,
            "text": m.text,
            "start": m.start,
            "value": scorer_value(m),
            "kind": m.kind,
            "anchor": m.anchor,
        }
        if m.in_name:
            record["in_name"] = True
        records.append(record)
    return records


def mentions_as_jsonl(file: str, mentions: Iterable[Mention]) -> str:
    """Mentions as scorer prediction lines, one JSON object per line."""
    records = mention_records(file, mentions)
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
