"""The pre-scan finds every place a pattern can match: each pattern's matches equal its `finditer`."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import sys

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from chairplan.sources.mentions import find_mentions
from chairplan.sources.mentions.rules import RULES
from chairplan.sources.mentions.scan import CORES, _cases, anchor_at, matches_at, pattern_starts
from tests.conftest import REPO

SEEDS = [p.read_text(encoding="utf-8") for p in sorted((REPO / "seeds").glob("*.txt"))]
# fmt: off
BITS = [
    *(w for row in CORES for w in row[0]), "Q2", "H1", "1H", "2026", "2025", "1999", "20",
    "11", "3", "6", "31", "1st", "2nd", "3rd", "4th", "12th", "from", "From", "between",
    "BETWEEN", "in", "In", "by", "of", "for", "during", "since", "until", "till", "through",
    "before", "after", "early", "late", "mid", "mid-", "end", "beginning", "this", "This", "next",
    "last", "Last", "current", "the", "The", "first", "second", "third", "fourth", "final",
    "latter", "quarter", "half", "year", "to", "and", "đến", "tới", "nay", "ngoái", "sau", "đó",
    "nữa", "đầu", "cuối", "Hai", "Ba", "Tư", "Năm", "Sáu", "Bảy", "nhật", "Nhật", "từ", "Từ",
    "NGÀY", "Tháng", "QUÝ", "ſince", "ın", "İn", "No.", "$", "%", "people", "Vision", "ASEAN",
    "(the", "I", "IV", " ", " ", " ", "  ", "\n", "\n\n", "\t", "         ", " \u00a0 ", ",", ".",
    "-", "/", "–", "—", ":", "(", ")", "'", "x", "١", "k",
]
# fmt: on
texts = st.lists(st.sampled_from(BITS), max_size=40).map("".join)


def spans(found: list[re.Match[str]]) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in found]


def check_every_pattern(text: str) -> None:
    starts, everywhere = pattern_starts(text)
    for pattern, _ in RULES:
        expected = list(pattern.finditer(text))
        if pattern in everywhere:
            continue  # scanned in full by find_mentions
        assert spans(list(matches_at(pattern, text, starts.get(pattern, ())))) == spans(expected), (
            pattern.pattern
        )


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
@example("from  March 10 to 12, and the first quarter of 2026; thứ Hai, ngày 10/3")
@example("beginning \n of March, in         Q2 2026, Từ ngày 10/3 đến 12/3/2026")
@example("In March, ngày 5 tháng 3 năm 2026, NGÀY 5/3, năm nay, quý II/2026, nửa đầu năm")
def test_the_pre_scan_finds_every_match_of_every_pattern(text: str) -> None:
    check_every_pattern(text)


def test_on_the_real_articles_too() -> None:
    for text in SEEDS:
        check_every_pattern(text)


def test_an_opening_word_far_before_its_core_is_still_found() -> None:
    text = "It is due by the end" + " " * 30 + "of March, in" + "\n" * 12 + "Q2 2026."
    assert pattern_starts(text)[1]  # the patterns they open are scanned over the whole text
    check_every_pattern(text)
    found = find_mentions(text, dt.date(2026, 3, 1))
    assert [(m.text, m.value) for m in found] == [("March", "2026-03"), ("Q2 2026", "2026-Q2")]


def test_the_anchor_letters_take_every_character_the_patterns_do() -> None:
    """A case-insensitive word may be written with any character that re matches its letter with."""
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    for words, any_case, *_ in CORES:
        for word in words:
            letter = word[anchor_at(word)]
            flags = re.IGNORECASE if any_case else 0
            matched = {m.group() for m in re.finditer(re.escape(letter), every, flags)}
            assert matched == _cases(letter, any_case), word


def test_no_core_word_hides_another_inside_it() -> None:
    """The scan reports one core per letter it stops at: a word inside another, both stopping at
    the same letter ("night" in "tonight", were both cores), would hide one of them."""
    anchored = [(w, anchor_at(w), any_case) for words, any_case, *_ in CORES for w in words]
    for (a, at_a, case_a), (b, at_b, case_b) in itertools.permutations(anchored, 2):
        fold = str.lower if case_a or case_b else str
        start = at_a - at_b  # where b would stand in a, both at the letter they stop at
        inside = start >= 0 and start + len(b) <= len(a)
        assert not (inside and fold(a[start : start + len(b)]) == fold(b)), (b, a)
