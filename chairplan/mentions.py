"""Recognise calendar date mentions in English and Vietnamese news text."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta, weekday


@dataclass(frozen=True)
class Mention:
    """One date mention: the words as written, where they start and the calendar value."""

    text: str
    start: int
    value: str
    kind: str
    in_name: bool = False
    anchor: str = "explicit"


# A rule's builder turns a match into (value, kind, anchor), or None to reject the match.
Resolved = tuple[str, str, str]
Builder = Callable[[re.Match[str], dt.date | None], Resolved | None]

# Lookup tables read best as rows, so the formatter leaves them be.
# fmt: off
MONTHS = {
    name: n
    for n, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
         ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
         ("september", "sept", "sep"), ("october", "oct"), ("november", "nov"),
         ("december", "dec")],
        start=1,
    )
    for name in names
}
WEEKDAYS: dict[str, weekday] = {
    "monday": MO, "tuesday": TU, "wednesday": WE, "thursday": TH, "friday": FR,
    "saturday": SA, "sunday": SU,
    # Vietnamese: "thứ Hai" is Monday ... "Chủ nhật" is Sunday.
    "hai": MO, "ba": TU, "tư": WE, "năm": TH, "sáu": FR, "bảy": SA, "chủ nhật": SU,
}
QUARTER_WORDS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
                 "fourth": 4, "4th": 4, "last": 4, "final": 4,
                 "i": 1, "ii": 2, "iii": 3, "iv": 4}
HALF_WORDS = {"first": 1, "1st": 1, "h1": 1, "1h": 1, "đầu": 1,
              "second": 2, "2nd": 2, "latter": 2, "last": 2, "h2": 2, "2h": 2,
              "cuối": 2, "sau": 2}
# Relative year words, as an offset from the publication year.
YEAR_OFFSETS = {"this": 0, "current": 0, "the": 0, "nay": 0,
                "next": 1, "tới": 1, "sau": 1,
                "last": -1, "ngoái": -1}
# fmt: on

# Only an abbreviation takes a dot: the one after "April" ends the sentence.
_MON = (
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)"
)
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_VI_WD = r"(?:[Tt]hứ\s+(?:Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ\s+[Nn]hật)"
# "ngày 20/11", and the parts of a day that stand for it: "sáng 11/3" is the morning of 11/3.
_VI_DAY_WORD = r"(?i:ngày|hôm|sáng|trưa|chiều|tối|đêm)"
_YEAR = r"(?:19|20)\d{2}"
_ORD = r"(?:st|nd|rd|th)?"
_DASH = "[-\u2013\u2014]"
# "this year", "the year", "2026" ... after a quarter or a half.
_EN_YEAR_REF = rf"(?:{_YEAR}|(?:this|next|last|the\s+current|the)\s+year)\b"
_VI_YEAR_REF = rf"(?:{_YEAR}|nay|tới|sau|ngoái)\b"
# A number must not run on into another number, a code ("141/QD") or a decimal.
_END = r"(?![\w/]|[.,:]\d)"


def _mon(name: str) -> str:
    return f"(?P<{name}>{_MON})"


# Each pattern has a group "m" for the words reported; the rest of the match (a "from", a
# weekday before a full date) is claimed too, so it cannot become a mention of its own.
EN_RANGE = re.compile(
    rf"(?:\b(?P<pre>(?i:from|between))\s+)?(?P<m>{_mon('mon1')}\s+(?P<d1>\d{{1,2}}){_ORD}"
    rf"(?:,?\s+(?P<y1>{_YEAR}))?(?:\s*{_DASH}\s*|\s+(?P<conn>to|until|till|through|and)\s+)"
    rf"(?:{_mon('mon2')}\s+)?"
    rf"(?P<d2>\d{{1,2}}){_ORD}(?:,?\s+(?P<y>{_YEAR}))?){_END}"
)
EN_RANGE_DM = re.compile(
    rf"(?:\b(?P<pre>(?i:from|between))\s+)?"
    rf"(?P<m>(?<![\d/.])(?P<d1>\d{{1,2}}){_ORD}(?:\s+{_mon('mon1')})?"
    rf"(?:\s*{_DASH}\s*|\s+(?P<conn>to|until|till|through|and)\s+)"
    rf"(?P<d2>\d{{1,2}}){_ORD}\s+(?:of\s+)?{_mon('mon2')}(?:,?\s+(?P<y>{_YEAR}))?){_END}"
)
EN_DAY = re.compile(
    rf"(?:\b{_WD},?\s*\(?(?:the\s+)?)?(?P<m>{_mon('mon')}\s+(?P<d>\d{{1,2}}){_ORD}"
    rf"(?:,?\s+(?P<y>{_YEAR}))?){_END}"
)
EN_DAY_DM = re.compile(
    rf"(?:\b{_WD},?\s*\(?(?:the\s+)?)?"
    rf"(?P<m>(?<![\d/.])(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?{_mon('mon')}"
    rf"(?:,?\s+(?P<y>{_YEAR}))?){_END}"
)
ISO_DAY = re.compile(rf"(?<![\w/.-])(?P<m>(?P<y>{_YEAR})-(?P<mo>\d{{2}})-(?P<d>\d{{2}})){_END}")
# "20/11/2025", "20.11.2025", "20-11-2025": day first, as in Vietnamese and British usage.
NUM_DAY = re.compile(
    rf"(?<![\w/.-])(?P<m>(?P<d>\d{{1,2}})(?P<sep>[/.-])(?P<mo>\d{{1,2}})(?P=sep)"
    rf"(?P<y>{_YEAR})){_END}"
)
# A month needs a year or a preposition: a bare "May" is usually the modal verb.
EN_MONTH = re.compile(rf"\b(?P<m>{_mon('mon')},?\s+(?:of\s+)?(?P<y>{_YEAR})){_END}")
EN_MONTH_BARE = re.compile(
    rf"\b(?i:in|since|until|till|by|during|from|through|before|after|early|late|mid-?|end\s+of"
    rf"|beginning\s+of|this)\s+(?P<m>{_mon('mon')})(?!\s*\d)"
)
EN_QUARTER = re.compile(
    rf"(?P<m>\b(?:[Tt]he\s+)?"
    rf"(?P<q>first|second|third|fourth|1st|2nd|3rd|4th|last|final)\s+quarter"
    rf"(?:\s+(?:of\s+)?(?P<yr>{_EN_YEAR_REF}))?)(?!\s+of\b)"
)
# "Q2 2026", "Q2/2026"; a bare "Q2" only after a preposition ("in Q2"), else it is a label.
EN_Q = re.compile(
    rf"(?:\b(?P<pre>in|by|during|for|until|before|after|since|of)\s+)?"
    rf"(?P<m>\bQ(?P<q>[1-4])(?:(?:\s*[/-]\s*|\s+(?:of\s+)?)(?P<yr>{_YEAR}))?){_END}"
)
EN_HALF = re.compile(
    rf"(?P<m>\b(?:[Tt]he\s+)?(?P<h>first|second|1st|2nd|latter|last)\s+half"
    rf"(?:\s+(?:of\s+)?(?P<yr>{_EN_YEAR_REF}))?)(?!\s+of\b)"
)
EN_H = re.compile(rf"\b(?P<m>(?P<h>H[12]|[12]H)(?:\s*[/-]\s*|\s+)(?P<yr>{_YEAR})){_END}")
# "the last year of the plan" is not last year, hence no "the" before.
EN_REL_YEAR = re.compile(
    r"(?<![Tt]he\s)\b(?P<m>(?P<rel>[Tt]his|[Nn]ext|[Ll]ast|[Cc]urrent)\s+year)\b"
)
EN_WEEKDAY = re.compile(rf"(?:\b(?P<rel>[Ll]ast|[Nn]ext|[Tt]his)\s+)?\b(?P<m>(?P<wd>{_WD}))\b")
YEAR_RANGE = re.compile(
    rf"(?:\b(?P<pre>(?i:from|between|từ))\s+(?:năm\s+)?)?(?P<m>(?<![\w/.])(?P<y1>{_YEAR})"
    rf"(?:\s*{_DASH}\s*|\s+(?P<conn>to|and|đến|tới)\s+(?:năm\s+)?)(?P<y2>{_YEAR}|\d{{2}})){_END}"
)
YEAR = re.compile(rf"(?<![\w/.,:$])(?P<m>{_YEAR}){_END}")

VI_DAY = re.compile(
    rf"(?:{_VI_WD},?\s+)?"
    rf"(?P<m>{_VI_DAY_WORD}\s+(?P<d>\d{{1,2}})\s*(?P<sep>[/.-])\s*(?P<mo>\d{{1,2}})"
    rf"(?:\s*(?P=sep)\s*(?P<y>{_YEAR}))?)(?![/.-]?\d)"
)
VI_DAY_WORDS = re.compile(
    rf"(?:{_VI_WD},?\s+)?(?P<m>{_VI_DAY_WORD}\s+(?P<d>\d{{1,2}})\s+tháng\s+(?P<mo>\d{{1,2}})"
    rf"(?:,?\s+năm\s+(?P<y>{_YEAR}))?){_END}"
)
VI_RANGE = re.compile(
    rf"(?:\b[Tt]ừ\s+)?(?P<m>(?:(?i:ngày)\s+)?(?<![\d/.])(?P<d1>\d{{1,2}})"
    rf"(?:\s*/\s*(?P<mo1>\d{{1,2}})(?:\s*/\s*(?P<y1>{_YEAR}))?)?"
    rf"(?:\s*{_DASH}\s*|\s+(?:đến|tới)\s+(?:ngày\s+)?)(?P<d2>\d{{1,2}})\s*/\s*(?P<mo2>\d{{1,2}})"
    rf"(?:\s*/\s*(?P<y>{_YEAR}))?)(?![/.-]?\d)"
)
VI_MONTH = re.compile(
    rf"(?P<m>\b(?i:tháng)\s+(?P<mo>\d{{1,2}})(?:(?:\s*[/-]\s*|\s+năm\s+)(?P<y>{_YEAR}))?)"
    rf"(?![/.-]?\d)"
)
VI_QUARTER = re.compile(
    rf"(?P<m>\b(?i:quý)\s+(?P<q>IV|I{{1,3}}|[1-4])(?![\w])"
    rf"(?:(?:\s*[/-]\s*|\s+năm\s+)(?P<yr>{_VI_YEAR_REF}))?)(?![/.-]?\d)"
)
VI_HALF = re.compile(
    rf"(?P<m>\b(?:(?i:6|sáu)\s+tháng|(?i:nửa))\s+(?P<h>đầu|cuối|sau)\s+năm"
    rf"(?:\s+(?P<yr>{_VI_YEAR_REF}))?)(?![/.-]?\d)"
)
VI_YEAR = re.compile(rf"(?P<m>\b(?i:năm)\s+(?P<y>{_YEAR})){_END}")
# "năm sau đó" is "the year after that", and "những năm tới" is "the coming years".
VI_REL_YEAR = re.compile(r"(?P<m>\b(?i:năm)\s+(?P<rel>nay|tới|sau|ngoái))\b(?!\s+(?:đó|nữa))")
VI_WEEKDAY = re.compile(rf"(?P<m>(?P<wd>{_VI_WD}))\b")

# Not article text: the " date 2026-03-11" header and web-page stamps such as
# "19:05 | 23/03/2025 14:43 | 28/01/2026Trade" (times, dates and a section name).
HEADER = re.compile(r"\A\s*date\s+(?P<y>\d{4})-(?P<mo>\d{2})(?:-(?P<d>\d{2}))?")
_STAMP_PART = r"(?:\d{1,2}:\d{2}|\d{1,2}/\d{1,2}/\d{4})"
PAGE_STAMP = re.compile(rf"(?m)^{_STAMP_PART}(?:\s*\|?\s*{_STAMP_PART})*\s*\|\s*{_STAMP_PART}.*$")
STAMP_DATE = re.compile(r"(?P<d>\d{1,2})/(?P<mo>\d{1,2})/(?P<y>\d{4})")

# Numbers that count things, not years: "2000 people", "No. 2026".
QUANTITY_AFTER = re.compile(
    r"\s*(?:%|percent\b|per\s+cent\b|people\b|persons\b|units\b|tonnes\b|tons\b|km\b|ha\b"
    r"|hectares\b|MW\b|USD\b|VND\b|dollars\b|households\b|workers\b|million\b|billion\b"
    r"|người\b|tấn\b|đồng\b|triệu\b|tỷ\b)"
)
NUMBER_BEFORE = re.compile(r"(?:\bNo\.?|\bsố|#|US\$|\$)\s*$")
# Prepositions and determiners: a capitalised one ("In 2026") does not start a name.
# fmt: off
NOT_NAME_WORDS = frozenset({
    "in", "on", "at", "by", "for", "since", "until", "till", "from", "to", "through",
    "throughout", "during", "before", "after", "of", "and", "or", "around", "about", "between",
    "than", "within", "into", "the", "a", "an", "this", "that", "its", "their", "our", "his",
    "her", "year", "years", "năm", "trong", "đến", "tới", "từ", "vào", "cuối", "đầu", "giữa",
})
# fmt: on
# "the Philippines' 2026 Chairmanship" is the chairmanship of that year, not a name.
ROLE_WORDS = frozenset({"chairmanship", "chair", "presidency", "year"})


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_number(name: str | None) -> int | None:
    return MONTHS.get(name.rstrip(".").lower()) if name else None


def _year_ref(ref: str | None, published: dt.date | None) -> tuple[int, str] | None:
    """The year a reference names ("2026", "this year", "nay"), or the publication year."""
    if ref and ref[:4].isdigit():
        return int(ref[:4]), "explicit"
    if published is None:
        return None
    word = ref.split()[0].lower() if ref else "this"
    if word == "the" and ref and "current" in ref:
        word = "current"
    return published.year + YEAR_OFFSETS.get(word, 0), "relative"


def _day(m: re.Match[str], published: dt.date | None) -> Resolved | None:
    month = _month_number(m.groupdict().get("mon")) or _int(m.groupdict().get("mo"))
    year = _year_ref(m.groupdict().get("y"), published)
    if month is None or year is None:
        return None
    day = _date(year[0], month, int(m.group("d")))
    return (day.isoformat(), "day", year[1]) if day else None


def _range(m: re.Match[str], published: dt.date | None) -> Resolved | None:
    groups = m.groupdict()
    if groups.get("conn") == "and" and (groups.get("pre") or "").lower() != "between":
        return None  # "March 10 and 13" lists two days; only "between ... and" is a range.
    month1 = _month_number(groups.get("mon1")) or _int(groups.get("mo1"))
    month2 = _month_number(groups.get("mon2")) or _int(groups.get("mo2")) or month1
    month1 = month1 or month2  # "10-13/3": the month is written once, at the end
    year = _year_ref(groups.get("y"), published)
    if month1 is None or month2 is None or year is None:
        return None
    first_year = _int(groups.get("y1")) or year[0]  # "December 29, 2025 to January 2, 2026"
    first = _date(first_year, month1, int(m.group("d1")))
    last = _date(year[0], month2, int(m.group("d2")))
    if first is None or last is None or first == last:
        return None
    if last < first and not groups.get("y1"):  # crosses New Year: the year written is the end's
        if year[1] == "explicit":
            first -= relativedelta(years=1)
        else:
            last += relativedelta(years=1)
    return f"{first.isoformat()}/{last.isoformat()}", "range", year[1]


def _month(m: re.Match[str], published: dt.date | None) -> Resolved | None:
    month = _month_number(m.groupdict().get("mon")) or _int(m.groupdict().get("mo"))
    year = _year_ref(m.groupdict().get("y"), published)
    if month is None or not 1 <= month <= 12 or year is None:
        return None
    return f"{year[0]}-{month:02d}", "month", year[1]


def _quarter(m: re.Match[str], published: dt.date | None) -> Resolved | None:
    groups = m.groupdict()
    if "pre" in groups and not (groups["pre"] or groups["yr"]):
        return None  # a bare "Q2" is a label, not a date
    word = m.group("q").lower()
    if word in {"last", "final"} and not groups["yr"]:
        return None  # "the last quarter" is the one before publication, not Q4
    quarter = QUARTER_WORDS.get(word) or int(word)
    year = _year_ref(groups["yr"], published)
    return (f"{year[0]}-Q{quarter}", "quarter", year[1]) if year else None


def _half(m: re.Match[str], published: dt.date | None) -> Resolved | None:
    year = _year_ref(m.group("yr"), published)
    half = HALF_WORDS[m.group("h").lower()]
    return (f"{year[0]}-H{half}", "half", year[1]) if year else None


def _year(m: re.Match[str], published: dt.date | None) -> Resolved | None:
    text = m.string
    before = text[max(0, m.start("m") - 8) : m.start("m")]  # a window: keeps long texts linear
    if QUANTITY_AFTER.match(text, m.end("m")) or NUMBER_BEFORE.search(before):
        return None
    return m.group("y") if "y" in m.groupdict() else m.group("m"), "year", "explicit"


def _relative_year(m: re.Match[str], published: dt.date | None) -> Resolved | None:
    # "những năm tới", "2 năm sau": a count of years, not one year.
    before = m.string[max(0, m.start("m") - 12) : m.start("m")]
    if re.search(r"(?:\d|những|các|nhiều|vài|mấy)\s+$", before, re.IGNORECASE):
        return None
    year = _year_ref(m.group("rel"), published)
    return (str(year[0]), "year", year[1]) if year else None


def _year_range(m: re.Match[str], published: dt.date | None) -> Resolved | None:
    conn, pre = m.group("conn"), (m.group("pre") or "").lower()
    if (conn == "and" and pre != "between") or (conn in {"đến", "tới"} and pre != "từ"):
        return None  # "đến năm 2030" alone means "by 2030"
    first, last = m.group("y1"), m.group("y2")
    if len(last) == 2:  # "2021-25"
        last = first[:2] + last
    if not 0 < int(last) - int(first) <= 50:
        return None  # "2026-03" is a month, not a range of years
    return f"{first}/{last}", "yearrange", "explicit"


def _weekday(m: re.Match[str], published: dt.date | None) -> Resolved | None:
    if published is None:
        return None
    name = " ".join(m.group("wd").split()).lower()
    day = WEEKDAYS[name.removeprefix("thứ ")]
    rel = (m.groupdict().get("rel") or "").lower()
    if rel == "next":
        when = published + relativedelta(days=1, weekday=day(+1))
    elif rel == "last":
        when = published - relativedelta(days=1) + relativedelta(weekday=day(-1))
    elif rel == "this":
        when = published + relativedelta(weekday=day(+1))
    else:  # news usage: "on Wednesday" is the publication day or the latest one before it
        when = published + relativedelta(weekday=day(-1))
    return when.isoformat(), "day", "relative"


# Order breaks ties between equally long matches; longer matches always win.
# fmt: off
RULES: list[tuple[re.Pattern[str], Builder]] = [
    (ISO_DAY, _day), (NUM_DAY, _day), (EN_RANGE, _range), (EN_RANGE_DM, _range),
    (VI_RANGE, _range), (EN_DAY, _day), (EN_DAY_DM, _day), (VI_DAY, _day),
    (VI_DAY_WORDS, _day), (EN_MONTH, _month), (EN_MONTH_BARE, _month), (VI_MONTH, _month),
    (EN_QUARTER, _quarter), (EN_Q, _quarter), (VI_QUARTER, _quarter), (EN_HALF, _half),
    (EN_H, _half), (VI_HALF, _half), (YEAR_RANGE, _year_range), (VI_YEAR, _year),
    (YEAR, _year), (EN_REL_YEAR, _relative_year), (VI_REL_YEAR, _relative_year),
    (EN_WEEKDAY, _weekday), (VI_WEEKDAY, _weekday),
]
# fmt: on


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
        and _month_number(token) is None
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
    for order, (pattern, build) in enumerate(RULES):
        for found in pattern.finditer(text):
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
        return _date(int(header["y"]), int(header["mo"]), int(header["d"]))
    stamp = PAGE_STAMP.search(text)
    if stamp is None:
        return None
    last = list(STAMP_DATE.finditer(stamp.group()))[-1]
    return _date(int(last["y"]), int(last["mo"]), int(last["d"]))


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
