"""ISO 3166 country codes and their IANA time zones, from the tz database that `tzdata` ships;
country names in English and Vietnamese, from the Unicode CLDR that Babel ships."""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache
from importlib import resources
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = ["countries", "country_name", "is_zone", "single_zone", "zones_by_country"]


def _table(name: str) -> list[list[str]]:
    text = resources.files("tzdata").joinpath("zoneinfo", name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@cache
def countries() -> dict[str, str]:
    """ISO 3166-1 alpha-2 code -> tzdata's short name: which codes exist, not how to write them
    ("Britain (UK)", "Korea (South)"); `country_name` is the name a reader sees."""
    return {row[0]: row[1] for row in _table("iso3166.tab")}


@cache
def country_name(code: str, lang: str = "en") -> str:
    """The country's name in `lang` ("en" or "vi"), from CLDR: "Vietnam", "Việt Nam";
    "United Kingdom", "Vương quốc Anh". A code CLDR does not name is given as it is."""
    from babel import Locale  # imported here: most commands never name a country

    return str(Locale.parse(lang).territories.get(code, code))


@cache
def zones_by_country() -> dict[str, tuple[str, ...]]:
    zones: defaultdict[str, list[str]] = defaultdict(list)
    for row in _table("zone.tab"):
        zones[row[0]].append(row[2])
    return {code: tuple(sorted(names)) for code, names in zones.items()}


def single_zone(country: str) -> str | None:
    """The country's time zone when it has exactly one, else None."""
    zones = zones_by_country().get(country, ())
    return zones[0] if len(zones) == 1 else None


_ZONE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*")


@cache
def is_zone(name: str) -> bool:
    """An IANA zone name that the bundled tz database has (looked up directly: listing every
    zone took longer than the rest of `chairplan status`)."""
    if not _ZONE_NAME.fullmatch(name):
        return False
    entry = resources.files("tzdata").joinpath("zoneinfo", *name.split("/"))
    try:
        if not entry.is_file():
            return False
    except OSError:  # a name longer than a file name may be: no zone has one
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True
