"""Which events a feed holds (cheap to import: the command line makes one before any plan is read)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..choices import EventStatus
    from ..model import Event

__all__ = ["EventFilter"]


@dataclass(frozen=True)
class EventFilter:
    """Which events a feed holds; None admits all. Dates keep events whose window overlaps."""

    body: str | None = None
    track: str | None = None
    status: EventStatus | None = None
    start: dt.date | None = None
    end: dt.date | None = None

    def admits(self, event: Event) -> bool:
        if (
            self.body not in (None, event.body)
            or self.track not in (None, event.track)
            or self.status not in (None, event.status)
        ):
            return False
        if self.start is None and self.end is None:
            return True  # the days are not asked for (every feed of a build): not worked out
        window = event.window
        return (self.start is None or window.end >= self.start) and (
            self.end is None or window.start <= self.end
        )
