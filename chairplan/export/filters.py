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
        window = event.window
        return (
            self.body in (None, event.body)
            and self.track in (None, event.track)
            and self.status in (None, event.status)
            and (self.start is None or window.end >= self.start)
            and (self.end is None or window.start <= self.end)
        )
