"""The words and patterns of English and Vietnamese date mentions, as compiled regular expressions."""

from __future__ import annotations

import re

__all__ = [
    "DAY_OFFSETS",
    "EN_DAY",
    "EN_DAY_DM",
    "EN_H",
    "EN_HALF",
    "EN_MONTH",
    "EN_MONTH_BARE",
    "EN_MONTH_LIST",
    "EN_MONTH_RANGE",
    "EN_Q",
    "EN_QUARTER",
    "EN_RANGE",
    "EN_RANGE_DM",
    "EN_REL_DAY",
    "EN_REL_PERIOD",
    "EN_REL_YEAR",
    "EN_WEEKDAY",
    "FUTURE",
    "FUTURE_WORDS",
    "HALF_WORDS",
    "ISO_DAY",
    "MONTHS",
    "MONTH_NAME",
    "NUMBER_BEFORE",
    "NUM_DAY",
    "PERIOD_OFFSETS",
    "QUANTITY_AFTER",
    "QUARTER_WORDS",
    "REPORTED",
    "REPORTING_WORDS",
    "VI_BARE_DAY",
    "VI_COUNT_BEFORE",
    "VI_DAY",
    "VI_DAY_WORDS",
    "VI_HALF",
    "VI_MONTH",
    "VI_MONTH_RANGE",
    "VI_QUARTER",
    "VI_RANGE",
    "VI_REL_DAY",
    "VI_REL_PERIOD",
    "VI_REL_YEAR",
    "VI_UNIT_AFTER",
    "VI_WEEKDAY",
    "VI_WEEKDAY_NAME",
    "VI_YEAR",
    "WEEKDAYS",
    "WEEKDAY_NAME",
    "YEAR",
    "YEAR_DIGITS",
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
# Weekdays as `date.weekday()` numbers them, Monday 0.
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
    # Vietnamese: "thứ Hai" is Monday ... "Chủ nhật" is Sunday.
    "hai": 0, "ba": 1, "tư": 2, "năm": 3, "sáu": 4, "bảy": 5, "chủ nhật": 6,
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
# Relative days, weeks and months, as an offset from the publication day, week or month.
DAY_OFFSETS = {"today": 0, "tomorrow": 1, "yesterday": -1,
               "nay": 0, "mai": 1, "qua": -1}
PERIOD_OFFSETS = {"this": 0, "next": 1, "last": -1,
                  "này": 0, "tới": 1, "sau": 1, "trước": -1, "qua": -1}
# fmt: on

# Only an abbreviation takes a dot: the one after "April" ends the sentence.
MONTH_NAME = (
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)"
)
WEEKDAY_NAME = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# Capitalised: "lần thứ hai" is "the second time"; any case before a date or a week.
VI_WEEKDAY_NAME = r"(?:[Tt]hứ\s+(?:Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ\s+[Nn]hật)"
_VI_WEEKDAY_ANY = r"(?:[Tt]hứ\s+(?i:hai|ba|tư|năm|sáu|bảy)|[Cc]hủ\s+[Nn]hật)"
YEAR_DIGITS = r"(?:19|20)\d{2}"
# "ngày 20/11", and the parts of a day that stand for it: "sáng 11/3" is the morning of 11/3.
_VI_DAY_WORD = r"(?i:ngày|mùng|mồng|hôm|sáng|trưa|chiều|tối|đêm)"
_VI_PART_OF_DAY = r"(?i:sáng|trưa|chiều|tối|đêm)"
_ORD = r"(?:st|nd|rd|th)?"
_DASH = "[-\u2013\u2014]"
# "this year", "the year", "2026" ... after a quarter or a half.
_EN_YEAR_REF = rf"(?:{YEAR_DIGITS}|(?:this|next|last|the\s+current|the)\s+year)\b"
_VI_YEAR_REF = rf"(?:{YEAR_DIGITS}|nay|tới|sau|ngoái)\b"
# A number must not run on into another number, a code ("141/QD") or a decimal.
_END = r"(?![\w/]|[.,:]\d)"
_VI_END = r"(?![/.-]?\d)"
# A weekday before a date is part of the mention: "Wednesday night, May 6", "Thứ Tư, ngày 6/5".
_EN_WEEKDAY_BEFORE = (
    rf"(?:\b{WEEKDAY_NAME}(?:\s+(?:morning|afternoon|evening|night))?,?\s*(?P<op>\()?"
    r"(?:the\s+)?)?"
)
_VI_WEEKDAY_BEFORE = rf"(?:{_VI_PART_OF_DAY}\s+)?{_VI_WEEKDAY_ANY}"
_CLOSE = r"(?(op)\s*\)|)"  # the bracket a weekday opened before its date: "Wednesday (March 11)"
# A day and its month written with digits, "20/11" or "20-11", and perhaps the year.
_VI_DM = (
    rf"(?P<d>\d{{1,2}})\s*(?P<sep>[/.-])\s*(?P<mo>\d{{1,2}})"
    rf"(?:\s*(?P=sep)\s*(?P<y>{YEAR_DIGITS}))?"
)


def _mon(name: str) -> str:
    return f"(?P<{name}>{MONTH_NAME})"


# Each pattern has a group "m" for the words reported; the rest of the match (a "from") is
# claimed too, so it cannot become a mention of its own. "and" joins a range only after
# "between": "March 10 and 13" lists two days (EN_DAY).
_EN_RANGE_PRE = r"(?:\b(?:(?P<between>(?i:between))|(?i:from))\s+)?"
_EN_RANGE_CONN = r"(?:\s*[-\u2013\u2014]\s*|\s+(?:to|until|till|through|(?(between)and|(?!)))\s+)"
EN_RANGE = re.compile(
    rf"{_EN_RANGE_PRE}(?P<m>{_mon('mon1')}\s+(?P<d1>\d{{1,2}}){_ORD}"
    rf"(?:,?\s+(?P<y1>{YEAR_DIGITS}))?{_EN_RANGE_CONN}(?:{_mon('mon2')}\s+)?"
    rf"(?P<d2>\d{{1,2}}){_ORD}(?:,?\s+(?P<y>{YEAR_DIGITS}))?){_END}"
)
EN_RANGE_DM = re.compile(
    rf"{_EN_RANGE_PRE}(?P<m>(?<![\d/.])(?P<d1>\d{{1,2}}){_ORD}(?:\s+{_mon('mon1')})?"
    rf"{_EN_RANGE_CONN}(?P<d2>\d{{1,2}}){_ORD}\s+(?:of\s+)?{_mon('mon2')}"
    rf"(?:,?\s+(?P<y>{YEAR_DIGITS}))?){_END}"
)
# "from March to May 2026": one mention of three months.
EN_MONTH_RANGE = re.compile(
    rf"{_EN_RANGE_PRE}\b(?P<m>{_mon('mon1')}(?:,?\s+(?P<y1>{YEAR_DIGITS}))?{_EN_RANGE_CONN}"
    rf"{_mon('mon2')}(?:,?\s+(?:of\s+)?(?P<y>{YEAR_DIGITS}))?)(?!\s*\d)"
)
# A list shares the month and year written once: "March 10, 11 and 12", "on 20 and 21 November".
_EN_MORE_DAYS = rf"(?:\s*,\s*\d{{1,2}}{_ORD})*(?:\s*,)?\s+(?:and|&)\s+"
EN_DAY = re.compile(
    rf"(?P<m>{_EN_WEEKDAY_BEFORE}{_mon('mon')}\s+(?P<d>\d{{1,2}}){_ORD}"
    rf"(?P<days>{_EN_MORE_DAYS}\d{{1,2}}{_ORD})?(?:,?\s+(?P<y>{YEAR_DIGITS}))?{_CLOSE}){_END}"
)
EN_DAY_DM = re.compile(
    rf"(?P<m>{_EN_WEEKDAY_BEFORE}(?<![\d/.])(?P<days>\d{{1,2}}{_ORD}{_EN_MORE_DAYS})?"
    rf"(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?{_mon('mon')}(?:,?\s+(?P<y>{YEAR_DIGITS}))?{_CLOSE}){_END}"
)
EN_MONTH_LIST = re.compile(
    rf"\b(?P<m>(?P<months>{MONTH_NAME}(?:\s*,\s*{MONTH_NAME})*)(?:\s*,)?\s+(?:and|or|&)\s+"
    rf"{_mon('mon')}(?:,?\s+(?:of\s+)?(?P<y>{YEAR_DIGITS}))?)(?!\s*\d)"
)
ISO_DAY = re.compile(
    rf"(?<![\w/.-])(?P<m>(?P<y>{YEAR_DIGITS})-(?P<mo>\d{{2}})-(?P<d>\d{{2}})){_END}"
)
# "20/11/2025", "20.11.2025", "20-11-2025": day first, as in Vietnamese and British usage.
NUM_DAY = re.compile(
    rf"(?P<m>(?:\b{WEEKDAY_NAME},?\s+)?(?<![\w/.-])(?P<d>\d{{1,2}})(?P<sep>[/.-])(?P<mo>\d{{1,2}})"
    rf"(?P=sep)(?P<y>{YEAR_DIGITS})){_END}"
)
# A month needs a year ("March 2026", "November next year") or a preposition: a bare "May" is
# usually the modal verb.
EN_MONTH = re.compile(
    rf"\b(?P<m>{_mon('mon')}(?:,?\s+(?:of\s+)?(?P<y>{YEAR_DIGITS}){_END}"
    rf"|\s+(?P<yr>this|next|last)\s+year\b))"
)
EN_MONTH_BARE = re.compile(
    rf"\b(?i:in|since|until|till|by|during|from|through|for|before|after|early|late|mid-?|end\s+of"
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
    rf"(?P<m>\bQ(?P<q>[1-4])(?:(?:\s*[/-]\s*|\s+(?:of\s+)?)(?P<yr>{YEAR_DIGITS}))?){_END}"
)
EN_HALF = re.compile(
    rf"(?P<m>\b(?:[Tt]he\s+)?(?P<h>first|second|1st|2nd|latter|last)\s+half"
    rf"(?:\s+(?:of\s+)?(?P<yr>{_EN_YEAR_REF}))?)(?!\s+of\b)"
)
EN_H = re.compile(rf"\b(?P<m>(?P<h>H[12]|[12]H)(?:\s*[/-]\s*|\s+)(?P<yr>{YEAR_DIGITS})){_END}")
# "the last year of the plan" is not last year, nor "the next week" next week: no "the" before.
EN_REL_YEAR = re.compile(
    r"(?<![Tt]he\s)\b(?P<m>(?P<rel>[Tt]his|[Nn]ext|[Ll]ast|[Cc]urrent)\s+year)\b"
)
EN_REL_PERIOD = re.compile(
    r"(?<![Tt]he\s)\b(?P<m>(?P<rel>[Tt]his|[Nn]ext|[Ll]ast)\s+(?P<unit>week|month))\b"
)
EN_REL_DAY = re.compile(r"\b(?P<m>(?P<rel>[Tt]oday|[Tt]omorrow|[Yy]esterday))\b")
# "next Wednesday" (the words before are claimed), "Wednesday next week" (one mention).
EN_WEEKDAY = re.compile(
    rf"(?:\b(?P<rel>[Ll]ast|[Nn]ext|[Tt]his)\s+)?\b"
    rf"(?P<m>(?P<wd>{WEEKDAY_NAME})(?:\s+(?P<week>this|next|last)\s+week)?)\b"
)
YEAR_RANGE = re.compile(
    rf"(?:\b(?P<pre>(?i:from|between|từ))\s+(?:năm\s+)?)?(?P<m>(?<![\w/.])(?P<y1>{YEAR_DIGITS})"
    rf"(?:\s*{_DASH}\s*|\s+(?P<conn>to|and|đến|tới)\s+(?:năm\s+)?)(?P<y2>{YEAR_DIGITS}|\d{{2}}))"
    rf"{_END}"
)
YEAR = re.compile(rf"(?<![\w/.,:$])(?P<m>{YEAR_DIGITS}){_END}")

# "ngày 9 và 10/9", "ngày 30/11 và 1/12": the last day's month and year are carried back.
_VI_LISTED_DAY = r"\d{1,2}(?:\s*/\s*\d{1,2})?"
_VI_MORE = r"(?:\s*,\s*và\s+|\s+và\s+|\s*,\s*)"
VI_DAY = re.compile(
    rf"(?P<m>(?:{_VI_WEEKDAY_BEFORE}(?:,?\s+{_VI_DAY_WORD}\s+|\s*,\s*|\s+|\s*(?P<op>\()\s*)"
    rf"|{_VI_DAY_WORD}\s+)(?P<days>{_VI_LISTED_DAY}(?:\s*,\s*{_VI_LISTED_DAY})*{_VI_MORE})?"
    rf"{_VI_DM}{_CLOSE}){_VI_END}"
)
VI_DAY_WORDS = re.compile(
    rf"(?P<m>(?:{_VI_WEEKDAY_BEFORE},?\s+)?{_VI_DAY_WORD}\s+(?P<d>\d{{1,2}})\s+tháng\s+"
    rf"(?P<mo>\d{{1,2}})(?:,?\s+năm\s+(?P<y>{YEAR_DIGITS}))?){_END}"
)
# "30-6" without "ngày", after a word that takes a date ("đến 30-6") or in brackets ("(30-6)"):
# elsewhere such digits are scores, fractions and counts ("2-1", "1/2", "2-3 năm").
VI_BARE_DAY = re.compile(
    r"(?:(?<=(?i:đến|tới|sau|hết|dịp|vào|hôm) )|(?<=(?i:trước) )|(?<=(?i:từ) )|(?<=\())"
    r"(?P<m>(?P<d>\d{1,2})(?P<sep>[/-])(?P<mo>\d{1,2}))(?![\w/%]|[.,:-]\d|\s*%)"
)
# A day range: "10-13/3", "từ ngày 28-11 đến 1-12", "ngày 5 đến 7-6-2026", "ngày 8 - 10.11". A
# dash or a dot also joins ranges, scores, counts and decimals ("2-4-6/6", "2.5-3.5"), so a day
# and month joined by one need "ngày" or "từ".
_VI_RANGE_SEP = r"(?:/|(?(pre)[.-]|(?(word)[.-]|(?!))))"
VI_RANGE = re.compile(
    rf"(?:\b(?P<pre>[Tt]ừ)\s+)?(?P<m>(?:(?P<word>(?i:ngày))\s+)?(?<![\d/.])(?P<d1>\d{{1,2}})"
    rf"(?:\s*(?P<s1>{_VI_RANGE_SEP})\s*(?P<mo1>\d{{1,2}})(?:\s*(?P=s1)\s*(?P<y1>{YEAR_DIGITS}))?)?"
    rf"(?:\s*{_DASH}\s*|\s+(?:đến|tới)\s+(?:ngày\s+)?)(?P<d2>\d{{1,2}})\s*(?P<sep>{_VI_RANGE_SEP})"
    rf"\s*(?P<mo2>\d{{1,2}})(?:\s*(?P=sep)\s*(?P<y>{YEAR_DIGITS}))?){_VI_END}"
)
_VI_MONTH_YEAR = r"(?:\s*[/.-]\s*|\s+năm\s+)"
# "tháng 3", "tháng 11 năm ngoái" (one mention), and lists: "tháng 3, 4", "tháng 3 và 4 năm 2026".
VI_MONTH = re.compile(
    rf"(?P<m>\b(?i:tháng)\s+(?P<months>\d{{1,2}}(?:\s*,\s*\d{{1,2}})*(?P<joint>{_VI_MORE}))?"
    rf"(?P<mo>\d{{1,2}})(?:{_VI_MONTH_YEAR}(?P<y>{YEAR_DIGITS})"
    rf"|\s+năm\s+(?P<yr>nay|tới|sau|ngoái)\b(?!\s+(?:đó|nữa)))?){_VI_END}"
)
# "từ tháng 3 đến tháng 5/2026", "tháng 3-5/2026": one mention of three months.
VI_MONTH_RANGE = re.compile(
    rf"(?:\b[Tt]ừ\s+)?(?P<m>\b(?i:tháng)\s+(?P<mo1>\d{{1,2}})(?:{_VI_MONTH_YEAR}(?P<y1>{YEAR_DIGITS}))?"
    rf"(?:\s*{_DASH}\s*|\s+(?:đến|tới)\s+(?i:tháng)\s+)(?P<mo2>\d{{1,2}})"
    rf"(?:{_VI_MONTH_YEAR}(?P<y>{YEAR_DIGITS}))?){_VI_END}"
)
VI_QUARTER = re.compile(
    rf"(?P<m>\b(?i:quý)\s+(?P<q>IV|I{{1,3}}|[1-4])(?![\w])"
    rf"(?:(?:\s*[/-]\s*|\s+năm\s+)(?P<yr>{_VI_YEAR_REF}))?){_VI_END}"
)
VI_HALF = re.compile(
    rf"(?P<m>\b(?:(?i:6|sáu)\s+tháng|(?i:nửa))\s+(?P<h>đầu|cuối|sau)\s+năm"
    rf"(?:\s+(?P<yr>{_VI_YEAR_REF}))?){_VI_END}"
)
VI_YEAR = re.compile(rf"(?P<m>\b(?i:năm)\s+(?P<y>{YEAR_DIGITS})){_END}")
# "năm sau đó" is "the year after that", and "những năm tới" is "the coming years".
VI_REL_YEAR = re.compile(r"(?P<m>\b(?i:năm)\s+(?P<rel>nay|tới|sau|ngoái))\b(?!\s+(?:đó|nữa))")
VI_REL_PERIOD = re.compile(
    r"(?P<m>\b(?P<unit>(?i:tuần|tháng))\s+(?P<rel>này|tới|sau|trước))\b(?!\s+(?:đó|nữa|khi))"
)
# "hôm nay", "rạng sáng nay", "ngày mai", "tối qua"; a date in brackets says which day it is:
# "sáng nay (6/5)". "ngày nay" is "nowadays", "những ngày qua" "the past days".
VI_REL_DAY = re.compile(
    rf"(?P<m>(?:(?i:rạng)\s+)?(?P<word>(?i:hôm|ngày|sáng|trưa|chiều|tối|đêm))\s+(?P<rel>nay|mai|qua)\b"
    rf"(?:\s*\(\s*{_VI_DM}\s*\))?)"
)
_VI_WEEK = r"\s+tuần\s+(?P<week>này|tới|sau|trước|qua)\b"
VI_WEEKDAY = re.compile(
    rf"(?P<m>(?P<wd>{VI_WEEKDAY_NAME}|{_VI_WEEKDAY_ANY}(?={_VI_WEEK.replace('?P<week>', '?:')}))"
    rf"(?:{_VI_WEEK})?)\b"
)
# Words that put a clause in the future, and the verbs of a reporting clause, whose date is past
# ("the summit will open next week, the ministry said on Monday"): see context.speaks_of_future.
FUTURE_WORDS = (
    "will", "would", "shall", "to be held", "scheduled", "set to", "expected to", "plan to",
    "plans to", "upcoming", "sẽ", "dự kiến", "sắp",
)  # fmt: skip
REPORTING_WORDS = (
    "said", "says", "told", "announced", "noted", "stated", "cho biết", "phát biểu", "thông báo",
)  # fmt: skip


def _any_word(words: tuple[str, ...]) -> re.Pattern[str]:
    either = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"(?<!\w)(?:{either})(?!\w)", re.IGNORECASE)


FUTURE = _any_word(FUTURE_WORDS)
REPORTED = _any_word(REPORTING_WORDS)
# Counts of days, months and years: "2-3 năm", "1 tháng trước" (a month ago), "những tuần tới".
VI_COUNT_BEFORE = re.compile(
    r"(?:\d|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|những|các|nhiều|vài|mấy|mỗi)\s+$",
    re.IGNORECASE,
)
VI_UNIT_AFTER = re.compile(r"\s+(?:năm|tháng|tuần|ngày|giờ|phút|lần)\b(?!\s+(?:nay|tới|ngoái|\d))")

# Numbers that count things, not years: "2000 people", "No. 2026".
QUANTITY_AFTER = re.compile(
    r"\s*(?:%|percent\b|per\s+cent\b|people\b|persons\b|units\b|tonnes\b|tons\b|km\b|ha\b"
    r"|hectares\b|MW\b|USD\b|VND\b|dollars\b|households\b|workers\b|million\b|billion\b"
    r"|người\b|tấn\b|đồng\b|triệu\b|tỷ\b)"
)
NUMBER_BEFORE = re.compile(r"(?:\bNo\.?|\bsố|#|US\$|\$)\s*$")
