"""Which of the two languages an article is written in."""

from __future__ import annotations

import unicodedata

__all__ = ["detect_language"]


def detect_language(text: str) -> str:
    """ "vi" when enough letters carry Vietnamese diacritics, else "en"."""
    letters = [c for c in text if c.isalpha()]
    marked = sum(1 for c in letters if c in "đĐ" or unicodedata.decomposition(c))
    return "vi" if letters and marked / len(letters) > 0.08 else "en"
