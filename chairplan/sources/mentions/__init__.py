"""Recognise calendar date mentions in English and Vietnamese news text."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from .patterns import HEADER, NOT_NAME_WORDS, PAGE_STAMP, ROLE_WORDS, STAMP_DATE, WEEKDAYS
from .scan import scanner
from .values import RULES, month_number, valid_date

__all__ = ["HEADER", "Mention", "detect_language", "find_mentions", "publication_date"]


@dataclass(frozen=True)
class Mention:
    """One date mention: the words as written, where they start and the calendar value."""

    text: str
    start: int
    value: str
    kind: str
    in_name: bool = False
    anchor: str = "explicit"


def _token_before(text: str, start: int) -> str | None:
    found = re.search(r"(\S+) $", text[max(0, start - 60) : start])
    return found.group(1) if found else None


def _token_after(text: str, end: int) -> str | None:
    found = re.match(r" (\S+)", text[end : end + 60])
    return found.group(1) if found else None


def _is_name_word(token: str | None) -> bool:
    """A capitalised word or "(AFF)" that can carry a year inside a name."""
    if not token:
        return False
    if token.startswith("(") and token.endswith(")"):
        return True
    # A possessive ("Philippines' 2026") or a word ending a clause ("Nam,") does not run on.
    return (
        token[0].isupper()
        and token[-1].isalnum()
        and token.lower() not in NOT_NAME_WORDS
        and month_number(token) is None
        and token.lower() not in WEEKDAYS
    )


def _in_name(text: str, start: int, end: int) -> bool:
    """True for years inside names: "ASEAN Vision 2045", "the 1982 UN Convention"."""
    if text[start:end].lower().startswith("năm"):
        return False  # "năm 2026" is "the year 2026", whatever comes before it
    before, after = _token_before(text, start), _token_after(text, end)
    if after:
        after = after.rstrip(".,;:!?")  # "the 1982 UNCLOS." ends a sentence, not the name
    if _is_name_word(before):
        return True
    if before and before.lower() in NOT_NAME_WORDS - {"the", "a", "an"}:
        return False  # "in 2026 Việt Nam will ..." places the sentence in time
    return _is_name_word(after) and after is not None and after.lower() not in ROLE_WORDS


def _skipped_spans(text: str) -> list[tuple[int, int]]:
    spans = [(found.start(), found.end()) for found in PAGE_STAMP.finditer(text)]
    header = HEADER.match(text)
    return spans + ([(0, header.end())] if header else [])


def _candidates(text: str, published: dt.date | None) -> Iterable[tuple[int, int, int, Mention]]:
    skipped = _skipped_spans(text)
    finditer = scanner(text)  # the patterns' matches, found quickly
    for order, (pattern, build) in enumerate(RULES):
        for found in finditer(pattern):
            start, end = found.span("m")
            if any(s < found.end() and found.start() < e for s, e in skipped):
                continue
            resolved = build(found, published)
            if resolved is None:
                continue
            value, kind, anchor = resolved
            in_name = (
                kind in {"year", "yearrange"}
                and anchor == "explicit"
                and _in_name(text, start, end)
            )
            mention = Mention(text[start:end], start, value, kind, in_name, anchor)
            yield found.start(), found.end(), order, mention


def find_mentions(text: str, published: dt.date | None) -> list[Mention]:
    """All date mentions in an article, sorted by position; relative ones need `published`."""
    ranked = sorted(_candidates(text, published), key=lambda c: (c[0] - c[1], c[2], c[0]))
    claimed = bytearray(len(text))  # one flag per character: overlap checks stay linear
    taken: list[Mention] = []
    for start, end, _, mention in ranked:
        if not any(claimed[start:end]):
            claimed[start:end] = b"\x01" * (end - start)
            taken.append(mention)
    return sorted(taken, key=lambda m: m.start)


def publication_date(text: str) -> dt.date | None:
    """The " date YYYY-MM-DD" header, else the last date of the first page stamp."""
    header = HEADER.match(text)
    if header and header.group("d"):
        return valid_date(int(header["y"]), int(header["mo"]), int(header["d"]))
    stamp = PAGE_STAMP.search(text)
    if stamp is None:
        return None
    last = list(STAMP_DATE.finditer(stamp.group()))[-1]
    return valid_date(int(last["y"]), int(last["mo"]), int(last["d"]))


def detect_language(text: str) -> str:
    """ "vi" when enough letters carry Vietnamese diacritics, else "en"."""
    letters = [c for c in text if c.isalpha()]
    marked = sum(1 for c in letters if c in "đĐ" or unicodedata.decomposition(c))
    return "vi" if letters and marked / len(letters) > 0.08 else "en"


def mention_records(file: str, mentions: Iterable[Mention]) -> list[dict[str, object]]:
    """Mentions in the temporal scorer's prediction format."""
    records: list[dict[str, object]] = []
    for m in mentions:
        record: dict[str, object] = {
            "file": file,
            "text": m.text,
            "start": m.start,
            "value": m.value,
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
