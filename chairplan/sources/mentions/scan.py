"""Where a date mention can start: quick scans, so each pattern is tried only where it can match.

Scanned over a whole text, a pattern is tried at every character (most of them begin with an
optional group, a lookbehind or a case-insensitive word, which the regex engine cannot skip to), so
three dozen of them cost far more than the text is long. Every match contains a core: a digit run,
a month or weekday name, "Q2", "H1", "quarter", "half", "year", "week", "month", "today" or a
Vietnamese date word. Two scans whose patterns begin with a plain character find the cores; each
pattern is then matched only at the cores it can start with, and at the few words just before a
core that can open it ("from", "in", "the first", "next"), left to right and without overlaps,
exactly as its `finditer` would.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator

from . import patterns as p

__all__ = [
    "CORES",
    "DAY_AFTER",
    "LONG_SPACE",
    "LOOK_BACK",
    "NEEDS",
    "NUMBERS",
    "YEAR_AFTER",
    "Pattern",
    "Patterns",
    "anchor_at",
    "matches_at",
    "pattern_starts",
    "scanner",
]

Pattern = re.Pattern[str]
Patterns = tuple[Pattern, ...]


def _before(words: str, patterns: Patterns) -> tuple[Pattern, Patterns]:
    """Words that can open a match a little before its core, and the patterns they open."""
    return re.compile(rf"\b(?=(?i:{words})[\s-])"), patterns


_MONTH_WORDS = _before(
    "in|since|until|till|by|during|through|for|before|after|early|late|mid|end|beginning|this",
    (p.EN_MONTH_BARE,),
)
# Cores: (words, matched case-insensitively?, what must follow, patterns starting at the core,
# words before it that can start a match of other patterns). Months and weekdays are written as in
# the patterns ("March", not "march"); the Vietnamese words take any case.
# fmt: off
CORES: tuple[tuple[tuple[str, ...], bool, str, Patterns, tuple[Pattern, Patterns] | None], ...] = (
    (("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), False,
     "", (p.EN_RANGE, p.EN_MONTH_RANGE, p.EN_DAY, p.EN_MONTH, p.EN_MONTH_LIST),
     _MONTH_WORDS),
    (("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"), False, "",
     (p.NUM_DAY, p.EN_DAY, p.EN_DAY_DM, p.EN_WEEKDAY), _before("last|next|this", (p.EN_WEEKDAY,))),
    (("today", "Today", "tomorrow", "Tomorrow", "yesterday", "Yesterday"), False, "",
     (p.EN_REL_DAY,), None),
    (("week", "month"), False, r"\b", (), _before("this|next|last", (p.EN_REL_PERIOD,))),
    (("Q",), False, "[1-4]", (p.EN_Q,),
     _before("in|by|during|for|until|before|after|since|of", (p.EN_Q,))),
    (("H",), False, "[12]", (p.EN_H,), None),
    (("from", "between"), True, "",
     (p.EN_RANGE, p.EN_RANGE_DM, p.EN_MONTH_RANGE, p.EN_MONTH_BARE, p.YEAR_RANGE), None),
    (("từ",), True, "", (p.VI_RANGE, p.VI_MONTH_RANGE, p.YEAR_RANGE), None),
    (("quarter", "half"), False, "", (), _before(
        "the|first|second|third|fourth|last|final|latter|[1-4](?:st|nd|rd|th)",
        (p.EN_QUARTER, p.EN_HALF))),
    (("year",), False, r"\b", (), _before("this|next|last|current", (p.EN_REL_YEAR,))),
    (("ngày",), True, "",
     (p.VI_DAY, p.VI_DAY_WORDS, p.VI_RANGE, p.VI_REL_DAY), None),
    (("mùng", "mồng"), True, "", (p.VI_DAY, p.VI_DAY_WORDS), None),
    (("hôm", "sáng", "trưa", "chiều", "tối", "đêm"), True, "",
     (p.VI_DAY, p.VI_DAY_WORDS, p.VI_REL_DAY), None),
    (("rạng",), True, "", (p.VI_REL_DAY,), None),
    (("thứ", "chủ"), True, "", (p.VI_DAY, p.VI_DAY_WORDS, p.VI_WEEKDAY), None),
    (("tháng",), True, "", (p.VI_MONTH, p.VI_MONTH_RANGE, p.VI_REL_PERIOD), None),
    (("tuần",), True, "", (p.VI_REL_PERIOD,), None),
    (("quý",), True, "", (p.VI_QUARTER,), None),
    (("sáu", "nửa"), True, "", (p.VI_HALF,), None),
    (("năm",), True, "", (p.VI_YEAR, p.VI_REL_YEAR), None),
)
# Digit runs start dates and years: a year is four digits, a day or a month one or two, and the
# character after it tells which patterns it can start ("20/11", "10-13 March", "1st quarter",
# "1H 2026", "6 tháng", "20, 21 and 22 November"). " " stands for any white space.
# fmt: off
YEAR_AFTER: dict[str, Patterns] = {
    "-": (p.ISO_DAY, p.YEAR_RANGE, p.YEAR), " ": (p.YEAR_RANGE, p.YEAR),
    "–": (p.YEAR_RANGE, p.YEAR), "—": (p.YEAR_RANGE, p.YEAR),
}
DAY_AFTER: dict[str, Patterns] = {
    "/": (p.NUM_DAY, p.VI_RANGE, p.VI_BARE_DAY), ".": (p.NUM_DAY,),
    "-": (p.NUM_DAY, p.EN_RANGE_DM, p.VI_RANGE, p.VI_BARE_DAY),
    "–": (p.EN_RANGE_DM, p.VI_RANGE), "—": (p.EN_RANGE_DM, p.VI_RANGE), ",": (p.EN_DAY_DM,),
    " ": (p.EN_RANGE_DM, p.EN_DAY_DM, p.VI_RANGE, p.VI_HALF),
    **dict.fromkeys("snrt", (p.EN_RANGE_DM, p.EN_DAY_DM, p.EN_QUARTER, p.EN_HALF)),
    "H": (p.EN_H,),
}
# fmt: on


def _row_of(word: str) -> int:
    return next(row for row, (words, *_) in enumerate(CORES) if word in words)


# Patterns a digit run starts that hold a core word after it ("20 November", "6 tháng", "1st
# quarter"): in a text without that word they cannot match, and are not tried.
NEEDS: dict[Pattern, int] = {
    p.EN_RANGE_DM: _row_of("Jan"),
    p.EN_DAY_DM: _row_of("Jan"),
    p.VI_HALF: _row_of("tháng"),
    p.EN_QUARTER: _row_of("quarter"),
    p.EN_HALF: _row_of("half"),
}
# The longest opening before a core, "beginning of" with runs of at most 7 spaces, spans 25
# characters; where a longer run of spaces comes before a core, the patterns it may open are
# scanned over the whole text instead.
LOOK_BACK = 32
LONG_SPACE = re.compile(r"\s{8}")
# Letters from the most to the least frequent in English or Vietnamese news, whichever uses the
# letter more ("g" is rare in English, common in Vietnamese): counted on the seed articles and
# the press corpus.
_BY_FREQUENCY = "nheticagorsudlmvpfkybwqxjz"


def anchor_at(word: str) -> int:
    """Where the scan finds a core word: at its first letter with a diacritic ("ngày" at "à"),
    at a capital ("March"), else at its rarest letter ("today" at "y"): the scan then stops at
    few characters of a text."""
    marked = next((k for k, c in enumerate(word) if not c.isascii()), None)
    if marked is not None:
        return marked
    if word[0].isupper():
        return 0
    return max(range(len(word)), key=lambda k: _BY_FREQUENCY.find(word[k]))


def _cases(letter: str, any_case: bool) -> set[str]:
    """The characters a pattern's letter matches: itself, or its cases ("ſ" is an "s" too)."""
    if not any_case:
        return {letter}
    return {letter, letter.upper(), letter.lower(), *("ſ" if letter == "s" else "")}


def _core_scan() -> tuple[Pattern, dict[str, tuple[int, int]]]:
    """The scan for cores, and for each of its alternatives the CORES row and the offset of the
    letter it stops at from the start of the core.

    Every alternative begins with a plain letter, so the engine skips to those letters, and only
    that letter is consumed, so no core inside another one is passed over. A Vietnamese word is
    found by its first letter with a diacritic ("ngày" by "à"): those are rare in English text;
    an English one by its rarest letter (see `anchor_at`).
    """
    firsts: dict[str, list[str]] = defaultdict(list)
    where: dict[str, tuple[int, int]] = {}
    for row, (words, any_case, follow, _, _) in enumerate(CORES):
        mode = "i" if any_case else ""
        for word in words:
            at = anchor_at(word)
            before = f"(?<=(?{mode}:{re.escape(word[: at + 1])}))" if at else ""
            for letter in _cases(word[at], any_case):
                name = f"g{len(where)}"
                where[name] = row, at
                rest = f"(?{mode}:{re.escape(word[at + 1 :])}{follow})"
                firsts[letter].append(f"{before}(?={rest})(?P<{name}>)")
    scan = "|".join(f"{re.escape(c)}(?:{'|'.join(alts)})" for c, alts in sorted(firsts.items()))
    return re.compile(scan), where


CORE_STARTS, CORE_WHERE = _core_scan()
# Digit runs of one or two digits followed by a character that can come after a day or a month,
# and years (four digits, "19.." or "20..").
NUMBERS = re.compile(r"\d(?<!\d.)\d?(?:(?=[-–—/.,snrtH\s])|(?<=19|20)\d\d(?!\d))")


def _look_back(
    text: str, core: int, before: tuple[Pattern, Patterns], starts: dict[Pattern, list[int]]
) -> bool:
    """Add the starts of the words before a core that can open a match; False if too far back."""
    words, patterns = before
    first = max(0, core - LOOK_BACK)
    if LONG_SPACE.search(text, first, core):
        return False
    for word in words.finditer(text, first, core):
        for pattern in patterns:
            starts[pattern].append(word.start())
    return True


def _day_after(rows: set[int]) -> dict[str, Patterns]:
    """DAY_AFTER without the patterns whose core word the text lacks (see NEEDS)."""
    return _day_after_without(frozenset(x for x, row in NEEDS.items() if row not in rows))


@functools.cache
def _day_after_without(lacking: frozenset[Pattern]) -> dict[str, Patterns]:
    return {c: tuple(x for x in patterns if x not in lacking) for c, patterns in DAY_AFTER.items()}


def pattern_starts(text: str) -> tuple[dict[Pattern, list[int]], set[Pattern]]:
    """Every offset at which each pattern can start a match, and the patterns to scan in full."""
    starts: dict[Pattern, list[int]] = defaultdict(list)
    everywhere: set[Pattern] = set()
    rows: set[int] = set()  # the CORES rows found in the text
    for hit in CORE_STARTS.finditer(text):
        row, offset = CORE_WHERE[hit.lastgroup or ""]
        rows.add(row)
        at = hit.start() - offset
        _, _, _, direct, before = CORES[row]
        for pattern in direct:
            starts[pattern].append(at)
        if before is not None and not _look_back(text, at, before, starts):
            everywhere.update(before[1])
    day_after = _day_after(rows)
    for run in NUMBERS.finditer(text):
        at, end = run.span()
        after = text[end : end + 1]
        after = " " if after.isspace() else after
        year = end - at == 4
        for pattern in YEAR_AFTER.get(after, (p.YEAR,)) if year else day_after[after]:
            starts[pattern].append(at)
    for offsets in starts.values():
        offsets.sort()
    return starts, everywhere


def matches_at(pattern: Pattern, text: str, offsets: Iterable[int]) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, trying only the given offsets (a superset of its match starts)."""
    free = 0  # matches do not overlap: the next one starts where the last ended
    for at in offsets:
        if at < free:
            continue
        found = pattern.match(text, at)
        if found is not None:
            end = found.end()
            free = end if end > at else at + 1
            yield found


def scanner(text: str) -> Callable[[Pattern], Iterator[re.Match[str]]]:
    """A stand-in for `pattern.finditer(text)`, for any of the recogniser's patterns."""
    starts, everywhere = pattern_starts(text)

    def finditer(pattern: Pattern) -> Iterator[re.Match[str]]:
        if pattern in everywhere:
            return pattern.finditer(text)
        return matches_at(pattern, text, starts.get(pattern, ()))

    return finditer
