"""The words and patterns of English and Vietnamese date mentions, as compiled regular expressions."""

from __future__ import annotations

import re

from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, weekday

__all__ = [
    "EN_DAY",
    "EN_DAY_DM",
    "EN_H",
    "EN_HALF",
    "EN_MONTH",
    "EN_MONTH_BARE",
    "EN_Q",
    "EN_QUARTER",
    "EN_RANGE",
    "EN_RANGE_DM",
    "EN_REL_YEAR",
    "EN_WEEKDAY",
    "HALF_WORDS",
    "HEADER",
    "ISO_DAY",
    "MONTHS",
    "NOT_NAME_WORDS",
    "NUMBER_BEFORE",
    "NUM_DAY",
    "PAGE_STAMP",
    "QUANTITY_AFTER",
    "QUARTER_WORDS",
    "ROLE_WORDS",
    "STAMP_DATE",
    "VI_DAY",
    "VI_DAY_WORDS",
    "VI_HALF",
    "VI_MONTH",
    "VI_QUARTER",
    "VI_RANGE",
    "VI_REL_YEAR",
    "VI_WEEKDAY",
    "VI_YEAR",
    "WEEKDAYS",
    "YEAR",
    "YEAR_OFFSETS",
    "YEAR_RANGE",
]

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
