"""What a mention's sentence says of a date written without its year: whether it speaks of the
future ("will meet on Friday"), so that the date comes after publication."""

from __future__ import annotations

import re

from .patterns import FUTURE, FUTURE_WORDS, REPORTED, REPORTING_WORDS

__all__ = ["speaks_of_future"]

_BEFORE, _AFTER = 200, 30  # characters of a mention's sentence read before and after it
_OPENING = 2  # words before a mention that opens its sentence: "On Friday, leaders will ..."
_SENTENCE_ENDS = ("\n", ". ", "! ", "? ")


def _sentence_before(m: re.Match[str]) -> str:
    """The words of the mention's sentence before it (at most `_BEFORE` characters)."""
    text, start = m.string, m.start("m")
    first = max(0, start - _BEFORE)
    cut = max(
        text.rfind("\n", first, start),
        text.rfind(". ", first, start),
        text.rfind("! ", first, start),
        text.rfind("? ", first, start),
    )
    return text[max(first, cut + 1) : start]


def _says(clause: str, words: tuple[str, ...], pattern: re.Pattern[str]) -> bool:
    """Whether the clause holds one of the words, as a word; most hold none, which a search of
    the lower-cased text for each tells at once."""
    low = clause.lower()
    for word in words:
        if word in low:
            return pattern.search(clause) is not None
    return False


def speaks_of_future(m: re.Match[str]) -> bool:
    """True when the mention's clause is about the future: "will meet on Friday", "sẽ diễn ra
    vào tháng 5", "the retreat on January 28 will open ...". Words after it count up to a comma,
    or past it when the mention opens the sentence ("On Friday, the leaders will ..."), so not
    in "the Vision, adopted in May, will guide ...", nor in a reporting clause ("..., the
    ministry said on Monday")."""
    before = _sentence_before(m)
    if _says(before.rsplit(",", 1)[-1], REPORTING_WORDS, REPORTED):
        return False  # "... will open next week, the ministry said on Monday"
    if _says(before, FUTURE_WORDS, FUTURE):
        return True
    text, end = m.string, m.end("m")
    after = text[end : end + _AFTER]
    cut = min((i for i in (after.find(e) for e in _SENTENCE_ENDS) if i >= 0), default=len(after))
    after = after[:cut]
    opening = len(before.split()) <= _OPENING and "," not in before
    return _says(after if opening else after.split(",")[0], FUTURE_WORDS, FUTURE)
