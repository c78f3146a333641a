"""What is known of an article's publication date: a day, or only its month or year, or nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = ["Anchor", "Unanchored"]


class Unanchored(Exception):
    """A relative mention needs a part of the publication date (`part`: "year", "month" or
    "day") that the article does not give."""

    def __init__(self, part: str) -> None:
        super().__init__(part)
        self.part = part


@dataclass(frozen=True)
class Anchor:
    """The publication date as far as it is known; `source` says where it was read ("the header",
    "a page stamp"), for messages."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    source: str = ""

    @classmethod
    def of(cls, published: dt.date | Anchor | None) -> Anchor:
        """An anchor for what callers pass as the publication date: a day, an anchor or None."""
        if isinstance(published, Anchor):
            return published
        if published is None:
            return cls()
        return cls(published.year, published.month, published.day)

    @property
    def date(self) -> dt.date | None:
        """The publication day, when the year, month and day are all known."""
        if self.year is None or self.month is None or self.day is None:
            return None
        return dt.date(self.year, self.month, self.day)

    def need_year(self) -> int:
        if self.year is None:
            raise Unanchored("year")
        return self.year

    def need_month(self) -> dt.date:
        """The first day of the publication month."""
        if self.month is None:
            raise Unanchored("month")
        return dt.date(self.need_year(), self.month, 1)

    def need_day(self) -> dt.date:
        day = self.date
        if day is None:
            raise Unanchored("day")
        return day

    def __str__(self) -> str:
        """ "2017-11", "2017" or "2017-11-06", as in the header; "" when nothing is known."""
        if self.year is None:
            return ""
        return "-".join([f"{self.year:04d}", *(f"{n:02d}" for n in (self.month, self.day) if n)])
