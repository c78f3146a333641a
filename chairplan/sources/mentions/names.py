"""Years inside names ("ASEAN Vision 2045", "APEC 2027") told from years that place a sentence
in time ("in 2026", "Năm Chủ tịch ASEAN 2026", the chairmanship year itself)."""

from __future__ import annotations

import re

from .patterns import WEEKDAYS
from .values import month_number

__all__ = ["NOT_NAME_WORDS", "ROLE_WORDS", "SEASONS", "in_name"]

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
# A name for the year itself: "ASEAN Chairmanship Year 2026", "Năm Chủ tịch ASEAN 2026", "Năm
# APEC 2027" are periods. Up to three capitalised words stand between it and the year.
_YEAR_OF_A_ROLE = re.compile(
    r"\b(?:Chairmanship|Chair|Presidency|Year|[Nn]ăm|Chủ\s+tịch)(?:\s+[^\W\d_][\w&-]*){0,3}\s+$"
)
_ROLE_HINTS = ("Chair", "Presidency", "Year", "năm", "Năm", "Chủ")  # one stands in every such name
# Vietnamese capitalises only a name's first word: "Tầm nhìn 2045", "Diễn đàn 2026".
_VI_NAME_HEAD_ENDS = frozenset(
    {"nhìn", "lược", "trình", "đàn", "nghị", "chợ", "lãm", "hội", "lễ", "Giải", "Cúp"}
)
_VI_NAME_HEAD = re.compile(
    r"(?:^|[^\w])(?:Tầm\s+nhìn|Chiến\s+lược|Chương\s+trình|Diễn\s+đàn|Hội\s+nghị|Hội\s+chợ"
    r"|Triển\s+lãm|Lễ\s+hội|Tuần\s+lễ|Giải|Cúp)\s+$"
)
# A season and its year in a photo caption name the occasion shown: "Hội chợ mùa xuân 2026".
SEASONS = frozenset({"xuân", "hạ", "hè", "thu", "đông", "spring", "summer", "autumn", "winter"})
_SEASON = re.compile(r"(?i:mùa\s+(?:xuân|hạ|hè|thu|đông)|spring|summer|autumn|winter)\s+$")
_LAST_TOKEN = re.compile(r"(\S+) $")
_NEXT_TOKEN = re.compile(r" (\S+)")
_CAPTION_MARK = re.compile(r"\b(?:Ảnh|Photo)\b\s*:|\((?:Ảnh|Photo)\b")


def _token_before(text: str, start: int) -> str | None:
    found = _LAST_TOKEN.search(text, max(0, start - 60), start)
    return found.group(1) if found else None


def _token_after(text: str, end: int) -> str | None:
    found = _NEXT_TOKEN.match(text, end, end + 60)
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


def _in_caption(text: str, start: int) -> bool:
    """A photo caption: a line marked "Ảnh:" or "Photo:", or a short one with no full stop."""
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", start)
    line = text[first : last if last >= 0 else len(text)].strip()
    return bool(_CAPTION_MARK.search(line)) or (len(line) <= 80 and not line.endswith((".", ":")))


def in_name(text: str, start: int, end: int) -> bool:
    """True for years inside names: "ASEAN Vision 2045", "the 1982 UN Convention", "Tầm nhìn
    2045"; not for a name of the year itself ("Năm Chủ tịch ASEAN 2026")."""
    if text[start:end].lower().startswith("năm"):
        return False  # "năm 2026" is "the year 2026", whatever comes before it
    before, after = _token_before(text, start), _token_after(text, end)
    if after:
        after = after.rstrip(".,;:!?")  # "the 1982 UNCLOS." ends a sentence, not the name
    if _is_name_word(before):
        return not _names_the_year(text, start)
    if before and before.lower() in NOT_NAME_WORDS - {"the", "a", "an"}:
        return False  # "in 2026 Việt Nam will ..." places the sentence in time
    if before and _lower_name_head(text, start, before):
        return True
    return _is_name_word(after) and after is not None and after.lower() not in ROLE_WORDS


def _lower_name_head(text: str, start: int, before: str) -> bool:
    """ "Tầm nhìn 2045", and a season's year in a caption ("Hội chợ mùa xuân 2026")."""
    window = text[max(0, start - 30) : start]
    if before.lower() in SEASONS:
        return bool(_SEASON.search(window)) and _in_caption(text, start)
    return before in _VI_NAME_HEAD_ENDS and bool(_VI_NAME_HEAD.search(window))


def _names_the_year(text: str, start: int) -> bool:
    """ "ASEAN Chairmanship Year 2026", "Năm Chủ tịch ASEAN 2026": a name of the year itself."""
    window = text[max(0, start - 60) : start]
    return any(hint in window for hint in _ROLE_HINTS) and bool(_YEAR_OF_A_ROLE.search(window))
