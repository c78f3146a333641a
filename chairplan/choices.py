"""The closed vocabularies of the plan, apart from the models, so the CLI can offer them cheaply."""

from __future__ import annotations

from typing import Literal

__all__ = ["EventStatus"]

# held: it took place (recorded after the day, so the plan says what happened).
EventStatus = Literal["planned", "tentative", "confirmed", "held", "postponed", "cancelled"]
