"""One feed of public holidays per host country of the plan (holidays/VN.ics), to overlay on the
plan's own: the days the holiday rules judge by, named in English and in Vietnamese."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from .. import calendars, geo
from ..model import LANGUAGES, Language, Plan
from . import ics, lines

__all__ = [
    "HOLIDAY_FOLDER",
    "event_countries",
    "holiday_components",
    "holiday_meta",
    "holiday_years",
]

HOLIDAY_FOLDER = "holidays"
_DAY = dt.timedelta(days=1)
_SPAN = 20  # at most this many years of holidays run between the plan's first and last year


def event_countries(plan: Plan) -> list[str]:
    """The countries the plan holds events in."""
    return sorted({e.where.country for e in plan.events if e.where and e.where.country})


def holiday_years(plan: Plan) -> list[int]:
    """The years the plan's events touch (every year between, unless they are far apart)."""
    ends = {y for e in plan.events for y in (e.window.start.year, e.window.end.year)}
    if not ends:
        return []
    first, last = min(ends), max(ends)
    return list(range(first, last + 1)) if last - first <= _SPAN else sorted(ends)


def holiday_meta(country: str, lang: Language, plan: Plan | None = None) -> ics.FeedMeta:
    """holidays/CC.ics, named in `lang` for the plan (its `settings: title:`, else chairplan)."""
    name = geo.country_name(country, lang)
    path = f"{HOLIDAY_FOLDER}/{country}.ics"
    if lang == "vi":
        return ics.FeedMeta(
            path,
            _named(plan, lang, f"ngày lễ – {name}"),
            f"Các ngày lễ chính thức của {name} trong những năm của kế hoạch.",
        )
    return ics.FeedMeta(
        path,
        _named(plan, lang, f"public holidays in {name}"),
        f"The public holidays of {name} in the years of the plan, as the holiday checks see them.",
    )


def _named(plan: Plan | None, lang: Language, what: str) -> str:
    return ics.feed_name(plan, lang, what) if plan is not None else f"chairplan: {what}"


def _holiday_lines(
    country: str, holiday: calendars.Holiday, lang: Language, uid: str
) -> lines.Lines:
    name = geo.country_name(country, lang)
    first, other = (holiday.vi, holiday.en) if lang == "vi" else (holiday.en, holiday.vi)
    where = f"Ngày lễ ở {name}" if lang == "vi" else f"Public holiday in {name}"
    described = ics.sections(other if other != first else None, where)
    return {
        "UID": lines.text("UID", uid),
        "SUMMARY": lines.text("SUMMARY", first),
        "DTSTART": lines.date("DTSTART", holiday.day),
        "DTEND": lines.date("DTEND", holiday.day + _DAY),
        "STATUS": lines.text("STATUS", "CONFIRMED"),
        "TRANSP": lines.text("TRANSP", "TRANSPARENT"),  # a holiday does not make anyone busy
        "DESCRIPTION": lines.text("DESCRIPTION", described),
        "CATEGORIES": lines.texts("CATEGORIES", ["holiday", country]),
    }


def holiday_components(
    countries: list[str], years: list[int], domain: str = ics.DEFAULT_DOMAIN
) -> Iterator[tuple[str, str, list[lines.Lines]]]:
    """(country, UID, the VEVENT's lines in every language) for each holiday of each feed: of
    the `countries` (event_countries) that have a calendar, in the `years` (holiday_years)."""
    for country in (c for c in countries if calendars.is_supported(c)):
        for year in years:
            for holiday in calendars.public_holidays(country, year):
                uid = f"holiday-{country}-{holiday.day:%Y%m%d}@{domain}"
                versions = [_holiday_lines(country, holiday, lang, uid) for lang in LANGUAGES]
                yield country, uid, versions
